"""package-lock.json: the maps and versions npm records, compared as strings."""

from __future__ import annotations

import posixpath

from releaselint.core import json as jsonfile
from releaselint.core.errors import FatalError
from releaselint.core.lockfiles import damage
from releaselint.core.pins import (
    Drift,
    Reader,
    _cached_document,
    _join,
    _json,
    _map_drift,
    _quoted,
    command_in,
)
from releaselint.core.report import Finding

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from releaselint.core import toml

# the maps the lock copies from each project's package.json
NPM_MAPS = ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies")


def check(reader: Reader, lock: str) -> list[Finding]:
    """npm's lock records each project's four dependency maps and version as package.json
    said them: ``packages[""]`` for the root, ``packages["<folder>"]`` for each workspace.
    Compared as strings, stricter than ``npm ci`` (which accepts a changed range that the
    locked version still satisfies): a lock that records the old range is re-read by the
    next ``npm install`` anyway."""
    data, _ = _cached_document(
        reader, lock, "npm-projects", lambda: reader.text(lock) or "", _projects
    )
    packages = data.get("packages")
    whole: list[dict[str, Any]] = []

    def installed() -> dict[str, Any]:
        """The lock's whole ``packages`` map, read once, and only for a drifted entry."""
        if not whole:
            found = _json(lock, reader.text(lock) or "", lockfile=True).get("packages")
            whole.append(found if isinstance(found, dict) else {})
        return whole[0]

    if data.get("lockfileVersion") == 1 or packages is None:
        return [
            Finding(
                lock,
                None,
                "unchecked: lockfileVersion 1 records no dependency ranges; "
                "`npm install --package-lock-only` upgrades it",
                "warning",
            )
        ]
    folder = posixpath.dirname(lock)
    root_path = _join(folder, "package.json")
    root_text = reader.text(root_path)
    if root_text is None:
        return []
    root = _json(root_path, root_text)
    hint = command_in(folder, "npm install")
    workspaces = root.get("workspaces")
    if isinstance(workspaces, dict):
        workspaces = workspaces.get("packages")
    members = [folder]
    members += reader.members(
        folder, workspaces if isinstance(workspaces, list) else [], "package.json", negated=True
    )
    findings: list[Finding] = []
    for member in members:
        manifest = _join(member, "package.json")
        manifest_text = reader.text(manifest)
        if manifest_text is None:
            continue
        package = root if manifest == root_path else _json(manifest, manifest_text)
        key = posixpath.relpath(member, folder) if member != folder else ""
        key = "" if key == "." else key
        entry = packages.get(key)
        if entry is None and _installed(key):  # a project in a node_modules folder
            entry = installed().get(key)
        at_key = f'packages["{key}"]'
        if not isinstance(entry, dict):
            findings.append(Drift(lock, None, f"no {at_key} entry for {manifest} — run `{hint}`"))
            continue
        versions = [(f"{at_key}.version", entry.get("version"))]
        if key == "":
            versions.append(("version", data.get("version")))
        version = package.get("version")
        for field, value in versions:
            if value != version:
                line = jsonfile.locate(manifest_text, ("version",))
                findings.append(
                    Drift(
                        lock,
                        None,
                        f"{field} is {_quoted(value)} but {manifest}:{line} says "
                        f"{_quoted(version)} (stricter than `npm ci`, which does not compare "
                        f"versions) — run `{hint}`",
                    )
                )
        for field in NPM_MAPS:
            mine = package.get(field) or {}
            theirs = entry.get(field) or {}
            if isinstance(mine, dict) and isinstance(theirs, dict):
                findings.extend(
                    _map_drift(lock, f"{at_key}.{field}", mine, theirs, manifest, manifest_text,
                               field, f" — run `{hint}`", _strict_note(installed, key))
                )  # fmt: skip
    return findings


def _projects(lock: str, text: str) -> tuple[dict[str, Any], toml.Spans]:
    """What ``check`` reads of a package-lock.json, checked as it reads it: the
    ``lockfileVersion``, the ``version`` and the entries of the projects (``packages``
    keys outside any node_modules; None where the lock has no ``packages``). The installed
    packages, most of the file, are read only for a drifted entry's note."""
    from releaselint.core.lockfiles import package_lock

    data = _json(lock, text, lockfile=True)
    damage.check_format_version(
        lock, text, "lockfileVersion", data.get("lockfileVersion"), package_lock.KNOWN_VERSIONS
    )
    packages = data.get("packages")
    if packages is not None and not isinstance(packages, dict):
        line = jsonfile.locate(text, ("packages",))
        raise FatalError(
            f"{lock}:{line}: invalid lockfile: 'packages' is not an object; "
            f"{damage.regenerate(lock)}"
        )
    kept: dict[str, Any] = {k: data.get(k) for k in ("lockfileVersion", "version")}
    if isinstance(packages, dict):
        kept["packages"] = {k: v for k, v in packages.items() if not _installed(k)}
    return kept, {}


def _installed(key: str) -> bool:
    """Whether a ``packages`` key is a package npm installs (in a node_modules folder)."""
    return key.startswith("node_modules/") or "/node_modules/" in key


_NPM_STRICT = " (stricter than `npm ci`, which accepts a range the locked version satisfies)"


def _strict_note(installed: Callable[[], dict[str, Any]], key: str) -> Callable[[str, object], str]:
    """The note a finding carries where `npm ci` would accept the lock: the root's range on
    a workspace link (npm ci does not read those), or a range the version the lock installs
    for that name satisfies (a link: its folder's version). Where the lock has no such
    package, `npm ci` refuses too, and the finding says nothing of it."""

    def note(name: str, wanted: object) -> str:  # asked only of a drifted entry
        from releaselint.core import ranges  # with `re`: only where something drifted

        found = _locked_version(installed(), key, name)
        if found is None or not isinstance(wanted, str):
            return ""
        version, link = found
        if link and not key:
            return _NPM_STRICT
        ok = version is not None and ranges.satisfies("node", wanted, version)
        return _NPM_STRICT if ok else ""

    return note


def _locked_version(
    packages: dict[str, Any], key: str, name: str
) -> tuple[str | None, bool] | None:
    """(the version npm installs for ``name`` in the folder ``key``, whether it is a
    workspace link), its own node_modules first, then the root's; None where the lock
    installs none."""
    for path in ([f"{key}/node_modules/{name}"] if key else []) + [f"node_modules/{name}"]:
        entry = packages.get(path)
        if not isinstance(entry, dict):
            continue
        resolved = entry.get("resolved")
        link = entry.get("link") is True and isinstance(resolved, str)
        if link:
            target = packages.get(str(resolved))
            entry = target if isinstance(target, dict) else {}
        version = entry.get("version")
        return (version if isinstance(version, str) else None), link
    return None
