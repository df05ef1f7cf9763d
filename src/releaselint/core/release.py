"""Which group a release command acts on, and the version it releases next."""

from __future__ import annotations

from releaselint.core.errors import FatalError
from releaselint.core.model import Group
from releaselint.core.versions import (
    SemVer,
    is_prerelease_identifier,
    is_semver,
    pep440_to_semver,
    semver_to_pep440,
    shown,
    write_problem,
)


def select_group(groups: list[Group], name: str | None) -> Group:
    if name is not None:
        for group in groups:
            if group.name == name:
                return group
        known = ", ".join(g.name for g in groups) or "none"
        raise FatalError(f"no group named {name!r} (groups: {known})")
    primary = [g for g in groups if g.primary]
    if primary:
        return primary[0]
    if len(groups) == 1:
        return groups[0]
    if not groups:
        raise FatalError("no version declarations found in this repository")
    names = ", ".join(g.name for g in groups)
    raise FatalError(f"several groups ({names}): choose one with --group")


def as_semver(text: str, where: str) -> SemVer:
    """``text`` as SemVer (a PEP 440 version through its SemVer spelling), within the
    limits of every file it may be written to."""
    version = SemVer(text) if is_semver(text) else pep440_to_semver(text)
    if version is None:
        raise FatalError(
            f"{where}: {shown(text)} is not a SemVer version (nor PEP 440 with a SemVer spelling)"
        )
    problem = write_problem(str(version), pep440=False)
    if problem is not None:
        raise FatalError(f"{where}: {shown(text)} {problem}")
    return version


# the prerelease labels that have a PEP 440 spelling (versions.semver_to_pep440)
PYTHON_PREIDS = "alpha, beta, rc or dev"


def next_version(group: Group, part: str | None, to: str | None, preid: str | None) -> SemVer:
    if to is not None:
        return as_semver(to, "--to")
    if group.vcs is not None:
        raise FatalError(
            f"group {group.name!r}: the version comes from git tags ({group.vcs}); "
            "create a tag instead: releaselint tag <version>"
        )
    if group.source is None:
        raise FatalError(f"group {group.name!r} declares no version to bump")
    current = as_semver(group.source.value, group.source.where)
    assert part is not None
    if preid is not None and preid and not is_prerelease_identifier(preid):
        raise FatalError(
            f"--preid {shown(preid)}: not a prerelease identifier (dot-separated "
            "[0-9A-Za-z-] parts, numbers without leading zeros)"
        )
    version = current.bump(part, preid)
    python = next((d for d in group.binding if d.pep440), None)
    if python is not None and semver_to_pep440(version) is None and part == "prerelease":
        raise FatalError(
            f"{python.where}: {shown(str(version))} has no PEP 440 spelling; "
            f"a Python package takes --preid {PYTHON_PREIDS} (bump prerelease --preid rc)"
        )
    return version
