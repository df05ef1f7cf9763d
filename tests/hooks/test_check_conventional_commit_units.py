"""check-conventional-commit's hints and comment characters as tables; range mode with
emoji and autosquash settings, on a terminal that cannot show its signs."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from releaselint.core.commit_config import CommitConfig
from releaselint.hooks.check_conventional_commit import comment_char, main, rule_hint
from tests.conftest import Repo

HEADER = (
    "expected '<type>(<scope>): <subject>' with a type of build, chore, ci, docs, feat, fix, "
    "perf, refactor, revert, style, test, e.g. 'fix(parser): handle empty input'"
)


@pytest.mark.parametrize(
    ("rule", "hint"),
    [
        ("type-enum", HEADER),
        ("message-empty", HEADER),
        ("header-max-length", "shorten the header to 100 characters; say the rest in the body"),
        ("subject-full-stop", "drop the full stop at the end of the subject"),
        ("subject-case", None),
        ("body-max-line-length", "wrap the body (a line holding an http(s):// URL may stay long)"),
        ("footer-leading-blank", "leave an empty line before the footer"),
        ("release-as-semver", "give Release Please a SemVer version: 'Release-As: 1.2.3'"),
        ("body-empty", None),
    ],
)
def test_rule_hint(rule: str, hint: str | None) -> None:
    assert rule_hint(rule, CommitConfig()) == hint


@pytest.mark.parametrize(
    ("configured", "text", "char"),
    [
        (None, "#x\n", "#"),
        (";", "", ";"),
        ("//", "", "//"),  # git 2.45: a string
        ("", "", "#"),
        ("auto", "feat: x\n", "#"),
        ("auto", "#1 is fixed\n; Please enter the commit message\n", ";"),
        ("auto", "feat: x\n# a heading\n;  On branch main\n", ";"),
        # every candidate starts a line of the message and none holds git's comments
        ("auto", "".join(f"{c}x\n" for c in "#;@!$%^&|:"), "#"),
    ],
)
def test_comment_char(configured: str | None, text: str, char: str) -> None:
    assert comment_char(configured, text) == char


def test_two_message_files_are_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["a", "b"])
    assert raised.value.code == 2
    assert capsys.readouterr().err.endswith(
        "check-conventional-commit: error: at most one message file\n"
    )


def commits(repo: Repo, config: str) -> dict[str, str]:
    repo.commit("chore: base", files={"releaselint.toml": config})
    repo.git("tag", "base")
    shas = {}
    for message in ("✨ feat: add thing", "fixup! feat: add thing", "bad message", "fix: fine"):
        shas[message] = repo.commit(message)[:7]
    return shas


SUMMARY_HELP = "Get help: https://github.com/releaselint/releaselint/blob/main/docs/check-conventional-commit.md\n"


@pytest.mark.parametrize(
    ("autosquash", "fixup", "summary"),
    [
        ("warning", ["{fixup} fixup! feat: add thing", "{fixup}:1: warning: fixup! commit must be squashed before merge [autosquash]"],
         "found 2 problems, 1 warnings"),
        ("off", [], "found 2 problems, 0 warnings"),
    ],
)  # fmt: skip
def test_range_with_emoji_and_autosquash_settings(
    repo: Repo,
    capsys: pytest.CaptureFixture[str],
    autosquash: str,
    fixup: list[str],
    summary: str,
) -> None:
    shas = commits(repo, f'[commits]\nemoji = true\nautosquash = "{autosquash}"\n')
    bad, fix = shas["bad message"], shas["fixup! feat: add thing"]
    assert main(["--from", "base"]) == 1
    lines = [
        f"{bad} bad message",
        f"{bad}:1: subject may not be empty [subject-empty]",
        f"{bad}:1: type may not be empty [type-empty]",
        *(line.format(fixup=fix) for line in fixup),
        f"hint: {HEADER}",
        # git matches a fixup by the subject it begins: "✨ feat: add thing" is not
        # "feat: add thing…", so autosquash would leave it where it is
        *(
            [
                "hint: the commit it fixes is not among those since base: reword it as a commit "
                "of its own (git rebase -i base, then 'reword')"
            ]
            if fixup
            else []
        ),
        f"✖ {summary}",
        f"ⓘ {SUMMARY_HELP}",
    ]
    assert capsys.readouterr().out == "\n".join(lines)


def test_a_terminal_without_the_signs_gets_every_word(repo: Repo) -> None:
    commits(repo, '[commits]\nemoji = true\nautosquash = "off"\n')
    result = subprocess.run(
        (sys.executable, "-m", "releaselint.hooks.check_conventional_commit", "--from", "base"),
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert result.returncode == 1
    assert result.stdout.endswith(f"? found 2 problems, 0 warnings\n? {SUMMARY_HELP}")
