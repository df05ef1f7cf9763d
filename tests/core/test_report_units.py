"""A "cannot run" error in each output format."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from releaselint.core import report


@pytest.mark.parametrize(
    ("fmt", "out", "err"),
    [
        ("text", "", "error: bad: x\\ny %\n"),  # one line: a newline is escaped
        ("github", "::error::bad: x%0Ay %25\n", ""),
        ("json", '{"error": "bad: x\\ny %"}\n', ""),
    ],
)
def test_fatal(capsys: pytest.CaptureFixture[str], fmt: str, out: str, err: str) -> None:
    report.fatal("bad: x\ny %", fmt)
    assert capsys.readouterr() == (out, err)


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("says '\x1b[2J\x1b[31mred'", "says '\\x1b[2J\\x1b[31mred'"),  # no terminal control
        ("a\x00b\x7fc\x9bd", "a\\x00b\\x7fc\\x9bd"),
        ("\u202eevil\u202c \u2066x\u2069 \u200f", "\\u202eevil\\u202c \\u2066x\\u2069 \\u200f"),
        ("tab\tstays, é and — stay", "tab\tstays, é and — stay"),
        ("two\nlines\r\u2028\u2029\x85", "two\\nlines\\r\\u2028\\u2029\\x85"),
    ],
)
def test_a_message_reaches_the_terminal_as_written(message: str, shown: str) -> None:
    out = io.StringIO()
    report.emit([report.Finding("package.json", 3, message)], [], "text", out)
    assert out.getvalue() == f"package.json:3: {shown}\n"
    out = io.StringIO()
    report.emit([report.Finding("package.json", 3, message)], [message], "github", out)
    github = out.getvalue()
    assert [c for c in "\x1b\x00\u202e" if c in github] == []
    assert github.count("\n") == 2


@given(st.text())
def test_terminal_safe_leaves_no_control_character_but_tabs_and_line_ends(text: str) -> None:
    """What a diff line may show: every character printable, or a tab or line end; text
    that is already so is unchanged."""
    from releaselint.core.report import terminal_safe

    shown = terminal_safe(text)
    assert all(c.isprintable() or c in "\t\r\n" for c in shown)
    if all(c.isprintable() or c in "\t\r\n" for c in text):
        assert shown == text
