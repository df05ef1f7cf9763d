"""A hook's command line is declared once (``releaselint.parsing.Command``): the runs git and
pre-commit make, with no option, are answered from the declaration without argparse, and
every answer is argparse's."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from releaselint.hooks import (
    check_conventional_commit,
    check_lockfile_pins,
    check_release_please,
    check_tag_semver,
    check_version_alignment,
)
from releaselint.parsing import Arguments, Command, Option

COMMANDS = {
    "check-version-alignment": check_version_alignment.COMMAND,
    "check-tag-semver": check_tag_semver.COMMAND,
    "check-conventional-commit": check_conventional_commit.COMMAND,
    "check-release-please": check_release_please.COMMAND,
    "check-lockfile-pins": check_lockfile_pins.command("check-lockfile-pins"),
    "fix-lockfile-pins": check_lockfile_pins.command("fix-lockfile-pins"),
}
# what a command line may hold besides the command's own flags
OTHER_WORDS = [
    "", "-", "--", "-h", "--help", "-1", "-x", "x", "v1.0.0", "pyproject.toml", "a b",
    "--fi", "--format=json", "json", "text", "=", "-fix", "--no-such-option", "é",
]  # fmt: skip


def answer(parse: object, argv: list[str]) -> tuple[str, object]:
    """What a parse gives: its arguments, or the exit code and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            result = parse(argv)  # type: ignore[operator]
    except SystemExit as e:
        return "exit", (e.code, out.getvalue(), err.getvalue())
    return "parsed", vars(result)


def words(command: Command) -> list[str]:
    flags = [f for o in (*command.options, *command.exclusive) for f in o.flags]
    return [*flags, *OTHER_WORDS]


@pytest.mark.parametrize("name", COMMANDS)
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_every_command_line_gets_argparse_answer(name: str, data: st.DataObject) -> None:
    command = COMMANDS[name]
    argv = data.draw(st.lists(st.sampled_from(words(command)), max_size=5))
    fast = answer(command.parse, argv)
    slow = answer(lambda a: command.parser().parse_args(a), argv)
    assert fast == slow


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize("argv", [[], ["x"], [".git/COMMIT_EDITMSG"], ["a", "", "b"]])
def test_positionals_alone_are_answered_from_the_declaration(name: str, argv: list[str]) -> None:
    command = COMMANDS[name]
    expected = vars(command.parser().parse_args(argv))
    assert vars(command.parse(argv)) == expected
    assert expected[command.positional] == argv


def test_defaults_follow_argparse_rules() -> None:
    command = Command(
        "demo",
        None,
        "files",
        [
            Option("--flag", action="store_true"),
            Option("--no-thing", dest="thing", action="store_false"),
            Option("--many", action="append", default=[]),
            Option("--value", metavar="V"),
            Option("-s", "--long-name", default="d"),
        ],
    )
    parsed = command.parse([])
    assert parsed == Arguments(
        {"flag": False, "thing": True, "many": [], "value": None, "long_name": "d", "files": []}
    )
    assert vars(parsed) == vars(command.parser().parse_args([]))
    # a list default is never shared between runs (argparse copies it before appending)
    assert command.parse([]).many is not command.parse([]).many


def exited(command: Command, argv: list[str]) -> tuple[object, str, str]:
    """The exit code of a parse that exits, and what it printed on stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with (
        pytest.raises(SystemExit) as exit,
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        command.parse(argv)
    return exit.value.code, out.getvalue(), err.getvalue()


def test_usage_errors_exit_2_with_argparse_message() -> None:
    code, out, err = exited(check_version_alignment.COMMAND, ["--bogus"])
    assert (code, out) == (2, "")
    assert err.endswith("check-version-alignment: error: unrecognized arguments: --bogus\n")


def test_hidden_positionals_stay_out_of_help() -> None:
    code, out, _ = exited(check_version_alignment.COMMAND, ["--help"])
    assert code == 0
    assert out.startswith(
        "usage: check-version-alignment [-h] [--fix] [--format {text,json,github}]\n"
    )
    assert "filenames" not in out
    _, shown, _ = exited(check_conventional_commit.COMMAND, ["-h"])
    assert "the message file (commit-msg stage)" in shown


def test_file_names_that_look_like_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """pre-commit passes file names after the options, with no `--`: a folder named `-h` or
    `--format=github` holds a file, not an option. A real option stays one."""
    from releaselint.hooks.check_lockfile_pins import main

    monkeypatch.chdir(tmp_path)
    import subprocess

    subprocess.run(("git", "init", "-q"), check=True)
    for folder in ("-h", "--format=github"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "package.json").write_text('{"name": "a", "version": "1.0.0"}\n')
        (tmp_path / folder / "package-lock.json").write_text(
            '{"name": "a", "version": "2.0.0", "lockfileVersion": 3, "packages": '
            '{"": {"name": "a", "version": "2.0.0"}}}\n'
        )
    subprocess.run(("git", "add", "-A"), check=True)
    for folder in ("-h", "--format=github"):
        assert main([f"{folder}/package-lock.json"]) == 1
        out = capsys.readouterr().out
        assert f"{folder}/package-lock.json: packages[\"\"].version is '2.0.0'" in out
    assert main(["--format", "json", "-h/package-lock.json"]) == 1
    assert capsys.readouterr().out.startswith('{\n  "findings"')
