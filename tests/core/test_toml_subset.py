"""The scanner agrees with tomli (the reference, TOML 1.1) or steps aside: it never accepts
what tomli rejects, never rejects what tomli accepts, reads the values tomli reads, and each
span it gives holds the string value at its key path.

``RELEASELINT_FUZZ_EXAMPLES=100000 pytest tests/core/test_toml_subset.py`` runs the
generated documents longer, with a fresh seed.
"""

from __future__ import annotations

import functools
import itertools
import os
import re
import sys
from collections.abc import Callable

import pytest
import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from releaselint.core import _toml_subset
from tests.conftest import REPO_ROOT
from tests.layouts import rust_with_bindings, vcs_dynamic

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FUZZ_EXAMPLES = int(os.environ.get("RELEASELINT_FUZZ_EXAMPLES", "0"))
fuzz = settings(
    max_examples=FUZZ_EXAMPLES or 300,
    deadline=None,
    derandomize=not FUZZ_EXAMPLES,
)


def reference(text: str) -> object:
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError:
        return "invalid"


def value_at(data: object, path: tuple[str | int, ...]) -> object:
    for key in path:
        data = data[key]  # type: ignore[index]
    return data


def check(text: str) -> bool:
    """True where the scanner read the values itself (and agreed), False where tomli did."""
    expected = reference(text)
    try:
        data, spans, exact = _toml_subset.scan(text)
    except _toml_subset.Unsupported:
        assert expected == "invalid", f"the scanner rejects what tomli accepts: {text!r}"
        return False
    if not exact and expected == "invalid":
        return False  # a float or a date: tomli's verdict stands
    assert expected != "invalid", f"the scanner accepts what tomli rejects: {text!r}"
    if exact:
        assert data == expected, text
    for path, (start, end) in spans.items():
        raw = text[start:end]
        if text[start - 1] == "'" or "\\" not in raw:
            assert raw == value_at(expected, path), (text, path)
        else:
            assert isinstance(value_at(expected, path), str), (text, path)
    return exact


MANIFESTS = [
    t for f in (rust_with_bindings(), vcs_dynamic()) for n, t in f.items() if n.endswith(".toml")
]


@pytest.mark.parametrize("text", MANIFESTS)
def test_real_manifests_are_read_without_tomli(text: str) -> None:
    assert check(text)


def test_this_repositorys_pyproject_and_lockfile() -> None:
    assert check((REPO_ROOT / "pyproject.toml").read_text())
    assert check((REPO_ROOT / "uv.lock").read_text())


