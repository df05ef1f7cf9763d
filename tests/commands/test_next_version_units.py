"""next-version where it cannot answer: no commit yet, a configured release commit that is
not there."""

from __future__ import annotations

import pytest

from releaselint.commands.next_version import main
from tests.conftest import Repo

FILES = {
    ".release-please-manifest.json": '{".": "1.0.0"}\n',
    "package.json": '{"name": "x", "version": "1.0.0"}\n',
}


def test_a_repository_without_commits(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.write({**FILES, "release-please-config.json": '{"packages": {".": {}}}\n'})
    assert main([]) == 1
    assert capsys.readouterr() == ("", "error: the repository has no commits\n")


@pytest.mark.parametrize("key", ["last-release-sha", "bootstrap-sha"])
def test_a_release_commit_that_is_not_here(
    repo: Repo, capsys: pytest.CaptureFixture[str], key: str
) -> None:
    config = f'{{"{key}": "deadbeef", "packages": {{".": {{}}}}}}\n'
    repo.commit("feat: x", files={**FILES, "release-please-config.json": config})
    assert main([]) == 1
    assert capsys.readouterr() == (
        "",
        "error: release-please-config.json: 'deadbeef' is not a commit here\n",
    )
