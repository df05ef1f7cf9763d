"""JSON and JSONC as the manifest readers see them: BOM, located errors, limits, linear time."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from releaselint.core import json as jsonfile
from releaselint.core import yaml as yamlfile
from releaselint.core.commit_config import read_js_config
from releaselint.core.errors import FatalError
from releaselint.core.manifests import package_json
from tests.conftest import Repo, bare_python_env
from tests.core.test_history_units import cache_files, groups
from tests.layouts import released, rust_with_bindings
from tests.test_imports import imported

BOM = "\ufeff"


@pytest.mark.parametrize("jsonc", [False, True])
def test_a_byte_order_mark_is_skipped_and_spans_count_it(jsonc: bool) -> None:
    text = BOM + '{\n  "name": "a",\n  "version": "1.2.3"\n}\n'
    assert jsonfile.load("package.json", text, jsonc=jsonc) == {"name": "a", "version": "1.2.3"}
    start, end = jsonfile.string_spans(text, [("version",)])[("version",)]
    assert text[start:end] == "1.2.3"
    assert jsonfile.locate(text, ("version",)) == 3


def test_a_package_json_with_a_byte_order_mark() -> None:
    text = BOM + '{"name": "a", "version": "1.2.3"}'
    (declaration,) = package_json.read("package.json", text).declarations
    assert text[declaration.start : declaration.end] == "1.2.3"


def nested(depth: int, kind: str) -> str:
    if kind == "array":
        return "[" * depth + "]" * depth
    return '{"a":\n' * depth + "1" + "}" * depth


@pytest.mark.parametrize("jsonc", [False, True])
@pytest.mark.parametrize(
    ("text", "message"),
    [
        (nested(101, "array"), "x.json:1: nesting deeper than 100 levels"),
        (nested(101, "object"), "x.json:101: nesting deeper than 100 levels"),
        # past where the C parser and json5 exhaust the stack
        (nested(5000, "array"), "x.json:1: nesting deeper than 100 levels"),
        (nested(2000, "object"), "x.json:101: nesting deeper than 100 levels"),
        ('{"a": [1, 2],\n "b": ' + "9" * 4001 + "}", "x.json:2: integer too long"),
        ('{"a":\n -' + "9" * 4001 + "}", "x.json:2: integer too long"),
    ],
)
def test_limits_are_located_errors(text: str, message: str, jsonc: bool) -> None:
    with pytest.raises(FatalError) as caught:
        jsonfile.load("x.json", text, jsonc=jsonc)
    assert str(caught.value) == message


@pytest.mark.parametrize("jsonc", [False, True])
@pytest.mark.parametrize(
    "text",
    [
        nested(100, "array"),
        nested(100, "object"),
        "[" + "9" * 4000 + ", -" + "9" * 4000 + "]",
        "[1." + "0" * 5000 + ", 1" + "0" * 5000 + "e-5000]",  # floats, not integers
        '{"a": "' + "[{" * 300 + '", "b": "\\"[[["}',  # brackets in strings do not nest
    ],
)
def test_up_to_the_limits(text: str, jsonc: bool) -> None:
    assert jsonfile.load("x.json", text, jsonc=jsonc) is not None


def test_jsonc_limits_outside_comments_and_single_quoted_strings() -> None:
    text = "// [[[[\n/* {{{{ " + "9" * 5000 + " */\n{'a': '" + "[" * 200 + "', b: 0x1F}\n"
    assert jsonfile.load("deno.jsonc", text, jsonc=True) == {"a": "[" * 200, "b": 31}
    with pytest.raises(FatalError, match=r"^deno\.jsonc:2: integer too long$"):
        jsonfile.load("deno.jsonc", "{\n a: 0x" + "f" * 4001 + "}", jsonc=True)


def test_a_deep_javascript_config_is_a_located_error() -> None:
    shallow = "module.exports = " + "{a: " * 60 + "1" + "}" * 60
    assert read_js_config("commitlint.config.js", shallow)[0] is not None
    deep = "module.exports = " + "{a: " * 200 + "1" + "}" * 200
    with pytest.raises(FatalError, match=r"^commitlint\.config\.js:1: nested deeper than"):
        read_js_config("commitlint.config.js", deep)


@pytest.mark.parametrize(
    "text",
    [
        "/*" * 4096,
        '"\\"' * 4096,
        "[" * 4096,
        "{'a': '" + "\\'" * 4096,
        ("\\" * 64 + '"') * 64,  # runs of backslashes before each quote
        '"' + "\\" * 4096,
    ],
)
@pytest.mark.parametrize("jsonc", [False, True])
def test_pathological_inputs_end_in_linear_time(text: str, jsonc: bool) -> None:
    # each size four times the last: a quadratic scan would take minutes at the largest
    for factor in (1, 4, 16):
        with pytest.raises(FatalError, match=r"^x\.json"):
            jsonfile.load("x.json", text * factor, jsonc=jsonc)
        assert jsonfile.string_spans(text * factor, [("a",)]) == {}


@pytest.mark.parametrize("jsonc", [False, True])
def test_long_arrays_in_linear_time(jsonc: bool) -> None:
    for size in (128, 512, 2048):
        text = '{"a": [' + '"x", ' * size + '"y"]}'
        assert len(jsonfile.load("x.json", text, jsonc=jsonc)["a"]) == size + 1
        assert jsonfile.string_spans(text, [("a", size)]) == {
            ("a", size): (len(text) - 4, len(text) - 3)
        }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: [x, {c: d}]\n", {"a": 1, "b": ["x", {"c": "d"}]}),
        ("a: &x [1]\nb: *x\n", {"a": [1], "b": [1]}),
    ],
)
def test_yaml(text: str, expected: object) -> None:
    assert yamlfile.load("c.yaml", text) == expected


def test_yaml_up_to_the_limit() -> None:
    data = yamlfile.load("c.yaml", "[" * 100 + "]" * 100)
    for _ in range(99):
        (data,) = data
    assert data == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 101 + "]" * 101, "c.yaml:1: nesting deeper than 100 levels"),
        ("- " * 2000 + "1", "c.yaml:1: nesting deeper than 100 levels"),
        (
            "a:\n" + "".join("  " * i + "b:\n" for i in range(1, 200)),
            "c.yaml:100: nesting deeper than 100 levels",
        ),
        ("a: 1\nb: " + "9" * 4001, "c.yaml:2: integer too long"),
        ("a: 2024-13-45\n", "c.yaml:1: invalid YAML: month must be in 1..12"),
        ("a: [\n", "c.yaml:2: invalid YAML: expected the node content, but found '<stream end>'"),
    ],
)
def test_yaml_errors_are_located(text: str, message: str) -> None:
    with pytest.raises(FatalError) as caught:
        yamlfile.load("c.yaml", text)
    assert str(caught.value) == message


BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n"
    for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: &a [1, *a]\n", "c.yaml:1: alias *a inside its own anchor"),
        ("a: &a\n  b: *a\n", "c.yaml:2: alias *a inside its own anchor"),
        (BOMB, "c.yaml:6: aliases expand past 1,000,000 values"),
    ],
)
def test_yaml_aliases_a_reader_cannot_walk(text: str, message: str) -> None:
    with pytest.raises(FatalError) as caught:
        yamlfile.load("c.yaml", text)
    assert str(caught.value) == message


def test_a_large_yaml_document_that_writes_its_values_out_is_no_bomb(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The value limit is on what aliases add: a lockfile of millions of values written out
    (a 9 MB pnpm-lock.yaml) reads, an alias bomb past the limit does not (the limit is
    lowered here to keep the document small)."""
    monkeypatch.setattr(yamlfile, "MAX_VALUES", 1000)
    text = "".join(f"k{i}: [a, b, c]\n" for i in range(1000))  # 5,001 values
    assert len(yamlfile.load("c.yaml", text)) == 1000
    bomb = text + "z: &z [x, x, x, x, x, x, x, x, x, x]\ny: [" + ", ".join(["*z"] * 900) + "]\n"
    with pytest.raises(FatalError) as caught:
        yamlfile.load("c.yaml", bomb)
    assert str(caught.value) == "c.yaml:1: aliases expand past 1,000 values"


