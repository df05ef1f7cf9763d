"""Tags through real pushes to real bare remotes, with the hooks releaselint installs."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from releaselint.commands.install import install, uninstall
from releaselint.core.git import stdin_lines
from releaselint.core.report import printable
from releaselint.hooks.check_tag_semver import _ps_args, main, parse_pre_push
from tests.conftest import REPO_ROOT, Repo, git
from tests.layouts import release, vcs_dynamic

BIN = Path(sys.executable).parent


def cargo(version: str, name: str = "corelib") -> dict[str, str]:
    return {"Cargo.toml": f'[package]\nname = "{name}"\nversion = "{version}"\nedition = "2021"\n'}


@pytest.fixture
def remote(repo: Repo, tmp_path: Path) -> Path:
    """A bare remote that already has main, and releaselint's hooks installed."""
    path = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(path))
    repo.commit("feat: first", files=cargo("1.0.0"))
    repo.git("remote", "add", "origin", str(path))
    repo.git("push", "-q", "origin", "main")
    assert install([]) == 0
    return path


def push(repo: Repo, *args: str) -> subprocess.CompletedProcess[str]:
    """git push; hooks print to stdout, git to stderr: both end up in ``stderr`` here."""
    result = subprocess.run(("git", "push", *args), cwd=repo.path, capture_output=True, text=True)
    return subprocess.CompletedProcess(
        result.args, result.returncode, "", result.stdout + result.stderr
    )


def remote_tags(remote: Path) -> list[str]:
    out = git(remote, "tag", "--list")
    return out.split()


def test_good_tags_are_pushed(repo: Repo, remote: Path) -> None:
    repo.git("tag", "-a", "v1.0.0", "-m", "release")
    result = push(repo, "origin", "v1.0.0")
    assert result.returncode == 0, result.stderr
    assert remote_tags(remote) == ["v1.0.0"]


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        ("v1.0", "refs/tags/v1.0: '1.0' is not a valid semantic version"),
        ("v1.1.0", "refs/tags/v1.1.0: version 1.1.0 != 1.0.0 declared in Cargo.toml:3 at "),
    ],
)
def test_bad_tag_alone_is_refused(repo: Repo, remote: Path, tag: str, message: str) -> None:
    repo.git("tag", tag)
    result = push(repo, "origin", tag)
    assert result.returncode == 1
    assert message in result.stderr
    assert remote_tags(remote) == []


def test_tag_on_an_old_commit_reads_that_commits_files(repo: Repo, remote: Path) -> None:
    old = repo.git("rev-parse", "HEAD").strip()
    repo.commit("chore(release): 1.1.0", files=cargo("1.1.0"))
    repo.git("tag", "v1.1.0", old)
    result = push(repo, "origin", "v1.1.0")
    assert result.returncode == 1
    assert (
        f"refs/tags/v1.1.0: version 1.1.0 != 1.0.0 declared in Cargo.toml:3 at {old[:7]}"
        in result.stderr
    )
    repo.git("tag", "-f", "v1.1.0")
    assert push(repo, "origin", "v1.1.0").returncode == 0


def test_push_tags_refuses_the_whole_push(repo: Repo, remote: Path) -> None:
    repo.git("tag", "v1.0.0")
    repo.git("tag", "v1.0")
    result = push(repo, "--tags", "origin")
    assert result.returncode == 1
    assert "refs/tags/v1.0: '1.0' is not a valid semantic version" in result.stderr
    findings = [line for line in result.stderr.splitlines() if not line.startswith("hint:")]
    assert "v1.0.0" not in "\n".join(findings).replace("refs/tags/v1.0:", "")
    hint = "git tag -a v1.0.0 -m 'Release v1.0.0' 'v1.0^{commit}' && git tag -d v1.0"
    assert f"hint: {hint}\n" in result.stderr
    assert remote_tags(remote) == []
    # the hint, run as it is, retags the commit v1.0 named, wherever HEAD went since
    tagged = repo.git("rev-parse", "v1.0^{commit}").strip()
    repo.commit("feat: later")
    repo.git("tag", "-d", "v1.0.0")
    subprocess.run(("sh", "-c", hint), cwd=repo.path, check=True, capture_output=True)
    assert repo.git("rev-parse", "v1.0.0^{commit}").strip() == tagged
    assert repo.git("tag", "--list") == "v1.0.0\n"


def test_follow_tags_and_atomic(repo: Repo, remote: Path) -> None:
    repo.commit("chore(release): 1.1.0", files=cargo("1.1.0"))
    repo.git("tag", "-a", "v1.1.0", "-m", "r")
    result = push(repo, "--follow-tags", "--atomic", "origin", "main")
    assert result.returncode == 0, result.stderr
    assert remote_tags(remote) == ["v1.1.0"]
    repo.commit("chore(release): 1.2.0", files=cargo("1.2.0"))
    repo.git("tag", "-a", "v1.3.0", "-m", "r")
    result = push(repo, "--follow-tags", "--atomic", "origin", "main")
    assert result.returncode == 1
    assert "version 1.3.0 != 1.2.0 declared in Cargo.toml:3" in result.stderr
    assert git(remote, "rev-parse", "main").strip() != repo.git("rev-parse", "HEAD").strip()


def test_deletions_pass(repo: Repo, remote: Path) -> None:
    repo.git("tag", "v1.0.0")
    assert push(repo, "origin", "v1.0.0").returncode == 0
    repo.git("tag", "-d", "v1.0.0")
    repo.git("tag", "v1.0")  # a bad tag elsewhere does not block a deletion
    assert push(repo, "origin", ":refs/tags/v1.0.0").returncode == 0
    assert remote_tags(remote) == []


