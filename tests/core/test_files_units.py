"""The file layer's edges: reading what is not there or cannot be opened, edits that
overlap or change nothing, and journals a writer left in a state no writer leaves."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from releaselint.core.errors import FatalError
from releaselint.core.files import Edit, apply_edits, plan_writes, read_file, read_text, recover
from tests.conftest import Repo


def test_read_text_of_a_missing_file(repo: Repo) -> None:
    with pytest.raises(FatalError) as raised:
        read_text(str(repo.path), "nope.toml")
    assert str(raised.value) == "nope.toml: no such file"


def test_a_file_that_cannot_be_opened_is_an_error(repo: Repo) -> None:
    name = "a" * 300  # longer than any file system's NAME_MAX
    with pytest.raises(FatalError) as raised:
        read_file(str(repo.path), name)
    assert str(raised.value) == f"{name}: cannot read: File name too long"


@pytest.mark.parametrize(
    ("edits", "text"),
    [
        ([Edit("f", 4, 5, "9"), Edit("f", 0, 1, "2")], "2.0.9"),
        ([Edit("f", 0, 5, "10.0.0")], "10.0.0"),
        ([Edit("f", 5, 5, "-rc.1")], "1.0.0-rc.1"),
        ([], "1.0.0"),
    ],
)
def test_apply_edits(edits: list[Edit], text: str) -> None:
    assert apply_edits("1.0.0", edits) == text


def test_overlapping_edits_are_refused() -> None:
    with pytest.raises(ValueError, match=r"^f: overlapping edits at offset 2$"):
        apply_edits("1.0.0", [Edit("f", 0, 3, "2.0"), Edit("f", 2, 5, "1.1")])


def test_an_edit_that_changes_nothing_plans_no_write(repo: Repo) -> None:
    repo.write({"VERSION": "1.0.0\n", "OTHER": "1.0.0\n"})
    plan = plan_writes(
        str(repo.path), [Edit("VERSION", 0, 5, "1.0.0", "1.0.0"), Edit("OTHER", 0, 5, "1.1.0")]
    )
    assert plan == {"OTHER": ("1.0.0\n", "1.1.0\n")}


def test_a_journal_whose_temp_file_is_elsewhere_is_refused(repo: Repo) -> None:
    repo.commit(files={"a/VERSION": "1"})
    journal = repo.path / ".git" / "releaselint-journal"
    journal.write_text(
        '{"releaselint-journal": 1, "files": [{"path": "a/VERSION", "temp": "b/.releaselint-1"}]}'
    )
    with pytest.raises(FatalError) as raised:
        recover(str(repo.path))
    assert str(raised.value) == f"{journal}: a temp file outside its target's folder"


def test_journals_dead_writers_left_half_written_are_removed(repo: Repo) -> None:
    repo.commit(files={"a": "1"})
    git_dir = repo.path / ".git"
    # no process has a number this high (pid_max is at most 2**22), nor a name
    for name in ("releaselint-journal.99999999.tmp", "releaselint-journal.x.tmp"):
        (git_dir / name).write_text("{")
    (git_dir / "releaselint-journal.1.tmp").write_text("{")  # init: alive
    assert recover(str(repo.path)) is None
    assert sorted(p.name for p in git_dir.glob("releaselint-journal*")) == [
        "releaselint-journal.1.tmp"
    ]


@settings(max_examples=300, derandomize=True)
@given(
    text=st.text(alphabet="ab\n\r", max_size=300).map(lambda t: t * 20),
    offsets=st.lists(st.integers(0, 7000), min_size=1, max_size=60),
)
def test_line_of_is_the_count_of_line_breaks_before(text: str, offsets: list[int]) -> None:
    """Many questions about one text are answered from its line breaks, found once: the
    answer of counting from the start."""
    from unittest import mock

    from releaselint.core import files

    for index_from, count_below in ((1, 0), (16, 4096)):
        with mock.patch.multiple(files, _INDEX_FROM=index_from, _COUNT_BELOW=count_below):
            files._LINES[0] = None
            for offset in offsets:
                offset = min(offset, len(text))
                assert files.line_of(text, offset) == text.count("\n", 0, offset) + 1


@settings(max_examples=300, deadline=None)
@given(
    cookie=st.sampled_from(
        [b"", b"# -*- coding: latin-1 -*-\n", b"#!/usr/bin/env python\n# coding=cp1252\n",
         b"# coding: utf-8\n", b"# vim: set fileencoding=utf_8 :\n"]
    ),
    body=st.binary(max_size=200),
    name=st.sampled_from(["m.py", "package.json"]),
)  # fmt: skip
def test_decode_gives_text_that_encodes_back_or_a_located_error(
    cookie: bytes, body: bytes, name: str
) -> None:
    """Any bytes: UTF-8 text, a Python module's declared other encoding read with its bytes
    kept (they encode back as they were), or ``path:line: not valid UTF-8``."""
    from releaselint.core.files import decode

    data = cookie + body
    declared = bool(cookie) and b"utf" not in cookie.lower().replace(b"_", b"-")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        if not (name.endswith(".py") and declared):
            with pytest.raises(FatalError, match=rf"^{name}:\d+: not valid UTF-8"):
                decode(name, data)
            return
    assert decode(name, data).encode("utf-8", "surrogateescape") == data
