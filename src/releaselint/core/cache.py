"""releaselint's caches, in ``.git/releaselint/`` of the repository's common git directory:
where each lies, the digest that keys them, and how one is read and written whole; and the
SHA-256 that the write journal and Poetry's content-hash take.

A cache that cannot be read -- absent, damaged, nested past the stack, written by another
version -- reads as None and is computed again; one that cannot be written is left as it
was. Writes go to a temporary file renamed into place, so that a reader never sees half
of one.
"""

from __future__ import annotations

import os

from releaselint.core import git


def path(root: str, name: str) -> str | None:
    """The cache file ``name`` of the repository at ``root``; None outside a repository."""
    common = git.common_dir(root)
    return None if common is None else os.path.join(common, "releaselint", name)


def digest(data: bytes) -> str:
    """A 64-bit digest for cache keys: two independent 32-bit checksums and the length.
    hashlib costs a hook ~5 ms to import (OpenSSL)."""
    import zlib

    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}"


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data``, in hex: by CPython's own module where the build has it
    (``_sha2``, ``_sha256`` before 3.12: 0.8 ms to import, where hashlib costs a run 3.6 ms
    for OpenSSL), else by hashlib."""
    for module in ("_sha2", "_sha256", "hashlib"):
        try:
            found = __import__(module).sha256
        except (ImportError, AttributeError):
            continue
        digest: str = found(data).hexdigest()
        return digest
    raise ImportError("no SHA-256")  # pragma: no cover - hashlib always has it


def read_json(file: str | None) -> object:
    """The JSON value of a cache file, or None."""
    if file is None:
        return None
    from releaselint.core import json as jsonfile

    try:
        with open(file, encoding="utf-8") as f:
            return jsonfile.loads(f.read())
    except (OSError, ValueError, RecursionError):
        return None


def write_json(file: str | None, data: object) -> None:
    """Write a cache file whole: to a new file beside it, renamed into place."""
    if file is None:
        return
    from releaselint.core import json as jsonfile

    folder = os.path.dirname(file)
    # a name no other writer takes (O_EXCL): tempfile costs a run ~4 ms to import
    tmp = os.path.join(folder, f".cache-{os.getpid()}-{id(data):x}")
    try:
        text = jsonfile.dumps(data).encode("utf-8", "surrogateescape")
        os.makedirs(folder, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(text)
            os.replace(tmp, file)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):
        pass  # computed again next time
