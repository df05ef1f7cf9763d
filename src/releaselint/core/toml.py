"""TOML for manifests: values through tomllib, spans of string values through a line scan.

Plain manifests are read by ``_toml_subset`` without importing tomllib; everything else,
errors included, by tomllib. Neither gives positions, so a small scanner finds where each
single-line string value sits. The scanner only needs to agree with
tomllib on documents tomllib accepts, and only for ``key = "string"`` lines.
"""

from __future__ import annotations

import re
import sys

from releaselint.core import _toml_subset
from releaselint.core.errors import FatalError
from releaselint.core.lazyre import lazy

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


KeyPath = tuple[str | int, ...]

_BARE_OR_QUOTED = r"(?:[A-Za-z0-9_-]+|\"[^\"\n]*\"|'[^'\n]*')"
_KEY = rf"{_BARE_OR_QUOTED}(?:[ \t]*\.[ \t]*{_BARE_OR_QUOTED})*"
_HEADER = rf"[ \t]*\[(\[?)[ \t]*({_KEY})[ \t]*\]\]?[ \t]*(?:#.*)?"
_KEYVAL = rf"[ \t]*({_KEY})[ \t]*=[ \t]*(?:\"((?:[^\"\\\n]|\\.)*)\"|'([^'\n]*)')[ \t]*(?:#.*)?"
# Compiled on first use: a run that reads no TOML (or no quoted key) needs none of them.
_BARE_OR_QUOTED_RE = lazy(_BARE_OR_QUOTED)
_HEADER_RE = lazy(_HEADER)
_KEYVAL_RE = lazy(_KEYVAL)


def load_with_spans(path: str, text: str) -> tuple[dict[str, Any], dict[KeyPath, tuple[int, int]]]:
    """The document and the spans of its single-line string values, in one pass where the
    document is plain (the usual manifest), else through tomllib and the line scan."""
    spans: dict[KeyPath, tuple[int, int]] = {}
    try:
        return _toml_subset.loads(text, spans), spans
    except _toml_subset.Unsupported:
        return load(path, text), string_spans(text)


def load(path: str, text: str) -> dict[str, Any]:
    try:
        return _toml_subset.loads(text)
    except _toml_subset.Unsupported:
        pass
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        data: dict[str, Any] = tomllib.loads(text)
        return data
    except tomllib.TOMLDecodeError as e:
        message = str(e)
        line = getattr(e, "lineno", None)
        if line is None:
            found = re.search(r"\(at line (\d+)", message)
            line = int(found.group(1)) if found else None
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        where = f"{path}:{line}" if line else path
        raise FatalError(f"{where}: invalid TOML: {message[:1].lower()}{message[1:]}") from None


def _split_key(key: str) -> tuple[str, ...]:
    if '"' not in key and "'" not in key:
        return tuple(part.strip() for part in key.split("."))
    return tuple(part.strip("\"'") for part in _BARE_OR_QUOTED_RE.findall(key))


def string_spans(text: str) -> dict[KeyPath, tuple[int, int]]:
    """Full key path -> (start, end) of the contents of every single-line string value.

    Arrays of tables get their index in the path: the second ``[[package]]`` table's
    ``version`` is ``("package", 1, "version")``.
    """
    spans: dict[KeyPath, tuple[int, int]] = {}
    table: KeyPath = ()
    aot_counts: dict[KeyPath, int] = {}
    in_multiline: str | None = None
    offset = 0
    for line in text.splitlines(keepends=True):
        start = offset
        offset += len(line)
        if in_multiline is not None:
            if in_multiline in line:
                in_multiline = None
            continue
        body = line.rstrip("\r\n")
        if body.lstrip().startswith("["):
            header = _HEADER_RE.fullmatch(body)
            if header is not None:
                table = _resolve(_split_key(header.group(2)), bool(header.group(1)), aot_counts)
            continue
        match = _KEYVAL_RE.fullmatch(body) if "=" in body else None
        if match is not None:
            group = 2 if match.group(2) is not None else 3
            key = (*table, *_split_key(match.group(1)))
            spans[key] = (
                start + match.start(group),
                start + match.end(group),
            )
            continue
        for quote in ('"""', "'''"):
            if line.count(quote) % 2 == 1:
                in_multiline = quote
                break
    return spans


def _resolve(names: tuple[str, ...], aot: bool, counts: dict[KeyPath, int]) -> KeyPath:
    """A header's full key path: each array of tables on the way gets the index of its
    current element (``[package.metadata]`` after the second ``[[package]]`` is
    ``("package", 1, "metadata")``); an ``[[x]]`` header starts a new element of ``x``."""
    path: list[str | int] = []
    for position, name in enumerate(names):
        path.append(name)
        key = tuple(path)
        if aot and position == len(names) - 1:
            counts[key] = counts.get(key, -1) + 1
            path.append(counts[key])
        elif key in counts:
            path.append(counts[key])
    return tuple(path)


def get(data: dict[str, Any], *keys: str) -> Any:
    """``data[k1][k2]...`` or None where a level is missing or not a table."""
    value: Any = data
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value
