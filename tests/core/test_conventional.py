"""The parser and rules, against the spec's and commitlint's verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from releaselint.core.commit_rules import DEFAULT_RULES, ensure_case, is_default_ignored, lint
from releaselint.core.conventional import parse, strip_message, utf16_len
from tests import conftest
from tests.conftest import read_corpus

DEVIATIONS = ("Merge commit from fork",)


@pytest.mark.parametrize(
    ("header", "type_", "scope", "subject", "breaking"),
    [
        ("feat: add thing", "feat", None, "add thing", False),
        ("feat(scope)!: drop node 18", "feat", "scope", "drop node 18", True),
        ("feat(a)!: b (c): d", "feat", "a", "b (c): d", True),
        ("feat(a)(b): c", "feat", "a)(b", "c", False),
        ("feat(): x", "feat", None, "x", False),
        ("(scope): add", None, "scope", "add", False),
        ("feat:add", None, None, None, False),
        ("fëat: unicode type", None, None, None, False),
        ("feat: x\u2028y", None, None, None, False),
        ("feat(scope): ", "feat", "scope", None, False),
    ],
)
def test_header_grammar(
    header: str, type_: str | None, scope: str | None, subject: str | None, breaking: bool
) -> None:
    commit = parse(header)
    assert (commit.type, commit.scope, commit.subject, commit.breaking) == (
        type_,
        scope,
        subject,
        breaking,
    )


@pytest.mark.parametrize(
    ("message", "body", "footer", "notes"),
    [
        (
            "feat: x\n\nbody\n\nBREAKING CHANGE: gone\nmore",
            "body",
            "BREAKING CHANGE: gone\nmore",
            [("BREAKING CHANGE", "gone")],
        ),
        (
            "feat: x\n\nBREAKING-CHANGE: gone",
            "",
            "BREAKING-CHANGE: gone",
            [("BREAKING-CHANGE", "gone")],
        ),
        # 7.1: a note needs its colon
        ("feat: x\n\nBREAKING CHANGE gone", "BREAKING CHANGE gone", None, []),
        ("fix: x\n\nbody\nCloses #12\nafter", "body", "Closes #12\nafter", []),
        # "#12." is prose, and a line with a URL holds no reference
        ("fix: x\n\nsee #12.\nmore", "see #12.\nmore", None, []),
        (
            "fix: x\n\n[#1](https://example.com/1) done",
            "[#1](https://example.com/1) done",
            None,
            [],
        ),
        ("fix: x\n\n\n\nbody after blanks", "body after blanks", None, []),
        ("fix: x\r\n\r\nbody\r\n", "body", None, []),
    ],
)
def test_body_footer_and_notes(
    message: str, body: str | None, footer: str | None, notes: list[tuple[str, str]]
) -> None:
    commit = parse(message)
    assert (commit.body, commit.footer, commit.notes) == (body, footer, notes)


@pytest.mark.parametrize(
    ("text", "case", "expected"),
    [
        ("Add thing", "sentence-case", True),
        ("add thing", "sentence-case", False),
        ("Add Thing", "start-case", True),
        ("AddThing", "pascal-case", True),
        ("ADD THING", "upper-case", True),
        ("add-thing", "kebab-case", True),
        ("add_thing", "snake-case", True),
        ("addThing", "camel-case", True),
        ("`Foo` handling", "sentence-case", False),
        ("2fa", "upper-case", True),
        ("", "lower-case", True),
    ],
)
def test_ensure_case(text: str, case: str, expected: bool) -> None:
    assert ensure_case(text, case) is expected


def _rules(message: str) -> tuple[list[str], list[str]]:
    problems = lint(message, DEFAULT_RULES) or []
    return (
        sorted({p.rule for p in problems if p.level == 2}),
        sorted({p.rule for p in problems if p.level == 1}),
    )


@pytest.mark.parametrize(
    ("message", "errors", "warnings"),
    [
        ("feat: add thing", [], []),
        ("Feat: add thing", ["type-case", "type-enum"], []),
        ("feat: Add thing", ["subject-case"], []),
        ("feat: add thing.", ["subject-full-stop"], []),
        ("feat: add thing...", [], []),
        ("feat: iOS support", [], []),
        ("feat: Über alles", ["subject-case"], []),
        ("feat: 添加支持", [], []),
        (" feat: x", ["header-trim", "subject-empty", "type-empty"], []),
        ("feat: " + "x" * 94, [], []),
        ("feat: " + "x" * 95, ["header-max-length"], []),
        ("feat: " + "\U0001f600" * 47, [], []),
        ("feat: " + "\U0001f600" * 48, ["header-max-length"], []),
        ("fix: x\n\n" + "y" * 101, ["body-max-line-length"], []),
        ("fix: x\n\nsee https://example.com/" + "y" * 120, [], []),
        ("fix: x\n\nbody\nCloses #12", [], ["footer-leading-blank"]),
        ("feat: x\nno blank", [], ["body-leading-blank"]),
        ("fix: x\n\nRelease-As: 2.0", ["release-as-semver"], []),
        ("Initial commit", ["subject-empty", "type-empty"], []),
    ],
)
def test_default_rules(message: str, errors: list[str], warnings: list[str]) -> None:
    rules = {**DEFAULT_RULES, "release-as-semver": (2, "always", None)}
    problems = lint(message, rules) or []
    assert sorted({p.rule for p in problems if p.level == 2}) == errors
    assert sorted({p.rule for p in problems if p.level == 1}) == warnings


@pytest.mark.parametrize(
    ("message", "ignored"),
    [
        ("Merge branch 'main' into feat", True),
        ("Merge pull request #1 from a/b\n\nfeat: x", True),
        ('Revert "feat: x"\n\nThis reverts commit abc.', True),
        ("fixup! feat: x", True),
        ("v1.2.3", True),
        ("chore(release): 1.2.3", True),
        ("Merge commit from fork", True),
        # commitlint skips this whole message for its body line; releaselint does not
        ("feat: Add\n\nMerge branch x", False),
        ("Initial commit", False),
    ],
)
def test_default_ignores(message: str, ignored: bool) -> None:
    assert is_default_ignored(message) is ignored


def test_utf16_length() -> None:
    assert utf16_len("a\U0001f600é") == 4


@pytest.mark.parametrize(
    ("text", "char", "message", "numbers"),
    [
        ("feat: x\n# comment\n\nbody\n", "#", "feat: x\n\nbody", [1, 3, 4]),
        ("# top\nfeat: x\n", "#", "feat: x", [2]),
        ("feat: x\n; comment\n# kept\n", ";", "feat: x\n# kept", [1, 3]),
        (
            "feat: x\n\nbody\n# ------------------------ >8 ------------------------\ndiff\n",
            "#",
            "feat: x\n\nbody",
            [1, 2, 3],
        ),
        ("# only comments\n\n", "#", "", []),
    ],
)
def test_strip_message(text: str, char: str, message: str, numbers: list[int]) -> None:
    assert strip_message(text, char) == (message, numbers)


def test_corpus_agreement_range_mode() -> None:
    rows = read_corpus("commits.jsonl")
    differ = []
    for row in rows:
        message = str(row["message"])
        expected = (sorted(set(row["commitlint_errors"])), sorted(set(row["commitlint_warnings"])))
        if _rules(message) != expected and not message.startswith(DEVIATIONS):
            differ.append(message[:80])
    assert differ == []
    assert len(rows) > 5000


def test_corpus_agreement_commit_msg_mode() -> None:
    differ = []
    for row in read_corpus("commits.jsonl"):
        message = str(row["message"])
        stripped, _ = strip_message(message, "#")
        errors = _rules(stripped)[0] if stripped.strip() else []
        if errors != sorted(set(row["commitlint_errors_edit"])) and not message.startswith(
            DEVIATIONS
        ):
            differ.append(message[:80])
    assert differ == []


@settings(derandomize=True)
@given(st.text())
def test_any_text_lints_to_problems_on_real_lines(text: str) -> None:
    problems = lint(text, {**DEFAULT_RULES, "release-as-semver": (2, "always", None)})
    assert problems is None or all(p.line >= 1 for p in problems)
    stripped, numbers = strip_message(text, "#")
    assert len(numbers) == (stripped.count("\n") + 1 if stripped else 0) or stripped == ""


@pytest.mark.parametrize(
    ("in_ci", "outcome"), [(True, pytest.fail.Exception), (False, pytest.skip.Exception)]
)
def test_corpus_tests_fail_in_ci_without_the_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_ci: bool, outcome: type[BaseException]
) -> None:
    """A clone without ../shared/corpus skips the corpus tests (all read it through
    read_corpus), except in CI."""
    monkeypatch.setattr(conftest, "CORPUS", tmp_path / "absent")
    monkeypatch.setattr(conftest, "IN_CI", in_ci)
    with pytest.raises(outcome, match=r"commits\.jsonl is absent"):
        conftest.read_corpus("commits.jsonl")
