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

import os

from releaselint.core import git

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar

    T = TypeVar("T")

# Part of every key: bump it when a cached reader's answer changes shape or meaning.
VERSION = 1
_FILE = "lockfiles.json"


def digest(text: str) -> str:
    """A 64-bit digest of ``text``: two independent 32-bit checksums and the length.
    hashlib costs a hook ~5 ms to import (OpenSSL)."""
    import zlib

    data = text.encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}"


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
    cache_path = _cache_path(root)
    key = f"{VERSION}:{kind}:{digest(text)}"
    entries = _load(cache_path)
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
        _save(cache_path, entries)
    return answer


def _cache_path(root: str) -> str | None:
    common = git.common_dir(root)
    return None if common is None else os.path.join(common, "releaselint", _FILE)


def _load(cache_path: str | None) -> dict[str, Any]:
    if cache_path is None:
        return {}
    from releaselint.core import json as jsonfile
    from releaselint.core.errors import FatalError

    try:
        with open(cache_path, encoding="utf-8", errors="surrogateescape") as f:
            data = jsonfile.load(cache_path, f.read())
    except (OSError, FatalError):
        return {}
    return data if isinstance(data, dict) else {}


def _save(cache_path: str, entries: dict[str, Any]) -> None:
    import json
    import tempfile

    folder = os.path.dirname(cache_path)
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".cache-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape") as f:
                json.dump(entries, f)
            os.replace(tmp, cache_path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass  # a cache that cannot be written is read again next time