@pytest.mark.parametrize(
    "text",
    [
        # whitespace TOML does not allow around keys (form feed, vertical tab, NBSP, U+3000)
        'a\x0c= "x"\n',
        'a\x0b= "x"\n',
        'a\xa0= "x"\n',
        'a\u3000= "x"\n',
        'a =\x0c"x"\n',
        '\x0ca = "x"\n',
        '[a\xa0]\nb = "x"\n',
        'a = ["x",\x0c"y"]\n',
        'a = {x = "y"\u3000}\n',
        # redefinitions
        'a = "x"\na = "y"\n',
        "[a]\n[a]\n",
        "a = {x = 1}\na.y = 2\n",
        "a = {x = 1}\n[a.y]\n",
        "a = []\n[[a]]\n",
        "a = [1]\n[a.b]\n",
        "[a]\nb.c = 1\n[a.b]\n",
        "[a.b]\nx = 1\n[a]\nb.y = 2\n",
        "[a.b.c]\n[a]\nb.d = 1\n",
        "a.b = 1\n[a]\n",
        "a.b = 1\n[a.c]\n",
        "a.b = 1\n[[a.c]]\n",
        "[[a]]\n[a]\n",
        "[a]\n[[a]]\n",
        "[[a]]\nb.c = 1\n[a.b]\n",
        "[[a]]\nb.c = 1\n[[a]]\n[a.b]\n",
        "[[a]]\n[a.b]\n[[a]]\n[a.b]\n",
        "[[a.b]]\n[a]\n[a]\n",
        "a = {b = {c = 1}, b.d = 2}\n",
        "a = {b.c = 1, b.d = 2}\n",
        "a = {b = [], b.c = 1}\n",
        "a = {b = 1, b.c = 2}\n",
        'a.b = 1\na = "x"\n',
        # values
        'a = "x" b\n',
        "a = 01\n",
        "a = 1__0\n",
        "a = 1_\n",
        "a = 0x_1\n",
        "a = +0x1\n",
        "a = 0xff\nb = 0o17\nc = 0b101\nd = -0\ne = +1_000\n",
        "a = truex\n",
        "a = \n",
        "= 1\n",
        "a b = 1\n",
        "a = +\n",
        "a = inf\nb = -nan\n",
        "a = 1.5\nb = 'x'\n",
        "a = 1979-05-27\nb = 1979-05-27 07:32\nc = 07:32\nd = 1979-02-30\n",
        "a = 1979-05-27T\n",
        # strings
        'a = "\x01"\n',
        'a = "\\e\\x41\\u00e9\\U0001F600"\n',
        'a = "\\uD800"\n',
        'a = "\\x4"\n',
        'a = "\\q"\n',
        'a = "\\ "\n',
        "a = 'it''s'\n",
        'a = """x"""\n',
        'a = """\nx\\\n   y"""\n',
        'a = """\r\nx\r\ny\\  \r\n  z"""\n',
        'a = """x\\  y"""\n',
        'a = """x""""\n',
        'a = """x"""""\n',
        'a = """x""""""\n',
        "a = '''\nx'''''\n",
        "a = '''x\ry'''\n",
        'a = """\\"""\n',
        # keys
        '"a.b" = 1\n\'c\' = 2\n"\\u0061" = 3\n',
        '"" = 1\n',
        "ä = 1\n",
        'a."b" = 1\n',
        "a . b = 1\n",
        # lines
        "a = 1 # ok\r\nb = [\n  1, # one\n  2,\n]\n",
        "a = 1\r",
        "a = 1\rb = 2\n",
        "# \x01\n",
        "# \r\n",
        "\ufeffa = 1\n",
        "[a]]\n",
        "[a\n]\n",
        "[ [a]]\n",
        "[[a] ]\n",
        "[ a . b ]\n[[ c ]]\n",
        # TOML 1.1: inline tables over several lines, with trailing commas and comments
        "a = {x = 1,\n y = 2, # c\n}\n",
        'a = {b = """""", c = "", d = """x""", e = \'\'\'\'\'\'}\n',
        "a = {\n}\n",
        "a = {,}\n",
        "a = [,]\n",
        "a = [1,,2]\n",
        "a = [1 2]\n",
        "a = {x = 1 y = 2}\n",
        "[x]\nv.workspace = true\n[[p]]\nn = 'a'\n[p.m]\nk = -0\n[[p]]\n",
        "[[a]]\n[[a.b]]\nb = 'x'\n",
        "[[a]]\n[[a.b]]\n[[a]]\n[[a.b]]\nv = 1\n[a.b.c]\nw = 'y'\n",
    ],
)
def test_edge_cases(text: str) -> None:
    check(text)


SPANS = [
    (
        'corelib = { path = "../core", version = "1.5.0" }\n',
        {("corelib", "path"): "../core", ("corelib", "version"): "1.5.0"},
    ),
    (
        "[project]\ndependencies = [\n  \"corelib==1.4.0\",  # pinned\n  'x',\n]\n",
        {("project", "dependencies", 0): "corelib==1.4.0", ("project", "dependencies", 1): "x"},
    ),
    (
        '[[package]]\nversion = "1"\n[[package]]\nversion = \'2\'\n[package.m]\nk = "x"\n',
        {
            ("package", 0, "version"): "1",
            ("package", 1, "version"): "2",
            ("package", 1, "m", "k"): "x",
        },
    ),
    (
        '[dependencies]\nbiome = {\n  workspace = true,\n  features = ["a", "b"],\n}\n',
        {
            ("dependencies", "biome", "features", 0): "a",
            ("dependencies", "biome", "features", 1): "b",
        },
    ),
    (
        'a.b = [{c = {d = "e"}}, ["f"]]\n"q.r" = "s"\n',
        {("a", "b", 0, "c", "d"): "e", ("a", "b", 1, 0): "f", ("q.r",): "s"},
    ),
    ("a = \"1.0\\u002e0\"\nb = 'c:\\d'\n", {("a",): "1.0\\u002e0", ("b",): "c:\\d"}),
    ('a = """x"""\nb = 1.5\nc = "d"\n', {("c",): "d"}),
]


