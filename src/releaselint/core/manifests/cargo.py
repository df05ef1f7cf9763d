"""``Cargo.toml``: ``[package].version``, ``[workspace.package].version`` and inheritance."""

from __future__ import annotations

from releaselint.core import toml
from releaselint.core.files import line_of
from releaselint.core.model import Declaration, Package


def read(path: str, text: str) -> Package:
    data, spans = toml.load_with_spans(path, text)
    name = toml.get(data, "package", "name")
    package = Package(path, "rust", name if isinstance(name, str) else None)
    for table in (("package",), ("workspace", "package")):
        value = toml.get(data, *table, "version")
        span = spans.get((*table, "version"))
        if isinstance(value, str) and span is not None:
            start, end = span
            field = f"[{'.'.join(table)}].version"
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
    return package
