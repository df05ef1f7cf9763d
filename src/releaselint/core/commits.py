"""Commit ranges: which commits a range lint reads, from flags, pre-commit or CI."""

from __future__ import annotations

import os

from releaselint.core import git
from releaselint.core.errors import FatalError
from releaselint.core.records import record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import NamedTuple

    class CommitRange(NamedTuple):
        """The commits after ``start`` (None: from the root) up to ``end``. ``pre_push``:
        a push from this machine (pre-commit's pre-push stage), whose commits are those no
        remote-tracking ref reaches yet; otherwise the target branch's range in CI, or one
        named on the command line."""

        start: str | None
        end: str
        pre_push: bool = False
else:
    CommitRange = record("CommitRange", "start end pre_push", defaults=(False,))


def resolve_range(
    root: str,
    from_ref: str | None = None,
    to_ref: str | None = None,
    *,
    from_last_tag: bool = False,
    env: Mapping[str, str] = os.environ,
) -> CommitRange:
    """The range from the flags or the environment."""
    if from_last_tag:
        out = git.try_run(("describe", "--tags", "--abbrev=0", "HEAD"), root)
        # the tag's full name: a tag may be named `HEAD` or like a branch; names that
        # are not UTF-8 are kept byte for byte (surrogate escapes)
        name = os.fsdecode(out).rstrip("\n") if out else ""
        return CommitRange(f"refs/tags/{name}" if name else None, to_ref or "HEAD")
    if from_ref:
        return CommitRange(from_ref, to_ref or "HEAD")
    # pre-commit sets PRE_COMMIT_REMOTE_NAME in its pre-push stage only
    pre_push = bool(env.get("PRE_COMMIT_REMOTE_NAME"))
    if env.get("PRE_COMMIT_FROM_REF") and env.get("PRE_COMMIT_TO_REF"):
        start = env["PRE_COMMIT_FROM_REF"]
        return CommitRange(
            None if start in git.ZERO_OIDS else start, env["PRE_COMMIT_TO_REF"], pre_push
        )
    if pre_push:
        # The first push of a branch whose history reaches a root commit: pre-commit then
        # names no range (hook_impl._pre_push_ns sets all_files instead) and the pushed ref
        # only in PRE_COMMIT_LOCAL_BRANCH.
        return CommitRange(None, env.get("PRE_COMMIT_LOCAL_BRANCH") or "HEAD", True)
    base = env.get("GITHUB_BASE_REF")
    if base:
        remote = f"origin/{base}"
        return CommitRange(remote if git.rev_parse(root, remote) else base, "HEAD")
    raise FatalError(
        "no range to lint: give --from REF [--to REF] or --from-last-tag, or run in a "
        "pull request (GITHUB_BASE_REF) or pre-commit's pre-push stage"
    )


def _require(root: str, ref: str, what: str) -> str:
    oid = git.rev_parse(root, ref)
    if oid is not None:
        return oid
    if git.is_shallow(root):
        raise FatalError(
            f"{what} {ref!r} is not in this clone, which is shallow: fetch the history "
            "(actions/checkout: fetch-depth: 0, or git fetch --unshallow)"
        )
    raise FatalError(f"{what} {ref!r} is not a commit in this repository")


def log_range(root: str, commits: CommitRange) -> list[tuple[str, int, str]]:
    """(sha, number of parents, message) of every commit in the range, in one git log."""
    end_oid = _require(root, commits.end, "end")
    start = commits.start
    spec = [f"{_require(root, start, 'start')}..{end_oid}"] if start else [end_oid]
    if commits.pre_push:
        # what the remote has is not linted again: a new branch's commits are those no
        # remote-tracking ref reaches
        spec += ["--not", "--remotes"]
    # Messages in UTF-8 whatever i18n.commitEncoding or i18n.logOutputEncoding say (git
    # re-encodes with iconv; names iconv does not know, such as idna, come through as stored)
    out = git.run(("log", "-z", "--encoding=UTF-8", "--format=%H%x1f%P%x1f%B", *spec, "--"), root)
    commits_found = []
    for entry in out.split(b"\0"):
        if not entry.strip():
            continue
        sha, parents, body = entry.lstrip(b"\n").split(b"\x1f", 2)
        message = body.decode("utf-8", errors="replace").rstrip("\n")
        commits_found.append((sha.decode(), len(parents.split()), message))
    return commits_found
