"""package-lock.json: the maps and versions npm records, compared as strings."""

from __future__ import annotations

import posixpath

from releaselint.core import json as jsonfile
from releaselint.core.errors import FatalError
from releaselint.core.lockfiles import damage
from releaselint.core.pins import (
    Drift,
    Reader,
    _join,
    _json,
    _map_drift,
    _quoted,
)
from releaselint.core.report import Finding

# the maps the lock copies from each project's package.json
NPM_MAPS = ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies")


def check(reader: Reader, lock: str) -> list[Finding]:
    """npm's lock records each project's four dependency maps and version as package.json
    said them: ``packages[""]`` for the root, ``packages["<folder>"]`` for each workspace.
    Compared as strings, stricter than ``npm ci`` (which accepts a changed range that the
    locked version still satisfies): a lock that records the old range is re-read by the
    next ``npm install`` anyway."""
    from releaselint.core.lockfiles import package_lock

    text = reader.text(lock) or ""
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
    hint = "npm install"
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
                               field, f"{_NPM_STRICT} — run `{hint}`")
                )  # fmt: skip
    return findings


_NPM_STRICT = " (stricter than `npm ci`, which accepts a range the locked version satisfies)"
