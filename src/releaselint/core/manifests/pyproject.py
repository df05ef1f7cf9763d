"""``pyproject.toml``: ``[project].version``, ``[tool.poetry].version``, dynamic versions and
the requirements (PEP 621, dependency groups, build system, Poetry, uv sources)."""

from __future__ import annotations

from releaselint.core import toml
from releaselint.core.errors import FatalError
from releaselint.core.files import line_of
from releaselint.core.model import Declaration, Package
from releaselint.core.pep508 import canonical_name

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from releaselint.core.model import Requirement

# build-system requirements and tool tables that take the version from git tags
_VCS_REQUIRES = {
    "hatch-vcs": "hatch-vcs",
    "setuptools-scm": "setuptools-scm",
    "setuptools_scm": "setuptools-scm",
    "uv-dynamic-versioning": "uv-dynamic-versioning",
    "versioningit": "versioningit",
    "poetry-dynamic-versioning": "poetry-dynamic-versioning",
    "dunamai": "dunamai",
}
_HATCH_VCS_SOURCES = {"vcs": "hatch-vcs", "uv-dynamic-versioning": "uv-dynamic-versioning"}


def read(path: str, text: str, *, requirements: bool = False) -> Package:
    data, spans = toml.load_with_spans(path, text)
    project = data.get("project")
    project = project if isinstance(project, dict) else {}
    poetry = toml.get(data, "tool", "poetry")
    poetry = poetry if isinstance(poetry, dict) else {}
    name = project.get("name") or poetry.get("name")
    package = Package(path, "python", name if isinstance(name, str) else None)
    for table, field in (
        (("project",), "[project].version"),
        (("tool", "poetry"), "[tool.poetry].version"),
    ):
        span = spans.get((*table, "version"))
        value = toml.get(data, *table, "version")
        if value is not None and not isinstance(value, str):
            line = toml.key_line(text, table, "version")
            raise FatalError(f"{path}:{line}: {field} is not a string")
        if span is None and isinstance(value, str):
            # a multi-line string ("""2.0.0"""): uv reads it, releaselint would not write it
            line = toml.key_line(text, table, "version")
            raise FatalError(
                f"{path}:{line}: {field} is a multi-line string; releaselint reads a version "
                "written on one line"
            )
        if span is not None and isinstance(value, str):
            start, end = span
            package.declarations.append(
                Declaration(path, line_of(text, start), value, start, end, field, pep440=True)
            )
    classifiers = project.get("classifiers") or []
    package.private = isinstance(classifiers, list) and "Private :: Do Not Upload" in classifiers
    if toml.get(data, "tool", "uv", "package") is False:
        package.virtual = "[tool.uv] package = false"
    elif "build-system" not in data:
        package.virtual = "no [build-system]"
    dynamic = project.get("dynamic") or []
    if isinstance(dynamic, list) and "version" in dynamic:
        package.dynamic = _dynamic_source(data)
        if package.dynamic == "cargo":
            # maturin reads the version of the crate it builds
            manifest_path = toml.get(data, "tool", "maturin", "manifest-path")
            package.version_from = manifest_path if isinstance(manifest_path, str) else None
    elif toml.get(data, "tool", "poetry-dynamic-versioning", "enable") is True:
        package.dynamic = "vcs:poetry-dynamic-versioning"
    members = toml.get(data, "tool", "uv", "workspace", "members")
    if isinstance(members, list):
        package.workspace_members = [m for m in members if isinstance(m, str)]
    package.version_hints = version_file_hints(data)
    if requirements:
        package.requirements = [
            *_pep621(path, text, data, spans),
            *_poetry(path, text, poetry, spans),
        ]
    return package


def _pep621(
    path: str, text: str, data: dict[str, Any], spans: dict[toml.KeyPath, tuple[int, int]]
) -> list[Requirement]:
    from releaselint.core.manifests import specifiers

    lists: list[tuple[toml.KeyPath, str, str, str | None]] = [
        (("project", "dependencies"), "normal", "[project].dependencies", None)
    ]
    extras = toml.get(data, "project", "optional-dependencies")
    for extra in extras if isinstance(extras, dict) else ():
        field = f"[project.optional-dependencies].{extra}"
        lists.append((("project", "optional-dependencies", extra), "optional", field, extra))
    groups = data.get("dependency-groups")
    for group in groups if isinstance(groups, dict) else ():
        lists.append((("dependency-groups", group), "group", f"[dependency-groups].{group}", group))
    found = []
    for keypath, kind, field, group in lists:
        values = toml.get(data, *(str(k) for k in keypath))
        for index, value in enumerate(values if isinstance(values, list) else ()):
            # `{include-group = "..."}` entries name other groups, not packages
            if isinstance(value, str):
                where = (*keypath, index)
                found.append(specifiers.pep508(path, text, spans, where, value, kind, field, group))
    sources = toml.get(data, "tool", "uv", "sources")
    if isinstance(sources, dict) and found:
        found = _with_uv_sources(found, sources)
    requires = toml.get(data, "build-system", "requires")
    for index, value in enumerate(requires if isinstance(requires, list) else ()):
        if isinstance(value, str):
            where = ("build-system", "requires", index)
            found.append(
                specifiers.pep508(
                    path, text, spans, where, value, "build", "[build-system].requires"
                )
            )
    return found


