"""Tag families as pure functions: calendar names, a family's versions, the prefixes a
package name gives its tags."""

from __future__ import annotations

import pytest

from releaselint.core.families import Family, looks_like_date, name_prefixes


@pytest.mark.parametrize(
    ("version", "date"),
    [
        ("2026.07.30", True),
        ("2026-07-30", True),
        ("20260730.1", True),
        ("1999.01.01", True),
        ("v2026.07.30", False),  # the prefix is the family's, not the version's
        ("1.2.3", False),
        ("2026.7", False),
        ("26.07.30", False),
    ],
)
def test_looks_like_date(version: str, date: bool) -> None:
    assert looks_like_date(version) is date


@pytest.mark.parametrize(
    ("tag", "version"),
    [("core-v1.2.3", "1.2.3"), ("v1.2.3", None), ("core-vnext", None), ("nope", None)],
)
def test_a_family_reads_its_own_tags_only(tag: str, version: str | None) -> None:
    family = Family("core-v")
    assert family.version_of(tag) == version


def test_a_family_shows_its_template_and_size() -> None:
    family = Family("core-v")
    family.tags = [("core-v1.0.0", "1.0.0"), ("core-v1.1.0", "1.1.0")]
    assert repr(family) == "<Family core-v{version} 2 tags>"


@pytest.mark.parametrize(
    ("name", "prefixes"),
    [
        ("api", ("api-", "api-v", "api@", "api_v", "api/v", "api/")),
        ("@acme/api", ("@acme/api-", "@acme/api-v", "@acme/api@", "@acme/api_v", "@acme/api/v",
                       "@acme/api/", "api-", "api-v", "api@", "api_v", "api/v", "api/")),
    ],
)  # fmt: skip
def test_name_prefixes(name: str, prefixes: tuple[str, ...]) -> None:
    assert name_prefixes(name) == prefixes
