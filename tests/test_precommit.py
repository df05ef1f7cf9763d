"""The hooks through the real pre-commit framework, in real repositories."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, Repo
from tests.layouts import released, rust_with_bindings

BIN = Path(sys.executable).parent


def pre_commit(repo: Repo, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.path.parent / "pre-commit-home")}
    return subprocess.run(
        (str(BIN / "pre-commit"), *args), cwd=repo.path, capture_output=True, text=True, env=env
    )


def local_config(hook_id: str, stages: str = "[pre-commit]", extra: str = "") -> str:
    """A `repo: local` config that runs the installed console script, as the published
    hook would, with the published hook's own files/pass_filenames settings."""
    import yaml

    manifest = {
        h["id"]: h for h in yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text())
    }
    hook = manifest[hook_id]
    lines = [
        "repos:",
        "  - repo: local",
        "    hooks:",
        f"      - id: {hook_id}",
        f"        name: {hook['name']}",
        f"        entry: {BIN / hook['entry'].split()[0]} {' '.join(hook['entry'].split()[1:])}",
        "        language: system",
        f"        stages: {stages}",
        f"        pass_filenames: {str(hook.get('pass_filenames', True)).lower()}",
    ]
    if "files" in hook:
        lines.append(f"        files: '{hook['files']}'")
    if "always_run" in hook:
        lines.append(f"        always_run: {str(hook['always_run']).lower()}")
    if "require_serial" in hook:
        lines.append(f"        require_serial: {str(hook['require_serial']).lower()}")
    return "\n".join(lines) + "\n" + extra


