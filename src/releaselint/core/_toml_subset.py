"""One pass over a TOML document: its values where they are plain, and where every string sits.

``scan`` reads the whole TOML 1.1 grammar (tables, arrays of tables, dotted and quoted keys,
inline tables and arrays over several lines, the four kinds of strings, integers, booleans)
with the redefinition rules of tomli, and records the offsets of every single-line string
value by its full key path. Two kinds of values it only steps over: floats and dates or
times. A document holding one is "inexact": its spans stand, its values come from tomli.
Anything the scanner finds wrong raises ``Unsupported``, and tomli (the reference) gives
the verdict and the message. A differential test over generated documents proves that
where the scanner answers, it answers what tomli answers.

It is iterative (an explicit stack for inline values), so nesting costs no recursion, and
linear: each character is looked at a bounded number of times. Documents nested deeper
than ``MAX_NESTING`` levels and integers longer than ``MAX_DIGITS`` digits raise ``Limit``:
tomli would exhaust the stack or raise ``ValueError`` on them.
"""

from __future__ import annotations

import re

from releaselint.core.lazyre import lazy

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

KeyPath = tuple[str | int, ...]

MAX_NESTING = 100
# Python refuses to convert longer decimal strings (sys.int_info.str_digits_check_threshold
# is 4,300); an integer that cannot be printed is no use in a manifest either.
MAX_DIGITS = 4000

_TOO_DEEP = f"nesting deeper than {MAX_NESTING} levels"
_CTRL = "\x00-\x08\x0a-\x1f\x7f"  # control characters no string or comment may hold (tab may)
_BLANK_START = frozenset(" \t\r\n#")
# Compiled on first use: a run may read no TOML, or need only a few of these.
_WS_RE = lazy(r"[ \t]*")
_SKIP_RE = lazy(rf"(?:[ \t\n]|\r\n|#[^{_CTRL}]*)*")  # inside arrays and inline tables
_COMMENT_RE = lazy(rf"#[^{_CTRL}]*")
_BARE_KEY_RE = lazy(r"[A-Za-z0-9_-]+")
_LITERAL_RE = lazy(rf"'([^'{_CTRL}]*)'")
_BASIC_RE = lazy(rf'"([^"\\{_CTRL}]*(?:\\.[^"\\{_CTRL}]*)*)"')
_ML_BASIC_RE = lazy(r'"""(?:\r?\n)?([^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*)"""("{0,2})')
_ML_LITERAL_RE = lazy(r"'''(?:\r?\n)?([^']*(?:'(?!'')[^']*)*)'''('{0,2})")
_ML_ILLEGAL_RE = lazy("[\x00-\x08\x0b-\x1f\x7f]")  # after CRLF became LF
_ESCAPE_RE = lazy(
    r'\\(?:([btnfre"\\])|x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|([ \t]*\n[ \t\n]*)|)'
)
_ESCAPES = {
    "b": "\b",
    "t": "\t",
    "n": "\n",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    '"': '"',
    "\\": "\\",
}
_TIME = r"(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]+)?)?"
_DATETIME_RE = lazy(
    rf"[0-9]{{4}}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
    rf"(?:[Tt ]{_TIME}(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?)?"
)
_LOCAL_TIME_RE = lazy(_TIME)
_NUMBER_RE = lazy(
    r"0(?:x[0-9A-Fa-f](?:_?[0-9A-Fa-f])*|o[0-7](?:_?[0-7])*|b[01](?:_?[01])*)"
    r"|[+-]?(?:0|[1-9](?:_?[0-9])*)"
    r"((?:\.[0-9](?:_?[0-9])*)?(?:[eE][+-]?[0-9](?:_?[0-9])*)?)"
)
_SPECIAL_FLOAT_RE = lazy(r"[+-]?(?:inf|nan)")
_PAIR_RE = lazy(rf'([A-Za-z0-9_-]+)[ \t]*=[ \t]*"(?!"")([^"\\{_CTRL}]*)"')  # not a """ string
# Most manifest lines are `key = "string"`, `key = 12` or `key = true`: one match reads the
# whole line, comment and newline included.
_SIMPLE_LINE_RE = lazy(
    r"([A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*)[ \t]*=[ \t]*"
    rf"(?:\"([^\"\\{_CTRL}]*)\"|'([^'{_CTRL}]*)'|(true|false|[+-]?(?:0|[1-9](?:_?[0-9]){{0,17}})))"
    rf"[ \t]*(?:#[^{_CTRL}]*)?(?:\r?\n|\Z)"
)


