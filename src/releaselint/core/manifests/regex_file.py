"""Any text file through a configured regex with a named group ``version``."""

from __future__ import annotations

import re

from releaselint.core.errors import FatalError
from releaselint.core.files import line_of
from releaselint.core.model import Declaration


def pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` cannot find versions (checked when the configuration loads)."""
    try:
        compiled = re.compile(pattern, re.MULTILINE)
    except (re.error, OverflowError, RecursionError) as e:
        return f"invalid regex {pattern!r}: {e}"
    if "version" not in compiled.groupindex:
        return f"regex {pattern!r} has no named group 'version'"
    return None


def compile_pattern(pattern: str, where: str) -> re.Pattern[str]:
    problem = pattern_problem(pattern)
    if problem is not None:
        raise FatalError(f"{where}: {problem}")
    return re.compile(pattern, re.MULTILINE)


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
