"""Readers return value and place; a rewrite changes the value's span and nothing else."""

from __future__ import annotations

import pytest

from releaselint.core import json as jsonfile
from releaselint.core import toml
from releaselint.core.errors import FatalError
from releaselint.core.files import Edit, apply_edits
from releaselint.core.manifests import (
    cargo,
    deno,
    package_json,
    pyproject,
    python_file,
    regex_file,
    specifiers,
)
from releaselint.core.model import REQUIREMENT_KINDS, Declaration, Requirement


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


def test_pyproject_static_and_poetry() -> None:
    text = "[project]\nname = 'a'\nversion = '1.0.0rc1'\n\n[tool.poetry]\nversion = \"1.0.0rc1\"\n"
    package = pyproject.read("pyproject.toml", text)
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
    package = pyproject.read("pyproject.toml", text)
    assert package.dynamic == dynamic
    assert package.declarations == []


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
        # a class's or a function's constant is not the module's version
        ('__version__ = "1.0.0"\n\nclass Client:\n    VERSION = "1.1"  # wire\n', ["1.0.0"], []),
        ('class Names(Enum):\n    VERSION = "VERSION"\n', [], []),
        ("class A:  # doc\n    def f(self):\n        if x:\n            VERSION = '2'\n", [], []),
        ("async def f():\n    __version__ = '3.0'\n", [], []),
        # ... a block of the module's own is the module's
        ("if True:\n    __version__ = '1.0.0'\nclass A:\n    pass\n", ["1.0.0"], []),
        ("try:\n    import x\nexcept OSError:\n    VERSION = '1.0.0'\n", ["1.0.0"], []),
        # a VERSION that is no version is another constant; __version__ is always meant
        ('VERSION = "HTTP/1.1"\n__version__ = "1.0.0"\n', ["1.0.0"], []),
        ('__version__ = "HTTP/1.1"\n', ["HTTP/1.1"], []),
        # CRLF line ends, and a UTF-8 byte order mark: Python imports both
        ('__version__ = "1.2.3"\r\nVERSION = "1.2.3"  # x\r\n', ["1.2.3", "1.2.3"], []),
        ('\ufeff__version__ = "1.2.3"\n', ["1.2.3"], []),
    ],
)
def test_python_version_file(text: str, literals: list[str], fallbacks: list[str]) -> None:
    found = python_file.read("a/__init__.py", text).declarations
    assert [d.value for d in found if not d.fallback] == literals
    assert [d.value for d in found if d.fallback] == fallbacks


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


def placed(text: str, requirements: list[Requirement]) -> list[tuple[object, ...]]:
    """Each requirement as (name, what its span holds, kind, source, group, line)."""
    return [
        (
            r.name,
            None if r.start is None else text[r.start : r.end],
            r.kind,
            r.source,
            r.group,
            r.line,
        )
        for r in requirements
    ]


CARGO_TABLES = """\
[package]
name = "app"
version = "1.5.0"

[dependencies]
serde = "1.0.200"
shared.workspace = true

[dependencies.corelib]
path = "../core"
version = "=1.5.0"

[dev-dependencies]
proptest = "1"

[build-dependencies]
cc = "1.0"

[target.'cfg(unix)'.dependencies]
libc = "0.2"

[workspace.dependencies]
anyhow = "1.0.80"
"""
CARGO_INLINE = """\
[package]
name = "app"
version = "1.5.0"

[dependencies]
corelib = { path = "../core", version = "1.5.0" }
renamed = { package = "real-name", version = "2", optional = true }
"""
PACKAGE_JSON = """\
{
  "name": "app",
  "version": "1.5.0",
  "dependencies": {"corelib": "workspace:^1.5.0", "left-pad": "^1.3.0"},
  "devDependencies": {"local": "file:../local"},
  "optionalDependencies": {"fsevents": "~2.3.0"},
  "peerDependencies": {"react": ">=18"}
}
"""
PEP621 = """\
[project]
name = "app"
version = "1.5.0"
dependencies = ["corelib==1.5.0", "requests>=2"]

[project.optional-dependencies]
cli = ["click>=8"]

[dependency-groups]
dev = [
    "pytest>=8",
    {include-group = "lint"},
]
lint = ["ruff"]

[build-system]
requires = ["hatchling>=1.24"]

[tool.uv.sources]
corelib = { workspace = true }
"""
POETRY_TABLES = """\
[tool.poetry]
name = "app"
version = "1.5.0"

[tool.poetry.dependencies]
python = "^3.10"
requests = "^2.31"

[tool.poetry.dependencies.corelib]
path = "../core"
version = "1.5.0"
develop = true

[tool.poetry.group.test.dependencies]
pytest = "^8.0"

[tool.poetry.dev-dependencies]
black = "24.1"
"""
POETRY_INLINE = """\
[tool.poetry.dependencies]
corelib = { path = "../core", version = "1.5.0" }
numpy = [
    { version = "<2", python = "<3.9" },
    { version = ">=2", python = ">=3.9" },
]
"""