def test_yaml_aliases_and_merge_keys_still_read() -> None:
    text = "a: &a [1, 2]\nb: [*a, *a]\nc: {<<: {x: 1}, y: *a}\n"
    assert yamlfile.load("c.yaml", text) == {
        "a": [1, 2],
        "b": [[1, 2], [1, 2]],
        "c": {"x": 1, "y": [1, 2]},
    }


@pytest.mark.parametrize("unit", ["- a\n", "[1, 2], ", "a{}: 'x'\n"])
def test_yaml_in_linear_time(unit: str) -> None:
    for size in (256, 1024, 4096):
        text = unit * size
        if unit.startswith("["):
            text = "[" + text + "]"
        if "{}" in unit:
            text = "".join(unit.format(n) for n in range(size))
        assert len(yamlfile.load("c.yaml", text)) == size


JSONISH = st.text(
    alphabet=st.sampled_from(list("{}[]:,\"'/*\\ \n\t1-.eEx0aAu+Nn\ufeff")), max_size=40
)
YAMLISH = st.text(alphabet=st.sampled_from(list("ab1-:[]{},&*!?|>'\"#%@ \n\t.0x<=")), max_size=40)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(JSONISH, st.booleans())
def test_every_json_input_gets_a_value_or_a_located_error(text: str, jsonc: bool) -> None:
    try:
        jsonfile.load("x.json", text, jsonc=jsonc)
        error = "x.json"
    except FatalError as e:
        error = str(e)
    assert error.startswith("x.json")
    jsonfile.string_spans(text, [("a",), ("a", 0)])


