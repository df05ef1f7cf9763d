"""``pyproject.toml``: ``[project].version``, ``[tool.poetry].version`` and dynamic versions."""

from __future__ import annotations

from releaselint.core import toml
from releaselint.core.files import line_of
from releaselint.core.model import Declaration, Package

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

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


def read(path: str, text: str) -> tuple[Package, dict[str, Any]]:
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
        if span is not None and isinstance(value, str):
            start, end = span
            package.declarations.append(
                Declaration(path, line_of(text, start), value, start, end, field, pep440=True)
            )
    classifiers = project.get("classifiers") or []
    package.private = isinstance(classifiers, list) and "Private :: Do Not Upload" in classifiers
    dynamic = project.get("dynamic") or []
    if isinstance(dynamic, list) and "version" in dynamic:
        package.dynamic = _dynamic_source(data)
    elif toml.get(data, "tool", "poetry-dynamic-versioning", "enable") is True:
        package.dynamic = "vcs:poetry-dynamic-versioning"
    members = toml.get(data, "tool", "uv", "workspace", "members")
    if isinstance(members, list):
        package.workspace_members = [m for m in members if isinstance(m, str)]
    return package, data


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