@pytest.mark.parametrize(
    ("reader", "path", "text", "expected"),
    [
        (
            cargo.read,
            "Cargo.toml",
            CARGO_TABLES,
            [
                ("serde", "1.0.200", "normal", None, None, 6),
                ("shared", None, "normal", "workspace", None, None),
                ("corelib", "=1.5.0", "normal", "path", None, 11),
                ("proptest", "1", "dev", None, None, 14),
                ("cc", "1.0", "build", None, None, 17),
                ("libc", "0.2", "normal", None, None, 20),
                ("anyhow", "1.0.80", "normal", None, None, 23),
            ],
        ),
        pytest.param(
            cargo.read,
            "Cargo.toml",
            CARGO_INLINE,
            [
                ("corelib", "1.5.0", "normal", "path", None, 6),
                ("real-name", "2", "optional", None, None, 7),
            ],
        ),
        (
            package_json.read,
            "package.json",
            PACKAGE_JSON,
            [
                ("corelib", "^1.5.0", "normal", "workspace", None, 4),
                ("left-pad", "^1.3.0", "normal", None, None, 4),
                ("local", None, "dev", "path", None, 5),
                ("fsevents", "~2.3.0", "optional", None, None, 6),
                ("react", ">=18", "peer", None, None, 7),
            ],
        ),
        pytest.param(
            pyproject.read,
            "pyproject.toml",
            PEP621,
            [
                ("corelib", "==1.5.0", "normal", "workspace", None, 4),
                ("requests", ">=2", "normal", None, None, 4),
                ("click", ">=8", "optional", None, "cli", 7),
                ("pytest", ">=8", "group", None, "dev", 11),
                ("ruff", "", "group", None, "lint", 14),
                ("hatchling", ">=1.24", "build", None, None, 17),
            ],
        ),
        (
            pyproject.read,
            "pyproject.toml",
            POETRY_TABLES,
            [
                ("requests", "^2.31", "normal", None, None, 7),
                ("corelib", "1.5.0", "normal", "path", None, 11),
                ("black", "24.1", "dev", None, None, 18),
                ("pytest", "^8.0", "group", None, "test", 15),
            ],
        ),
        pytest.param(
            pyproject.read,
            "pyproject.toml",
            POETRY_INLINE,
            [
                ("corelib", "1.5.0", "normal", "path", None, 2),
                ("numpy", "<2", "normal", None, None, 4),
                ("numpy", ">=2", "normal", None, None, 5),
            ],
        ),
    ],
)
def test_requirements_and_their_spans(reader, path, text, expected) -> None:  # type: ignore[no-untyped-def]
    package = reader(path, text, requirements=True)
    assert placed(text, package.requirements) == expected
    assert all(r.kind in REQUIREMENT_KINDS and r.path == path for r in package.requirements)


@pytest.mark.parametrize(
    ("reader", "path", "text", "expected"),
    [
        (
            cargo.read,
            "Cargo.toml",
            CARGO_INLINE,
            [("corelib", "1.5.0", "normal", "path"), ("real-name", "2", "optional", None)],
        ),
        (
            pyproject.read,
            "pyproject.toml",
            PEP621,
            [
                ("corelib", "corelib==1.5.0", "normal", "workspace"),
                ("requests", "requests>=2", "normal", None),
                ("click", "click>=8", "optional", None),
                ("pytest", "pytest>=8", "group", None),
                ("ruff", "ruff", "group", None),
                ("hatchling", "hatchling>=1.24", "build", None),
            ],
        ),
        (
            pyproject.read,
            "pyproject.toml",
            POETRY_INLINE,
            [
                ("corelib", "1.5.0", "normal", "path"),
                ("numpy", "<2", "normal", None),
                ("numpy", ">=2", "normal", None),
            ],
        ),
    ],
)
def test_requirements_are_read_wherever_they_are_written(reader, path, text, expected) -> None:  # type: ignore[no-untyped-def]
    requirements = reader(path, text, requirements=True).requirements
    assert [(r.name, r.text, r.kind, r.source) for r in requirements] == expected


