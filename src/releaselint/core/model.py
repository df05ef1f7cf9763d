"""What the readers return: version declarations with their place, grouped by package."""

from __future__ import annotations

import posixpath

from releaselint.core.records import record

# `typing` costs a hook ~5 ms to import; the records are `records.record` tuples at run time
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

    class _Requirement(NamedTuple):
        path: str
        line: int | None
        name: str
        text: str
        start: int | None
        end: int | None
        kind: str
        field: str
        source: str | None = None
        group: str | None = None

    class _Locked(NamedTuple):
        name: str | None
        folder: str | None
        declarations: list[Declaration]
        requirements: list[Requirement]
else:
    _Declaration = record(
        "_Declaration", "path line value start end field pep440 fallback", defaults=(False, False)
    )
    _Requirement = record(
        "_Requirement",
        "path line name text start end kind field source group",
        defaults=(None, None),
    )
    _Locked = record("_Locked", "name folder declarations requirements")


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


REQUIREMENT_KINDS = ("normal", "dev", "optional", "build", "peer", "group")


class Requirement(_Requirement):
    """One dependency of a package as its file writes it.

    ``text`` is what the file says about the version: the PEP 508 string as written
    (``corelib[x]>=1.4; python_version < '3.12'``), or the specifier (Cargo, npm, Poetry, the
    locked version of a lockfile). ``start``/``end`` is the span a bump rewrites, the
    version specifier alone (``>=1.4``), empty where a PEP 508 string has none yet (the
    place one would go), and None where the file gives no exact place (an escaped string, a
    multi-line string, ``x.workspace = true``); ``line`` is None where the file gives no
    string to point at. ``kind`` is one of ``REQUIREMENT_KINDS``; ``source`` is ``"path"``
    or ``"workspace"`` where the dependency is not taken from a registry; ``group`` names
    the extra or dependency group; ``field`` is how a user names the table
    (``[dev-dependencies]``, ``devDependencies``, ``[project.optional-dependencies].test``).
    """

    __slots__ = ()


class Locked(_Locked):
    """One of the repository's own packages as a lockfile records it: its version entries
    and its locked requirements. ``folder`` is the package's folder relative to the
    repository ("" for the root) where the lockfile records one (npm, uv); Cargo.lock records
    only the crate ``name``."""

    __slots__ = ()


class Package:
    """One manifest (or version file) and the declarations that belong to it.

    Readers fill ``declarations`` (with their spans), ``requirements`` (only when asked:
    reading them costs a PEP 508 parse), ``private``, ``dynamic``, ``workspace_members`` and
    ``version_hints``; discovery adds the lockfile entries and version files it attaches.
    """

    __slots__ = (
        "declarations",
        "dynamic",
        "ecosystem",
        "manifest",
        "name",
        "package_manager",
        "private",
        "requirements",
        "version_from",
        "version_hints",
        "virtual",
        "workspace_members",
    )

    def __init__(self, manifest: str, ecosystem: str, name: str | None = None) -> None:
        self.manifest = manifest
        self.ecosystem = ecosystem  # "python", "rust", "node", "deno"
        self.name = name
        self.declarations: list[Declaration] = []
        self.requirements: list[Requirement] = []
        self.private = False
        # the tool package.json's `packageManager` names ("pnpm" of "pnpm@11.3.0"), if any
        self.package_manager: str | None = None
        # Where the version comes from when it is not written here: "vcs:<tool>" (git
        # tags), "cargo" (maturin reads Cargo.toml), "workspace" (Cargo inheritance).
        self.dynamic: str | None = None
        # the file, relative to the manifest's folder, whose version the build takes (maturin's
        # Cargo.toml)
        self.version_from: str | None = None
        # why a Python project is never built: "tool.uv.package = false", "no build-system"
        self.virtual: str | None = None
        self.workspace_members: list[str] = []  # globs relative to this manifest's folder
        # where a version file may be: (paths relative to this folder, module names)
        self.version_hints: tuple[list[str], list[str]] = ([], [])

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
    def cited(self) -> str:
        """The evidence a finding names: two reasons at most, the rest counted (explain
        prints them all)."""
        shown = "; ".join(self.evidence[:2])
        rest = len(self.evidence) - 2
        return f"{shown}; +{rest} more (releaselint explain)" if rest > 0 else shown

    @property
    def binding(self) -> list[Declaration]:
        """The declarations that must hold the group's version (fallbacks never do)."""
        return [d for d in self.declarations if not d.fallback]

    def __repr__(self) -> str:
        return f"<Group {self.name} {[p.manifest for p in self.packages]}>"


if TYPE_CHECKING:

    class TagRecord(NamedTuple):
        """A tag: its short name (without ``refs/tags/``), the object it names, that
        object's kind ("tag" for annotated, "commit" for lightweight) and the commit it
        peels to."""

        name: str
        oid: str
        kind: str
        commit: str | None
else:
    TagRecord = record("TagRecord", "name oid kind commit")
