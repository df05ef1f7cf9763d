"""JSON and JSONC as the manifest readers see them: BOM, located errors, limits, linear time."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from releaselint.core import json as jsonfile
from releaselint.core import yaml as yamlfile
from releaselint.core.commit_config import read_js_config
from releaselint.core.errors import FatalError
from releaselint.core.manifests import package_json

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


@pytest.mark.parametrize("text", ["/*" * 4096, '"\\"' * 4096, "[" * 4096, "{'a': '" + "\\'" * 4096])
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
