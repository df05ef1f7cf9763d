"""Internal requirements their sibling's current version does not satisfy (uv drops a
workspace dependency's specifier and ``npm ci`` ignores workspace ranges: neither tool
sees them)."""

from __future__ import annotations

import posixpath

from releaselint.core import formats
from releaselint.core.errors import FatalError
from releaselint.core.lazyre import lazy
from releaselint.core.pep508 import package_name
from releaselint.core.pins import MANIFEST_NAMES, is_dev_project, one_line
from releaselint.core.report import Finding

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from releaselint.core.model import Declaration, Package, Requirement
    from releaselint.core.tree import Tree


def find_stale_pins(
    tree: Tree,
    listed: Sequence[str],
    *,
    track_releases: bool = False,
    changed: Sequence[str] | None = None,
) -> list[Finding]:
    """Every requirement of one of the repository's packages on another that the other's
    current version does not satisfy (uv drops a workspace dependency's specifier and
    ``npm ci`` ignores workspace ranges, so neither tool sees it); with
    ``track_releases``, also one satisfied but not at the current version. A requirement
    names a package of its own ecosystem: where ``changed`` lists the files a commit
    changed, the ecosystems of the manifests among them are the ones a change can move."""
    ecosystems = None
    if changed is not None:
        ecosystems = {_ecosystem(p) for p in changed if posixpath.basename(p) in MANIFEST_NAMES}
    manifests = [
        p
        for p in listed
        if posixpath.basename(p) in MANIFEST_NAMES
        and not is_dev_project(p)
        and (ecosystems is None or _ecosystem(p) in ecosystems)
    ]
    texts = tree.read_many(manifests)
    # names and versions first, and the requirements of Rust and Node packages (plain
    # strings) with them; a Python requirement may need packaging to read (~30 ms to
    # import): those are read only where another package of the repository could be named
    packages = _read_packages(texts, manifests, requirements=_PLAIN_REQUIREMENTS)
    targets: dict[tuple[str, str], Package] = {}
    versions: dict[int, Declaration] = {}  # each target's version
    roots = _workspace_versions(packages)
    for package in packages:
        declared = package.declarations[0] if package.declarations else _inherited(package, roots)
        if package.name and declared is not None:
            key = (package.ecosystem, package_name(package.ecosystem, package.name))
            if targets.setdefault(key, package) is package:
                versions[id(package)] = declared
    needed = [
        package.manifest
        for package in packages
        if package.ecosystem not in _PLAIN_REQUIREMENTS
        and any(
            eco == package.ecosystem and name != package_name(eco, package.name or "")
            for eco, name in targets
        )
    ]
    packages = [p for p in packages if p.ecosystem in _PLAIN_REQUIREMENTS]
    packages += _read_packages(texts, needed, requirements=frozenset(("python",)))
    workspaces: list[tuple[str, list[str]]] | None = None
    findings = []
    for package in packages:
        for requirement in package.requirements:
            name = package_name(package.ecosystem, requirement.name)
            target = targets.get((package.ecosystem, name))
            if target is None or name == package_name(package.ecosystem, package.name or ""):
                continue
            wanted = _requirement_text(package.ecosystem, requirement.text)
            if not wanted:
                continue
            if workspaces is None:
                workspaces = _workspaces(tree, packages)
            # a requirement the registry resolves is no internal pin (a Cargo dependency
            # without a path, a range on a package outside the npm workspace)
            if not _resolved_here(package, target, requirement, wanted, workspaces, tree):
                continue
            version, where = versions[id(target)].value, versions[id(target)].where
            ok = _satisfies(package.ecosystem, wanted, version)
            if ok is False:
                from releaselint.core.internal import raised

                new = raised(package.ecosystem, wanted, version)
                fix = f"'{new}' admits it" if new else f"make it admit '{version}'"
                findings.append(
                    Finding(
                        requirement.path,
                        requirement.line,
                        f"requires '{requirement.name}' '{wanted}' but it is at '{version}' "
                        f"({where}) — {fix}",
                    )
                )
            elif ok and track_releases and not _pins_exactly(package.ecosystem, wanted, version):
                from releaselint.core.internal import raised

                new = raised(package.ecosystem, wanted, version)
                findings.append(
                    Finding(
                        requirement.path,
                        requirement.line,
                        f"requires '{requirement.name}' '{wanted}', not the current "
                        f"'{version}' ({where}); pins track releases"
                        + (f" — '{new}' names it" if new and new != wanted else ""),
                    )
                )
    return one_line(findings)


