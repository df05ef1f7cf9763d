"""JSON for manifests: values through json (or json5 for JSONC), spans through a token scan."""

from __future__ import annotations

import json
import re
from collections.abc import Collection

from releaselint.core.errors import FatalError
from releaselint.core.files import line_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

KeyPath = tuple[str | int, ...]

_TOKEN_RE = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],]|//[^\n]*|/\*.*?\*/', re.DOTALL)


def load(path: str, text: str, *, jsonc: bool = False) -> Any:
    if jsonc:
        import json5  # deferred: only deno.jsonc and friends need it

        try:
            return json5.loads(text)
        except ValueError as e:
            found = re.search(r"<string>:(\d+)", str(e))
            where = f"{path}:{found.group(1)}" if found else path
            raise FatalError(f"{where}: invalid JSONC: {e}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise FatalError(f"{path}:{e.lineno}: invalid JSON: {e.msg.lower()}") from None


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
                key = token[1:-1]
                stack[-1][1] = json.loads(token) if "\\" in key else key
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


def locate(text: str, path: KeyPath) -> int:
    """1-based line of a key, for findings about values that are not strings."""
    spans = string_spans(text, [path], keys=True)
    return line_of(text, spans[path][0]) if path in spans else 1
