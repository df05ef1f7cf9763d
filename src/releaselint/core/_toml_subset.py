"""One pass over a TOML document: its values where they are plain, and where every string sits.

``scan`` reads the whole TOML 1.1 grammar (tables, arrays of tables, dotted and quoted keys,
inline tables and arrays over several lines, the four kinds of strings, integers, booleans)
with the redefinition rules of tomli, and records the offsets of every single-line string
value by its full key path. Two kinds of values it only steps over: floats and dates or
times. A document holding one is "inexact": its spans stand, its values come from tomli.
Anything the scanner finds wrong raises ``Unsupported``, and tomli (the reference) gives
the verdict and the message. A differential test over generated documents proves that
where the scanner answers, it answers what tomli answers.

What manifests and lockfiles hold (comments, headers, bare, quoted and dotted keys,
single-line strings, booleans, decimal integers) is read with ``str`` methods, and a run
that reads only that never imports ``re`` (with ``enum``, ``functools`` and ``collections``
behind it) nor compiles a pattern. The rest (multi-line strings, floats, dates and times,
hexadecimal, octal and binary integers) is read by regexes, compiled on first use. In a
fresh interpreter, importing ``core.toml`` and reading a plain Cargo.toml took 6.1 + 0.85 ms
with regexes for all, and takes 2.6 + 0.05 ms (best of 30, ``time.perf_counter``, on a
loaded machine); warm, both read a 1,062-line Cargo.lock in 1.8 ms and this repository's
pyproject.toml in 0.29 ms.

It is iterative (an explicit stack for inline values), so nesting costs no recursion, and
linear: each character is looked at a bounded number of times. Documents nested deeper
than ``MAX_NESTING`` levels and integers longer than ``MAX_DIGITS`` digits raise ``Limit``:
tomli would exhaust the stack or raise ``ValueError`` on them.
"""

from __future__ import annotations

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
_BARE_CHARS = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
_BARE_START = frozenset(_BARE_CHARS)
_BLANK = frozenset(" \t")
_GAP_START = frozenset(" \t\r\n#")
_NONZERO = frozenset("123456789")
_DIGIT_CHARS = "0123456789"
_HEX_CHARS = "0123456789ABCDEFabcdef"
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
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}

# The rare values, on regexes compiled on first use.
_ML_BASIC_RE = lazy(r'"""(?:\r?\n)?([^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*)"""("{0,2})')
_ML_LITERAL_RE = lazy(r"'''(?:\r?\n)?([^']*(?:'(?!'')[^']*)*)'''('{0,2})")
_ML_ILLEGAL_RE = lazy("[\x00-\x08\x0b-\x1f\x7f]")  # after CRLF became LF
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


class Unsupported(Exception):
    """The scanner cannot read the document: tomli decides."""


class Limit(Exception):
    """The document exceeds a limit releaselint sets (nesting depth, integer length)."""

    def __init__(self, message: str, pos: int) -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos


# -- runs of characters -------------------------------------------------------------------
# Each returns where a run that starts at ``pos`` ends, looking at each character of it a
# bounded number of times and copying no more than the run.


def _is_clean(chars: str) -> bool:
    """Whether ``chars`` holds no control character, which no string or comment may hold
    (tab may)."""
    return chars.isprintable() or ("\x7f" not in chars and min(chars.replace("\t", " ")) >= " ")


def _is_control(char: str) -> bool:
    return (char < " " and char != "\t") or char == "\x7f"


def _blank_end(text: str, pos: int) -> int:
    """Past spaces and tabs."""
    while text[pos : pos + 1] in _BLANK:
        pos += 1
    return pos


def _gap_end(text: str, pos: int) -> int:
    """Past what may stand between the items of an array or an inline table: spaces,
    tabs, newlines and comments."""
    while True:
        char = text[pos : pos + 1]
        if char == " " or char == "\t" or char == "\n":
            pos += 1
        elif char == "\r" and text.startswith("\n", pos + 1):
            pos += 2
        elif char == "#":
            pos = _comment_end(text, pos + 1)
        else:
            return pos


