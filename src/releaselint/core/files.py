"""Reading repository files as exact text and writing planned edits atomically."""

from __future__ import annotations

import os
from collections import namedtuple
from collections.abc import Iterable

from releaselint.core.errors import FatalError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple

    class Edit(NamedTuple):
        """Replace ``text[start:end]`` of ``path`` (indices into the decoded text) by ``new``."""

        path: str
        start: int
        end: int
        new: str
else:
    Edit = namedtuple("Edit", "path start end new")


def decode(path: str, data: bytes) -> str:
    """UTF-8 text of a file, with a located error instead of a UnicodeDecodeError."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise FatalError(f"{path}:{line}: not valid UTF-8 ({e.reason})") from None


def read_text(root: str, path: str) -> str:
    try:
        with open(os.path.join(root, path), "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise FatalError(f"{path}: no such file") from None
    except OSError as e:
        raise FatalError(f"{path}: cannot read: {e.strerror}") from None
    return decode(path, data)


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping span edits to one file's text; the spans index the original."""
    out = []
    pos = 0
    for edit in sorted(edits, key=lambda e: e.start):
        if edit.start < pos:
            raise ValueError(f"{edit.path}: overlapping edits at offset {edit.start}")
        out.append(text[pos : edit.start])
        out.append(edit.new)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def plan_writes(root: str, edits: Iterable[Edit]) -> dict[str, tuple[str, str]]:
    """Group edits by file and compute each file's new text: path -> (old, new)."""
    by_path: dict[str, list[Edit]] = {}
    for edit in edits:
        by_path.setdefault(edit.path, []).append(edit)
    plan = {}
    for path, file_edits in sorted(by_path.items()):
        old = read_text(root, path)
        new = apply_edits(old, file_edits)
        if new != old:
            plan[path] = (old, new)
    return plan


def write_atomically(root: str, plan: dict[str, tuple[str, str]]) -> None:
    """Write each planned file (path -> (old, new)) through a temp file and ``os.replace``;
    on any failure put back the files already replaced, so all files change or none does."""
    done: list[tuple[str, str]] = []
    try:
        for path, (old, new) in plan.items():
            full = os.path.join(root, path)
            _replace(full, new.encode("utf-8"))
            done.append((full, old))
    except OSError as e:
        for full, old in reversed(done):
            _replace(full, old.encode("utf-8"))
        name = os.path.relpath(e.filename, root) if e.filename else "?"
        raise FatalError(f"{name}: cannot write: {e.strerror}; no file was changed") from None


def _replace(full: str, data: bytes) -> None:
    import tempfile  # writers only: its import pulls in random and shutil

    directory = os.path.dirname(full) or "."
    mode = os.stat(full).st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".releaselint-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, full)
    except OSError as e:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise OSError(e.errno, e.strerror, full) from None
