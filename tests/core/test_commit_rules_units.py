"""Each commitlint rule that config-conventional leaves off, as a configuration turns it on:
one message that passes and one that fails, with the exact problem."""

from __future__ import annotations

import pytest

from releaselint.core.commit_rules import Problem, lint, to_case

LONG = "a" * 120


@pytest.mark.parametrize(
    ("message", "rule", "setting", "problem"),
    [
        ("feat: x\n\nbody", "body-empty", (2, "always", None), (2, 2, "body must be empty")),
        ("feat: x", "body-empty", (2, "always", None), None),
        ("feat: x", "body-empty", (2, "never", None), (2, 2, "body may not be empty")),
        ("feat: x\n\nBREAKING CHANGE: y", "footer-empty", (2, "always", None), (2, 2, "footer must be empty")),
        ("feat: x", "footer-empty", (1, "never", None), (1, 2, "footer may not be empty")),
        ("feat: Add thing", "subject-case", (2, "always", "sentence-case"), None),
        ("feat: add thing", "subject-case", (2, "always", "sentence-case"), (2, 1, "subject 'add thing' must be sentence-case")),
        ("feat: add thing", "subject-case", (2, "never", "lower-case"), (2, 1, "subject 'add thing' must not be lower-case")),
        ("feat: x", "header-min-length", (2, "always", 10), (2, 1, "header is 7 characters, fewer than 10")),
        ("feat: xxxx", "header-min-length", (2, "always", 10), None),
        ("feat: abc", "subject-max-length", (2, "always", 2), (2, 1, "subject is 3 characters, more than 2")),
        ("feat: abc", "subject-max-length", (2, "always", 3), None),
        ("feat: abc", "subject-min-length", (2, "always", 5), (2, 1, "subject is 3 characters, fewer than 5")),
        ("feat: abcde", "subject-min-length", (2, "always", 5), None),
        ("feat:", "subject-min-length", (2, "always", 5), None),
        ("feat: abc", "header-max-length", (2, "always", 5.0), (2, 1, "header is 9 characters, more than 5")),
        ("feat(api): x", "scope-enum", (2, "always", []), None),
        ("feat(api): x", "scope-enum", (2, "never", ["api"]), (2, 1, "scope 'api' is one of the forbidden api")),
        ("feat(api/v2): x", "scope-enum", (2, "never", ["api/v2"]), (2, 1, "scope 'api/v2' is one of the forbidden api/v2")),
        ("feat(api): x", "scope-enum", (2, "never", ["web"]), None),
        ("feat(api,Web): x", "scope-case", (2, "always", "lower-case"), (2, 1, "scope 'api,Web' must be lower-case")),
        ("feat(api, web): x", "scope-case", (2, "always", ["lower-case"]), None),
        ("feat(api): x", "scope-case", (2, "never", "lower-case"), (2, 1, "scope 'api' must not be lower-case")),
        ("feat: x", "scope-case", (2, "always", "lower-case"), None),
        ("FEAT: x", "type-case", (2, "always", "upper-case"), None),
        ("feat: x", "type-case", (2, "always", "upper-case"), (2, 1, "type 'feat' must be upper-case")),
        ("feat: x", "type-case", (2, "never", "kebab-case"), (2, 1, "type 'feat' must not be kebab-case")),
        ("fooBar: x", "type-case", (2, "always", "camel-case"), None),
        ("FooBar: x", "type-case", (2, "always", "pascal-case"), None),
        ("foo_bar: x", "type-case", (2, "always", "snake-case"), None),
        ("Foo Bar: x", "type-case", (2, "always", "start-case"), None),
        ("feat: x\n\nbody\n\nBREAKING CHANGE: " + LONG, "footer-max-line-length", (2, "always", 100), (2, 5, "footer line is 137 characters, more than 100")),
        ("feat: x\n\nBREAKING CHANGE: https://x.test/" + LONG, "footer-max-line-length", (2, "always", 100), None),
    ],
)  # fmt: skip
def test_a_rule_turned_on(
    message: str, rule: str, setting: tuple[int, str, object], problem: tuple[int, int, str] | None
) -> None:
    problems = lint(message, {rule: setting})
    assert problems is not None
    expected = [] if problem is None else [(rule, *problem)]
    assert [(p.rule, p.level, p.line, p.message) for p in problems] == expected


def test_a_problem_shows_its_rule_level_and_line() -> None:
    assert repr(Problem("type-enum", 2, "type 'x' is not one of feat", 1)) == (
        "<Problem type-enum 2 1: type 'x' is not one of feat>"
    )


@pytest.mark.parametrize(
    ("text", "case", "expected"),
    [
        ("fooBar baz", "kebab-case", "foo-bar-baz"),
        ("fooBar baz", "snake-case", "foo_bar_baz"),
        ("foo bar", "camel-case", "fooBar"),
        ("foo bar", "pascal-case", "FooBar"),
        ("HTTPServer v2", "kebab-case", "http-server-v-2"),
        ("crème brûlée's", "start-case", "Creme Brulees"),
        ("Foo", "lowercase", "foo"),
        ("foo", "uppercase", "FOO"),
        ("foo bar", "sentencecase", "Foo bar"),
    ],
)
def test_to_case(text: str, case: str, expected: str) -> None:
    assert to_case(text, case) == expected


def test_an_unknown_case_names_the_known_ones() -> None:
    with pytest.raises(
        ValueError, match=r"^unknown case 'shout-case': expected one of lower-case, "
    ):
        to_case("x", "shout-case")
