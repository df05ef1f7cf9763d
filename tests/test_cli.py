from __future__ import annotations

import subprocess
import sys

import pytest

from releaselint.cli import main
from tests.conftest import Repo
from tests.layouts import released, rust_with_bindings


def test_list_names_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert names[:3] == ["check-version-alignment", "check-tag-semver", "check-conventional-commit"]
    assert "bump" in names


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frobnicate"]) == 2
    assert capsys.readouterr().err.startswith("releaselint: unknown command 'frobnicate'\n")
    assert main([]) == 2


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("releaselint ")


def test_dispatch_to_a_hook_and_check(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    released(repo, rust_with_bindings)
    files = rust_with_bindings()
    files["bindings/node/package.json"] = files["bindings/node/package.json"].replace(
        "1.5.0", "1.0.0", 1
    )
    repo.commit(files=files)
    assert main(["check-version-alignment"]) == 1
    first = capsys.readouterr().out
    assert first.startswith("bindings/node/package.json:3: version '1.0.0' != '1.5.0'")
    assert main(["check"]) == 1
    assert capsys.readouterr().out == first


def test_python_dash_m(repo: Repo) -> None:
    released(repo, rust_with_bindings)
    repo.commit(files=rust_with_bindings())
    result = subprocess.run(
        (sys.executable, "-m", "releaselint", "check"), capture_output=True, text=True
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize(
    ("environ", "hooks"),
    [
        ({}, ["check_version_alignment"]),
        ({"GITHUB_REF": "refs/tags/v1.0.0"}, ["check_version_alignment", "check_tag_semver"]),
        ({"GITHUB_REF": "refs/heads/main"}, ["check_version_alignment"]),
        ({"GITHUB_BASE_REF": "main"}, ["check_version_alignment", "check_conventional_commit"]),
    ],
)
def test_check_runs_what_applies(environ: dict[str, str], hooks: list[str]) -> None:
    from releaselint.commands.check import plan

    assert [module.rsplit(".", 1)[1] for module, _ in plan(environ)] == hooks