def test_alignment_blocks_a_drifted_commit(repo: Repo) -> None:
    released(repo, rust_with_bindings)
    repo.commit(
        files={
            **rust_with_bindings(),
            ".pre-commit-config.yaml": local_config("check-version-alignment"),
        }
    )
    result = pre_commit(repo, "install")
    assert result.returncode == 0, result.stderr
    repo.write(
        {
            "bindings/node/package.json": rust_with_bindings()[
                "bindings/node/package.json"
            ].replace("1.5.0", "1.5.1", 1)
        }
    )
    repo.git("add", "-A")
    commit = subprocess.run(
        ("git", "commit", "-m", "feat: drift"), cwd=repo.path, capture_output=True, text=True
    )
    assert commit.returncode == 1
    assert (
        "bindings/node/package.json:3: version '1.5.1' != '1.5.0' (Cargo.toml:3; lockstep at tags v1.3.0…v1.4.0)"
        in commit.stdout + commit.stderr
    )
    # files not in the hook's list do not run it
    repo.git("reset", "-q", "--hard")
    repo.write({"notes.txt": "x"})
    repo.git("add", "-A")
    ok = subprocess.run(
        ("git", "commit", "-m", "docs: notes"), cwd=repo.path, capture_output=True, text=True
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "check version alignment" in ok.stderr + ok.stdout
    assert "Skipped" in ok.stderr + ok.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_manifest_validates_and_try_repo_installs_it(repo: Repo, tmp_path: Path) -> None:
    """The published manifest through `pre-commit try-repo`, which builds releaselint
    from this checkout in pre-commit's own environment."""
    result = pre_commit(repo, "validate-manifest", str(REPO_ROOT / ".pre-commit-hooks.yaml"))
    assert result.returncode == 0, result.stdout + result.stderr
    clone = tmp_path / "releaselint"
    subprocess.run(("git", "clone", "-q", str(REPO_ROOT), str(clone)), check=True)
    # the clone carries what is committed; bring the working files in on top, so the test
    # checks this tree, and commit them so try-repo sees one revision
    for name in (".pre-commit-hooks.yaml", "pyproject.toml"):
        shutil.copy(REPO_ROOT / name, clone / name)
    for folder in ("src", "bin"):
        shutil.rmtree(clone / folder, ignore_errors=True)
        shutil.copytree(
            REPO_ROOT / folder, clone / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    subprocess.run(("git", "add", "-A"), cwd=clone, check=True)
    subprocess.run(("git", "commit", "-q", "--allow-empty", "-m", "test"), cwd=clone, check=True)
    subprocess.run(("git", "tag", "v9.9.9"), cwd=clone, check=True)
    released(repo, rust_with_bindings)
    files = rust_with_bindings()
    files["bindings/python/Cargo.toml"] = files["bindings/python/Cargo.toml"].replace(
        "1.5.0", "1.0.0", 1
    )
    repo.commit(files=files)
    result = pre_commit(repo, "try-repo", str(clone), "check-version-alignment", "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        "bindings/python/Cargo.toml:3: version '1.0.0' != '1.5.0' (Cargo.toml:3; lockstep at tags v1.3.0…v1.4.0)"
        in result.stdout
    )


def test_commit_msg_hook_through_pre_commit(repo: Repo) -> None:
    config = local_config("check-conventional-commit", stages="[commit-msg]")
    repo.commit("chore: add pre-commit", files={".pre-commit-config.yaml": config})
    result = pre_commit(repo, "install", "--hook-type", "commit-msg")
    assert result.returncode == 0, result.stderr
    bad = subprocess.run(
        ("git", "commit", "--allow-empty", "-m", "Added stuff."),
        cwd=repo.path, capture_output=True, text=True,
    )  # fmt: skip
    assert bad.returncode == 1
    assert ".git/COMMIT_EDITMSG:1: type may not be empty [type-empty]" in bad.stdout + bad.stderr
    good = subprocess.run(
        ("git", "commit", "--allow-empty", "-m", "feat: add stuff"),
        cwd=repo.path, capture_output=True, text=True,
    )  # fmt: skip
    assert good.returncode == 0, good.stdout + good.stderr


def test_range_hook_through_pre_commit_pre_push(repo: Repo, tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    subprocess.run(("git", "init", "-q", "--bare", str(remote)), check=True)
    config = local_config("check-conventional-commit-range", stages="[pre-push]")
    repo.commit("chore: add pre-commit", files={".pre-commit-config.yaml": config})
    repo.git("remote", "add", "origin", str(remote))
    repo.git("push", "-q", "origin", "main")
    assert pre_commit(repo, "install", "--hook-type", "pre-push").returncode == 0
    repo.commit("not conventional")
    push = subprocess.run(
        ("git", "push", "origin", "main"), cwd=repo.path, capture_output=True, text=True
    )
    assert push.returncode == 1
    assert "type may not be empty [type-empty]" in push.stdout + push.stderr
    repo.git("commit", "-q", "--amend", "--allow-empty", "-m", "feat: conventional")
    push = subprocess.run(
        ("git", "push", "origin", "main"), cwd=repo.path, capture_output=True, text=True
    )
    assert push.returncode == 0, push.stdout + push.stderr


def test_repository_wide_findings_are_said_once_however_many_files(repo: Repo) -> None:
    """Seven packages of a workspace pin a sibling behind its version: pre-commit passes
    the nine manifests to one process (``require_serial``), which says each finding once."""
    import json

    files = {
        "package.json": json.dumps({"name": "root", "private": True, "workspaces": ["packages/*"]}),
        "packages/a/package.json": json.dumps({"name": "@x/a", "version": "2.0.0"}),
        ".pre-commit-config.yaml": local_config("check-lockfile-pins"),
    }
    for name in "bcdefgh":
        files[f"packages/{name}/package.json"] = json.dumps(
            {"name": f"@x/{name}", "version": "1.0.0", "dependencies": {"@x/a": "^1.0.0"}}
        )
    repo.commit("chore: init", files=files)
    result = pre_commit(repo, "run", "check-lockfile-pins", "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    findings = [line for line in result.stdout.splitlines() if "requires '@x/a'" in line]
    assert len(findings) == 7, result.stdout
    assert len(set(findings)) == 7
