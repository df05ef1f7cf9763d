"""Set a new version on every declaration of a group, lockfile entries included."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from releaselint.core import config as config_module
from releaselint.core import git, report
from releaselint.core.alignment import group_edits
from releaselint.core.errors import FatalError
from releaselint.core.history import discover_with_history
from releaselint.core.release import next_version, select_group
from releaselint.core.tree import WorkTree
from releaselint.core.versions import BUMP_PARTS


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="releaselint bump", description=__doc__)
    parser.add_argument("part", nargs="?", choices=BUMP_PARTS)
    parser.add_argument("--to", metavar="VERSION", help="set this exact version")
    parser.add_argument("--preid", help="prerelease identifier for 'prerelease' (e.g. rc)")
    parser.add_argument("--group", help="the group to bump (default: the repository's own)")
    parser.add_argument("--dry-run", action="store_true", help="print the diff, write nothing")
    parser.add_argument(
        "--allow-dirty", action="store_true", help="edit files that have unstaged changes"
    )
    args = parser.parse_args(argv)
    if (args.part is None) == (args.to is None):
        parser.error("give exactly one of a part (major, minor, patch, prerelease) or --to")
    if args.preid is not None and args.part != "prerelease":
        parser.error("--preid goes with 'prerelease'")
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
        group = select_group(discover_with_history(root, WorkTree(root), config), args.group)
        version = next_version(group, args.part, args.to, args.preid)

        plan = plan_writes(root, group_edits(group, str(version), config))
        if args.dry_run:
            import difflib

            for path, (old, new) in plan.items():
                diff = difflib.unified_diff(
                    old.splitlines(keepends=True),
                    new.splitlines(keepends=True),
                    f"a/{path}",
                    f"b/{path}",
                )
                print("".join(diff), end="")
            return 0
        if not args.allow_dirty:
            dirty = git.dirty_paths(root, plan)
            if dirty:
                raise FatalError(
                    f"unstaged changes in {', '.join(dirty)}; commit or stage them, "
                    "or pass --allow-dirty"
                )
        write_atomically(root, plan)
    except FatalError as e:
        report.fatal(str(e))
        return 1
    old = group.source.value if group.source else "?"
    for path in plan:
        print(f"Updating {path}")
    print(f"{group.name}: {old} -> {version}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
