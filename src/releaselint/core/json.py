"""JSON for manifests: values through json (or json5 for JSONC), spans through a token scan.

Every problem is a ``FatalError`` with ``path:line: message``. A UTF-8 byte order mark at
the start is skipped, as Node and npm skip it (npm's ``read-package-json`` strips it before
``JSON.parse``); offsets into the text keep counting it. Nesting deeper than
``MAX_NESTING`` levels and integers longer than ``MAX_DIGITS`` digits are refused, with
the line they start on: the C parser exhausts its stack between 800 and 1,000 levels, json5
(pure Python, ~20 frames a level) past 45, and Python refuses to convert integers longer
than 4,300 digits.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Collection

from releaselint.core.errors import FatalError
from releaselint.core.files import line_of
from releaselint.core.lazyre import lazy

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

KeyPath = tuple[str | int, ...]

MAX_NESTING = 100
MAX_DIGITS = 4000
_BOM = "\ufeff"

# An unterminated string or comment runs to the end: a scan never restarts inside one, so
# it stays linear on any input.
_TOKEN_RE = lazy(r'"(?:[^"\\]|\\[\s\S])*"?|[{}\[\],]|//[^\n]*|/\*[\s\S]*?(?:\*/|\Z)')
# JSON5 adds single-quoted strings and hexadecimal numbers
_LIMIT_TOKEN_RE = lazy(
    r""""(?:[^"\\]|\\[\s\S])*"?|'(?:[^'\\]|\\[\s\S])*'?|//[^\n]*|/\*[\s\S]*?(?:\*/|\Z)"""
    r"|[\[{]|[\]}]|0[xX][0-9A-Fa-f]+|[0-9.]+(?:[eE][+-]?[0-9]+)?"
)


class _TooLong(Exception):
    pass


def _checked_int(digits: str) -> int:
    if len(digits) > MAX_DIGITS + digits.startswith("-"):
        raise _TooLong
    return int(digits)


def load(path: str, text: str, *, jsonc: bool = False) -> Any:
    body = text[1:] if text.startswith(_BOM) else text
    if jsonc:
        return _load_json5(path, text, body)
    try:
        data = json.loads(body, parse_int=_checked_int)
    except json.JSONDecodeError as e:
        raise FatalError(f"{path}:{e.lineno}: invalid JSON: {e.msg.lower()}") from None
    except _TooLong:
        _check_limits(path, text)
        raise FatalError(f"{path}: integer too long") from None  # pragma: no cover
    except RecursionError:
        _check_limits(path, text)
        raise FatalError(f"{path}: nesting too deep") from None  # pragma: no cover
    # fewer brackets than the limit cannot nest deeper than it: the usual manifest stops
    # here; a lockfile's data is walked (2.3 ms for a 650 kB
    # package-lock.json of 12,000 objects, where json.loads takes 6.4 ms)
    if text.count("[") + text.count("{") > MAX_NESTING and _too_deep(data):
        _check_limits(path, text)
    return data


def _load_json5(path: str, text: str, body: str) -> Any:
    import json5  # deferred: only deno.jsonc and JavaScript configs need it

    _check_limits(path, text)
    limit = sys.getrecursionlimit()
    # json5 recurses ~20 frames a level: room for MAX_NESTING levels below the caller
    sys.setrecursionlimit(limit + 30 * MAX_NESTING)
    try:
        return json5.loads(body)
    except ValueError as e:
        found = re.search(r"<string>:(\d+)", str(e))
        where = f"{path}:{found.group(1)}" if found else path
        raise FatalError(f"{where}: invalid JSONC: {e}") from None
    except RecursionError:  # pragma: no cover - the limits are checked first
        raise FatalError(f"{path}: invalid JSONC: nesting too deep") from None
    finally:
        sys.setrecursionlimit(limit)


def _too_deep(data: Any) -> bool:
    """Whether arrays and objects nest deeper than ``MAX_NESTING`` levels in parsed data."""
    level = [data] if isinstance(data, (dict, list)) else []
    for _ in range(MAX_NESTING):
        if not level:
            return False
        level = [
            child
            for value in level
            for child in (value.values() if isinstance(value, dict) else value)
            if isinstance(child, (dict, list))
        ]
    return bool(level)


def _check_limits(path: str, text: str) -> None:
    """Raise at the first bracket past ``MAX_NESTING`` levels or integer past
    ``MAX_DIGITS`` digits, outside strings and comments."""
    depth = 0
    for match in _LIMIT_TOKEN_RE.finditer(text):
        token = match.group()
        first = token[0]
        if first == "[" or first == "{":
            depth += 1
            if depth > MAX_NESTING:
                line = line_of(text, match.start())
                raise FatalError(f"{path}:{line}: nesting deeper than {MAX_NESTING} levels")
        elif first == "]" or first == "}":
            depth -= 1
        elif len(token) > MAX_DIGITS and first in "0123456789.":
            hexadecimal = token[1:2] in ("x", "X")
            integer = hexadecimal or not ("." in token or "e" in token or "E" in token)
            if integer and len(token) - 2 * hexadecimal > MAX_DIGITS:
                raise FatalError(f"{path}:{line_of(text, match.start())}: integer too long")


def string_spans(
    text: str, wanted: Collection[KeyPath], *, keys: bool = False
) -> dict[KeyPath, tuple[int, int]]:
    """Key path -> (start, end) of the contents of the string value at each wanted path.

    One regex pass over strings and punctuation (numbers and literals need no tokens);
    stops as soon as every wanted path has been seen, which for lockfiles is usually
    within the first kilobytes. With ``keys``, the spans are those of the keys instead,
    whatever the type of their values.
    """
    remaining = set(wanted)
    found: dict[KeyPath, tuple[int, int]] = {}
    stack: list[list[Any]] = []  # [is_object, key or index]
    expect_key = False
    for match in _TOKEN_RE.finditer(text):
        token = match.group()
        first = token[0]
        if first == '"':
            if expect_key:
                stack[-1][1] = _key(token)
                expect_key = False
                if keys:
                    path = tuple(entry[1] for entry in stack)
                    if path in remaining:
                        found[path] = (match.start() + 1, match.end() - 1)
                        remaining.discard(path)
                        if not remaining:
                            break
                continue
            path = tuple(entry[1] for entry in stack)
            if not keys and path in remaining:
                found[path] = (match.start() + 1, match.end() - 1)
                remaining.discard(path)
                if not remaining:
                    break
        elif first == "{":
            stack.append([True, None])
            expect_key = True
        elif first == "[":
            stack.append([False, 0])
        elif first in "}]":
            if stack:
                stack.pop()
            expect_key = False
        elif first == "," and stack:
            if stack[-1][0]:
                expect_key = True
            else:
                stack[-1][1] += 1
    return found


def _key(token: str) -> str:
    if "\\" in token:
        try:
            key: str = json.loads(token)
            return key
        except ValueError:  # an unterminated key: the document is invalid anyway
            pass
    return token[1:-1]


def locate(text: str, path: KeyPath) -> int:
    """1-based line of a key, for findings about values that are not strings."""
    spans = string_spans(text, [path], keys=True)
    return line_of(text, spans[path][0]) if path in spans else 1
