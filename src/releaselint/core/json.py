"""JSON for manifests: values through the C scanner of ``json`` (json5 for JSONC), spans
through a token scan.

Neither ``json`` nor ``re`` is imported to read a valid file (together ~6 ms of a hook's
start): ``loads`` drives CPython's ``_json`` scanner as ``json.loads`` does, with its
answers and its errors, and ``tokens`` finds strings and punctuation with ``str.find``.
Every problem is a ``FatalError`` with ``path:line: message``. A UTF-8 byte order mark at
the start is skipped, as Node and npm skip it (npm's ``read-package-json`` strips it before
``JSON.parse``); offsets into the text keep counting it. Nesting deeper than
``MAX_NESTING`` levels and integers longer than ``MAX_DIGITS`` digits are refused, with
the line they start on: the C parser exhausts its stack between 800 and 1,000 levels, json5
(pure Python, ~20 frames a level) past 45, and Python refuses to convert integers longer
than 4,300 digits.
"""

from __future__ import annotations

import sys

from releaselint.core.errors import FatalError
from releaselint.core.files import line_of
from releaselint.core.lazyre import lazy

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterator
    from typing import Any, NoReturn

KeyPath = tuple[str | int, ...]

MAX_NESTING = 100
MAX_DIGITS = 4000
_BOM = "\ufeff"
# what json.decoder's WHITESPACE pattern skips around the value: JSON's four, not str.isspace
_WHITESPACE = " \t\n\r"

# JSON5 adds single-quoted strings and hexadecimal numbers
_LIMIT_TOKEN_RE = lazy(
    r""""(?:[^"\\]|\\[\s\S])*"?|'(?:[^'\\]|\\[\s\S])*'?|//[^\n]*|/\*[\s\S]*?(?:\*/|\Z)"""
    r"|[\[{]|[\]}]|0[xX][0-9A-Fa-f]+|[0-9.]+(?:[eE][+-]?[0-9]+)?"
)


class _TooLong(ValueError):
    """An integer past ``MAX_DIGITS``: a ``ValueError``, as ``int`` raises one past 4,300."""


def _checked_int(digits: str) -> int:
    if len(digits) > MAX_DIGITS + digits.startswith("-"):
        raise _TooLong
    return int(digits)


def load(path: str, text: str, *, jsonc: bool = False) -> Any:
    body = text[1:] if text.startswith(_BOM) else text
    if jsonc:
        return _load_json5(path, text, body)
    try:
        data = loads(body)
    except _TooLong:
        _check_limits(path, text)
        raise FatalError(f"{path}: integer too long") from None  # pragma: no cover
    except RecursionError:
        _check_limits(path, text)
        raise FatalError(f"{path}: nesting too deep") from None  # pragma: no cover
    except ValueError as e:
        from json import JSONDecodeError  # imported by the scanner when it raises one

        if not isinstance(e, JSONDecodeError):  # pragma: no cover - nothing else raises it
            raise
        raise FatalError(f"{path}:{e.lineno}: invalid JSON: {e.msg.lower()}") from None
    # fewer brackets than the limit cannot nest deeper than it: the usual manifest stops
    # here; a lockfile's data is walked (1.7 ms for a 650 kB package-lock.json of 7,000
    # objects, which the scanner reads in 3.2 ms)
    if text.count("[") + text.count("{") > MAX_NESTING and _too_deep(data):
        _check_limits(path, text)
    return data


