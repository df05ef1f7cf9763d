"""Check that each committed lockfile matches its manifests, and internal pins current versions."""

from __future__ import annotations

import posixpath
import sys

from releaselint.core import config as config_module
from releaselint.core import git, pins, report
from releaselint.core.errors import FatalError
from releaselint.core.tree import WorkTree
from releaselint.parsing import Command, Option

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from releaselint.core.report import Finding


def command(prog: str) -> Command:
    """The command line of ``prog``: check-lockfile-pins, or fix-lockfile-pins."""
    return Command(prog, __doc__, "filenames", _OPTIONS)


_OPTIONS = [
    Option(
        "--fix",
        action="store_true",
        help="re-lock each drifted project with its own tool (never edits a lockfile by hand)",
    ),
    Option(
        "--pins-track-releases",
        action="store_true",
        help="also flag an internal requirement satisfied by, but not naming, the current version",
    ),
    Option("--format", choices=report.FORMATS, default="text"),
]


def find_findings(
    root: str, changed: Sequence[str] | None, *, track_releases: bool = False
) -> tuple[list[Finding], dict[str, list[str]]]:
    """The findings, and the command that re-locks each lockfile that drifted."""
    config = config_module.load(root)
    tree = WorkTree(root)
    listed = tree.list(pins.pathspecs())
    locks = [
        p
        for p in pins.lockfiles_to_check(listed, changed)
        if not pins.is_dev_project(p, config.ignore)
    ]
    findings, relocks = pins.find_drift(tree, locks, listed)
    if changed is None or any(posixpath.basename(p) in pins.MANIFEST_NAMES for p in changed):
        from releaselint.core.pins.stale import find_stale_pins

        stale = find_stale_pins(tree, listed, track_releases=track_releases, changed=changed)
        findings.extend(_before_relocking(stale, relocks))
    return findings, relocks


def _before_relocking(stale: list[Finding], relocks: dict[str, list[str]]) -> list[Finding]:
    """Stale internal pins come first: a re-lock of their project resolves a range the
    workspace's package no longer admits from the registry (npm and pnpm fetch the public
    package of that name, and the pin is then no internal one; cargo fails). Their
    lockfiles are not re-locked, and their findings say so."""
    found = []
    for finding in stale:
        locks = [
            lock
            for lock in relocks
            # uv drops a workspace member's specifier: its re-lock fetches nothing
            if finding.severity == "error"
            and posixpath.basename(lock) != "uv.lock"
            and (
                not posixpath.dirname(lock)
                or finding.path.startswith(posixpath.dirname(lock) + "/")
            )
        ]
        for lock in locks:
            del relocks[lock]
        if locks:
            finding = finding._replace(
                hint=f"fix the internal pins before re-locking {', '.join(locks)}: its tool "
                "cannot take a range the repository's package misses from the repository (npm "
                "and pnpm fetch the registry's package of that name, cargo fails)"
            )
        found.append(finding)
    return found


def relock(root: str, relocks: dict[str, list[str]]) -> tuple[list[str], list[str]]:
    """Run each drifted lockfile's tool in its folder: (files it changed, what to run by
    hand where the tool is not on PATH or failed)."""
    import os
    import shutil

    from releaselint.core.files import read_file

    changed, manual = [], []
    for lock, argv in relocks.items():
        if shutil.which(argv[0]) is None:
            where = posixpath.dirname(lock)
            manual.append(
                f"{lock}: `{argv[0]}` is not on PATH; run `{' '.join(argv)}` in ./{where}"
            )
            continue
        before = read_file(root, lock)
        try:
            git.run_program(
                argv,
                cwd=os.path.join(root, posixpath.dirname(lock)),
                env=git.no_git_env(),
                timeout=git.RELOCK_TIMEOUT,
            )
        except git.ProcessError as e:
            manual.append(f"{lock}: `{' '.join(argv)}` failed: {e}")
            continue
        if read_file(root, lock) != before:
            changed.append(lock)
    return changed, manual


def run(argv: Sequence[str] | None, prog: str, fix: bool = False) -> int:
    args = command(prog).parse(argv)
    fix = fix or args.fix
    changed = [p.replace("\\", "/") for p in args.filenames] or None
    try:
        root = git.toplevel()
        findings, relocks = find_findings(root, changed, track_releases=args.pins_track_releases)
        if fix and relocks:
            fixed, manual = relock(root, relocks)
            out = sys.stderr if args.format == "json" else sys.stdout  # beside JSON
            for path in fixed:
                print(f"Fixing {report.printable(path)}", file=out)
            for line in manual:
                print(report.printable(line), file=sys.stderr)
            findings, _ = find_findings(root, changed, track_releases=args.pins_track_releases)
            if fixed or manual:
                report.emit(findings, [], str(args.format))
                return 1
    except FatalError as e:
        report.fatal(str(e), str(args.format))
        return 1
    report.emit(findings, [], str(args.format))
    return 1 if any(f.severity == "error" for f in findings) else 0


@report.entry_point
def main(argv: Sequence[str] | None = None) -> int:
    return run(argv, "check-lockfile-pins")


if __name__ == "__main__":
    raise SystemExit(main())
