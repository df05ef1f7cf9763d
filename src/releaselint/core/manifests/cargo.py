"""``Cargo.toml``: ``[package].version``, ``[workspace.package].version``, inheritance and
the dependency tables."""

from __future__ import annotations

from releaselint.core import toml
from releaselint.core.errors import FatalError
from releaselint.core.files import line_of
from releaselint.core.model import Declaration, Package

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from releaselint.core.model import Requirement

# dependency table -> kind; Cargo still accepts the underscore spellings (with a warning)
_TABLES = {
    "dependencies": "normal",
    "dev-dependencies": "dev",
    "dev_dependencies": "dev",
    "build-dependencies": "build",
    "build_dependencies": "build",
}


def read(path: str, text: str, *, requirements: bool = False) -> Package:
    data, spans = toml.load_with_spans(path, text)
    name = toml.get(data, "package", "name")
    package = Package(path, "rust", name if isinstance(name, str) else None)
    for table in (("package",), ("workspace", "package")):
        value = toml.get(data, *table, "version")
        span = spans.get((*table, "version"))
        field = f"[{'.'.join(table)}].version"
        # `version.workspace = true` inherits (a table); anything else but a string Cargo
        # refuses
        if (
            value is not None
            and not isinstance(value, str)
            and not (table == ("package",) and isinstance(value, dict))
        ):
            line = toml.key_line(text, table, "version")
            raise FatalError(f"{path}:{line}: {field} is not a string")
        if isinstance(value, str) and span is None:
            line = toml.key_line(text, table, "version")
            raise FatalError(
                f"{path}:{line}: {field} is a multi-line string; releaselint reads a version "
                "written on one line"
            )
        if isinstance(value, str) and span is not None:
            start, end = span
            package.declarations.append(
                Declaration(path, line_of(text, start), value, start, end, field)
            )
    version = toml.get(data, "package", "version")
    if isinstance(version, dict) and version.get("workspace") is True:
        package.dynamic = "workspace"
    # `publish = false` or an empty registry list: the crate is never published
    publish = toml.get(data, "package", "publish")
    package.private = publish is False or publish == []
    members = toml.get(data, "workspace", "members")
    if isinstance(members, list):
        package.workspace_members = [m for m in members if isinstance(m, str)]
    if requirements:
        package.requirements = _requirements(path, text, data, spans)
    return package


def _requirements(
    path: str, text: str, data: dict[str, Any], spans: dict[toml.KeyPath, tuple[int, int]]
) -> list[Requirement]:
    tables: list[tuple[toml.KeyPath, str, str]] = []
    for table, kind in _TABLES.items():
        tables.append(((table,), kind, f"[{table}]"))
    targets = data.get("target")
    for target in targets if isinstance(targets, dict) else ():
        for table, kind in _TABLES.items():
            tables.append((("target", target, table), kind, f"[target.'{target}'.{table}]"))
    tables.append((("workspace", "dependencies"), "normal", "[workspace.dependencies]"))
    found = []
    for keypath, kind, field in tables:
        deps: Any = data
        for key in keypath:
            deps = deps.get(key) if isinstance(deps, dict) else None
        if isinstance(deps, dict):
            found.extend(_table(path, text, spans, keypath, deps, kind, field))
    return found


def _table(
    path: str,
    text: str,
    spans: dict[toml.KeyPath, tuple[int, int]],
    table: toml.KeyPath,
    deps: dict[str, Any],
    kind: str,
    field: str,
) -> list[Requirement]:
    from releaselint.core.manifests import specifiers

    found = []
    for key, spec in deps.items():
        if isinstance(spec, str):
            found.append(
                specifiers.specifier(path, text, spans, (*table, key), key, spec, kind, field)
            )
            continue
        if not isinstance(spec, dict):
            continue
        # `package` renames: the key is the name in code, `package` the crate's name
        name = spec.get("package", key)
        name = name if isinstance(name, str) else key
        source = "workspace" if spec.get("workspace") is True else None
        if source is None and isinstance(spec.get("path"), str):
            source = "path"
        this_kind = "optional" if spec.get("optional") is True else kind
        keypath = (*table, key, "version")
        version = spec.get("version")
        found.append(
            specifiers.specifier(
                path, text, spans, keypath, name, version, this_kind, field, source
            )
        )
    return found