class _Decoding:
    """The settings CPython's C scanner reads from its ``context`` (in ``json``, the
    ``JSONDecoder``): those ``json.loads(text, parse_int=_checked_int)`` gives it."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    array_hook = None  # read from Python 3.15 on
    parse_float = float
    parse_int = staticmethod(_checked_int)
    # Lib/json/decoder.py _CONSTANTS
    parse_constant = {
        "-Infinity": float("-inf"),
        "Infinity": float("inf"),
        "NaN": float("nan"),
    }.__getitem__


def _c_scanner() -> Callable[[str, int], tuple[Any, int]] | None:
    """The scanner ``json.loads`` runs on CPython, without the ~6 ms that importing ``json``
    costs (it imports ``re``, and ``re`` imports ``enum``, ``functools`` and ``collections``)."""
    try:
        from _json import make_scanner
    except ImportError:  # pragma: no cover - an implementation without CPython's _json
        return None
    return make_scanner(_Decoding())  # type: ignore[arg-type]  # duck-typed, as json passes it


_scan = _c_scanner()


def loads(text: str) -> Any:
    """``json.loads(text, parse_int=_checked_int)``: the same value or the same
    ``JSONDecodeError`` (message and position), after CPython's ``json.loads`` and
    ``JSONDecoder.decode``."""
    if _scan is None:  # pragma: no cover - an implementation without CPython's _json
        import json

        return json.loads(text, parse_int=_checked_int)
    if text.startswith(_BOM):
        _decode_error("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
    start = len(text) - len(text.lstrip(_WHITESPACE)) if text[:1] in _WHITESPACE else 0
    try:
        value, end = _scan_from(_scan, text, start)
    except StopIteration as e:
        _decode_error("Expecting value", text, e.value)
    if end != len(text):
        rest = text[end:].lstrip(_WHITESPACE)
        if rest:
            _decode_error("Extra data", text, len(text) - len(rest))
    return value


def _scan_from(
    scan: Callable[[str, int], tuple[Any, int]], text: str, start: int
) -> tuple[Any, int]:
    try:
        return scan(text, start)
    except SystemError:  # pragma: no cover - seen in a fresh process (test_json's children)
        # Before CPython 3.12 the C scanner raises its errors with a JSONDecodeError that it
        # looks up among the imported modules, without importing json.decoder (Modules/_json.c,
        # raise_errmsg): unimported, the error comes out as "returned NULL without setting an
        # exception". Imported now, the scan raises the error json.loads would.
        if "json.decoder" in sys.modules:
            raise
        import json.decoder  # noqa: F401

        return scan(text, start)


def _decode_error(message: str, text: str, pos: int) -> NoReturn:
    from json import JSONDecodeError

    raise JSONDecodeError(message, text, pos) from None


def _load_json5(path: str, text: str, body: str) -> Any:
    import json5  # deferred: only deno.jsonc and JavaScript configs need it

    _check_limits(path, text)
    limit = sys.getrecursionlimit()
    # json5 recurses ~20 frames a level: room for MAX_NESTING levels below the caller
    sys.setrecursionlimit(limit + 30 * MAX_NESTING)
    try:
        return json5.loads(body)
    except ValueError as e:
        import re

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


def tokens(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each string, bracket, comma and comment, in order; numbers, literals,
    colons and whitespace are skipped.

    A string or comment left open runs to the end of the text (an open string stops before
    a final backslash, which escapes nothing), so the scan never restarts inside one. Each
    character that starts a token is looked up with ``str.find`` from where the scan stands,
    and looked up again only once the scan has passed it: linear on any input. Strings are
    most tokens, so the next quote is weighed against the nearest of the others.
    """
    size = len(text)
    wrap = size + 1  # str.find's -1 becomes ``size``, past every position
    find = text.find
    quote = find('"') % wrap
    others = "{}[],/"
    ahead = [find(char) % wrap for char in others]
    other = min(ahead)
    while True:
        if quote < other:
            start = quote
            end = _string_end(text, start)
            yield start, end
            quote = find('"', end) % wrap
            if other >= end:
                continue
        elif other == size:
            return
        else:
            start = other
            end = start + 1
            if text[start] != "/":
                yield start, end
            elif text.startswith("/", end):
                end = find("\n", end) % wrap
                yield start, end
            elif text.startswith("*", end):
                end = find("*/", end + 1)
                end = size if end < 0 else end + 2
                yield start, end
            # else a slash alone, which starts nothing
            if quote < end:
                quote = find('"', end) % wrap
        for index, at in enumerate(ahead):
            if at < end:
                ahead[index] = find(others[index], end) % wrap
        other = min(ahead)


def _string_end(text: str, start: int) -> int:
    """Where the string opened at ``start`` ends: after the first quote that an even run of
    backslashes precedes (backslashes pair up from the opening quote), else at the end."""
    end = start
    while True:
        end = text.find('"', end + 1)
        if end < 0:
            end = len(text)
            return end - _backslashes_before(text, end) % 2
        if text[end - 1] != "\\" or _backslashes_before(text, end) % 2 == 0:
            return end + 1


