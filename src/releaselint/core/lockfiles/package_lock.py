"""``package-lock.json``: ``.version``, ``packages[""].version`` and workspace entries, and
the dependency maps npm copied into them."""

from __future__ import annotations

import posixpath

from releaselint.core import json as jsonfile
from releaselint.core.errors import FatalError
from releaselint.core.files import line_of
from releaselint.core.lockfiles import damage
from releaselint.core.model import Declaration, Locked

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# lockfileVersion 1 (npm 5 and 6), 2 (npm 7 and 8, both shapes), 3 (npm 9+, `packages` only)
KNOWN_VERSIONS = range(1, 4)


def read(path: str, text: str, *, requirements: bool = False) -> list[Locked]:
    """One entry a package folder (relative to the repository, "" for the root).

    npm 7+ records each workspace member twice: ``packages["<folder>"]`` holds its version
    and ``packages["node_modules/<name>"]`` is a link to it (``"link": true``), which has
    none. Only the folder entries are the package's own version.
    """
    damage.refuse_bom(path, text)
    try:
        data = jsonfile.load(path, text)
    except FatalError as e:
        raise damage.explain(path, text, e) from None
    if not isinstance(data, dict):
        raise FatalError(f"{path}:1: invalid lockfile: the top level is not an object")
    lock_version = data.get("lockfileVersion")
    damage.check_format_version(path, text, "lockfileVersion", lock_version, KNOWN_VERSIONS)
    wanted: dict[jsonfile.KeyPath, tuple[str, str]] = {}
    if isinstance(data.get("version"), str):
        wanted[("version",)] = ("", ".version")
    own: dict[str, dict[str, Any]] = {"": {}}
    packages = data.get("packages")
    if isinstance(packages, dict):
        root = packages.get("")
        globs = root.get("workspaces") if isinstance(root, dict) else None
        members = globs if isinstance(globs, list) else []
        for key, entry in packages.items():
            if "node_modules/" in f"/{key}" or not isinstance(entry, dict):
                continue
            if key and not _member(key, members):
                continue  # a `file:` dependency's folder (`..`: another project's lock)
            own[key] = entry
            if isinstance(entry.get("version"), str):
                wanted[("packages", key, "version")] = (key, f'packages["{key}"].version')
    spans = jsonfile.string_spans(text, wanted)
    declarations: dict[str, list[Declaration]] = {}
    for keypath, (folder, field) in wanted.items():
        if keypath not in spans:
            continue
        start, end = spans[keypath]
        declarations.setdefault(folder, []).append(
            Declaration(path, line_of(text, start), text[start:end], start, end, field)
        )
    lock_dir = posixpath.dirname(path)
    found = []
    for key, entry in own.items():
        if key not in declarations and not (requirements and entry):
            continue
        locked = []
        if requirements:
            from releaselint.core.manifests import package_json

            at = ("packages", key)
            locked = package_json.dependency_maps(path, text, entry, at, f'packages["{key}"].')
        name = entry.get("name") or (data.get("name") if key == "" else None)
        folder = posixpath.normpath(posixpath.join(lock_dir, key))
        found.append(
            Locked(
                name if isinstance(name, str) else None,
                "" if folder == "." else folder,
                declarations.get(key, []),
                locked,
            )
        )
    return found


def _member(key: str, globs: list[object]) -> bool:
    """Whether the folder ``key`` is one of the workspaces the root entry lists (``!``
    taking folders out)."""
    from releaselint.core.folders import workspace_glob

    if ".." in key.split("/"):
        return False
    strings = [g for g in globs if isinstance(g, str)]
    return any(workspace_glob(key, g) for g in strings if not g.startswith("!")) and not any(
        workspace_glob(key, g[1:]) for g in strings if g.startswith("!")
    )
