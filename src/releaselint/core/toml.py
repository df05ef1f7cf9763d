"""TOML for manifests: values and the spans of string values, from one scanner.

``_toml_subset.scan`` reads a document in one pass and gives the offsets of every string
value written on one line (``"..."`` or ``'...'``), wherever it sits: top-level and dotted
keys, ``[tables]``, ``[[arrays.of.tables]]`` (``("package", 1, "version")``), inline tables
(``("dependencies", "corelib", "version")``) and arrays (``("project", "dependencies", 0)``),
over several lines and nested. A span covers the string's contents, inside the quotes, as
written: a basic string with escapes (``"1.0\\u002e0"``) gets the span of its raw text, so
``text[start:end]`` is not its value; ``is_plain_span`` says whether it is, and a writer must
check it before writing into a span. Callers compute lines from offsets (``files.line_of``).
Every problem is a ``FatalError`` with ``path:line: message``: tomli's verdict, or one of the
scanner's limits (nesting deeper than 100 levels, integers longer than 4,000 digits).

The reference is tomli (TOML 1.1, which Cargo reads: inline tables over several lines,
``\\e`` and ``\\xHH`` escapes, times without seconds). The scanner runs anyway, for the
spans, so tomli is imported only where the scanner cannot answer alone: a document with
floats, dates or times (the scanner gives the spans, tomli the values), and a document the
scanner finds invalid (tomli gives the verdict and its message). In a fresh process, importing
this module and reading a plain Cargo.toml with ``load_with_spans`` costs 2.5 ms of CPU,
this repository's pyproject.toml 2.8 ms, against 9.0 and 8.6 ms when tomli reads them
(min of 40 runs of ``time.process_time()`` around the import and the call, on a loaded
machine); neither this module nor the scanner imports ``re`` for such a file. On a large
lockfile the scanner is slower than tomli (compiled with mypyc): 28 ms against 26 ms for
this repository's 500 kB uv.lock, but it runs anyway for the spans.
``tests/core/test_toml_subset.py`` proves, on generated documents, that the scanner accepts
exactly what tomli accepts and reads the same values.
"""

from __future__ import annotations

from releaselint.core import _toml_subset
from releaselint.core.errors import FatalError
from releaselint.core.files import line_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any


KeyPath = tuple[str | int, ...]
Spans = dict[KeyPath, tuple[int, int]]


def load_with_spans(path: str, text: str) -> tuple[dict[str, Any], Spans]:
    """The document, and ``(start, end)`` of the contents of each single-line string value
    by full key path. Raises ``FatalError`` (``path:line: message``) on invalid TOML."""
    if text.startswith("\ufeff"):  # TOML has no byte order mark: named, not "invalid statement"
        raise FatalError(
            f"{path}:1: invalid TOML: it starts with a byte order mark (U+FEFF); "
            "save it as UTF-8 without one"
        )
    try:
        data, spans, exact = _toml_subset.scan(text)
    except _toml_subset.Limit as e:
        raise FatalError(f"{path}:{line_of(text, e.pos)}: {e.message}") from None
    except _toml_subset.Unsupported:
        data, spans, exact = _reference(path, text), {}, True
    if not exact:
        data = _reference(path, text)
    return data, spans


def key_line(text: str, table: Sequence[str], key: str) -> int:
    """The line of ``key`` in the table ``[table]`` as written (a header, then ``key =``):
    for a value that holds no string, whose place the spans do not give. The header's
    line where the key is written otherwise (dotted, inline), 1 where the header is not
    found either."""
    header = f"[{'.'.join(table)}]"
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip() == header), None)
    if start is None:
        return 1
    for number in range(start + 1, len(lines)):
        stripped = lines[number].strip()
        if stripped.startswith("["):
            break
        name, equals, _ = stripped.partition("=")
        if equals and name.strip().strip("\"'") == key:
            return number + 1
    return start + 1


def load(path: str, text: str) -> dict[str, Any]:
    return load_with_spans(path, text)[0]


def string_spans(text: str) -> Spans:
    """The spans of ``load_with_spans`` for a document known to be valid."""
    try:
        return _toml_subset.scan(text)[1]
    except (_toml_subset.Unsupported, _toml_subset.Limit):
        return {}


def is_plain_span(text: str, span: tuple[int, int]) -> bool:
    """Whether ``text[start:end]`` is the string's value: a literal string, or a basic
    string without escapes. Only such a span may be rewritten with a plain value."""
    start, end = span
    return text[start - 1 : start] == "'" or "\\" not in text[start:end]


def _reference(path: str, text: str) -> dict[str, Any]:
    import re  # deferred, as tomli: a run that reads plain manifests never imports them

    import tomli

    try:
        data: dict[str, Any] = tomli.loads(text)
        return data
    except tomli.TOMLDecodeError as e:
        message = str(e)
        line = getattr(e, "lineno", None)
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        where = f"{path}:{line}" if line else path
        raise FatalError(f"{where}: invalid TOML: {message[:1].lower()}{message[1:]}") from None
    except (RecursionError, ValueError) as e:  # the scanner's limits come first: a safety net
        raise FatalError(f"{path}: invalid TOML: {e}") from None


def get(data: dict[str, Any], *keys: str) -> Any:
    """``data[k1][k2]...`` or None where a level is missing or not a table."""
    value: Any = data
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value
