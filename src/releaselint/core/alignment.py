"""Version alignment: every declaration of a group holds the group's version."""

from __future__ import annotations

from collections import namedtuple

from releaselint.core.config import Config
from releaselint.core.errors import FatalError
from releaselint.core.files import Edit
from releaselint.core.model import Declaration, Group
from releaselint.core.report import Finding
from releaselint.core.versions import (
    SemVer,
    is_semver,
    pep440_to_semver,
    same_version,
    semver_to_pep440,
)

# Declarations that say "this version is written here", which a tag-driven scheme forbids
# outright: the version must be read from package metadata instead.
_MUST_BE_DYNAMIC = frozenset(("[project].version", "__version__"))


TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple

    class Misalignment(NamedTuple):
        group: Group
        declaration: Declaration
        expected: str  # the value the declaration should hold, in its file's spelling
        finding: Finding
        fixable: bool
else:
    Misalignment = namedtuple("Misalignment", "group declaration expected finding fixable")


def is_placeholder(value: str, config: Config) -> bool:
    return any(same_version(value, p) for p in config.placeholders)


def spelling(version: str, declaration: Declaration) -> str | None:
    """``version`` as ``declaration``'s file writes it: PEP 440 for Python files, SemVer
    elsewhere; None where the other scheme has no counterpart."""
    if declaration.pep440:
        if is_semver(version):
            return semver_to_pep440(SemVer(version))
        return version
    if is_semver(version):
        return version
    mapped = pep440_to_semver(version)
    return str(mapped) if mapped is not None else None


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
    found = []
    # which package each declaration belongs to: findings across packages name the evidence
    # that joins them ("lockstep at tags v1.2.0…v1.4.0"); within one package none is needed
    owner = {id(d): p for p in group.packages for d in p.declarations}
    for declaration in group.binding:
        if declaration is source:
            continue
        if same_version(declaration.value, source.value):
            continue
        expected = spelling(source.value, declaration)
        where = source.where
        if owner.get(id(declaration)) is not owner.get(id(source)) and group.evidence:
            where += "; " + "; ".join(group.evidence)
        message = (
            f"version {declaration.value!r} != {source.value!r} ({where})"
            if expected is not None
            else f"version {declaration.value!r} != {source.value!r} ({where}), "
            f"which has no {'PEP 440' if declaration.pep440 else 'SemVer'} spelling"
        )
        finding = Finding(declaration.path, declaration.line, message)
        found.append(
            Misalignment(
                group, declaration, expected or source.value, finding, expected is not None
            )
        )
    return found


def _check_vcs(group: Group, config: Config) -> list[Misalignment]:
    found = []
    placeholder = config.placeholders[0]
    for declaration in group.declarations:
        where = f"the version comes from git tags ({group.vcs})"
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
        elif not is_placeholder(declaration.value, config):
            expected = spelling(placeholder, declaration) or placeholder
            message = (
                f"version {declaration.value!r} but {where}; expected the placeholder {expected!r}"
            )
            finding = Finding(declaration.path, declaration.line, message)
            found.append(Misalignment(group, declaration, expected, finding, True))
    return found


def fix_edits(misaligned: list[Misalignment]) -> list[Edit]:
    return [
        Edit(m.declaration.path, m.declaration.start, m.declaration.end, m.expected)
        for m in misaligned
        if m.fixable
    ]


def group_edits(group: Group, version: str, config: Config) -> list[Edit]:
    """Edits that set every declaration of ``group`` to ``version`` (for ``bump``)."""
    if group.vcs is not None:
        raise FatalError(
            f"group {group.name!r}: the version comes from git tags ({group.vcs}); "
            "create a tag instead: releaselint tag <version>"
        )
    edits = []
    for declaration in group.binding:
        new = spelling(version, declaration)
        if new is None:
            scheme = "PEP 440" if declaration.pep440 else "SemVer"
            raise FatalError(f"{declaration.where}: {version!r} has no {scheme} spelling")
        if new != declaration.value:
            edits.append(Edit(declaration.path, declaration.start, declaration.end, new))
    return edits
