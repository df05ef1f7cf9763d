"""The format registry: its invariants, and the one contract every reader keeps."""

from __future__ import annotations

import importlib
import inspect
import re
import subprocess
import sys

import pytest

from releaselint.core import formats, inventory
from releaselint.core.model import Locked, Package


def test_every_row_is_known_data() -> None:
    names = formats.names()
    assert len(names) == len(set(names))
    for fmt in formats.FORMATS:
        assert fmt.kind in formats.KINDS, fmt
        # discovery orders packages by ecosystem
        assert fmt.ecosystem in inventory._ECOSYSTEM_RANK, fmt
        assert "/" not in fmt.name, fmt
    assert {f.kind for f in formats.FORMATS} == set(formats.KINDS)


@pytest.mark.parametrize("reader", sorted({f.reader for f in formats.FORMATS}))
def test_every_reader_exists_and_exports_read(reader: str) -> None:
    module = importlib.import_module(f"releaselint.core.{reader}")
    assert module.__doc__
    parameters = inspect.signature(module.read).parameters
    assert list(parameters)[:2] == ["path", "text"]
    requirements = parameters["requirements"]
    assert requirements.kind is inspect.Parameter.KEYWORD_ONLY
    assert requirements.default is False


SAMPLES = {
    "pyproject.toml": '[project]\nname = "a"\nversion = "1.0"\ndependencies = ["b>=1"]\n',
    "Cargo.toml": '[package]\nname = "a"\nversion = "1.0.0"\n[dependencies]\nb = "1"\n',
    "package.json": '{"name": "a", "version": "1.0.0", "dependencies": {"b": "^1"}}',
    "deno.json": '{"name": "@s/a", "version": "1.0.0"}',
    "deno.jsonc": '{"name": "@s/a", "version": "1.0.0", // x\n}',
    "jsr.json": '{"name": "@s/a", "version": "1.0.0"}',
    "Cargo.lock": 'version = 4\n\n[[package]]\nname = "a"\nversion = "1.0.0"\n',
    "package-lock.json": '{"name": "a", "version": "1.0.0", "lockfileVersion": 3, "packages": {}}',
    "uv.lock": 'version = 1\n[[package]]\nname = "a"\nversion = "1.0"\nsource = { editable = "." }\n',
    "__init__.py": '__version__ = "1.0"\n',
    "_version.py": '__version__ = "1.0"\n',
    "__about__.py": '__version__ = "1.0"\n',
    "version.py": 'VERSION = "1.0"\n',
}


def test_samples_cover_the_table() -> None:
    assert set(SAMPLES) == set(formats.names())


@pytest.mark.parametrize("name", formats.names())
def test_every_reader_keeps_the_contract(name: str) -> None:
    fmt = formats.find(name)
    assert fmt is not None
    path = f"pkg/{name}"
    text = SAMPLES[name]
    for requirements in (False, True):
        found = formats.reader(fmt).read(path, text, requirements=requirements)
        if fmt.kind == formats.LOCKFILE:
            assert isinstance(found, list)
            assert all(isinstance(e, Locked) for e in found)
            declarations = [d for e in found for d in e.declarations]
        else:
            assert isinstance(found, Package)
            assert (found.manifest, found.ecosystem) == (path, fmt.ecosystem)
            declarations = found.declarations
            if not requirements:
                assert found.requirements == []
        assert [text[d.start : d.end] for d in declarations] == [d.value for d in declarations]
        assert declarations


def test_find_and_pathspecs() -> None:
    assert formats.find("Cargo.lock") == ("Cargo.lock", "lockfiles.cargo_lock", "rust", "lockfile")
    assert formats.find("cargo.lock") is None
    assert formats.find("setup.py") is None
    assert formats.pathspecs()[0] == ":(glob)**/pyproject.toml"
    assert len(formats.pathspecs()) == len(formats.FORMATS)


@pytest.mark.parametrize(
    ("name", "regex"),
    [
        ("package-lock.json", r"package-lock\.json"),
        ("*.csproj", r"[^/]*\.csproj"),
        ("v?.toml", r"v[^/]\.toml"),
    ],
)
def test_name_regex(name: str, regex: str) -> None:
    assert formats._name_regex(name) == regex


@pytest.mark.parametrize(
    ("path", "matched"),
    [
        ("Cargo.lock", True),
        ("bindings/node/package-lock.json", True),
        ("src/a/__about__.py", True),
        ("releaselint.toml", True),
        ("deno.jsonc", True),
        ("xpyproject.toml", False),
        ("pyproject.toml.bak", False),
        ("src/a/main.py", False),
    ],
)
def test_files_regex(path: str, matched: bool) -> None:
    assert (re.search(formats.files_regex(), path) is not None) is matched


def test_readers_are_imported_on_first_use() -> None:
    code = (
        "import sys\nfrom releaselint.core import formats\n"
        "before = sorted(m for m in sys.modules if '.manifests.' in m or '.lockfiles.' in m)\n"
        "formats.reader(formats.find('uv.lock'))\n"
        "after = sorted(m for m in sys.modules if '.manifests.' in m or '.lockfiles.' in m)\n"
        "print(before, after)\n"
    )
    result = subprocess.run((sys.executable, "-c", code), capture_output=True, text=True)
    assert result.stdout.strip() == (
        "[] ['releaselint.core.lockfiles.damage', 'releaselint.core.lockfiles.lines',"
        " 'releaselint.core.lockfiles.uv_lock']"
    )


def test_packaging_is_imported_only_for_requirements_beyond_plain() -> None:
    """Versions, and plain requirements (a name, extras, clauses of release numbers), are
    read without packaging; a requirement with a marker is read by it."""
    code = (
        "import sys\nfrom releaselint.core import formats\n"
        f"samples = {SAMPLES!r}\n"
        "for name, text in samples.items():\n"
        "    formats.reader(formats.find(name)).read(name, text)\n"
        "print('packaging' in sys.modules, end=' ')\n"
        "for name, text in samples.items():\n"
        "    formats.reader(formats.find(name)).read(name, text, requirements=True)\n"
        "print('packaging' in sys.modules, end=' ')\n"
        "marked = '[project]\\ndependencies = [\"x>=1; os_name == \\'nt\\'\"]\\n'\n"
        "formats.reader(formats.find('pyproject.toml')).read('p', marked, requirements=True)\n"
        "print('packaging' in sys.modules)\n"
    )
    result = subprocess.run((sys.executable, "-c", code), capture_output=True, text=True)
    assert result.stdout.strip() == "False False True", result.stderr