def test_history_rules(repo: Repo, remote: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo.git("tag", "v1.0.0")
    repo.commit("chore(release): 0.9.0", files=cargo("0.9.0"))
    repo.git("tag", "0.9.0")
    repo.git("tag", "v0.9.0")
    assert main(["--ref", "v0.9.0"]) == 1
    out = capsys.readouterr().out
    assert "refs/tags/v0.9.0: version 0.9.0 is already tagged as 0.9.0\n" in out
    repo.git("tag", "-d", "0.9.0")
    assert main(["--ref", "v0.9.0"]) == 1
    assert capsys.readouterr().out == (
        "refs/tags/v0.9.0: version 0.9.0 is not greater than v1.0.0, the highest release tag before it\n"
    )
    repo.write({"releaselint.toml": "tag-must-increase = false\n"})
    assert main(["--ref", "v0.9.0"]) == 0


def test_annotated_and_prerelease_settings(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit(
        "chore: rc",
        files={
            **cargo("2.0.0-rc.1"),
            "releaselint.toml": ("require-annotated-tags = true\nallow-prerelease-tags = false\n"),
        },
    )
    repo.git("tag", "v2.0.0-rc.1")
    assert main(["--ref", "refs/tags/v2.0.0-rc.1"]) == 1
    assert capsys.readouterr().out == (
        "refs/tags/v2.0.0-rc.1: prerelease tags are not allowed (allow-prerelease-tags = false)\n"
        "refs/tags/v2.0.0-rc.1: lightweight tag; annotated tags are required (git tag -a v2.0.0-rc.1)\n"
    )


def test_pep440_mapping_and_tag_version(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit(
        "chore: rc",
        files={
            "pyproject.toml": '[project]\nname = "pkg"\nversion = "2.14.0rc1"\n',
        },
    )
    repo.git("tag", "v2.14.0-rc.1")
    assert main(["--ref", "v2.14.0-rc.1"]) == 0
    repo.write({"releaselint.toml": 'tag-version = "pep440"\n'})
    repo.git("tag", "v2.14.0rc1")
    assert main(["--ref", "v2.14.0rc1", "--ref", "v2.14.0-rc.1"]) == 1
    assert "is already tagged as" in capsys.readouterr().out


def test_vcs_dynamic_repo_checks_the_format_only(repo: Repo) -> None:
    repo.commit("feat: x", files=vcs_dynamic())
    repo.git("tag", "v3.1.4")
    assert main(["--ref", "v3.1.4"]) == 0
    repo.git("tag", "v3.2")
    assert main(["--ref", "v3.2"]) == 1


def test_release_please_component_format(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit(
        "feat: x",
        files={
            "releaselint.toml": 'tag-format = "{component}-v{version}"\n',
            "package.json": '{"name": "mono", "private": true, "workspaces": ["packages/*"]}',
            "packages/api/package.json": '{"name": "api", "version": "1.2.0"}',
            "packages/web/package.json": '{"name": "web", "version": "0.3.0"}',
        },
    )
    repo.git("tag", "api-v1.2.0")
    repo.git("tag", "web-v0.3.0")
    assert main(["--ref", "api-v1.2.0", "--ref", "web-v0.3.0"]) == 0
    repo.commit("chore: next")
    repo.git("tag", "web-v1.2.0")
    assert main(["--ref", "web-v1.2.0"]) == 1
    assert capsys.readouterr().out.startswith(
        "refs/tags/web-v1.2.0: version 1.2.0 != 0.3.0 declared in packages/web/package.json:1 at "
    )


def test_ci_mode_reads_github_ref(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit("feat: x", files=cargo("1.0.0"))
    repo.git("tag", "v1.0.1")
    monkeypatch.setenv("GITHUB_REF", "refs/tags/v1.0.1")
    assert main([]) == 1
    assert (
        "refs/tags/v1.0.1: version 1.0.1 != 1.0.0 declared in Cargo.toml:3"
        in capsys.readouterr().out
    )
    assert main(["--ref", "v9"]) == 1
    assert capsys.readouterr().err == "error: refs/tags/v9: no such tag in this repository\n"


def test_sha256_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "work"
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--object-format=sha256", str(work))
    git(tmp_path, "init", "-q", "--bare", "--object-format=sha256", str(bare))
    monkeypatch.chdir(work)
    repo = Repo(work)
    repo.commit("feat: x", files=cargo("1.0.0"))
    repo.git("remote", "add", "origin", str(bare))
    repo.git("push", "-q", "origin", "main")
    assert install([]) == 0
    repo.git("tag", "v1.0")
    repo.git("tag", "v1.0.0")
    assert push(repo, "origin", "v1.0").returncode == 1
    assert push(repo, "origin", "v1.0.0").returncode == 0
    assert push(repo, "origin", ":refs/tags/v1.0.0").returncode == 0  # 64 zeros: a deletion


# ---------------------------------------------------------------- install and pre-commit
def hooks(repo: Repo) -> dict[str, str]:
    folder = repo.path / ".git" / "hooks"
    return {p.name: p.read_text() for p in sorted(folder.iterdir())} if folder.exists() else {}


def test_install_is_idempotent_and_uninstall_restores(repo: Repo, tmp_path: Path) -> None:
    repo.commit("feat: x", files=cargo("1.0.0"))
    user_hook = '#!/bin/sh\ncat > "$(git rev-parse --git-dir)/pushed-lines"\nexit 0\n'
    (repo.path / ".git" / "hooks").mkdir(exist_ok=True)
    (repo.path / ".git" / "hooks" / "pre-push").write_text(user_hook)
    (repo.path / ".git" / "hooks" / "pre-push").chmod(0o755)
    before = hooks(repo)
    assert install(["--reference-transaction", "--commit-msg"]) == 0
    once = hooks(repo)
    assert install(["--reference-transaction", "--commit-msg"]) == 0
    assert hooks(repo) == once
    assert once["pre-push.releaselint-saved"] == user_hook
    # the user's hook still runs, after the check, with the same stdin
    bare = tmp_path / "r.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    repo.git("remote", "add", "origin", str(bare))
    repo.git("tag", "v1.0.0")
    assert push(repo, "origin", "v1.0.0").returncode == 0
    lines = (repo.path / ".git" / "pushed-lines").read_text()
    assert lines.startswith("refs/tags/v1.0.0 ")
    assert lines.endswith(" refs/tags/v1.0.0 " + "0" * 40 + "\n")
    (repo.path / ".git" / "pushed-lines").unlink()
    assert uninstall([]) == 0
    assert hooks(repo) == before
    assert uninstall([]) == 0
    assert hooks(repo) == before


def test_install_honours_core_hooks_path(repo: Repo) -> None:
    repo.commit("feat: x", files=cargo("1.0.0"))
    repo.git("config", "core.hooksPath", "githooks")
    assert install([]) == 0
    assert (repo.path / "githooks" / "pre-push").is_file()
    assert not (repo.path / ".git" / "hooks" / "pre-push").exists()


def test_reference_transaction_veto(repo: Repo, tmp_path: Path) -> None:
    repo.commit("feat: x", files=cargo("1.0.0"))
    assert install(["--reference-transaction"]) == 0
    bad = subprocess.run(("git", "tag", "v1.2"), cwd=repo.path, capture_output=True, text=True)
    assert bad.returncode != 0
    assert "refs/tags/v1.2: '1.2' is not a valid semantic version" in bad.stdout + bad.stderr
    assert repo.git("tag", "--list") == ""
    repo.git("tag", "v1.0.0")
    repo.commit("feat: y")  # ordinary ref updates pass untouched
    # a fetch brings in a remote's badly named tag without complaint
    other = tmp_path / "other"
    git(tmp_path, "clone", "-q", str(repo.path), str(other))
    git(other, "tag", "nightly")
    repo.git("fetch", "-q", str(other), "refs/tags/nightly:refs/tags/nightly")
    assert "nightly" in repo.git("tag", "--list").split()
    # a bad tag made before the hook was there can be deleted, as its hint says to
    # (git sends a deletion as zeros on both sides, packed or not)
    assert uninstall([]) == 0
    repo.git("tag", "v1.2")
    repo.git("tag", "v1.3")
    repo.git("pack-refs", "--all")
    repo.git("tag", "v1.4")
    assert install(["--reference-transaction"]) == 0
    for name in ("v1.2", "v1.3", "v1.4"):
        repo.git("tag", "-d", name)
    repo.git("update-ref", "-d", "refs/tags/v1.0.0")
    assert repo.git("tag", "--list") == "nightly\n"


def test_git_arguments_are_no_options_to_the_hooks(repo: Repo, tmp_path: Path) -> None:
    """A remote named like an option (`--config-file=none.json`, `-h`) reaches the
    installed pre-push hook as git's argument, after `--`: the hand-made Release Please
    tag is refused all the same (releaselint asks git about no remote named so)."""
    repo.commit(
        "chore: release",
        files={
            "release-please-config.json": '{"packages": {"demo": {"release-type": "node"}}}\n',
            ".release-please-manifest.json": '{"demo": "1.0.0"}\n',
            "demo/package.json": '{"name": "demo", "version": "1.0.0"}\n',
        },
    )
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    assert install([]) == 0
    for remote in ("--config-file=none.json", "-h"):
        repo.git("remote", "add", "--", remote, str(bare))
        repo.git("tag", "demo-v1.0.0")
        pushed = subprocess.run(
            ("git", "push", "--", remote, "refs/tags/demo-v1.0.0"),
            cwd=repo.path, capture_output=True, text=True,
        )  # fmt: skip
        assert pushed.returncode != 0, pushed.stderr
        assert git(bare, "tag", "--list") == ""
        repo.git("tag", "-d", "demo-v1.0.0")


def test_with_pre_commit_installed_the_hook_goes_in_as_legacy(repo: Repo, remote: Path) -> None:
    assert uninstall([]) == 0
    config = (
        "repos:\n  - repo: local\n    hooks:\n      - id: noop\n        name: noop\n"
        "        entry: 'true'\n        language: system\n        stages: [pre-push]\n"
    )
    repo.commit("chore: pre-commit", files={".pre-commit-config.yaml": config})
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.path.parent / "pc-home")}
    result = subprocess.run(
        (str(BIN / "pre-commit"), "install", "--hook-type", "pre-push"),
        cwd=repo.path, capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert install([]) == 0
    names = set(hooks(repo))
    assert {"pre-push", "pre-push.legacy"} <= names
    assert "releaselint-managed" in hooks(repo)["pre-push.legacy"]
    assert "releaselint-managed" not in hooks(repo)["pre-push"]
    repo.git("tag", "v1.0")
    refused = subprocess.run(
        ("git", "push", "origin", "v1.0"), cwd=repo.path, capture_output=True, text=True, env=env
    )
    assert refused.returncode == 1
    assert (
        "refs/tags/v1.0: '1.0' is not a valid semantic version" in refused.stdout + refused.stderr
    )
    repo.git("tag", "v1.0.0", "HEAD~1")
    ok = subprocess.run(
        ("git", "push", "origin", "v1.0.0"), cwd=repo.path, capture_output=True, text=True, env=env
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr


def test_a_user_hook_outlives_pre_commit_installed_after_releaselint(
    repo: Repo, remote: Path
) -> None:
    """The user's hook, then releaselint (which saves it), then pre-commit (which moves
    releaselint's to pre-push.legacy): each push runs the user's hook; uninstall puts it
    where pre-commit runs it, and a new install chains it again."""
    assert uninstall([]) == 0
    config = (
        "repos:\n  - repo: local\n    hooks:\n      - id: noop\n        name: noop\n"
        "        entry: 'true'\n        language: system\n        stages: [pre-push]\n"
    )
    repo.commit("chore: pre-commit", files={".pre-commit-config.yaml": config})
    folder = repo.path / ".git" / "hooks"
    user_hook = '#!/bin/sh\necho "$1" >> "$(git rev-parse --git-dir)/user-hook-ran"\n'
    (folder / "pre-push").write_text(user_hook)
    (folder / "pre-push").chmod(0o755)
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.path.parent / "pc-home")}
    assert install([]) == 0
    result = subprocess.run(
        (str(BIN / "pre-commit"), "install", "--hook-type", "pre-push"),
        cwd=repo.path, capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    ran = repo.path / ".git" / "user-hook-ran"
    for step, branch in enumerate(("b1", "b2", "b3")):
        if step == 1:
            assert uninstall([]) == 0
            assert (folder / "pre-push.legacy").read_text() == user_hook
            assert not (folder / "pre-push.releaselint-saved").exists()
        if step == 2:
            assert install([]) == 0
            assert "releaselint-managed" in (folder / "pre-push.legacy").read_text()
        pushed = subprocess.run(
            ("git", "push", "-q", "origin", f"HEAD:{branch}"),
            cwd=repo.path, capture_output=True, text=True, env=env,
        )  # fmt: skip
        assert pushed.returncode == 0, pushed.stderr
        assert ran.read_text() == "origin\n" * (step + 1)


def test_a_hook_that_finds_its_files_from_its_path_is_not_moved(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """husky's hooks (`. "$(dirname "$0")/h"`, `n=$(basename "$0")`) run nothing under
    another name: install refuses, moves nothing, and says which line to add where."""
    husky = repo.path / ".husky" / "_"
    husky.mkdir(parents=True)
    (husky / "h").write_text('#!/bin/sh\nn=$(basename "$0")\nexec sh -e ".husky/$n" "$@"\n')
    wrapper = '#!/usr/bin/env sh\n. "$(dirname "$0")/h"'
    for name in ("pre-push", "commit-msg"):
        (husky / name).write_text(wrapper)
        (husky / name).chmod(0o755)
    repo.git("config", "core.hooksPath", ".husky/_")
    before = sorted(p.name for p in husky.iterdir())
    assert install(["--commit-msg"]) == 1
    assert capsys.readouterr().err == (
        f"error: {husky / 'pre-push'} finds its own files from its path ($0): moved aside, it "
        f"would run nothing. Nothing installed; add this line to {repo.path / '.husky'}"
        "/pre-push (husky's) instead: releaselint check-tag-semver --pre-push\n"
    )
    assert sorted(p.name for p in husky.iterdir()) == before
    assert (husky / "commit-msg").read_text() == wrapper


def test_plain_hook_file_works_when_copied(repo: Repo, remote: Path) -> None:
    assert uninstall([]) == 0
    hook = repo.path / ".git" / "hooks" / "pre-push"
    hook.write_bytes((REPO_ROOT / "hooks" / "pre-push").read_bytes())
    hook.chmod(0o755)
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    repo.git("tag", "v1.0")
    result = subprocess.run(
        ("git", "push", "origin", "v1.0"), cwd=repo.path, capture_output=True, text=True, env=env
    )
    assert result.returncode == 1
    assert "'1.0' is not a valid semantic version" in result.stdout + result.stderr


def test_pre_commit_stage_checks_tags_on_pushed_commits(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    base = repo.commit("feat: x", files=cargo("1.0.0"))
    head = repo.commit("chore: y", files=cargo("1.1.0"))
    repo.git("tag", "v1.0.0", base)
    repo.git("tag", "v1.2.0", head)
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", base)
    monkeypatch.setenv("PRE_COMMIT_TO_REF", head)
    assert main([]) == 1
    assert capsys.readouterr().out.startswith(
        "refs/tags/v1.2.0: version 1.2.0 != 1.1.0 declared in Cargo.toml:3"
    )


def test_plain_reference_transaction_hook_when_copied(repo: Repo, tmp_path: Path) -> None:
    repo.commit("feat: x", files=cargo("1.0.0"))
    hook = repo.path / ".git" / "hooks" / "reference-transaction"
    hook.parent.mkdir(exist_ok=True)
    hook.write_bytes((REPO_ROOT / "hooks" / "reference-transaction").read_bytes())
    hook.chmod(0o755)
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=repo.path, capture_output=True, text=True, env=env)

    bad = run("git", "tag", "v1.2")
    assert bad.returncode != 0
    assert "'1.2' is not a valid semantic version" in bad.stdout + bad.stderr
    assert run("git", "tag", "v1.0.0").returncode == 0
    assert run("git", "commit", "-q", "--allow-empty", "-m", "feat: y").returncode == 0
    other = tmp_path / "other"
    git(tmp_path, "clone", "-q", str(repo.path), str(other))
    git(other, "tag", "nightly")
    fetched = run("git", "fetch", "-q", str(other), "refs/tags/nightly:refs/tags/nightly")
    assert fetched.returncode == 0, fetched.stderr


# ---------------------------------------------------------------- hook input, any bytes
def stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_pre_push_warns_about_lines_it_cannot_read(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    head = repo.commit("feat: x", files=cargo("1.0.0"))
    repo.git("tag", "v1.0.0")
    zeros = "0" * 40
    good = f"refs/tags/v1.0.0 {head} refs/tags/v1.0.0 {zeros}"
    lines = [
        "garbage",
        f"refs/tags/v1.0.0 {head} refs/tags/v1.0.0",
        f"refs/tags/v1.0.0 {head[:12]} refs/tags/v1.0.0 {zeros}",
        f"refs/tags/v1.0.0  {head} refs/tags/v1.0.0 {zeros}",
        good,
        f"refs/tags/v1.0.0 {head.upper()} refs/tags/v1.0.0 {zeros}",
    ]
    stdin(monkeypatch, ("\n".join(lines) + "\n").encode())
    assert main(["--pre-push"]) == 0
    expected = repr("<local ref> <local oid> <remote ref> <remote oid>")
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "".join(
        f"warning: stdin line {n} ignored: {lines[n - 1]!r} is not {expected}\n"
        for n in (1, 2, 3, 4, 6)
    )
    repo.git("tag", "v1.0")  # a malformed line does not hide a bad tag on the next
    stdin(monkeypatch, f"garbage\nrefs/tags/v1.0 {head} refs/tags/v1.0 {zeros}\n".encode())
    assert main(["--pre-push"]) == 1
    assert capsys.readouterr() == (
        "refs/tags/v1.0: '1.0' is not a valid semantic version (tags v{version})\n"
        "hint: git tag -a v1.0.0 -m 'Release v1.0.0' 'v1.0^{commit}' && git tag -d v1.0\n",
        f"warning: stdin line 1 ignored: 'garbage' is not {expected}\n",
    )
    stdin(monkeypatch, b"")
    assert main(["--pre-push"]) == 0
    assert capsys.readouterr() == ("", "")
    stdin(monkeypatch, b"refs/tags/\xff\xe2\x80\xa8 x\n")
    assert main(["--pre-push"]) == 0
    assert capsys.readouterr().err == (
        r"warning: stdin line 1 ignored: 'refs/tags/\xff\u2028 x' is not "
        "'<local ref> <local oid> <remote ref> <remote oid>'\n"
    )


A, B, ZERO = "a" * 40, "b" * 40, "0" * 40


@pytest.mark.parametrize(
    ("lines", "named", "ignored"),
    [
        ([], [], []),
        ([f"refs/tags/v1 {A} refs/tags/v1 {ZERO}"], [("v1", A)], []),
        ([f"refs/tags/v1 {A} refs/tags/v2 {B}"], [("v2", A)], []),  # moved, renamed
        ([f"refs/tags/v1 {A} refs/tags/v1 {A}"], [], []),  # unchanged
        ([f"(delete) {ZERO} refs/tags/v1 {A}"], [], []),
        ([f"(delete) {'0' * 64} refs/tags/v1 {'c' * 64}"], [], []),  # SHA-256
        ([f"refs/heads/main {A} refs/heads/main {B}"], [], []),
        ([f"HEAD {A} refs/tags/v\u2028 {ZERO}"], [("v\u2028", A)], []),
        ([f"HEAD {A} refs/tags/v\xa01 {ZERO}"], [("v\xa01", A)], []),
        ([f"HEAD {A}\trefs/tags/v1 {ZERO}"], [], [1]),
        (
            [f"HEAD {A} refs/tags/v1 {ZERO} extra", "", f"HEAD {A[:39]} refs/tags/v1 {ZERO}"],
            [],
            [1, 2, 3],
        ),
        ([f"HEAD {A} refs/tags/v1 {'g' * 40}", f"HEAD {A} refs/tags/v2 {ZERO}"], [("v2", A)], [1]),
    ],
)
def test_parse_pre_push(lines: list[str], named: list[tuple[str, str]], ignored: list[int]) -> None:
    found, warnings = parse_pre_push(lines)
    assert found == named
    assert [int(w.split()[2]) for w in warnings] == ignored


@pytest.mark.parametrize(
    ("data", "lines"),
    [
        (b"", []),
        (b"a b\n", ["a b"]),
        (b"a\nb", ["a", "b"]),
        (b"a\n\nb\n", ["a", "", "b"]),
        ("v\u2028\x85\x0c\n".encode(), ["v\u2028\x85\x0c"]),
        (b"v\xff\r\n", ["v\udcff\r"]),
    ],
)
def test_stdin_lines(data: bytes, lines: list[str]) -> None:
    assert stdin_lines(data) == lines


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("refs/tags/v1.0.0", "refs/tags/v1.0.0"),
        ("v1\u2028\u2029\x85", r"v1\u2028\u2029\x85"),
        ("v\udcff\udc80", r"v\xff\x80"),
        ("a\tb\nc", r"a\tb\nc"),
        ("caf\xe9 \u00a0", "caf\xe9 \\xa0"),
    ],
)
def test_printable(text: str, shown: str) -> None:
    assert printable(text) == shown


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        (
            "v1.0.0\u2028",
            r"refs/tags/v1.0.0\u2028: '1.0.0\u2028' is not a valid semantic version (tags v{version})"
            "\n"
            r"hint: git tag -d v1.0.0\u2028, then tag the release as v{version}",
        ),
        (
            "v1.0.0\x85",
            r"refs/tags/v1.0.0\x85: '1.0.0\x85' is not a valid semantic version (tags v{version})"
            "\n"
            r"hint: git tag -d v1.0.0\x85, then tag the release as v{version}",
        ),
        # no version in the name (two numbers at least): no release, nothing to refuse
        ("v1.\udcff", ""),
        ("w\udcff", ""),
    ],
)
def test_pre_push_with_any_ref_name_git_allows(
    repo: Repo,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    shown: str,
) -> None:
    head = repo.commit("feat: x", files=cargo("1.0.0"))
    raw = os.fsencode(name)
    subprocess.run((b"git", b"tag", raw), cwd=repo.path, check=True)
    line = b"refs/tags/%s %s refs/tags/%s %s\n" % (raw, head.encode(), raw, b"0" * 40)
    expected = (shown + "\n" if shown else "", "")
    stdin(monkeypatch, line)
    assert main(["--pre-push"]) == (1 if shown else 0)
    assert capsys.readouterr() == expected
    # the same name as a tag this repository does not have: peeled from its oid
    stdin(monkeypatch, line.replace(b"refs/tags/%s " % raw, b"refs/tags/other ", 1))
    subprocess.run((b"git", b"tag", b"-d", raw), cwd=repo.path, check=True, capture_output=True)
    assert main(["--pre-push"]) == (1 if shown else 0)
    assert capsys.readouterr() == expected


def test_reference_transaction_warns_about_what_it_cannot_read(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    head = repo.commit("feat: x", files=cargo("1.0.0"))
    zeros = "0" * 40
    stdin(monkeypatch, f"{zeros} {head} refs/tags/v1.2\n".encode())
    assert main(["--reference-transaction", "bogus"]) == 0
    assert capsys.readouterr() == (
        "",
        "warning: unknown reference-transaction state 'bogus' (prepared, committed, aborted)\n",
    )
    for state in ("committed", "aborted"):
        stdin(monkeypatch, f"{zeros} {head} refs/tags/v1.2\n".encode())
        assert main(["--reference-transaction", state]) == 0
        assert capsys.readouterr() == ("", "")
    lines = [
        f"{zeros} {head}",
        f"{zeros} HEAD refs/tags/v1.0.0",
        f"{zeros} {head} refs/tags/v1.2",
        "ref:refs/heads/main ref:refs/heads/other HEAD",  # a symbolic ref (git 2.46+)
        f"{zeros} ref:refs/heads/main refs/tags/v9",
    ]
    stdin(monkeypatch, ("\n".join(lines) + "\n").encode())
    assert main(["--reference-transaction", "prepared"]) == 1
    expected = repr("<old value> <new value> <ref>")
    assert capsys.readouterr() == (
        "refs/tags/v1.2: '1.2' is not a valid semantic version\n",
        f"warning: stdin line 1 ignored: {lines[0]!r} is not {expected}\n"
        f"warning: stdin line 2 ignored: {lines[1]!r} is not {expected}\n",
    )
    stdin(monkeypatch, f"{zeros} {head} refs/tags/v1.0.".encode() + b"\xff\xe2\x80\xa8\n")
    assert main(["--reference-transaction", "prepared"]) == 1
    assert capsys.readouterr().out == (
        r"refs/tags/v1.0.\xff\u2028: '1.0.\udcff\u2028' is not a valid semantic version" + "\n"
    )


def test_bare_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    git(tmp_path, "init", "-q", "--bare", "bare.git")
    monkeypatch.chdir(tmp_path / "bare.git")
    assert main(["--ref", "v1.0.0"]) == 1
    assert capsys.readouterr() == (
        "",
        "error: not inside a work tree (this is a bare repository)\n",
    )


def test_a_file_name_with_a_newline_does_not_stop_tag_checks(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(
        "feat: x", files={**cargo("1.0.0"), "odd\nname.txt": "x", "odd\ndir/package.json": "{}"}
    )
    repo.git("tag", "v1.0.0")
    assert main(["--ref", "v1.0.0"]) == 0
    repo.commit("chore: y", files={"odd\nname.txt": "y"})
    repo.git("tag", "v1.0.1")
    assert main(["--ref", "v1.0.1"]) == 1
    assert capsys.readouterr().out.startswith(
        "refs/tags/v1.0.1: version 1.0.1 != 1.0.0 declared in Cargo.toml:3 at "
    )


def test_ps_fallback_goes_through_the_runner() -> None:
    assert Path(_ps_args(os.getpid())[0]).name.startswith("python")
    assert _ps_args(2**22 + 12345) == []  # no such process: ps says no


# ---------------------------------------------------------------- a batch is each tag alone
def build_history(repo: Repo, steps: Sequence[tuple[str, str, str | None]]) -> list[str]:
    """Commits where the manifest sits at ``where`` with ``version``, each tagged (unless
    the tag is None or taken)."""
    tags = []
    for index, (where, version, tag) in enumerate(steps):
        for old in ("", "pkg/", "deep/er/"):
            (repo.path / old / "Cargo.toml").unlink(missing_ok=True)
        repo.commit(
            f"chore: step {index}", files={f"{where}Cargo.toml": cargo(version)["Cargo.toml"]}
        )
        if tag is not None and tag not in tags:
            repo.git("tag", tag)
            tags.append(tag)
    return tags


def verdict(
    refs: list[str], capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[dict[str, object]]]:
    code = main([arg for ref in refs for arg in ("--ref", ref)] + ["--format", "json"])
    return code, json.loads(capsys.readouterr().out)["findings"]


def assert_batch_is_each_alone(refs: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    alone = [verdict([ref], capsys) for ref in refs]
    code, findings = verdict(refs, capsys)
    assert findings == [f for _, each in alone for f in each]
    assert code == max((c for c, _ in alone), default=0)


def test_a_manifest_that_moved_is_read_at_every_tag(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    steps = [("", "1.0.0", "v1.0.0"), ("pkg/", "2.0.0", "v2.0.1"), ("", "3.0.0", "v3.0.0")]
    refs = build_history(repo, steps)
    code, findings = verdict(["v2.0.1"], capsys)
    assert code == 1
    short = repo.git("rev-parse", "--short=7", "v2.0.1").strip()
    message = f"version 2.0.1 != 2.0.0 declared in pkg/Cargo.toml:3 at {short}"
    assert [f["message"] for f in findings] == [message]
    assert_batch_is_each_alone(refs, capsys)


PLACES = st.sampled_from(["", "pkg/", "deep/er/"])
VERSIONS = st.sampled_from(["1.0.0", "1.0.1", "2.0.0", "2.0.0-rc.1"])
TAGS = st.builds(
    lambda p, v: None if p is None else p + v, st.sampled_from(["v", "v", "", "x", None]), VERSIONS
)


@settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(st.tuples(PLACES, VERSIONS, TAGS), min_size=2, max_size=5))
@example(steps=[("", "1.0.0", "v1.0.0"), ("pkg/", "2.0.0", "v2.0.1"), ("", "2.0.0", "v2.0.0")])
def test_batch_verdict_is_each_tag_alone(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    steps: list[tuple[str, str, str | None]],
) -> None:
    path = tmp_path_factory.mktemp("history")
    git(path, "init", "-q")
    monkeypatch.chdir(path)
    repo = Repo(path)
    refs = build_history(repo, steps)
    assert_batch_is_each_alone(refs, capsys)


BINDINGS = st.sampled_from([None, "1.0.0", "2.0.0", "2.0.0-rc.1"])


@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(st.tuples(VERSIONS, BINDINGS, st.booleans(), TAGS), min_size=2, max_size=6))
@example(
    steps=[
        ("1.0.0", None, True, "v1.0.0"), ("1.0.1", "1.0.1", False, "v1.0.1"),
        ("2.0.0", "2.0.0", True, "v2.0.0"), ("2.0.0-rc.1", "2.0.0-rc.1", False, "v2.0.0-rc.1"),
    ]
)  # fmt: skip
def test_batch_verdict_is_each_tag_alone_as_members_join(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    steps: list[tuple[str, str | None, bool, str | None]],
) -> None:
    """Each tag is judged by the releases made before it (a binding that joins the family
    later, releases tagged off the branch): a batch still gets each tag's verdict alone."""
    path = tmp_path_factory.mktemp("members")
    git(path, "init", "-q")
    monkeypatch.chdir(path)
    repo = Repo(path)
    repo.commit("feat: first")
    refs: list[str] = []
    for version, binding, merged, tag in steps:
        (path / "bindings" / "node" / "package.json").unlink(missing_ok=True)
        files = cargo(version)
        if binding is not None:
            files["bindings/node/package.json"] = f'{{"name": "corelib", "version": "{binding}"}}'
        release(repo, files, [] if tag is None or tag in refs else [tag], merged)
        refs += [tag] if tag is not None and tag not in refs else []
    assert_batch_is_each_alone(refs, capsys)


@pytest.mark.parametrize("release_prefix", ["v", ""])
def test_a_floating_alias_beside_its_release_is_no_release(
    repo: Repo, capsys: pytest.CaptureFixture[str], release_prefix: str
) -> None:
    """`v4.1` and `v4` moved to the commit of `v4.1.3` (release-please-action's workflow,
    bump-my-version's moveable_tags): aliases, not releases, neither refused nor counted.
    A `v4.2` alone on its commit is a release spelled short, and refused; so is a `v5.0`
    beside `v5.0.0` where no `v5` floats."""
    for version in ("4.1.2", "4.1.3"):
        repo.commit(f"chore: release {version}", files=cargo(version))
        repo.git("tag", f"{release_prefix}{version}")
    repo.git("tag", "v4.1")
    repo.git("tag", "v4")
    assert main(["--ref", "v4.1", "--ref", "v4", f"--ref={release_prefix}4.1.3"]) == 0
    assert capsys.readouterr().out == ""
    repo.commit("chore: release 4.2.0", files=cargo("4.2.0"))
    repo.git("tag", "v4.2")
    assert main(["--ref", "v4.2"]) == 1
    assert "refs/tags/v4.2: '4.2' is not a valid semantic version" in capsys.readouterr().out
    repo.commit("chore: release 5.0.0", files=cargo("5.0.0"))
    repo.git("tag", f"{release_prefix}5.0.0")
    repo.git("tag", "v5.0")
    assert main(["--ref", "v5.0"]) == 1
    assert "refs/tags/v5.0: '5.0' is not a valid semantic version" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["v01.3.0", "v1.3.0.1", "v1.3.0-01"])
def test_a_tag_pep440_alone_reads_is_refused_where_no_python_file_is(
    repo: Repo, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """A package.json project's family is SemVer: the tag being checked, which PEP 440 reads
    and SemVer does not, does not make its family PEP 440 (and pass)."""
    for version in ("1.1.0", "1.2.0", "1.3.0"):
        repo.commit(
            f"chore: release {version}",
            files={"package.json": f'{{\n  "name": "x",\n  "version": "{version}"\n}}\n'},
        )
        if version != "1.3.0":
            repo.git("tag", f"v{version}")
    repo.git("tag", name)
    assert main(["--ref", name]) == 1
    version = name[1:]
    assert capsys.readouterr().out.startswith(
        f"refs/tags/{name}: '{version}' is not a valid semantic version (tags v{{version}})\n"
    )


@pytest.mark.parametrize(
    "python",
    [
        # maturin: the Python package's version is the crate's
        '[build-system]\nrequires = ["maturin>=1,<2"]\nbuild-backend = "maturin"\n\n'
        '[project]\nname = "demo"\ndynamic = ["version"]\n',
        # tbump's `current`, in a Python project's pyproject.toml
        '[tool.tbump.version]\ncurrent = "{version}"\n'
        "regex = '(?P<major>\\\\d+)\\\\.(?P<minor>\\\\d+)\\\\.(?P<patch>\\\\d+)'\n"
        '[tool.tbump.git]\nmessage_template = "v{{new_version}}"\ntag_template = "v{{new_version}}"\n'
        '[[tool.tbump.file]]\nsrc = "Cargo.toml"\n',
    ],
    ids=["maturin", "tbump"],
)
def test_python_release_tags_of_a_group_that_releases_to_python(
    repo: Repo, capsys: pytest.CaptureFixture[str], python: str
) -> None:
    """safetensors (maturin) and notebook (tbump in pyproject.toml): PEP 440 tags
    (`v1.0.0rc1`, `v1.1.0-rc1`) of a group that ships a Python package pass where the
    files declare that version."""
    for version, tag in (("1.0.0-rc.1", "v1.0.0rc1"), ("1.0.0", "v1.0.0"),
                         ("1.1.0-rc.1", "v1.1.0-rc1"), ("1.1.0", "v1.1.0")):  # fmt: skip
        current = version.replace("-rc.", "rc")
        repo.commit(
            f"chore: release {version}",
            files={**cargo(version), "pyproject.toml": python.format(version=current)},
        )
        repo.git("tag", "-a", tag, "-m", tag)
    tags = ["v1.0.0rc1", "v1.0.0", "v1.1.0-rc1", "v1.1.0"]
    assert main([f"--ref={t}" for t in tags]) == 0, capsys.readouterr().out


def test_a_tag_refused_for_its_files_is_no_release_for_the_others(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """bump-my-version's history: a stray `v1.0.1` on a commit whose files say 0.29.0. It is
    refused itself, and blocks neither the releases after it (0.30.0 is not "below" it)
    nor the real 1.0.1 (not "already tagged")."""

    def release(version: str) -> None:
        repo.commit(
            f"chore: release {version}",
            files={"pyproject.toml": f'[project]\nname = "tool"\nversion = "{version}"\n'},
        )
        repo.git("tag", "-a", version, "-m", version)

    release("0.28.0")
    release("0.29.0")
    repo.commit("test: moveable tags", files={"f": "x"})
    repo.git("tag", "-a", "v1.0.1", "-m", "a test of moveable tags")
    release("0.30.0")
    release("1.0.1")
    assert main(["--ref", "v1.0.1"]) == 1
    assert capsys.readouterr().out.startswith("refs/tags/v1.0.1: version 1.0.1 != 0.29.0")
    assert main(["--ref", "0.30.0", "--ref", "1.0.1"]) == 0
    assert capsys.readouterr().out == ""


def test_a_private_package_that_never_followed_the_tags_is_not_what_they_release(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """jupyter/notebook 4.x-6.x: a private package.json of its JS build deps at 4.0.0 for
    years, the Python version in a tuple releaselint does not read. The history shows the
    package never declared the tags' versions: the tags are not bound to it. A private
    package whose files do follow its tags is still checked."""
    private = '{\n  "name": "notebook-deps",\n  "private": true,\n  "version": "4.0.0"\n}\n'
    for version in ("5.6.0", "5.7.0", "5.7.1", "5.7.2"):
        repo.commit(
            f"release {version}",
            files={"package.json": private, "notebook/_version.py": f"info = '{version}'\n"},
        )
        repo.git("tag", version)
    assert main(["--ref", "5.7.2"]) == 0
    assert capsys.readouterr().out == ""


def test_a_private_package_that_follows_its_tags_is_still_checked(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    private = '{\n  "name": "app",\n  "private": true,\n  "version": "4.0.0"\n}\n'
    for version in ("1.0.0", "1.1.0", "1.2.0"):
        repo.commit(f"release {version}", files={"package.json": private.replace("4.0.0", version)})
        repo.git("tag", f"v{version}")
    repo.commit("release 1.3.0", files={"notebook/x": "1"})
    repo.git("tag", "v1.3.0")
    assert main(["--ref", "v1.3.0"]) == 1
    assert capsys.readouterr().out.startswith("refs/tags/v1.3.0: version 1.3.0 != 1.2.0")


def test_a_major_past_int_limits_beside_another_tag(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 5,000-digit major (int() reads 4,300) on a commit with another release tag: the
    one-tag-per-commit rule compares majors without int(); a located refusal."""
    repo.commit("feat: x", files=cargo("1.0.0"))
    repo.git("tag", "v1.0.0")
    huge = "9" * 5000
    head = repo.git("rev-parse", "HEAD").strip()
    (repo.path / ".git/packed-refs").write_text(f"{head} refs/tags/v{huge}.0.0\n")
    assert main(["--ref", f"v{huge}.0.0"]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert out.startswith(f"refs/tags/v{huge}.0.0: ")
