"""Folders of a repository that hold no release of its own (examples, tests, vendored
code, development tools), and the configuration's globs that leave out more."""

from __future__ import annotations

import posixpath

# Folders whose manifests are not releases of this repository unless configured.
EXCLUDED_DIRS = frozenset(
    (
        "example", "examples", "doc", "docs", "fixture", "fixtures", "__fixtures__", "test",
        "tests", "testdata", "testing", "bench", "benches", "benchmarks", "sample", "samples",
        "demo", "demos", "node_modules", "target", "vendor", "third_party", "build", "dist",
        "venv",
    )
)  # fmt: skip

# Folder names where a nested project with its own lockfile is a development tool, not a
# release: scripts, benchmarks, playgrounds, end-to-end suites.
DEV_FOLDERS = ("scripts", "tools", "dev", "playground", "e2e", "pyodide_test", "fuzz")


def matches(path: str, pattern: str) -> bool:
    """A config glob matches a file, or a folder that holds it; ``.`` the files of the root
    folder itself (the root package, as Release Please's ``packages`` name it: the root
    folder holds every file, and a group of every package is spelled ``**``)."""
    from fnmatch import fnmatchcase  # imports re: only where a config names globs

    pattern = pattern.rstrip("/")
    if posixpath.normpath(pattern or ".") == ".":
        return "/" not in path
    if fnmatchcase(path, pattern):
        return True
    parent = posixpath.dirname(path)
    while parent:
        if fnmatchcase(parent, pattern):
            return True
        parent = posixpath.dirname(parent)
    return False


def workspace_glob(folder: str, glob: str) -> bool:
    """Whether the folder ``folder`` matches a workspace glob (npm's, pnpm's, Cargo's,
    uv's): ``*`` within one path segment, ``**`` across any number of them."""
    return _segments(folder.split("/"), posixpath.normpath(glob.strip("/")).split("/"))


def _segments(parts: list[str], pattern: list[str]) -> bool:
    from fnmatch import fnmatchcase

    if "**" in pattern:
        at = pattern.index("**")
        head, tail = pattern[:at], pattern[at + 1 :]
        if len(parts) < len(head) + len(tail):
            return False
        return _segments(parts[: len(head)], head) and (
            not tail or _segments(parts[len(parts) - len(tail) :], tail)
        )
    return len(parts) == len(pattern) and all(
        fnmatchcase(p, q) for p, q in zip(parts, pattern, strict=True)
    )
