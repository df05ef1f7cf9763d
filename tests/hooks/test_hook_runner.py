"""``releaselint-hook NAME ARGS...``, the script .pre-commit-hooks.yaml runs: the same as
the console script NAME, without the ``import re`` pip writes into console scripts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from releaselint.cli import HOOKS
from releaselint.hooks import run_hook
from tests.conftest import REPO_ROOT, Repo, bare_python_env

BIN = Path(sys.executable).parent
SCRIPT = REPO_ROOT / "bin" / "releaselint-hook"
DRIFTED = {
    "pyproject.toml": '[project]\nname = "app"\nversion = "1.1.0"\ndependencies = ["idna>=3.5"]\n',
    "uv.lock": (
        'version = 1\nrevision = 3\nrequires-python = ">=3.10"\n\n[[package]]\nname = "app"\n'
        'version = "1.0.0"\nsource = { virtual = "." }\n\n[package.metadata]\n'
        'requires-dist = [{ name = "idna", specifier = ">=3.4" }]\n'
    ),
}


def run(argv: list[str], cwd: Path) -> tuple[int, str, str]:
    result = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, env=bare_python_env())
    return result.returncode, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["check-lockfile-pins", "pyproject.toml"], 1),
        (["check-lockfile-pins", "--format", "json"], 1),
        (["check-version-alignment"], 0),
        (["check-lockfile-pins", "--no-such-option"], 2),
    ],
)
def test_the_runner_is_the_console_script(repo: Repo, argv: list[str], code: int) -> None:
    repo.write(DRIFTED)
    repo.git("add", "-A")
    by_script = run([str(BIN / argv[0]), *argv[1:]], repo.path)
    by_runner = run([sys.executable, str(SCRIPT), *argv], repo.path)
    assert by_runner == by_script
    assert by_script[0] == code


def test_the_installed_runner_is_the_checked_in_script() -> None:
    installed = BIN / "releaselint-hook"
    assert installed.read_text().split("\n", 1)[1] == SCRIPT.read_text().split("\n", 1)[1]


@pytest.mark.parametrize("argv", [[], ["nope"], ["releaselint"], ["--help"], ["\x1b[2J"]])
def test_anything_but_a_hook_is_a_usage_error(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_hook(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: releaselint-hook {check-version-alignment,")
    assert "releaselint-hook: error: " in err
    assert "\x1b" not in err


def test_every_hook_script_is_runnable() -> None:
    for path, _ in HOOKS.values():
        module = __import__(path, fromlist=["main"])
        assert callable(module.main)


# what pip's console script imports before the hook starts
PIPS_IMPORTS = ("re", "enum", "functools", "collections")


def imported_by_a_manifest_commit(repo: Repo, manifest: str) -> set[str]:
    """The modules the second run of the lockfile hook on ``manifest`` imports (the first
    reads the lockfile and keeps what it says), by ``-X importtime``: a line per module, its
    name last."""
    argv = [sys.executable, "-X", "importtime", str(SCRIPT), "check-lockfile-pins", manifest]
    stderr = ""
    for _ in range(2):
        code, stdout, stderr = run(argv, repo.path)
        assert code == 0, stdout + stderr
    return {line.rsplit("|", 1)[-1].strip() for line in stderr.splitlines() if "|" in line}


def test_the_runner_imports_no_re_on_a_manifest_commit(repo: Repo) -> None:
    """What the runner saves: pip's console script imports ``re`` (with ``enum``,
    ``functools`` and ``collections``) before the hook starts; a commit of a manifest whose
    lockfile is as it was needs none of them."""
    pyproject = '[project]\nname = "app"\nversion = "1.0.0"\ndependencies = ["idna>=3.4"]\n'
    repo.write({**DRIFTED, "pyproject.toml": pyproject})
    repo.git("add", "-A")
    loaded = imported_by_a_manifest_commit(repo, "pyproject.toml")
    assert "releaselint.hooks.check_lockfile_pins" in loaded
    assert sorted(loaded.intersection(PIPS_IMPORTS)) == []


@pytest.mark.parametrize(
    ("fixture", "manifest"),
    [
        ("npm-registry", "package.json"),
        ("poetry-registry", "pyproject.toml"),
        ("pnpm-registry", "package.json"),
    ],
)
def test_a_manifest_commit_of_each_lock_tool_imports_no_re(
    repo: Repo, fixture: str, manifest: str
) -> None:
    """The same for npm, Poetry and pnpm lockfiles in sync with their manifest, in a
    repository of one project (internal pins bring the version ranges in, and ``re``)."""
    import shutil

    shutil.copytree(
        REPO_ROOT / "tests" / "data" / "lockfiles" / fixture, repo.path, dirs_exist_ok=True
    )
    repo.git("add", "-A")
    loaded = imported_by_a_manifest_commit(repo, manifest)
    assert "releaselint.core.pins" in loaded
    assert sorted(loaded.intersection(PIPS_IMPORTS)) == []
