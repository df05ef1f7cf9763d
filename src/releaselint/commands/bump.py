"""Set a new version on every declaration of a group, the requirements on it and its lockfile
entries included."""

from __future__ import annotations

import argparse
import sys

from releaselint.core import config as config_module
from releaselint.core import git, report
from releaselint.core.errors import FatalError
from releaselint.core.history import repository_model
from releaselint.core.release import next_version, plan_bump, relock, select_group
from releaselint.core.tree import WorkTree
from releaselint.core.versions import BUMP_PARTS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from releaselint.core.report import Finding


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="releaselint bump", description=__doc__)
    parser.add_argument("part", nargs="?", choices=BUMP_PARTS)
    parser.add_argument("--to", metavar="VERSION", help="set this exact version")
    parser.add_argument("--preid", help="prerelease identifier for 'prerelease' (e.g. rc)")
    parser.add_argument("--group", help="the group to bump (default: the repository's own)")
    parser.add_argument(
        "--dry-run", action="store_true", help="print the plan and the diff, write nothing"
    )
    parser.add_argument(
        "--relock",
        action="store_true",
        help="run the lock commands the plan names (offline) after writing",
    )
    parser.add_argument(
        "--allow-dirty", action="store_true", help="edit files that have unstaged changes"
    )
    args = parser.parse_args(argv)
    if (args.part is None) == (args.to is None):
        parser.error("give exactly one of a part (major, minor, patch, prerelease) or --to")
    if args.preid is not None and args.part != "prerelease":
        parser.error("--preid goes with 'prerelease'")
    if args.relock and args.dry_run:
        parser.error("--relock runs commands; --dry-run runs none")
    try:
        root = git.toplevel()
        from releaselint.core.files import plan_writes, recover, write_atomically

        recovered = recover(root, exact=True)
        if recovered:
            print(f"releaselint: {recovered}", file=sys.stderr)
        config = config_module.load(root)
        from releaselint.core.release_please import refusal

        refused = refusal(root, config)
        if refused is not None:
            raise FatalError(refused)
        tree = WorkTree(root)
        model = repository_model(root, tree, config)
        _refuse_unread(model.unread)
        group = select_group(model.groups, args.group)
        version = next_version(group, args.part, args.to, args.preid)
        bump = plan_bump(root, tree, group, version, config)
        plan = plan_writes(root, bump.edits)
        print("\n".join(report.printable(line) for line in bump.lines(group)))
        if args.dry_run:
            _print_diff(plan)
            return 0
        if not args.allow_dirty:
            dirty = git.dirty_paths(root, plan)
            if dirty:
                raise FatalError(
                    f"unstaged changes in {', '.join(dirty)}; commit or stage them, "
                    "or pass --allow-dirty"
                )
        write_atomically(root, plan)
        for path in plan:
            print(f"Updating {report.printable(path)}")
        if args.relock:
            for folder, command in bump.locks:
                print(f"Running {' '.join(command)}" + (f" in {folder}" if folder else ""))
                relock(root, folder, command)
        elif bump.locks:
            print("hint: internal requirements changed; update the lockfiles (or pass --relock)")
    except FatalError as e:
        report.fatal(str(e))
        return 1
    return 0


def _print_diff(plan: dict[str, tuple[str, str]]) -> None:
    import difflib

    for path, (old, new) in plan.items():
        diff = difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{path}", f"b/{path}"
        )
        # a file's text may hold escape sequences a terminal would act on: shown escaped,
        # tabs and line ends as they are
        print("".join(report.terminal_safe(line) for line in diff), end="")


if __name__ == "__main__":
    raise SystemExit(main())


def _refuse_unread(unread: Sequence[Finding]) -> None:
    """A manifest that cannot be read may be the one that decides the groups (the
    repository's own package at its root): a bump without it could pick another group,
    or leave one of the group's files behind. Refused, naming the first."""
    import posixpath

    from releaselint.core import formats

    for finding in unread:
        fmt = formats.find(posixpath.basename(finding.path))
        if fmt is not None and fmt.kind == formats.MANIFEST:
            where = f"{finding.path}:{finding.line}" if finding.line else finding.path
            raise FatalError(
                f"{where}: {finding.message}; bump reads every manifest before it writes one"
            )
