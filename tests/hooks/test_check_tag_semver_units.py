"""Which git command started a reference-transaction hook, read from a real process's
command line; a process that is gone gives no answer."""

from __future__ import annotations

import subprocess
import sys

import pytest

from releaselint.hooks.check_tag_semver import git_subcommand, main
from tests.conftest import Repo

SLEEP = "import time; print('ready', flush=True); time.sleep(30)"


@pytest.mark.parametrize(
    ("options", "subcommand"),
    [
        (["tag", "v1.0.0"], "tag"),
        (["-C", "repo", "--git-dir", "x", "fetch", "origin"], "fetch"),
        (["--work-tree", "w", "--namespace", "n", "--bare", "push"], "push"),
        (["--no-pager"], None),
        (["--config-env", "a.b=HOME", "fetch", "--tags"], "fetch"),
        (["--attr-source", "HEAD", "--super-prefix", "s/", "clone", "x"], "clone"),
        (["--config-env=a.b=HOME", "fetch"], "fetch"),
    ],
)
def test_git_subcommand_skips_options_and_their_values(
    options: list[str], subcommand: str | None
) -> None:
    # a process whose argv[1:] reads like git's: `-c <value>` is both Python's and git's
    with subprocess.Popen(
        (sys.executable, "-c", SLEEP, *options), stdout=subprocess.PIPE
    ) as process:
        try:
            assert process.stdout is not None
            assert process.stdout.readline() == b"ready\n"  # it runs: its command line is set
            assert git_subcommand(process.pid) == subcommand
        finally:
            process.kill()


def test_a_process_that_is_gone() -> None:
    assert git_subcommand(2**22 + 12345) is None  # above any pid_max


def test_a_pushed_tag_whose_object_is_not_here(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    repo.commit("feat: x", files={"Cargo.toml": '[package]\nname = "a"\nversion = "2.0.0"\n'})
    line = f"refs/tags/v2.0.0 {'1' * 40} refs/tags/v2.0.0 {'0' * 40}\n".encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(line)))
    assert main(["--pre-push"]) == 1
    assert (
        capsys.readouterr().out
        == "refs/tags/v2.0.0: names 111111111111, which this repository lacks\n"
    )
