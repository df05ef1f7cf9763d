"""Readers return value and place; a rewrite changes the value's span and nothing else."""

from __future__ import annotations

import pytest

from releaselint.core import json as jsonfile
from releaselint.core import toml
from releaselint.core.errors import FatalError
from releaselint.core.files import Edit, apply_edits
from releaselint.core.manifests import (
    cargo,
    cargo_lock,
    deno,
    package_json,
    package_lock,
    pyproject,
    python_file,
    regex_file,
    uv_lock,
)
from releaselint.core.model import Declaration


def rewrite(text: str, declaration: Declaration, new: str) -> str:
    return apply_edits(text, [Edit(declaration.path, declaration.start, declaration.end, new)])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # CRLF, single quotes, comments and a missing final newline survive
        (
            "[package]\r\nname = 'x'\r\nversion = '1.0.0' # the release\r\nedition = \"2021\"",
            "[package]\r\nname = 'x'\r\nversion = '2.0.0' # the release\r\nedition = \"2021\"",
        ),
        # tabs and odd spacing; a dependency with the same version is left alone
        (
            '[package]\n\tversion\t=  "1.0.0"\n[dependencies]\nfoo = "1.0.0"\n'
            '[dependencies.bar]\nversion = "1.0.0"\n',
            '[package]\n\tversion\t=  "2.0.0"\n[dependencies]\nfoo = "1.0.0"\n'
            '[dependencies.bar]\nversion = "1.0.0"\n',
        ),
        # a multi-line string that looks like a version line is not one
        (
            '[package]\ndescription = """\nversion = "9.9.9"\n"""\nversion = "1.0.0"\n',
            '[package]\ndescription = """\nversion = "9.9.9"\n"""\nversion = "2.0.0"\n',
        ),
    ],
)
def test_cargo_rewrite_is_byte_exact(text: str, expected: str) -> None:
    package = cargo.read("Cargo.toml", text)
    (declaration,) = package.declarations
    assert declaration.value == "1.0.0"
    assert rewrite(text, declaration, "2.0.0") == expected


def test_cargo_workspace_and_inheritance() -> None:
    root = cargo.read(
        "Cargo.toml",
        '[workspace]\nmembers = ["crates/*"]\n\n[workspace.package]\nversion = "0.4.0"\n',
    )
    assert [(d.field, d.value, d.line) for d in root.declarations] == [
        ("[workspace.package].version", "0.4.0", 5)
    ]
    assert root.workspace_members == ["crates/*"]
    member = cargo.read(
        "crates/a/Cargo.toml",
        '[package]\nname = "a"\nversion.workspace = true\npublish = false\n',
    )
    assert member.declarations == []
    assert member.dynamic == "workspace"
    assert member.private is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '{\n    "name": "x",\n    "version": "1.0.0"\n}',
            '{\n    "name": "x",\n    "version": "2.0.0"\n}',
        ),
        (
            '{"dependencies": {"version": "1.0.0"}, "version": "1.0.0"}\r\n',
            '{"dependencies": {"version": "1.0.0"}, "version": "2.0.0"}\r\n',
        ),
        (
            '{\n\t"version":"1.0.0",\n\t"x": ["a", {"version": "1.0.0"}]\n}\n',
            '{\n\t"version":"2.0.0",\n\t"x": ["a", {"version": "1.0.0"}]\n}\n',
        ),
    ],
)
def test_package_json_rewrite_is_byte_exact(text: str, expected: str) -> None:
    (declaration,) = package_json.read("package.json", text).declarations
    assert rewrite(text, declaration, "2.0.0") == expected


