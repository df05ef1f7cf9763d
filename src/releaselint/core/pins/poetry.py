"""poetry.lock: ``poetry check --lock``'s rule (the content-hash), read from the files."""

from __future__ import annotations

import posixpath

from releaselint.core.lockfiles import damage
from releaselint.core.pins import (
    Drift,
    Reader,
    _cached_document,
    _join,
    _line,
    _table,
    _toml,
    command_in,
)
from releaselint.core.report import Finding

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from releaselint.core import toml


def _poetry_metadata(lock: str, text: str) -> tuple[dict[str, Any], toml.Spans]:
    """What the check reads of a poetry.lock: its ``[metadata]`` table, where it has one,
    and that table's spans (the packages are most of the file, and none of the check)."""
    data, spans = _toml(lock, text, lockfile=True)
    kept = {"metadata": data["metadata"]} if "metadata" in data else {}
    return kept, {k: v for k, v in spans.items() if k[:1] == ("metadata",)}


def check(reader: Reader, lock: str) -> list[Finding]:
    """``poetry check --lock``: ``metadata.content-hash`` equals the hash Poetry computes
    from pyproject.toml (``core/poetry_hash.py``)."""
    from releaselint.core import poetry_hash

    text = reader.text(lock) or ""
    data, spans = _cached_document(reader, lock, "poetry-metadata", lambda: text, _poetry_metadata)
    folder = posixpath.dirname(lock)
    relock = command_in(folder, "poetry lock")
    manifest = _join(folder, "pyproject.toml")
    manifest_text = reader.text(manifest)
    if manifest_text is None:
        return []
    pyproject, _ = _toml(manifest, manifest_text)
    metadata = _table(data, "metadata")
    lock_version = metadata.get("lock-version")
    if lock_version is not None and not poetry_hash.readable_lock_version(lock_version):
        damage.refuse_version(lock, text, "lock-version", lock_version, poetry_hash.LOCK_VERSIONS)
    recorded = metadata.get("content-hash")
    line = _line(spans, text, "metadata", "content-hash")
    if not isinstance(recorded, str):
        if "metadata" not in data:
            # Poetry writes [metadata] last: a lock without one was cut short
            last = text.count("\n") + 1 - text.endswith("\n")
            return [Drift(lock, last, f"no [metadata] table (truncated?) — run `{relock}`")]
        at = damage.key_line(text, "content-hash" if "content-hash" in metadata else "[metadata]")
        return [Drift(lock, at, f"no metadata.content-hash — run `{relock}`")]
    first = text.partition("\n")[0]
    try:
        fresh = poetry_hash.is_fresh(pyproject, recorded, first)
    except (TypeError, ValueError):  # a TOML date Poetry's own json.dumps refuses too
        return [
            Finding(manifest, None, "cannot hash: Poetry's own check fails on this file", "warning")
        ]
    if fresh:
        return []
    return [
        Drift(
            lock,
            line,
            f"content-hash does not match {manifest} (its dependencies, groups, sources or "
            f"extras changed) — run `{relock}`",
        )
    ]
