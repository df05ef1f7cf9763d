"""The Release Please reader's edges: malformed configs, plugins, names, changelog sections,
version files and the values release-please would set."""

from __future__ import annotations

import json
from typing import Any

import pytest

from releaselint.core import release_please as rp
from releaselint.core.errors import FatalError


def package(settings: dict[str, Any]) -> rp.Package:
    return rp.parse(json.dumps({"packages": {".": settings}}), None).packages[0]


def test_schema_errors_of_extra_files() -> None:
    config = {"packages": {".": {"extra-files": [3, {"type": "json"}, "VERSION"]}}}
    assert rp.schema_errors(config) == [
        "packages...extra-files[0]: expected a path or a table, got 3",
        "packages...extra-files[1]: needs 'type' and 'path'",
    ]


@pytest.mark.parametrize(
    ("config", "manifest", "error"),
    [
        ("[1]", None, "release-please-config.json:1: the top level is not an object"),
        ('{"packages": 1}', None, "release-please-config.json:1: 'packages' is not an object"),
        ('{\n  "packages": []\n}', None, "release-please-config.json:2: 'packages' is not an object"),
        ('{"packages": {}}', "[1]", ".release-please-manifest.json:1: the top level is not an object"),
    ],
)  # fmt: skip
def test_a_malformed_config_is_a_located_error(
    config: str, manifest: str | None, error: str
) -> None:
    with pytest.raises(FatalError) as raised:
        rp.parse(config, manifest)
    assert str(raised.value) == error


def test_packages_and_linked_groups_skip_what_is_not_an_object() -> None:
    config = rp.parse(
        json.dumps(
            {
                "packages": {".": {}, "x": 1},
                "plugins": [
                    "node-workspace",
                    {"type": "sentence-case"},
                    {"type": "linked-versions", "groupName": "g", "components": ["a", 2, "b"]},
                    {"type": "linked-versions", "components": "a"},
                ],
            }
        ),
        None,
    )
    assert [p.path for p in config.packages] == ["."]
    assert config.linked_groups == [("g", ["a", "b"]), ("", [])]


def test_package_names_of_unreadable_files_are_none() -> None:
    texts: dict[str, str | None] = {
        "a/Cargo.toml": "[package\n",
        "b/package.json": "{",
        "c/Chart.yaml": "name: chart\n",
        "d/Chart.yaml": "x: 1\n",
        "e/package.json": None,
        "f/package.json": '{"name": 1}',
    }
    assert rp.package_names(texts) == {
        "a/Cargo.toml": None,
        "b/package.json": None,
        "c/Chart.yaml": "chart",
        "d/Chart.yaml": None,
        "e/package.json": None,
        "f/package.json": None,
    }


@pytest.mark.parametrize(
    ("message", "proposes"),
    [("feat: a", True), ("chore: b", False), ("docs(x): c", False), ("fix: d", False),
     ("chore!: e", True), ("FEAT: f", True)],
)  # fmt: skip
def test_configured_changelog_sections_decide_what_releases(message: str, proposes: bool) -> None:
    sections = [
        {"type": "feat", "section": "Features"},
        {"type": "chore", "hidden": True},
        {"type": "docs", "scope": "x"},  # a section for one scope: not the type's own
        "not a section",
    ]
    pkg = package({"changelog-sections": sections})
    assert rp.proposes_release(pkg, rp.changes(message)) is proposes


def test_a_version_release_please_cannot_parse() -> None:
    with pytest.raises(FatalError) as raised:
        rp.RPVersion.parse("nope")
    assert str(raised.value) == "unable to parse version string: 'nope'"


def test_version_files_of_a_simple_package_with_a_glob() -> None:
    settings = {
        "release-type": "simple",
        "version-file": "VERSION.txt",
        "extra-files": [{"type": "json", "path": "*.json", "glob": True, "jsonpath": "$.version"}],
    }
    pkg = rp.parse(json.dumps({"packages": {"pkg": settings}}), None).packages[0]
    listed = ["pkg/VERSION.txt", "pkg/version.txt", "pkg/a.json", "b.json"]
    assert rp.version_files(pkg, listed, None) == ["pkg/VERSION.txt", "pkg/a.json"]
    extra = rp.extra_file(pkg, "pkg/a.json")
    assert extra is not None
    assert (extra.kind, extra.selector) == ("json", "$.version")
    assert rp.extra_file(pkg, "b.json") is None


SHRINKWRAP = json.dumps(
    {
        "name": "x",
        "version": "1.2.3",
        "lockfileVersion": 3,
        "packages": {"": {"name": "x", "version": "1.2.3"}},
    },
    indent=2,
)


@pytest.mark.parametrize(
    ("path", "text", "extra", "values"),
    [
        ("npm-shrinkwrap.json", SHRINKWRAP, None, [("1.2.3", 3), ("1.2.3", 8)]),
        ("a.json", '{"version": "1"}', {"type": "json", "path": "a.json", "jsonpath": "$..version"}, []),
        ("a.yaml", "version: [", {"type": "yaml", "path": "a.yaml", "jsonpath": "$.version"}, []),
        ("a.yaml", "version: 1.2.3\n", {"type": "yaml", "path": "a.yaml", "jsonpath": "$.version"}, [("1.2.3", 1)]),
    ],
)  # fmt: skip
def test_version_values(
    path: str, text: str, extra: dict[str, Any] | None, values: list[tuple[str, int]]
) -> None:
    entry = rp.ExtraFile(extra, "") if extra is not None else None
    assert rp.version_values(path, text, entry) == values
