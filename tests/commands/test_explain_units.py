"""`releaselint explain` on independent packages with tags that are no releases, and on a
configuration it cannot read."""

from __future__ import annotations

import pytest

from releaselint.commands.explain import main
from tests.conftest import Repo


def test_tags_no_package_declared_are_no_releases(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(
        "chore: two packages",
        files={
            "a/package.json": '{"name": "a", "version": "1.0.0"}\n',
            "b/package.json": '{"name": "b", "version": "2.0.0"}\n',
        },
    )
    for tag in ("v9.9.9", "2024.01.02", "2024.02.03"):
        repo.git("tag", tag)
    assert main([]) == 0
    assert capsys.readouterr().out == (
        "group 'a'\n"
        "  version 1.0.0 from a/package.json:1\n"
        "  because: one package (a/package.json)\n"
        "    a/package.json:1: .version = '1.0.0'\n"
        "group 'b'\n"
        "  version 2.0.0 from b/package.json:1\n"
        "  because: one package (b/package.json)\n"
        "    b/package.json:1: .version = '2.0.0'\n"
        "tags {version} (2 tags, semver): not release tags: calendar dates, not versions\n"
        "tags v{version} (1 tag, semver): not release tags: no package declared the version of its tags\n"
    )


def test_a_configuration_error_is_reported(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit("chore: config", files={"releaselint.toml": "tag-format = 3\n"})
    assert main([]) == 1
    assert capsys.readouterr() == (
        "",
        "error: releaselint.toml: tag-format: expected a string, got 3\n",
    )