@pytest.mark.parametrize(("text", "expected"), SPANS)
def test_spans(text: str, expected: dict[tuple[str | int, ...], str]) -> None:
    spans = _toml_subset.scan(text)[1]
    assert {path: text[start:end] for path, (start, end) in spans.items()} == expected
    check(text)


# -- generated documents -----------------------------------------------------------------


def pick(valid: list[str], invalid: list[str], clean: bool) -> st.SearchStrategy[str]:
    """One of ``valid``, or in a document that need not be clean, now and then ``invalid``."""
    return st.sampled_from(valid if clean else valid * 3 + invalid)


def alphabet(clean: bool) -> dict[str, st.SearchStrategy[str]]:
    return {
        # TOML's whitespace is space and tab; the rest is there to be refused
        "ws": pick(["", "", " ", "\t", "  "], ["\x0c", "\x0b", "\xa0", "\u3000", "\r"], clean),
        "newline": pick(["\n", "\n", "\r\n"], ["\r", "\r\r\n"], clean),
        "comment": pick(
            ["", "", "# c", "#", "# é\t", "#\t#", "# \x85\u2028", "# 'x' = \"y\""],
            ["# \x01", "# \x7f", "# \r", "#\x00", "# c\x1f"],
            clean,
        ),
        "key": pick(
            ["a", "a", "b", "b", "c", "1", "-_", '"a"', "'b'", '"a.b"', '"\\u0061"', '""', "'c d'",
             '"a\\"b"', '"\\\\"', "'\"'", '"\'"', '"a\tb"', "'é'", "A-9_z"],
            ["ä", "a b", '"\\q"', "", "'a", '"\x7f"', '"a\\"', "'a\x01'"],
            clean,
        ),
        "dot": pick([".", " . ", "\t."], [".\xa0", ".."], clean),
        "piece": pick(
            ["x", "1.0", " ", "é", "\t", "'", '\\"', "\\\\", "\\n", "\\e", "\\x41",
             "\\u00e9", "\\U0001F600", "#", "=", "\x85", "\u2028"],
            ["\\uD800", "\\q", "\\", "\x01", "\x7f", "\x0c", "\\x4", "\x00", "\r", "\\U00110000",
             "\\\x01"],
            clean,
        ),
        "ml_piece": pick(
            ["x", "\n", "\r\n", '"', '""', "'", "''", "\\\n  ", "\\  \n", "\\n", "\\\\", "\t", "é"],
            ["\r", "\\ x", "\x01"],
            clean,
        ),
        "scalar": pick(
            ["0", "1", "-1", "+12", "1_000", "0x1F", "0o7", "0b1", "-0", "1.5", "1e3", "-0.0",
             "inf", "-nan", "true", "false", "1979-05-27", "1979-05-27T07:32:00Z", "07:32",
             "07:32:00.5", "1979-05-27 07:32", "12:30:00", "0979-05-27", "00:00", "+inf",
             "0xdead_beef", "1_2_3", "123456789012345678", "1234567890123456789", "-0.1e-3",
             "1979-05-27T07:32:00-07:00", "1E+2", "12345678901234567890"],
            ["01", "1__0", "0x", "_1", "1.", "tru", "1979-02-30", "+", "1979-05-27T", "0_1",
             "-01", "+0x1", "1_", "0b2", "0o8", "1e", "24:00", "1_000.5_", "truefalse", "1x",
             "١"],
            clean,
        ),
        "separator": pick(
            ["", " ", " ", "\n", "\r\n", " # c\n", "\n\t", "\t#\t\r\n"],
            ["\x0c", "\r", " # \x01\n", "#\r\r\n"],
            clean,
        ),
        "comma": pick([","], [",,", ""], clean),
    }  # fmt: skip


