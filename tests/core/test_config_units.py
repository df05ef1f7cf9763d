"""The configuration's validation, table by table, and where it is read from."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from releaselint.core import config as config_module
from releaselint.core.config import load, validate
from releaselint.core.errors import FatalError


@pytest.mark.parametrize(
    ("table", "error"),
    [
        ({"groups": {"a": 1}}, "groups.a: expected a table, got 1"),
        ({"groups": {"a": {"members": ["x"], "bogus": 1}}}, "groups.a.bogus: unknown key (known keys: members, source, tag-format, version-scheme)"),
        ({"groups": {"a b": {"tag-format": "{component}-v{version}"}}}, "groups.a b: the group's tags ({component}-v{version}) would not be valid tag names: it contains ' '"),
        ({"tag-format": "{name}@{version}", "groups": {"x..y": {}}}, "groups.x..y: the group's tags ({name}@{version}) would not be valid tag names: it contains '..'"),
        ({"extra-files": [1]}, "extra-files[0]: expected a table, got 1"),
        ({"extra-files": [{"path": "x"}]}, "extra-files[0]: missing key 'pattern'"),
        ({"extra-files": [{"pattern": "v(?P<version>.*)"}]}, "extra-files[0]: missing key 'path'"),
        ({"extra-files": [{"path": "x", "pattern": "v(.*)"}]}, "extra-files[0].pattern: regex 'v(.*)' has no named group 'version'"),
        ({"extra-files": [{"path": "../x", "pattern": "v(?P<version>.*)"}]}, "extra-files[0].path: '../x' is outside the repository"),
    ],
)  # fmt: skip
@pytest.mark.parametrize(
    ("path", "prefix"), [("pyproject.toml", "[tool.releaselint]"), ("releaselint.toml", "")]
)
def test_validate_locates_each_error(
    table: dict[str, Any], error: str, path: str, prefix: str
) -> None:
    with pytest.raises(FatalError) as raised:
        validate(table, path, prefix)
    where = f"{prefix}." if prefix else ""
    assert str(raised.value) == f"{path}: {where}{error}"


@pytest.mark.parametrize(
    ("files", "source", "tag_format"),
    [
        ({}, None, "v{version}"),
        ({"pyproject.toml": "[project]\nname = 'x'\n"}, None, "v{version}"),
        # names releaselint, but not as the table: the next place is read
        ({"pyproject.toml": "[project]\nname = 'releaselint'\n", "releaselint.toml": "tag-format = 'r{version}'\n"},
         "releaselint.toml", "r{version}"),
        ({"pyproject.toml": "[tool.releaselint]\ntag-format = 'p{version}'\n", "releaselint.toml": "tag-format = 'r{version}'\n"},
         "pyproject.toml", "p{version}"),
    ],
)  # fmt: skip
def test_load_reads_the_first_place_that_holds_the_table(
    tmp_path: Path, files: dict[str, str], source: str | None, tag_format: str
) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    config = load(str(tmp_path))
    assert (config.source, config.tag_format, config.tag_format_configured) == (
        source,
        tag_format,
        source is not None,
    )


def test_a_bad_table_in_releaselint_toml_is_refused(tmp_path: Path) -> None:
    (tmp_path / "releaselint.toml").write_text("tag-version = 'calver'\n")
    with pytest.raises(FatalError) as raised:
        load(str(tmp_path))
    assert str(raised.value) == (
        "releaselint.toml: tag-version: expected 'semver' or 'pep440', got 'calver'"
    )


_MAY_HOLD_CONFIG = re.compile(r"""releaselint["']?[ \t]*[.=\]]|\\[uUx]""")


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(
    st.lists(
        st.sampled_from(["releaselint", "release", "lint", '"', "'", " ", "\t", ".", "=", "]",
                         "[", "\\", "u", "U", "x", "tool", "\n", "a"]),
        max_size=8,
    ).map("".join)
)  # fmt: skip
def test_may_hold_config_as_the_pattern_says(text: str) -> None:
    assert config_module.may_hold_config(text) is (_MAY_HOLD_CONFIG.search(text) is not None)
