"""Findings and how they are printed: text (``path:line: message``), JSON, GitHub annotations."""

from __future__ import annotations

import os
import sys

from releaselint.core import records

FORMATS = ("text", "json", "github")

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import NamedTuple, TextIO, TypeVar

    Main = TypeVar("Main", bound=Callable[..., int])

    class _Finding(NamedTuple):
        path: str
        line: int | None
        message: str
        severity: str = "error"
        hint: str | None = None
else:
    _Finding = records.record(
        "_Finding", "path line message severity hint", defaults=("error", None)
    )


class Finding(_Finding):
    """One finding: ``path`` is a repository path, or a ref or commit standing where a path
    would; ``severity`` is "error" or "warning"; ``hint`` is the command that fixes it,
    printed once however many findings share it."""

    __slots__ = ()

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


def printable(text: str) -> str:
    """``text`` on one line, as it can be printed: bytes that are not UTF-8 (decoded with
    surrogate escapes) as ``\\xNN``, control and separator characters (U+2028...) as Python
    escapes. Git allows both in ref names."""
    if text.isprintable():
        return text
    return "".join(
        c
        if c.isprintable()
        else f"\\x{ord(c) - 0xDC00:02x}"
        if 0xDC80 <= ord(c) <= 0xDCFF
        else c.encode("unicode_escape").decode("ascii")
        for c in text
    )


def terminal_safe(text: str) -> str:
    """``text`` with the control characters a terminal acts on (ESC, C1, DEL, ...) escaped
    as ``printable`` escapes them; tabs and line ends, which a diff shows, as they are."""
    if text.isprintable() or all(c.isprintable() or c in "\t\r\n" for c in text):
        return text
    return "".join(c if c in "\t\r\n" else printable(c) for c in text)


def encodable(text: str) -> str:
    """``text`` with the bytes that are not UTF-8 in it (surrogate escapes: git output and
    file names decoded as the file system does) as ``\\xNN``: everything else as it is."""
    if text.isascii() or not any(0xDC80 <= ord(c) <= 0xDCFF for c in text):
        return text
    return "".join(f"\\x{ord(c) - 0xDC00:02x}" if 0xDC80 <= ord(c) <= 0xDCFF else c for c in text)


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def is_file(location: str) -> bool:
    """Whether a finding's path names a file, not a ref (``refs/tags/v1``) or a commit."""
    if location.startswith("refs/"):
        return False
    hexadecimal = 7 <= len(location) <= 64 and all(c in "0123456789abcdef" for c in location)
    return not hexadecimal


def record(finding: Finding) -> dict[str, object]:
    """A finding as a JSON object."""
    return {
        "path": finding.path,
        "line": finding.line,
        "message": finding.message,
        "severity": finding.severity,
        "hint": finding.hint,
    }


def annotation(finding: Finding) -> str:
    """A GitHub workflow command. Only a file gets ``file=`` (GitHub links it to the
    diff); a ref or a commit goes in the title, where the annotation names it."""
    level = "warning" if finding.severity == "warning" else "error"
    message = encodable(finding.message).translate(_SHOWN)
    finding = finding._replace(path=printable(finding.path), message=message)
    if is_file(finding.path):
        props = f"file={_escape_property(finding.path)}"
        if finding.line:
            props += f",line={finding.line}"
    else:
        props = f"title={_escape_property(finding.path)}"
    return f"::{level} {props}::{escape_data(finding.message)}\n"


# a line break inside a message (a path it quotes, a value from a file) would forge the next
# finding, a control character (ESC...) would reach the terminal, a bidirectional override
# would reorder what is shown: text output keeps each finding on its one line, as written
_CONTROLS = {
    **{c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0)) if c not in (0x09, 0x0A, 0x0D)},
    **{c: f"\\u{c:04x}" for c in (0x200E, 0x200F, *range(0x2028, 0x202F), *range(0x2066, 0x206A))},
}
_LINE_BREAKS = str.maketrans({**_CONTROLS, 0x0A: "\\n", 0x0D: "\\r"})
# GitHub reads a line break of an annotation as one (escape_data): the others are escaped
_SHOWN = str.maketrans(_CONTROLS)


def _text_line(location: str, message: str) -> str:
    # a path is any bytes but NUL: a newline in it would forge a finding, bytes that are not
    # UTF-8 (decoded with surrogate escapes) could not be written at all
    shown = printable(location)
    if shown.startswith("::"):
        # GitHub's runner takes a line that starts with `::` for a workflow command (a
        # folder named `::error::…` or `::add-mask::…`): the same path, spelled from "./"
        shown = "./" + shown
    return f"{shown}: {encodable(message).translate(_LINE_BREAKS)}\n"


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

        rows = [record(f) for f in findings]
        out.write(json.dumps({"findings": rows, "hints": hints}, indent=2) + "\n")
        return
    if fmt == "github":
        out.writelines(annotation(f) for f in findings)
        out.writelines(
            f"::notice::{escape_data(encodable(hint).translate(_SHOWN))}\n" for hint in hints
        )
        return
    for f in findings:
        prefix = "warning: " if f.severity == "warning" else ""
        out.write(_text_line(f.location, prefix + f.message))
    for hint in hints:
        out.write(_text_line("hint", hint))


def fatal(message: str, fmt: str = "text") -> None:
    """Print a "cannot run" error: to stderr as ``error: ...``, or as an annotation."""
    if fmt == "github":
        sys.stdout.write(f"::error::{escape_data(encodable(message).translate(_SHOWN))}\n")
    elif fmt == "json":
        import json

        sys.stdout.write(json.dumps({"error": message}) + "\n")
    else:
        # a message names paths, which may hold a newline: one line, as a path is shown
        sys.stderr.write(f"error: {printable(message)}\n")


# The status a shell reports for a program that SIGPIPE or Ctrl-C (SIGINT) ended: 128 + signal.
EXIT_BROKEN_PIPE = 128 + 13
EXIT_INTERRUPTED = 128 + 2


def entry_point(main: Main) -> Main:
    """Wrap a console entry point: a reader that stops early (``releaselint check | head -1``)
    and Ctrl-C end the run quietly, with the status a shell gives a process those signals
    end (141 and 130), never a traceback."""

    def run(argv: Sequence[str] | None = None) -> int:
        # started with a stream closed (`>&-`): Python gives None for it, and what would be
        # written there goes nowhere, as to a reader that has gone
        for name in ("stdout", "stderr"):
            if getattr(sys, name) is None:
                setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
        # a terminal whose encoding cannot spell a path (a CJK folder under LANG=C) gets
        # escapes, not a UnicodeEncodeError
        for stream in (sys.stdout, sys.stderr):
            if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
                stream.reconfigure(errors="backslashreplace")
        try:
            status = main(argv)
            # flushed here, not at exit, so that a closed pipe is seen while it can be handled
            sys.stdout.flush()
            return status
        except BrokenPipeError:
            _discard_stdout()
            return EXIT_BROKEN_PIPE
        except KeyboardInterrupt:
            return EXIT_INTERRUPTED

    # what functools.wraps sets, without its import (~0.7 ms of a hook run)
    for name in ("__module__", "__name__", "__qualname__", "__doc__"):
        setattr(run, name, getattr(main, name))
    run.__wrapped__ = main  # type: ignore[attr-defined]
    return run  # type: ignore[return-value]


def _discard_stdout() -> None:
    # Python flushes stdout once more at exit and would report the broken pipe again: point
    # it at /dev/null (the recipe of the Python docs, signal module, "Note on SIGPIPE").
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout is not a file descriptor (captured in tests)
        pass