@settings(max_examples=300, deadline=None, derandomize=True)
@given(YAMLISH)
def test_every_yaml_input_gets_a_value_or_a_located_error(text: str) -> None:
    try:
        yamlfile.load("c.yaml", text)
        error = "c.yaml"
    except FatalError as e:
        error = str(e)
    assert error.startswith("c.yaml")


# The loader: json.loads's value or json.loads's error, from the C scanner alone


def json_loads(text: str) -> object:
    return json.loads(text, parse_int=jsonfile._checked_int)


def outcome(load: Callable[[str], object], text: str) -> tuple[object, ...]:
    """What a loader gives: ("value", value) or the error's type and what it says."""
    try:
        return ("value", load(text))
    except json.JSONDecodeError as e:
        return ("JSONDecodeError", e.msg, e.pos, e.lineno, e.colno)
    except (ValueError, RecursionError) as e:
        return (type(e).__name__, str(e))


def same(a: object, b: object) -> bool:
    """Equality of parsed JSON where NaN equals NaN, and True differs from 1."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ("JSONDecodeError", "Expecting value", 0, 1, 1)),
        (" \t\r\n", ("JSONDecodeError", "Expecting value", 4, 2, 1)),
        (" \t\r\n[1] \n", ("value", [1])),
        # JSON's whitespace is four characters, not str.isspace's
        ("\x0b1", ("JSONDecodeError", "Expecting value", 0, 1, 1)),
        ("1 \xa0", ("JSONDecodeError", "Extra data", 2, 1, 3)),
        ("[1]\n\n x", ("JSONDecodeError", "Extra data", 6, 3, 2)),
        ("{} {}", ("JSONDecodeError", "Extra data", 3, 1, 4)),
        (BOM + "{}", ("JSONDecodeError", "Unexpected UTF-8 BOM (decode using utf-8-sig)", 0, 1, 1)),
        # (the scanner's own messages vary across Python versions: "Illegal trailing comma"
        # is 3.13's; the differential test below compares them)
        ('{"a"\n 1}', ("JSONDecodeError", "Expecting ':' delimiter", 6, 2, 2)),
        ('["a\nb"]', ("JSONDecodeError", "Invalid control character at", 3, 1, 4)),
        ('"\\ud800"', ("value", "\ud800")),
        ('"\\ud83d\\ude00"', ("value", "\U0001f600")),
        ("[NaN, -Infinity, 1e400, 1.5, -0]", ("value", [math.nan, -math.inf, math.inf, 1.5, 0])),
        ("[true, false, null]", ("value", [True, False, None])),
        ("9" * 4000, ("value", int("9" * 4000))),
        ("9" * 4001, ("_TooLong", "")),
    ],
)
def test_loads_gives_what_json_loads_gives(text: str, expected: tuple[object, ...]) -> None:
    assert same(outcome(jsonfile.loads, text), expected)
    assert same(outcome(json_loads, text), expected)


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=4), children, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def json_texts(draw: st.DrawFn) -> str:
    """Valid JSON as writers lay it out, between whitespace (JSON's own and other) and byte
    order marks, then up to three edits: characters inserted, deleted or replaced."""
    value = draw(JSON_VALUES)
    text = json.dumps(
        value,
        indent=draw(st.sampled_from([None, 2, "\t"])),
        ensure_ascii=draw(st.booleans()),
    )
    text = draw(st.sampled_from(["", " ", "\n", "\t\r\n", BOM, "\x0b", "\xa0"])) + text
    text += draw(st.sampled_from(["", "\n", " \r\n", "\x0c", " x", "{}", BOM]))
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        at = draw(st.integers(min_value=0, max_value=len(text)))
        cut = draw(st.integers(min_value=0, max_value=2))
        insert = draw(st.sampled_from(PIECES) | st.text(max_size=2))
        text = text[:at] + insert + text[at + cut :]
    return text


PIECES = [
    '"', "\\", "\\u", "\\ud800", "\\udc00", "\\u00e9", "\\x", "\x00", "\x1f", "\x7f", ",", ":",
    "[", "]", "{", "}", "-", "0", "1e", ".5", "NaN", "Infinity", "-Infinity", "nan", "true",
    "nul", "/", "*", " ", "\n", "\r", "\t", BOM, "\u2028", "\ud800",
]  # fmt: skip


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(
    json_texts()
    | st.lists(st.sampled_from(PIECES), max_size=20).map("".join)
    | st.text(max_size=30)
    | st.builds(
        nested,
        # within the interpreter's limit, and far past it: at its very margin json.loads's
        # own frames count (Python 3.11), and load refuses past MAX_NESTING before that
        st.integers(min_value=0, max_value=300) | st.just(20_000),
        st.sampled_from(["array", "object"]),
    )
    | st.builds(lambda sign, n: sign + "7" * n, st.sampled_from(["", "-"]), st.integers(3990, 4010))
)
@example("[" * 100_000)
@example('"\\ud800\\udc00\\udbff"')
def test_loads_and_json_loads_agree(text: str) -> None:
    mine, theirs = outcome(jsonfile.loads, text), outcome(json_loads, text)
    assert same(mine, theirs), (mine, theirs)


FRESH_LOAD = """
import sys
from releaselint.core import json as jsonfile
try:
    jsonfile.loads(sys.argv[1])
except ValueError as e:
    print(repr((type(e).__name__, e.msg, e.pos, e.lineno, e.colno)))
"""


@pytest.mark.parametrize(
    "text",
    [
        "[1 2]",
        '{"a" 1}',
        "{1: 2}",
        '["\\x"]',
        '"\\u12"',
        '"a\tb"',
        '["a',
        "[1,",
        "[1] 2",
    ],
)
def test_the_first_error_of_a_run_is_json_loads_error(text: str) -> None:
    # before Python 3.12 the C scanner finds JSONDecodeError only where json.decoder is
    # imported already: this test's own process has imported it, a hook's has not
    result = subprocess.run(
        (sys.executable, "-c", FRESH_LOAD, text),
        capture_output=True,
        text=True,
        check=False,
        env=bare_python_env(),  # the coverage tracer of the suite's children imports json
    )
    assert result.stderr == ""
    assert result.stdout == repr(outcome(json_loads, text)) + "\n"


WITHOUT_C_SCANNER = """
import sys
sys.modules["_json"] = None  # what an implementation without CPython's _json has
from releaselint.core import json as jsonfile
from releaselint.core.errors import FatalError
print(jsonfile.load("x.json", '{"a": [1, 2.5, NaN]}'))
try:
    jsonfile.load("x.json", '{"a":\\n [1 2]}')
except FatalError as e:
    print(e)
"""


def test_without_the_c_scanner_json_loads_reads() -> None:
    result = subprocess.run(
        (sys.executable, "-c", WITHOUT_C_SCANNER),
        capture_output=True,
        text=True,
        check=False,
        env=bare_python_env(),
    )
    assert result.stderr == ""
    assert (
        result.stdout == "{'a': [1, 2.5, nan]}\nx.json:2: invalid JSON: expecting ',' delimiter\n"
    )


def test_a_hook_run_reads_json_without_json(repo: Repo, tmp_path: Path) -> None:
    released(repo, rust_with_bindings)  # package.json, package-lock.json, Cargo.toml, tags
    module = "releaselint.hooks.check_version_alignment"
    imported(repo, tmp_path, module)  # the first run writes the history cache
    assert (repo.path / ".git" / "releaselint" / "history.json").is_file()
    loaded = imported(repo, tmp_path, module)
    assert "releaselint.core.json" in loaded
    assert (
        sorted(loaded.intersection(("json", "json.decoder", "json.scanner", "json.encoder"))) == []
    )


def test_a_history_cache_with_an_integer_past_the_limit_is_computed_again(repo: Repo) -> None:
    # what loads refuses past MAX_DIGITS is a ValueError, as what int refuses past 4,300
    # digits is: the cache readers take either for a cache to compute again
    released(repo, rust_with_bindings)
    expected = groups(repo)
    for path in cache_files(repo):
        path.write_text('{"fingerprint": ' + "9" * 4100 + "}")
    assert groups(repo) == expected
    assert [p.name for p in cache_files(repo)] == ["families.json", "history.json"]
    assert all(path.read_text().startswith('{"') for path in cache_files(repo))


# The token scan of string_spans, and the regex it gives the same tokens as

TOKEN_RE = re.compile(r'"(?:[^"\\]|\\[\s\S])*"?|[{}\[\],]|//[^\n]*|/\*[\s\S]*?(?:\*/|\Z)')


def regex_tokens(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in TOKEN_RE.finditer(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ('{"a": [1, "b"]}', [(0, 1), (1, 4), (6, 7), (8, 9), (10, 13), (13, 14), (14, 15)]),
        ('"a\\"b" "c"', [(0, 6), (7, 10)]),
        ('"a\\\\" "c"', [(0, 5), (6, 9)]),
        ('"a\\\\\\"', [(0, 6)]),  # an escaped quote: open to the end
        ('"ab\\', [(0, 3)]),  # a final backslash escapes nothing
        ('"ab\\\\', [(0, 5)]),
        ('"', [(0, 1)]),
        ("// a, [\n,", [(0, 7), (8, 9)]),
        ("// a", [(0, 4)]),
        ('/* "x */ ,', [(0, 8), (9, 10)]),
        ("/*/ ,", [(0, 5)]),  # "/*/" opens a comment, closing it needs another "*/"
        ("/* , ", [(0, 5)]),
        ("a / b , / ", [(6, 7)]),  # a slash alone starts nothing
        ('"x"//"', [(0, 3), (3, 6)]),
    ],
)
def test_tokens(text: str, expected: list[tuple[int, int]]) -> None:
    assert list(jsonfile.tokens(text)) == expected
    assert regex_tokens(text) == expected


TOKENISH = st.lists(
    # quotes after runs of backslashes, odd and even
    st.sampled_from(
        ['"', "\\", '\\"', '\\\\"', '\\\\\\"', "/", "*", "//", "/*", "*/", "\n", " ", ":"]
    )
    | st.sampled_from(list("{}[],\t\r\u2028\ufeff"))
    | st.characters(),
    max_size=40,
).map("".join)


@settings(max_examples=600, deadline=None, derandomize=True)
@given(TOKENISH)
def test_tokens_are_the_regex_tokens(text: str) -> None:
    assert list(jsonfile.tokens(text)) == regex_tokens(text)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(json_texts())
def test_tokens_of_json_are_the_regex_tokens(text: str) -> None:
    assert list(jsonfile.tokens(text)) == regex_tokens(text)


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=False),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.one_of(st.text(), st.integers()), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=2000, deadline=None, derandomize=True)
@given(_JSON_VALUES)
def test_dumps_writes_what_json_writes(value: object) -> None:
    """The caches' writer gives json.dumps's text for every value (floats and integer keys
    through json itself), surrogates and non-ASCII text included."""
    from releaselint.core import json as jsonfile

    assert jsonfile.dumps(value) == json.dumps(value)


def test_dumps_past_its_depth_is_json_s() -> None:
    from releaselint.core import json as jsonfile

    deep: object = "x"
    for _ in range(jsonfile.MAX_DEPTH + 5):
        deep = [deep]
    assert jsonfile.dumps(deep) == json.dumps(deep)


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(_JSON_VALUES)
def test_dumps_with_sorted_keys_writes_what_json_writes(value: object) -> None:
    """Poetry's content-hash is of ``json.dumps(..., sort_keys=True)``: the same text."""
    from releaselint.core import json as jsonfile

    try:
        expected: object = json.dumps(value, sort_keys=True)
    except TypeError as e:  # keys of mixed types cannot be sorted, by json either
        expected = type(e)
    try:
        found: object = jsonfile.dumps(value, sort_keys=True)
    except TypeError as e:
        found = type(e)
    assert found == expected
