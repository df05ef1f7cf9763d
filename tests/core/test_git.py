"""The process layer: every program through one runner, git's output split on its own bytes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from releaselint.commands.install import install
from releaselint.core import git
from releaselint.core.errors import FatalError
from releaselint.core.git import local_tags
from tests.conftest import Repo

BIN = Path(sys.executable).parent

# A program as loud as a lock tool: $1 bytes of noise on stderr before anything on stdout,
# then $2 bytes on stdout, an optional last stderr line $4, and exit code $3.
LOUD = """#!/bin/sh
yes 'some noise' | head -c "$1" >&2
yes 'some output' | head -c "$2"
if [ -n "$4" ]; then printf '%s\\n' "$4" >&2; fi
exit "$3"
"""
# A program that outlives any timeout, with a child of its own: writes both pids to $1.
SLOW = """#!/bin/sh
echo started >&2
sleep 60 &
echo "$$ $!" > "$1"
wait
"""
NOISE = b"some noise\n" * 27_273  # 300,003 bytes, whole lines


@pytest.fixture
def programs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fake programs, first on PATH."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for name, text in (("loud", LOUD), ("slow", SLOW)):
        (folder / name).write_text(text)
        (folder / name).chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return folder


# cwd=None runs through posix_spawn and memory files, a cwd through subprocess
ENGINES = pytest.mark.parametrize("cwd", [None, "."], ids=["spawn", "subprocess"])


@ENGINES
def test_a_loud_program_is_read_whole(programs: Path, cwd: str | None) -> None:
    code, out, err = git.capture(("loud", "300003", "200000", "0"), cwd=cwd)
    assert (code, len(out), err) == (0, 200_000, NOISE)
    assert git.run_program(("loud", "300003", "70000", "0"), cwd=cwd) == out[:70_000]


@ENGINES
def test_input_and_output_larger_than_a_pipe(cwd: str | None) -> None:
    data = bytes(range(256)) * 2_000
    assert git.run_program(("cat",), cwd=cwd, input=data) == data
    assert git.run_program(("cat",), cwd=cwd) == b""  # stdin is empty, never ours


@ENGINES
def test_a_failure_keeps_command_code_and_whole_stderr(programs: Path, cwd: str | None) -> None:
    argv = ("loud", "300003", "10", "3", "error: the reason")
    with pytest.raises(git.ProcessError) as caught:
        git.run_program(argv, cwd=cwd)
    assert str(caught.value) == "loud failed: the reason"
    assert caught.value.argv == argv
    assert caught.value.returncode == 3
    assert caught.value.stderr == NOISE + b"error: the reason\n"
    assert isinstance(caught.value, FatalError)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("loud", "22", "0", "4"), "loud failed: some noise"),  # no error line: the last one
        (("loud", "0", "0", "4"), "loud failed: exit 4"),
        (("sh", "-c", "kill -9 $$"), "sh failed: killed by signal 9"),
        (("loud", "0", "0", "1", "! [rejected] x"), "loud failed: ! [rejected] x"),
    ],
)
def test_failure_messages(programs: Path, argv: tuple[str, ...], message: str) -> None:
    with pytest.raises(git.ProcessError) as caught:
        git.run_program(argv)
    assert str(caught.value) == message


def test_git_failures_name_the_line_that_says_why(repo: Repo, tmp_path: Path) -> None:
    repo.commit("feat: x")
    with pytest.raises(git.ProcessError) as caught:
        git.run(("log", "nope"), str(repo.path))
    assert str(caught.value) == (
        "git log failed: ambiguous argument 'nope': unknown revision or path not in the "
        "working tree."
    )
    assert caught.value.returncode == 128
    assert caught.value.argv == (
        "git", "-c", "log.showSignature=false", "-C", str(repo.path), "log", "nope"
    )  # fmt: skip
    assert b"Use '--' to separate paths from revisions" in caught.value.stderr
    bare = tmp_path / "remote.git"
    repo.git("init", "-q", "--bare", str(bare))
    with pytest.raises(git.ProcessError) as caught:
        git.run(("push", str(bare), "nope"), str(repo.path))
    assert str(caught.value) == (
        f"git push failed: src refspec nope does not match any; "
        f"failed to push some refs to '{bare}'"
    )
    assert git.try_run(("log", "nope"), str(repo.path)) is None


@ENGINES
def test_timeout_kills_the_program_and_what_it_started(
    programs: Path, tmp_path: Path, cwd: str | None
) -> None:
    pids = tmp_path / "pids"
    with pytest.raises(git.ProcessError) as caught:
        git.capture(("slow", str(pids)), cwd=cwd, timeout=1.5)
    assert str(caught.value) == "slow timed out after 1.5 s"
    assert caught.value.returncode is None
    assert caught.value.stderr == b"started\n"
    for pid in pids.read_text().split():
        assert ends_soon(int(pid))


def ends_soon(pid: int) -> bool:
    """A killed process is gone once the kernel has run it to its end: give it 10 s."""
    for _ in range(200):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            return True
        if "\nState:\tZ" in status:  # a zombie waiting for its parent to reap it is dead
            return True
        time.sleep(0.05)
    return False


# A program that ignores Ctrl-C and has its caller interrupted once it waits for it (a second
# is ample for that), then waits: writes its pid to $1.
INTERRUPTING = """#!/bin/sh
trap '' INT
echo "$$" > "$1"
sleep 1
kill -INT "$PPID"
exec sleep 60
"""


@ENGINES
def test_ctrl_c_leaves_no_program_behind(programs: Path, tmp_path: Path, cwd: str | None) -> None:
    (programs / "interrupting").write_text(INTERRUPTING)
    (programs / "interrupting").chmod(0o755)
    pid = tmp_path / "pid"
    with pytest.raises(KeyboardInterrupt):
        git.capture(("interrupting", str(pid)), cwd=cwd)
    assert ends_soon(int(pid.read_text()))


def test_a_timeout_that_is_met_changes_nothing(programs: Path) -> None:
    assert git.run_program(("loud", "11", "5", "0"), timeout=30) == b"some "
    with pytest.raises(git.ProcessError, match=r"^loud failed: x$"):
        git.run_program(("loud", "11", "5", "2", "error: x"), timeout=30)


@ENGINES
def test_a_program_not_found(programs: Path, cwd: str | None) -> None:
    with pytest.raises(git.ProcessError) as caught:
        git.run_program(("releaselint-no-such-program", "x"), cwd=cwd)
    assert str(caught.value) == "releaselint-no-such-program is not installed or not on PATH"
    assert caught.value.returncode is None
    (programs / "not-executable").write_text("#!/bin/sh\n")
    with pytest.raises(git.ProcessError, match=r"^not-executable: cannot run: Permission denied"):
        git.run_program((str(programs / "not-executable"),), cwd=cwd)
    with pytest.raises(git.ProcessError, match=r"^not-executable is not installed or not on PATH"):
        git.run_program(("not-executable",), cwd=cwd)  # on PATH, but no program


def test_a_missing_working_directory(tmp_path: Path) -> None:
    with pytest.raises(git.ProcessError, match=r"^ls: no such directory '.*/nowhere'$"):
        git.run_program(("ls",), cwd=str(tmp_path / "nowhere"))


def test_git_not_installed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(git.ProcessError, match=r"^git is not installed or not on PATH$"):
        git.try_run(("rev-parse", "HEAD"))  # not an answer from git: raised, not None


@pytest.mark.parametrize(
    ("env", "kept"),
    [
        (
            {
                "PATH": "/bin",
                "HOME": "/h",
                "GIT_DIR": "/elsewhere/.git",
                "GIT_INDEX_FILE": "/elsewhere/.git/index",
                "GIT_WORK_TREE": "/elsewhere",
                "GIT_OBJECT_DIRECTORY": "/o",
                "GIT_CONFIG_PARAMETERS": "'core.bare'='true'",
                "GIT_AUTHOR_NAME": "A",
            },
            {"PATH": "/bin", "HOME": "/h"},
        ),
        (
            {
                "GIT_EXEC_PATH": "/x",
                "GIT_SSH": "ssh",
                "GIT_SSH_COMMAND": "ssh -i k",
                "GIT_SSL_CAINFO": "/ca",
                "GIT_SSL_NO_VERIFY": "1",
                "GIT_CONFIG_COUNT": "1",
                "GIT_CONFIG_KEY_0": "a.b",
                "GIT_CONFIG_VALUE_0": "c",
                "GIT_CONFIG_GLOBAL": "/g",
                "GIT_CONFIG_NOSYSTEM": "1",
                "GIT_HTTP_PROXY_AUTHMETHOD": "basic",
                "GIT_ALLOW_PROTOCOL": "https",
                "GIT_ASKPASS": "/p",
                "GITHUB_REF": "refs/tags/v1",
            },
            None,  # all kept
        ),
    ],
)
def test_no_git_env(env: dict[str, str], kept: dict[str, str] | None) -> None:
    assert git.no_git_env(env) == (env if kept is None else kept)


def test_calls_aimed_at_another_repository_ignore_the_hooks_git_dir(
    repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other"
    repo.git("init", "-q", str(other))
    # what git exports to a hook running in a submodule or a worktree
    monkeypatch.setenv("GIT_DIR", str(repo.path / ".git"))
    args = ("rev-parse", "--absolute-git-dir")
    assert git.run(args, str(other)).strip() == str(repo.path / ".git").encode()
    assert git.run_in_other_repository(args, str(other)).strip() == str(other / ".git").encode()
    assert git.run(args, str(other), env=git.no_git_env()).strip() == str(other / ".git").encode()
    assert "GIT_DIR" in os.environ  # ours untouched


def test_run_program_passes_the_environment_given() -> None:
    env = {"PATH": os.environ["PATH"], "RELEASELINT_TEST": "given"}
    assert git.run_program(("printenv", "RELEASELINT_TEST"), env=env) == b"given\n"
    with pytest.raises(git.ProcessError, match=r"^printenv failed: exit 1$"):
        git.run_program(("printenv", "RELEASELINT_TEST"), env={"PATH": os.environ["PATH"]})


@ENGINES
def test_the_program_is_found_on_the_path_it_is_given(programs: Path, cwd: str | None) -> None:
    path = os.environ["PATH"]
    only_ours = path.split(os.pathsep, 1)[1]
    assert git.run_program(("loud", "0", "4", "0"), cwd=cwd, env={"PATH": path}) == b"some"
    with pytest.raises(git.ProcessError, match=r"^loud is not installed or not on PATH$"):
        git.run_program(("loud", "0", "4", "0"), cwd=cwd, env={"PATH": only_ours})
    assert git.run_program((str(programs / "loud"), "0", "4", "0"), cwd=cwd, env={}) == b"some"


# ---------------------------------------------------------------- where there is no work tree
def test_bare_repository_and_git_directory(tmp_path: Path, repo: Repo) -> None:
    bare = tmp_path / "bare.git"
    repo.git("init", "-q", "--bare", str(bare))
    with pytest.raises(FatalError, match=r"^not inside a work tree \(this is a bare repository\)$"):
        git.toplevel(str(bare))
    with pytest.raises(FatalError, match=r"^not inside a work tree \(this is the git directory\)$"):
        git.toplevel(str(repo.path / ".git"))
    with pytest.raises(FatalError, match=r"^not inside a git repository$"):
        git.toplevel(str(tmp_path))
    assert git.toplevel(str(repo.path)) == str(repo.path)


# ---------------------------------------------------------------- splitting git's output
ODD_NAMES = [
    "v1.0.0\u2028x",
    "v1.0.0\u2029",
    "v1\u0085",
    "v1\xa0\u3000",
    "v1.\udcff",  # the byte 0xff: not UTF-8
]


def test_local_tags_with_any_name_git_allows(repo: Repo) -> None:
    head = repo.commit("feat: x")
    for name in ODD_NAMES:
        subprocess.run(("git", "tag", os.fsencode(name)), cwd=repo.path, check=True)
    repo.git("tag", "-a", "v2.0.0", "-m", "release")
    tags = local_tags(str(repo.path))
    assert sorted(tags) == sorted([*ODD_NAMES, "v2.0.0"])
    assert {t.commit for t in tags.values()} == {head}
    assert [t.kind for t in tags.values() if t.name == "v2.0.0"] == ["tag"]


def test_batch_calls_skip_names_they_cannot_ask(repo: Repo) -> None:
    head = repo.commit("feat: x", files={"a b.txt": "spaced\n", "c.txt": "c\n"})
    names = [
        f"{head}:a b.txt",
        f"{head}:no such file",
        f"{head}:c.txt\nHEAD",  # one name, never two
        f"{head}:c.txt\r",
        "",
        f"{head}:c.txt",
        "HEAD:\udcff",
    ]
    assert git.cat_files(str(repo.path), names) == [
        b"spaced\n",
        None,
        None,
        None,
        None,
        b"c\n",
        None,
    ]
    found = git.batch_check(str(repo.path), names)
    assert [f and f[1] for f in found] == ["blob", None, None, None, None, "blob", None]
    assert git.cat_files(str(repo.path), []) == []
    assert git.batch_check(str(repo.path), ["\n"]) == [None]


def test_ls_tree_lists_blobs_with_any_name(repo: Repo) -> None:
    files = {"Cargo.toml": "a", "odd\nname/Cargo.toml": "b", "x\udcff/Cargo.toml": "c"}
    head = repo.commit("feat: x", files={**files, "VERSION": "1", "Cargo.toml.bak": "d"})
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{head},sub")  # a submodule
    repo.git("commit", "-q", "-m", "chore: submodule")
    listed = git.ls_tree(str(repo.path), "HEAD", [":(glob)**/Cargo.toml", ":(literal)VERSION"])
    assert sorted(listed) == ["Cargo.toml", "VERSION", "odd\nname/Cargo.toml", "x\udcff/Cargo.toml"]
    contents = git.cat_files(str(repo.path), [listed[p] for p in sorted(listed)])
    assert contents == [b"a", b"1", b"b", b"c"]
    assert git.ls_tree(str(repo.path), "HEAD", [":(literal)sub"]) == {}
    with pytest.raises(ValueError, match="unsupported pathspec"):
        git.ls_tree(str(repo.path), "HEAD", ["*.toml"])


def test_odd_tag_names_are_checked_and_refused_on_push(repo: Repo, tmp_path: Path) -> None:
    """A tag named with U+2028 or a byte that is not UTF-8 is refused, its name escaped, and
    does not stop the pushes of other tags (``str.splitlines`` would cut git's output in the
    middle of such a name)."""
    remote = tmp_path / "remote.git"
    repo.git("init", "-q", "--bare", str(remote))
    repo.commit("feat: first", files={"Cargo.toml": '[package]\nname = "a"\nversion = "1.0.0"\n'})
    repo.git("remote", "add", "origin", str(remote))
    repo.git("push", "-q", "origin", "main")
    assert install([]) == 0
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    odd = {"v1.0.0\u2028": r"v1.0.0\u2028", "v1.0.0\udcff": r"v1.0.0\xff"}
    for name, shown in odd.items():
        subprocess.run(("git", "tag", os.fsencode(name)), cwd=repo.path, check=True)
        pushed = subprocess.run(
            (b"git", b"push", b"origin", os.fsencode(f"refs/tags/{name}")),
            cwd=repo.path, capture_output=True, env=env,
        )  # fmt: skip
        assert pushed.returncode == 1
        assert f"refs/tags/{shown}: ".encode() in pushed.stdout + pushed.stderr
        assert b"Traceback" not in pushed.stdout + pushed.stderr
    repo.git("tag", "v1.0.0")
    pushed = subprocess.run(
        ("git", "push", "origin", "v1.0.0"), cwd=repo.path, capture_output=True, env=env
    )
    assert pushed.returncode == 0, pushed.stderr
    assert (
        subprocess.run(("git", "tag", "--list"), cwd=remote, capture_output=True, check=True).stdout
        == b"v1.0.0\n"
    )


def test_without_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert git.try_toplevel() is None  # a message file is still linted, with defaults
    with pytest.raises(git.ProcessError, match=r"^git is not installed or not on PATH$"):
        git.toplevel()


def test_an_argument_with_a_nul_names_nothing(repo: Repo) -> None:
    # a config value (bootstrap-sha) can hold a NUL; no program can take it as an argument
    repo.commit("feat: x")
    assert git.rev_parse(str(repo.path), "HEAD\0") is None
    with pytest.raises(git.ProcessError) as e:
        git.run(("log", "a\0b"), str(repo.path))
    assert (str(e.value), e.value.returncode) == (
        "git log failed: an argument holds a NUL byte",
        128,
    )


# ---------------------------------------------------------------- listing files by name
ODD_PATHS = [
    "package.json", "a/b/package.json", "a/package.json/x", "xpackage.json", "a/xpackage.json",
    "package.jsonx", "Package.json", "sp ace/package.json", "é/Cargo.toml", "[a]/Cargo.toml",
    "*/Cargo.toml", "q?/pyproject.toml", "a/b/c/d/e/uv.lock", "x.uv.lock", "uv.lock/uv.lock",
    "back\\slash/package.json", "nl\n/package.json", "tab\t/Cargo.toml", "-/Cargo.toml",
]  # fmt: skip


@pytest.mark.parametrize("ignorecase", [False, True])
def test_listing_by_name_is_the_glob_listing(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, ignorecase: bool
) -> None:
    """``*NAME`` and a filter on the name find what ``:(glob)**/NAME`` finds: tracked,
    untracked and ignored files with odd names, folders named like a file, names that end
    like one, whatever pathspec variables the environment sets."""
    tracked = ODD_PATHS[::2]
    repo.write({path: "" for path in ODD_PATHS})
    repo.write({"ignored/package.json": "", ".gitignore": "ignored/\n"})
    repo.git("add", "--", *(f":(literal){path}" for path in tracked))
    if ignorecase:
        repo.git("config", "core.ignorecase", "true")
    name_sets = [
        ["package.json", "Cargo.toml", "pyproject.toml", "uv.lock"],
        ["package.json"],
        ["uv.lock", "a*.json"],  # a glob character: asked as written
    ]
    root = str(repo.path)
    for names in name_sets:
        specs = [f":(glob)**/{name}" for name in names]
        expected = git.ls_files(root, specs, by_name=False)
        assert git.ls_files(root, specs) == expected, names
        for variable in git._PATHSPEC_VARIABLES:
            monkeypatch.setenv(variable, "1")
            assert git.ls_files(root, specs) == expected, (names, variable)
            monkeypatch.delenv(variable)
    specs = [":(glob)**/package.json", ":(literal)c.txt"]  # another form: asked as written
    assert git.ls_files(root, specs) == git.ls_files(root, specs, by_name=False)
    if not ignorecase:
        assert git.ls_files(root, [":(glob)**/package.json"]) == [
            "a/b/package.json", "back\\slash/package.json", "nl\n/package.json", "package.json",
            "sp ace/package.json",
        ]  # fmt: skip


def test_paths_are_named_not_matched(repo: Repo) -> None:
    """A file named like a pattern (``[a]/x``) is that file alone: ``a/x`` changing beside
    it does not make it dirty."""
    repo.commit("feat: x", files={"[a]/x": "1\n", "a/x": "1\n"})
    repo.write({"a/x": "2\n"})
    assert git.dirty_paths(str(repo.path), ["[a]/x"]) == []
    assert git.dirty_paths(str(repo.path), ["a/x", "[a]/x"]) == ["a/x"]
