"""The lines of a TOML lockfile as TOML sees them, for the scans that read a lockfile's own
entries without parsing it whole."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

# Characters TOML allows in no string or comment: controls but tab, LF and the CR of CRLF.
# Looked for one by one (``in`` is a memchr): a regular expression would cost the run the
# import of ``re``, and is no quicker on a megabyte.
_CONTROLS = tuple(chr(c) for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F))
BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


def toml_lines(
    text: str, is_item: Callable[[str], bool], *, nested: bool = False
) -> Iterator[tuple[int, str] | None]:
    """(offset where the line starts, the line without its LF or CRLF) for each line but
    blank lines, comments and the items of multi-line arrays (``key = [`` ... ``]``), which
    ``is_item`` checks; where ``nested``, also of arrays of such arrays (``key = [[`` ...
    ``], [`` ... ``]]``, as uv writes its ``conflicts``). None, and nothing after it, where
    the text holds a character TOML allows nowhere (a control character, a CR that ends no
    CRLF), an item ``is_item`` refuses, or an unclosed array."""
    if any(c in text for c in _CONTROLS):
        yield None
        return
    lines = text.split("\n")
    offset = 0
    close = ""  # the line that closes the open array, if one is open
    for number, line in enumerate(lines):
        start = offset
        offset += len(line) + 1
        if line.endswith("\r") and number < len(lines) - 1:
            line = line[:-1]
        if "\r" in line:
            yield None
            return
        if close:
            if line == close:
                close = ""
            elif not (is_item(line) or (close == "]]" and line == "], [")):
                yield None
                return
            continue
        if line and line[0] != "#":  # blank lines and comments say nothing
            if line.endswith(" = ["):
                close = "]"
            elif nested and line.endswith(" = [["):
                close = "]]"
            yield start, line
    if close:
        yield None
