"""pnpm-lock.yaml: ``pnpm install --frozen-lockfile``'s rule, read from the files."""

from __future__ import annotations

import posixpath

from releaselint.core import lockcache
from releaselint.core.pins import (
    Drift,
    Reader,
    _join,
    _json,
    _map_drift,
    _quoted,
    _table,
    command_in,
)

# the maps the lock copies from each project's package.json
PNPM_MAPS = ("dependencies", "devDependencies", "optionalDependencies")

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from releaselint.core.report import Finding


def _read_pnpm(lock: str, text: str) -> Any:
    from releaselint.core.lockfiles import pnpm_lock  # where the cache does not answer

    return pnpm_lock.read(lock, text)


def decode_lock(value: Any) -> Any:
    """``pnpm_lock.read``'s answer, from the list the cache keeps of it; ValueError where
    it is not in that shape (a cache edited by hand: the lockfile is read instead)."""
    importers, overrides, catalogs = value
    maps = [m for importer in _values(importers) for m in _values(importer)]
    if not all(_strings(m) for m in [*maps, overrides, *_values(catalogs)]):
        raise ValueError("not what pnpm_lock.read answers")
    return importers, overrides, catalogs


def _values(table: object) -> list[object]:
    """The values of a table keyed by strings; ValueError for anything else."""
    if not isinstance(table, dict) or not all(isinstance(k, str) for k in table):
        raise ValueError("not a table")
    return list(table.values())


def _strings(table: object) -> bool:
    return all(isinstance(v, str) for v in _values(table))


def check(reader: Reader, lock: str) -> list[Finding]:
    """pnpm's ``--frozen-lockfile`` rule (``satisfiesPackageManifest`` in
    pnpm/lockfile/verification): each importer's ``{name: specifier}`` maps equal its
    package.json's ``dependencies``, ``devDependencies`` and ``optionalDependencies``,
    ``workspace:`` protocols included, and every workspace project has an importer."""
    importers, locked_overrides, locked_catalogs = lockcache.cached(
        reader.tree.root,
        lock,
        "pnpm-importers",
        lambda: reader.text(lock) or "",
        lambda text: _read_pnpm(lock, text),
        list,
        decode_lock,
        full=reader.on_disk(lock),
    )
    folder = posixpath.dirname(lock)
    root_path = _join(folder, "package.json")
    if reader.text(root_path) is None:
        return []
    members = [folder]
    workspace_path = _join(folder, "pnpm-workspace.yaml")
    workspace_text = reader.text(workspace_path)
    workspace: object = None
    if workspace_text is not None:
        from releaselint.core.lockfiles import pnpm_lock

        workspace = pnpm_lock.workspace_document(workspace_path, workspace_text)
        patterns = workspace.get("packages") if isinstance(workspace, dict) else None
        found = reader.members(
            folder, patterns if isinstance(patterns, list) else [], "package.json", negated=True
        )
        # pnpm never takes a folder under node_modules for a workspace project
        members += [m for m in found if "node_modules" not in m.split("/")]
    hint = command_in(folder, "pnpm install")
    findings = _pnpm_overrides(lock, root_path, workspace_path, workspace, locked_overrides, reader)
    findings += _pnpm_catalogs(lock, workspace_path, workspace, locked_catalogs)
    for member in dict.fromkeys(members):
        manifest = _join(member, "package.json")
        manifest_text = reader.text(manifest)
        if manifest_text is None:
            continue
        key = posixpath.relpath(member, folder) if member != folder else "."
        importer = importers.get(key)
        replaced = _replaced(locked_overrides, key)
        package = _as_pnpm_reads(_json(manifest, manifest_text), importer or {}, replaced)
        existing = {n for f in PNPM_MAPS if isinstance(package.get(f), dict) for n in package[f]}
        drift: list[Finding] = []
        for field in PNPM_MAPS:
            mine = package.get(field) or {}
            theirs = (importer or {}).get(field, {})
            if isinstance(mine, dict):
                mine = _pnpm_own(field, mine, package)
                mine = _pnpm_wanted(field, mine, theirs, package, existing, replaced)
                drift.extend(
                    _map_drift(lock, f"importers['{key}'].{field}", mine, theirs, manifest,
                               manifest_text, field, f" — run `{hint}`")
                )  # fmt: skip
        if importer is None and drift:
            # pnpm 12 takes a project the lock has no importer for as one with nothing
            # locked: it refuses the lock only where the project has something to lock
            drift = [Drift(lock, None, f"no importer '{key}' for {manifest} — run `{hint}`")]
        findings += drift
    return findings


# the maps whose names pnpm takes out of each map before comparing it (a name in two maps
# is locked in the first that holds it of optionalDependencies, dependencies)
_SHADOWED_BY = {
    "dependencies": ("optionalDependencies",),
    "devDependencies": ("optionalDependencies", "dependencies"),
    "optionalDependencies": (),
}


