"""What alignment writes: a version in the grammar of the file it goes to, or nothing."""

from __future__ import annotations

import pytest

from releaselint.core.alignment import spelling, why_unwritable
from releaselint.core.model import Declaration

PYTHON = Declaration("pyproject.toml", 3, "1.0.0", 11, 16, "[project].version", pep440=True)
CARGO = Declaration("Cargo.toml", 3, "1.0.0", 11, 16, "[package].version")
HUGE = "1.0." + "9" * 5000


@pytest.mark.parametrize(
    ("version", "target", "expected"),
    [
        ("1.2.3", CARGO, "1.2.3"),
        ("1.2.3", PYTHON, "1.2.3"),
        ("1.2.3-rc.1", PYTHON, "1.2.3rc1"),
        ("1.2.3rc1", CARGO, "1.2.3-rc.1"),
        ("1.2.3rc1", PYTHON, "1.2.3rc1"),
        ("1.2.3-foo.bar", PYTHON, None),
        ("1.0.0.post1", CARGO, None),
        ('1.0"\n__import__("os").system("x")\n#', PYTHON, None),
        ('1.0"\n__import__("os").system("x")\n#', CARGO, None),
        ("1.0\n", PYTHON, None),
        (" 1.0", PYTHON, None),
        (HUGE, CARGO, None),
        (HUGE, PYTHON, None),
        ("1.0.9007199254740992", CARGO, None),
    ],
)
def test_spelling(version: str, target: Declaration, expected: str | None) -> None:
    assert spelling(version, target) == expected


@pytest.mark.parametrize(
    ("version", "target", "reason"),
    [
        ("1.2.3-foo.bar", PYTHON, "has no PEP 440 spelling"),
        ("1.0.0.post1", CARGO, "has no SemVer spelling"),
        ('1.0"\n#', PYTHON, "is not a valid version"),
        ('1.0"\n#', CARGO, "is not a valid version"),
        (HUGE, CARGO, "is longer than 256 characters (npm's limit)"),
        ("1.0.9007199254740992", CARGO, "has a number over 9007199254740991 (npm's limit)"),
    ],
)
def test_why_unwritable(version: str, target: Declaration, reason: str) -> None:
    assert spelling(version, target) is None
    assert why_unwritable(version, target) == reason
