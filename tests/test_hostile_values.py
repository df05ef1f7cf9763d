"""Values past what the libraries releaselint calls accept: nesting past the stack (json,
PyYAML), numbers past int()'s 4,300 digits (packaging), a lone surrogate no UTF-8 file holds.
Each gets a located message or a quiet "cannot decide", never a traceback."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest

from releaselint.cli import main as cli
from releaselint.hooks.check_lockfile_pins import main as check_lockfile_pins
from releaselint.hooks.check_release_please import main as check_release_please
from tests.conftest import Repo

HUGE = "1" + "0" * 5000  # int() refuses it
NODE_RP: dict[str, object] = {"release-type": "node", "packages": {".": {}}}


def _release_please(repo: Repo, config: Mapping[str, object], **files: str) -> None:
    repo.commit(
        files={
            "release-please-config.json": json.dumps(config),
            ".release-please-manifest.json": '{".": "1.0.0"}\n',
            "package.json": '{"name": "a", "version": "1.0.0"}\n',
            **files,
        }
    )


def _no_traceback(capsys: pytest.CaptureFixture[str]) -> str:
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return out + err


def test_a_yaml_extra_file_nested_past_the_stack(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = {"type": "yaml", "path": "x.yaml", "jsonpath": "$.version"}
    config = {"release-type": "node", "packages": {".": {"extra-files": [extra]}}}
    _release_please(repo, config, **{"x.yaml": "version: 1.0.0\nx: " + "[" * 5000 + "]" * 5000})
    assert check_release_please([]) in (0, 1)
    _no_traceback(capsys)


def test_a_release_please_package_json_nested_past_the_stack(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    _release_please(repo, NODE_RP, **{"package.json": "[" * 1000})
    assert check_release_please([]) in (0, 1)
    assert cli(["next-version"]) in (0, 1)
    _no_traceback(capsys)


def test_a_jsonpath_that_is_no_string(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    extra = {"type": "json", "path": "x.json", "jsonpath": 1}
    config = {"release-type": "node", "packages": {".": {"extra-files": [extra]}}}
    _release_please(repo, config, **{"x.json": '{"version": "1.0.0"}\n'})
    assert check_release_please([]) in (0, 1)
    _no_traceback(capsys)


@pytest.mark.parametrize(
    "where",
    ["manifest", "release-as", "footer"],
)
def test_a_release_please_version_past_int(
    repo: Repo, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    config: Mapping[str, object] = NODE_RP
    if where == "release-as":
        config = {**config, "release-as": f"{HUGE}.0.0"}
    _release_please(repo, config)
    if where == "manifest":
        repo.write({".release-please-manifest.json": json.dumps({".": f"{HUGE}.0.0"})})
    message = f"feat: x\n\nRelease-As: {HUGE}.0.0\n" if where == "footer" else "feat: x"
    repo.commit(message, files={"f": "x\n"})
    assert cli(["next-version"]) == 1
    assert "version number too long" in _no_traceback(capsys)


@pytest.mark.parametrize(
    "files",
    [
        {
            "Cargo.toml": '[package]\nname = "app"\nversion = "1.0.0"\n\n[dependencies]\n'
            'helper = { path = "helper", version = "1.2.3" }\n',
            "helper/Cargo.toml": f'[package]\nname = "helper"\nversion = "{HUGE}.0.0"\n',
        },
        {
            "c/pyproject.toml": f'[project]\nname = "c"\nversion = "{HUGE}.0.0"\n',
            "d/pyproject.toml": '[project]\nname = "d"\nversion = "1.0.0"\n'
            'dependencies = ["c>=1.0"]\n',
        },
        {
            "a/pyproject.toml": '[project]\nname = "a"\nversion = "1.0.0"\n'
            f'dependencies = ["b=={HUGE}"]\n',
            "b/pyproject.toml": '[project]\nname = "b"\nversion = "1.0.0"\n',
        },
    ],
    ids=["cargo", "python sibling", "python pin"],
)
def test_a_version_past_int_decides_nothing(
    repo: Repo, capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    """No tool reads such a version either (Cargo's are u64, node-semver's 256 characters):
    no stale pin is claimed on it."""
    repo.commit(files=files)
    assert check_lockfile_pins([]) == 0
    assert cli(["bump", "--group", "b", "patch", "--dry-run"]) in (0, 1)
    _no_traceback(capsys)


def test_a_lone_surrogate_in_a_commitlint_config(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(files={"a": "x\n"})
    repo.write(
        {".commitlintrc.json": '{"rules": {"type-enum": [2, "always", ["feat", "\\ud800"]]}}\n'}
    )
    assert cli(["commitlint-import"]) == 1
    out = _no_traceback(capsys)
    assert "a lone surrogate no UTF-8 file can hold; nothing written" in out
    assert not (repo.path / "releaselint.toml").exists()


def test_escape_sequences_in_names_never_reach_the_terminal(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder named ``x<ESC>[31mRED`` (git allows it): every line that names it shows
    the escape, as findings do."""
    folder = "x\x1b[31mRED"
    repo.commit(
        files={
            "package.json": '{"name": "a", "version": "1.0.0", "workspaces": ["*"]}\n',
            f"{folder}/package.json": '{"name": "b", "version": "1.0.0"}\n',
            "releaselint.toml": '[groups.g]\nmembers = ["*"]\nsource = "package.json"\n',
        }
    )
    assert cli(["explain"]) == 0
    assert cli(["bump", "patch", "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err
    assert "x\\x1b[31mRED/package.json" in out


# ------------------------------------------------------------------ ref names git allows
def _refname(text: bytes) -> str:
    import os

    return os.fsdecode(text)


def test_ref_names_that_are_not_utf8(
    repo: Repo,
    capsys: pytest.CaptureFixture[str],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A branch, a tag and origin/HEAD whose names are not UTF-8 (git allows any byte
    but a few): each command answers, and `tag --push` sends that very branch."""
    import subprocess

    _release_please(repo, NODE_RP)
    repo.git("tag", _refname(b"v1.0.0-\xff"))
    assert cli(["check-conventional-commit", "--from-last-tag"]) == 0
    repo.git("checkout", "-q", "-b", _refname(b"feature-\xff"))
    (repo.path / "msg").write_text("feat: ok\n")
    assert check_release_please(["--commit-msg", "msg"]) == 0
    repo.git("checkout", "-q", "-")
    repo.git("symbolic-ref", "refs/remotes/origin/HEAD", _refname(b"refs/remotes/origin/ma\xffn"))
    assert check_release_please([]) == 0
    _no_traceback(capsys)

    other = tmp_path_factory.mktemp("plain")
    remote = other / "remote.git"
    subprocess.run(("git", "init", "-q", "--bare", str(remote)), check=True)
    plain = Repo(other / "work")
    plain.path.mkdir()
    plain.git("init", "-q", "-b", "main")
    plain.commit("feat: a", files={"pyproject.toml": '[project]\nname = "d"\nversion = "1.0.0"\n'})
    plain.git("remote", "add", "origin", str(remote))
    plain.git("checkout", "-q", "-b", _refname(b"rel\xff"))
    monkeypatch.chdir(plain.path)
    assert cli(["tag", "1.0.0", "--push", "origin"]) == 0
    assert "Pushed rel\\xff and v1.0.0 to origin" in _no_traceback(capsys)
    heads = subprocess.run(
        ("git", "for-each-ref", "--format=%(refname)", "refs/heads"),
        cwd=remote, capture_output=True, check=True,
    ).stdout  # fmt: skip
    assert heads == b"refs/heads/rel\xff\n"


def test_a_tag_named_like_the_branch_or_head(
    repo: Repo, capsys: pytest.CaptureFixture[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A tag `main` beside the branch `main`: `tag --push` pushes the branch main, not
    `heads/main`. A tag named `HEAD`: --from-last-tag starts at that tag, not at HEAD."""
    import subprocess

    remote = tmp_path_factory.mktemp("remote") / "remote.git"
    subprocess.run(("git", "init", "-q", "--bare", str(remote)), check=True)
    repo.git("checkout", "-q", "-b", "main")
    repo.commit("feat: a", files={"pyproject.toml": '[project]\nname = "d"\nversion = "1.0.0"\n'})
    repo.git("remote", "add", "origin", str(remote))
    repo.git("push", "-q", "origin", "main")
    repo.git("tag", "main")
    assert cli(["tag", "1.1.0", "--bump", "--push", "origin"]) == 0
    capsys.readouterr()
    heads = subprocess.run(
        ("git", "for-each-ref", "--format=%(refname) %(objectname)", "refs/heads"),
        cwd=remote, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert heads == f"refs/heads/main {repo.git('rev-parse', 'HEAD').strip()}\n"

    repo.git("tag", "HEAD")
    repo.commit("bad message")
    assert cli(["check-conventional-commit", "--from-last-tag"]) == 1
    assert "type may not be empty" in _no_traceback(capsys)


@pytest.mark.parametrize("variable", ["GIT_LITERAL_PATHSPECS", "GIT_NOGLOB_PATHSPECS"])
def test_git_pathspec_variables_change_no_answer(
    repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    """GIT_LITERAL_PATHSPECS=1 in the environment: bump still refuses a manifest with
    unstaged changes, and `tag --bump` commits what it wrote, then tags it."""
    repo.commit("feat: a", files={"pyproject.toml": '[project]\nname = "d"\nversion = "1.0.0"\n'})
    monkeypatch.setenv(variable, "1")
    (repo.path / "pyproject.toml").write_text(repo.read("pyproject.toml") + "# local edit\n")
    assert cli(["bump", "--to", "1.0.1"]) == 1
    assert "unstaged changes in pyproject.toml" in _no_traceback(capsys)
    repo.git("checkout", "-q", "--", ".")
    assert cli(["tag", "1.0.2", "--bump"]) == 0
    _no_traceback(capsys)
    assert repo.git("status", "--porcelain") == ""
    assert repo.git("tag", "--points-at", "HEAD") == "v1.0.2\n"


def test_a_line_break_in_a_path_forges_no_line_of_explain(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = "x\n    pyproject.toml:3: [project].version = '9.9.9'\nz"
    repo.commit(
        files={
            "pyproject.toml": '[project]\nname = "a"\nversion = "1.0.0"\n',
            f"{forged}/package.json": '{\n  "name": "x",\n  "version": "1.0.0"\n}\n',
        }
    )
    assert cli(["explain"]) == 0
    out = _no_traceback(capsys)
    assert not any(line.startswith("    pyproject.toml:3: [project].version = '9.9.9'")
                   for line in out.splitlines())  # fmt: skip
    assert "x\\n    pyproject.toml:3" in out


def test_a_commit_message_file_that_is_a_fifo(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """Read without blocking, and refused: only a regular file is a message."""
    import os

    os.mkfifo(repo.path / "msg")
    assert cli(["check-conventional-commit", "msg"]) == 1
    assert "msg: cannot read: not a regular file" in _no_traceback(capsys)


@pytest.mark.parametrize(
    ("path", "text", "field"),
    [
        (
            "pyproject.toml",
            '[project]\nname = "demo"\nversion = """2.0.0"""\n',
            "[project].version",
        ),
        (
            "Cargo.toml",
            "[package]\nname = \"demo\"\nversion = '''\n2.0.0'''\n",
            "[package].version",
        ),
    ],
)
def test_a_version_written_as_a_multi_line_string(
    repo: Repo, capsys: pytest.CaptureFixture[str], path: str, text: str, field: str
) -> None:
    """uv and cargo read it; releaselint says it does not, where it was silent (a check that
    passed, a bump that left the file behind)."""
    repo.commit(
        files={
            path: text,
            "package.json": '{\n  "name": "demo",\n  "version": "1.0.0"\n}\n',
            "releaselint.toml": f'[groups.demo]\nmembers = ["{path}", "package.json"]\n',
        }
    )
    assert cli(["check-version-alignment"]) == 1
    out = _no_traceback(capsys)
    assert f"{path}:3: {field} is a multi-line string" in out
    assert cli(["bump", "--to", "3.0.0"]) == 1
    assert f"{path}:3: {field} is a multi-line string" in _no_traceback(capsys)
    assert '"version": "1.0.0"' in repo.read("package.json")


def test_a_rule_length_past_a_float(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    """A length of 401 digits (past a float's range): a limit like any other, no
    OverflowError from the check that it is a number."""
    rules = f'[commits.rules]\nheader-max-length = [2, "always", {"9" * 401}]\n'
    repo.commit("feat: a", files={"releaselint.toml": rules})
    (repo.path / "msg").write_text("feat: a message of any length\n")
    assert cli(["check-conventional-commit", "msg"]) == 0
    _no_traceback(capsys)


def test_a_commit_header_reaches_the_terminal_escaped(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo.path / "msg").write_text("bad\x1b[2J\x1b[1;1Hall good\rfeat: ok\n")
    assert cli(["check-conventional-commit", "msg"]) == 1
    out = _no_traceback(capsys)
    assert "\x1b" not in out
    assert "\r" not in out
    assert "⧗ input: bad\\x1b[2J\\x1b[1;1Hall good\\rfeat: ok" in out


def test_a_release_plan_reaches_the_terminal_escaped(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """`tag --bump` prints the plan as `bump` does: a package name holding escape sequences
    (a terminal's title, a cleared screen) is shown, not obeyed."""
    name = "x\\u001b]0;PWNED\\u0007\\u001b[2J"
    repo.commit("feat: x", files={"package.json": f'{{"name": "{name}", "version": "1.0.0"}}\n'})
    assert cli(["tag", "1.1.0", "--bump", "--dry-run"]) == 0
    out = _no_traceback(capsys)
    assert "\x1b" not in out
    assert "\x07" not in out
    assert "x\\x1b]0;PWNED\\x07\\x1b[2J: 1.0.0 -> 1.1.0" in out


def test_commit_hints_and_help_reach_the_terminal_escaped(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """A configured type (in the type-enum hint) and help-url hold escape sequences: shown,
    not obeyed."""
    repo.write(
        {
            "releaselint.toml": '[commits]\nhelp-url = "http://x\\u001b]0;PWNED\\u0007"\n'
            '[commits.rules]\ntype-enum = [2, "always", ["feat", "fi\\u001b[31mx"]]\n',
            "msg": "x: y\n",
        }
    )
    assert cli(["check-conventional-commit", "msg"]) == 1
    out = _no_traceback(capsys)
    assert "\x1b" not in out
    assert "\x07" not in out
    assert "ⓘ Get help: http://x\\x1b]0;PWNED\\x07" in out


def test_a_path_forges_no_workflow_command(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    """GitHub's runner takes a line that starts with `::` for a command: a folder so named
    is spelled from "./" in text output."""
    folder = "::error title=Release approved::all checks passed"
    repo.commit(
        files={
            "package.json": '{"name": "root", "private": true, "workspaces": ["packages/*", "::*"]}',
            "packages/core/package.json": '{"name": "@acme/core", "version": "2.0.0"}',
            f"{folder}/package.json": '{"name": "app", "version": "0.1.0", '
            '"dependencies": {"@acme/core": "1.4.0"}}',
        }
    )
    assert check_lockfile_pins([]) == 1
    out = _no_traceback(capsys)
    assert not [line for line in out.splitlines() if line.startswith("::")]
    assert f"./{folder}/package.json:1: requires '@acme/core'" in out


def test_a_terminal_that_cannot_spell_a_path(repo: Repo, tmp_path: Path) -> None:
    """stdout in ISO-8859-1 and a CJK folder: escapes, not a UnicodeEncodeError."""
    import subprocess
    import sys

    repo.commit(
        files={
            "Cargo.toml": '[package]\nname = "a"\nversion = "1.1.0"\n',
            "文档/package.json": '{"name": "b", "version": "2.0.0"}',
            "releaselint.toml": '[groups.g]\nmembers = ["Cargo.toml", "文档"]\n',
        }
    )
    import os

    env = {**os.environ, "PYTHONIOENCODING": "iso-8859-1"}
    result = subprocess.run(
        (sys.executable, "-m", "releaselint", "check-version-alignment"),
        cwd=repo.path, capture_output=True, env=env,
    )  # fmt: skip
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    assert result.stdout.startswith(b"\\u6587\\u6863/package.json:1: version '2.0.0' != '1.1.0'")