@st.composite
def keys(draw: st.DrawFn, a: dict[str, st.SearchStrategy[str]]) -> str:
    parts = draw(st.lists(a["key"], min_size=1, max_size=3))
    return draw(a["dot"]).join(parts)


@st.composite
def strings(draw: st.DrawFn, a: dict[str, st.SearchStrategy[str]]) -> str:
    kind = draw(st.sampled_from(['"', '"', "'", '"""', "'''"]))
    body = "".join(draw(st.lists(a["ml_piece" if len(kind) == 3 else "piece"], max_size=5)))
    if kind == "'":
        body = body.replace("'", "")
    if len(kind) == 1:
        return kind + body + kind
    start = draw(st.sampled_from(["", "", "\n", "\r\n"]))
    extra = draw(st.sampled_from(["", "", kind[0], kind[0] * 2]))
    return kind + start + body + kind + extra


def values(a: dict[str, st.SearchStrategy[str]]) -> st.SearchStrategy[str]:
    @st.composite
    def array(draw: st.DrawFn, items: st.SearchStrategy[str]) -> str:
        out = "[" + draw(a["separator"])
        for item in draw(st.lists(items, max_size=3)):
            out += item + draw(a["separator"]) + draw(a["comma"]) + draw(a["separator"])
        return out + "]"

    @st.composite
    def inline_table(draw: st.DrawFn, items: st.SearchStrategy[str]) -> str:
        out = "{" + draw(a["separator"])
        for number, (key, value) in enumerate(
            draw(st.lists(st.tuples(keys(a), items), max_size=3))
        ):
            if number:
                out += draw(a["comma"]) + draw(a["separator"])
            out += key + draw(a["ws"]) + "=" + draw(a["ws"]) + value + draw(a["separator"])
        return out + draw(st.sampled_from(["", "", ","])) + draw(a["separator"]) + "}"

    return st.recursive(
        a["scalar"] | strings(a), lambda items: array(items) | inline_table(items), max_leaves=6
    )


ALPHABETS = {clean: alphabet(clean) for clean in (True, False)}
VALUES = {clean: values(a) for clean, a in ALPHABETS.items()}


@st.composite
def documents(draw: st.DrawFn) -> str:
    clean = draw(st.booleans())
    a = ALPHABETS[clean]
    out = draw(st.sampled_from(["", "", "", "\ufeff"]))
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["kv", "kv", "kv", "table", "array", "comment", "blank"]))
        if kind == "kv":
            body = draw(keys(a)) + draw(a["ws"]) + "=" + draw(a["ws"]) + draw(VALUES[clean])
        elif kind == "table":
            body = "[" + draw(a["ws"]) + draw(keys(a)) + draw(a["ws"]) + "]"
        elif kind == "array":
            body = "[[" + draw(a["ws"]) + draw(keys(a)) + draw(a["ws"]) + "]]"
        else:
            body = ""
        out += draw(a["ws"]) + body + draw(a["ws"]) + draw(a["comment"]) + draw(a["newline"])
    return out


@fuzz
@given(documents())
def test_generated_documents(text: str) -> None:
    check(text)


@fuzz
@given(st.data())
def test_generated_documents_without_mistakes(data: st.DataObject) -> None:
    # every top-level key once, under one table: nearly all of them valid
    pairs = data.draw(st.dictionaries(st.sampled_from("abcdefgh"), VALUES[True], max_size=6))
    check("[t]\n" + "".join(f"{key} = {value}\n" for key, value in pairs.items()))


@pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib is new in Python 3.11")
@fuzz
@given(documents())
def test_tomli_only_widens_what_tomllib_reads(text: str) -> None:
    # tomli (TOML 1.1) replaces tomllib (TOML 1.0) everywhere: it must read every document
    # tomllib reads, to the same values
    try:
        expected = tomllib.loads(text, parse_float=str)  # NaN is not equal to itself
    except tomllib.TOMLDecodeError:
        return
    assert tomli.loads(text, parse_float=str) == expected


