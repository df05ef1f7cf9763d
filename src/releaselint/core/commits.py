"""Commit ranges: which commits a range lint reads, from flags, pre-commit or CI."""

from __future__ import annotations

import os
from collections.abc import Mapping

from releaselint.core import git
from releaselint.core.errors import FatalError


def resolve_range(
    root: str,
    from_ref: str | None = None,
    to_ref: str | None = None,
    *,
    from_last_tag: bool = False,
    env: Mapping[str, str] = os.environ,
) -> tuple[str | None, str]:
    """(exclusive start or None for all history, end) from the flags or the environment."""
    if from_last_tag:
        out = git.try_run(("describe", "--tags", "--abbrev=0", "HEAD"), root)
        start = out.decode().strip() if out else None
        return start, to_ref or "HEAD"
    if from_ref:
        return from_ref, to_ref or "HEAD"
    if env.get("PRE_COMMIT_FROM_REF") and env.get("PRE_COMMIT_TO_REF"):
        start = env["PRE_COMMIT_FROM_REF"]
        return (None if start in git.ZERO_OIDS else start), env["PRE_COMMIT_TO_REF"]
    base = env.get("GITHUB_BASE_REF")
    if base:
        remote = f"origin/{base}"
        return (remote if git.rev_parse(root, remote) else base), "HEAD"
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


def log_range(root: str, start: str | None, end: str) -> list[tuple[str, int, str]]:
    """(sha, number of parents, message) of every commit in the range, in one git log."""
    end_oid = _require(root, end, "end")
    spec = [f"{_require(root, start, 'start')}..{end_oid}"] if start else [end_oid]
    if start is None and os.environ.get("PRE_COMMIT_REMOTE_NAME"):
        spec += ["--not", f"--remotes={os.environ['PRE_COMMIT_REMOTE_NAME']}"]
    out = git.run(("log", "-z", "--format=%H%x1f%P%x1f%B", *spec, "--"), root)
    commits = []
    for record in out.split(b"\0"):
        if not record.strip():
            continue
        sha, parents, body = record.lstrip(b"\n").split(b"\x1f", 2)
        message = body.decode("utf-8", errors="replace").rstrip("\n")
        commits.append((sha.decode(), len(parents.split()), message))
    return commits