def _with_uv_sources(found: list[Requirement], sources: dict[str, Any]) -> list[Requirement]:
    """``[tool.uv.sources]`` takes named requirements from the workspace or a folder."""
    kinds: dict[str, str] = {}
    for name, source in sources.items():
        # a list of sources, each for some markers: any of them decides the kind
        for entry in source if isinstance(source, list) else [source]:
            if isinstance(entry, dict) and entry.get("workspace") is True:
                kinds[canonical_name(name)] = "workspace"
            elif isinstance(entry, dict) and isinstance(entry.get("path"), str):
                kinds.setdefault(canonical_name(name), "path")
    return [r._replace(source=kinds.get(canonical_name(r.name), r.source)) for r in found]


def _poetry(
    path: str, text: str, poetry: dict[str, Any], spans: dict[toml.KeyPath, tuple[int, int]]
) -> list[Requirement]:
    from releaselint.core.manifests import specifiers

    tables: list[tuple[tuple[str, ...], str, str | None]] = [
        (("dependencies",), "normal", None),
        (("dev-dependencies",), "dev", None),
    ]
    groups = poetry.get("group")
    for group in groups if isinstance(groups, dict) else ():
        tables.append((("group", group, "dependencies"), "group", group))
    found = []
    for table, kind, group in tables:
        deps = toml.get(poetry, *table)
        base = ("tool", "poetry", *table)
        field = f"[{'.'.join(base)}]"
        for name, spec in deps.items() if isinstance(deps, dict) else ():
            if name == "python":  # the interpreter, not a package
                continue
            if isinstance(spec, str):
                found.append(
                    specifiers.specifier(
                        path, text, spans, (*base, name), name, spec, kind, field, None, group
                    )
                )
                continue
            # one table, or a list of them for different markers
            entries = spec if isinstance(spec, list) else [spec]
            for index, entry in enumerate(entries):
                if not isinstance(entry, dict):
                    continue
                keypath = (*base, name, index) if isinstance(spec, list) else (*base, name)
                this_kind = "optional" if entry.get("optional") is True else kind
                source = "path" if isinstance(entry.get("path"), str) else None
                found.append(
                    specifiers.specifier(
                        path,
                        text,
                        spans,
                        (*keypath, "version"),
                        name,
                        entry.get("version"),
                        this_kind,
                        field,
                        source,
                        group,
                    )
                )
    return found


def _dynamic_source(data: dict[str, Any]) -> str | None:
    hatch_source = toml.get(data, "tool", "hatch", "version", "source")
    if isinstance(hatch_source, str) and hatch_source in _HATCH_VCS_SOURCES:
        return f"vcs:{_HATCH_VCS_SOURCES[hatch_source]}"
    for tool in ("setuptools_scm", "setuptools-scm", "uv-dynamic-versioning", "versioningit"):
        if toml.get(data, "tool", tool) is not None:
            return f"vcs:{tool.replace('_', '-')}"
    if toml.get(data, "tool", "pdm", "version", "source") == "scm":
        return "vcs:pdm-backend"
    backend = toml.get(data, "build-system", "build-backend")
    if backend == "maturin":
        return "cargo"
    if isinstance(hatch_source, str) or toml.get(data, "tool", "hatch", "version", "path"):
        return "file"
    if toml.get(data, "tool", "setuptools", "dynamic", "version") is not None:
        return "file"
    requires = toml.get(data, "build-system", "requires") or []
    for requirement in requires if isinstance(requires, list) else []:
        if not isinstance(requirement, str):
            continue
        bare = requirement.split(";")[0].strip().lower()
        for name, tool in _VCS_REQUIRES.items():
            if bare.startswith(name) and not bare[len(name) :][:1].isalnum():
                return f"vcs:{tool}"
    return None


def version_file_hints(data: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Where a Python package's version file may be: (exact paths, module names).

    Exact paths come from ``[tool.hatch.version].path``; module names from setuptools'
    ``version = {attr = "pkg.__version__"}`` and from the distribution name.
    """
    paths = []
    hatch_path = toml.get(data, "tool", "hatch", "version", "path")
    if isinstance(hatch_path, str):
        paths.append(hatch_path)
    modules = []
    attr = toml.get(data, "tool", "setuptools", "dynamic", "version", "attr")
    if isinstance(attr, str) and "." in attr:
        modules.append(attr.rsplit(".", 1)[0])
    name = toml.get(data, "project", "name") or toml.get(data, "tool", "poetry", "name")
    if isinstance(name, str):
        modules.append(name.lower().replace("-", "_").replace(".", "_"))
    return paths, modules
