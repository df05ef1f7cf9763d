"""The file formats releaselint reads: file name -> reader, ecosystem and kind, as data.

Discovery lists the tree with ``pathspecs()`` and reads each file with its format's reader;
the ``files:`` pattern of ``.pre-commit-hooks.yaml`` is ``files_regex()`` (a meta test
compares them); ``docs/architecture.md`` describes this table. To add a format, add a row
and a reader module; the tests of the table's invariants say what else is missing.

Every reader module exports ``read(path, text, *, requirements=False)``, which raises
``FatalError`` with ``path:line:`` for input it cannot read and returns:

- a manifest or a version file: one ``model.Package`` (its declarations with their spans;
  with ``requirements``, its dependency requirements too);
- a lockfile: a list of ``model.Locked``, one for each of the repository's own packages it
  records (their version entries; with ``requirements``, their locked requirements).

Readers are imported on first use: a tag check discovers a thousand commits, and a
repository has a handful of the formats.
"""

from __future__ import annotations

import sys

from releaselint.core.records import record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import ModuleType
    from typing import NamedTuple

    class Format(NamedTuple):
        name: str  # a file name, or a glob on the file name
        reader: str  # module under releaselint.core
        ecosystem: str  # "python", "rust", "node", "deno"
        kind: str  # one of KINDS
else:
    Format = record("Format", "name reader ecosystem kind")

MANIFEST = "manifest"
LOCKFILE = "lockfile"
VERSION_FILE = "version file"
KINDS = (MANIFEST, LOCKFILE, VERSION_FILE)

FORMATS = (
    Format("pyproject.toml", "manifests.pyproject", "python", MANIFEST),
    Format("Cargo.toml", "manifests.cargo", "rust", MANIFEST),
    Format("package.json", "manifests.package_json", "node", MANIFEST),
    Format("deno.json", "manifests.deno", "deno", MANIFEST),
    Format("deno.jsonc", "manifests.deno", "deno", MANIFEST),
    Format("jsr.json", "manifests.deno", "deno", MANIFEST),
    Format("Cargo.lock", "lockfiles.cargo_lock", "rust", LOCKFILE),
    Format("package-lock.json", "lockfiles.package_lock", "node", LOCKFILE),
    Format("uv.lock", "lockfiles.uv_lock", "python", LOCKFILE),
    # Found only where a pyproject.toml points at them (its name, hatch's path, setuptools'
    # attr); a listing of the tree names every candidate at once.
    Format("__init__.py", "manifests.python_file", "python", VERSION_FILE),
    Format("_version.py", "manifests.python_file", "python", VERSION_FILE),
    Format("__about__.py", "manifests.python_file", "python", VERSION_FILE),
    Format("version.py", "manifests.python_file", "python", VERSION_FILE),
)
# Lockfiles releaselint does not read, but whose presence marks a project folder (a nested
# development project has its own).
UNREAD_LOCKFILES = (
    "pnpm-lock.yaml", "yarn.lock", "bun.lock", "bun.lockb", "poetry.lock", "npm-shrinkwrap.json",
)  # fmt: skip
# Release Please's own files (its defaults for --config-file and --manifest-file): evidence
# for groups, and what check-release-please guards.
RELEASE_PLEASE_CONFIG = "release-please-config.json"
RELEASE_PLEASE_MANIFEST = ".release-please-manifest.json"
# Not a format of a package, but a change to it changes the verdict: the hook runs on it too.
CONFIG_FILES = ("releaselint.toml",)

_BY_NAME = {f.name: f for f in FORMATS if not any(c in f.name for c in "*?[")}
_GLOBS = tuple(f for f in FORMATS if f.name not in _BY_NAME)
_modules: dict[str, ModuleType] = {}


def find(name: str) -> Format | None:
    """The format of a file, by its name (not its path), or None."""
    found = _BY_NAME.get(name)
    if found is None and _GLOBS:
        from fnmatch import fnmatchcase  # imports re: only for a name no format spells out

        found = next((f for f in _GLOBS if fnmatchcase(name, f.name)), None)
    return found


def names(kind: str | None = None) -> tuple[str, ...]:
    """The file names (or globs) of one kind, or of every kind, in the table's order."""
    return tuple(f.name for f in FORMATS if kind is None or f.kind == kind)


def reader(fmt: Format) -> ModuleType:
    """A format's reader module, imported the first time a file of its kind is met (the
    import statement is not repeated for each of a thousand commits)."""
    module = _modules.get(fmt.reader)
    if module is None:
        name = f"releaselint.core.{fmt.reader}"
        __import__(name)  # importlib itself would cost the run an import
        module = sys.modules[name]
        _modules[fmt.reader] = module
    return module


def pathspecs() -> list[str]:
    """Git pathspecs that list every file of a known format, at any depth."""
    return [f":(glob)**/{name}" for name in names()]


def files_regex() -> str:
    """The pre-commit ``files:`` pattern: a change to any of these files can change the
    verdict of check-version-alignment."""
    alternatives = [_name_regex(name) for name in (*names(), *CONFIG_FILES)]
    return f"(^|/)({'|'.join(alternatives)})$"


def _name_regex(name: str) -> str:
    out = []
    for char in name:
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char.isalnum() or char in "_-":
            out.append(char)
        else:
            out.append("\\" + char)
    return "".join(out)
