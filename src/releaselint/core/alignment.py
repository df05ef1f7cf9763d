"""Version alignment: every declaration of a group holds the group's version."""

from __future__ import annotations

from releaselint.core.config import Config
from releaselint.core.errors import FatalError
from releaselint.core.files import Edit
from releaselint.core.model import Declaration, Group, Package
from releaselint.core.records import record
from releaselint.core.report import Finding
from releaselint.core.versions import (
    SemVer,
    is_pep440,
    is_semver,
    parse_pep440,
    pep440_to_semver,
    same_version,
    semver_to_pep440,
    shown,
    write_problem,
)

# Declarations that say "this version is written here", which a tag-driven scheme forbids
# outright: the version must be read from package metadata instead.
_MUST_BE_DYNAMIC = frozenset(("[project].version", "__version__"))


TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple

    from releaselint.core.internal import Rewrite
    from releaselint.core.tree import Tree

    class Misalignment(NamedTuple):
        group: Group
        declaration: Declaration
        expected: str  # the value the declaration should hold, in its file's spelling
        finding: Finding
        fixable: bool
else:
    Misalignment = record("Misalignment", "group declaration expected finding fixable")


def is_placeholder(declaration: Declaration, config: Config) -> bool:
    from releaselint.core.manifests.package_json import SEMANTIC_RELEASE_PLACEHOLDERS

    if declaration.field == ".version" and declaration.value in SEMANTIC_RELEASE_PLACEHOLDERS:
        return True
    return any(
        same_version(declaration.value, p, pep440=declaration.pep440) for p in config.placeholders
    )


def spelling(version: str, declaration: Declaration) -> str | None:
    """``version`` as ``declaration``'s file writes it: PEP 440 for Python files, SemVer
    elsewhere; None where the file's grammar has no counterpart (see ``why_unwritable``).
    Only such a spelling is ever written: never a value that could end a string."""
    if declaration.pep440:
        candidate = semver_to_pep440(SemVer(version)) if is_semver(version) else version
    elif is_semver(version):
        candidate = version
    else:
        mapped = pep440_to_semver(version)
        candidate = str(mapped) if mapped is not None else None
    if candidate is None or write_problem(candidate, declaration.pep440) is not None:
        return None
    return candidate


def why_unwritable(version: str, declaration: Declaration) -> str:
    """Why ``spelling`` gave None, worded to follow the version."""
    if not is_semver(version) and parse_pep440(version) is None:
        return "is not a valid version"
    scheme = "PEP 440" if declaration.pep440 else "SemVer"
    problem = write_problem(version, declaration.pep440)
    if problem is not None and problem != f"is not a valid {scheme} version":
        return problem
    return f"has no {scheme} spelling"


def find_misaligned(groups: list[Group], config: Config) -> list[Misalignment]:
    found: list[Misalignment] = []
    for group in groups:
        if group.vcs is not None:
            found.extend(_check_vcs(group, config))
        elif group.source is not None:
            found.extend(_check_static(group))
    return found


def _check_static(group: Group) -> list[Misalignment]:
    source = group.source
    assert source is not None
    if not _valid_in_own_grammar(source):
        # one finding where the fault is; the others cannot be compared with it, nor fixed
        scheme = "PEP 440" if source.pep440 else "SemVer"
        message = f"version {shown(source.value)} is not a valid {scheme} version"
        finding = Finding(source.path, source.line, message)
        return [Misalignment(group, source, source.value, finding, False)]
    found = []
    # which package each declaration belongs to: findings across packages name the evidence
    # that joins them ("lockstep at tags v1.2.0…v1.4.0"); within one package none is needed
    owner = {id(d): p for p in group.packages for d in p.declarations}
    for declaration in group.binding:
        if declaration is source:
            continue
        pep440 = declaration.pep440 or source.pep440
        both = declaration.pep440 and source.pep440
        if same_version(declaration.value, source.value, pep440=pep440, both_pep440=both):
            continue
        expected = spelling(source.value, declaration)
        where = source.where
        if owner.get(id(declaration)) is not owner.get(id(source)) and group.evidence:
            where += "; " + group.cited
        message = f"version {declaration.value!r} != {source.value!r} ({where})"
        if expected is None:
            message += f", which {why_unwritable(source.value, declaration)}"
        finding = Finding(declaration.path, declaration.line, message)
        found.append(
            Misalignment(
                group, declaration, expected or source.value, finding, expected is not None
            )
        )
    return found


def _valid_in_own_grammar(declaration: Declaration) -> bool:
    if declaration.pep440:
        return is_pep440(declaration.value)
    return is_semver(declaration.value)


# poetry-dynamic-versioning's README: "you are encouraged to use version = "0.0.0" as a
# standard placeholder"; its substitution (on by default, `*/__init__.py`, `*/_version.py`
# and the like) writes the version over `__version__ = "0.0.0"` at build time
_PDV = "poetry-dynamic-versioning"
_PDV_PLACEHOLDER = "0.0.0"


