"""Configuration validation: one schema check for every table, tag formats, paths."""

from __future__ import annotations

import subprocess

import pytest

from releaselint.core.config import (
    EXTRA_FILE_KEYS,
    GROUP_KEYS,
    TOP_KEYS,
    path_problem,
    ref_name_problem,
    table_errors,
    tag_format_problem,
)


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("v1.0.0", None),
        ("corelib-v1.0.0", None),
        ("releases/v1.0.0+build.5", None),
        ("@scope/pkg@1.0.0", None),
        ("", "it is empty"),
        ("-u1.0.0", "it begins with '-'"),
        ("@", "it is '@'"),
        ("v1..0", "it contains '..'"),
        ("v@{1}", "it contains '@{'"),
        ("a//b", "it contains '//'"),
        ("v 1", "it contains ' '"),
        ("v~1", "it contains '~'"),
        ("v^1", "it contains '^'"),
        ("v:1", "it contains ':'"),
        ("v?1", "it contains '?'"),
        ("v*1", "it contains '*'"),
        ("v[1", "it contains '['"),
        ("v\\1", "it contains '\\\\'"),
        ("v\x7f1", "it contains '\\x7f'"),
        ("v\n1", "it contains '\\n'"),
        ("/v1", "it begins or ends with '/'"),
        ("v1/", "it begins or ends with '/'"),
        ("v1.", "it ends with '.'"),
        ("a/.b", "a part begins with '.' ('.b')"),
        (".v1", "a part begins with '.' ('.v1')"),
        ("v1.lock", "a part ends with '.lock' ('v1.lock')"),
        ("a.lock/b", "a part ends with '.lock' ('a.lock')"),
    ],
)
def test_ref_name_problem(name: str, problem: str | None) -> None:
    assert ref_name_problem(name) == problem


@pytest.mark.parametrize(
    "name",
    ["v1.0.0", "-u1", "a..b", "v 1", "v1.lock", "a/.b", "v1.", "a//b", "v@{1}", "v\\1"],
)
def test_ref_name_problem_agrees_with_git(name: str) -> None:
    """git check-ref-format, plus a leading '-' (git would read an option). Stricter than
    git in one case: a tag named '@' (it would be read as HEAD in revision syntax)."""
    proc = subprocess.run(
        ("git", "check-ref-format", f"refs/tags/{name}"), capture_output=True, check=False
    )
    git_accepts = proc.returncode == 0 and not name.startswith("-")
    assert (ref_name_problem(name) is None) is git_accepts


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("v{version}", None),
        ("{component}-v{version}", None),
        ("{name}@{version}", None),
        ("{version}-{version}", "'{version}-{version}' must hold {version} exactly once"),
        ("release", "'release' must hold {version} exactly once"),
        ("{component}", "'{component}' must hold {version} exactly once"),
        (
            "{Version}",
            "'{Version}' has the unknown placeholder {Version} (known: {version}, {name}, "
            "{component})",
        ),
        ("-u{version}", "'-u{version}' does not make a valid tag name: it begins with '-'"),
        (
            "{component} v{version}",
            "'{component} v{version}' does not make a valid tag name: it contains ' '",
        ),
    ],
)
def test_tag_format_problem(template: str, problem: str | None) -> None:
    assert tag_format_problem(template) == problem


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("README.md", None),
        ("docs/../README.md", None),
        ("a/.github/x", None),
        ("../x", "'../x' is outside the repository"),
        ("/etc/passwd", "'/etc/passwd' is outside the repository"),
        ("a/../../x", "'a/../../x' is outside the repository"),
        (".git/config", "'.git/config' is inside the git directory"),
        ("x/.Git/HEAD", "'x/.Git/HEAD' is inside the git directory"),
        (".git. /config", "'.git. /config' is inside the git directory"),
        ("", "'' is not a file path"),
        ("a\0b", "'a\\x00b' is not a file path"),
    ],
)
def test_path_problem(path: str, problem: str | None) -> None:
    assert path_problem(path) == problem


def test_table_errors_lists_every_error_of_a_table() -> None:
    errors = table_errors(
        {
            "colour": 1,
            "placeholders": ["0.0.0-dev", 3],
            "tag-format": "{version}{version}",
            "version-scheme": "git",
            "tag-must-increase": "yes",
            "ignore": ["a"],
        },
        TOP_KEYS,
        "[tool.releaselint]",
    )
    known = ", ".join(sorted(TOP_KEYS))
    assert errors == [
        f"[tool.releaselint].colour: unknown key (known keys: {known})",
        "[tool.releaselint].placeholders: expected an array of versions, got ['0.0.0-dev', 3]",
        "[tool.releaselint].tag-format: '{version}{version}' must hold {version} exactly once",
        "[tool.releaselint].version-scheme: expected 'auto', 'static' or 'vcs', got 'git'",
        "[tool.releaselint].tag-must-increase: expected a boolean, got 'yes'",
    ]


@pytest.mark.parametrize(
    ("schema", "table", "error"),
    [
        (GROUP_KEYS, {"members": ["a", 1]}, "g.members: expected an array of strings, got"),
        (GROUP_KEYS, {"tag-format": "x"}, "g.tag-format: 'x' must hold {version} exactly once"),
        (EXTRA_FILE_KEYS, {"pattern": "("}, "g.pattern: invalid regex '(': missing ),"),
        (EXTRA_FILE_KEYS, {"path": ".git/x"}, "g.path: '.git/x' is inside the git directory"),
    ],
)
def test_every_table_goes_through_one_check(
    schema: dict[str, object], table: dict[str, object], error: str
) -> None:
    errors = table_errors(table, schema, "g")  # type: ignore[arg-type]
    assert len(errors) == 1
    assert errors[0].startswith(error)
