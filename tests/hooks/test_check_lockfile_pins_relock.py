"""The command each drifted lockfile is re-locked with comes from the comparison itself."""

from __future__ import annotations

import shutil
from pathlib import Path

from releaselint.hooks.check_lockfile_pins import find_findings
from tests.conftest import Repo

FIXTURES = Path(__file__).parent.parent / "data" / "lockfiles"


def test_a_raised_pin_is_re_resolved_by_uv(repo: Repo) -> None:
    shutil.copytree(FIXTURES / "uv-registry", repo.path, dirs_exist_ok=True)
    repo.commit("chore: init")
    assert find_findings(str(repo.path), None) == ([], {})
    text = repo.read("pyproject.toml")
    repo.write({"pyproject.toml": text.replace('"idna>=3.5"', '"idna>=3.6"').replace(
        'socks = ["PySocks>=1.7"]', 'socks = ["PySocks>=1.8"]'
    )})  # fmt: skip
    findings, relocks = find_findings(str(repo.path), None)
    assert [f.message[:34] for f in findings] == [
        "requires-dist for 'idna' is '>=3.5",
        "requires-dist for 'pysocks' is '>=",
    ]
    assert relocks == {
        "uv.lock": ["uv", "lock", "--upgrade-package", "idna", "--upgrade-package", "pysocks"]
    }


def test_a_version_edit_re_locks_without_upgrades(repo: Repo) -> None:
    shutil.copytree(FIXTURES / "uv-registry", repo.path, dirs_exist_ok=True)
    repo.commit("chore: init")
    repo.write({"pyproject.toml": repo.read("pyproject.toml").replace("2.1.0", "2.2.0")})
    findings, relocks = find_findings(str(repo.path), None)
    assert len(findings) == 1
    assert relocks == {"uv.lock": ["uv", "lock"]}


def test_a_damaged_lockfile_is_not_re_locked(repo: Repo) -> None:
    """A lockfile that cannot be read is reported; re-locking is for drift alone."""
    shutil.copytree(FIXTURES / "npm-registry", repo.path, dirs_exist_ok=True)
    repo.commit("chore: init")
    repo.write({"package-lock.json": repo.read("package-lock.json")[:40]})
    findings, relocks = find_findings(str(repo.path), None)
    assert [f.path for f in findings] == ["package-lock.json"]
    assert relocks == {}
