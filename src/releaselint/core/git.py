"""Every git call releaselint makes: one subprocess each, never a shell, never the network."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Sequence

from releaselint.core.errors import FatalError

# Variables a hook inherits from the git process that runs it. They must reach our own git
# calls unchanged (GIT_DIR and GIT_INDEX_FILE point at the repository being committed to), so
# nothing is removed here; tests clear them in their fixture instead.


def run(args: Sequence[str], cwd: str | None = None, *, input: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(
            ("git", *args), cwd=cwd, input=input, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise FatalError("git is not installed or not on PATH") from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else f"exit {proc.returncode}"
        detail = detail.removeprefix("fatal: ").removeprefix("error: ")
        raise FatalError(f"git {args[0]} failed: {detail}")
    return proc.stdout


def try_run(args: Sequence[str], cwd: str | None = None) -> bytes | None:
    """Like run, but None where git says no (an unknown ref, a missing config key)."""
    try:
        return run(args, cwd)
    except FatalError:
        return None


def toplevel(cwd: str | None = None) -> str:
    try:
        out = run(("rev-parse", "--show-toplevel"), cwd)
    except FatalError:
        raise FatalError("not inside a git repository") from None
    return os.fsdecode(out.rstrip(b"\n"))


def git_dir(root: str) -> str:
    path = os.fsdecode(run(("rev-parse", "--git-dir"), root).rstrip(b"\n"))
    return os.path.join(root, path)


def _split_z(out: bytes) -> list[str]:
    return [os.fsdecode(p) for p in out.split(b"\0") if p]


def ls_files(root: str, pathspecs: Iterable[str]) -> list[str]:
    """Tracked and untracked-but-not-ignored files matching the pathspecs."""
    args = ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *pathspecs]
    return sorted(set(_split_z(run(args, root))))


def ls_tree(root: str, commit: str, pathspecs: Iterable[str]) -> list[str]:
    args = ["ls-tree", "-r", "-z", "--name-only", "--full-tree", commit, "--", *pathspecs]
    return _split_z(run(args, root))


def cat_files(root: str, objects: Sequence[str]) -> list[bytes | None]:
    """Contents of many objects (``<commit>:<path>`` or oids) in one ``git cat-file --batch``."""
    if not objects:
        return []
    if any("\n" in name for name in objects):
        raise FatalError("object names cannot contain newlines")
    out = run(("cat-file", "--batch"), root, input="".join(f"{o}\n" for o in objects).encode())
    results: list[bytes | None] = []
    pos = 0
    for _ in objects:
        eol = out.index(b"\n", pos)
        header = out[pos:eol].split(b" ")
        pos = eol + 1
        if header[-1] == b"missing" or len(header) != 3:
            results.append(None)
            continue
        size = int(header[2])
        results.append(out[pos : pos + size])
        pos += size + 1
    return results


def rev_parse(root: str, rev: str) -> str | None:
    out = try_run(
        ("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"), root
    )
    return out.decode().strip() if out else None


def config_get(root: str, key: str) -> str | None:
    out = try_run(("config", "--get", key), root)
    return out.decode("utf-8", "replace").rstrip("\n") if out is not None else None


def dirty_paths(root: str, paths: Iterable[str]) -> list[str]:
    """Of ``paths``, those with changes not yet staged (what ``git diff`` shows)."""
    paths = list(paths)
    if not paths:
        return []
    return _split_z(run(("diff", "--name-only", "-z", "--", *paths), root))


def is_shallow(root: str) -> bool:
    return run(("rev-parse", "--is-shallow-repository"), root).strip() == b"true"
