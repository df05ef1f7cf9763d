"""Create a release tag after checking that the files at HEAD declare its version."""

from __future__ import annotations

import argparse
import os
import sys

from releaselint.core import config as config_module
from releaselint.core import git, report
from releaselint.core.errors import FatalError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from releaselint.core.report import Finding


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="releaselint tag", description=__doc__)
    parser.add_argument("version", help="the version to release, e.g. 1.4.0")
    parser.add_argument("--group", help="the group to tag (default: the repository's own)")
    parser.add_argument(
        "--bump", action="store_true", help="set the version in the files and commit it first"
    )
    parser.add_argument("--message", "-m", help="the tag message (default: 'Release <tag>')")
    parser.add_argument(
        "--push", metavar="REMOTE", help="push the branch and the tag to REMOTE, atomically"
    )
    parser.add_argument(
        "--relock",
        action="store_true",
        help="with --bump: run the lock commands the plan names and commit the lockfiles too",
    )
    parser.add_argument("--dry-run", action="store_true", help="print the plan, change nothing")
    args = parser.parse_args(argv)
    try:
        root = git.toplevel()
        done = create_tag(
            root,
            args.version,
            args.group,
            args.bump,
            args.message,
            args.push,
            args.dry_run,
            args.relock,
        )
        if done is None:
            return 0
        name, commit, branch = done
        print(f"Tagged {report.printable(name)} at {commit[:7]}")
        if args.push:
            # branch and tag in one atomic push, as tbump does: the release commit never
            # stays behind a pushed tag (git-push(1) --atomic)
            git.run(
                (
                    "push", "--atomic", "--end-of-options", args.push,
                    f"HEAD:refs/heads/{branch}", f"refs/tags/{name}",
                ),
                root,
            )  # fmt: skip
            shown = report.printable
            print(f"Pushed {shown(branch)} and {shown(name)} to {shown(args.push)}")
    except FatalError as e:
        report.fatal(str(e))
        return 1
    return 0


def create_tag(
    root: str,
    version_text: str,
    group_name: str | None,
    bump: bool,
    message: str | None,
    push: str | None = None,
    dry_run: bool = False,
    relock: bool = False,
) -> tuple[str, str, str] | None:
    """Check, print the plan, then act on it: (tag, commit, branch), or None for a dry
    run."""
    from releaselint.core import release_please
    from releaselint.core.alignment import find_misaligned
    from releaselint.core.files import plan_writes, recover
    from releaselint.core.git import local_tags
    from releaselint.core.history import discover_with_history
    from releaselint.core.model import TagRecord
    from releaselint.core.release import as_semver, plan_bump, select_group
    from releaselint.core.tags import TagCheck, formats_for
    from releaselint.core.tree import WorkTree
    from releaselint.core.versions import same_version

    recovered = recover(root, exact=True)
    if recovered:
        print(f"releaselint: {recovered}", file=sys.stderr)
    config = config_module.load(root)
    refused = release_please.refusal(root, config)
    if refused is not None:
        raise FatalError(refused)
    if git.run(("status", "--porcelain", "--untracked-files=no"), root).strip():
        raise FatalError("the work tree has uncommitted changes; commit or stash them first")
    head = git.rev_parse(root, "HEAD")
    if head is None:
        raise FatalError("the repository has no commits to tag")
    version = str(as_semver(version_text, "version"))
    groups = discover_with_history(root, WorkTree(root), config)
    misaligned = find_misaligned(groups, config)
    if misaligned:
        first = misaligned[0].finding
        raise FatalError(
            f"versions disagree at HEAD ({first.location}: {first.message}); "
            "run releaselint check-version-alignment --fix first"
        )
    group = select_group(groups, group_name) if groups else None
    declared = group.source if group is not None and group.vcs is None else None
    needs_bump = declared is not None and not same_version(
        declared.value, version, pep440=declared.pep440
    )
    if needs_bump and not bump:
        assert declared is not None
        raise FatalError(
            f"the files declare {declared.value} ({declared.where}), not {version}; "
            f"pass --bump to set {version} and commit it first"
        )
    formats = [f for f in formats_for(groups, config) if f.group is group]
    name = (formats or formats_for([], config))[0].render(version)
    existing = local_tags(root)
    if name in existing:
        raise FatalError(f"refs/tags/{name}: the tag exists already")
    check = TagCheck(root, config, existing)
    # everything but the files first: a refused tag must not leave a bump commit behind
    _refuse(check.check([TagRecord(name, head, "tag", head)], files=not needs_bump))
    branch = _branch(root) if push else ""
    plan: dict[str, tuple[str, str]] = {}
    locks: list[tuple[str, tuple[str, ...]]] = []
    lines = []
    if needs_bump:
        assert group is not None
        bump_plan = plan_bump(root, WorkTree(root), group, as_semver(version, "version"), config)
        plan = plan_writes(root, bump_plan.edits)
        locks = bump_plan.locks
        if locks and not relock and not dry_run:
            # a release commit whose lockfiles disagree with its manifests would not build
            raise FatalError(
                "the bump changes internal requirements and so the lockfiles; pass --relock "
                "to update them in the release commit ("
                + "; ".join(" ".join(command) for _, command in locks)
                + ")"
            )
        lines.append(f"commit 'chore(release): {version}':")
        lines.extend(f"  {line}" for line in bump_plan.lines(group))
        lines.append(f"tag {name} at the release commit")
    else:
        lines.append(f"tag {name} at {head[:7]}")
    if push:
        lines.append(f"push {report.printable(branch)} and {name} to {push}, atomically")
    # a package name, a path, a remote may hold control characters: shown escaped
    print("\n".join(report.printable(line) for line in lines))
    if dry_run:
        return None
    if needs_bump:
        head = _commit_bump(root, plan, version, locks)
        _refuse(TagCheck(root, config, existing).check([TagRecord(name, head, "tag", head)]))
    git.run(("tag", "-a", "-m", message or f"Release {name}", "--end-of-options", name, head), root)
    return name, head, branch


def _branch(root: str) -> str:
    """The branch a push sends with the tag; a detached HEAD has none to send."""
    # the full name: --short makes `heads/main` of a branch a tag's name shadows
    ref = git.try_run(("symbolic-ref", "--quiet", "HEAD"), root)
    name = os.fsdecode(ref or b"").rstrip("\n").removeprefix("refs/heads/")
    if not ref or not name:
        raise FatalError("HEAD is detached; check out the release branch to push it with the tag")
    return name


def _refuse(findings: Sequence[Finding]) -> None:
    if findings:
        raise FatalError("; ".join(f"{f.location}: {f.message}" for f in findings))


def _commit_bump(
    root: str,
    plan: dict[str, tuple[str, str]],
    version: str,
    locks: Sequence[tuple[str, tuple[str, ...]]] = (),
) -> str:
    from releaselint.core.files import write_atomically
    from releaselint.core.internal import lockfile
    from releaselint.core.release import relock

    write_atomically(root, plan)
    paths = list(plan)
    for folder, command in locks:
        relock(root, folder, command)
        paths.append(lockfile(folder, command))
    paths = sorted(set(paths))
    git.run(("add", "--", *git.literal(paths)), root)
    git.run(("commit", "-q", "-m", f"chore(release): {version}", "--", *git.literal(paths)), root)
    head = git.rev_parse(root, "HEAD")
    assert head is not None
    return head


if __name__ == "__main__":
    raise SystemExit(main())
