from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from releaselint.commands import check
from releaselint.commands.check import main, plan
from tests import layouts
from tests.conftest import Repo
from tests.layouts import rust_with_bindings

ZEROS = "0" * 40
NOT_IN_CI_TAG = "not in CI: give --tag NAME"
NOT_IN_CI_RANGE = "not in CI: give --from REF [--to REF]"
NO_TAG = "no tag in this event"
NOT_A_PR = "not a pull request or merge request: give --from REF"
TAG_EVENT = "no commit range in a tag event: give --from REF"


@pytest.fixture(autouse=True)
def no_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """The suite may itself run in CI: none of its variables reach these tests."""
    for name in check.CI_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def planned(checks: list[check.Check]) -> list[object]:
    return [c.argv if c.argv is not None else c.detail for c in checks]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, [[], [], NOT_IN_CI_TAG, NOT_IN_CI_RANGE]),
        (
            {"CI": "true"},
            [[], [], "a CI releaselint does not know: give --tag NAME",
             "a CI releaselint does not know: give --from REF"],
        ),
        # GitHub Actions
        (
            {"GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "push", "GITHUB_REF": "refs/tags/v1.0.0"},
            [[], [], ["--ref=refs/tags/v1.0.0"], TAG_EVENT],
        ),
        ({"GITHUB_REF": "refs/heads/main"}, [[], [], NO_TAG, NOT_A_PR]),
        (
            {"GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "pull_request", "GITHUB_BASE_REF": "main",
             "GITHUB_REF": "refs/pull/7/merge"},
            [[], [], NO_TAG, ["--from=main", "--to=HEAD"]],
        ),
        # GitLab CI
        (
            {"GITLAB_CI": "true", "CI_COMMIT_TAG": "v2.0.0", "CI_COMMIT_BEFORE_SHA": ZEROS},
            [[], [], ["--ref=refs/tags/v2.0.0"], TAG_EVENT],
        ),
        (
            {"GITLAB_CI": "true", "CI_MERGE_REQUEST_DIFF_BASE_SHA": "abc", "CI_COMMIT_SHA": "def",
             "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main", "CI_COMMIT_BEFORE_SHA": ZEROS},
            [[], [], NO_TAG, ["--from=abc", "--to=def"]],
        ),
        (
            {"GITLAB_CI": "true", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "develop"},
            [[], [], NO_TAG, ["--from=develop", "--to=HEAD"]],
        ),
        (
            {"GITLAB_CI": "true", "CI_COMMIT_BEFORE_SHA": "aaa", "CI_COMMIT_SHA": "bbb"},
            [[], [], NO_TAG, ["--from=aaa", "--to=bbb"]],
        ),
        (
            {"GITLAB_CI": "true", "CI_COMMIT_BEFORE_SHA": ZEROS, "CI_COMMIT_SHA": "bbb"},
            [[], [], NO_TAG, "first push of this branch, nothing to compare: give --from REF"],
        ),
        # Bitbucket Pipelines
        (
            {"BITBUCKET_BUILD_NUMBER": "3", "BITBUCKET_TAG": "v1.1.0"},
            [[], [], ["--ref=refs/tags/v1.1.0"], TAG_EVENT],
        ),
        (
            {"BITBUCKET_BUILD_NUMBER": "3", "BITBUCKET_PR_DESTINATION_BRANCH": "main"},
            [[], [], NO_TAG, ["--from=main", "--to=HEAD"]],
        ),
        # CircleCI
        ({"CIRCLECI": "true", "CIRCLE_TAG": "v3.0.0"}, [[], [], ["--ref=refs/tags/v3.0.0"], TAG_EVENT]),
        (
            {"CIRCLECI": "true", "CIRCLE_PULL_REQUEST": "https://github.com/o/r/pull/3"},
            [[], [], NO_TAG, "CircleCI does not name a pull request's base: give --from REF"],
        ),
        # Azure Pipelines
        (
            {"TF_BUILD": "True", "BUILD_SOURCEBRANCH": "refs/tags/v4.0.0"},
            [[], [], ["--ref=refs/tags/v4.0.0"], TAG_EVENT],
        ),
        (
            {"TF_BUILD": "True", "BUILD_SOURCEBRANCH": "refs/pull/4/merge",
             "SYSTEM_PULLREQUEST_TARGETBRANCH": "refs/heads/main"},
            [[], [], NO_TAG, ["--from=main", "--to=HEAD"]],
        ),
        # Buildkite: BUILDKITE_TAG is set, empty, on every build
        (
            {"BUILDKITE": "true", "BUILDKITE_TAG": "", "BUILDKITE_PULL_REQUEST": "false",
             "BUILDKITE_PULL_REQUEST_BASE_BRANCH": ""},
            [[], [], NO_TAG, NOT_A_PR],
        ),
        (
            {"BUILDKITE": "true", "BUILDKITE_TAG": "", "BUILDKITE_PULL_REQUEST": "12",
             "BUILDKITE_PULL_REQUEST_BASE_BRANCH": "main"},
            [[], [], NO_TAG, ["--from=main", "--to=HEAD"]],
        ),
        (
            {"BUILDKITE": "true", "BUILDKITE_TAG": "v5.0.0", "BUILDKITE_PULL_REQUEST": "false"},
            [[], [], ["--ref=refs/tags/v5.0.0"], TAG_EVENT],
        ),
        # Jenkins (multibranch pipelines)
        (
            {"JENKINS_URL": "https://ci.example/", "TAG_NAME": "v6.0.0"},
            [[], [], ["--ref=refs/tags/v6.0.0"], TAG_EVENT],
        ),
        (
            {"JENKINS_URL": "https://ci.example/", "CHANGE_TARGET": "main"},
            [[], [], NO_TAG, ["--from=main", "--to=HEAD"]],
        ),
        # pre-commit's pre-push stage: the hook reads the range itself
        (
            {"PRE_COMMIT_FROM_REF": "a", "PRE_COMMIT_TO_REF": "b"},
            [[], [], NOT_IN_CI_TAG, ["--range"]],
        ),
    ],
)  # fmt: skip
def test_plan_reads_each_ci_system(environ: dict[str, str], expected: list[object]) -> None:
    checks = plan(environ)
    assert [c.name for c in checks] == [
        "check-version-alignment",
        "check-lockfile-pins",
        "check-tag-semver",
        "check-conventional-commit",
    ]
    assert planned(checks) == expected


