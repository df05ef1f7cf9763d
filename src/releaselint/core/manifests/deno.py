"""``deno.json``, ``deno.jsonc`` and ``jsr.json``: ``.version`` (JSONC allowed).

Dependencies live in import maps (``jsr:@std/path@^1``), not read here: ``requirements``
gives none."""

from __future__ import annotations

from releaselint.core import json as jsonfile
from releaselint.core.errors import FatalError
from releaselint.core.files import line_of
from releaselint.core.model import Declaration, Package


def read(path: str, text: str, *, requirements: bool = False) -> Package:
    # deno.json may hold comments too; only pay for json5 when plain JSON fails.
    try:
        data = jsonfile.load(path, text)
    except FatalError:
        data = jsonfile.load(path, text, jsonc=True)
    if not isinstance(data, dict):
        raise FatalError(
            f"{path}:1: invalid {path.rsplit('/', 1)[-1]}: the top level is not an object"
        )
    name = data.get("name")
    package = Package(path, "deno", name if isinstance(name, str) else None)
    version = data.get("version")
    if isinstance(version, str):
        span = jsonfile.string_spans(text, [("version",)]).get(("version",))
        if span is not None:
            start, end = span
            package.declarations.append(
                Declaration(path, line_of(text, start), version, start, end, ".version")
            )
    workspace = data.get("workspace")
    if isinstance(workspace, dict):
        workspace = workspace.get("members")
    if isinstance(workspace, list):
        package.workspace_members = [w for w in workspace if isinstance(w, str)]
    # a deno package without a name is not published to JSR
    package.private = package.name is None
    return package
