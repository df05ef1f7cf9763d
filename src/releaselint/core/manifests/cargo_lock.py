"""``Cargo.lock``: the entries of the repository's own crates (those with no ``source``)."""

from __future__ import annotations

from releaselint.core import toml
from releaselint.core.errors import FatalError
from releaselint.core.files import line_of
from releaselint.core.model import Declaration


def own_versions(path: str, text: str) -> dict[str, list[Declaration]]:
    """Crate name -> its version entries; a path crate has no ``source`` key."""
    data, spans = toml.load_with_spans(path, text)
    entries = data.get("package", [])
    if not isinstance(entries, list):
        raise FatalError(f"{path}:1: invalid lockfile: 'package' is not an array of tables")
    found: dict[str, list[Declaration]] = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or "source" in entry:
            continue
        name, version = entry.get("name"), entry.get("version")
        span = spans.get(("package", index, "version"))
        if isinstance(name, str) and isinstance(version, str) and span is not None:
            start, end = span
            field = f"[[package]] {name}"
            found.setdefault(name, []).append(
                Declaration(path, line_of(text, start), version, start, end, field)
            )
    return found
