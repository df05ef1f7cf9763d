"""A "cannot run" error in each output format."""

from __future__ import annotations

import pytest

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
