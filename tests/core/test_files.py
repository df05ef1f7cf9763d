"""Reading and writing repository files: paths that stay inside, writes that are whole."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from releaselint.core.errors import FatalError
from releaselint.core.files import Edit, locate, plan_writes, read_file, recover
from releaselint.hooks.check_version_alignment import main as check
from tests.conftest import Repo
from tests.layouts import released, rust_with_bindings


def _leftovers(repo: Repo) -> list[str]:
    """Temp files and journals a write left behind."""
    found = [str(p.relative_to(repo.path)) for p in repo.path.rglob(".releaselint-*")]
    found += [p.name for p in (repo.path / ".git").glob("releaselint-journal*")]
    return sorted(found)


# -- where files may be read and written ----------------------------------------------------


@pytest.fixture
def linked(repo: Repo, tmp_path: Path) -> Repo:
    """A work tree with every kind of symbolic link."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "f").write_text("secret")
    repo.write({"real/f": "inside", "plain": "plain"})
    (repo.path / "to-outside").symlink_to(outside)
    (repo.path / "to-real").symlink_to("real")
    (repo.path / "to-file").symlink_to("real/f")
    (repo.path / "to-git").symlink_to(".git")
    (repo.path / "dangling").symlink_to("nowhere")
    os.mkfifo(repo.path / "fifo")
    return repo


@pytest.mark.parametrize(
    ("path", "text", "error"),
    [
        ("plain", "plain", None),
        ("real/f", "inside", None),
        ("to-real/f", "inside", None),
        ("to-file", "inside", None),
        ("missing", None, None),
        ("dangling", None, None),
        ("real", None, None),  # a folder
        ("fifo", None, None),  # never opened for a blocking read
        ("to-outside/f", None, "to-outside/f: leads outside the repository"),
        ("../outside/f", None, "../outside/f: leads outside the repository"),
        ("to-git/config", None, "to-git/config: is inside the git directory"),
    ],
)
def test_read_file(linked: Repo, path: str, text: str | None, error: str | None) -> None:
    if error is None:
        assert read_file(str(linked.path), path) == text
    else:
        with pytest.raises(FatalError) as raised:
            read_file(str(linked.path), path)
        assert str(raised.value) == f"{error}; releaselint does not read it"


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("plain", None),
        ("real/f", None),
        ("to-real/f", "to-real: is a symbolic link; releaselint does not write through it"),
        ("to-file", "to-file: is a symbolic link; releaselint does not write through it"),
        ("to-outside/f", "to-outside: is a symbolic link; releaselint does not write through it"),
        (
            "../outside/f",
            "../outside/f: leads outside the repository; releaselint does not read it",
        ),
        (".git/config", ".git/config: is inside the git directory; releaselint does not write it"),
    ],
)
def test_locate_for_writing(linked: Repo, path: str, error: str | None) -> None:
    root = str(linked.path)
    if error is None:
        assert locate(root, path, write=True) == os.path.join(root, path)
    else:
        with pytest.raises(FatalError) as raised:
            locate(root, path, write=True)
        assert str(raised.value) == error


