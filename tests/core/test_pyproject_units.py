"""pyproject.toml: where a dynamic version comes from, workspace members, the files that
may hold the version, and requirements whose entries are not all strings or tables."""

from __future__ import annotations

import pytest

from releaselint.core.manifests import pyproject

DYNAMIC = '[project]\nname = "x"\ndynamic = ["version"]\n'


@pytest.mark.parametrize(
    ("text", "dynamic", "members", "hints"),
    [
        ('[tool.poetry]\nname = "x"\nversion = "0.0.0"\n[tool.poetry-dynamic-versioning]\nenable = true\n',
         "vcs:poetry-dynamic-versioning", [], ([], ["x"])),
        ('[project]\nname = "x"\nversion = "1.0.0"\n[tool.uv.workspace]\nmembers = ["a", 1]\n',
         None, ["a"], ([], ["x"])),
        (DYNAMIC + '[tool.setuptools.dynamic]\nversion = {attr = "pkg.about.__version__"}\n',
         "file", [], ([], ["pkg.about", "x"])),
        (DYNAMIC + "[build-system]\nrequires = [1, \"setuptools_scm>=8; python_version>'3'\"]\n",
         "vcs:setuptools-scm", [], ([], ["x"])),
    ],
)  # fmt: skip
def test_where_the_version_comes_from(
    text: str, dynamic: str | None, members: list[str], hints: tuple[list[str], list[str]]
) -> None:
    package = pyproject.read("pyproject.toml", text)
    assert (package.dynamic, package.workspace_members, package.version_hints) == (
        dynamic,
        members,
        hints,
    )


@pytest.mark.parametrize(
    ("text", "requirements"),
    [
        ('[project]\nname = "x"\nversion = "1.0.0"\n[build-system]\nrequires = [1, "setuptools"]\n',
         [("setuptools", "setuptools", "build", None)]),
        ('[project]\nname = "x"\nversion = "1.0.0"\ndependencies = ["a==1"]\n[tool.uv.sources]\na = [1, {path = "../a"}]\n',
         [("a", "a==1", "normal", "path")]),
    ],
)  # fmt: skip
def test_requirements_skip_entries_of_other_types(
    text: str, requirements: list[tuple[str, str, str, str | None]]
) -> None:
    package = pyproject.read("pyproject.toml", text, requirements=True)
    assert [(r.name, r.text, r.kind, r.source) for r in package.requirements] == requirements
