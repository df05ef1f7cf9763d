"""What the readers return: version declarations with their place, grouped by package."""

from __future__ import annotations

import posixpath
from typing import NamedTuple


class Declaration(NamedTuple):
    """One version string in one file: its value and the span of the text that holds it."""

    path: str
    line: int
    value: str
    start: int
    end: int
    field: str  # how a user names the place: "[package].version", 'packages[""].version'
    pep440: bool = False  # a Python file: the version is written in PEP 440 spelling

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