# -- the hand-written runs against their patterns ------------------------------------------
# The scanner reads with str methods what these patterns describe, so that a run that reads
# a plain manifest never imports ``re``: each run must end where its pattern's match ends,
# and read what the match reads, on any text.

CTRL = "\x00-\x08\x0a-\x1f\x7f"
BLANK_RE = re.compile(r"[ \t]*")
GAP_RE = re.compile(rf"(?:[ \t\n]|\r\n|#[^{CTRL}]*)*")
COMMENT_RE = re.compile(rf"#[^{CTRL}]*")
BARE_KEY_RE = re.compile(r"[A-Za-z0-9_-]+")
LITERAL_RE = re.compile(rf"'([^'{CTRL}]*)'")
BASIC_RE = re.compile(rf'"([^"\\{CTRL}]*(?:\\.[^"\\{CTRL}]*)*)"')
ESCAPE_RE = re.compile(
    r'\\(?:([btnfre"\\])|x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|([ \t]*\n[ \t\n]*)|)'
)
PAIR_RE = re.compile(rf'([A-Za-z0-9_-]+)[ \t]*=[ \t]*"(?!"")([^"\\{CTRL}]*)"')
PAIR_KEY_RE = re.compile(r"([A-Za-z0-9_-]+)[ \t]*=[ \t]*")
SIMPLE_LINE_RE = re.compile(
    r"([A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*)[ \t]*=[ \t]*"
    rf"(?:\"([^\"\\{CTRL}]*)\"|'([^'{CTRL}]*)'|(true|false|[+-]?(?:0|[1-9](?:_?[0-9]){{0,17}})))"
    rf"[ \t]*(?:#[^{CTRL}]*)?(?:\r?\n|\Z)"
)
SPECIAL_FLOAT_RE = re.compile(r"[+-]?(?:inf|nan)")

# pieces of TOML, with every character class the runs tell apart
PIECES = [
    "a", "Z", "9", "0", "1", "_", "-", "+", ".", " ", "\t", "=", ",", "[", "]", "{", "}",
    '"', "'", '"""', '""', "\\", "\\n", '\\"', "\\\\", "\\e", "\\x41", "\\x4", "\\u00e9",
    "\\uD800", "\\U0001F600", "\\U00110000", "\\q", "\\ ", "\\\t\n", "#", "\n", "\r", "\r\n",
    "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1f", "\x7f", "\x85", "\xa0", "é", "\u3000",
    "\u2028", "١", "true", "false", "inf", "nan", "x", "o", "b", "e", "E", ":", "T", "Z",
    "1_000", "01", "0x1F", "0o7", "0b1", "123456789012345678", "1979-05-27", "07:32:00", "1.5",
    "key", "a.b", " = ", "# c",
]  # fmt: skip
SOUP = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


def end_of(match: re.Match[str] | None) -> int:
    return -1 if match is None else match.end()


def unescape_twin(raw: str) -> str:
    def decode(match: re.Match[str]) -> str:
        simple, x2, u4, u8, line_end = match.groups()
        if simple is not None:
            return _toml_subset._ESCAPES[simple]
        if line_end is not None:
            return ""
        digits = x2 or u4 or u8
        if digits is None:
            raise _toml_subset.Unsupported
        code = int(digits, 16)
        if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
            raise _toml_subset.Unsupported
        return chr(code)

    return ESCAPE_RE.sub(decode, raw)


def outcome(read: Callable[[], object]) -> object:
    """What ``read`` returns, or the exception it raises with its arguments."""
    try:
        return read()
    except _toml_subset.Limit as e:
        return ("Limit", e.message, e.pos)
    except _toml_subset.Unsupported as e:
        return ("Unsupported", e.args)


