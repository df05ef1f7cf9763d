"""Check that every declaration of a version agrees with its group (lockstep) and scheme."""

from __future__ import annotations

import sys

from releaselint.core import config as config_module
from releaselint.core import git, report
from releaselint.core.alignment import Misalignment, find_misaligned, fix_edits
from releaselint.core.errors import FatalError
from releaselint.core.files import recover
from releaselint.core.history import repository_model
from releaselint.core.tree import WorkTree
from releaselint.core.warnings import config_warnings
from releaselint.parsing import Command, Option

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

COMMAND = Command(
    "check-version-alignment",
    __doc__,
    "filenames",
    [
        Option(
            "--fix", action="store_true", help="set every declaration to its group's source version"
        ),
        Option("--format", choices=report.FORMATS, default="text"),
    ],
)


def hints_for(misaligned: list[Misalignment]) -> list[str]:
    hints = []
    for group in dict.fromkeys(m.group for m in misaligned):
        items = [m for m in misaligned if m.group is group]
        if any(m.fixable for m in items):
            if group.vcs is None and group.source is not None:
                # (not `bump`: it refuses a group whose declarations disagree)
                hints.append(
                    f"run 'releaselint check-version-alignment --fix' to set group "
                    f"{group.name!r} to {group.source.value!r} ({group.source.where})"
                )
            else:
                hints.append(
                    "run 'releaselint check-version-alignment --fix' to write the placeholder "
                    f"where group {group.name!r} takes its version from git tags"
                )
        if not all(m.fixable for m in items) and group.vcs is not None:
            hints.append(
                "a tag-versioned package reads its version at run time: "
                "__version__ = importlib.metadata.version('<distribution>')"
            )
    return hints


@report.entry_point
def main(argv: Sequence[str] | None = None) -> int:
    args = COMMAND.parse(argv)
    try:
        root = git.toplevel()
        recovered = recover(root, exact=args.fix)
        if recovered:
            sys.stderr.write(f"releaselint: {recovered}\n")
        config = config_module.load(root)
        model = repository_model(root, WorkTree(root), config)
        groups, problems = model.groups, model.problems
        for warning in config_warnings(root, config, groups):
            print(f"warning: {report.printable(str(warning))}", file=sys.stderr)
        misaligned = find_misaligned(groups, config)
        if args.fix and misaligned:
            from releaselint.core.files import plan_writes, write_atomically

            plan = plan_writes(root, fix_edits(misaligned, WorkTree(root), config))
            write_atomically(root, plan)
            # beside a JSON document on stdout, what was fixed goes to stderr
            out = sys.stderr if args.format == "json" else sys.stdout
            for path in plan:
                print(f"Fixing {report.printable(path)}", file=out)
            misaligned = [m for m in misaligned if not m.fixable]
            if not misaligned and not problems:
                if args.format == "json":
                    report.emit([], [], "json")
                return 1 if plan else 0
    except FatalError as e:
        report.fatal(str(e), str(args.format))
        return 1
    findings = [*problems, *(m.finding for m in misaligned)]
    report.emit(findings, hints_for(misaligned), str(args.format))
    return 1 if findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
