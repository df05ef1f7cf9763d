"""The README's commands and snippets are the ones that work."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

from tests.conftest import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text()
BLOCKS = re.findall(r"```(\w*)\n(.*?)```", README, re.S)


def test_the_readme_starts_with_the_two_commands() -> None:
    first, second = BLOCKS[0], BLOCKS[1]
    assert README.index("```") < README.index("\n## ")
    assert first[0] == second[0] == "sh"
    assert first[1] == (
        "python3 -m venv .venv && .venv/bin/pip install uv && "
        ".venv/bin/uv run --locked --no-dev releaselint check\n"
    )
    assert second[1] == (
        "python3 -m venv .venv && .venv/bin/pip install uv && .venv/bin/uv run --locked pytest\n"
    )


def test_ci_runs_the_readme_test_command() -> None:
    command = BLOCKS[1][1].strip()
    script = (REPO_ROOT / ".ci" / "run").read_text().splitlines()
    assert f'{command} "$@"' in script
    # pytest's "no tests collected" is a failure, and the script's status is the command's
    assert "set -uo pipefail" in script
    assert 'if [ "$status" -eq 5 ]; then' in script


def test_the_test_command_holds_branch_coverage_to_95_percent() -> None:
    """pytest measures coverage on every run (the hooks git starts included) and the whole
    suite fails under the threshold, so .ci/run, which runs the README's command, does."""
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())
    addopts = pyproject["tool"]["pytest"]["ini_options"]["addopts"]
    coverage = pyproject["tool"]["coverage"]
    assert "--cov" in addopts
    assert not [option for option in addopts if option.startswith("--cov-fail-under")]
    assert coverage["report"]["fail_under"] == 95
    assert coverage["run"]["branch"] is True
    assert coverage["run"]["source"] == ["releaselint"]
    assert coverage["run"]["patch"] == ["subprocess"]


def test_ci_script_fails_when_pytest_collects_nothing(tmp_path: Path) -> None:
    """.ci/run itself, with its venv step given a stand-in ``uv`` that exits as pytest does
    when it collects nothing."""
    work = tmp_path / "checkout"
    (work / ".ci").mkdir(parents=True)
    shutil.copy(REPO_ROOT / ".ci" / "run", work / ".ci" / "run")
    bin_dir = work / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for name, code in (("pip", 0), ("uv", 5)):
        (bin_dir / name).write_text(f"#!/bin/sh\nexit {code}\n")
        (bin_dir / name).chmod(0o755)
    fake = tmp_path / "path"
    fake.mkdir()
    (fake / "python3").write_text("#!/bin/sh\nexit 0\n")  # `python3 -m venv .venv`: it exists
    (fake / "python3").chmod(0o755)
    env = {"PATH": f"{fake}:/usr/bin:/bin"}
    result = subprocess.run(
        ("bash", str(work / ".ci" / "run")), capture_output=True, text=True, env=env
    )
    assert (result.returncode, result.stderr) == (1, "error: no tests were collected\n")
    (bin_dir / "uv").write_text("#!/bin/sh\nexit 3\n")
    again = subprocess.run(("bash", str(work / ".ci" / "run")), capture_output=True, env=env)
    assert again.returncode == 3


def test_the_run_command_installs_the_runtime_dependencies_only() -> None:
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv is not on PATH")
    result = subprocess.run(
        (uv, "export", "--locked", "--no-dev", "--no-hashes", "--no-emit-project",
         "--no-header", "--no-annotate"),
        cwd=REPO_ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    names = {
        re.split(r"[=;\s]", line, maxsplit=1)[0] for line in result.stdout.splitlines() if line
    }
    assert names == {"json5", "packaging", "pyyaml", "tomli"}


def pre_commit_snippet() -> str:
    text = README.split("\n## With pre-commit\n", 1)[1]
    return text.split("```yaml\n", 1)[1].split("```", 1)[0]


def test_the_pre_commit_snippet_has_every_hook() -> None:
    manifest = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text())
    config = yaml.safe_load(pre_commit_snippet())
    (repo,) = config["repos"]
    assert repo["repo"] == "https://github.com/releaselint/releaselint"
    assert [h["id"] for h in repo["hooks"]] == [h["id"] for h in manifest]
    stages = {h["id"]: h.get("stages", ["pre-commit"]) for h in manifest}
    wanted = {s for ids in stages.values() for s in ids if s != "manual"}
    assert set(config["default_install_hook_types"]) == wanted


def test_the_pre_commit_snippet_pins_a_real_revision(tmp_path: Path) -> None:
    """`pre-commit autoupdate --freeze`, as the README says, turns `rev` into a commit sha."""
    remote = tmp_path / "releaselint"
    subprocess.run(
        ("git", "clone", "-q", "--bare", str(REPO_ROOT), str(remote)), check=True
    )  # fmt: skip
    project = tmp_path / "project"
    project.mkdir()
    subprocess.run(("git", "init", "-q"), cwd=project, check=True)
    snippet = pre_commit_snippet().replace(
        "https://github.com/releaselint/releaselint", str(remote)
    )
    (project / ".pre-commit-config.yaml").write_text(snippet)
    run = (sys.executable, "-m", "pre_commit")
    subprocess.run((*run, "validate-config", ".pre-commit-config.yaml"), cwd=project, check=True)
    result = subprocess.run(
        (*run, "autoupdate", "--freeze"), cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rev = yaml.safe_load((project / ".pre-commit-config.yaml").read_text())["repos"][0]["rev"]
    head = subprocess.run(
        ("git", "rev-parse", "HEAD"), cwd=remote, capture_output=True, text=True, check=True
    )
    tags = subprocess.run(("git", "tag"), cwd=remote, capture_output=True, text=True).stdout
    assert re.fullmatch("[0-9a-f]{40}", rev)
    if not tags:
        assert rev == head.stdout.strip()


def test_the_readme_says_how_to_install() -> None:
    for command in (
        "pipx install git+https://github.com/releaselint/releaselint",
        "uv tool install git+https://github.com/releaselint/releaselint",
        "uv tool install .",
        "pipx install releaselint",
    ):
        assert command in README
