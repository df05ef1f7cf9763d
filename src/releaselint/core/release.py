"""Which group a release command acts on, and the version it releases next."""

from __future__ import annotations

from releaselint.core.errors import FatalError
from releaselint.core.files import Edit
from releaselint.core.model import Group
from releaselint.core.versions import (
    SemVer,
    is_prerelease_identifier,
    is_semver,
    pep440_to_semver,
    same_version,
    semver_to_pep440,
    shown,
    write_problem,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from releaselint.core.config import Config
    from releaselint.core.internal import Rewrite
    from releaselint.core.tree import Tree


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


def as_semver(text: str, where: str, *, pep440: bool = False) -> SemVer:
    """``text`` as SemVer (a PEP 440 version through its SemVer spelling), within the
    limits of every file it may be written to. ``pep440``: ``text`` is a Python file's,
    where ``1.0.0-post1`` is the post-release 1.0.0.post1 (after 1.0.0), not a SemVer
    prerelease (before it): a prerelease PEP 440 has no spelling for is read as PEP 440."""
    semver = is_semver(text) and not (pep440 and semver_to_pep440(SemVer(text)) is None)
    version = SemVer(text) if semver else pep440_to_semver(text)
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
    current = as_semver(group.source.value, group.source.where, pep440=group.source.pep440)
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


class BumpPlan:
    """What a bump writes and what it leaves to run: the edits (the group's declarations,
    the internal requirements that move with them, bump-my-version's and tbump's current
    version), the requirements rewritten, and the lock commands their lockfiles need."""

    __slots__ = ("edits", "locks", "old", "rewrites", "version", "what")

    def __init__(self, old: str, version: SemVer) -> None:
        self.old = old
        self.version = version
        self.edits: list[Edit] = []
        self.rewrites: list[Rewrite] = []
        self.locks: list[tuple[str, tuple[str, ...]]] = []
        self.what: dict[tuple[str, int], str] = {}  # (path, start) -> the plan's line

    def describe(self, edit: Edit, what: str) -> None:
        self.edits.append(edit)
        self.what[(edit.path, edit.start)] = what

    def lines(self, group: Group) -> list[str]:
        """The plan as the user reads it before anything is written."""
        out = [f"{group.name}: {self.old} -> {self.version}"]
        for edit in sorted(self.edits, key=lambda e: (e.path, e.start)):
            out.append(f"  {self.what[(edit.path, edit.start)]}")
        for folder, command in self.locks:
            where = f"cd {folder} && " if folder else ""
            out.append(f"  then relock: {where}{' '.join(command)}")
        return out


def plan_bump(root: str, tree: Tree, group: Group, version: SemVer, config: Config) -> BumpPlan:
    """Everything ``bump`` (and ``tag --bump``) writes for ``group`` at ``version``;
    FatalError where it would go wrong: declarations that disagree, an extra-files pattern
    that matches something other than the version or matches inside releaselint's own
    configuration, an internal requirement the policy refuses."""
    from releaselint.core import bumptools, internal
    from releaselint.core.alignment import find_misaligned, group_edits
    from releaselint.core.inventory import packages_of

    _check_extra_files(root, group, config)
    if group.vcs is None:
        misaligned = find_misaligned([group], config)
        if misaligned:
            finding = misaligned[0].finding
            raise FatalError(
                f"{finding.location}: {finding.message}; the group's declarations disagree: "
                "run releaselint check-version-alignment --fix first"
            )
    old = group.source.value if group.source is not None else "?"
    bump = BumpPlan(old, version)
    declarations = {(d.path, d.start): d for d in group.binding}
    for edit in group_edits(group, str(version), config):
        declaration = declarations[(edit.path, edit.start)]
        bump.describe(
            edit, f"{declaration.where}: {declaration.field} {edit.old!r} -> {edit.new!r}"
        )
    for declaration in bumptools.current_versions(tree, old):
        if (declaration.path, declaration.start) not in bump.what:
            edit = Edit(
                declaration.path,
                declaration.start,
                declaration.end,
                str(version),
                declaration.value,
            )
            bump.describe(
                edit, f"{declaration.where}: {declaration.field} {edit.old!r} -> {edit.new!r}"
            )
    policy = config.dependent_pins
    packages = packages_of(tree, config)
    found = internal.find(tree, packages, group.packages)
    for rewrite in internal.plan(found, version, policy):
        if (rewrite.edit.path, rewrite.edit.start) not in bump.what:
            requirement = rewrite.internal.requirement
            bump.describe(
                rewrite.edit,
                f"{requirement.path}:{requirement.line}: {requirement.field} {requirement.name} "
                f"{rewrite.old!r} -> {rewrite.new!r}",
            )
            bump.rewrites.append(rewrite)
    copies, stale = internal.lock_copies(tree, bump.rewrites)
    for edit, what in copies:
        if (edit.path, edit.start) not in bump.what:
            bump.describe(edit, what)
    # Cargo.lock records no requirements; its command is named all the same where a
    # crate's requirements changed, as cargo-release runs it
    rust = [r.edit.path for r in bump.rewrites if r.internal.dependent.ecosystem == "rust"]
    bump.locks = internal.lock_commands(tree, sorted({*stale, *rust}))
    return bump


def _check_extra_files(root: str, group: Group, config: Config) -> None:
    """An extra-files pattern must match the group's version at every match, and never in
    releaselint's own configuration (a pattern that matches itself would be rewritten into
    another pattern)."""
    if not config.extra_files or group.source is None:
        return
    paths = {e.path for e in config.extra_files}
    own = _own_configuration(root, config)
    source = group.source
    for declaration in group.binding:
        if declaration.path not in paths:
            continue
        if declaration.path in own and own[declaration.path](declaration.line):
            raise FatalError(
                f"{declaration.where}: an extra-files pattern matches inside releaselint's own "
                "configuration; anchor the pattern so that it matches the version only"
            )
        if not same_version(declaration.value, source.value, pep440=source.pep440):
            raise FatalError(
                f"{declaration.where}: the extra-files pattern matches {declaration.value!r}, "
                f"not the group's version {source.value!r} ({source.where}); "
                "make the pattern match the version only"
            )


def _own_configuration(root: str, config: Config) -> dict[str, Callable[[int], bool]]:
    """For each file holding releaselint's configuration: which of its lines are it."""
    from releaselint.core.files import read_file

    found: dict[str, Callable[[int], bool]] = {}
    for name in ("releaselint.toml", ".releaselint.toml"):
        found[name] = lambda line: True
    if config.source == "pyproject.toml":
        text = read_file(root, "pyproject.toml") or ""
        inside: set[int] = set()
        current = False
        for number, line in enumerate(text.splitlines(), 1):
            stripped = line.strip()
            if stripped.startswith("["):
                header = stripped.strip("[] \t").split("]")[0].strip()
                current = header == "tool.releaselint" or header.startswith("tool.releaselint.")
            if current:
                inside.add(number)
        found["pyproject.toml"] = inside.__contains__
    return found


def relock(root: str, folder: str, command: tuple[str, ...]) -> None:
    """Run one lock command in ``folder`` through the process layer (ProcessError names
    the program and why it failed, or that it is not installed)."""
    import os

    from releaselint.core import git

    git.run_program(
        command, cwd=os.path.join(root, folder), env=git.no_git_env(), timeout=git.RELOCK_TIMEOUT
    )
