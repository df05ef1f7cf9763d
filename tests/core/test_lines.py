"""The lines of a TOML lockfile (``core.lockfiles.lines``): the control characters TOML
allows nowhere, looked for without a regular expression."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from releaselint.core.lockfiles import lines

# TOML: no control character in a string or comment but tab (and LF, CR of a line end)
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(st.text(st.characters(max_codepoint=0x90), max_size=12))
def test_control_characters_as_toml_names_them(text: str) -> None:
    controls = _CONTROL_RE.search(text) is not None
    assert any(c in text for c in lines._CONTROLS) is controls
    if controls:  # refused at once, before any line
        assert list(lines.toml_lines(text, lambda line: True)) == [None]