def test_a_git_directory_inside_the_work_tree_under_another_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`git init --separate-git-dir`: .git is a file naming the real git directory."""
    root = tmp_path / "tree"
    root.mkdir()
    subprocess.run(
        ("git", "init", "-q", "--separate-git-dir", str(root / "store"), str(root)), check=True
    )
    (root / "link").symlink_to("store")
    for path in ("store/config", "link/config"):
        with pytest.raises(FatalError) as raised:
            read_file(str(root), path)
        assert str(raised.value) == (
            f"{path}: is inside the git directory; releaselint does not read it"
        )
    with pytest.raises(FatalError, match=r"^store/HEAD: is inside the git directory"):
        locate(str(root), "store/HEAD", write=True)


# -- what may be written ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "edit", "error"),
    [
        ('v = "1.0.0"', Edit("f", 5, 10, "2.0.0", "1.0.0"), None),
        ('v = "1.0.0"', Edit("f", 5, 10, '2"\nx', "1.0.0"), "f:1: refusing to write '2\"\\nx'"),
        ('v = "1.0.0"', Edit("f", 5, 10, "2.0.0\\", "1.0.0"), "f:1: refusing to write"),
        ('v = "1.0.0"', Edit("f", 5, 10, "", "1.0.0"), "f:1: refusing to write ''"),
        (
            'v = "1\\u002e0.0"',
            Edit("f", 5, 15, "2.0.0", "1.0.0"),
            "f:1: the version is not written as plain text here",
        ),
        ('v = "1.0.1"', Edit("f", 5, 10, "2.0.0", "1.0.0"), "f:1: the version is not written"),
    ],
)
def test_plan_writes_refuses_what_is_not_a_plain_version_over_a_plain_one(
    repo: Repo, text: str, edit: Edit, error: str | None
) -> None:
    repo.write({"f": text})
    if error is None:
        assert plan_writes(str(repo.path), [edit]) == {"f": (text, 'v = "2.0.0"')}
    else:
        with pytest.raises(FatalError) as raised:
            plan_writes(str(repo.path), [edit])
        assert str(raised.value).startswith(error)


def test_a_file_named_as_long_as_a_name_may_be_is_written(repo: Repo) -> None:
    """The temporary file beside it is named within 255 bytes too."""
    from releaselint.core.files import write_atomically

    name = "v" * 251 + ".txt"
    repo.write({name: "1.0.0\n"})
    write_atomically(str(repo.path), {name: ("1.0.0\n", "2.0.0\n")})
    assert repo.read(name) == "2.0.0\n"


def test_overlapping_edits_are_a_located_refusal(repo: Repo) -> None:
    """An extra-files pattern matching inside its own match (a lookahead, a version that
    overlaps itself) plans two overlapping edits: refused with the line, not a traceback."""
    repo.write({"VERSION.txt": "x\n1.0.1-1.0.1-1.0.1\n"})
    edits = [Edit("VERSION.txt", 2, 13, "2.0.0", None), Edit("VERSION.txt", 8, 19, "2.0.0", None)]
    with pytest.raises(FatalError) as raised:
        plan_writes(str(repo.path), edits)
    assert str(raised.value).startswith("VERSION.txt:2: two of the versions to write overlap")


def test_a_file_changed_since_the_plan_is_not_written_over(repo: Repo) -> None:
    """Two bumps at once, or an editor's save between the plan and the write: the write
    refuses, changing no file, and the other change stays (it was lost)."""
    from releaselint.core.files import write_atomically

    repo.write({"a": 'v = "1.0.0"\n', "b": 'v = "1.0.0"\n'})
    edits = [Edit(name, 5, 10, "2.0.0", "1.0.0") for name in ("a", "b")]
    plan = plan_writes(str(repo.path), edits)
    repo.write({"b": 'v = "1.0.0"\nsaved = true\n'})
    with pytest.raises(FatalError) as raised:
        write_atomically(str(repo.path), plan)
    assert str(raised.value) == (
        "b: changed since releaselint read it (another write, an editor?); no file was "
        "changed: run the command again"
    )
    assert repo.read("a") == 'v = "1.0.0"\n'
    assert repo.read("b") == 'v = "1.0.0"\nsaved = true\n'
    assert recover(str(repo.path)) is None  # no journal left
    write_atomically(str(repo.path), plan_writes(str(repo.path), edits))
    assert repo.read("b") == 'v = "2.0.0"\nsaved = true\n'


# -- transactions -------------------------------------------------------------------------------

# Runs `releaselint bump` and stops it with a signal just before its N-th operation on a temp
# file or journal (an audit hook: the real process, really killed, at a chosen point).
_STOPPED_BUMP = """
import os, sys
stop_at, signum = int(sys.argv[1]), int(sys.argv[2])
seen = 0
def hook(event, args):
    global seen
    if event in ("open", "os.rename", "os.remove", "os.link") and args:
        path = args[0]
        if isinstance(path, str) and "releaselint-" in os.path.basename(path):
            seen += 1
            if seen - 1 == stop_at:
                os.kill(os.getpid(), signum)