def _check_vcs(group: Group, config: Config) -> list[Misalignment]:
    found = []
    placeholder = config.placeholders[0]
    substituted = (group.vcs or "").startswith(_PDV)
    for declaration in group.declarations:
        where = f"the version comes from git tags ({group.vcs})"
        if (
            substituted
            and declaration.field != "[project].version"
            and (
                is_placeholder(declaration, config)
                or same_version(declaration.value, _PDV_PLACEHOLDER, pep440=declaration.pep440)
            )
        ):
            continue
        if declaration.field in _MUST_BE_DYNAMIC and not declaration.fallback:
            what = (
                "[project].version" if declaration.field == "[project].version" else "__version__"
            )
            advice = (
                'declare dynamic = ["version"] instead'
                if what == "[project].version"
                else "read it with importlib.metadata.version() instead"
            )
            message = f"static {what} {declaration.value!r} but {where}; {advice}"
            finding = Finding(declaration.path, declaration.line, message)
            found.append(Misalignment(group, declaration, placeholder, finding, False))
        elif not is_placeholder(declaration, config):
            expected = spelling(placeholder, declaration)
            message = (
                f"version {declaration.value!r} but {where}; "
                f"expected the placeholder {expected or placeholder!r}"
            )
            if expected is None:
                message += f", which {why_unwritable(placeholder, declaration)}"
            finding = Finding(declaration.path, declaration.line, message)
            found.append(
                Misalignment(
                    group, declaration, expected or placeholder, finding, expected is not None
                )
            )
    return found


def fix_edits(
    misaligned: list[Misalignment], tree: Tree | None = None, config: Config | None = None
) -> list[Edit]:
    """The edits that align each fixable declaration; given the tree, also the internal
    requirements on the packages whose version they change, as ``bump`` moves them."""
    edits = [_edit(m.declaration, m.expected) for m in misaligned if m.fixable]
    if tree is None or config is None:
        return edits
    placed = {(e.path, e.start) for e in edits}
    rewrites = requirement_rewrites(misaligned, tree, config)
    for rewrite in rewrites:
        if (rewrite.edit.path, rewrite.edit.start) not in placed:
            placed.add((rewrite.edit.path, rewrite.edit.start))
            edits.append(rewrite.edit)
    if rewrites:
        # and their copies in package-lock.json and uv.lock, as bump writes them: a pin
        # raised in package.json alone is a lockfile finding on the next run
        from releaselint.core import internal

        for edit, _ in internal.lock_copies(tree, rewrites)[0]:
            if (edit.path, edit.start) not in placed:
                placed.add((edit.path, edit.start))
                edits.append(edit)
    return edits


def requirement_rewrites(
    misaligned: list[Misalignment], tree: Tree, config: Config
) -> list[Rewrite]:
    """What the ``dependent-pins`` policy rewrites when the manifests of ``misaligned``
    take their group's version (a package's own manifest declaration says its version)."""
    from releaselint.core import internal
    from releaselint.core.inventory import packages_of

    moved: dict[str, list[Package]] = {}
    for item in misaligned:
        if not item.fixable or item.group.vcs is not None:
            continue
        for package in item.group.packages:
            own = package.declarations[:1]
            if own and own[0] is item.declaration:
                moved.setdefault(item.expected, []).append(package)
    if not moved:
        return []
    policy = config.dependent_pins
    packages = packages_of(tree, config)
    rewrites = []
    for expected, targets in moved.items():
        version = SemVer(expected) if is_semver(expected) else pep440_to_semver(expected)
        if version is None:
            continue
        rewrites.extend(internal.plan(internal.find(tree, packages, targets), version, policy))
    return rewrites


def _edit(declaration: Declaration, new: str) -> Edit:
    """The edit that writes ``new`` over ``declaration``, which must still read as the
    declared value: a span holding escape sequences is refused, never overwritten blindly."""
    return Edit(declaration.path, declaration.start, declaration.end, new, declaration.value)


def group_edits(group: Group, version: str, config: Config) -> list[Edit]:
    """Edits that set every declaration of ``group`` to ``version`` (for ``bump``)."""
    if group.vcs is not None:
        raise FatalError(
            f"group {group.name!r}: the version comes from git tags ({group.vcs}); "
            "create a tag instead: releaselint tag <version>"
        )
    edits = []
    placed = set()
    for declaration in group.binding:
        # an extra-files pattern may match a manifest's own declaration: one edit
        if (declaration.path, declaration.start, declaration.end) in placed:
            continue
        placed.add((declaration.path, declaration.start, declaration.end))
        new = spelling(version, declaration)
        if new is None:
            raise FatalError(
                f"{declaration.where}: {shown(version)} {why_unwritable(version, declaration)}"
            )
        if new != declaration.value:
            edits.append(_edit(declaration, new))
    return edits
