"""What a large lockfile says, kept by its content in the git directory.

Reading the parts of a megabyte lockfile the pin check compares, and proving them the full
parse's answer, takes tens of milliseconds; ``uv lock --check`` as long as the whole hook
may take. The answer is a function of the lockfile's text alone, so it is kept under a
digest of that text (``.git/releaselint/lockfiles.json``, one entry per lockfile path): a
run whose lockfile is as it was -- the run that matters, where a manifest changed and the
lockfile did not -- reads it back instead. A lockfile that changed misses, and is read.
Only JSON values are kept (strings, integers, booleans, lists, string-keyed tables); an
answer holding anything else is not kept, and is read again next time.
"""

from __future__ import annotations

from releaselint.core import cache as cachefile

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar

    T = TypeVar("T")

# Part of every key: bump it when a cached reader's answer changes shape or meaning.
VERSION = 1
_FILE = "lockfiles.json"


def plain(value: object) -> bool:
    """Whether JSON gives ``value`` back as it is (no float, no date, no tuple)."""
    if isinstance(value, str) or value is None or type(value) in (int, bool):
        return True
    if isinstance(value, list):
        return all(plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    return False


def cached(
    root: str,
    path: str,
    kind: str,
    text: str,
    compute: Callable[[], T],
    encode: Callable[[T], object],
    decode: Callable[[Any], T],
) -> T:
    """``compute()``, or what it gave for the same ``kind`` and text of the lockfile at
    ``path`` before. ``encode`` turns the answer into plain JSON values (None: not kept),
    ``decode`` turns them back."""
    cache_path = cachefile.path(root, _FILE)
    key = f"{VERSION}:{kind}:{cachefile.digest(text.encode('utf-8', 'surrogateescape'))}"
    found = cachefile.read_json(cache_path)
    entries = found if isinstance(found, dict) else {}
    entry = entries.get(path)
    if isinstance(entry, dict) and entry.get("key") == key and "value" in entry:
        try:
            return decode(entry["value"])
        except (KeyError, TypeError, ValueError, IndexError):
            pass  # a cache written by hand, or damaged: read the lockfile
    answer = compute()
    encoded = encode(answer)
    if encoded is not None and plain(encoded) and cache_path is not None:
        entries[path] = {"key": key, "value": encoded}
        cachefile.write_json(cache_path, entries)
    return answer
