"""What the readers return: version declarations with their place, grouped by package."""

from __future__ import annotations

import posixpath
from collections import namedtuple

# `typing` costs a hook ~5 ms to import; the records are collections.namedtuple at run time
# and typed NamedTuples for the type checker.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple

    class _Declaration(NamedTuple):
        path: str
        line: int
        value: str
        start: int
        end: int
        field: str
        pep440: bool = False
        fallback: bool = False
else:
    _Declaration = namedtuple(
        "_Declaration", "path line value start end field pep440 fallback", defaults=(False, False)
    )


class Declaration(_Declaration):
    """One version string in one file: its value and the span of the text that holds it.

    ``field`` is how a user names the place (``[package].version``,
    ``packages[""].version``); ``pep440`` marks Python files, written in PEP 440 spelling;
    ``fallback`` marks a literal used only where the real version cannot be read (the
    ``except`` branch beside ``importlib.metadata.version()``): it never has to agree.
    """

    __slots__ = ()

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


class Package:
    """One manifest and the declarations that belong to it (lockfile entries, version file)."""

    __slots__ = (
        "declarations",
        "dynamic",
        "ecosystem",
        "manifest",
        "name",
        "private",
        "workspace_members",
    )

    def __init__(self, manifest: str, ecosystem: str, name: str | None = None) -> None:
        self.manifest = manifest
        self.ecosystem = ecosystem  # "python", "rust", "node", "deno"
        self.name = name
        self.declarations: list[Declaration] = []
        self.private = False
        # Where the version comes from when it is not written here: "vcs:<tool>" (git
        # tags), "cargo" (maturin reads Cargo.toml), "workspace" (Cargo inheritance).
        self.dynamic: str | None = None
        self.workspace_members: list[str] = []  # globs relative to this manifest's folder

    @property
    def directory(self) -> str:
        return posixpath.dirname(self.manifest)

    @property
    def vcs_tool(self) -> str | None:
        if self.dynamic is not None and self.dynamic.startswith("vcs:"):
            return self.dynamic[4:]
        return None

    def __repr__(self) -> str:
        return f"<Package {self.manifest} {self.name!r}>"


class Group:
    """Declarations that must all hold one version."""

    __slots__ = (
        "declarations", "evidence", "families", "name", "packages", "primary", "source",
        "tag_format", "tag_prefixes", "vcs",
    )  # fmt: skip

    def __init__(self, name: str, packages: list[Package]) -> None:
        self.name = name
        self.packages = packages
        self.declarations: list[Declaration] = [d for p in packages for d in p.declarations]
        self.source: Declaration | None = None
        # "<tool> (<manifest>)" where the group's version comes from git tags
        self.vcs: str | None = None
        self.tag_format: str | None = None
        self.primary = False  # the repository's own group: what `bump` and `tag` act on
        self.evidence: list[str] = []  # why these declarations must agree
        self.families: list[str] = []  # tag families whose releases it made (history)
        self.tag_prefixes: list[str] = []  # what its release tooling's tags start with

    @property
    def binding(self) -> list[Declaration]:
        """The declarations that must hold the group's version (fallbacks never do)."""
        return [d for d in self.declarations if not d.fallback]

    def __repr__(self) -> str:
        return f"<Group {self.name} {[p.manifest for p in self.packages]}>"