def _pnpm_own(field: str, mine: dict[str, Any], package: dict[str, Any]) -> dict[str, Any]:
    """The names of one map that pnpm compares with the lock's map of that name
    (``satisfiesPackageManifest``): not those another map holds with a value (JavaScript's
    truth: not an empty string, not null)."""
    shadows = [_table(package, other) for other in _SHADOWED_BY[field]]
    return {
        name: value
        for name, value in mine.items()
        if not any(shadow.get(name) not in (None, "", False, 0) for shadow in shadows)
    }


def _pnpm_wanted(
    field: str,
    mine: dict[str, Any],
    theirs: dict[str, str],
    package: dict[str, Any],
    existing: set[str],
    replaced: dict[str, set[str]],
) -> dict[str, Any]:
    """An importer's map as pnpm compares it with the lock (``satisfiesPackageManifest``):
    with ``autoInstallPeers`` (which a peer the lock lists shows was on), the peers no other
    map names join ``dependencies``; and where an override replaced a specifier, the lock
    holds the override's."""
    if field == "dependencies":
        peers = package.get("peerDependencies")
        if isinstance(peers, dict):
            mine = {
                **{k: v for k, v in peers.items() if k not in existing and k in theirs},
                **mine,
            }
    return {k: theirs[k] if theirs.get(k) in replaced.get(k, ()) else v for k, v in mine.items()}


def _replaced(overrides: dict[str, str], importer: str) -> dict[str, set[str]]:
    """Package name -> the specifiers the lock's overrides put in place of the importer's
    own: `name`, or `name@range` (the versions it replaces); `parent>name` replaces a
    dependency of parent, never a project's own. A `file:` or `link:` override with a
    relative path is written relative to the importer (pnpm's
    ``resolveOverriddenBareSpecifier``): `file:a` is `file:../a` for the importer `b`."""
    replaced: dict[str, set[str]] = {}
    for selector, value in overrides.items():
        if _split_selector(selector)[0] is None:
            at = selector.rfind("@")
            found = replaced.setdefault(selector[:at] if at > 0 else selector, set())
            found.add(value)
            protocol = value[:5]
            if protocol in ("file:", "link:") and not value[5:].startswith("/"):
                target = posixpath.normpath(value[5:] or ".")
                relative = posixpath.relpath(target, importer) if importer != "." else target
                found.add(protocol + ("" if relative == "." else relative))
    return replaced


# the runtimes pnpm installs from a manifest's engines (pnpm's RUNTIME_NAMES), and the map
# each field's runtime joins
_RUNTIMES = ("node", "deno", "bun")
_RUNTIME_MAPS = (("devEngines", "devDependencies"), ("engines", "dependencies"))


def _as_pnpm_reads(
    package: dict[str, Any], importer: dict[str, Any], replaced: dict[str, set[str]]
) -> dict[str, Any]:
    """package.json as pnpm has rewritten it by the time it compares it with the lock:

    - a dependency an override replaced may change maps: a peer whose override is no
      peer range (an ``npm:`` alias) joins ``dependencies`` (``overrideDepsOfPkg``), and
      pnpm 12 locks an overridden ``devDependencies`` entry in ``dependencies``. Where the
      lock holds the override's specifier for a name the manifest names in any map, the
      name is taken in the lock's map with that specifier;
    - a runtime (``devEngines.runtime``, ``engines.runtime`` with ``onFail: download``)
      joins ``devDependencies`` / ``dependencies`` as ``runtime:<version>``
      (``convertEnginesRuntimeToDependencies``): taken where the lock records that
      runtime with a ``runtime:`` specifier (pnpm releases before it record none).
    """
    result = dict(package)
    named = ("peerDependencies", *PNPM_MAPS)
    for name, specifiers in replaced.items():
        where = [f for f in PNPM_MAPS if importer.get(f, {}).get(name) in specifiers]
        if not any(name in _table(package, f) for f in PNPM_MAPS):
            where = [f for f in where if f == "dependencies"]  # a peer's only way
        if not where or not any(name in _table(package, f) for f in named):
            continue
        for field in named:
            if name in _table(result, field):
                result[field] = {k: v for k, v in _table(result, field).items() if k != name}
        for field in where:
            result[field] = {**_table(result, field), name: importer[field][name]}
    for engines_field, field in _RUNTIME_MAPS:
        runtimes = _table(package, engines_field).get("runtime")
        for name in _RUNTIMES:
            runtime = next(
                (
                    r
                    for r in (runtimes if isinstance(runtimes, list) else [runtimes])
                    if isinstance(r, dict) and r.get("name") == name
                ),
                None,
            )
            version = runtime.get("version") if runtime is not None else None
            spec = importer.get(field, {}).get(name)
            mine = _table(result, field)
            if not isinstance(version, str) or not str(spec).startswith("runtime:"):
                continue
            if mine.get(name) in (None, "", False, 0):
                result[field] = {**mine, name: f"runtime:{version.strip()}"}
    return result


