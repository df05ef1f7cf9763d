"""Reader edges: deno.json's shapes, package-lock.json entries that are not the
repository's own, and the line scanner the TOML lockfile scans stand on."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from releaselint.core.errors import FatalError
from releaselint.core.lockfiles import package_lock
from releaselint.core.lockfiles.lines import toml_lines
from releaselint.core.manifests import deno, package_json


@pytest.mark.parametrize(
    ("text", "name", "private", "declarations", "members"),
    [
        ('{"name": "@x/y", "version": "1.0.0", "workspace": {"members": ["a", 1]}}',
         "@x/y", False, [(1, "1.0.0", ".version")], ["a"]),
        # no name: not published to JSR; a version that is no string declares nothing
        ('{"version": 1, "workspace": ["./a"]}', None, True, [], ["./a"]),
        ('{\n  // deno.json may hold comments\n  "name": "x", "version": "1.2.3"\n}',
         "x", False, [(3, "1.2.3", ".version")], []),
    ],
)  # fmt: skip
def test_deno(
    text: str,
    name: str | None,
    private: bool,
    declarations: list[tuple[int, str, str]],
    members: list[str],
) -> None:
    package = deno.read("deno.json", text)
    assert (package.name, package.private) == (name, private)
    assert [(d.line, d.value, d.field) for d in package.declarations] == declarations
    assert package.workspace_members == members


@pytest.mark.parametrize(
    ("read", "path", "error"),
    [
        (deno.read, "deno.json", "deno.json:1: invalid deno.json: the top level is not an object"),
        (package_lock.read, "package-lock.json",
         "package-lock.json:1: invalid lockfile: the top level is not an object"),
    ],
)  # fmt: skip
def test_a_top_level_that_is_no_object(
    read: Callable[[str, str], object], path: str, error: str
) -> None:
    with pytest.raises(FatalError) as raised:
        read(path, "[1]")
    assert str(raised.value) == error


def test_package_lock_keeps_the_repositorys_own_entries() -> None:
    text = (
        '{"lockfileVersion": 3, "version": "1.0.0", "packages": '
        '{"": {"version": "1.0.0"}, "a": 3, "node_modules/x": {"version": "9"}}}'
    )
    (own,) = package_lock.read("package-lock.json", text)
    assert own.folder == ""
    assert [(d.value, d.field) for d in own.declarations] == [
        ("1.0.0", ".version"),
        ("1.0.0", 'packages[""].version'),
    ]


def item(line: str) -> bool:
    return line.startswith("  ") and line.endswith(",")


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("a = 1\nb = [\n  1,\n]\n", [(0, "a = 1"), (6, "b = [")]),
        ("a = 1\r\n# c\n\nb = 2\r\n", [(0, "a = 1"), (12, "b = 2")]),
        ("a = 1\x00", [None]),  # a control character TOML allows nowhere
        ("a = 1\rb", [None]),  # a CR that ends no CRLF
        ("b = [\n  x\n]\n", [(0, "b = ["), None]),  # an item the scan refuses
        ("b = [\n  1,\n", [(0, "b = ["), None]),  # an array never closed
    ],
)
def test_toml_lines(text: str, lines: list[tuple[int, str] | None]) -> None:
    assert list(toml_lines(text, item)) == lines


def test_package_json_with_yarns_workspaces_table() -> None:
    text = (
        '{"name": "x", "workspaces": {"packages": ["a/*", 3]}, '
        '"dependencies": {"y": {"version": "1"}, "z": "^1.0.0"}}'
    )
    package = package_json.read("package.json", text, requirements=True)
    assert package.workspace_members == ["a/*"]
    assert [(r.name, r.text, r.kind) for r in package.requirements] == [("z", "^1.0.0", "normal")]
    assert package.declarations == []
