"""The Release Please reader and rules, against release-please's own code (the oracle
table scripts/release_please_oracle.py writes) and through tables of their own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from releaselint.core import release_please as rp
from releaselint.core.errors import FatalError

ORACLE = Path(__file__).resolve().parent.parent / "data" / "release_please_oracle.jsonl"
_LINES = ORACLE.read_text().splitlines()
ORACLE_VERSION = json.loads(_LINES[0])["release-please"]
ROWS = [json.loads(line) for line in _LINES[1:]]


def package_of(row: dict[str, Any]) -> rp.Package:
    text = json.dumps(
        {"release-type": row["release-type"], "packages": {row["path"]: row["config"]}}
    )
    config = rp.parse(text, None)
    config.resolve_components(rp.package_names(row["files"]))
    return config.packages[0]


def answer(row: dict[str, Any]) -> dict[str, Any]:
    """releaselint's answer to one oracle row, in the oracle's shape."""
    package = package_of(row)
    if package.requires_name_file and package.name_file not in row["files"]:
        return {"error": f"missing {package.name_file}"}
    kept = [i for i, c in enumerate(row["commits"]) if rp.keeps(c["files"], package, row["paths"])]
    changes = [c for i in kept for c in rp.changes(row["commits"][i]["message"])]
    version: str | None
    try:
        version = rp.next_version(package, row["latest"], changes)
    except FatalError as e:
        version = f"error: {e}"
    release = rp.proposes_release(package, changes) if not version.startswith("error") else False
    return {"component": package.component, "tag": package.tag_name("1.2.3"), "kept": kept,
            "version": version, "release": release, "error": None}  # fmt: skip


def expected(row: dict[str, Any]) -> dict[str, Any]:
    want = dict(row["expected"])
    if want.get("error") and "Missing required file" in want["error"]:
        package = package_of(row)
        return {"error": f"missing {package.name_file}"}
    if want.get("error"):
        want["version"] = f"error: {want['error']}"
        want["error"] = None
    return want


def test_the_table_is_large() -> None:
    assert len(ROWS) >= 500
    assert ORACLE_VERSION.startswith("17.")


def test_agrees_with_release_please_on_every_row() -> None:
    # one test for the whole table: a row each would spend the suite's time on fixtures
    differences = {r["id"]: (answer(r), expected(r)) for r in ROWS if answer(r) != expected(r)}
    assert differences == {}


# -------------------------------------------------------------------------------- tables
def config_of(packages: dict[str, Any], **top: Any) -> rp.Config:
    return rp.parse(json.dumps({**top, "packages": packages}), None)


@pytest.mark.parametrize(
    ("release_type", "settings", "name", "component", "tag"),
    [
        ("node", {}, "@acme/core", "core", "core-v1.2.3"),
        ("node", {}, "core", "core", "core-v1.2.3"),
        ("node", {}, "@a.b/x", "@a.b/x", "@a.b/x-v1.2.3"),  # the scope regex is [\w-]+
        ("node", {"component": "@acme/core"}, "x", "@acme/core", "@acme/core-v1.2.3"),
        ("node", {"package-name": "@acme/pkg"}, "x", "pkg", "pkg-v1.2.3"),
        ("node", {"include-component-in-tag": False}, "core", "", "v1.2.3"),
        ("node", {"include-v-in-tag": False, "tag-separator": "/"}, "core", "core", "core/1.2.3"),
        ("python", {}, "tool", "", "v1.2.3"),  # python reads no name for its component
        ("python", {"package-name": "tool"}, None, "tool", "tool-v1.2.3"),
        ("rust", {}, "engine", "engine", "engine-v1.2.3"),
        ("simple", {"component": "site"}, None, "site", "site-v1.2.3"),
    ],
)
def test_components_and_tags(
    release_type: str, settings: dict[str, Any], name: str | None, component: str, tag: str
) -> None:
    config = config_of({".": {"release-type": release_type, **settings}})
    package = config.packages[0]
    config.resolve_components({package.name_file: name} if package.name_file else {})
    assert (package.component, package.tag_name("1.2.3")) == (component, tag)
    assert package.version_of_tag(tag) == "1.2.3"
    assert package.version_of_tag(tag.replace("1.2.3", "1.2")) is None


@pytest.mark.parametrize(
    ("files", "path", "paths", "exclude", "kept"),
    [
        (["packages/a/x.js"], "packages/a", ["packages/a", "packages/b"], [], True),
        (["packages/b/x.js"], "packages/a", ["packages/a", "packages/b"], [], False),
        # the longest package path takes a file
        (["packages/a/sub/x.js"], "packages/a", ["packages/a", "packages/a/sub"], [], False),
        (["packages/a/sub/x.js"], "packages/a/sub", ["packages/a", "packages/a/sub"], [], True),
        (["README.md"], "packages/a", ["packages/a"], [], False),
        ([], "packages/a", ["packages/a"], [], True),  # an empty commit goes everywhere
        (["README.md"], ".", [".", "packages/a"], [], True),
        (["packages/a/docs/x.md"], "packages/a", ["packages/a"], ["packages/a/docs"], False),
        (["packages/a/docs/x.md", "packages/a/y.js"], "packages/a", ["packages/a"],
         ["packages/a/docs"], True),
        ([], ".", ["."], ["docs"], False),
        (["packages/ab/x.js"], "packages/a", ["packages/a", "packages/ab"], [], False),
    ],
)  # fmt: skip
def test_keeps(
    files: list[str], path: str, paths: list[str], exclude: list[str], kept: bool
) -> None:
    package = config_of({path: {"exclude-paths": exclude}}).packages[0]
    assert rp.keeps(files, package, paths) is kept


@pytest.mark.parametrize(
    ("branch", "expected"),
    [
        ("release-please--branches--main", True),
        ("release-please--branches--main--components--api", True),
        ("release-please--branches--release/1.x--groups--sdk", True),
        ("release-please--branches--", False),
        ("release-please/branches/main", False),
        ("main", False),
        (None, False),
    ],
)
def test_is_release_branch(branch: str | None, expected: bool) -> None:
    assert rp.is_release_branch(branch) is expected


@pytest.mark.parametrize(
    ("title", "pattern", "expected"),
    [
        ("chore(main): release 1.2.3", None, True),
        ("chore(main): release api 1.2.3", None, True),
        ("chore(main): release @acme/api v1.2.3", None, True),
        ("chore: release main", None, True),
        ("chore(main): release 1.2.3 (#42)", None, True),
        ("chore(main): release", None, False),
        ("feat(main): release 1.2.3", None, False),
        ("chore(main): release the kraken", None, False),
        ("release: 1.2.3", "release${scope}: ${version}", True),
        ("chore(main): release 1.2.3", "release${scope}: ${version}", False),
    ],
)
def test_release_titles(title: str, pattern: str | None, expected: bool) -> None:
    settings = {"pull-request-title-pattern": pattern} if pattern else {}
    config = config_of({".": settings})
    if pattern:
        config.group_title_pattern = pattern
    assert any(p.fullmatch(title) for p in rp.title_patterns(config)) is expected


@pytest.mark.parametrize(
    ("selector", "keys"),
    [
        ("$.version", ["version"]),
        ("$.expo.version", ["expo", "version"]),
        ("$.packages[0].version", ["packages", 0, "version"]),
        ("$['odd key'].v", ["odd key", "v"]),
        ("$..version", None),
        ("$.packages[*].version", None),
        ("version", None),
    ],
)
def test_parse_jsonpath(selector: str, keys: list[str | int] | None) -> None:
    assert rp.parse_jsonpath(selector) == keys


@pytest.mark.parametrize(
    ("path", "text", "values"),
    [
        ("package.json", '{\n  "name": "x",\n  "version": "1.2.3"\n}\n', [("1.2.3", 3)]),
        ("setup.cfg", "[metadata]\nname = x\nversion = 1.2.3\n", [("1.2.3", 3)]),
        ("setup.py", 'setup(\n    name="x",\n    version="1.2.3",\n)\n', [("1.2.3", 3)]),
        ("setup.py", 'setup(python_version="3.8", version="1.2.3")\n', [("1.2.3", 1)]),
        ("Chart.yaml", "apiVersion: v2\nversion: 1.2.3\nappVersion: 9.9.9\n", [("1.2.3", 2)]),
        ("version.txt", "1.2.3\n", [("1.2.3", 1)]),
        ("x/__init__.py", '"""Doc."""\n__version__ = "1.2.3"\n', [("1.2.3", 2)]),
        ("x/version.py", 'VERSION = "1.2.3"\n__version__ = "1.2.4"\n', [("1.2.4", 2)]),
        ("package.json", "{not json", []),
    ],
)
def test_version_values(path: str, text: str, values: list[tuple[str, int]]) -> None:
    assert rp.version_values(path, text, None) == values


def test_marked_lines() -> None:
    text = (
        "a 1.0.0 # x-release-please-version\n"
        "b\n"
        "# x-release-please-start-version\n"
        "c 1.0.0\n"
        "d 1.0.0\n"
        "# x-release-please-end\n"
        "e 1.0.0\n"
    )
    assert rp.marked_lines(text) == [
        ("a 1.0.0 # x-release-please-version", 1),
        ("c 1.0.0", 4),
        ("d 1.0.0", 5),
    ]


@pytest.mark.parametrize(
    ("config", "error"),
    [
        ({"packages": {".": {}}}, None),
        ({"packages": {".": {"component": "x", "package-name": "y",
                             "include-commit-authors": True}}}, None),
        ({"packages": {}, "$schema": "x", "plugins": [], "bootstrap-sha": "abc"}, None),
        ({"packages": {".": {"bootstrap-sha": "abc"}}},
         "release-please-config.json: packages...bootstrap-sha: unknown key"),
        ({"packages": {}, "bump-minor-pre-mayor": True},
         "release-please-config.json: bump-minor-pre-mayor: unknown key; did you mean "
         "'bump-minor-pre-major'?"),
        ({"packages": {".": {"include-v-in-tag": "no"}}},
         "release-please-config.json: packages...include-v-in-tag: expected a boolean, got 'no'"),
        ({"packages": {".": {"exclude-paths": ["a", 1]}}},
         "release-please-config.json: packages...exclude-paths: expected an array of strings, "
         "got ['a', 1]"),
        ({"packages": {".": {"extra-files": [{"type": "json", "path": "a", "jsonpth": "$"}]}}},
         "release-please-config.json: packages...extra-files[0].jsonpth: unknown key; did you "
         "mean 'jsonpath'?"),
        ({"packages": {".": {"extra-files": [{"type": "ini", "path": "a"}]}}},
         "release-please-config.json: packages...extra-files[0].type: expected 'json', 'toml', "
         "'yaml', 'xml', 'pom' or 'generic', got 'ini'"),
        ({"packages": {".": {"extra-files": [{"path": "a"}]}}},
         "release-please-config.json: packages...extra-files[0]: needs 'type' and 'path'"),
        ({"packages": {".": []}}, "release-please-config.json: packages..: expected a table, got []"),
    ],
)  # fmt: skip
def test_validate(config: dict[str, Any], error: str | None) -> None:
    if error is None:
        rp.validate(config)
    else:
        with pytest.raises(FatalError) as raised:
            rp.validate(config)
        assert str(raised.value) == error


def test_the_schema_is_release_pleases_own() -> None:
    """Every key of release-please's schemas/config.json is known, when the oracle's
    package is installed (scripts/release_please_oracle.py says where)."""
    import os

    schema_path = Path(os.environ.get("RELEASE_PLEASE_DIR", "/tmp/rp-oracle")) / (
        "node_modules/release-please/schemas/config.json"
    )
    if not schema_path.is_file():
        pytest.skip("release-please is not installed for the oracle")
    schema = json.loads(schema_path.read_text())
    package_keys = set(schema["definitions"]["ReleaserConfigOptions"]["properties"])
    top_keys = {k for k, v in schema["properties"].items() if v is not False}
    assert package_keys | {"component", "package-name", "include-commit-authors"} == set(
        rp.PACKAGE_KEYS
    )
    assert top_keys <= set(rp.TOP_KEYS)


@pytest.mark.parametrize(
    ("message", "types"),
    [
        ("feat: x", [("feat", False, None)]),
        ("feat!: x", [("feat", True, None)]),
        ("fix: x\n\nBREAKING CHANGE: y", [("fix", True, None)]),
        ("fix: x\n\nRelease-As: 2.0.0", [("fix", False, "2.0.0")]),
        ("fix: x\n\nbody\nfeat(a)!: y", [("feat", True, None), ("fix", False, None)]),
        ("chore: a\n\nfeat: b", [("chore", False, None), ("feat", False, None)]),
        ("feat(): x", []),
        ("not conventional", []),
    ],
)
def test_changes(message: str, types: list[tuple[str, bool, str | None]]) -> None:
    assert [(c.type, c.breaking, c.release_as) for c in rp.changes(message)] == types


FOLDER_PARTS = st.sampled_from(["a", "b", "a/b", "c/d/e", "x"])


@settings(max_examples=300, derandomize=True)
@example(paths=["a", "/a/b/", "."], files=["a/b/c", "a/x", "f.txt", "x/a/b"])
@given(
    paths=st.lists(st.one_of(st.just("."), FOLDER_PARTS, FOLDER_PARTS.map(lambda p: f"/{p}/")), max_size=5),
    files=st.lists(st.builds("/".join, st.lists(st.sampled_from(["a", "b", "c", "d", "e", "x", "f.txt"]), min_size=1, max_size=4)), max_size=6),
)  # fmt: skip
def test_owners_are_the_longest_package_path(paths: list[str], files: list[str]) -> None:
    """``Owners`` (each file's folders looked up) gives each file the longest package path
    that holds it, as CommitSplit does by comparing every path."""
    folders = sorted((rp._normalize(p) for p in paths if p != rp.ROOT), key=len, reverse=True)
    expected = {next((f for f in folders if file.startswith(f"{f}/")), None)
                for file in files if "/" in file}  # fmt: skip
    owners = rp.Owners(paths)
    assert owners.of(files) == expected
    assert owners.of(files) == expected  # the second answer from the first