sys.addaudithook(hook)
from releaselint.cli import main
sys.exit(main(["bump", *sys.argv[3:]]))
"""


def _run_stopped(repo: Repo, stop_at: int, signum: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        (sys.executable, "-c", _STOPPED_BUMP, str(stop_at), str(signum), "major"),
        cwd=repo.path,
        capture_output=True,
        text=True,
        check=False,
    )


def _all_old_or_all_new(repo: Repo, capsys: pytest.CaptureFixture[str]) -> str:
    """After one more command: the group holds one version, whole; which one."""
    assert check([]) == 0, capsys.readouterr()
    version = "2.0.0" if 'version = "2.0.0"' in repo.read("Cargo.toml") else "1.5.0"
    if version == "1.5.0":
        assert {p: repo.read(p) for p in rust_with_bindings()} == rust_with_bindings()
    assert _leftovers(repo) == []
    return version


# A bump of rust_with_bindings touches 5 files: journal (3 operations), 5 temp files,
# 5 renames, journal removal -- 14; stopping at 14 and beyond lets it finish.
@pytest.mark.parametrize("stop_at", range(15))
def test_killed_at_every_step_the_next_command_completes_or_undoes(
    repo: Repo, capsys: pytest.CaptureFixture[str], stop_at: int
) -> None:
    released(repo, rust_with_bindings)
    repo.commit(files=rust_with_bindings())
    proc = _run_stopped(repo, stop_at, signal.SIGKILL)
    killed = proc.returncode == -signal.SIGKILL
    assert killed is (stop_at < 14), proc.stderr
    version = _all_old_or_all_new(repo, capsys)
    err = capsys.readouterr().err
    if killed and stop_at >= 2:  # the journal has its name (os.link, step 1)
        done = "completed" if version == "2.0.0" else "undid"
        assert err == (
            f"releaselint: {done} a write that was cut short: Cargo.toml, "
            "bindings/node/package-lock.json, bindings/node/package.json, "
            "bindings/python/Cargo.toml, bindings/python/pyproject.toml\n"
        )
    else:
        assert err == ""
    # a kill after the journal and every temp file (8 steps) completes the bump
    assert version == ("2.0.0" if stop_at >= 8 else "1.5.0")


@pytest.mark.parametrize("stop_at", [0, 2, 4, 8, 10, 13])
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_waits_for_the_write_to_finish(
    repo: Repo, capsys: pytest.CaptureFixture[str], stop_at: int, signum: int
) -> None:
    released(repo, rust_with_bindings)
    repo.commit(files=rust_with_bindings())
    proc = _run_stopped(repo, stop_at, signum)
    if signum == signal.SIGINT:
        assert proc.returncode == 130  # quietly, as a shell expects of Ctrl-C
        assert "Traceback" not in proc.stderr
    else:
        assert proc.returncode == -signal.SIGTERM
    assert _all_old_or_all_new(repo, capsys) == "2.0.0"
    assert capsys.readouterr().err == ""  # nothing was left to recover


def test_sigkill_at_random_moments(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m releaselint bump` killed at delays spread over its whole run (fixed seed):
    after each kill and one more command, the group is all old or all new."""
    released(repo, rust_with_bindings)
    files = rust_with_bindings()
    argv = (sys.executable, "-m", "releaselint", "bump", "major")
    repo.commit(files=files)
    start = time.monotonic()
    subprocess.run(argv, cwd=repo.path, capture_output=True, check=True)
    duration = time.monotonic() - start
    rng = random.Random(20261122)
    outcomes = []
    for _ in range(20):
        repo.git("checkout", "-q", "--", ".")
        assert check([]) == 0
        proc = subprocess.Popen(
            argv, cwd=repo.path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0, duration * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        outcomes.append(_all_old_or_all_new(repo, capsys))
    capsys.readouterr()
    assert set(outcomes) <= {"1.5.0", "2.0.0"}


def test_a_journal_that_names_a_path_outside_is_refused(repo: Repo) -> None:
    repo.commit(files={"a": "1"})
    (repo.path / ".git/releaselint-journal").write_text(
        '{"releaselint-journal": 1, "files": [{"path": "../x", "temp": "../.releaselint-1"}]}'
    )
    with pytest.raises(FatalError, match=r"^\.\./x: leads outside the repository"):
        recover(str(repo.path))


def test_an_unreadable_journal_is_an_error(repo: Repo) -> None:
    repo.commit(files={"a": "1"})
    journal = repo.path / ".git/releaselint-journal"
    journal.write_text("{")
    with pytest.raises(FatalError) as raised:
        recover(str(repo.path))
    assert str(raised.value) == (
        f"{journal}: unreadable releaselint journal; remove it and check `git status`"
    )


def test_no_journal_nothing_to_recover(repo: Repo) -> None:
    repo.commit(files={"a": "1"})
    assert recover(str(repo.path)) is None
    assert recover(str(repo.path), exact=True) is None


def test_a_live_writers_journal_is_left_alone(repo: Repo) -> None:
    repo.commit(files={"a": "1"})
    journal = repo.path / ".git/releaselint-journal"
    with subprocess.Popen(("sleep", "30")) as writer:
        try:
            journal.write_text(f'{{"releaselint-journal": 1, "pid": {writer.pid}, "files": []}}')
            with pytest.raises(FatalError) as raised:
                recover(str(repo.path))
            assert str(raised.value) == (
                f"a releaselint write is under way (process {writer.pid}); try again"
            )
            # older than a minute: the process id was reused, the journal is settled
            os.utime(journal, (time.time() - 120, time.time() - 120))
            assert recover(str(repo.path)) == "completed a write that was cut short: "
            assert not journal.exists()
        finally:
            writer.kill()


@pytest.mark.parametrize("write", [False, True])
def test_a_path_with_a_nul_is_no_file(repo: Repo, write: bool) -> None:
    # a config value (a Release Please package path) can hold a NUL, which os.* refuses
    with pytest.raises(
        FatalError, match=r"^'a\\x00/package.json': not a file name \(it holds a NUL byte\)$"
    ):
        locate(str(repo.path), "a\0/package.json", write=write)