# what strings and comments hold, and what ends them
BODY_PIECES = [
    "x", "é", " ", "\t", "#", "=", "'", '"', '"""', "\\", "\\\\", '\\"', "\\n", "\\\n", "\\\r\n",
    "\\\x01", "\\'", "\n", "\r", "\r\n", "\x00", "\x01", "\x1f", "\x7f", "\x85", "\xa0",
    "\u2028", "\U0001f600",
]  # fmt: skip
BODY = st.lists(st.sampled_from(BODY_PIECES), max_size=8).map("".join)


@fuzz
@given(SOUP, SOUP | BODY)
def test_runs_end_where_their_patterns_ended(before: str, text: str) -> None:
    text = before + text
    pos = len(before)
    assert _toml_subset._blank_end(text, pos) == end_of(BLANK_RE.match(text, pos))
    assert _toml_subset._gap_end(text, pos) == end_of(GAP_RE.match(text, pos))
    assert _toml_subset._run_end(text, pos, _toml_subset._BARE_CHARS) == max(
        pos, end_of(BARE_KEY_RE.match(text, pos))
    )
    comment = before + "#" + text[pos:]
    assert _toml_subset._comment_end(comment, pos + 1) == end_of(COMMENT_RE.match(comment, pos))
    for quote, pattern, close in (
        ('"', BASIC_RE, _toml_subset._basic_close),
        ("'", LITERAL_RE, _toml_subset._literal_close),
    ):
        string = before + quote + text[pos:]
        match = pattern.match(string, pos)
        assert close(string, pos + 1) == (-1 if match is None else match.end() - 1), string


def test_every_short_string_and_comment_ends_where_its_pattern_ended() -> None:
    for size in range(4):
        for pieces in itertools.product(BODY_PIECES, repeat=size):
            body = "".join(pieces)
            assert _toml_subset._comment_end("#" + body, 1) == end_of(COMMENT_RE.match("#" + body))
            for quote, pattern, close in (
                ('"', BASIC_RE, _toml_subset._basic_close),
                ("'", LITERAL_RE, _toml_subset._literal_close),
            ):
                match = pattern.match(quote + body)
                assert close(quote + body, 1) == end_of(match) - (match is not None), body
            unescaped = outcome(functools.partial(_toml_subset._unescape, body))
            assert unescaped == outcome(functools.partial(unescape_twin, body)), body


def test_long_runs_are_read_in_chunks() -> None:
    # the bare-key and digit runs read 32 characters at a time: across a chunk's end too
    for size in (31, 32, 33, 64, 65, 100):
        key = "k" * size
        assert _toml_subset.scan(f"{key} = 1\n{key}x.y = {{{key} = 2}}\n")[0] == {
            key: 1,
            f"{key}x": {"y": {key: 2}},
        }
        for digits in ("1" * size, "1" * (size - 1) + "_1", "1" * 31 + "_" + "2" * size):
            assert _toml_subset.scan(f"a = [{digits}]\n")[0] == {"a": [int(digits)]}


@fuzz
@given(SOUP | BODY)
def test_escapes_are_decoded_as_the_pattern_decoded_them(raw: str) -> None:
    assert outcome(lambda: _toml_subset._unescape(raw)) == outcome(lambda: unescape_twin(raw))


def simple_line_twin(text: str, pos: int) -> object:
    line = SIMPLE_LINE_RE.match(text, pos)
    if line is None:
        return None
    dotted, basic, literal, word = line.groups()
    keys = [k.strip(" \t") for k in dotted.split(".")]
    if basic is not None or literal is not None:
        group = 2 if basic is not None else 3
        return keys, line.group(group), line.span(group), line.end()
    value = word == "true" if word in ("true", "false") else int(word.replace("_", ""))
    return keys, value, None, line.end()


def pair_twin(text: str, pos: int) -> object:
    pair = PAIR_RE.match(text, pos)
    key = PAIR_KEY_RE.match(text, pos)
    if key is None:
        return None
    return key.end(1), key.end(), None if pair is None else pair.span(2)


