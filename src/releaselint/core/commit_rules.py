"""commitlint's rules, under commitlint's names, with config-conventional's settings by default.

A rule setting is ``(level, when, value)``: level 0 off, 1 warning, 2 error; ``when`` is
"always" or "never". ``lint`` returns the problems of one message, or None where a default
or configured ignore applies.
"""

from __future__ import annotations

import re

from releaselint.core.conventional import (
    JS_SPACE,
    JS_SPACE_CLASS,
    Commit,
    js_trim,
    lines_of,
    parse,
    utf16_len,
)
from releaselint.core.lazyre import lazy
from releaselint.core.versions import is_semver

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any

    RuleFn = Callable[[Commit, str, Any], "tuple[str, int] | None"]

CONVENTIONAL_TYPES = (
    "build", "chore", "ci", "docs", "feat", "fix", "perf", "refactor", "revert", "style", "test",
)  # fmt: skip
DEFAULT_RULES: dict[str, tuple[int, str, object]] = {
    "body-leading-blank": (1, "always", None),
    "body-max-line-length": (2, "always", 100),
    "footer-leading-blank": (1, "always", None),
    "footer-max-line-length": (2, "always", 100),
    "header-max-length": (2, "always", 100),
    "header-trim": (2, "always", None),
    "subject-case": (2, "never", ["sentence-case", "start-case", "pascal-case", "upper-case"]),
    "subject-empty": (2, "never", None),
    "subject-full-stop": (2, "never", "."),
    "type-case": (2, "always", "lower-case"),
    "type-empty": (2, "never", None),
    "type-enum": (2, "always", list(CONVENTIONAL_TYPES)),
}
CASES = (
    "lower-case", "upper-case", "camel-case", "kebab-case", "pascal-case", "sentence-case",
    "snake-case", "start-case",
)  # fmt: skip
# Lines holding an http(s) URL are exempt from the line-length rules (a URL cannot be
# wrapped): @commitlint/ensure's max-line-length tests /\bhttps?:\/\/\S+/ on each line.
_URL_RE = lazy(rf"\bhttps?://[^{re.escape(JS_SPACE)}]", re.ASCII)
_QUOTED_RE = lazy(r"`[^\n\r\u2028\u2029]*?`|\"[^\n\r\u2028\u2029]*?\"|'[^\n\r\u2028\u2029]*?'")
_SEMVER_PREFIX_RE = lazy(r"chore(?:\([^)]+\))?:")
# @commitlint/is-ignored (20.4.4 and later) removes the first "[skip ci]" and the first
# "(skip ci)" (or "[ci skip]", "[skip-ci]", any case) before it asks whether a version is left
_SKIP_CI_RES = (
    lazy(rf"\[(?:skip|ci)(?:-|{JS_SPACE_CLASS})(?:ci|skip)\]", re.IGNORECASE | re.ASCII),
    lazy(rf"\((?:skip|ci)(?:-|{JS_SPACE_CLASS})(?:ci|skip)\)", re.IGNORECASE | re.ASCII),
)
_SCOPE_SPLIT_RE = lazy(r"/|\\|, ?")


class Problem:
    __slots__ = ("level", "line", "message", "rule")

    def __init__(self, rule: str, level: int, message: str, line: int) -> None:
        self.rule = rule
        self.level = level  # 1 warning, 2 error
        self.message = message
        self.line = line  # 1-based line of the message

    def __repr__(self) -> str:
        return f"<Problem {self.rule} {self.level} {self.line}: {self.message}>"


# ---------------------------------------------------------------------- case conversion
_WORD_RE = lazy(r"[^\W_]+", re.UNICODE)