class Unsupported(Exception):
    """The scanner cannot read the document: tomli decides."""


class Limit(Exception):
    """The document exceeds a limit releaselint sets (nesting depth, integer length)."""

    def __init__(self, message: str, pos: int) -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos


def _decode_escape(match: re.Match[str]) -> str:
    simple, x2, u4, u8, line_end = match.groups()
    if simple is not None:
        return _ESCAPES[simple]
    if line_end is not None:
        return ""
    digits = x2 or u4 or u8
    if digits is None:
        raise Unsupported
    code = int(digits, 16)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        raise Unsupported
    return chr(code)


def _unescape(raw: str) -> str:
    if "\\" not in raw:
        return raw
    return _ESCAPE_RE.sub(_decode_escape, raw)


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.spans: dict[KeyPath, tuple[int, int]] = {}
        self.exact = True
        self.frozen: set[int] = set()  # arrays and inline tables written as values
        self.explicit: set[int] = set()  # tables declared by a header or closed dotted tables
        self.pending: list[int] = []  # tables made by dotted keys in the current section

    def skip(self, blank: re.Pattern[str], pos: int) -> None:
        """Move past the blanks ``blank`` matches at ``pos``; most often there are none."""
        if self.text[pos : pos + 1] in _BLANK_START:
            pos = blank.match(self.text, pos).end()  # type: ignore[union-attr]
        self.pos = pos

    def fail(self) -> Unsupported:
        return Unsupported(self.pos)

    # -- keys ---------------------------------------------------------------------------

    def key(self) -> list[str]:
        text = self.text
        parts: list[str] = []
        while True:
            match = _BARE_KEY_RE.match(text, self.pos)
            if match is None:
                match = _BASIC_RE.match(text, self.pos)
                if match is not None:
                    parts.append(_unescape(match.group(1)))
                else:
                    match = _LITERAL_RE.match(text, self.pos)
                    if match is None:
                        raise self.fail()
                    parts.append(match.group(1))
            else:
                parts.append(match.group())
            self.skip(_WS_RE, match.end())
            if not text.startswith(".", self.pos):
                return parts
            self.skip(_WS_RE, self.pos + 1)

    # -- values -------------------------------------------------------------------------

    def scalar(self, path: KeyPath) -> Any:
        """The value at ``pos`` if it is not an array or inline table; else ``_OPEN``."""
        text, pos = self.text, self.pos
        char = text[pos : pos + 1]
        if char == '"' or char == "'":
            basic = char == '"'
            if text.startswith(char * 3, pos):
                match = (_ML_BASIC_RE if basic else _ML_LITERAL_RE).match(text, pos)
                if match is None:
                    raise self.fail()
                body = match.group(1).replace("\r\n", "\n")  # as tomli reads it
                if _ML_ILLEGAL_RE.search(body):
                    raise self.fail()
                self.pos = match.end()
                return (_unescape(body) if basic else body) + match.group(2)
            match = (_BASIC_RE if basic else _LITERAL_RE).match(text, pos)
            if match is None:
                raise self.fail()
            self.spans[path] = match.span(1)
            self.pos = match.end()
            return _unescape(match.group(1)) if basic else match.group(1)
        if char == "[" or char == "{":
            self.pos += 1
            return _OPEN
        if text.startswith("true", pos):
            self.pos += 4
            return True
        if text.startswith("false", pos):
            self.pos += 5
            return False
        match = _DATETIME_RE.match(text, pos) or _LOCAL_TIME_RE.match(text, pos)
        if match is None:
            match = _NUMBER_RE.match(text, pos)
            if match is not None and not match.group(1):
                self.pos = match.end()
                return self.integer(match.group(), pos)
            if match is None:
                match = _SPECIAL_FLOAT_RE.match(text, pos)
                if match is None:
                    raise self.fail()
        self.exact = False  # a float or a date: tomli gives the value
        self.pos = match.end()
        return None

    def integer(self, token: str, pos: int) -> int:
        digits = token.replace("_", "")
        if digits[:2] in ("0x", "0o", "0b"):
            value = int(digits[2:], {"x": 16, "o": 8, "b": 2}[digits[1]])
            if value.bit_length() > MAX_DIGITS * 3.32:
                raise Limit("integer too long", pos)
            return value
        if len(digits) > MAX_DIGITS:
            raise Limit("integer too long", pos)
        return int(digits)

    def value(self, path: KeyPath) -> Any:
        """The value at ``pos``, arrays and inline tables read with an explicit stack."""
        if len(path) > MAX_NESTING:
            raise Limit(_TOO_DEEP, self.pos)
        value = self.scalar(path)
        if value is not _OPEN:
            return value
        text = self.text
        top: Any = [] if text[self.pos - 1] == "[" else {}
        self.frozen.add(id(top))
        # each frame: [container, its key path, state]; state 0: at the start, 1: after an
        # item, 2: after a comma
        stack: list[list[Any]] = [[top, path, 0]]
        while stack:
            frame = stack[-1]
            container, where, state = frame
            self.skip(_SKIP_RE, self.pos)
            char = text[self.pos : self.pos + 1]
            if char == ("]" if isinstance(container, list) else "}"):
                self.pos += 1
                stack.pop()
                continue
            if state == 1:
                if char != ",":
                    raise self.fail()
                self.pos += 1
                frame[2] = 2
                continue
            frame[2] = 1
            # most pairs in inline tables are `key = "string"`: one match reads them
            pair = None if isinstance(container, list) else _PAIR_RE.match(text, self.pos)
            if pair is not None:
                key = pair.group(1)
                if key in container:
                    raise self.fail()
                if len(where) >= MAX_NESTING:
                    raise Limit(_TOO_DEEP, self.pos)
                container[key] = pair.group(2)
                pair_path = (*where, key)
                self.spans[pair_path] = pair.span(2)
                self.pos = pair.end()
                continue
            if isinstance(container, list):
                parent: Any = container
                item_path = (*where, len(container))
            else:
                keys = self.key()
                if not text.startswith("=", self.pos):
                    raise self.fail()
                self.skip(_WS_RE, self.pos + 1)
                parent = container
                for part in keys[:-1]:
                    child = parent.setdefault(part, {})
                    if not isinstance(child, dict) or id(child) in self.frozen:
                        raise self.fail()
                    parent = child
                if keys[-1] in parent:
                    raise self.fail()
                item_path = (*where, *keys)
            if len(item_path) > MAX_NESTING:
                raise Limit(_TOO_DEEP, self.pos)
            item = self.scalar(item_path)
            if item is _OPEN:
                item = [] if text[self.pos - 1] == "[" else {}
                self.frozen.add(id(item))
                stack.append([item, item_path, 0])
            if isinstance(parent, list):
                parent.append(item)
            else:
                parent[item_path[-1]] = item
        return top

    # -- statements ---------------------------------------------------------------------

    def parent_for(self, table: dict[str, Any], keys: list[str]) -> dict[str, Any]:
        """The table a ``keys = value`` line writes into, by tomli's rules for dotted keys."""
        parent = table
        for part in keys[:-1]:
            child = parent.get(part)
            if child is None:
                child = parent[part] = {}
                self.pending.append(id(child))
            elif (
                not isinstance(child, dict)
                or id(child) in self.explicit
                or id(child) in self.frozen
            ):
                raise self.fail()
            parent = child
        if keys[-1] in parent:
            raise self.fail()
        return parent

    def header(self, root: dict[str, Any], keys: list[str], aot: bool) -> tuple[Any, KeyPath]:
        self.explicit.update(self.pending)
        self.pending.clear()
        node = root
        path: list[str | int] = []
        for part in keys[:-1]:
            path.append(part)
            child = node.setdefault(part, {})
            if isinstance(child, list):
                if id(child) in self.frozen:
                    raise self.fail()
                path.append(len(child) - 1)
                child = child[-1]
            if not isinstance(child, dict) or id(child) in self.frozen:
                raise self.fail()
            node = child
        last = keys[-1]
        path.append(last)
        existing = node.get(last)
        table: dict[str, Any] = {}
        if aot:
            if existing is None:
                existing = node[last] = []
                self.explicit.add(id(existing))
            elif not isinstance(existing, list) or id(existing) in self.frozen:
                raise self.fail()
            existing.append(table)
            path.append(len(existing) - 1)
        elif existing is None:
            node[last] = table
        elif (
            isinstance(existing, dict)
            and id(existing) not in self.explicit
            and id(existing) not in self.frozen
        ):
            table = existing
        else:
            raise self.fail()
        self.explicit.add(id(table))
        return table, tuple(path)

    def document(self) -> dict[str, Any]:
        text = self.text
        end = len(text)
        root: dict[str, Any] = {}
        table = root
        where: KeyPath = ()
        while True:
            self.skip(_WS_RE, self.pos)
            if self.pos >= end:
                return root
            char = text[self.pos]
            if char == "\n":
                self.pos += 1
                continue
            line = _SIMPLE_LINE_RE.match(text, self.pos)
            if line is not None:
                dotted, basic, literal, word = line.groups()
                keys = [k.strip(" \t") for k in dotted.split(".")]
                if len(where) + len(keys) > MAX_NESTING:
                    raise Limit(_TOO_DEEP, self.pos)
                if basic is not None or literal is not None:
                    group = 2 if basic is not None else 3
                    value: Any = line.group(group)
                    self.spans[where + tuple(keys)] = line.span(group)
                elif word == "true" or word == "false":
                    value = word == "true"
                else:
                    value = int(word.replace("_", ""))
                self.parent_for(table, keys)[keys[-1]] = value
                self.pos = line.end()
                continue
            if char == "[":
                aot = text.startswith("[[", self.pos)
                self.skip(_WS_RE, self.pos + (2 if aot else 1))
                keys = self.key()
                if not text.startswith("]]" if aot else "]", self.pos):
                    raise self.fail()
                self.pos += 2 if aot else 1
                if len(keys) > MAX_NESTING:
                    raise Limit(_TOO_DEEP, self.pos)
                table, where = self.header(root, keys, aot)
            elif char != "#" and char != "\r":
                keys = self.key()
                if not text.startswith("=", self.pos):
                    raise self.fail()
                self.skip(_WS_RE, self.pos + 1)
                parent = self.parent_for(table, keys)
                parent[keys[-1]] = self.value((*where, *keys))
            self.skip(_WS_RE, self.pos)
            comment = _COMMENT_RE.match(text, self.pos)
            if comment is not None:
                self.pos = comment.end()
            if self.pos < end:
                if text.startswith("\r\n", self.pos):
                    self.pos += 2
                elif text[self.pos] == "\n":
                    self.pos += 1
                else:
                    raise self.fail()


_OPEN: Any = object()  # scalar() found "[" or "{"


def scan(text: str) -> tuple[dict[str, Any], dict[KeyPath, tuple[int, int]], bool]:
    """The document, the spans of its single-line string values by full key path, and
    whether the document is exact (no float, date or time: the values are tomli's).

    Raises ``Unsupported`` where tomli must decide, ``Limit`` past releaselint's limits.
    """
    scanner = _Scanner(text)
    data = scanner.document()
    return data, scanner.spans, scanner.exact
