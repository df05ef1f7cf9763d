"""commitlint's rules, under commitlint's names, with config-conventional's settings by default.

A rule setting is ``(level, when, value)``: level 0 off, 1 warning, 2 error; ``when`` is
"always" or "never". ``lint`` returns the problems of one message, or None where a default
or configured ignore applies.
"""

from __future__ import annotations

import re

from releaselint.core.conventional import (
    JS_SPACE,
    Commit,
    js_trim,
    lines_of,
    parse,
    utf16_len,
)
from releaselint.core.versions import is_semver

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any

    RuleFn = Callable[[Commit, str, Any], "tuple[bool, str, int]"]

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
# Lines holding a URL are exempt from the line-length rules (a URL cannot be wrapped).
_URL_RE = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://\S")
_QUOTED_RE = re.compile(
    r"`[^\n\r\u2028\u2029]*?`|\"[^\n\r\u2028\u2029]*?\"|'[^\n\r\u2028\u2029]*?'"
)
_SEMVER_PREFIX_RE = re.compile(r"chore(\([^)]+\))?:")
_SCOPE_SPLIT_RE = re.compile(r"/|\\|, ?")


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
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)


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


def ensure_case(raw: str, case: str) -> bool:
    """commitlint's ensureCase: quoted parts are names and do not count; an empty rest or
    one starting with a digit is any case."""
    text = js_trim(_QUOTED_RE.sub("", raw))
    transformed = to_case(text, case)
    if not transformed or transformed[0] in "0123456789":
        return True
    return transformed == text


# ------------------------------------------------------------------------------- rules
def _cases(value: object) -> list[str]:
    return [value] if isinstance(value, str) else [str(v) for v in (value or [])]  # type: ignore[attr-defined]


def _line_of(commit: Commit, line: str) -> int:
    for number, raw_line in enumerate(lines_of(commit.raw), 1):
        if raw_line == line:
            return number
    return 1


def _max_line(commit: Commit, part: str | None, limit: int, what: str) -> tuple[bool, str, int]:
    for line in lines_of(part):
        if utf16_len(line) > limit and _URL_RE.search(line) is None:
            return (
                False,
                f"{what} line is {utf16_len(line)} characters, more than {limit}",
                _line_of(commit, line),
            )
    return True, "", 1


def _negate(ok: bool, when: str) -> bool:
    return not ok if when == "never" else ok


