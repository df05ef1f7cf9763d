"""Any text file through a configured regex with a named group ``version``."""

from __future__ import annotations

import re

from releaselint.core.errors import FatalError
from releaselint.core.files import line_of
from releaselint.core.model import Declaration


def compile_pattern(pattern: str, where: str) -> re.Pattern[str]:
    try:
        compiled = re.compile(pattern, re.MULTILINE)
    except re.error as e:
        raise FatalError(f"{where}: invalid regex {pattern!r}: {e}") from None
    if "version" not in compiled.groupindex:
        raise FatalError(f"{where}: regex {pattern!r} has no named group 'version'")
    return compiled


def read(path: str, text: str, pattern: re.Pattern[str]) -> list[Declaration]:
    found = []
    for match in pattern.finditer(text):
        start, end = match.span("version")
        if start < 0:
            continue
        found.append(
            Declaration(path, line_of(text, start), match.group("version"), start, end, "pattern")
        )
    return found