# a line as manifests write it, and the near misses of each of its parts
LINE_PARTS = [
    ["a", "a.b", "a . b", "a\t.b", "A-9_z", "a..b", "a.", "a b", '"a"', "a.'b'", "é", "a\r"],
    ["=", " = ", "\t=  ", "", "==", " =\x0c"],
    [
        '"x"', '""', '"""x"""', '"" ', "'y'", "''", "'''y'''", '"\\n"', '"a\tb"', '"\x01"',
        "'\x7f'", '"é\x85"', "'#'", '"="', '"x', "'y", "true", "false", "truex", "0", "01",
        "-0", "+12", "1_000", "1__0", "1_", "_1", "+", "123456789012345678",
        "1234567890123456789", "١", "1.5", "1979-05-27", "0x1F", "[1]", "{a = 1}", "",
    ],
    ["", " ", "\t", " # c", "#", "# 'x' = \"y\"", "#\x7f", "#\t\x85", " x", "\r"],
    ["\n", "\r\n", "", "\r", "\nb = 1\n", "\r\r\n"],
]  # fmt: skip
LINES = st.tuples(*map(st.sampled_from, LINE_PARTS)).map("".join)


def test_every_line_is_read_as_its_pattern_read_it() -> None:
    for parts in itertools.product(*LINE_PARTS):
        text = "".join(parts)
        assert _toml_subset._simple_line(text, 0) == simple_line_twin(text, 0), text
        assert _toml_subset._pair(text, 0) == pair_twin(text, 0), text


@fuzz
@given(SOUP, LINES | SOUP)
def test_fast_lines_are_the_patterns_lines(before: str, text: str) -> None:
    text = before + text
    pos = len(before)
    if text[pos : pos + 1] in _toml_subset._BARE_START:  # as the scanner calls it
        assert _toml_subset._simple_line(text, pos) == simple_line_twin(text, pos)
    assert _toml_subset._pair(text, pos) == pair_twin(text, pos)


def scalar_twin(text: str) -> object:
    """The value after ``a = `` as the patterns read numbers, dates and times: (value,
    end, exact)."""
    integer = _toml_subset._Scanner(text).integer
    match = _toml_subset._DATETIME_RE.match(text, 4) or _toml_subset._LOCAL_TIME_RE.match(text, 4)
    if match is None:
        match = _toml_subset._NUMBER_RE.match(text, 4)
        if match is not None and not match.group(1):
            return integer(match.group(), 4), match.end(), True
        if match is None:
            match = SPECIAL_FLOAT_RE.match(text, 4)
            if match is None:
                raise _toml_subset.Unsupported(4)
    return None, match.end(), False


def scalar(text: str) -> object:
    scanner = _toml_subset._Scanner(text)
    scanner.pos = 4
    return scanner.scalar(("a",)), scanner.pos, scanner.exact


NUMBER_PIECES = [
    "0", "1", "7", "9", "_", "+", "-", ".", "e", "E", "x", "o", "b", "f", "A", "i", "n", "inf",
    "nan", "1979", "0979", "-05", "-27", "T", " ", "07", "24", ":", "32", ":00", ".5", "Z", "z",
    "-07:00", ",", "]", "١", "0x", "0o", "0b", "1_000", "\n", "07:32", "00:00", "12:30:00",
    "1979-05-27", "1979-05-27T07:32:00Z", "0x1F", "1e3", "1.5", "1_000.5",
]  # fmt: skip


@fuzz
@given(st.lists(st.sampled_from(NUMBER_PIECES), min_size=1, max_size=5).map("".join))
def test_numbers_dates_and_times_are_read_as_the_patterns_read_them(value: str) -> None:
    text = "a = " + value
    assert outcome(lambda: scalar(text)) == outcome(lambda: scalar_twin(text)), text


def test_limits_hold_on_the_fast_paths() -> None:
    assert outcome(lambda: scalar("a = " + "9" * 4001)) == ("Limit", "integer too long", 4)
    assert outcome(lambda: scalar("a = " + "9_" * 4000 + "9")) == ("Limit", "integer too long", 4)
    assert scalar("a = " + "9" * 4000 + "]") == (int("9" * 4000), 4004, True)
