"""TOML as the manifest readers see it: values, spans by key path, located errors, limits."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from releaselint.core import config, toml
from releaselint.core.errors import FatalError
from tests.conftest import bare_python_env
from tests.core.test_toml_subset import documents

# as biome writes its crates/biome_cli/Cargo.toml: TOML 1.1, which Cargo reads
BIOME_STYLE = """\
escape = "\\e[0m\\x41"

[package]
name = "biome_cli"
version = "0.0.0"

[dependencies]
biome_configuration = { workspace = true }
tokio = { workspace = true, features = [
  "io-std",
  "rt-multi-thread",
] }
corelib = {
  path = "../core",
  version = "1.5.0", # pinned
}
"""


def test_toml_1_1_cargo_manifest() -> None:
    data, spans = toml.load_with_spans("Cargo.toml", BIOME_STYLE)
    assert data["dependencies"]["corelib"] == {"path": "../core", "version": "1.5.0"}
    assert data["dependencies"]["tokio"]["features"] == ["io-std", "rt-multi-thread"]
    assert data["escape"] == "\x1b[0mA"
    assert {path: BIOME_STYLE[start:end] for path, (start, end) in spans.items()} == {
        ("package", "name"): "biome_cli",
        ("package", "version"): "0.0.0",
        ("dependencies", "tokio", "features", 0): "io-std",
        ("dependencies", "tokio", "features", 1): "rt-multi-thread",
        ("dependencies", "corelib", "path"): "../core",
        ("dependencies", "corelib", "version"): "1.5.0",
        ("escape",): "\\e[0m\\x41",
    }
    assert not toml.is_plain_span(BIOME_STYLE, spans["escape",])
    assert toml.is_plain_span(BIOME_STYLE, spans["dependencies", "corelib", "version"])


@pytest.mark.parametrize(
    ("text", "plain"),
    [('a = "1.0"', True), ('a = "1.\\u0030"', False), ("a = '1.\\0'", True), ('a = ""', True)],
)
def test_is_plain_span(text: str, plain: bool) -> None:
    spans = toml.load_with_spans("x.toml", text)[1]
    assert toml.is_plain_span(text, spans["a",]) is plain


def test_values_beyond_the_scanner_come_from_tomli_with_the_scanners_spans() -> None:
    text = 'when = 1979-05-27T07:32:00Z\nratio = 0.5\n[deps]\nx = { version = "2" }\n'
    data, spans = toml.load_with_spans("pyproject.toml", text)
    assert data["ratio"] == 0.5
    assert data["when"].year == 1979
    assert {path: text[s:e] for path, (s, e) in spans.items()} == {("deps", "x", "version"): "2"}


EXPECTED_EQUALS = "expected '=' after a key in a key/value pair"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('a = "x"\na = "y"\n', "Cargo.toml:2: invalid TOML: cannot overwrite a value"),
        ('a\x0c= "x"\n', f"Cargo.toml:1: invalid TOML: {EXPECTED_EQUALS}"),
        ('[p]\nn = "x"\na\xa0= "x"\n', f"Cargo.toml:3: invalid TOML: {EXPECTED_EQUALS}"),
        ("a = 1.5\nb = [1,\n", "Cargo.toml:3: invalid TOML: invalid value"),
        ("a = " + "[" * 101 + "]" * 101, "Cargo.toml:1: nesting deeper than 100 levels"),
        (
            "\n\nx = " + "{a = " * 101 + "1" + "}" * 101,
            "Cargo.toml:3: nesting deeper than 100 levels",
        ),
        ("[" + ".".join("a" * 101) + "]\n", "Cargo.toml:1: nesting deeper than 100 levels"),
        (".".join("a" * 101) + " = 1\n", "Cargo.toml:1: nesting deeper than 100 levels"),
        (".".join("a" * 101) + ' = "1"\n', "Cargo.toml:1: nesting deeper than 100 levels"),
        ("a = 1\nb = " + "9" * 4001 + "\n", "Cargo.toml:2: integer too long"),
        ("a = [1, -" + "9" * 5000 + "]\n", "Cargo.toml:1: integer too long"),
        ("a = 0x" + "f" * 3400 + "\n", "Cargo.toml:1: integer too long"),
    ],
)
def test_errors_are_located(text: str, message: str) -> None:
    with pytest.raises(FatalError) as caught:
        toml.load_with_spans("Cargo.toml", text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "[" * 100 + "]" * 100,  # the innermost array is the 100th level
        "[" + ".".join("a" * 100) + "]\n",
        "a = " + "9" * 4000 + "\n",
        "a = 0x" + "f" * 3300 + "\n",
    ],
)
def test_up_to_the_limits(text: str) -> None:
    assert toml.load("Cargo.toml", text)


@pytest.mark.parametrize(
    "unit",
    [
        "[" * 20 + "]" * 20 + ",",
        '"' + "\\u0041" * 50 + '", ',
        "'" + "a" * 200 + "', ",
        '"""' + '""\\"' * 20 + '""", ',
        "{a.b.c = 1, d = [1, 2, {e = 'f'}]}, ",
        "1_000, 0x1F, 1979-05-27, 1.5, ",
        "1, # " + "#" * 100 + "\n",
        "1, #\t" + "é" * 100 + "\r\n",
        '"' + "\\t" * 100 + '", ',
        "'" + "é\t" * 100 + "', ",
        "1" + "_1" * 100 + ", ",
        "{" + "k" * 100 + ' = "v"}, ',
    ],
)
def test_long_inputs_are_read_in_linear_time(unit: str) -> None:
    # doubling the input; a quadratic reader would take minutes at the last size
    for size in (2**8, 2**10, 2**12):
        text = "a = [" + unit * size + "]\n"
        data = toml.load("x.toml", text)
        assert len(data["a"]) >= size
    for line in (
        "a{} = 1\n",
        "[[t]]\n",
        "b{}.c = 'd'\n",
        "[x{}.y]\n",
        "c{} = {{d = 'e'}}\n",
        'd{} = "é" #\té\r\n',
    ):
        assert toml.load("x.toml", "".join(line.format(n) for n in range(2**13)))