def test_requirements_only_when_asked() -> None:
    assert cargo.read("Cargo.toml", CARGO_TABLES).requirements == []
    assert pyproject.read("pyproject.toml", PEP621).requirements == []
    assert package_json.read("package.json", PACKAGE_JSON).requirements == []


def test_requirement_fields_name_the_table() -> None:
    package = cargo.read("Cargo.toml", CARGO_TABLES, requirements=True)
    assert [r.field for r in package.requirements] == [
        "[dependencies]",
        "[dependencies]",
        "[dependencies]",
        "[dev-dependencies]",
        "[build-dependencies]",
        "[target.'cfg(unix)'.dependencies]",
        "[workspace.dependencies]",
    ]
    node = package_json.read("package.json", PACKAGE_JSON, requirements=True)
    fields = [r.field for r in node.requirements]
    assert fields == [
        "dependencies",
        "dependencies",
        "devDependencies",
        "optionalDependencies",
        "peerDependencies",
    ]


@pytest.mark.parametrize(
    ("value", "name", "specifier", "offset"),
    [
        ("corelib==1.4.0", "corelib", "==1.4.0", 7),
        ("corelib >= 1.4 , <2", "corelib", ">= 1.4 , <2", 8),
        ("corelib[a,b]>=1.4; python_version < '3.12'", "corelib", ">=1.4", 12),
        ("corelib [a] (>=1.4)", "corelib", ">=1.4", 13),
        ("corelib", "corelib", "", 7),
        ("corelib[x] ; os_name == 'nt'", "corelib", "", 10),
        ("  Corelib_X.y ~= 1.4", "Corelib_X.y", "~= 1.4", 14),
        ("corelib>=1.4,!=1.5.*", "corelib", ">=1.4,!=1.5.*", 7),
        ("corelib @ https://example.com/corelib-1.4.whl", "corelib", None, None),
    ],
)
def test_pep508_specifier_span(
    value: str, name: str, specifier: str | None, offset: int | None
) -> None:
    text = f'deps = ["{value}"]\n'
    start = text.index(value)
    spans: dict[tuple[str | int, ...], tuple[int, int]] = {("deps", 0): (start, start + len(value))}
    requirement = specifiers.pep508("p.toml", text, spans, ("deps", 0), value, "normal", "deps")
    assert (requirement.name, requirement.text, requirement.line) == (name, value, 1)
    if specifier is None:
        assert (requirement.start, requirement.end) == (None, None)
    else:
        assert requirement.start is not None
        assert text[requirement.start : requirement.end] == specifier
        assert requirement.start - start == offset


def test_pep508_without_exact_place_and_invalid() -> None:
    text = 'deps = ["corel\\u0069b==1"]\n'  # an escape: the file does not hold the value verbatim
    spans: dict[tuple[str | int, ...], tuple[int, int]] = {("deps", 0): (9, 24)}
    found = specifiers.pep508("p.toml", text, spans, ("deps", 0), "corelib==1", "normal", "deps")
    assert (found.name, found.line, found.start, found.end) == ("corelib", None, None, None)
    text = 'deps = ["corelib >>= 1"]\n'
    invalid: dict[tuple[str | int, ...], tuple[int, int]] = {("deps", 0): (9, 22)}
    with pytest.raises(
        FatalError, match=r"^p\.toml:1: invalid requirement 'corelib >>= 1' in deps: [^\n]+$"
    ):
        specifiers.pep508("p.toml", text, invalid, ("deps", 0), "corelib >>= 1", "normal", "deps")


