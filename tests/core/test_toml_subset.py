"""The subset reader agrees with tomllib or steps aside: it never accepts what tomllib
rejects, and where it reads a document it reads what tomllib reads."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from releaselint.core import _toml_subset
from tests.conftest import REPO_ROOT
from tests.layouts import rust_with_bindings, vcs_dynamic

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def verdict(text: str) -> object:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return "invalid"


def check(text: str) -> bool:
    """True where the subset read the document (and agreed), False where it stepped aside."""
    expected = verdict(text)
    try:
        got = _toml_subset.loads(text)
    except _toml_subset.Unsupported:
        return False
    assert expected != "invalid", f"subset accepted what tomllib rejects: {text!r}"
    assert got == expected, text
    from releaselint.core.toml import string_spans

    spans: dict[tuple[str | int, ...], tuple[int, int]] = {}
    _toml_subset.loads(text, spans)
    assert spans == string_spans(text), text
    return True


MANIFESTS = [
    t for f in (rust_with_bindings(), vcs_dynamic()) for n, t in f.items() if n.endswith(".toml")
]


@pytest.mark.parametrize("text", MANIFESTS)
def test_real_manifests_are_read_without_tomllib(text: str) -> None:
    assert check(text)


def test_this_repositorys_pyproject() -> None:
    # quoted keys ("tests/**") are outside the subset: tomllib reads it, and agrees
    assert check((REPO_ROOT / "pyproject.toml").read_text()) is False


@pytest.mark.parametrize(
    "text",
    [
        'a = "x"\na = "y"\n',
        "[a]\n[a]\n",
        "a = {x = 1}\na.y = 2\n",
        "a = {x = 1}\n[a.y]\n",
        "a = []\n[[a]]\n",
        "a = [1]\n[a.b]\n",
        "[a]\nb.c = 1\n[a.b]\n",
        "[a.b]\nx = 1\n[a]\nb.y = 2\n",
        'a = "x" b\n',
        "a = 01\n",
        "a = 1__0\n",
        "a = 1_\n",
        "a = \n",
        "= 1\n",
        "a b = 1\n",
        "[a]]\n",
        "[a\n]\n",
        'a = "\x01"\n',
        "# \x01\n",
        "a = 1\r",
        "a = {x = 1,}\n",
        "a = [1 2]\n",
        'a = "x\n',
        "\ufeffa = 1\n",
        "a = +\n",
        "[[a]]\n[a]\n",
        "[a]\n[[a]]\n",
        'a.b = 1\na = "x"\n',
        "a = 1 # ok\r\nb = [\n  1, # one\n  2,\n]\n",
        "[x]\nv.workspace = true\n[[p]]\nn = 'a'\n[p.m]\nk = -0\n[[p]]\n",
        "a = 'it''s'\n",
        "[[a]]\n[[a.b]]\nb = 'x'\n",
        "[[a]]\n[[a.b]]\n[[a]]\n[[a.b]]\nv = 1\n[a.b.c]\nw = 'y'\n",
        'a = """x"""\n',
        "a = 1.5\n",
        "a = 1979-05-27\n",
        'a."b" = 1\n',
    ],
)
def test_edge_cases(text: str) -> None:
    check(text)


FRAGMENTS = st.sampled_from(
    [
        "[a]", "[a.b]", "[[a]]", "[[a.b]]", "[b]", "a = 1", "a.b = 2", "b = 'x'", 'c = "y"',
        "d = [1, 2]", "e = {x = 1}", "e.y = 3", "f = [", "]", "1,", "g = true", "# c",
        "", "h = -0", "i = 1_0", "j = {}", "k = [{x = 1}, {y = 'z'}]", "b.c.d = 1", "[a.b.c]",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(FRAGMENTS, max_size=8), st.sampled_from(["\n", "\r\n"]))
def test_never_disagrees_with_tomllib(lines: list[str], newline: str) -> None:
    check(newline.join(lines) + newline)


def test_a_large_lockfile() -> None:
    check((REPO_ROOT / "uv.lock").read_text())


@pytest.mark.parametrize("text", [*MANIFESTS, '[[p]]\nv = "1"\n[[p]]\nv = \'2\'\n[p.m]\nk = "x"\n'])
def test_spans_agree_with_the_line_scan(text: str) -> None:
    from releaselint.core.toml import string_spans

    spans: dict[tuple[str | int, ...], tuple[int, int]] = {}
    _toml_subset.loads(text, spans)
    assert spans == string_spans(text)
    assert spans
