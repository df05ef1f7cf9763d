"""Which group a release command acts on, and the version it releases next."""

from __future__ import annotations

from releaselint.core.errors import FatalError
from releaselint.core.model import Group
from releaselint.core.versions import SemVer, is_semver, pep440_to_semver


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
    if is_semver(text):
        return SemVer(text)
    mapped = pep440_to_semver(text)
    if mapped is None:
        raise FatalError(
            f"{where}: {text!r} is not a SemVer version (nor PEP 440 with a SemVer spelling)"
        )
    return mapped


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
    try:
        return current.bump(part, preid)
    except ValueError as e:
        raise FatalError(f"--preid {preid!r}: {e}") from None
