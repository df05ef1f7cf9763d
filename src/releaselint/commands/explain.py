"""Show what releaselint decided about this repository: its groups and why, its tag families,
and every manifest it left out."""

from __future__ import annotations

import argparse
import sys

from releaselint.core import config as config_module
from releaselint.core import git, report
from releaselint.core.errors import FatalError
from releaselint.core.history import FamilyEvidence, RepositoryModel, repository_model
from releaselint.core.tree import WorkTree

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="releaselint explain", description=__doc__)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def as_data(model: RepositoryModel) -> dict[str, Any]:
    groups = []
    for group in model.groups:
        groups.append(
            {
                "name": group.name,
                "evidence": group.evidence,
                "source": group.source.where if group.source else None,
                "version": group.source.value if group.source else None,
                "versioned-by": f"git tags ({group.vcs})" if group.vcs else "files",
                "tag-families": group.families,
                "tag-prefixes": group.tag_prefixes,
                "primary": group.primary,
                "declarations": [
                    {"where": d.where, "field": d.field, "value": d.value, "fallback": d.fallback}
                    for d in group.declarations
                ],
            }
        )
    families = []
    for item in model.families:
        family = item.family
        families.append(
            {
                "template": family.template,
                "grammar": family.grammar,
                "tags": family.count,
                "release": item.is_release,
                "sampled": item.sampled,
                "members": item.members,
                "reason": _family_reason(item),
            }
        )
    left_out = [{"path": path, "reason": reason} for path, reason in model.left_out]
    return {"groups": groups, "tag-families": families, "left-out": left_out}


def _family_reason(item: FamilyEvidence) -> str:
    if item.is_release:
        return item.reason
    if item.family.calendar:
        return "calendar dates, not versions"
    if item.off_branch:
        return "none of its tags is on this branch"
    return "no package declared the version of its tags"


def render(data: dict[str, Any]) -> str:
    lines = []
    for group in data["groups"]:
        head = f"group {group['name']!r}"
        if group["primary"]:
            head += " (the repository's own: bump and tag act on it)"
        lines.append(head)
        if group["version"] is not None:
            lines.append(f"  version {group['version']} from {group['source']}")
        if group["versioned-by"] != "files":
            lines.append(f"  versioned by {group['versioned-by']}")
        lines.extend(f"  because: {reason}" for reason in group["evidence"])
        for family in group["tag-families"]:
            lines.append(f"  tags: {family}")
        for declaration in group["declarations"]:
            note = " (fallback, need not agree)" if declaration["fallback"] else ""
            lines.append(
                f"    {declaration['where']}: {declaration['field']} = "
                f"{declaration['value']!r}{note}"
            )
    for family in data["tag-families"]:
        verdict = "release tags" if family["release"] else "not release tags"
        lines.append(
            f"tags {family['template']} ({family['tags']} tag{'s' if family['tags'] != 1 else ''}, "
            f"{family['grammar']}): "
            f"{verdict}: {family['reason']}"
        )
    for item in data["left-out"]:
        lines.append(f"left out {item['path']}: {item['reason']}")
    if not lines:
        lines.append("no version declarations found")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        root = git.toplevel()
        config = config_module.load(root)
        model = repository_model(root, WorkTree(root), config)
    except FatalError as e:
        report.fatal(str(e))
        return 1
    data = as_data(model)
    if args.format == "json":
        import json

        sys.stdout.write(json.dumps(data, indent=2) + "\n")
    else:
        # each value printable before the lines are made: a path may hold bytes that are
        # not UTF-8 (git allows them), or a line break that would forge a line of its own
        sys.stdout.write(render(_printable(data)) + "\n")
    return 0


def _printable(value: Any) -> Any:
    if isinstance(value, str):
        return report.printable(value)
    if isinstance(value, dict):
        return {_printable(k): _printable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_printable(v) for v in value]
    return value


if __name__ == "__main__":
    raise SystemExit(main())