def _workspace_versions(packages: Sequence[Package]) -> dict[str, Declaration]:
    """Folder -> the ``[workspace.package].version`` its Cargo.toml declares."""
    return {
        p.directory: d
        for p in packages
        if p.ecosystem == "rust"
        for d in p.declarations
        if d.field == "[workspace.package].version"
    }


def _inherited(package: Package, roots: dict[str, Declaration]) -> Declaration | None:
    """The ``[workspace.package].version`` a crate with ``version.workspace = true`` takes:
    that of the nearest Cargo.toml above it that declares one (``roots``, by folder)."""
    if package.dynamic != "workspace" or package.ecosystem != "rust":
        return None
    folder = package.directory
    while folder:
        folder = posixpath.dirname(folder)
        if folder in roots:
            return roots[folder]
    return None


def _workspaces(tree: Tree, packages: Sequence[Package]) -> list[tuple[str, list[str]]]:
    """``internal.node_workspaces``; none where pnpm-workspace.yaml cannot be read (the
    lockfile check reports it): then no plain range is taken for an internal one."""
    from releaselint.core.internal import node_workspaces

    try:
        return node_workspaces(tree, packages)
    except FatalError:
        return []


def _resolved_here(
    package: Package,
    target: Package,
    requirement: Requirement,
    spec: str,
    workspaces: list[tuple[str, list[str]]],
    tree: Tree,
) -> bool:
    from releaselint.core.internal import resolved_here

    return resolved_here(package, target, requirement, spec, workspaces, tree)


# ecosystems whose requirements are read with their versions
_PLAIN_REQUIREMENTS = frozenset(("rust", "node", "deno"))


def _ecosystem(path: str) -> str | None:
    found = formats.find(posixpath.basename(path))
    return None if found is None else found.ecosystem


def _read_packages(
    texts: dict[str, str | None], paths: Sequence[str], *, requirements: frozenset[str]
) -> list[Package]:
    """The packages of the manifests at ``paths`` that can be read, with their
    requirements for the ecosystems named (the version-alignment check reports a manifest
    that cannot be read; one whose requirements cannot be is taken without them)."""
    packages = []
    for path in paths:
        text = texts.get(path)
        fmt = formats.find(posixpath.basename(path))
        if text is None or fmt is None:
            continue
        reader = formats.reader(fmt)
        try:
            packages.append(reader.read(path, text, requirements=fmt.ecosystem in requirements))
            continue
        except FatalError:
            pass
        try:
            packages.append(reader.read(path, text))
        except FatalError:
            continue
    return packages


def _satisfies(ecosystem: str, requirement: str, version: str) -> bool | None:
    from releaselint.core import ranges

    return ranges.satisfies(ecosystem, requirement, version)


def _requirement_text(ecosystem: str, text: str) -> str:
    """The version part of a requirement's text: the specifier of a PEP 508 string."""
    if ecosystem != "python":
        return text.removeprefix("workspace:") if text not in ("workspace:*", "*") else ""
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        return str(Requirement(text).specifier)
    except (InvalidRequirement, RecursionError):
        return text


_VERSIONS_RE = lazy(r"\d+(?:\.\d+)*(?:-[0-9A-Za-z.]+)?")


def _pins_exactly(ecosystem: str, wanted: str, version: str) -> bool:
    """Whether a satisfied requirement names the current version (as its floor or its
    pin): ``>=0.3`` and ``^0.3.0`` name 0.3.0, ``>=0.2`` does not."""
    named = _VERSIONS_RE.findall(wanted)
    if ecosystem == "python":
        from packaging.version import InvalidVersion, Version

        try:
            current = Version(version)
            return any(Version(n) == current for n in named)
        except InvalidVersion:
            return version in named
    return any(_padded(n) == _padded(version) for n in named)


def _padded(version: str) -> tuple[tuple[int, ...], str]:
    """A SemVer-like version with missing parts as zeros (``0.3`` is ``0.3.0``)."""
    core, _, pre = version.partition("-")
    parts = [int(p) for p in core.split(".") if p.isdigit()]
    return (tuple(parts + [0] * (3 - len(parts))), pre)