def _comment_end(text: str, pos: int) -> int:
    """The end of a comment whose text starts at ``pos``: its first control character,
    most often the newline (or the CR of a CRLF)."""
    end = text.find("\n", pos)
    if end < 0:
        end = len(text)
    body = text[pos:end]
    if body[-1:] == "\r":
        end -= 1
        body = body[:-1]
    if not _is_clean(body):
        end = pos + next(i for i, char in enumerate(body) if _is_control(char))
    return end


def _run_end(text: str, pos: int, chars: str) -> int:
    """Past the characters in ``chars``, 32 at a time (a bare key's, or digits)."""
    while True:
        chunk = text[pos : pos + 32]
        rest = chunk.lstrip(chars)
        pos += len(chunk) - len(rest)
        if rest or len(chunk) < 32:
            return pos


def _basic_close(text: str, pos: int) -> int:
    """The closing quote of a single-line basic string whose contents start at ``pos``;
    -1 if there is none before a control character (an escape may hold anything but a
    newline)."""
    close = text.find('"', pos)
    while close >= 0:
        escape = text.find("\\", pos, close)
        if not _is_clean(text[pos : close if escape < 0 else escape]):
            return -1
        if escape < 0:
            return close
        if text[escape + 1 : escape + 2] in ("", "\n"):
            return -1
        pos = escape + 2
        if pos > close:  # the quote was escaped
            close = text.find('"', pos)
    return -1


def _literal_close(text: str, pos: int) -> int:
    """The closing quote of a literal string whose contents start at ``pos``, or -1."""
    close = text.find("'", pos)
    return close if close >= 0 and _is_clean(text[pos:close]) else -1


def _digits_end(text: str, pos: int) -> int:
    """Past ``[0-9](?:_?[0-9])*`` where ``text[pos]`` is a digit."""
    pos = _run_end(text, pos, _DIGIT_CHARS)
    while text.startswith("_", pos) and "0" <= text[pos + 1 : pos + 2] <= "9":
        pos = _run_end(text, pos + 1, _DIGIT_CHARS)
    return pos


def _is_short_integer(word: str) -> bool:
    """``[+-]?(?:0|[1-9](?:_?[0-9]){0,17})``: an integer Python converts at once."""
    unsigned = word[1:] if word[:1] in ("+", "-") else word
    digits = unsigned.replace("_", "")
    return (
        digits.isascii()
        and digits.isdigit()
        and len(digits) <= 18
        and (
            unsigned == "0"
            or (unsigned[0] in _NONZERO and unsigned[-1] != "_" and "__" not in unsigned)
        )
    )


def _line_end(text: str, pos: int, newline: int) -> bool:
    """Whether only blanks and a comment stand from ``pos`` to the line's end: the
    newline at ``newline`` (CRLF or LF), or the end of the document (``newline`` -1)."""
    pos = _blank_end(text, pos)
    if text.startswith("#", pos):
        pos = _comment_end(text, pos + 1)
    if newline < 0:
        return pos == len(text)
    return pos == newline or (pos == newline - 1 and text[pos] == "\r")


def _simple_line(text: str, pos: int) -> tuple[list[str], Any, tuple[int, int] | None, int] | None:
    """Most manifest lines are ``key = "string"``, ``key = 'string'``, ``key = 12`` or
    ``key = true``, the key bare or dotted: such a line, comment and newline included, as
    (keys, value, span of a string, end); None for any other line."""
    newline = text.find("\n", pos)
    stop = len(text) if newline < 0 else newline
    equals = text.find("=", pos, stop)
    if equals < 0:
        return None
    key = text[pos:equals].rstrip(" \t")
    keys = [key]
    if key.strip(_BARE_CHARS):  # dotted, quoted or no key
        keys = key.split(".")
        for index, part in enumerate(keys):
            part = keys[index] = part.strip(" \t")
            if not part or part.strip(_BARE_CHARS):
                return None
    start = equals + 1
    while text[start : start + 1] in _BLANK:
        start += 1
    quote = text[start : start + 1]
    span = None
    if quote == '"' or quote == "'":
        close = text.find(quote, start + 1, stop)
        if close < 0:
            return None
        value: Any = text[start + 1 : close]
        if (quote == '"' and "\\" in value) or not _is_clean(value):
            return None
        span = (start + 1, close)
        after = close + 1
    else:
        comment = text.find("#", start, stop)
        word = text[start : stop if comment < 0 else comment].rstrip(" \t\r")
        if word == "true" or word == "false":
            value = word == "true"
        elif _is_short_integer(word):
            value = int(word.replace("_", ""))
        else:
            return None
        after = start + len(word)
    if after != stop and not _line_end(text, after, newline):
        return None
    return keys, value, span, stop + 1 if newline >= 0 else stop


