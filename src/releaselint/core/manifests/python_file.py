"""Python version files: ``__version__ = "1.2.3"``, ``VERSION = '1.2.3'``.

Also recognises the single-source pattern ``__version__ = importlib.metadata.version(...)``
whose fallback literal (in an ``except`` branch) must be a placeholder.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from releaselint.core.files import PLAIN_VERSION, line_of
from releaselint.core.lazyre import lazy
from releaselint.core.model import Declaration, Package

_ASSIGN = (
    r"^\ufeff?([ \t]*)(?:__version__|VERSION)[ \t]*(?::[ \t]*(?:str|Final(?:\[str\])?)[ \t]*)?="
    r"[ \t]*(?:__version__[ \t]*=[ \t]*|version[ \t]*=[ \t]*)?"
    r"(?:\"([^\"\\\n]*)\"|'([^'\\\n]*)')"
    # the literal is the whole value: `"{}.{}.{}".format(*info)` or `"%s" % v` computes one
    r"(?=[ \t]*(?:[#;]|\r?$))"
)
_METADATA = r"importlib[._]metadata|pkg_resources|\bversion\(__(?:name|package)__"


def read(path: str, text: str, *, requirements: bool = False) -> Package:
    """The file's version literals, module-level ones first; the indented literals beside an
    ``importlib.metadata`` lookup are ``fallback`` declarations. A version file declares
    no requirements."""
    reads_metadata = re.search(_METADATA, text) is not None
    literals, fallbacks = [], []
    blocks: tuple[set[int], set[int]] | None = None
    strings = _long_strings(text) if '"""' in text or "'''" in text else []
    string_starts = [start for start, _ in strings]  # in order, and not overlapping
    for match in re.finditer(_ASSIGN, text, re.MULTILINE):
        if strings:
            # the last string that starts before the line: the only one that may hold it
            at = bisect_left(string_starts, match.start()) - 1
            if at >= 0 and match.start() < strings[at][1]:
                continue  # a line of a docstring: text, not an assignment (hatch reads none)
        group = 2 if match.group(2) is not None else 3
        start, end = match.span(group)
        if match.group(1):
            if blocks is None:
                blocks = _blocks(text)
            if match.start() in blocks[0]:
                continue  # a stub for when the generated version module is missing
            if match.start() in blocks[1]:
                continue  # a class's or a function's constant, not the module's version
        if match.group(0).lstrip().startswith("VERSION") and not _is_version(match.group(group)):
            continue  # `VERSION = "HTTP/1.1"`: some other constant (`__version__` is meant)
        fallback = bool(match.group(1)) and reads_metadata
        declaration = Declaration(
            path,
            line_of(text, start),
            match.group(group),
            start,
            end,
            "__version__",
            pep440=True,
            fallback=fallback,
        )
        if fallback:
            fallbacks.append(declaration)
        else:
            literals.append(declaration)
    package = Package(path, "python")
    package.declarations = literals + fallbacks
    return package


def _is_version(value: str) -> bool:
    """Whether a ``VERSION`` literal is spelled as a version at all (a digit first, after an
    optional ``v``, and only the characters of PEP 440 and SemVer): not ``"HTTP/1.1"`` nor
    ``"VERSION"``. Whether it is a valid one is the alignment check's to say."""
    digits = value[1:] if value[:1] in ("v", "V") else value
    return digits[:1].isdigit() and PLAIN_VERSION.issuperset(digits)


def _long_strings(text: str) -> list[tuple[int, int]]:
    """The spans of the string literals of ``text`` that run over several lines, as
    Python's tokenizer reads them; none where it cannot read the text (no Python would
    import the module then)."""
    import io
    import tokenize

    starts = [0]
    for line in text.split("\n"):  # the lines StringIO's readline gives the tokenizer
        starts.append(starts[-1] + len(line) + 1)
    spans = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.STRING and token.start[0] != token.end[0]:
                (row, col), (end_row, end_col) = token.start, token.end
                spans.append((starts[row - 1] + col, starts[end_row - 1] + end_col))
    except (tokenize.TokenError, SyntaxError, IndexError):
        return []
    return spans


_EXCEPT_IMPORT = lazy(r"except\b[^:\n]*\b(?:ImportError|ModuleNotFoundError)\b")
_SCOPES = ("class ", "class\t", "def ", "def\t", "async def ")


def _blocks(text: str) -> tuple[set[int], set[int]]:
    """Offsets of the lines inside an ``except ImportError:`` block, and of those inside a
    class or function body, in one pass: a stack of the open blocks' indents, each marked
    whether it is such a handler, and whether it is such a body."""
    stubs: set[int] = set()
    scoped: set[int] = set()
    stack: list[tuple[int, bool, bool]] = []  # (indent of the opener, handler, body)
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            indent = len(line) - len(line.lstrip())
            while stack and stack[-1][0] >= indent:
                stack.pop()
            handler = bool(stack and stack[-1][1])
            body = bool(stack and stack[-1][2])
            if handler:
                stubs.add(offset)
            if body:
                scoped.add(offset)
            code = stripped.partition(" #")[0].rstrip()
            is_handler = _EXCEPT_IMPORT.match(stripped) is not None
            is_body = stripped.startswith(_SCOPES)
            if code.endswith(":") or is_handler or is_body:
                stack.append((indent, is_handler or handler, is_body or body))
        offset += len(line) + 1
    return stubs, scoped