def _words(text: str) -> list[str]:
    """lodash's words(), near enough: alphanumeric runs, split at lower-to-upper humps and
    between letters and digits."""
    found: list[str] = []
    for run in _WORD_RE.findall(text):
        start = 0
        for i in range(1, len(run)):
            prev, char = run[i - 1], run[i]
            nxt = run[i + 1] if i + 1 < len(run) else ""
            hump = prev.islower() and char.isupper()
            acronym_end = prev.isupper() and char.isupper() and nxt.islower()
            digit_edge = prev.isdigit() != char.isdigit()
            if hump or acronym_end or digit_edge:
                found.append(run[start:i])
                start = i
        found.append(run[start:])
    return found


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _deburr(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def to_case(text: str, case: str) -> str:
    if case in ("lower-case", "lowercase", "lowerCase"):
        return text.lower()
    if case in ("upper-case", "uppercase"):
        return text.upper()
    if case in ("sentence-case", "sentencecase"):
        return _upper_first(text)
    words = _words(text)
    if case == "camel-case":
        return "".join(
            w.lower() if i == 0 else _upper_first(w.lower()) for i, w in enumerate(words)
        )
    if case == "pascal-case":
        return _upper_first(to_case(text, "camel-case"))
    if case == "kebab-case":
        return "-".join(w.lower() for w in words)
    if case == "snake-case":
        return "_".join(w.lower() for w in words)
    if case == "start-case":
        return " ".join(_upper_first(w) for w in _words(_deburr(text).replace("'", "")))
    raise ValueError(f"unknown case {case!r}: expected one of {', '.join(CASES)}")


_DEFAULT_SUBJECT_CASES = ["sentence-case", "start-case", "pascal-case", "upper-case"]
_UPPER_START = frozenset(
    ("sentence-case", "sentencecase", "start-case", "pascal-case", "upper-case", "uppercase")
)


def ensure_case(raw: str, case: str) -> bool:
    """commitlint's ensureCase: quoted parts are names and do not count; an empty rest or
    one starting with a digit is any case."""
    return _is_case(_unquoted(raw), case)


def _unquoted(raw: str) -> str:
    if "`" in raw or '"' in raw or "'" in raw:
        raw = _QUOTED_RE.sub("", raw)
    return js_trim(raw)


def _is_case(text: str, case: str) -> bool:
    first = text[:1]
    if case in _UPPER_START and first.islower() and first.upper() != first:
        # each of these cases starts with a capital, and the text starts with a small
        # letter: not that case, without building the converted text
        return False
    transformed = to_case(text, case)
    if not transformed or transformed[0] in "0123456789":
        return True
    return transformed == text


# ------------------------------------------------------------------------------- rules
# A rule returns None when the message passes, else (message, 1-based line). Messages are
# built only for failures: most messages pass most rules.


def _cases(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else []


def _enum(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else []


def _line_of(commit: Commit, line: str) -> int:
    for number, raw_line in enumerate(lines_of(commit.raw), 1):
        if raw_line == line:
            return number
    return 1


def _not(when: str) -> str:
    return "not " if when == "never" else ""


def _empty_rule(value: str | None, when: str, what: str) -> tuple[str, int] | None:
    if bool(value) == (when == "never"):
        return None
    return (f"{what} may not be empty" if when == "never" else f"{what} must be empty"), 1


def _max_line(commit: Commit, part: str | None, limit: float, what: str) -> tuple[str, int] | None:
    for line in lines_of(part):
        length = utf16_len(line)
        if length > limit and _URL_RE.search(line) is None:
            return f"{what} line is {length} characters, more than {limit}", _line_of(commit, line)
    return None


def rule_type_enum(c: Commit, when: str, value: object) -> tuple[str, int] | None:
    if not c.type:
        return None
    allowed = value if isinstance(value, list) else _enum(value)
    if (c.type in allowed) != (when == "never"):
        return None
    verb = "is one of the forbidden" if when == "never" else "is not one of"
    return f"type {c.type!r} {verb} {', '.join(map(str, allowed))}", 1


def rule_type_case(c: Commit, when: str, value: object) -> tuple[str, int] | None:
    if not c.type:
        return None
    cases = _cases(value)
    if when != "never" and cases == ["lower-case"] and c.type.islower():
        return None  # the common case: a lower-case type under the default rule
    text = _unquoted(c.type)
    if any(_is_case(text, case) for case in cases) != (when == "never"):
        return None
    return f"type {c.type!r} must {_not(when)}be {', '.join(cases)}", 1


def rule_type_empty(c: Commit, when: str, value: object) -> tuple[str, int] | None:
    return _empty_rule(c.type, when, "type")


def rule_subject_empty(c: Commit, when: str, value: object) -> tuple[str, int] | None:
    return _empty_rule(c.subject, when, "subject")


def rule_scope_empty(c: Commit, when: str, value: object) -> tuple[str, int] | None:
    return _empty_rule(c.scope, when, "scope")


def rule_body_empty(c: Commit, when: str, value: object) -> tuple[str, int] | None:
    failure = _empty_rule(c.body, when, "body")
    return (failure[0], 2) if failure else None


def rule_footer_empty(c: Commit, when: str, value: object) -> tuple[str, int] | None:
    failure = _empty_rule(c.footer, when, "footer")
    return (failure[0], 2) if failure else None


def rule_subject_case(c: Commit, when: str, value: object) -> tuple[str, int] | None:
    subject = c.subject
    # only a subject that starts with a letter that has case can be in any case
    if not subject or subject[0].lower() == subject[0].upper():
        return None
    if when == "never" and subject[0].islower() and value == _DEFAULT_SUBJECT_CASES:
        return None  # none of those cases starts with a small letter (the common case)
    cases = _cases(value)
    text = _unquoted(subject)
    if any(_is_case(text, case) for case in cases) != (when == "never"):
        return None
    return f"subject {subject!r} must {_not(when)}be {', '.join(cases)}", 1


def rule_subject_full_stop(c: Commit, when: str, value: object) -> tuple[str, int] | None:
    # commitlint reads the header's last UTF-16 unit, whatever the parser made of it
    header = c.header or ""
    colon = header.find(":")
    if colon > 0 and colon == len(header) - 1:
        return None
    stop = value if value is not None else "."
    has_stop = (
        isinstance(stop, str)
        and len(stop) == 1
        and stop <= "\uffff"
        and header.endswith(stop)
        and not header.endswith("...")
    )
    if has_stop != (when == "never"):
        return None
    verb = "may not" if when == "never" else "must"
    return f"subject {verb} end with {stop!r}", 1


def _length(value: object) -> float:
    # validated when the configuration is read: a number, 0 or more, or an infinite maximum
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, (int, float)) else 0


def rule_header_max_length(c: Commit, when: str, value: object) -> tuple[str, int] | None:
    length = utf16_len(c.header or "")
    limit = _length(value)
    return None if length <= limit else (f"header is {length} characters, more than {limit}", 1)


def rule_header_min_length(c: Commit, when: str, value: object) -> tuple[str, int] | None:
    length = utf16_len(c.header or "")
    limit = _length(value)
    return None if length >= limit else (f"header is {length} characters, fewer than {limit}", 1)


def rule_subject_max_length(c: Commit, when: str, value: object) -> tuple[str, int] | None:
    length = utf16_len(c.subject or "")
    limit = _length(value)
    return None if length <= limit else (f"subject is {length} characters, more than {limit}", 1)


def rule_subject_min_length(c: Commit, when: str, value: object) -> tuple[str, int] | None:
    if not c.subject:
        return None
    length = utf16_len(c.subject)
    limit = _length(value)
    return None if length >= limit else (f"subject is {length} characters, fewer than {limit}", 1)


def rule_header_trim(c: Commit, when: str, value: object) -> tuple[str, int] | None:
    header = c.header
    if not header or header == js_trim(header):
        return None
    return "header must not start or end with whitespace", 1


def _blank_message(what: str, when: str) -> str:
    return f"{what} must {_not(when)}have a leading blank line"


def rule_body_leading_blank(c: Commit, when: str, value: object) -> tuple[str, int] | None:
    if not c.body:
        return None
    raw_lines = lines_of(c.raw)
    blank = len(raw_lines) > 1 and raw_lines[1] == ""
    return None if blank != (when == "never") else (_blank_message("body", when), 2)


def rule_footer_leading_blank(c: Commit, when: str, value: object) -> tuple[str, int] | None:
    if not c.footer:
        return None
    raw_lines = list(lines_of(c.raw))
    first = lines_of(c.footer)[0]
    # commitlint looks the footer's first line up by its text (the first line with that
    # text, which may be an earlier one) and reads the line before it; JavaScript's
    # slice(-n) makes "before the first line" the last lines of the message.
    offset = raw_lines.index(first) if first in raw_lines else -1
    before = offset - 1
    leading = raw_lines[before] if -len(raw_lines) <= before < len(raw_lines) else None
    if (leading == "") != (when == "never"):
        return None
    return _blank_message("footer", when), max(offset, 0) + 1


def rule_body_max_line_length(c: Commit, when: str, value: object) -> tuple[str, int] | None:
    return _max_line(c, c.body, _length(value), "body")


def rule_footer_max_line_length(c: Commit, when: str, value: object) -> tuple[str, int] | None:
    return _max_line(c, c.footer, _length(value), "footer")


def _scopes(c: Commit) -> list[str]:
    return _SCOPE_SPLIT_RE.split(c.scope) if c.scope else []


def rule_scope_enum(c: Commit, when: str, value: object) -> tuple[str, int] | None:
    scopes = _scopes(c)
    allowed = _enum(value)
    if not scopes or not allowed:
        return None
    listed = set(allowed)  # looked up once per scope of the header: linear in both
    # commitlint also looks the whole scope up: "api/v2" may be listed as it is
    if when == "never":
        if not any(s in listed for s in scopes) and c.scope not in listed:
            return None
        return f"scope {c.scope!r} is one of the forbidden {', '.join(allowed)}", 1
    if all(s in listed for s in scopes) or c.scope in listed:
        return None
    return f"scope {c.scope!r} is not one of {', '.join(allowed)}", 1


def rule_scope_case(c: Commit, when: str, value: object) -> tuple[str, int] | None:
    if not c.scope:
        return None
    cases = _cases(value)
    for scope in _scopes(c):
        text = _unquoted(scope)
        if any(_is_case(text, case) for case in cases) == (when == "never"):
            return f"scope {c.scope!r} must {_not(when)}be {', '.join(cases)}", 1
    return None


def rule_release_as(c: Commit, when: str, value: object) -> tuple[str, int] | None:
    """Release Please reads ``Release-As: <version>`` anywhere in the message."""
    for number, line in enumerate(lines_of(c.raw), 1):
        key, colon, version = line.partition(":")
        if number > 1 and colon and key.strip().lower() == "release-as":
            version = version.strip(JS_SPACE)
            if not is_semver(version):
                return f"Release-As: {version!r} is not a SemVer version (e.g. 1.2.3)", number
    return None


RULES: dict[str, RuleFn] = {
    "body-empty": rule_body_empty,
    "body-leading-blank": rule_body_leading_blank,
    "body-max-line-length": rule_body_max_line_length,
    "footer-empty": rule_footer_empty,
    "footer-leading-blank": rule_footer_leading_blank,
    "footer-max-line-length": rule_footer_max_line_length,
    "header-max-length": rule_header_max_length,
    "header-min-length": rule_header_min_length,
    "header-trim": rule_header_trim,
    "release-as-semver": rule_release_as,
    "scope-case": rule_scope_case,
    "scope-empty": rule_scope_empty,
    "scope-enum": rule_scope_enum,
    "subject-case": rule_subject_case,
    "subject-empty": rule_subject_empty,
    "subject-full-stop": rule_subject_full_stop,
    "subject-max-length": rule_subject_max_length,
    "subject-min-length": rule_subject_min_length,
    "type-case": rule_type_case,
    "type-empty": rule_type_empty,
    "type-enum": rule_type_enum,
}


# ------------------------------------------------------------------------------ ignores
_MERGE_RE = lazy(
    r"Merge pull request"
    r"|(?:Merge [^\n]*? into [^\n]*?|Merge branch [^\n]*?|Merge tag [^\n]*?)(?:\r?\n)*$"
)
_DEFAULT_IGNORES = lazy(
    r"(?:R|r)evert |Reapply |(?:amend|fixup|squash)!|Merged .*?(?:in|into) |Merged PR .*: "
    r"|Merge remote-tracking branch|Automatic merge|Auto-merged .*? into "
    # GitHub's merge of a private security fork; commitlint does not know it
    r"|Merge commit from fork"
)
# every default ignore starts with one of these: most headers are told apart without a regex
_IGNORE_STARTS = ("R", "r", "amend!", "fixup!", "squash!", "Merge", "Auto")
AUTOSQUASH_RE = lazy(r"(amend|fixup|squash)!")


def is_default_ignored(message: str) -> bool:
    """commitlint's default ignores, applied to the header only: commitlint matches its
    merge patterns against every line, so a body line "Merge branch x" hides a whole
    message from it (a documented deviation)."""
    header = message.split("\n", 1)[0]
    if header.startswith("Merge") and _MERGE_RE.match(header.rstrip("\r")):
        return True
    if header.startswith(_IGNORE_STARTS) and _DEFAULT_IGNORES.match(header):
        return True
    prefix = _SEMVER_PREFIX_RE.match(header) if header.startswith("chore") else None
    version = header[prefix.end() :] if prefix else header
    if "[" in version or "(" in version:
        for pattern in _SKIP_CI_RES:
            version = pattern.sub("", version, count=1)
    version = js_trim(version)
    if version[:1] not in "0123456789v":
        return False
    return is_semver(version.removeprefix("v")) and len(version) <= 256


def lint(
    message: str,
    rules: dict[str, tuple[int, str, object]] | list[Any],
    ignores: Sequence[re.Pattern[str]] = (),
    *,
    default_ignores: bool = True,
) -> list[Problem] | None:
    """The problems of one message, None where it is ignored."""
    if default_ignores and is_default_ignored(message):
        return None
    if any(p.search(message.split("\n", 1)[0]) for p in ignores):
        return None
    commit = parse(message)
    problems = []
    for name, level, rule, when, value in (
        rules if isinstance(rules, list) else compile_rules(rules)
    ):
        failure = rule(commit, when, value)
        if failure is not None:
            problems.append(Problem(name, level, failure[0], failure[1]))
    return problems


def compile_rules(rules: dict[str, tuple[int, str, object]]) -> list[Any]:
    """The rules that are on, with their functions: for linting many messages with one set
    (a range), look them up once rather than per message."""
    return [
        (name, level, RULES[name], when, value)
        for name, (level, when, value) in rules.items()
        if level
    ]
