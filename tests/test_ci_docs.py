"""docs/ci.md's workflows, run as scripts: their shell lines in a real repository, with the
variables the CI system sets for a tag push and for a pull or merge request."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from releaselint.commands.check import CI_VARIABLES
from tests.conftest import REPO_ROOT, Repo
from tests.layouts import rust_with_bindings

DOC = (REPO_ROOT / "docs" / "ci.md").read_text()
INSTALL = ("pipx install ", "pip install ")
PROJECT = "git+https://github.com/releaselint/releaselint"


def section(title: str) -> list[str]:
    """The fenced blocks of one ``## title`` section, in order."""
    text = DOC.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]
    return [block.split("\n", 1)[1] for block in text.split("```")[1::2]]


def github_lines() -> list[str]:
    workflow = yaml.safe_load(section("GitHub Actions")[0])
    steps = workflow["jobs"]["releaselint"]["steps"]
    return [step["run"] for step in steps if "run" in step]


def gitlab_lines() -> list[str]:
    job = yaml.safe_load(section("GitLab CI")[0])["releaselint"]
    assert job["variables"] == {"GIT_DEPTH": 0}
    return list(job["script"])


def run_lines(
    lines: list[str], cwd: Path, environ: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """The workflow's shell lines, as the CI runs them (one shell, stopping at a failure).
    The install line fetches releaselint from its git URL: here, the releaselint under test
    is already on PATH instead."""
    commands = []
    for line in lines:
        if line.startswith(INSTALL):
            assert line.split(" ", 2)[2] == PROJECT
        else:
            commands.append(line)
    assert commands, "the workflow runs no releaselint command"
    env = {k: v for k, v in os.environ.items() if k not in CI_VARIABLES}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    return subprocess.run(
        ("bash", "-e", "-c", "\n".join(commands)),
        cwd=cwd, env={**env, **environ}, capture_output=True, text=True,
    )  # fmt: skip


@pytest.fixture
def ci_clone(repo: Repo, tmp_path: Path) -> tuple[Repo, Repo]:
    """A released repository and the CI's full clone of it."""
    repo.commit("feat: first release", files=rust_with_bindings())
    repo.git("tag", "-a", "v1.5.0", "-m", "v1.5.0")
    clone = tmp_path / "ci"
    subprocess.run(("git", "clone", "-q", repo.path.as_uri(), str(clone)), check=True)
    return repo, Repo(clone)


def test_the_docs_show_both_systems() -> None:
    assert github_lines()[-1] == "releaselint check --format github"
    assert gitlab_lines()[-1] == "releaselint check"


def test_github_tag_push(ci_clone: tuple[Repo, Repo]) -> None:
    _, clone = ci_clone
    clone.git("checkout", "-q", "v1.5.0")
    sha = clone.git("rev-parse", "HEAD").strip()
    environ = {"GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "push",
               "GITHUB_REF": "refs/tags/v1.5.0", "GITHUB_SHA": sha, "CI": "true"}  # fmt: skip
    result = run_lines(github_lines(), clone.path, environ)
    assert (result.returncode, result.stdout, result.stderr) == (
        0, section("GitHub Actions")[1], ""
    )  # fmt: skip


def test_github_pull_request(ci_clone: tuple[Repo, Repo]) -> None:
    _, clone = ci_clone
    clone.git("checkout", "-q", "-b", "feature")
    clone.commit("feat: a good one")
    bad = clone.commit("WIP")
    environ = {"GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "pull_request", "CI": "true",
               "GITHUB_REF": "refs/pull/1/merge", "GITHUB_BASE_REF": "main"}  # fmt: skip
    result = run_lines(github_lines(), clone.path, environ)
    assert result.returncode == 1
    shown = section("GitHub Actions")[2].replace("1a2b3c4", bad[:7])
    assert shown in result.stdout
    assert result.stdout.startswith(
        "check-version-alignment ... passed\ncheck-lockfile-pins ... passed\n"
        "check-tag-semver ... skipped (no tag in this event)\n"
    )
    assert result.stdout.endswith("4 checks: 2 passed, 1 failed, 1 skipped; 2 findings\n")
    assert result.stderr == ""


def test_gitlab_tag_pipeline(ci_clone: tuple[Repo, Repo]) -> None:
    _, clone = ci_clone
    clone.git("checkout", "-q", "v1.5.0")
    sha = clone.git("rev-parse", "HEAD").strip()
    environ = {"GITLAB_CI": "true", "CI": "true", "CI_COMMIT_TAG": "v1.5.0",
               "CI_COMMIT_SHA": sha, "CI_COMMIT_BEFORE_SHA": "0" * 40}  # fmt: skip
    result = run_lines(gitlab_lines(), clone.path, environ)
    assert (result.returncode, result.stdout, result.stderr) == (0, section("GitLab CI")[1], "")


@pytest.mark.parametrize(("message", "status"), [("fix: the parser", 0), ("Fixed stuff", 1)])
def test_gitlab_merge_request_pipeline(
    ci_clone: tuple[Repo, Repo], message: str, status: int
) -> None:
    _, clone = ci_clone
    base = clone.git("rev-parse", "HEAD").strip()
    clone.git("checkout", "-q", "-b", "feature")
    head = clone.commit(message)
    environ = {"GITLAB_CI": "true", "CI": "true", "CI_PIPELINE_SOURCE": "merge_request_event",
               "CI_MERGE_REQUEST_DIFF_BASE_SHA": base, "CI_COMMIT_SHA": head,
               "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
               "CI_COMMIT_BEFORE_SHA": "0" * 40}  # fmt: skip
    result = run_lines(gitlab_lines(), clone.path, environ)
    lines = result.stdout.splitlines()
    assert result.returncode == status
    assert lines[:3] == [
        "check-version-alignment ... passed",
        "check-lockfile-pins ... passed",
        "check-tag-semver ... skipped (no tag in this event)",
    ]
    if status == 0:
        assert lines[3:] == [
            "check-conventional-commit ... passed",
            "4 checks: 3 passed, 1 skipped; 0 findings",
        ]
    else:
        assert lines[3:6] == [
            "check-conventional-commit ... failed",
            f"{head[:7]}:1: subject may not be empty [subject-empty]",
            f"{head[:7]}:1: type may not be empty [type-empty]",
        ]
        assert lines[-1] == "4 checks: 2 passed, 1 failed, 1 skipped; 2 findings"
