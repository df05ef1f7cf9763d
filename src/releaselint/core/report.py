"""Findings and how they are printed: text (``path:line: message``), JSON, GitHub annotations."""

from __future__ import annotations

import sys
from collections import namedtuple

FORMATS = ("text", "json", "github")

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple, TextIO

    class _Finding(NamedTuple):
        path: str
        line: int | None
        message: str
        severity: str = "error"
        hint: str | None = None
else:
    _Finding = namedtuple("_Finding", "path line message severity hint", defaults=("error", None))


class Finding(_Finding):
    """One finding: ``path`` is a repository path, or a ref or commit standing where a path
    would; ``severity`` is "error" or "warning"; ``hint`` is the command that fixes it,
    printed once however many findings share it."""

    __slots__ = ()

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def emit(
    findings: list[Finding],
    hints: list[str] = [],  # noqa: B006 (never mutated)
    fmt: str = "text",
    stream: TextIO | None = None,
) -> None:
    out = stream or sys.stdout
    hints = list(dict.fromkeys([*(f.hint for f in findings if f.hint), *hints]))
    if fmt == "json":
        import json

        records = [
            {
                "path": f.path,
                "line": f.line,
                "message": f.message,
                "severity": f.severity,
                "hint": f.hint,
            }
            for f in findings
        ]
        out.write(json.dumps({"findings": records, "hints": hints}, indent=2) + "\n")
        return
    if fmt == "github":
        for f in findings:
            level = "warning" if f.severity == "warning" else "error"
            props = f"file={_escape_property(f.path)}"
            if f.line:
                props += f",line={f.line}"
            out.write(f"::{level} {props}::{_escape_data(f.message)}\n")
        for hint in hints:
            out.write(f"::notice::{_escape_data(hint)}\n")
        return
    for f in findings:
        prefix = "warning: " if f.severity == "warning" else ""
        out.write(f"{f.location}: {prefix}{f.message}\n")
    for hint in hints:
        out.write(f"hint: {hint}\n")


def fatal(message: str, fmt: str = "text") -> None:
    """Print a "cannot run" error: to stderr as ``error: ...``, or as an annotation."""
    if fmt == "github":
        sys.stdout.write(f"::error::{_escape_data(message)}\n")
    elif fmt == "json":
        import json

        sys.stdout.write(json.dumps({"error": message}) + "\n")
    else:
        sys.stderr.write(f"error: {message}\n")