def test_package_lock_entries() -> None:
    text = (
        '{\n  "name": "root",\n  "version": "1.0.0",\n  "lockfileVersion": 3,\n'
        '  "packages": {\n    "": {"name": "root", "version": "1.0.0", "workspaces": ["packages/*"]},\n'
        '    "node_modules/a": {"resolved": "packages/a", "link": true},\n'
        '    "node_modules/left-pad": {"version": "1.0.0"},\n'
        '    "packages/a": {"name": "a", "version": "0.3.0"}\n  }\n}\n'
    )
    found = package_lock.own_versions("package-lock.json", text)
    assert {k: [(d.field, d.value, d.line) for d in v] for k, v in found.items()} == {
        "": [(".version", "1.0.0", 3), ('packages[""].version', "1.0.0", 6)],
        "packages/a": [('packages["packages/a"].version', "0.3.0", 9)],
    }


def test_pyproject_static_and_poetry() -> None:
    text = "[project]\nname = 'a'\nversion = '1.0.0rc1'\n\n[tool.poetry]\nversion = \"1.0.0rc1\"\n"
    package, _ = pyproject.read("pyproject.toml", text)
    assert [(d.field, d.line, d.pep440) for d in package.declarations] == [
        ("[project].version", 3, True),
        ("[tool.poetry].version", 6, True),
    ]


@pytest.mark.parametrize(
    ("tables", "dynamic"),
    [
        ('[tool.hatch.version]\nsource = "vcs"\n', "vcs:hatch-vcs"),
        ("[tool.setuptools_scm]\n", "vcs:setuptools-scm"),
        ('[tool.hatch.version]\nsource = "uv-dynamic-versioning"\n', "vcs:uv-dynamic-versioning"),
        (
            '[build-system]\nrequires = ["setuptools>=64", "setuptools-scm>=8"]\n',
            "vcs:setuptools-scm",
        ),
        ('[build-system]\nbuild-backend = "maturin"\n', "cargo"),
        ('[tool.hatch.version]\npath = "src/a/__about__.py"\n', "file"),
        ('[tool.pdm.version]\nsource = "scm"\n', "vcs:pdm-backend"),
        ("", None),
    ],
)
def test_pyproject_dynamic_sources(tables: str, dynamic: str | None) -> None:
    text = '[project]\nname = "a"\ndynamic = ["version"]\n\n' + tables
    package, _ = pyproject.read("pyproject.toml", text)
    assert package.dynamic == dynamic
    assert package.declarations == []


def test_cargo_lock_own_crates_only() -> None:
    text = (
        'version = 3\n\n[[package]]\nname = "corelib"\nversion = "1.0.0"\n\n'
        '[[package]]\nname = "serde"\nversion = "1.0.0"\nsource = "registry+https://x"\n\n'
        '[[package]]\nname = "corelib-py"\nversion = "1.0.0"\ndependencies = ["corelib"]\n'
    )
    found = cargo_lock.own_versions("Cargo.lock", text)
    assert {k: [(d.line, d.value) for d in v] for k, v in found.items()} == {
        "corelib": [(5, "1.0.0")],
        "corelib-py": [(14, "1.0.0")],
    }


def test_uv_lock_own_packages() -> None:
    text = (
        'version = 1\n\n[[package]]\nname = "app"\nversion = "0.2.0"\n'
        'source = { editable = "." }\n\n[[package]]\nname = "lib"\nversion = "0.1.0"\n'
        'source = { editable = "packages/lib" }\n\n[[package]]\nname = "idna"\n'
        'version = "3.7"\nsource = { registry = "https://pypi.org/simple" }\n'
    )
    found = uv_lock.own_versions("uv.lock", text)
    assert {k: (d.line, d.value) for k, d in found.items()} == {
        "": (5, "0.2.0"),
        "packages/lib": (10, "0.1.0"),
    }


def test_deno_jsonc() -> None:
    text = '{\n  // the package\n  "name": "@s/x",\n  "version": "1.0.0", /* trailing */\n}\n'
    package = deno.read("deno.jsonc", text)
    (declaration,) = package.declarations
    assert (declaration.line, declaration.value) == (4, "1.0.0")
    assert rewrite(text, declaration, "1.1.0") == text.replace("1.0.0", "1.1.0")


