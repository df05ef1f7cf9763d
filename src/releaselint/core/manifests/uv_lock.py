"""``uv.lock``: the entries of the repository's own packages (editable, virtual, directory)."""

from __future__ import annotations

import posixpath

from releaselint.core import toml
from releaselint.core.errors import FatalError
from releaselint.core.files import line_of
from releaselint.core.model import Declaration

_OWN_SOURCES = ("editable", "virtual", "directory")


def own_versions(path: str, text: str) -> dict[str, Declaration]:
    """Project folder (relative to the repository) -> the version uv locked for it."""
    data, spans = toml.load_with_spans(path, text)
    entries = data.get("package", [])
    if not isinstance(entries, list):
        raise FatalError(f"{path}:1: invalid lockfile: 'package' is not an array of tables")
    lock_dir = posixpath.dirname(path)
    found: dict[str, Declaration] = {}
    for index, entry in enumerate(entries):
        source = entry.get("source") if isinstance(entry, dict) else None
        if not isinstance(source, dict):
            continue
        where = next((source[k] for k in _OWN_SOURCES if isinstance(source.get(k), str)), None)
        version = entry.get("version")
        span = spans.get(("package", index, "version"))
        if where is None or not isinstance(version, str) or span is None:
            continue
        folder = posixpath.normpath(posixpath.join(lock_dir, where))
        start, end = span
        found["" if folder == "." else folder] = Declaration(
            path,
            line_of(text, start),
            version,
            start,
            end,
            f"[[package]] {entry.get('name')}",
            pep440=True,
        )
    return found
