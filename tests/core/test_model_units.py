"""The value types' own faces: SemVer's numbers, how packages and groups show."""

from __future__ import annotations

import pytest

from releaselint.core.model import Group, Package
from releaselint.core.versions import SemVer


@pytest.mark.parametrize(
    ("version", "numbers"),
    [("1.2.3", (1, 2, 3)), ("0.0.0-rc.1+build.5", (0, 0, 0)), ("10.20.30", (10, 20, 30))],
)
def test_semver_numbers(version: str, numbers: tuple[int, int, int]) -> None:
    parsed = SemVer(version)
    assert (parsed.major, parsed.minor, parsed.patch) == numbers


def test_packages_and_groups_show_their_manifests() -> None:
    core = Package("Cargo.toml", "rust", "corelib")
    node = Package("bindings/node/package.json", "node", None)
    assert repr(core) == "<Package Cargo.toml 'corelib'>"
    assert repr(Group("corelib", [core, node])) == (
        "<Group corelib ['Cargo.toml', 'bindings/node/package.json']>"
    )