@pytest.mark.parametrize(
    ("tags", "start", "end", "expected"),
    [
        (["v1.0.0", "refs/tags/v2"], None, None,
         [[], [], ["--ref=refs/tags/v1.0.0", "--ref=refs/tags/v2"], NOT_IN_CI_RANGE]),
        ([], "-x", None, [[], [], NOT_IN_CI_TAG, ["--from=-x", "--to=HEAD"]]),
        ([], "a", "b", [[], [], NOT_IN_CI_TAG, ["--from=a", "--to=b"]]),
        ([], ZEROS, None, [[], [], NOT_IN_CI_TAG, "first push of this branch, nothing to compare"]),
    ],
)  # fmt: skip
def test_flags_name_the_tag_and_range(
    tags: list[str], start: str | None, end: str | None, expected: list[object]
) -> None:
    assert planned(plan({}, tags, start, end)) == expected


def test_flags_win_over_the_ci_event() -> None:
    environ = {"GITHUB_REF": "refs/tags/v1.0.0", "GITHUB_BASE_REF": "main"}
    assert planned(plan(environ, ["v9"], "x")) == [
        [],
        [],
        ["--ref=refs/tags/v9"],
        ["--from=x", "--to=HEAD"],
    ]


# ---------------------------------------------------------------------- through main
def released(repo: Repo) -> str:
    """A repository whose files say 1.5.0, released as v1.4.0 and v1.5.0 (the history that
    makes its six declarations one group), with one more commit."""
    layouts.released(repo, rust_with_bindings, ("1.4.0", "1.5.0"))
    return repo.commit("fix: second")


