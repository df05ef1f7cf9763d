"""Conventional Commits messages: git's stripping, and a parser that reads them exactly as
conventional-commits-parser does with the preset commitlint's config-conventional uses.

JavaScript's regexes differ from Python's in ways that change verdicts, so the patterns are
spelled out: ``\\w`` is ASCII only, ``.`` stops at every line terminator (``\\u2028`` too),
``\\s`` and ``trim()`` know a different set of spaces, and lengths count UTF-16 units.
"""

from __future__ import annotations

import re

from releaselint.core.lazyre import lazy

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

SCISSORS = "------------------------ >8 ------------------------"
# JavaScript's "." (no dotAll): anything but a line terminator
_DOT = r"[^\n\r\u2028\u2029]"
# JavaScript's \s and String.prototype.trim(): WhiteSpace and LineTerminator
JS_SPACE = (
    "\t\n\x0b\x0c\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
JS_SPACE_CLASS = _S = "[" + re.escape(JS_SPACE) + "]"
_W = "[A-Za-z0-9_]"

# The parser tries the breaking pattern first: with a greedy scope, "feat(a)!: b (c): d"
# has scope "a" under it and scope "a)!: b (c" under the plain one.
BREAKING_HEADER_RE = lazy(rf"({_W}*)(?:\(({_DOT}*)\))?!: ({_DOT}*)")
HEADER_RE = lazy(rf"({_W}*)(?:\(({_DOT}*)\))?!?: ({_DOT}*)")
# conventional-commits-parser 7.1 (commitlint 20): a note needs its colon; the footer starts
# at the first line holding an issue reference -- "#12" followed by a space, the end,
# or one of ",;)]" (so "#12." is prose), and never in a line holding a URL.
NOTE_RE = lazy(
    rf"[{re.escape(JS_SPACE)}|*]*(BREAKING CHANGE|BREAKING-CHANGE):{_S}*({_DOT}*)",
    re.IGNORECASE | re.ASCII,
)
_ACTIONS = "close|closes|closed|fix|fixes|fixed|resolve|resolves|resolved"
# The parser's greedy "\s+" is possessive here: where the sentence after the longest run of
# spaces stops at a line terminator, every shorter run stops there too, and backtracking
# through the run would cost time quadratic in its length.
_ACTION_RE = lazy(
    rf"({_ACTIONS})(?:{_S}++({_DOT}*?))(?=(?:{_ACTIONS})|$)", re.IGNORECASE | re.ASCII
)
_ISSUE_RE = lazy(rf"#[A-Za-z0-9_-]+(?={_S}|$|[,;)\]])")
_URL_RE = lazy(r"\b(?:https?)://(?:www\.)?[-a-zA-Z0-9@:%_+.~#?&/=]+\b", re.ASCII)
_GPG_RE = lazy(rf"{_S}*gpg:")
_LINE_SPLIT_RE = lazy(r"\r?\n")
# Characters no header pattern can match: JavaScript's "." excludes them, and so do the
# literals around it. A header holding one matches neither pattern, and trying costs time
# quadratic in its length (each ")" would restart the subject's scan).
_UNMATCHABLE_RE = lazy(r"[\r\u2028\u2029]")


def js_trim(text: str) -> str:
    return text.strip(JS_SPACE)


def utf16_len(text: str) -> int:
    """Length as JavaScript counts it: characters outside the BMP count twice."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class Commit:
    """A parsed message: the fields commitlint's rules read."""

    __slots__ = ("body", "breaking", "footer", "header", "notes", "raw", "scope", "subject", "type")

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.header: str | None = None
        self.type: str | None = None
        self.scope: str | None = None
        self.subject: str | None = None
        self.breaking = False
        self.body: str | None = None
        self.footer: str | None = None
        self.notes: list[tuple[str, str]] = []


def _trim_newlines(text: str) -> str:
    """The parser's trimNewLines: leading and trailing CR and LF characters only."""
    return text.strip("\r\n")


def _joined(lines: list[str]) -> str | None:
    """The parser's appendLine fold: leading empty lines vanish, trailing ones are trimmed;
    None where nothing was appended, "" where only empty lines were."""
    if not lines:
        return None
    start = 0
    while start < len(lines) and not lines[start]:
        start += 1
    text = "\n".join(lines[start:])
    return _trim_newlines(text) if text else text


def _sentence_has_reference(sentence: str) -> bool:
    return _URL_RE.search(sentence) is None and _ISSUE_RE.search(sentence) is not None


def has_reference(line: str) -> bool:
    """Whether the parser sees an issue reference in ``line`` (which starts the footer):
    after a closing keyword where the line has one, anywhere where it has none."""
    if "#" not in line:
        return False
    if _ACTION_RE.search(line) is None:
        return _sentence_has_reference(line)
    return any(_sentence_has_reference(m.group(2) or "") for m in _ACTION_RE.finditer(line))


def parse(raw: str) -> Commit:
    """Split ``raw`` into header, body, footer and notes the way the parser does."""
    commit = Commit(raw)
    lines = [
        line
        for line in lines_of(_trim_newlines(raw))
        if "gpg:" not in line or not _GPG_RE.match(line)
    ]
    if not lines:
        return commit
    header = lines[0]
    if header:
        commit.header = header
        match = None
        if _UNMATCHABLE_RE.search(header) is None:
            match = BREAKING_HEADER_RE.fullmatch(header) if "!:" in header else None
            commit.breaking = match is not None
            if match is None:
                match = HEADER_RE.fullmatch(header)
        if match is not None:
            commit.type = match.group(1) or None
            commit.scope = match.group(2) or None
            commit.subject = match.group(3) or None
    body: list[str] = []
    footer: list[str] = []
    index = 1
    count = len(lines)
    while index < count:
        line = lines[index]
        # commitlint's parse sets fieldPattern to null: a "-field-" line is body text
        note = NOTE_RE.match(line) if "breaking" in line.lower() else None
        if note is not None:
            commit.notes.append((note.group(1).upper(), note.group(2)))
            footer.append(line)
            index += 1
            # the note runs on until a field, another note or a reference line
            while index < count:
                line = lines[index]
                if NOTE_RE.match(line):
                    break
                footer.append(line)
                index += 1
                if has_reference(line):
                    break
            continue
        if not footer and not has_reference(line):
            body.append(line)
        else:
            footer.append(line)
        index += 1
    commit.body = _joined(body)
    commit.footer = _joined(footer)
    return commit


def strip_message(text: str, comment_char: str | None = "#") -> tuple[str, list[int]]:
    """What git keeps of a message file: comment lines and everything from the scissors line
    down removed, trailing blank lines dropped. Returns the text and, for each kept line,
    its 1-based line number in the file (so findings point into the file)."""
    kept: list[str] = []
    numbers: list[int] = []
    for number, line in enumerate(text.split("\n"), 1):
        if comment_char and line.removesuffix("\r") == f"{comment_char} {SCISSORS}":
            break
        if comment_char and line.startswith(comment_char):
            continue
        kept.append(line)
        numbers.append(number)
    while kept and not kept[-1].strip():
        kept.pop()
        numbers.pop()
    return "\n".join(kept), numbers


def lines_of(text: str | None) -> Sequence[str]:
    """Lines split as the parser splits them (on \\n and \\r\\n)."""
    if text is None:
        return []
    return _LINE_SPLIT_RE.split(text) if "\r" in text else text.split("\n")
