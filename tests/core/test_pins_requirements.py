"""The requirements most manifests and lockfiles hold are read without packaging
(``core.pins``): on any text, the answer is packaging's."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from releaselint.core import pep508
from releaselint.core.errors import FatalError
from releaselint.core.pins import uv as uvpins

FRAGMENTS = [
    "requests", "Foo.Bar", "a_b-c", "x", "-", ".", "_", "[", "]", ",", " ", "\t", "\n",
    "\u3000", "\x0c", "socks", "All", ">=", "<=", "==", "!=", "~=", "<", ">", "===", "=",
    "1", "0", "01", "2.31", "1.0.0", "3.5.0", "0.0", "*", ".*", "rc1", "post1", "+local",
    "v1", ";", " python_version < '3.11'", "@", " https://x/y.whl", "(", ")", "é", "9" * 20,
    "1" * 18, "2" * 19,
]  # fmt: skip
TEXT = st.lists(st.sampled_from(FRAGMENTS), max_size=9).map("".join)
SOURCES = st.sampled_from([{}, {"requests": "path"}, {"requests": "index"}, {"x": "git"}])


def fields(wanted: uvpins._Wanted) -> tuple[object, ...]:
    return (*wanted.key(), wanted.name, wanted.shown, wanted.line)


def slow(value: str, sources: dict[str, str]) -> tuple[object, ...] | str:
    try:
        return fields(uvpins._parsed_requirement(value, sources, 4, "pyproject.toml"))
    except FatalError as e:
        return str(e)


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(value=st.one_of(TEXT, st.text(max_size=12)), sources=SOURCES)
def test_requirement_answers_as_packaging(value: str, sources: dict[str, str]) -> None:
    simple = uvpins._simple_requirement(value, sources, 4)
    if simple is not None:
        assert fields(simple) == slow(value, sources)


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(st.one_of(TEXT, st.text(max_size=12)))
def test_specifier_key_answers_as_packaging(text: str) -> None:
    simple = uvpins._simple_specifier_key(text)
    if simple is not None:
        assert simple == uvpins._packaging_specifier_key(text)


@pytest.mark.parametrize(
    ("value", "packaging_read"),
    [
        ("requests>=2.31", False),
        ("Dask[Complete] >= 2024.1, <2025", False),
        ("fastapi[all]", False),
        ("idna ~= 3.4", False),
        ("idna~=3", True),  # no specifier at all: packaging says so
        ("httpx>=0.27; python_version < '3.11'", True),
        ("pkg @ https://example.com/pkg.whl", True),
        ("pkg>=1.0,>=1", True),  # one clause said twice
        ("pkg==1.0.*", True),
    ],
)
def test_which_requirements_packaging_reads(value: str, packaging_read: bool) -> None:
    simple = uvpins._simple_requirement(value, {}, 4)
    assert (simple is None) is packaging_read
    if simple is not None:
        assert fields(simple) == slow(value, {})


@settings(max_examples=2000, deadline=None, derandomize=True)
@given(st.one_of(TEXT, st.text(max_size=8)), st.one_of(TEXT, st.text(max_size=8)))
def test_specifier_sets_compare_as_packaging(a: str, b: str) -> None:
    from packaging.specifiers import SpecifierSet

    try:
        expected = SpecifierSet(a) == SpecifierSet(b)
    except ValueError:
        expected = True
    assert uvpins._same_specifiers(a, b) is expected
    # the pairs the fast path answers are not only the equal ones
    assert uvpins._same_specifiers(a, a) is True


# The patterns the hand-written readers stand for (their slow twins)
_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?"
_WS = "[ \t]*"
_CLAUSE = rf"(~=|==|!=|<=|>=|<|>){_WS}([0-9]{{1,18}}(?:\.[0-9]{{1,18}})*)"
_CLAUSE_RE = re.compile(rf"{_WS}{_CLAUSE}{_WS}")
_REQUIREMENT_RE = re.compile(
    rf"{_WS}({_NAME}){_WS}(?:\[{_WS}((?:{_NAME}{_WS},{_WS})*{_NAME})?{_WS}\])?{_WS}"
    rf"((?:{_CLAUSE}{_WS},{_WS})*{_CLAUSE})?{_WS}"
)
MARKERS = st.lists(
    st.sampled_from(
        ["extra == '", "'", "a", "dev", " and ", " or ", "python_version < '3.11'", "\n", " ",
         "extra", "==", "\"", "(", ")"]
    ),
    max_size=8,
).map("".join)  # fmt: skip


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(st.one_of(TEXT, st.text(max_size=12)))
def test_requirement_parts_as_the_pattern_reads_them(text: str) -> None:
    match = _REQUIREMENT_RE.fullmatch(text)
    assert pep508.requirement_parts(text) == (None if match is None else match.group(1, 2, 3))
    for clause in text.split(","):
        found = _CLAUSE_RE.fullmatch(clause)
        assert pep508.clause(clause) == (None if found is None else found.groups())


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(st.one_of(MARKERS, st.text(max_size=10)))
def test_extra_clause_as_the_pattern_finds_it(marker: str) -> None:
    match = pep508._EXTRA_CLAUSE_RE.search(marker)
    expected = None if match is None else (match.group(1), pep508._EXTRA_CLAUSE_RE.sub("", marker))
    assert pep508.extra_clause(marker) == expected


@settings(max_examples=2000, deadline=None, derandomize=True)
@given(st.text(st.sampled_from("aB-_.9é "), max_size=10))
def test_names_in_pep_503_form(name: str) -> None:
    assert pep508.canonical_name(name) == re.sub(r"[-_.]+", "-", name).lower()


@pytest.mark.parametrize(
    "clause",
    [">=" + "1" * 18, ">=" + "1" * 19, " ~= 1.0 ", "<=\t2", "< =1", "===1", ">=1.", ">=.1", "=1",
     ">=\u0661", ">=1 .0", "!=0"],
)  # fmt: skip
def test_clause_cases(clause: str) -> None:
    found = _CLAUSE_RE.fullmatch(clause)
    assert pep508.clause(clause) == (None if found is None else found.groups())


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(value=st.one_of(TEXT, st.text(max_size=12)), verbatim=st.booleans())
def test_manifest_requirement_answers_as_packaging(value: str, verbatim: bool) -> None:
    """The manifest readers' requirement (name, text, line and specifier span) is the one
    packaging's parse gives, with or without the string's place in the file."""
    from releaselint.core.manifests import specifiers

    text = f'deps = ["{value}"]\n'
    start = len('deps = ["')
    spans: dict[tuple[str | int, ...], tuple[int, int]] = {}
    if verbatim:
        spans[("deps", 0)] = (start, start + len(value))

    def read(light: bool) -> object:
        try:
            return specifiers.pep508(
                "p.toml", text, spans, ("deps", 0), value, "normal", "deps", light=light
            )
        except FatalError as e:
            return str(e)

    assert read(light=True) == read(light=False)
