"""A reader for the plain TOML that manifests are written in, without importing tomllib.

tomllib costs a hook ~15 ms to import (typing, datetime, a dozen regexes) -- a third of its
budget -- for files that are almost always tables of strings, integers, booleans, arrays and
one-line inline tables. ``loads`` reads exactly that subset and raises ``Unsupported`` at the
first thing outside it (escapes, floats, dates, multi-line strings, quoted keys, anything
redefined or malformed); the caller then hands the whole document to tomllib, whose verdict
and error messages stand. So this reader never accepts a document tomllib rejects: every
error case is "unsupported", never "accepted".
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_DIGITS = frozenset("0123456789")


# control characters TOML allows in no string or comment (tab excepted)
_CONTROL_RE = re.compile("[\x00-\x08\x0a-\x1f\x7f]")
_SPACE_RE = re.compile("[ \t]+")
_BARE_VALUE_RE = re.compile("[^ \t\r\n,\\]}#]*")
_SIMPLE_LINE_RE = re.compile(
    r"[ \t]*([A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*)[ \t]*=[ \t]*"
    r"(\"[^\"\\\x00-\x08\x0a-\x1f\x7f]*\"|'[^'\x00-\x08\x0a-\x1f\x7f]*'"
    r"|true|false|[+-]?(?:0|[1-9](?:_?[0-9])*))"
    r"[ \t]*(?:#[^\x00-\x08\x0a-\x1f\x7f]*)?(?:\r?\n|\Z)"
)


class Unsupported(Exception):
    """The document uses TOML beyond the subset: read it with tomllib."""


def _key(text: str) -> list[str]:
    parts = [p.strip() for p in text.split(".")]
    for part in parts:
        if not part or not _BARE.issuperset(part):
            raise Unsupported
    return parts


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.frozen: set[int] = set()  # inline tables: nothing may add keys to them
        self.last_span: tuple[int, int] | None = None  # of the last string value read

    def skip_space(self) -> None:
        match = _SPACE_RE.match(self.text, self.pos)
        if match is not None:
            self.pos = match.end()

    def skip_space_newlines_comments(self) -> None:
        text = self.text
        while True:
            self.skip_space()
            if self.pos < len(text) and text[self.pos] == "#":
                end = text.find("\n", self.pos)
                end = len(text) if end < 0 else end
                comment = text[self.pos : end].removesuffix("\r")
                if _CONTROL_RE.search(comment):
                    raise Unsupported
                self.pos = end
            elif text.startswith("\r\n", self.pos):
                self.pos += 2
            elif self.pos < len(text) and text[self.pos] == "\n":
                self.pos += 1
            else:
                return

    def value(self) -> Any:
        text, pos = self.text, self.pos
        if pos >= len(text):
            raise Unsupported
        char = text[pos]
        if char == '"' or char == "'":
            if text.startswith(char * 3, pos):
                raise Unsupported
            end = text.find(char, pos + 1)
            if end < 0:
                raise Unsupported
            value = text[pos + 1 : end]
            if (char == '"' and "\\" in value) or "\n" in value or "\r" in value:
                raise Unsupported
            if _CONTROL_RE.search(value):
                raise Unsupported
            self.pos = end + 1
            self.last_span = (pos + 1, end)
            return value
        if char == "[":
            return self.array()
        if char == "{":
            return self.inline_table()
        end = _BARE_VALUE_RE.match(text, pos).end()  # type: ignore[union-attr]
        word = text[pos:end]
        self.pos = end
        if word == "true":
            return True
        if word == "false":
            return False
        digits = word[1:] if word[:1] in "+-" else word
        if digits == "0" or (
            digits[:1] in _DIGITS - {"0"}
            and _DIGITS.issuperset(digits.replace("_", ""))
            and "__" not in digits
            and not digits.endswith("_")
        ):
            return int(word.replace("_", ""))
        raise Unsupported

    def array(self) -> list[Any]:
        self.pos += 1
        items: list[Any] = []
        while True:
            self.skip_space_newlines_comments()
            if self.text.startswith("]", self.pos):
                self.pos += 1
                return items
            items.append(self.value())
            self.skip_space_newlines_comments()
            if self.text.startswith(",", self.pos):
                self.pos += 1
            elif self.text.startswith("]", self.pos):
                self.pos += 1
                return items
            else:
                raise Unsupported

    def inline_table(self) -> dict[str, Any]:
        self.pos += 1
        table: dict[str, Any] = {}
        self.skip_space()
        if self.text.startswith("}", self.pos):
            self.pos += 1
            self.frozen.add(id(table))
            return table
        while True:
            self.skip_space()
            equals = self.text.find("=", self.pos)
            newline = self.text.find("\n", self.pos)
            if equals < 0 or (0 <= newline < equals):
                raise Unsupported
            key = _key(self.text[self.pos : equals])
            if len(key) != 1 or key[0] in table:
                raise Unsupported
            self.pos = equals + 1
            self.skip_space()
            table[key[0]] = self.value()
            self.skip_space()
            if self.text.startswith(",", self.pos):
                self.pos += 1
            elif self.text.startswith("}", self.pos):
                self.pos += 1
                self.frozen.add(id(table))
                return table
            else:
                raise Unsupported


def loads(
    text: str, spans: dict[tuple[str | int, ...], tuple[int, int]] | None = None
) -> dict[str, Any]:
    """The document, where it is inside the subset. With ``spans``, also records where each
    single-line string value sits, by full key path (an array of tables' element index
    included: ``("package", 1, "version")``), as ``toml.string_spans`` does."""
    root: dict[str, Any] = {}
    current_path: tuple[str | int, ...] = ()
    defined: set[int] = set()  # tables given by a header or created by dotted keys
    current = root
    reader = _Reader(text)
    if text.startswith("\ufeff"):
        raise Unsupported
    end = len(text)
    while True:
        reader.skip_space_newlines_comments()
        if reader.pos >= end:
            return root
        # Most lines are `key = "string"`, `key = 12` or `key = true`: one regex reads the
        # whole line; anything else goes through the general reader below.
        line = _SIMPLE_LINE_RE.match(text, reader.pos)
        if line is not None:
            raw = line.group(2)
            first = raw[0]
            if first == '"' or first == "'":
                value: Any = raw[1:-1]
                span = (line.start(2) + 1, line.end(2) - 1)
            else:
                value = (
                    True
                    if raw == "true"
                    else False
                    if raw == "false"
                    else int(raw.replace("_", ""))
                )
                span = None
            path = _key(line.group(1))
            if spans is not None and span is not None:
                spans[current_path + tuple(path)] = span
            _assign(current, path, value, defined, reader.frozen)
            reader.pos = line.end()
            continue
        if text.startswith("[", reader.pos):
            aot = text.startswith("[[", reader.pos)
            close = text.find("]]" if aot else "]", reader.pos)
            newline = text.find("\n", reader.pos)
            if close < 0 or (0 <= newline < close):
                raise Unsupported
            path = _key(text[reader.pos + (2 if aot else 1) : close])
            reader.pos = close + (2 if aot else 1)
            current = _open(root, path, aot, defined, reader.frozen)
            if spans is not None:
                current_path = _indexed(root, path)
        else:
            equals = text.find("=", reader.pos)
            newline = text.find("\n", reader.pos)
            if equals < 0 or (0 <= newline < equals):
                raise Unsupported
            path = _key(text[reader.pos : equals])
            reader.pos = equals + 1
            reader.skip_space()
            reader.last_span = None
            value = reader.value()
            if spans is not None and isinstance(value, str) and reader.last_span:
                spans[current_path + tuple(path)] = reader.last_span
            _assign(current, path, value, defined, reader.frozen)
        reader.skip_space()
        if reader.pos < end and text[reader.pos] == "#":
            continue
        if reader.pos < end and not (
            text[reader.pos] == "\n" or text.startswith("\r\n", reader.pos)
        ):
            raise Unsupported


def _assign(
    table: dict[str, Any], path: list[str], value: Any, defined: set[int], frozen: set[int]
) -> None:
    for part in path[:-1]:
        child = table.setdefault(part, {})
        # dotted keys may not reach into inline tables or header-defined tables
        if not isinstance(child, dict) or id(child) in frozen or id(child) in defined:
            raise Unsupported
        table = child
    if path[-1] in table:
        raise Unsupported
    table[path[-1]] = value


def _indexed(root: dict[str, Any], path: list[str]) -> tuple[str | int, ...]:
    keys: list[str | int] = []
    node: Any = root
    for part in path:
        keys.append(part)
        node = node[part]
        if isinstance(node, list):
            keys.append(len(node) - 1)
            node = node[-1]
    return tuple(keys)


def _open(
    root: dict[str, Any], path: list[str], aot: bool, defined: set[int], frozen: set[int]
) -> dict[str, Any]:
    table = root
    for part in path[:-1]:
        child = table.setdefault(part, {})
        if isinstance(child, list):
            if id(child) not in defined or not child:
                raise Unsupported  # a static array, not an array of tables
            child = child[-1]
        if not isinstance(child, dict) or id(child) in frozen:
            raise Unsupported
        table = child
    last = path[-1]
    if aot:
        if last in table and not (isinstance(table[last], list) and id(table[last]) in defined):
            raise Unsupported
        existing = table.setdefault(last, [])
        defined.add(id(existing))
        new: dict[str, Any] = {}
        existing.append(new)
        return new
    if last in table:
        # defined before (by a header, a dotted key or a sub-table header): what TOML
        # allows here is subtle, so tomllib decides
        raise Unsupported
    new_table: dict[str, Any] = {}
    table[last] = new_table
    defined.add(id(new_table))
    return new_table