def test_plain_manifests_do_not_import_tomli() -> None:
    code = (
        "import sys\n"
        "from releaselint.core import toml\n"
        f"toml.load_with_spans('Cargo.toml', {BIOME_STYLE!r})\n"
        "assert 'tomli' not in sys.modules and 'tomllib' not in sys.modules\n"
        "toml.load('pyproject.toml', 'a = 1.5')\n"
        "assert 'tomli' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=bare_python_env())


# -- start-up ----------------------------------------------------------------------------------

PLAIN_MANIFESTS = [
    BIOME_STYLE,
    BIOME_STYLE.replace("\n", "\r\n"),
    """\
# This file is automatically @generated by Cargo.
# It is not intended for manual editing.
version = 4

[[package]]
name = "corelib"
version = "1.5.0"
dependencies = [
 "serde",
 "serde_json 1.0.140",
]

[[package]]
name = "serde"
version = "1.0.219"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "5f0e2c6ed6606019b4e29e69dbaba95b11854410e5347d525002456dbbb786b6"
""",
    """\
[project]
name = "corelib-py"
dynamic = ["version"]
description = "Bindings: \\"corelib\\" for Python\\tand\\u00e9\\\\"
authors = [{ name = "Ann", email = "ann@example.com" }]
classifiers = [
    "Programming Language :: Python :: 3",  # the one we test
]
requires-python = ">=3.10"
dependencies = ["corelib==1.5.0"]
optional-dependencies.test = ['pytest>=8']

[tool.releaselint]
groups.core = { members = ["corelib", "corelib-py"] }
"tool"."check" = true
strict = false
retries = 3
'a.b' = -1_000

[build-system]
requires = ["hatchling>=1.26"]
build-backend = 'hatchling.build'
""",
]


def test_plain_manifests_are_read_without_importing_re() -> None:
    code = (
        "import sys\n"
        "from releaselint.core import _toml_subset, toml\n"
        f"for text in {PLAIN_MANIFESTS!r}:\n"
        "    data, spans, exact = _toml_subset.scan(text)\n"
        "    assert exact and spans\n"
        "    toml.load_with_spans('Cargo.toml', text)\n"
        "assert 're' not in sys.modules, 're imported'\n"
        "_toml_subset.scan('ratio = 0.5\\n')\n"
        "assert 're' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=bare_python_env())


def test_get() -> None:
    data = {"a": {"b": {"c": 1}}, "s": "x"}
    assert toml.get(data, "a", "b", "c") == 1
    assert toml.get(data, "a", "x", "c") is None
    assert toml.get(data, "s", "c") is None


@pytest.mark.parametrize(
    "text",
    [
        "[tool.releaselint]\nbogus = 1\n",
        "[ tool.releaselint ]\nbogus = 1\n",
        "[ tool . releaselint ]\nbogus = 1\n",
        "[tool]\nreleaselint = { bogus = 1 }\n",
        "tool.releaselint.bogus = 1\n",
        '[tool."releas\\u0065lint"]\nbogus = 1\n',
        "tool.'releaselint'.bogus = 1\n",
        '"tool" . "releaselint" = { bogus = 1 }\n',
        "[tool]\n'releaselint'\t= { bogus = 1 }\n",
    ],
)
def test_every_spelling_of_the_config_table_is_read(tmp_path: Path, text: str) -> None:
    (tmp_path / "pyproject.toml").write_text(text)
    with pytest.raises(
        FatalError, match=r"^pyproject\.toml: \[tool\.releaselint\]\.bogus: unknown key"
    ):
        config.load(str(tmp_path))


def test_a_pyproject_naming_releaselint_only_as_a_value_is_not_parsed(tmp_path: Path) -> None:
    # invalid TOML, to show it is not read: the hooks do not pay for parsing it
    (tmp_path / "pyproject.toml").write_text('dev = ["releaselint>=1"]\nname = "releaselint"\n=\n')
    assert config.load(str(tmp_path)).source is None


@settings(max_examples=300, deadline=None, derandomize=True)
@given(documents() | st.text(alphabet=st.sampled_from(list("ab1=.,\"'[]{}#\\ \t\n\r\x0cx_-+:eu"))))
def test_every_input_gets_values_or_a_located_error(text: str) -> None:
    try:
        data, spans = toml.load_with_spans("Cargo.toml", text)
    except FatalError as e:
        error = str(e)
    else:
        error = "Cargo.toml"
        assert isinstance(data, dict)
        assert all(0 < start <= end <= len(text) for start, end in spans.values())
    assert error.startswith("Cargo.toml")
