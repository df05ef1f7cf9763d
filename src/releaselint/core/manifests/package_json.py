"""``package.json``: ``.version``, ``private``, ``workspaces`` and the dependency maps."""

from __future__ import annotations

from releaselint.core import json as jsonfile
from releaselint.core.errors import FatalError
from releaselint.core.files import line_of
from releaselint.core.model import Declaration, Package

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from releaselint.core.model import Requirement

MAPS = {
    "dependencies": "normal",
    "devDependencies": "dev",
    "optionalDependencies": "optional",
    "peerDependencies": "peer",
}
# what semantic-release's documentation has package.json hold: the version is the tag's
SEMANTIC_RELEASE_PLACEHOLDERS = ("0.0.0-development", "0.0.0-semantically-released")
# the lockfiles each package manager writes: another's beside a package.json whose
# `packageManager` names one is left behind (zustand's package-lock.json, beside pnpm's)
LOCKFILES_OF = {
    "npm": ("package-lock.json", "npm-shrinkwrap.json"),
    "pnpm": ("pnpm-lock.yaml",),
    "yarn": ("yarn.lock",),
    "bun": ("bun.lock", "bun.lockb"),
}


def package_manager(text: str | None) -> str | None:
    """The ``packageManager`` of a package.json's text (``pnpm@11.3.0``), None where it has
    none or cannot be read (its own check says why)."""
    if text is None or "packageManager" not in text:
        return None
    try:
        data = jsonfile.load("package.json", text)
    except FatalError:
        return None
    manager = data.get("packageManager") if isinstance(data, dict) else None
    return manager if isinstance(manager, str) and manager else None


def stray_lockfile(lockfile: str, manager: str | None) -> bool:
    """Whether ``lockfile`` (a file name) is not the one the ``packageManager`` tool writes."""
    if manager not in LOCKFILES_OF:
        return False
    node_locks = {n for names in LOCKFILES_OF.values() for n in names}
    return lockfile in node_locks and lockfile not in LOCKFILES_OF[manager]


# npm and pnpm/yarn protocols that take a dependency from the repository, not a registry
_PATH_PROTOCOLS = ("file:", "link:", "portal:")


def read(path: str, text: str, *, requirements: bool = False) -> Package:
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
        # the last "version" where it is written twice: npm keeps that one (JSON.parse)
        span = jsonfile.string_spans(text, [("version",)], last=True).get(("version",))
        # "": no version, to npm (`npm install` writes none into its lock): nuxt's root
        if span is not None and version:
            start, end = span
            package.declarations.append(
                Declaration(path, line_of(text, start), version, start, end, ".version")
            )
        if version in SEMANTIC_RELEASE_PLACEHOLDERS:
            # semantic-release's documented placeholders: it writes the version the tag
            # names at publish time, and the files never hold it
            package.dynamic = "vcs:semantic-release"
    package.private = data.get("private") is True
    manager = data.get("packageManager")
    if isinstance(manager, str) and manager:
        package.package_manager = manager.partition("@")[0]
    workspaces = data.get("workspaces")
    if isinstance(workspaces, dict):
        workspaces = workspaces.get("packages")
    if isinstance(workspaces, list):
        package.workspace_members = [w for w in workspaces if isinstance(w, str)]
    if requirements:
        package.requirements = dependency_maps(path, text, data, (), "")
    return package


def dependency_maps(
    path: str, text: str, entry: dict[str, Any], at: jsonfile.KeyPath, where: str
) -> list[Requirement]:
    """The requirements of the dependency maps of ``entry``, the object at ``at`` (a
    package.json, or a package's entry in package-lock.json, named ``where``)."""
    from releaselint.core.manifests import specifiers

    wanted: dict[jsonfile.KeyPath, tuple[str, str, str]] = {}
    for field, kind in MAPS.items():
        deps = entry.get(field)
        if not isinstance(deps, dict):
            continue
        for name, spec in deps.items():
            if isinstance(spec, str):
                keypath = (*at, field, name)
                wanted[keypath] = (name, spec, kind)
    spans = jsonfile.string_spans(text, wanted) if wanted else {}
    found = []
    for keypath, (name, spec, kind) in wanted.items():
        source: str | None = None
        prefix: int | None = 0
        if spec.startswith("workspace:"):
            source, prefix = "workspace", len("workspace:")
        elif spec.startswith(_PATH_PROTOCOLS) or spec.startswith(("./", "../", "/", "~/")):
            source, prefix = "path", None
        field = f"{where}{keypath[-2]}"
        found.append(
            specifiers.specifier(
                path, text, spans, keypath, name, spec, kind, field, source, None, prefix
            )
        )
    return found
