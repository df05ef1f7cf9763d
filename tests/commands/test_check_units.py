"""Which checks `releaselint check` plans where Release Please makes the releases."""

from __future__ import annotations

import pytest

from releaselint.commands.check import plan
from tests.conftest import Repo


@pytest.mark.parametrize(
    ("files", "planned"),
    [
        ({}, ["check-version-alignment", "check-lockfile-pins", "check-tag-semver", "check-conventional-commit"]),
        ({"release-please-config.json": '{"packages": {".": {}}}'},
         ["check-version-alignment", "check-lockfile-pins", "check-tag-semver", "check-conventional-commit", "check-release-please"]),
        ({".release-please-manifest.json": '{".": "1.0.0"}'},
         ["check-version-alignment", "check-lockfile-pins", "check-tag-semver", "check-conventional-commit", "check-release-please"]),
        ({"releaselint.toml": "release-please-only = true\n"},
         ["check-version-alignment", "check-lockfile-pins", "check-tag-semver", "check-conventional-commit", "check-release-please"]),
        # the alignment check reports the configuration's error; nothing is guessed from it
        ({"releaselint.toml": "release-please-only = 1\n"},
         ["check-version-alignment", "check-lockfile-pins", "check-tag-semver", "check-conventional-commit"]),
    ],
)  # fmt: skip
def test_release_please_is_checked_where_it_makes_the_releases(
    repo: Repo, files: dict[str, str], planned: list[str]
) -> None:
    repo.commit("chore: files", files=files)
    checks = plan({}, root=str(repo.path))
    assert [c.name for c in checks] == planned
    assert checks[-1].argv == ([] if planned[-1] == "check-release-please" else None)