def _enum(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else []


def rule_type_enum(c: Commit, when: str, value: object) -> tuple[bool, str, int]:
    if not c.type:
        return True, "", 1
    allowed = _enum(value)
    ok = _negate(c.type in allowed, when)
    verb = "is not one of" if when != "never" else "is one of the forbidden"
    return ok, f"type {c.type!r} {verb} {', '.join(allowed)}", 1


def rule_type_case(c: Commit, when: str, value: object) -> tuple[bool, str, int]:
    if not c.type:
        return True, "", 1
    cases = _cases(value)
    ok = _negate(any(ensure_case(c.type, case) for case in cases), when)
    return ok, f"type {c.type!r} must {'not ' if when == 'never' else ''}be {', '.join(cases)}", 1


def rule_type_empty(c: Commit, when: str, value: object) -> tuple[bool, str, int]:
    empty = not c.type
    ok = not empty if when == "never" else empty
    return ok, "type may not be empty" if when == "never" else "type must be empty", 1


def rule_subject_empty(c: Commit, when: str, value: object) -> tuple[bool, str, int]:
    empty = not c.subject
    ok = not empty if when == "never" else empty
    return ok, "subject may not be empty" if when == "never" else "subject must be empty", 1


def rule_subject_case(c: Commit, when: str, value: object) -> tuple[bool, str, int]:
    subject = c.subject
    # only a subject that starts with a letter that has case can be in any case
    if not subject or subject[0].lower() == subject[0].upper():
        return True, "", 1
    cases = _cases(value)
    matched = any(ensure_case(subject, case) for case in cases)
    ok = _negate(matched, when)
    return ok, f"subject must {'not ' if when == 'never' else ''}be {', '.join(cases)}", 1


def rule_subject_full_stop(c: Commit, when: str, value: object) -> tuple[bool, str, int]:
    header = c.header or ""
    colon = header.find(":")
    if colon > 0 and colon == len(header) - 1:
        return True, "", 1
    subject = c.subject
    if not subject:
        return True, "", 1
    stop = str(value if value is not None else ".")
    has_stop = subject.endswith(stop) and not subject.endswith("...")
    ok = _negate(has_stop, when)
    return (
        ok,
        f"subject may not end with {stop!r}"
        if when == "never"
        else f"subject must end with {stop!r}",
        1,
    )


def rule_header_max_length(c: Commit, when: str, value: object) -> tuple[bool, str, int]:
    header = c.header or ""
    limit = int(value)  # type: ignore[call-overload]
    length = utf16_len(header)
    return length <= limit, f"header is {length} characters, more than {limit}", 1


def rule_header_min_length(c: Commit, when: str, value: object) -> tuple[bool, str, int]:
    limit = int(value)  # type: ignore[call-overload]
    length = utf16_len(c.header or "")
    return length >= limit, f"header is {length} characters, fewer than {limit}", 1


def rule_header_trim(c: Commit, when: str, value: object) -> tuple[bool, str, int]:
    header = c.header
    if not header:
        return True, "", 1
    ok = header == js_trim(header)
    return ok, "header must not start or end with whitespace", 1


def _blank_message(what: str, when: str) -> str:
    return f"{what} must {'not ' if when == 'never' else ''}have a leading blank line"


def rule_body_leading_blank(c: Commit, when: str, value: object) -> tuple[bool, str, int]:
    if not c.body:
        return True, "", 1
    raw_lines = lines_of(c.raw)
    blank = len(raw_lines) > 1 and raw_lines[1] == ""
    return _negate(blank, when), _blank_message("body", when), 2


def rule_footer_leading_blank(c: Commit, when: str, value: object) -> tuple[bool, str, int]:
    if not c.footer:
        return True, "", 1
    raw_lines = list(lines_of(c.raw))
    first = lines_of(c.footer)[0]
    # commitlint looks the footer's first line up by its text (the first line with that
    # text, which may be an earlier one) and reads the line before it; JavaScript's
    # slice(-n) makes "before the first line" the last lines of the message.
    offset = raw_lines.index(first) if first in raw_lines else -1
    before = offset - 1
    leading = raw_lines[before] if -len(raw_lines) <= before < len(raw_lines) else None
    return _negate(leading == "", when), _blank_message("footer", when), max(offset, 0) + 1


def rule_body_max_line_length(c: Commit, when: str, value: object) -> tuple[bool, str, int]:
    return _max_line(c, c.body, int(value), "body")  # type: ignore[call-overload]


def rule_footer_max_line_length(c: Commit, when: str, value: object) -> tuple[bool, str, int]:
    return _max_line(c, c.footer, int(value), "footer")  # type: ignore[call-overload]


def _scopes(c: Commit) -> list[str]:
    return [s for s in _SCOPE_SPLIT_RE.split(c.scope)] if c.scope else []


def rule_scope_enum(c: Commit, when: str, value: object) -> tuple[bool, str, int]:
    scopes = _scopes(c)
    allowed = _enum(value)
    if not scopes or not allowed:
        return True, "", 1
    inside = all(s in allowed for s in scopes)
    ok = inside if when != "never" else not any(s in allowed for s in scopes)
    verb = "is not one of" if when != "never" else "is one of the forbidden"
    return ok, f"scope {c.scope!r} {verb} {', '.join(allowed)}", 1


def rule_scope_empty(c: Commit, when: str, value: object) -> tuple[bool, str, int]:
    empty = not c.scope
    ok = not empty if when == "never" else empty
    return ok, "scope may not be empty" if when == "never" else "scope must be empty", 1


def rule_scope_case(c: Commit, when: str, value: object) -> tuple[bool, str, int]:
    if not c.scope:
        return True, "", 1
    cases = _cases(value)
    ok = all(_negate(any(ensure_case(s, case) for case in cases), when) for s in _scopes(c))
    return ok, f"scope {c.scope!r} must {'not ' if when == 'never' else ''}be {', '.join(cases)}", 1


def rule_subject_max_length(c: Commit, when: str, value: object) -> tuple[bool, str, int]:
    limit = int(value)  # type: ignore[call-overload]
    length = utf16_len(c.subject or "")
    return length <= limit, f"subject is {length} characters, more than {limit}", 1


def rule_subject_min_length(c: Commit, when: str, value: object) -> tuple[bool, str, int]:
    if not c.subject:
        return True, "", 1
    limit = int(value)  # type: ignore[call-overload]
    length = utf16_len(c.subject)
    return length >= limit, f"subject is {length} characters, fewer than {limit}", 1


def rule_body_empty(c: Commit, when: str, value: object) -> tuple[bool, str, int]:
    empty = not c.body
    ok = not empty if when == "never" else empty
    return ok, "body may not be empty" if when == "never" else "body must be empty", 2


def rule_footer_empty(c: Commit, when: str, value: object) -> tuple[bool, str, int]:
    empty = not c.footer
    ok = not empty if when == "never" else empty
    return ok, "footer may not be empty" if when == "never" else "footer must be empty", 2


def rule_release_as(c: Commit, when: str, value: object) -> tuple[bool, str, int]:
    """Release Please reads ``Release-As: <version>`` anywhere in the message."""
    for number, line in enumerate(lines_of(c.raw), 1):
        if number == 1:
            continue
        key, colon, version = line.partition(":")
        if colon and key.strip().lower() == "release-as":
            version = version.strip(JS_SPACE)
            if not is_semver(version):
                return (
                    False,
                    f"Release-As: {version!r} is not a SemVer version (e.g. 1.2.3)",
                    number,
                )
    return True, "", 1


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
_MERGE_RE = re.compile(
    r"Merge pull request"
    r"|(?:Merge [^\n]*? into [^\n]*?|Merge branch [^\n]*?|Merge tag [^\n]*?)(?:\r?\n)*$"
)
_DEFAULT_IGNORES = (
    re.compile(r"(R|r)evert "),
    re.compile(r"Reapply "),
    re.compile(r"(amend|fixup|squash)!"),
    re.compile(r"Merged .*?(in|into) |Merged PR .*: "),
    re.compile(r"Merge remote-tracking branch"),
    re.compile(r"Automatic merge"),
    re.compile(r"Auto-merged .*? into "),
    # GitHub's merge of a private security fork; commitlint does not know it
    re.compile(r"Merge commit from fork"),
)
AUTOSQUASH_RE = re.compile(r"(amend|fixup|squash)!")


def is_default_ignored(message: str) -> bool:
    """commitlint's default ignores, applied to the header only: commitlint matches its
    merge patterns against every line, so a body line "Merge branch x" hides a whole
    message from it (a documented deviation)."""
    header = message.split("\n", 1)[0]
    if _MERGE_RE.match(header.rstrip("\r")):
        return True
    if any(p.match(header) for p in _DEFAULT_IGNORES):
        return True
    version = js_trim(_SEMVER_PREFIX_RE.sub("", header, count=1))
    return is_semver(version.removeprefix("v")) and len(version) <= 256


def lint(
    message: str,
    rules: dict[str, tuple[int, str, object]],
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
    for name, (level, when, value) in rules.items():
        if level == 0:
            continue
        ok, text, line = RULES[name](commit, when, value)
        if not ok:
            problems.append(Problem(name, level, text, line))
    return problems
