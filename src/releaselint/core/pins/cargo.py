"""Cargo.lock: Cargo's ``--locked`` rule for the repository's own crates."""

from __future__ import annotations

import posixpath

from releaselint.core import toml
from releaselint.core.lockfiles import damage
from releaselint.core.pins import (
    Drift,
    Reader,
    _enclosing_workspace,
    _join,
    _line,
    _table,
    _toml,
    command_in,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from releaselint.core.report import Finding


_CARGO_TABLES = ("dependencies", "dev-dependencies", "build-dependencies")


def check(reader: Reader, lock: str) -> list[Finding]:
    """Cargo's ``--locked`` rule for the repository's own crates: each workspace member
    and path dependency has an entry with its manifest's version (``version.workspace``
    resolved), and its entry lists exactly the dependencies its manifest names. A path
    dependency's version requirement that its crate's version misses (Cargo refuses to
    lock it) is a stale internal pin: ``find_stale_pins`` reports it, once."""
    from releaselint.core.lockfiles import cargo_lock

    folder = posixpath.dirname(lock)
    if _enclosing_workspace(reader, folder, "Cargo.toml", ("workspace",)) is not None:
        return []  # a member's own Cargo.lock: cargo reads the workspace's, never this one
    text = reader.text(lock) or ""
    entries, spans = damage.load_toml_packages(lock, text, cargo_lock.KNOWN_VERSIONS)
    root_path = _join(folder, "Cargo.toml")
    root_text = reader.text(root_path)
    if root_text is None:
        return []
    root, _ = _toml(root_path, root_text)
    workspace = _table(root, "workspace")
    members = [folder] if "package" in root else []
    members += reader.members(folder, workspace.get("members") or [], "Cargo.toml")
    excluded = set(reader.members(folder, workspace.get("exclude") or [], "Cargo.toml"))
    own: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for index, entry in enumerate(entries):
        if isinstance(entry, dict) and "source" not in entry and isinstance(entry.get("name"), str):
            own.setdefault(entry["name"], []).append((index, entry))
    hint = command_in(folder, "cargo update --workspace")
    findings: list[Finding] = []
    queue = [m for m in dict.fromkeys(members) if m not in excluded]
    # the lock holds every optional dependency of a member, and of a path dependency
    # outside the workspace only what the features in use pull in: lists are compared for
    # members alone
    in_workspace = set(queue)
    seen: set[str] = set()
    while queue:
        member = queue.pop(0)
        if member in seen:
            continue
        seen.add(member)
        manifest = _join(member, "Cargo.toml")
        manifest_text = reader.text(manifest)
        if manifest_text is None:
            continue
        crate, crate_spans = (
            (root, None) if manifest == root_path else _toml(manifest, manifest_text)
        )
        if crate_spans is None:
            crate_spans = toml.string_spans(manifest_text)
        package = _table(crate, "package")
        name = package.get("name")
        if not isinstance(name, str):
            continue
        version = package.get("version", "0.0.0")
        inherited = ""
        if isinstance(version, dict) and version.get("workspace") is True:
            version = _table(workspace, "package").get("version")
            # the value is the workspace's: named where it is written
            root_line = toml.key_line(root_text, ("workspace", "package"), "version")
            inherited = f" from {root_path}:{root_line}"
        locked = own.get(name, [])
        if not locked:
            findings.append(Drift(lock, None, f"no entry for '{name}' ({manifest}) — run `{hint}`"))
            continue
        index, entry = locked[0]
        if isinstance(version, str) and entry.get("version") != version:
            line = _line(crate_spans, manifest_text, "package", "version")
            at = f"{manifest}:{line}" if line else manifest
            findings.append(
                Drift(
                    lock,
                    _line(spans, text, "package", index, "version"),
                    f"version of '{name}' is '{entry.get('version')}' but {at} "
                    f"{'inherits' if inherited else 'says'} '{version}'{inherited} — run `{hint}`",
                )
            )
        deps = _cargo_dependencies(crate, workspace, member, folder)
        recorded = {str(d).partition(" ")[0] for d in entry.get("dependencies") or []}
        queue.extend(path for _, path in deps.values() if path is not None)
        if member not in in_workspace:
            continue
        for dep in deps:
            if dep not in recorded:
                findings.append(
                    Drift(
                        lock,
                        None,
                        f"'{name}' depends on '{dep}' ({manifest}) but its entry does not list "
                        f"it — run `{hint}`",
                    )
                )
        for dep in sorted(recorded - set(deps)):
            findings.append(
                Drift(
                    lock,
                    None,
                    f"the entry of '{name}' lists '{dep}' which {manifest} does not name "
                    f"— run `{hint}`",
                )
            )
    return findings


def _cargo_dependencies(
    crate: dict[str, Any], workspace: dict[str, Any], member: str, folder: str
) -> dict[str, tuple[str | None, str | None]]:
    """The package names a crate depends on (every table, every target), with the version
    requirement and the folder of each path dependency."""
    tables = [crate.get(t) for t in _CARGO_TABLES]
    for target in _table(crate, "target").values():
        if isinstance(target, dict):
            tables.extend(target.get(t) for t in _CARGO_TABLES)
    inherited = _table(workspace, "dependencies")
    found: dict[str, tuple[str | None, str | None]] = {}
    for table in tables:
        for key, spec in table.items() if isinstance(table, dict) else ():
            base = member
            if isinstance(spec, dict) and spec.get("workspace") is True:
                spec, base = inherited.get(key, {}), folder
            if isinstance(spec, str):
                found.setdefault(key, (spec, None))
            elif isinstance(spec, dict):
                package = spec.get("package")
                name = package if isinstance(package, str) else key
                path = spec.get("path")
                version = spec.get("version")
                found.setdefault(
                    name,
                    (
                        version if isinstance(version, str) else None,
                        _join(base, path) if isinstance(path, str) else None,
                    ),
                )
    return found