def _pair(text: str, pos: int) -> tuple[int, int, tuple[int, int] | None] | None:
    """A pair in an inline table whose key is one bare key, as most are: where the key
    ends, where the value starts, and the span of the value if it is a string without
    escapes (``key = "string"``, as most values are); None for another key."""
    end = _run_end(text, pos, _BARE_CHARS)
    if end == pos:
        return None
    start = end
    while text[start : start + 1] in _BLANK:
        start += 1
    if text[start : start + 1] != "=":
        return None
    start += 1
    while text[start : start + 1] in _BLANK:
        start += 1
    if text[start : start + 1] != '"' or text.startswith('""', start + 1):  # not a """
        return end, start, None
    close = text.find('"', start + 1)
    if close < 0:
        return end, start, None
    value = text[start + 1 : close]
    if "\\" in value or not _is_clean(value):
        return end, start, None
    return end, start, (start + 1, close)


def _unescape(raw: str) -> str:
    if "\\" not in raw:
        return raw
    parts = []
    done = 0
    escape = raw.find("\\")
    while escape >= 0:
        parts.append(raw[done:escape])
        char = raw[escape + 1 : escape + 2]
        done = escape + 2
        if char in _ESCAPES:
            parts.append(_ESCAPES[char])
        elif char in _HEX_ESCAPES:
            digits = raw[done : done + _HEX_ESCAPES[char]]
            if len(digits) < _HEX_ESCAPES[char] or digits.strip(_HEX_CHARS):
                raise Unsupported
            code = int(digits, 16)
            if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
                raise Unsupported
            parts.append(chr(code))
            done += len(digits)
        else:
            # a backslash at the end of a line (in a multi-line string) trims the line break
            # and the blanks and line breaks after it
            done = _blank_end(raw, escape + 1)
            if not raw.startswith("\n", done):
                raise Unsupported
            while raw[done : done + 1] in (" ", "\t", "\n"):
                done += 1
        escape = raw.find("\\", done)
    parts.append(raw[done:])
    return "".join(parts)


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.spans: dict[KeyPath, tuple[int, int]] = {}
        self.exact = True
        self.frozen: set[int] = set()  # arrays and inline tables written as values
        self.explicit: set[int] = set()  # tables declared by a header or closed dotted tables
        self.pending: list[int] = []  # tables made by dotted keys in the current section

    def fail(self) -> Unsupported:
        return Unsupported(self.pos)

    # -- keys ---------------------------------------------------------------------------

    def key(self) -> list[str]:
        text = self.text
        parts: list[str] = []
        while True:
            pos = self.pos
            end = _run_end(text, pos, _BARE_CHARS)
            if end > pos:
                parts.append(text[pos:end])
            else:
                char = text[pos : pos + 1]
                if char == '"':
                    end = _basic_close(text, pos + 1)
                elif char == "'":
                    end = _literal_close(text, pos + 1)
                if end <= pos:
                    raise self.fail()
                raw = text[pos + 1 : end]
                parts.append(_unescape(raw) if char == '"' else raw)
                end += 1
            self.pos = _blank_end(text, end)
            if not text.startswith(".", self.pos):
                return parts
            self.pos = _blank_end(text, self.pos + 1)

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
            close = (_basic_close if basic else _literal_close)(text, pos + 1)
            if close < 0:
                raise self.fail()
            self.spans[path] = (pos + 1, close)
            self.pos = close + 1
            raw = text[pos + 1 : close]
            return _unescape(raw) if basic else raw
        if char == "[" or char == "{":
            self.pos += 1
            return _OPEN
        if text.startswith("true", pos):
            self.pos += 4
            return True
        if text.startswith("false", pos):
            self.pos += 5
            return False
        start = pos + 1 if char == "+" or char == "-" else pos
        first = text[start : start + 1]
        if not "0" <= first <= "9":
            if not text.startswith(("inf", "nan"), start):
                raise self.fail()
            self.exact = False  # a float: tomli gives the value
            self.pos = start + 3
            return None
        if (
            text[pos + 4 : pos + 5] == "-"  # 1979-05-27
            or text[pos + 2 : pos + 3] == ":"  # 07:32
            or text[pos + 1 : pos + 2] in ("x", "o", "b")  # 0x1F, 0o7, 0b1
        ):
            return self.rare_number(pos)
        end = start + 1 if first == "0" else _digits_end(text, start)
        if text[end : end + 1] in (".", "e", "E"):
            return self.rare_number(pos)
        self.pos = end
        return self.integer(text[pos:end], pos)

    def rare_number(self, pos: int) -> Any:
        """A float, a date or a time, or an integer that is not decimal."""
        text = self.text
        match = _DATETIME_RE.match(text, pos) or _LOCAL_TIME_RE.match(text, pos)
        if match is None:
            match = _NUMBER_RE.match(text, pos)
            if match is not None and not match.group(1):
                self.pos = match.end()
                return self.integer(match.group(), pos)
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
            char = text[self.pos : self.pos + 1]
            if char == " " and text[self.pos + 1 : self.pos + 2] not in _GAP_START:
                self.pos += 1  # most often one space, and then the item
                char = text[self.pos : self.pos + 1]
            elif char in _GAP_START:
                self.pos = _gap_end(text, self.pos)
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
            if isinstance(container, list):
                parent: Any = container
                item_path = (*where, len(container))
            else:
                pair = _pair(text, self.pos)
                if pair is None:
                    keys = self.key()
                    if not text.startswith("=", self.pos):
                        raise self.fail()
                    self.pos = _blank_end(text, self.pos + 1)
                else:
                    key_end, start, span = pair
                    key = text[self.pos : key_end]
                    if span is not None:
                        if key in container:
                            raise self.fail()
                        if len(where) >= MAX_NESTING:
                            raise Limit(_TOO_DEEP, self.pos)
                        container[key] = text[span[0] : span[1]]
                        pair_path = (*where, key)
                        self.spans[pair_path] = span
                        self.pos = span[1] + 1
                        continue
                    keys = [key]
                    self.pos = start
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
            if text[self.pos : self.pos + 1] in _BLANK:
                self.pos = _blank_end(text, self.pos)
            if self.pos >= end:
                return root
            char = text[self.pos]
            if char == "\n":  # blank lines: a run of them at once
                self.pos = _run_end(text, self.pos + 1, "\n")
                continue
            line = _simple_line(text, self.pos) if char in _BARE_START else None
            if line is not None:
                keys, value, span, line_end = line
                if len(where) + len(keys) > MAX_NESTING:
                    raise Limit(_TOO_DEEP, self.pos)
                if span is not None:
                    self.spans[where + tuple(keys)] = span
                self.parent_for(table, keys)[keys[-1]] = value
                self.pos = line_end
                continue
            if char == "[":
                aot = text.startswith("[[", self.pos)
                self.pos = _blank_end(text, self.pos + (2 if aot else 1))
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
                self.pos = _blank_end(text, self.pos + 1)
                parent = self.parent_for(table, keys)
                parent[keys[-1]] = self.value((*where, *keys))
            if text[self.pos : self.pos + 1] in _BLANK:
                self.pos = _blank_end(text, self.pos)
            if text.startswith("#", self.pos):
                self.pos = _comment_end(text, self.pos + 1)
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
