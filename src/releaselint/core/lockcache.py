"""What a large lockfile says, kept by its content in the git directory.

Reading the parts of a megabyte lockfile the pin check compares, and proving them the full
parse's answer, takes tens of milliseconds; ``uv lock --check`` as long as the whole hook
may take. The answer is a function of the lockfile's text alone, so it is kept under a
digest of that text (``.git/releaselint/lockfiles.json``, one entry per lockfile path): a
run whose lockfile is as it was -- the run that matters, where a manifest changed and the
lockfile did not -- reads it back instead. A lockfile that changed misses, and is read.
Only JSON values are kept (strings, integers, booleans, lists, string-keyed tables); an
answer holding anything else is not kept, and is read again next time.

Reading a 1.7 MB uv.lock and taking its digest are most of a warm uv check (3.1 ms, against
0.4 ms without them). As git does for its index, a file whose status is the one recorded
when its text was last read (size, inode, device, change and modification times to the
nanosecond) is not read again, where that status was already ``SETTLED_NS`` old when the
text was read: a later write gives the file a later change time, whatever it does to the
modification time (a write within the tick of a coarse clock, right after the read, could
leave both as they were: that is why the status of a fresh file is not trusted).
"""

from __future__ import annotations

import os

from releaselint.core import cache as cachefile

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar

    T = TypeVar("T")

# Part of every key: bump it when a cached reader's answer changes shape or meaning.
VERSION = 2
_FILE = "lockfiles.json"
SETTLED_NS = 2_000_000_000


def plain(value: object) -> bool:
    """Whether JSON gives ``value`` back as it is (no float, no date, no tuple)."""
    if isinstance(value, str) or value is None or type(value) in (int, bool):
        return True
    if isinstance(value, list):
        return all(plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    return False


def status(full: str | None) -> list[int] | None:
    """What says that a file is unchanged: its size, inode, device and change and
    modification times; None where there is no such file."""
    if full is None:
        return None
    try:
        found = os.stat(full)
    except (OSError, ValueError):
        return None
    return [found.st_size, found.st_ino, found.st_dev, found.st_ctime_ns, found.st_mtime_ns]


def cached(
    root: str,
    path: str,
    kind: str,
    read: Callable[[], str],
    compute: Callable[[str], T],
    encode: Callable[[T], object],
    decode: Callable[[Any], T],
    *,
    full: str | None = None,
) -> T:
    """``compute(text)`` of the lockfile at ``path`` whose text ``read()`` gives, or what it
    gave for the same ``kind`` and text before. ``encode`` turns the answer into plain JSON
    values (None: not kept), ``decode`` turns them back. ``full``: where the file lies on
    disk, for the status check (None: the text is always read)."""
    cache_path = cachefile.path(root, _FILE)
    found = cachefile.read_json(cache_path)
    entries = found if isinstance(found, dict) else {}
    entry = entries.get(path)
    entry = entry if isinstance(entry, dict) and "value" in entry else {}
    key_kind = f"{VERSION}:{kind}:"
    now = status(full)
    answer = None
    if (
        now is not None
        and entry.get("status") == now
        and str(entry.get("key")).startswith(key_kind)
    ):
        answer = _decoded(entry, decode)
        if answer is not None:
            return answer[0]
    import time

    seen = time.time_ns()
    text = read()
    key = key_kind + cachefile.digest(text.encode("utf-8", "surrogateescape"))
    if entry.get("key") == key:
        answer = _decoded(entry, decode)
    if answer is None:
        answer = (compute(text),)
        encoded = encode(answer[0])
    else:
        encoded = entry["value"]  # kept already: only its status may be new
    if encoded is not None and plain(encoded) and cache_path is not None:
        new: dict[str, object] = {"key": key, "value": encoded}
        # the status as it was before the read, where it still is after it and was then
        # settled (see the module's docstring)
        if now is not None and status(full) == now and max(now[3:]) <= seen - SETTLED_NS:
            new["status"] = now
        if new != entry:
            entries[path] = new
            cachefile.write_json(cache_path, entries)
    return answer[0]


def _decoded(entry: dict[str, Any], decode: Callable[[Any], T]) -> tuple[T] | None:
    """The answer an entry keeps, or None where it cannot be read (written by hand, or
    damaged: the lockfile is read)."""
    try:
        return (decode(entry["value"]),)
    except (KeyError, TypeError, ValueError, IndexError):
        return None
