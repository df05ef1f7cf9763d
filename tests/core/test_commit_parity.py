"""commitlint parity cases (verdicts checked with commitlint 20.5.3 and
@commitlint/config-conventional), linear time on hostile lines, and the fast paths of the
parser against the grammar they stand for."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from releaselint.core.commit_config import parse_rule
from releaselint.core.commit_rules import DEFAULT_RULES, lint, rule_release_as
from releaselint.core.conventional import (
    _ACTIONS,
    _DOT,
    _S,
    BREAKING_HEADER_RE,
    HEADER_RE,
    JS_SPACE,
    parse,
)

LONG = "x" * 120


def _errors(message: str, extra: dict[str, list[object]] | None = None) -> list[str] | None:
    rules = dict(DEFAULT_RULES)
    for name, setting in (extra or {}).items():
        parsed = parse_rule("test", name, setting)
        assert parsed is not None
        rules[name] = parsed
    problems = lint(message, rules)
    return None if problems is None else sorted(p.rule for p in problems if p.level == 2)


@pytest.mark.parametrize(
    ("message", "extra", "errors"),
    [
        # commitlint's parse sets fieldPattern to null: "-field-" lines are body text
        (f"fix: x\n\n-- context --\n{LONG}", None, ["body-max-line-length"]),
        (f"fix: x\n\nbody\n--- End of stack trace ---\n{LONG}", None, ["body-max-line-length"]),
        (f"fix: x\n\n-a-\n{LONG}", None, ["body-max-line-length"]),
        # version-only headers with a skip-ci marker are ignored (is-ignored 20.4.4)
        ("1.2.3 [skip ci]", None, None),
        ("2.3.3-beta.1 (ci skip)", None, None),
        ("chore(release): 1.2.3 [skip ci]", None, None),
        ("v1.2.3 [CI SKIP]", None, None),
        ("1.2.3 [skip ci] (skip ci)", None, None),
        ("1.2.3 [skip-ci]", None, None),
        ("[skip ci] 1.2.3", None, None),
        ("1.2.3 [skip ci] [skip ci]", None, ["subject-empty", "type-empty"]),
        # scope-enum: the whole scope may be listed, delimiters and all
        ("feat(api/v2): x", {"scope-enum": [2, "always", ["api/v2", "web"]]}, []),
        ("feat(api/v2): x", {"scope-enum": [2, "always", ["api", "v2"]]}, []),
        ("feat(api/v3): x", {"scope-enum": [2, "always", ["api", "v2"]]}, ["scope-enum"]),
        ("feat(a,b): x", {"scope-enum": [2, "always", ["a,b"]]}, []),
        ("feat(a\\b): x", {"scope-enum": [2, "always", ["a\\b"]]}, []),
        ("feat(api/v2): x", {"scope-enum": [2, "never", ["api/v2"]]}, ["scope-enum"]),
        ("feat(api/v2): x", {"scope-enum": [2, "never", ["api"]]}, ["scope-enum"]),
        ("feat(web): x", {"scope-enum": [2, "never", ["api/v2"]]}, []),
        # only http(s):// lines are exempt from the line-length rules
        (f"fix: x\n\nsee file:///{LONG}", None, ["body-max-line-length"]),
        (f"fix: x\n\nsee https://{LONG}", None, []),
        (f"fix: x\n\nsee xhttps://{LONG}", None, ["body-max-line-length"]),
        (f"fix: x\n\nsee HTTPS://{LONG}", None, ["body-max-line-length"]),
        (f"fix: x\n\nsee ftp://{LONG}", None, ["body-max-line-length"]),
        (f"fix: x\n\nhttps:// {LONG}", None, ["body-max-line-length"]),
        (f"fix: x\n\nhttps://\u3000{LONG}", None, ["body-max-line-length"]),
        # subject-full-stop reads the header's last character
        ("fix: x.", None, ["subject-full-stop"]),
        ("fix(scope.): x", None, []),
        ("fix: x\u2028.", None, ["subject-empty", "subject-full-stop", "type-empty"]),
        ("Fix stuff.", None, ["subject-empty", "subject-full-stop", "type-empty"]),
        ("fix: x. ", None, ["header-trim"]),
        ("fix: x...", None, []),
        ("fix:", None, ["subject-empty", "type-empty"]),
        ("fix: x", {"subject-full-stop": [2, "always", "."]}, ["subject-full-stop"]),
        ("fix: x!", {"subject-full-stop": [2, "never", "!"]}, ["subject-full-stop"]),
        # a maximum of Infinity switches the limit off
        (f"fix: x\n\n{LONG}", {"body-max-line-length": [2, "always", float("inf")]}, []),
    ],
)
def test_commitlint_parity(
    message: str, extra: dict[str, list[object]] | None, errors: list[str] | None
) -> None:
    assert _errors(message, extra) == errors


@pytest.mark.parametrize(
    ("key", "checked"),
    [
        ("Release-As", True),
        ("RELEASE-AS", True),
        ("ReLease-As", True),
        ("release-as", True),
        ("  release-AS ", True),
        ("Release-Ass", False),
        ("Release As", False),
    ],
)
def test_release_as_keys_in_any_case(key: str, checked: bool) -> None:
    failure = rule_release_as(parse(f"chore: x\n\n{key}: nope"), "always", None)
    assert (failure is not None) is checked


# ---------------------------------------------------------------------------- linear time
# Each would take minutes with backtracking that restarts per word or per ")" (80 kB took
# 3-8 s, 60 kB 6-11 s); these sizes are ten times that. No clock: they must finish.
HOSTILE = [
    "fix: x\n\n" + "a." * 400_000,
    "a(" + "): " * 200_000 + "\u2028",
    "feat(" + "): " * 200_000 + "\r",
    "feat!(" + ")!: " * 150_000 + "\u2029",
    "fix: x\n\n#1 fix" + " " * 400_000 + "a\u2028#",
    "fix: x\n\n" + "fix #1 " * 100_000 + "\u2028",
    "fix: x\n\n" + "https://." * 100_000,
    "fix: x\n\n" + "http://" * 100_000 + "#1",
    "chore(" * 100_000 + "1.2.3",
    "1.2.3 " + "[skip ci " * 100_000,
    "Merge " + " into" * 100_000 + "\u2028",
    "Merged " + "in" * 400_000,
    "fix: " + "`" * 400_000 + '"' * 400_000,
    "fix: x\n\n" + "BREAKING CHANGE" * 50_000 + "\n" + "|" * 400_000 + "BREAKING",
    "fix: x\n\n" + "\n".join(["BREAKING CHANGE: y"] * 50_000),
    "fix: x\n\n" + " " * 400_000 + "gpg",
    "fix: x\n\n" + "Release-As:" * 50_000,
]


@pytest.mark.parametrize("message", HOSTILE, ids=lambda m: repr(m[:12] + m[-4:]))
def test_hostile_lines_lint_in_linear_time(message: str) -> None:
    rules = {**DEFAULT_RULES, "release-as-semver": (2, "always", None)}
    problems = lint(message, rules)
    assert problems is None or all(p.line >= 1 for p in problems)


# --------------------------------------------------------------- fast paths = the grammar
# The parser's patterns as conventional-commits-parser writes them, without the devices
# that keep them linear: the reference the devices must agree with.
_REFERENCE_ACTION_RE = re.compile(
    rf"({_ACTIONS})(?:{_S}+({_DOT}*?))(?=(?:{_ACTIONS})|$)", re.IGNORECASE | re.ASCII
)
_ALPHABET = st.sampled_from(
    [*"ab(): !-#,;)]\r\u2028\u2029\u3000\t", *JS_SPACE[:6], "fix", "Closes", "feat", "#1", "é"]
)
_LINES = st.lists(_ALPHABET, max_size=30).map("".join) | st.text(max_size=30)


@settings(derandomize=True, max_examples=500)
@given(_LINES)
def test_reference_actions_equal_the_parsers_pattern(line: str) -> None:
    from releaselint.core.conventional import _ACTION_RE

    fast = [(m.span(), m.groups()) for m in _ACTION_RE.finditer(line)]
    assert fast == [(m.span(), m.groups()) for m in _REFERENCE_ACTION_RE.finditer(line)]


@settings(derandomize=True, max_examples=500)
@given(_LINES)
def test_header_fields_equal_the_full_patterns(header: str) -> None:
    """Without the line-terminator shortcut: both patterns, tried as the parser tries them."""
    header = "x" + header.replace("\n", " ") + "x"  # one line, nothing for trimming to take
    commit = parse(header)
    assert commit.header == header or header.lstrip(JS_SPACE).startswith("gpg:")
    match = BREAKING_HEADER_RE.fullmatch(header)
    breaking = match is not None
    match = match or HEADER_RE.fullmatch(header)
    groups = [g or None for g in match.groups()] if match else [None, None, None]
    expected = (*groups, breaking)
    if commit.header == header:
        assert (commit.type, commit.scope, commit.subject, commit.breaking) == expected
