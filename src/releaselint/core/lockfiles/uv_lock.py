"""``uv.lock``: the entries of the repository's own packages (editable, virtual, directory)
and the requirements uv locked them with (``[package.metadata]``)."""

from __future__ import annotations

import posixpath
import re

from releaselint.core import toml
from releaselint.core.files import line_of
from releaselint.core.lockfiles import damage
from releaselint.core.model import Declaration, Locked

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from releaselint.core.model import Requirement

_OWN_SOURCES = ("editable", "virtual", "directory")
# where a locked requirement is taken from the repository, not an index
_PATH_SOURCES = ("editable", "virtual", "directory", "path")
# uv.lock `version = 1` since uv 0.3; changes within it go in `revision`
KNOWN_VERSIONS = range(1, 2)
_EXTRA_RE = re.compile(r"""\bextra\s*==\s*['"]([^'"]+)['"]""")


def read(path: str, text: str, *, requirements: bool = False) -> list[Locked]:
    """Project folder (relative to the repository) and name -> the version uv locked for
    it; uv records what a dynamic version resolved to, too."""
    damage.refuse_bom(path, text)
    entries, spans = damage.load_toml_packages(path, text, KNOWN_VERSIONS)
    lock_dir = posixpath.dirname(path)
    found = []
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
        name = entry.get("name")
        declaration = Declaration(
            path, line_of(text, start), version, start, end, f"[[package]] {name}", pep440=True
        )
        locked = _locked(path, text, spans, index, entry) if requirements else []
        found.append(
            Locked(
                name if isinstance(name, str) else None,
                "" if folder == "." else folder,
                [declaration],
                locked,
            )
        )
    return found


def _locked(
    path: str,
    text: str,
    spans: dict[toml.KeyPath, tuple[int, int]],
    index: int,
    entry: dict[str, Any],
) -> list[Requirement]:
    """``requires-dist`` (the project's requirements, extras by their marker) and
    ``requires-dev`` (its dependency groups), as uv copied them from pyproject.toml."""
    from releaselint.core.manifests import specifiers

    metadata = entry.get("metadata")
    if not isinstance(metadata, dict):
        return []
    lists: list[tuple[toml.KeyPath, Any, str | None]] = [
        (("requires-dist",), metadata.get("requires-dist"), None)
    ]
    groups = metadata.get("requires-dev")
    for group, items in groups.items() if isinstance(groups, dict) else ():
        lists.append((("requires-dev", group), items, group))
    found = []
    for keys, items, group in lists:
        base = ("package", index, "metadata", *keys)
        field = f"[package.metadata].{'.'.join(str(k) for k in keys)}"
        for position, item in enumerate(items if isinstance(items, list) else ()):
            name = item.get("name") if isinstance(item, dict) else None
            if not isinstance(name, str):
                continue
            kind, extra = ("group", group) if group is not None else ("normal", None)
            marker = item.get("marker")
            extra_match = _EXTRA_RE.search(marker) if isinstance(marker, str) else None
            if group is None and extra_match is not None:
                kind, extra = "optional", extra_match.group(1)
            source = "path" if any(isinstance(item.get(k), str) for k in _PATH_SOURCES) else None
            keypath = (*base, position, "specifier")
            spec = item.get("specifier")
            found.append(
                specifiers.specifier(
                    path, text, spans, keypath, name, spec, kind, field, source, extra
                )
            )
    return found
