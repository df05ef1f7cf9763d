"""``package.json``: ``.version``, ``private`` and ``workspaces``."""

from __future__ import annotations

from releaselint.core import json as jsonfile
from releaselint.core.errors import FatalError
from releaselint.core.files import line_of
from releaselint.core.model import Declaration, Package


def read(path: str, text: str) -> Package:
    data = jsonfile.load(path, text)
    if not isinstance(data, dict):
        raise FatalError(f"{path}:1: invalid package.json: the top level is not an object")
    name = data.get("name")
    package = Package(path, "node", name if isinstance(name, str) else None)
    version = data.get("version")
    if version is not None:
        if not isinstance(version, str):
            line = jsonfile.locate(text, ("version",))
            raise FatalError(f"{path}:{line}: 'version' is not a string")
        span = jsonfile.string_spans(text, [("version",)]).get(("version",))
        if span is not None:
            start, end = span
            package.declarations.append(
                Declaration(path, line_of(text, start), version, start, end, ".version")
            )
    package.private = data.get("private") is True
    workspaces = data.get("workspaces")
    if isinstance(workspaces, dict):
        workspaces = workspaces.get("packages")
    if isinstance(workspaces, list):
        package.workspace_members = [w for w in workspaces if isinstance(w, str)]
    return package