def test_uv_sources_name_workspace_and_path_packages() -> None:
    text = (
        '[project]\nname = "app"\ndependencies = ["Core.Lib>=1", "other", "remote"]\n'
        '[tool.uv.sources]\ncore-lib = { workspace = true }\nother = [{ path = "../o" }]\n'
        'remote = { git = "https://example.com/r" }\n'
    )
    requirements = pyproject.read("pyproject.toml", text, requirements=True).requirements
    assert [(r.name, r.source) for r in requirements] == [
        ("Core.Lib", "workspace"),
        ("other", "path"),
        ("remote", None),
    ]


@pytest.mark.parametrize(
    ("path", "text", "message"),
    [
        ("pyproject.toml", '[project]\nname = "a"\nversion = ["1"]\n', "pyproject.toml:3: [project].version is not a string"),
        ("pyproject.toml", '[tool.poetry]\nname = "a"\n"version" = 1\n', "pyproject.toml:3: [tool.poetry].version is not a string"),
        ("pyproject.toml", 'project.name = "a"\nproject.version = 1.0\n', "pyproject.toml:1: [project].version is not a string"),
        ("Cargo.toml", '[package]\nname = "a"\n\n# x\nversion = 1\n', "Cargo.toml:5: [package].version is not a string"),
        ("Cargo.toml", '[workspace.package]\nversion = { workspace = true }\n', "Cargo.toml:2: [workspace.package].version is not a string"),
    ],
)  # fmt: skip
def test_a_version_that_is_no_string_is_a_located_error(path: str, text: str, message: str) -> None:
    """pip and Cargo refuse these: never a declaration silently left out."""
    reader = cargo if path == "Cargo.toml" else pyproject
    with pytest.raises(FatalError) as caught:
        reader.read(path, text)
    assert str(caught.value) == message


def test_an_inherited_cargo_version_is_no_error() -> None:
    package = cargo.read("Cargo.toml", '[package]\nname = "a"\nversion.workspace = true\n')
    assert package.dynamic == "workspace"


def test_a_version_written_twice_is_the_last_one_as_npm_reads_it() -> None:
    """JSON.parse keeps the last of two keys: that is the version npm publishes, and the one
    `bump` rewrites (it used to blame escape sequences for the mismatch)."""
    text = '{"name": "a", "version": "1.0.0", "version": "2.0.0"}\n'
    (declaration,) = package_json.read("package.json", text).declarations
    assert declaration.value == "2.0.0"
    assert text[declaration.start : declaration.end] == "2.0.0"
    assert declaration.start == text.rindex("2.0.0")


def test_a_version_line_inside_a_docstring_is_no_declaration() -> None:
    """Hatch reads the first assignment of the module; a line of a docstring that looks like
    one is text (--fix rewrote it)."""
    from releaselint.core.manifests import python_file

    text = (
        '__version__ = "1.0.0"\n\nNOTES = """\nUpgrading from 1.x:\n\nVERSION = "2"\n"""\n'
        "\u2028\n'''\n__version__ = '3'\n'''\n"
    )
    package = python_file.read("pkg/__init__.py", text)
    assert [(d.line, d.value) for d in package.declarations] == [(1, "1.0.0")]
    # form feeds (and the other breaks str.splitlines knows) end no line for the tokenizer
    feeds = '\x0c\n\x0c\n\x0c\n"""Corelib.\n\n__version__ = "0.1.0"\n"""\n__version__ = "1.0.0"\n'
    package = python_file.read("pkg/__init__.py", feeds)
    assert [(d.line, d.value) for d in package.declarations] == [(8, "1.0.0")]
    # a module the tokenizer cannot read keeps every literal (no Python imports it)
    broken = python_file.read("pkg/__init__.py", '__version__ = "1.0.0"\nx = """\n')
    assert [d.value for d in broken.declarations] == ["1.0.0"]


@pytest.mark.parametrize(
    "text",
    [
        '{"name": "root", "private": true, "version": ""}',
        '{"name": "x", "version": "1.0.0", "version": ""}',  # JSON.parse keeps the last
    ],
)
def test_an_empty_package_json_version_is_none(text: str) -> None:
    """npm reads ``"version": ""`` as no version (``npm install`` writes none into its
    lock): nuxt's private workspace root has held it for years."""
    assert package_json.read("package.json", text).declarations == []
