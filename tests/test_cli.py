from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from releaselint.cli import COMMANDS, HOOKS, main
from releaselint.commands.check import CI_VARIABLES
from tests.conftest import Repo
from tests.layouts import released, rust_with_bindings


@pytest.fixture(autouse=True)
def no_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """The suite may itself run in CI: none of its variables reach `releaselint check`."""
    for name in CI_VARIABLES:
        monkeypatch.delenv(name, raising=False)


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


def test_help_lists_every_command_with_its_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "releaselint: git hooks that keep releases honest; one command for all of them.\n\n"
        "usage: releaselint [--version] <command> [args...]\n\ncommands:\n"
        "  check-version-alignment     version declarations that disagree, static versions "
        "where tags decide\n"
    )
    for name, (_, summary) in {**HOOKS, **COMMANDS}.items():
        assert f"\n  {name:<28}{summary}\n" in out
    assert out.endswith("\nreleaselint help <command> (or <command> --help) for its options\n")
    assert main(["help"]) == 0
    assert capsys.readouterr().out == out


@pytest.mark.parametrize("command", [*HOOKS, *COMMANDS])
def test_help_command_shows_its_options(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["help", command]) == 0
    out = capsys.readouterr().out
    prog = command if command in HOOKS else f"releaselint {command}"
    assert out.startswith(f"usage: {prog} ")


def test_help_of_an_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["help", "frobnicate"]) == 2
    assert capsys.readouterr() == (
        "",
        "releaselint: unknown command 'frobnicate'\n"
        "usage: releaselint [--version] <command> [args...]\n"
        "(releaselint --help lists the commands)\n",
    )


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
    # the node package's lock still says 1.5.0
    assert main(["check-lockfile-pins"]) == 1
    pins = capsys.readouterr().out
    assert pins.count("bindings/node/package-lock.json: ") == 2
    assert main(["check"]) == 1
    assert capsys.readouterr().out == (
        f"check-version-alignment ... failed\n{first}"
        f"check-lockfile-pins ... failed\n{pins}"
        "check-tag-semver ... skipped (not in CI: give --tag NAME)\n"
        "check-conventional-commit ... skipped (not in CI: give --from REF [--to REF])\n"
        "4 checks: 2 failed, 2 skipped; 3 findings\n"
    )


def test_python_dash_m(repo: Repo) -> None:
    released(repo, rust_with_bindings)
    repo.commit(files=rust_with_bindings())
    result = subprocess.run(
        (sys.executable, "-m", "releaselint", "check", "--quiet"), capture_output=True, text=True
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def script(name: str) -> str:
    """The console script pip installed beside the interpreter, as pre-commit runs it."""
    return str(Path(sys.executable).parent / name)


def misaligned_repo(repo: Repo) -> None:
    files = rust_with_bindings()
    files["bindings/node/package.json"] = files["bindings/node/package.json"].replace(
        "1.5.0", "1.0.0", 1
    )
    repo.commit(files=files)
    repo.git("tag", "v1.0")
    repo.commit("not conventional")


@pytest.mark.parametrize(
    "argv",
    [
        ["releaselint", "check", "--tag", "v1.0", "--from", "HEAD~1"],
        ["releaselint", "bump", "--dry-run", "minor", "--allow-dirty"],
        ["check-version-alignment"],
        ["check-tag-semver", "--ref", "v1.0"],
        ["check-conventional-commit", "--from", "HEAD~1"],
        ["check-release-please"],
    ],
)
def test_a_reader_gone_ends_the_run_quietly(repo: Repo, argv: list[str]) -> None:
    misaligned_repo(repo)
    if argv[0] == "check-release-please":
        release_please_behind(repo)
    read, write = os.pipe()
    os.close(read)  # the reader has gone before the first byte: every write fails
    try:
        result = subprocess.run(
            (script(argv[0]), *argv[1:]), stdout=write, stderr=subprocess.PIPE, text=True
        )
    finally:
        os.close(write)
    assert (result.returncode, result.stderr) == (141, "")


def release_please_behind(repo: Repo) -> None:
    """A Release Please manifest that records 1.0.0 for a package at 1.5.0."""
    repo.commit(
        "chore: release please",
        files={
            "release-please-config.json": '{"packages": {"bindings/node": {}}}\n',
            ".release-please-manifest.json": '{"bindings/node": "0.9.0"}\n',
        },
    )


@pytest.mark.parametrize("closed", [">&-", "2>&-", ">&- 2>&-"])
@pytest.mark.parametrize(
    "argv", [["releaselint", "check"], ["check-version-alignment"], ["check-release-please"]]
)
def test_a_run_started_with_its_output_closed_says_nothing_and_keeps_its_status(
    repo: Repo, argv: list[str], closed: str
) -> None:
    """`cmd >&-`: Python gives no stream where the descriptor is closed; the run writes into
    nothing, and its status is the one it has with the stream open."""
    import shlex

    misaligned_repo(repo)
    release_please_behind(repo)
    command = " ".join(shlex.quote(a) for a in (script(argv[0]), *argv[1:]))
    opened = subprocess.run(("bash", "-c", command), capture_output=True, text=True)
    result = subprocess.run(
        ("bash", "-c", f"{command} {closed}; echo status $?"), capture_output=True, text=True
    )
    assert "Traceback" not in result.stderr
    assert opened.returncode == 1  # findings, said where the output is open
    assert result.stdout.splitlines()[-1] == f"status {opened.returncode}"


@pytest.mark.parametrize(
    ("command", "lines"),
    [("releaselint check --tag v1.0 --from HEAD~1", 1), ("releaselint bump --dry-run minor", 3)],
)
def test_head_reads_the_first_lines_and_nothing_else_is_said(
    repo: Repo, command: str, lines: int
) -> None:
    misaligned_repo(repo)
    pipeline = f'{script(command.split()[0])} {command.split(" ", 1)[1]} | head -{lines}; echo "status ${{PIPESTATUS[0]}}"'
    result = subprocess.run(("bash", "-c", pipeline), capture_output=True, text=True)
    out = result.stdout.splitlines()
    assert len(out) == lines + 1
    assert out[-1] in ("status 0", "status 1", "status 141")  # 141 where head closed in time
    assert result.stderr == ""


def blocked_on_stdin(pid: int) -> bool:
    """Whether the process waits in a read of a pipe (Linux: /proc/PID/wchan names the
    kernel function it sleeps in; /proc/PID/syscall starts with the call and its first
    argument, read(0, ...) being "0 0x0" on x86-64)."""
    try:
        with open(f"/proc/{pid}/wchan") as f:
            if "pipe" in f.read():
                return True
        with open(f"/proc/{pid}/syscall") as f:
            return f.read().startswith("0 0x0 ")
    except OSError:
        return False


@pytest.mark.parametrize(
    "argv",
    [["check-tag-semver", "--pre-push"], ["releaselint", "check-tag-semver", "--pre-push"]],
)
def test_ctrl_c_exits_130_without_a_traceback(repo: Repo, argv: list[str]) -> None:
    if not os.path.exists("/proc/self/wchan"):
        pytest.skip("needs /proc/PID/wchan to see the hook wait for its input")
    repo.commit(files=rust_with_bindings())
    proc = subprocess.Popen(
        (script(argv[0]), *argv[1:]),
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        # the hook waits for git's pre-push lines: that is where a user's Ctrl-C lands
        for _ in range(3000):
            if blocked_on_stdin(proc.pid):
                break
            time.sleep(0.01)
        else:
            raise AssertionError("the hook never waited for its input")
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert (proc.returncode, out, err) == (130, "", "")