def test_a_warning_is_said_not_counted_as_a_finding(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """rushstack: a pnpm-lock.yaml of lockfileVersion 5.4 is named as unchecked, and the
    check passes: the summary says one warning and no finding."""
    repo.commit(
        files={
            "package.json": '{"name": "a", "version": "1.0.0", "dependencies": {"x": "1"}}\n',
            "pnpm-lock.yaml": "lockfileVersion: 5.4\n\nspecifiers:\n  x: '1'\n",
        }
    )
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "pnpm-lock.yaml:1: warning: unchecked" in out
    assert out.endswith("4 checks: 2 passed, 2 skipped; 0 findings, 1 warning\n")


def test_clean_repository_locally(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    released(repo)
    assert main([]) == 0
    assert capsys.readouterr() == (
        "check-version-alignment ... passed\n"
        "check-lockfile-pins ... passed\n"
        f"check-tag-semver ... skipped ({NOT_IN_CI_TAG})\n"
        f"check-conventional-commit ... skipped ({NOT_IN_CI_RANGE})\n"
        "4 checks: 2 passed, 2 skipped; 0 findings\n",
        "",
    )


def test_github_tag_event(
    repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    released(repo)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_EVENT_NAME", "push")
    monkeypatch.setenv("GITHUB_REF", "refs/tags/v1.5.0")
    assert main([]) == 0
    assert capsys.readouterr().out == (
        "check-version-alignment ... passed\n"
        "check-lockfile-pins ... passed\n"
        "check-tag-semver ... passed\n"
        f"check-conventional-commit ... skipped ({TAG_EVENT})\n"
        "4 checks: 3 passed, 1 skipped; 0 findings\n"
    )


def test_findings_are_printed_under_their_check(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    released(repo)
    repo.git("tag", "v1.6.0")
    bad = repo.commit("Added a thing")
    assert main(["--tag", "v1.6.0", "--from", "v1.5.0"]) == 1
    assert capsys.readouterr() == (
        "check-version-alignment ... passed\n"
        "check-lockfile-pins ... passed\n"
        "check-tag-semver ... failed\n"
        "refs/tags/v1.6.0: version 1.6.0 != 1.5.0 declared in Cargo.toml:3 at "
        f"{repo.git('rev-parse', '--short=7', 'v1.6.0').strip()} (and 5 more)\n"
        "hint: delete the tag (git tag -d <tag>; where it was pushed, git push <remote> "
        ":refs/tags/<tag> too), then tag the commit that declares the version, or bump the "
        "files (releaselint bump --to <version>), commit, and tag that commit\n"
        "check-conventional-commit ... failed\n"
        f"{bad[:7]}:1: subject may not be empty [subject-empty]\n"
        f"{bad[:7]}:1: type may not be empty [type-empty]\n"
        "hint: expected '<type>(<scope>): <subject>' with a type of build, chore, ci, docs, "
        "feat, fix, perf, refactor, revert, style, test, e.g. 'fix(parser): handle empty input'\n"
        "4 checks: 2 passed, 2 failed; 3 findings\n",
        "",
    )
    assert main(["--quiet", "--tag", "v1.6.0", "--from", "v1.5.0"]) == 1
    quiet = capsys.readouterr().out
    assert "..." not in quiet
    assert quiet.startswith("refs/tags/v1.6.0: version 1.6.0 != 1.5.0")
    assert quiet.count("\n") == 5


def test_json_is_one_document(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    released(repo)
    assert main(["--format", "json", "--from", "v1.5.0", "--to", "HEAD"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document == {
        "checks": [
            {"name": "check-version-alignment", "status": "passed", "detail": None,
             "findings": [], "hints": [], "warnings": [], "error": None},
            {"name": "check-lockfile-pins", "status": "passed", "detail": None,
             "findings": [], "hints": [], "warnings": [], "error": None},
            {"name": "check-tag-semver", "status": "skipped", "detail": NOT_IN_CI_TAG,
             "findings": [], "hints": [], "warnings": [], "error": None},
            {"name": "check-conventional-commit", "status": "passed", "detail": None,
             "findings": [], "hints": [], "warnings": [], "error": None},
        ],
        "summary": "4 checks: 3 passed, 1 skipped; 0 findings",
    }  # fmt: skip


def test_json_carries_findings_and_errors(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    released(repo)
    assert main(["--format", "json", "--tag", "v9.9.9", "--from", "nowhere"]) == 1
    checks = json.loads(capsys.readouterr().out)["checks"]
    assert [(c["status"], c["error"]) for c in checks] == [
        ("passed", None),
        ("passed", None),
        ("error", "refs/tags/v9.9.9: no such tag in this repository"),
        ("error", "start 'nowhere' is not a commit in this repository"),
    ]


def test_errors_go_to_stderr_under_their_check(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    released(repo)
    assert main(["--tag", "v9.9.9"]) == 1
    assert capsys.readouterr() == (
        "check-version-alignment ... passed\n"
        "check-lockfile-pins ... passed\n"
        "check-tag-semver ... error\n"
        f"check-conventional-commit ... skipped ({NOT_IN_CI_RANGE})\n"
        "4 checks: 2 passed, 1 error, 1 skipped; 0 findings\n",
        "error: refs/tags/v9.9.9: no such tag in this repository\n",
    )


def test_outside_a_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([]) == 1
    assert capsys.readouterr() == ("", "error: not inside a git repository\n")


def test_a_missing_hook_module_is_an_error(
    repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    released(repo)
    monkeypatch.setitem(check.MODULES, check.TAGS, "releaselint.hooks.no_such_hook")
    assert main(["--quiet", "--tag", "v1.5.0"]) == 1
    assert capsys.readouterr() == (
        "",
        "error: cannot import releaselint.hooks.no_such_hook: "
        "No module named 'releaselint.hooks.no_such_hook'\n",
    )


def test_github_annotations_put_refs_and_commits_in_the_title(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    released(repo)
    files = rust_with_bindings()
    files["bindings/node/package.json"] = files["bindings/node/package.json"].replace(
        "1.5.0", "1.4.0", 1
    )
    bad = repo.commit("Oops", files=files)
    repo.git("tag", "v1.5.1")
    assert main(["--format", "github", "--tag", "v1.5.1", "--from", "HEAD~1"]) == 1
    out = capsys.readouterr().out.splitlines()
    annotations = [line.split("::")[1] for line in out if line.startswith("::error")]
    assert annotations == [
        "error file=bindings/node/package.json,line=3",
        # the lock still says 1.5.0, twice
        "error file=bindings/node/package-lock.json",
        "error file=bindings/node/package-lock.json",
        "error title=refs/tags/v1.5.1",
        f"error title={bad[:7]}",
        f"error title={bad[:7]}",
    ]


def test_shallow_clone_says_the_history_checks_were_skipped(
    repo: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.commit(files=rust_with_bindings("2.0.0"))
    repo.git("tag", "v2.0.0")
    repo.commit(files=rust_with_bindings("1.9.0"))
    repo.git("tag", "v1.9.0")  # lower than v2.0.0, which a clone of one commit lacks
    clone = tmp_path / "clone"
    subprocess.run(
        ("git", "clone", "-q", "--depth=1", "--branch=v1.9.0", repo.path.as_uri(), str(clone)),
        check=True, capture_output=True,
    )  # fmt: skip
    monkeypatch.chdir(clone)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_REF", "refs/tags/v1.9.0")
    assert main(["--quiet"]) == 0
    assert main([]) == 0
    assert capsys.readouterr().out.splitlines()[2] == (
        "check-tag-semver ... passed (history checks skipped: shallow clone; use fetch-depth: 0)"
    )
    monkeypatch.chdir(repo.path)
    assert main(["--quiet"]) == 1
    assert capsys.readouterr().out == (
        "refs/tags/v1.9.0: version 1.9.0 is not greater than v2.0.0, the highest release tag before it\n"
    )


def test_pull_request_base_comes_from_the_remote(
    repo: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    released(repo)
    clone = tmp_path / "clone"
    subprocess.run(
        ("git", "clone", "-q", repo.path.as_uri(), str(clone)), check=True, capture_output=True
    )
    monkeypatch.chdir(clone)
    Repo(clone).git("checkout", "-q", "-b", "feature")
    Repo(clone).git("branch", "-q", "-D", "main")  # a CI clone has the remote's branch only
    bad = Repo(clone).commit("WIP")
    monkeypatch.setenv("GITHUB_BASE_REF", "main")
    monkeypatch.setenv("GITHUB_EVENT_NAME", "pull_request")
    assert main(["--quiet"]) == 1
    assert capsys.readouterr().out.startswith(f"{bad[:7]}:1: subject may not be empty")


def test_color_always_never(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    released(repo)
    assert main(["--color", "always"]) == 0
    assert capsys.readouterr().out.splitlines()[:3] == [
        "check-version-alignment ... \033[32mpassed\033[0m",
        "check-lockfile-pins ... \033[32mpassed\033[0m",
        f"check-tag-semver ... \033[33mskipped\033[0m ({NOT_IN_CI_TAG})",
    ]
    assert main(["--color", "never"]) == 0
    assert "\033" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("setting", "environ", "expected"),
    [
        ("always", {"NO_COLOR": "1"}, True),
        ("never", {}, False),
        ("auto", {"NO_COLOR": "1"}, False),
        ("auto", {"NO_COLOR": ""}, True),  # no-color.org: only a non-empty value counts
        ("auto", {"PRE_COMMIT_COLOR": "never"}, False),
        ("auto", {"PRE_COMMIT_COLOR": "always"}, True),
        ("auto", {"TERM": "dumb"}, False),
        ("auto", {}, True),
    ],
)
def test_color_on_a_terminal(
    repo: Repo, setting: str, environ: dict[str, str], expected: bool
) -> None:
    released(repo)
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("TERM", *check.CI_VARIABLES)}
    try:
        proc = subprocess.run(
            (sys.executable, "-m", "releaselint", "check", "--color", setting),
            stdout=follower, stderr=subprocess.PIPE, env={**env, **environ}, check=False,
        )  # fmt: skip
        out = os.read(leader, 1 << 16).decode()
    finally:
        os.close(leader)
        os.close(follower)
    assert proc.returncode == 0
    assert ("\033[32mpassed\033[0m" in out) is expected
    assert "check-version-alignment ... " in out


def test_colour_is_off_when_stdout_is_not_a_terminal(repo: Repo) -> None:
    released(repo)
    result = subprocess.run(
        (sys.executable, "-m", "releaselint", "check"), capture_output=True, text=True
    )
    assert result.stdout.splitlines()[0] == "check-version-alignment ... passed"


# ----------------------------------------------------------------- config warnings
@pytest.mark.parametrize(
    ("files", "warnings"),
    [
        (
            {"pyproject.toml": '[project]\nname = "p"\nversion = "1.0.0"\n\n[tool.releaselint]\n'
             'tag-format = "v{version}"\n', "releaselint.toml": 'tag-format = "{version}"\n'},
            ["releaselint.toml is ignored: pyproject.toml has a [tool.releaselint] table, "
             "which takes precedence; move its settings there"],
        ),
        (
            {"crates/a/Cargo.toml": '[package]\nname = "a"\nversion = "1.0.0"\n',
             "crates/b/Cargo.toml": '[package]\nname = "b"\n',
             "releaselint.toml": '[groups.sdk]\nmembers = ["crate/*", "crates/a"]\n'
             'tag-format = "{component}@{version}"\n[groups.nov]\nmembers = ["crates/b"]\n'},
            ["releaselint.toml: groups.sdk.members: 'crate/*' matches no manifest"],
        ),
        (
            {"pyproject.toml": '[project]\nname = "p"\nversion = "1.0.0"\n\n'
             '[tool.releaselint.groups.x]\nmembers = ["nope"]\ntag-format = "x-{version}"\n'},
            ["pyproject.toml: tool.releaselint.groups.x.members: 'nope' matches no manifest"],
        ),
        ({"Cargo.toml": '[package]\nname = "c"\nversion = "1.0.0"\n'}, []),
    ],
)  # fmt: skip
def test_config_mistakes_are_warnings(
    repo: Repo, capsys: pytest.CaptureFixture[str], files: dict[str, str], warnings: list[str]
) -> None:
    from releaselint.hooks import check_version_alignment

    repo.commit(files=files)
    expected = "".join(f"warning: {w}\n" for w in warnings)
    assert check_version_alignment.main([]) == 0
    assert capsys.readouterr() == ("", expected)
    assert main(["--quiet"]) == 0
    assert capsys.readouterr() == ("", expected)
    assert main(["--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert err == expected
    assert json.loads(out)["checks"][0]["warnings"] == warnings
    assert main(["--format", "github"]) == 0
    out, err = capsys.readouterr()
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert (annotations, err) == ([f"::warning::{w}" for w in warnings], "")
