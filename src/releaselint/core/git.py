"""Every git call releaselint makes: one subprocess each, never a shell, never the network."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from releaselint.core.errors import FatalError

# The "no object" id git writes for new refs and deletions: 40 zeros, 64 in SHA-256 repositories.
ZERO_OIDS = frozenset(("0" * 40, "0" * 64))

# Variables a hook inherits from the git process that runs it. They must reach our own git
# calls unchanged (GIT_DIR and GIT_INDEX_FILE point at the repository being committed to), so
# nothing is removed here; tests clear them in their fixture instead.


def _spawn(argv: Sequence[str], stdin: bytes | None = None) -> tuple[int, bytes, bytes]:
    """Run a command and capture its output, through ``os.posix_spawnp``.

    `subprocess` costs a hook ~9 ms to import (signal, threading, selectors, locale) -- a
    fifth of its budget -- for what two pipes and a wait do here. Input goes through an
    in-memory file (``memfd_create``), not a pipe: git reads it at its own pace while we
    read its output, so neither side can block the other.
    """
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    if stdin is None:
        null = os.open(os.devnull, os.O_RDONLY)
    else:
        null = os.memfd_create("releaselint-stdin")
        view = memoryview(stdin)
        while view:
            view = view[os.write(null, view) :]
        os.lseek(null, 0, os.SEEK_SET)
    try:
        pid = os.posix_spawnp(
            argv[0],
            list(argv),
            os.environ,
            file_actions=[
                (os.POSIX_SPAWN_DUP2, null, 0),
                (os.POSIX_SPAWN_DUP2, out_w, 1),
                (os.POSIX_SPAWN_DUP2, err_w, 2),
            ],
        )
    finally:
        os.close(out_w)
        os.close(err_w)
        os.close(null)
    try:
        out = _read_all(out_r)
        err = _read_all(err_r)
    finally:
        os.close(out_r)
        os.close(err_r)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), out, err


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def run(args: Sequence[str], cwd: str | None = None, *, input: bytes | None = None) -> bytes:
    argv = ["git", "-C", cwd, *args] if cwd else ["git", *args]
    try:
        if hasattr(os, "posix_spawnp") and (input is None or hasattr(os, "memfd_create")):
            code, out, err = _spawn(argv, input)
        else:
            import subprocess

            proc = subprocess.run(argv, input=input, capture_output=True, check=False)
            code, out, err = proc.returncode, proc.stdout, proc.stderr
    except FileNotFoundError:
        raise FatalError("git is not installed or not on PATH") from None
    if code != 0:
        message = err.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else f"exit {code}"
        detail = detail.removeprefix("fatal: ").removeprefix("error: ")
        raise FatalError(f"git {args[0]} failed: {detail}")
    return out


def try_run(args: Sequence[str], cwd: str | None = None) -> bytes | None:
    """Like run, but None where git says no (an unknown ref, a missing config key)."""
    try:
        return run(args, cwd)
    except FatalError:
        return None


def try_toplevel(cwd: str | None = None) -> str | None:
    """The work tree's top, or None (a message file linted outside a repository)."""
    out = try_run(("rev-parse", "--show-toplevel"), cwd)
    return os.fsdecode(out.rstrip(b"\n")) if out else None


def toplevel(cwd: str | None = None) -> str:
    root = try_toplevel(cwd)
    if root is None:
        raise FatalError("not inside a git repository")
    return root


def _split_z(out: bytes) -> list[str]:
    return [os.fsdecode(p) for p in out.split(b"\0") if p]


def ls_files(root: str, pathspecs: Iterable[str]) -> list[str]:
    """Tracked and untracked-but-not-ignored files matching the pathspecs."""
    args = ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *pathspecs]
    return sorted(set(_split_z(run(args, root))))


def ls_tree(root: str, commit: str, pathspecs: Iterable[str]) -> list[str]:
    """Files of a commit matching the pathspecs. ``git ls-tree`` knows no pathspec magic, so
    ``:(glob)**/NAME`` and ``:(literal)PATH`` (the two forms releaselint uses) are matched
    here."""
    names, paths = set(), set()
    for spec in pathspecs:
        if spec.startswith(":(glob)**/"):
            names.add(spec.removeprefix(":(glob)**/"))
        elif spec.startswith(":(literal)"):
            paths.add(spec.removeprefix(":(literal)"))
        else:
            raise ValueError(f"unsupported pathspec {spec!r}")
    listed = _split_z(run(("ls-tree", "-r", "-z", "--name-only", "--full-tree", commit), root))
    return [p for p in listed if p in paths or p.rsplit("/", 1)[-1] in names]


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


def batch_check(root: str, objects: Sequence[str]) -> list[tuple[str, str] | None]:
    """(oid, type) of many objects in one ``git cat-file --batch-check``; None if missing.
    Object names may use any revision syntax (``v1^{commit}``, ``<commit>:<path>``)."""
    if not objects:
        return []
    if any("\n" in name for name in objects):
        raise FatalError("object names cannot contain newlines")
    out = run(
        ("cat-file", "--batch-check=%(objectname) %(objecttype)"),
        root,
        input="".join(f"{o}\n" for o in objects).encode(),
    )
    results: list[tuple[str, str] | None] = []
    for line in out.decode().splitlines():
        oid, _, kind = line.partition(" ")
        results.append((oid, kind) if kind in ("blob", "tree", "commit", "tag") else None)
    return results


def rev_parse(root: str, rev: str) -> str | None:
    out = try_run(
        ("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"), root
    )
    return out.decode().strip() if out else None


def config_values(root: str, *keys: str) -> dict[str, str]:
    """Several config values in one call: lower-cased key -> value (last one wins)."""
    pattern = "^(" + "|".join(k.lower().replace(".", "\\.") for k in keys) + ")$"
    out = try_run(("config", "-z", "--get-regexp", pattern), root)
    values = {}
    for record in (out or b"").split(b"\0"):
        key, _, value = record.decode("utf-8", "replace").partition("\n")
        if key:
            values[key] = value
    return values


def dirty_paths(root: str, paths: Iterable[str]) -> list[str]:
    """Of ``paths``, those with changes not yet staged (what ``git diff`` shows)."""
    paths = list(paths)
    if not paths:
        return []
    return _split_z(run(("diff", "--name-only", "-z", "--", *paths), root))


def is_shallow(root: str) -> bool:
    return run(("rev-parse", "--is-shallow-repository"), root).strip() == b"true"
