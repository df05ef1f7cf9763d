from __future__ import annotations

import json
from pathlib import Path

import pytest

from releaselint.core.ranges import satisfies

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    ("ecosystem", "table"), [("node", "ranges_node.json"), ("rust", "ranges_cargo.json")]
)
def test_agrees_with_the_real_implementation(ecosystem: str, table: str) -> None:
    """Tables from npm's semver package and from cargo (scripts/gen_ranges.py); one test
    per table, listing every disagreement."""
    cases = json.loads((DATA / table).read_text(encoding="utf-8"))["cases"]
    assert len(cases) > 1000
    wrong = [
        (requirement, version, expected)
        for requirement, version, expected in cases
        if satisfies(ecosystem, requirement, version) is not expected
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("ecosystem", "requirement", "version", "expected"),
    [
        ("python", "==1.4.0", "1.4.0", True),
        ("python", "==1.4.0", "2.0.0", False),
        ("python", ">=1.4", "2.0.0", True),
        ("python", ">=1.4,<2", "2.0.0", False),
        ("python", "~=1.4", "1.9.0", True),
        ("python", "~=1.4", "2.0.0", False),
        # a prerelease is compared like any version (SemVer and PEP 440 spellings alike)
        ("python", ">=1.4", "2.0.0-rc.0", True),
        ("python", ">=1.4", "2.0.0rc0", True),
        ("python", "==2.0.0", "2.0.0-rc.0", False),
        ("python", "", "2.0.0", True),
        ("python", "==1.0.0", "1.0.0-foo.bar", None),
        ("python", "=>1", "1.0.0", None),
        ("python", "==1", "not a version", None),
        ("node", "workspace:*", "1.0.0", None),
        ("node", "latest", "1.0.0", None),
        ("node", "^1.0.0", "1.0", None),
        ("node", "^1.0.0", "1.0.0", True),
        ("deno", "^1.0.0", "1.5.0", True),
        ("node", "1." + "0" * 300, "1.0.0", None),
        ("node", "^99999999999999999", "1.0.0", None),
        ("node", "^1.0.0 || é", "1.0.0", None),
        ("rust", "", "1.0.0", None),
        ("rust", "1.2.3+build", "1.2.3", None),
        ("rust", "1.*.3", "1.2.3", None),
        ("rust", ">=1.*", "1.2.3", None),
        ("rust", "1.*, <2", "1.2.3", None),
        ("rust", "1.2-beta", "1.2.3", None),
        ("rust", "*.1", "1.2.3", None),
        ("rust", "é", "1.2.3", None),
        ("rust", "^1.2.3", "v1.2.3", None),
        ("go", "v1", "1.0.0", None),
    ],
)
def test_other_cases(ecosystem: str, requirement: str, version: str, expected: bool | None) -> None:
    assert satisfies(ecosystem, requirement, version) is expected
