from __future__ import annotations

import json
import os
import signal
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

# A suite started in the background of a shell inherits SIGINT ignored, and so would every
# program it starts: the tests that send Ctrl-C to a real child need the default.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS = REPO_ROOT.parent / "shared" / "corpus"
# read before the autouse fixture below clears CI for each test
IN_CI = bool(os.environ.get("CI"))
# whether this run collected some tests only (file arguments, -k, -m, --deselect)
SOME_TESTS = pytest.StashKey[bool]()


def pytest_deselected(items: list[pytest.Item]) -> None:
    if items:
        items[0].config.stash[SOME_TESTS] = True


def pytest_collection_finish(session: pytest.Session) -> None:
    """Coverage's threshold holds for a run of the whole suite; a run of some tests reports
    what they reach and passes or fails on the tests alone."""
    config = session.config
    whole = config.args_source is pytest.Config.ArgsSource.TESTPATHS
    if whole and not config.stash.get(SOME_TESTS, False):
        return
    # pytest-cov keeps its options in the namespace it was registered with and reads
    # cov_fail_under from it once the tests have run
    plugin = config.pluginmanager.get_plugin("_cov")
    if plugin is not None:
        plugin.options.cov_fail_under = None


def bare_python_env() -> dict[str, str]:
    """The environment of a Python child that must start as a user's hook starts: without
    the coverage tracer that measures the suite's children (coverage's ``patch = subprocess``
    starts it from these variables), whose own imports would count as the child's."""
    hidden = ("COVERAGE_PROCESS_CONFIG", "COVERAGE_PROCESS_START")
    return {name: value for name, value in os.environ.items() if name not in hidden}


def read_corpus(name: str) -> list[dict[str, Any]]:
    """The rows of a reference corpus file; a skip where the corpus is absent (a fresh
    clone passes its own test command), a failure in CI (which must not pass by skipping)."""
    path = CORPUS / name
    if not path.exists():
        if IN_CI:
            pytest.fail(
                f"{path} is absent and CI is set: check the corpus out beside the repository"
            )
        pytest.skip(f"{path} is absent")
    # one record a line, split at "\n" only: messages hold U+2028, which splitlines() splits at
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]


@pytest.fixture(autouse=True)
def isolated_git(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test sees a git with no user or system config, a fixed identity and no
    variables leaking in from a hook that may be running the suite."""
    home = tmp_path_factory.mktemp("home")
    templates = tmp_path_factory.mktemp("templates")
    for name in list(os.environ):
        if name.startswith(("GIT_", "PRE_COMMIT")) or name in ("GITHUB_REF", "GITHUB_BASE_REF"):
            monkeypatch.delenv(name)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_HEAD_REF", raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_TEMPLATE_DIR", str(templates))
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Test")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "test@example.com")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Test")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "test@example.com")
    (home / ".gitconfig").write_text(
        "[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n"
        '[protocol "file"]\n\tallow = always\n'
    )


def git(cwd: Path, *args: str, input: str | None = None) -> str:
    proc = subprocess.run(
        ("git", *args), cwd=cwd, capture_output=True, text=True, input=input, check=False
    )
    if proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout


class Repo:
    """A real git repository in a temp folder, with helpers to write and commit files."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def git(self, *args: str, input: str | None = None) -> str:
        return git(self.path, *args, input=input)

    def write(self, files: Mapping[str, str | bytes]) -> None:
        for name, content in files.items():
            target = self.path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, str):
                content = content.encode()
            target.write_bytes(content)

    def read(self, name: str) -> str:
        return (self.path / name).read_bytes().decode()

    def commit(
        self, message: str = "chore: update", files: Mapping[str, str | bytes] | None = None
    ) -> str:
        if files:
            self.write(files)
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD").strip()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    path = tmp_path / "repo"
    path.mkdir()
    git(path, "init", "-q")
    monkeypatch.chdir(path)
    return Repo(path)
