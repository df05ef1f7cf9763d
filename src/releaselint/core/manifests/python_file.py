"""Python version files: ``__version__ = "1.2.3"``, ``VERSION = '1.2.3'``.

Also recognises the single-source pattern ``__version__ = importlib.metadata.version(...)``
whose fallback literal (in an ``except`` branch) must be a placeholder.
"""

from __future__ import annotations

import re

from releaselint.core.files import line_of
from releaselint.core.model import Declaration, Package

_ASSIGN = (
    r"^([ \t]*)(?:__version__|VERSION)[ \t]*(?::[ \t]*(?:str|Final(?:\[str\])?)[ \t]*)?="
    r"[ \t]*(?:__version__[ \t]*=[ \t]*|version[ \t]*=[ \t]*)?"
    r"(?:\"([^\"\\\n]*)\"|'([^'\\\n]*)')"
)
_METADATA = r"importlib[._]metadata|pkg_resources|\bversion\(__(?:name|package)__"


def read(path: str, text: str, *, requirements: bool = False) -> Package:
    """The file's version literals, module-level ones first; the indented literals beside an
    ``importlib.metadata`` lookup are ``fallback`` declarations. A version file declares
    no requirements."""
    reads_metadata = re.search(_METADATA, text) is not None
    literals, fallbacks = [], []
    for match in re.finditer(_ASSIGN, text, re.MULTILINE):
        group = 2 if match.group(2) is not None else 3
        start, end = match.span(group)
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
