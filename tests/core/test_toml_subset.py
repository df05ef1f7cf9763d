"""The scanner agrees with tomli (the reference, TOML 1.1) or steps aside: it never accepts
what tomli rejects, never rejects what tomli accepts, reads the values tomli reads, and each
span it gives holds the string value at its key path.

``RELEASELINT_FUZZ_EXAMPLES=100000 pytest tests/core/test_toml_subset.py`` runs the
generated documents longer, with a fresh seed.
"""

from __future__ import annotations

import os
import sys

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
        "newline": pick(["\n", "\n", "\r\n"], ["\r"], clean),
        "comment": pick(["", "", "# c", "#", "# é\t"], ["# \x01", "# \x7f", "# \r"], clean),
        "key": pick(
            ["a", "a", "b", "b", "c", "1", "-_", '"a"', "'b'", '"a.b"', '"\\u0061"', '""', "'c d'"],
            ["ä", "a b", '"\\q"', "", "'a"],
            clean,
        ),
        "dot": pick([".", " . ", "\t."], [".\xa0", ".."], clean),
        "piece": pick(
            ["x", "1.0", " ", "é", "\t", "'", '\\"', "\\\\", "\\n", "\\e", "\\x41",
             "\\u00e9", "\\U0001F600"],
            ["\\uD800", "\\q", "\\", "\x01", "\x7f", "\x0c", "\\x4"],
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
             "07:32:00.5", "1979-05-27 07:32"],
            ["01", "1__0", "0x", "_1", "1.", "tru", "1979-02-30", "+", "1979-05-27T"],
            clean,
        ),
        "separator": pick(
            ["", " ", " ", "\n", "\r\n", " # c\n", "\n\t"], ["\x0c", "\r", " # \x01\n"], clean
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