def _pnpm_reference(
    name: str, value: str, workspace: object, package: dict[str, Any]
) -> str | None:
    """What an override's ``catalog:``/``catalog:<name>`` or ``$<dependency>`` stands for
    (pnpm-workspace.yaml's catalogs, package.json's own ranges), or None."""
    if value.startswith("$"):
        dependency = value[1:]
        # pnpm reads {...devDependencies, ...dependencies, ...optionalDependencies}: the
        # last map that names it wins
        for field in ("optionalDependencies", "dependencies", "devDependencies"):
            found = _table(package, field).get(dependency)
            if isinstance(found, str):
                # the root's range may itself be a catalog's (workers-sdk: `$@types/node`,
                # whose range is `catalog:default`)
                if found.startswith("catalog:"):
                    return _pnpm_reference(dependency, found, workspace, {})
                return found
        return None
    found = _catalog(workspace, value.removeprefix("catalog:") or "default").get(
        _override_target(name)
    )
    return found if isinstance(found, str) else None


def _split_selector(selector: str) -> tuple[str | None, str]:
    """(parent, target) of an override's key: ``a>b`` is b where a depends on it; a `>`
    after `@`, a space or `|` is a range's (``is-number@>=6``, ``x@<7 || >8``), and the key
    names a package of its own."""
    for index, char in enumerate(selector):
        if char == ">" and index and selector[index - 1] not in "@ |":
            return selector[:index], selector[index + 1 :]
    return None, selector


def _override_target(selector: str) -> str:
    """The package an override's key replaces: ``undici-types`` of ``@types/node>undici-types``,
    ``foo`` of ``foo@<2``, ``@scope/x`` of ``parent@1>@scope/x@^1``."""
    target = _split_selector(selector)[1]
    at = target.find("@", 1)  # a scope's `@` comes first
    return target[:at] if at > 0 else target


def _catalog(workspace: object, name: str) -> dict[str, Any]:
    """A catalog of pnpm-workspace.yaml: ``catalog:`` for the default one where it has
    that key, else ``catalogs.<name>``; {} where there is none."""
    tables = workspace if isinstance(workspace, dict) else {}
    if name == "default" and "catalog" in tables:
        found = tables["catalog"]
        return found if isinstance(found, dict) else {}
    return _table(tables, "catalogs", name)


def _pnpm_overrides(
    lock: str,
    root_path: str,
    workspace_path: str,
    workspace: object,
    locked: dict[str, str],
    reader: Reader,
) -> list[Finding]:
    """pnpm refuses a frozen install whose ``overrides`` (``pnpm-workspace.yaml``) differ
    from the lock's. Those of package.json's ``pnpm`` field count for some pnpm releases
    and not others (pnpm 10 moved settings to pnpm-workspace.yaml): left to pnpm."""
    declared = workspace.get("overrides") if isinstance(workspace, dict) else None
    package = _json(root_path, reader.text(root_path) or "{}")
    if _table(package, "pnpm").get("overrides") is not None or isinstance(
        package.get("resolutions"), dict
    ):
        # pnpm 9 and earlier take package.json's `resolutions` for overrides too (nitro,
        # pinia); pnpm 12 does not read them
        return []
    wanted = {str(k): str(v) for k, v in declared.items()} if isinstance(declared, dict) else {}
    relock = command_in(posixpath.dirname(lock), "pnpm install")
    findings: list[Finding] = []
    for name in dict.fromkeys([*wanted, *locked]):
        value = wanted.get(name)
        if value is not None and value.startswith(("catalog:", "$")):
            # a catalog entry, or a root dependency's range, that pnpm writes resolved
            value = _pnpm_reference(name, value, workspace, package)
            if value is None:
                continue  # nothing offline says what pnpm resolved it to
        if value != locked.get(name):
            findings.append(
                Drift(
                    lock,
                    None,
                    f"overrides for '{name}' is {_quoted(locked.get(name))} but "
                    f"{workspace_path} says {_quoted(wanted.get(name))} — run `{relock}`",
                )
            )
    return findings


def _pnpm_catalogs(
    lock: str, workspace_path: str, workspace: object, locked: dict[str, dict[str, str]]
) -> list[Finding]:
    """pnpm refuses a frozen install where an entry of the lock's ``catalogs`` has another
    specifier in pnpm-workspace.yaml, or none (``allCatalogsAreUpToDate``): the entries the
    lock records are compared, an entry no project uses is not."""
    relock = command_in(posixpath.dirname(lock), "pnpm install")
    findings: list[Finding] = []
    for catalog, entries in locked.items():
        declared = _catalog(workspace, catalog)
        for name, specifier in entries.items():
            wanted = declared.get(name)
            if wanted is None or str(wanted) != specifier:
                findings.append(
                    Drift(
                        lock,
                        None,
                        f"catalogs.{catalog} for '{name}' is '{specifier}' but {workspace_path} "
                        f"says {_quoted(wanted)} — run `{relock}`",
                    )
                )
    return findings