def _backslashes_before(text: str, end: int) -> int:
    at = end
    while text[at - 1] == "\\":  # the opening quote stops it at the latest
        at -= 1
    return end - at


def string_spans(
    text: str, wanted: Collection[KeyPath], *, keys: bool = False, last: bool = False
) -> dict[KeyPath, tuple[int, int]]:
    """Key path -> (start, end) of the contents of the string value at each wanted path.

    One pass over strings and punctuation (numbers and literals need no tokens); stops as
    soon as every wanted path has been seen, which for lockfiles is usually within the
    first kilobytes. With ``keys``, the spans are those of the keys instead, whatever the
    type of their values. With ``last``, a key written twice gives its last value's span,
    the one JSON.parse and json.loads keep (the whole text is read).
    """
    remaining = set(wanted)
    # a path is built only at a depth some wanted path has: most strings are not looked up
    # (a whole 650 kB package-lock.json in 39 ms, 45 ms building every path)
    depths = {len(path) for path in remaining}
    found: dict[KeyPath, tuple[int, int]] = {}
    stack: list[list[Any]] = []  # [is_object, key or index]
    expect_key = False
    for start, end in tokens(text):
        first = text[start]
        if first == '"':
            if expect_key:
                stack[-1][1] = _key(text[start:end])
                expect_key = False
                if keys and len(stack) in depths:
                    path = tuple(entry[1] for entry in stack)
                    if path in remaining:
                        found[path] = (start + 1, end - 1)
                        remaining.discard(path)
                        if not remaining:
                            break
                continue
            if keys or len(stack) not in depths:
                continue
            path = tuple(entry[1] for entry in stack)
            if path in remaining:
                found[path] = (start + 1, end - 1)
                if last:
                    continue
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
            key: str = loads(token)
            return key
        except ValueError:  # an unterminated key: the document is invalid anyway
            pass
    return token[1:-1]


def locate(text: str, path: KeyPath) -> int:
    """1-based line of a key, for findings about values that are not strings."""
    spans = string_spans(text, [path], keys=True)
    return line_of(text, spans[path][0]) if path in spans else 1


# nesting past which ``dumps`` leaves a value to ``json`` (no cache nests that deep)
MAX_DEPTH = 100


def dumps(value: object, *, sort_keys: bool = False) -> str:
    """``json.dumps(value, sort_keys=sort_keys)``: the same text, for the values a cache
    keeps (strings, integers, booleans, null, lists, string-keyed objects) written here with
    ``_json``'s quoting, without the import of ``json`` (~1 ms); any other value through
    ``json``."""
    try:
        from _json import encode_basestring_ascii
    except ImportError:  # pragma: no cover - an implementation without CPython's _json
        pass
    else:
        parts: list[str] = []
        if _plain_parts(value, encode_basestring_ascii, parts, 0, sort_keys):
            return "".join(parts)
    import json

    return json.dumps(value, sort_keys=sort_keys)


def _plain_parts(
    value: object, quote: Any, parts: list[str], depth: int, sort_keys: bool = False
) -> bool:
    """Append the JSON text of ``value`` to ``parts``; False where it is not plain (or
    nested past ``MAX_DEPTH``), and ``parts`` is then to be dropped."""
    if isinstance(value, str):
        parts.append(quote(value))
    elif value is None or value is True or value is False:
        parts.append("null" if value is None else "true" if value else "false")
    elif type(value) is int:
        parts.append(int.__repr__(value))
    elif depth >= MAX_DEPTH:
        return False
    elif type(value) is list:
        parts.append("[")
        for index, item in enumerate(value):
            if index:
                parts.append(", ")
            if not _plain_parts(item, quote, parts, depth + 1, sort_keys):
                return False
        parts.append("]")
    elif type(value) is dict:
        if not all(isinstance(key, str) for key in value):
            return False
        parts.append("{")
        items = sorted(value.items()) if sort_keys else value.items()
        for index, (key, item) in enumerate(items):
            parts.append(f"{', ' if index else ''}{quote(key)}: ")
            if not _plain_parts(item, quote, parts, depth + 1, sort_keys):
                return False
        parts.append("}")
    else:
        return False
    return True