@pytest.mark.parametrize(
    ("text", "literals", "fallbacks"),
    [
        ('__version__ = "1.2.3"\n', ["1.2.3"], []),
        ("VERSION = '1.2.3'\n", ["1.2.3"], []),
        ('__version__: str = "1.2.3"\n', ["1.2.3"], []),
        ('from importlib.metadata import version\n__version__ = version("a")\n', [], []),
        (
            "import importlib.metadata\ntry:\n    __version__ = importlib.metadata.version('a')\n"
            "except importlib.metadata.PackageNotFoundError:\n    __version__ = '0.0.0.dev0'\n",
            [],
            ["0.0.0.dev0"],
        ),
        ('x = "__version__ = 1"\n', [], []),
    ],
)
def test_python_version_file(text: str, literals: list[str], fallbacks: list[str]) -> None:
    found = python_file.read("a/__init__.py", text)
    assert [d.value for d in found.literals] == literals
    assert [d.value for d in found.fallbacks] == fallbacks


def test_regex_file() -> None:
    pattern = regex_file.compile_pattern(r"pip install corelib==(?P<version>\S+)", "cfg")
    text = "# Install\n\n    pip install corelib==1.5.0\n"
    (declaration,) = regex_file.read("README.md", text, pattern)
    assert (declaration.line, declaration.value) == (3, "1.5.0")
    with pytest.raises(FatalError, match="has no named group 'version'"):
        regex_file.compile_pattern(r"v(\d+)", "cfg")
    with pytest.raises(FatalError, match="invalid regex"):
        regex_file.compile_pattern(r"(?P<version>", "cfg")


@pytest.mark.parametrize(
    ("reader", "path", "text", "message"),
    [
        (
            cargo.read,
            "Cargo.toml",
            '[package]\nversion = "1.0.0\n',
            r"^Cargo\.toml:2: invalid TOML: ",
        ),
        (
            package_json.read,
            "package.json",
            '{\n  "version": 1.0.0\n}',
            r"^package\.json:2: invalid JSON: ",
        ),
        (
            package_json.read,
            "package.json",
            "[]",
            r"^package\.json:1: invalid package\.json: the top level",
        ),
        (
            package_json.read,
            "package.json",
            '{\n  "version": 1\n}',
            r"^package\.json:2: 'version' is not a string",
        ),
        (
            package_lock.own_versions,
            "package-lock.json",
            "{",
            r"^package-lock\.json:1: invalid JSON",
        ),
        (
            cargo_lock.own_versions,
            "Cargo.lock",
            "package = 1\n",
            r"^Cargo\.lock:1: invalid lockfile",
        ),
        (uv_lock.own_versions, "uv.lock", "[[package]\n", r"^uv\.lock:1: invalid TOML"),
        (deno.read, "deno.jsonc", "{ // x\n  version: \n", r"^deno\.jsonc(:\d+)?: invalid JSONC"),
    ],
)
def test_malformed_input_is_a_located_error(reader, path, text, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FatalError, match=message):
        reader(path, text)


def test_toml_array_of_tables_paths() -> None:
    spans = toml.string_spans('[[a]]\nv = "1"\n[[a]]\nv = "2"\n[a.meta]\nk = "x"\n')
    assert set(spans) == {("a", 0, "v"), ("a", 1, "v"), ("a", 1, "meta", "k")}


def test_json_spans_stop_early_and_handle_escapes() -> None:
    text = '{"a\\"b": "x", "list": [1, "y", {"k": "z"}]}'
    spans = jsonfile.string_spans(text, [('a"b',), ("list", 1), ("list", 2, "k")])
    assert {k: text[s:e] for k, (s, e) in spans.items()} == {
        ('a"b',): "x",
        ("list", 1): "y",
        ("list", 2, "k"): "z",
    }
