from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from releaselint.core.errors import InvalidVersion
from releaselint.core.versions import (
    SemVer,
    _semver_parts,
    is_pep440,
    is_prerelease_identifier,
    is_semver,
    parse_pep440,
    pep440_to_semver,
    same_version,
    semver_to_pep440,
    write_problem,
)
from tests.conftest import read_corpus


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("1.2.3", True),
        ("0.0.0-dev", True),
        ("1.0.0-alpha.1+build.5", True),
        ("1.2.3\n", False),
        ("1\u0660.0.0", False),
        ("01.2.3", False),
        ("1.2", False),
        ("v1.2.3", False),
        ("1.2.3-01", False),
        ("1.2.3-", False),
        ("1.2.3+", False),
        (" 1.2.3", False),
    ],
)
def test_is_semver(text: str, valid: bool) -> None:
    assert is_semver(text) is valid


def test_invalid_version_message() -> None:
    with pytest.raises(InvalidVersion, match=r"^Invalid version: '1\.2'$"):
        SemVer("1.2")
    assert issubclass(InvalidVersion, ValueError)


def test_immutable_and_hashable() -> None:
    version = SemVer("1.2.3+a")
    with pytest.raises(AttributeError):
        version.prerelease = ()
    assert {version, SemVer("1.2.3+b")} == {SemVer("1.2.3")}
    assert str(version) == "1.2.3+a"
    assert repr(version) == "<SemVer('1.2.3+a')>"


@pytest.mark.parametrize(
    ("lower", "higher"),
    [
        ("1.0.0-alpha", "1.0.0-alpha.1"),
        ("1.0.0-alpha.1", "1.0.0-alpha.beta"),
        ("1.0.0-alpha.beta", "1.0.0-beta"),
        ("1.0.0-beta.2", "1.0.0-beta.11"),
        ("1.0.0-rc.1", "1.0.0"),
        ("1.9.0", "1.10.0"),
        # alphanumeric identifiers compare in ASCII order: "rc10" < "rc9" (not as PEP 440 does)
        ("1.2.3-rc10", "1.2.3-rc9"),
    ],
)
def test_precedence(lower: str, higher: str) -> None:
    assert SemVer(lower) < SemVer(higher)
    assert SemVer(higher) > SemVer(lower)
    assert SemVer(lower) <= SemVer(higher)
    assert SemVer(higher) >= SemVer(lower)


@pytest.mark.parametrize(
    ("version", "part", "preid", "expected"),
    [
        ("1.2.3", "major", None, "2.0.0"),
        ("1.2.3", "minor", None, "1.3.0"),
        ("1.2.3", "patch", None, "1.2.4"),
        ("1.2.3+b", "patch", None, "1.2.4"),
        ("1.2.3-rc.1", "patch", None, "1.2.3"),
        ("1.3.0-rc.1", "minor", None, "1.3.0"),
        ("1.3.1-rc.1", "minor", None, "1.4.0"),
        ("2.0.0-rc.1", "major", None, "2.0.0"),
        ("1.2.3", "prerelease", "rc", "1.2.4-rc.0"),
        ("1.2.4-rc.0", "prerelease", "rc", "1.2.4-rc.1"),
        ("1.2.4-beta.3", "prerelease", "rc", "1.2.4-rc.0"),
        ("1.2.4-beta", "prerelease", None, "1.2.4-beta.0"),
        ("1.2.3", "prerelease", None, "1.2.4-0"),
    ],
)
def test_bump(version: str, part: str, preid: str | None, expected: str) -> None:
    assert str(SemVer(version).bump(part, preid)) == expected


def test_bump_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="unknown part 'micro'"):
        SemVer("1.0.0").bump("micro")
    with pytest.raises(InvalidVersion):
        SemVer("1.0.0").bump("prerelease", "r c")


@pytest.mark.parametrize(
    ("semver", "pep440"),
    [
        ("1.2.3", "1.2.3"),
        ("1.2.3-rc.1", "1.2.3rc1"),
        ("1.2.3-alpha.2", "1.2.3a2"),
        ("1.2.3-beta.0", "1.2.3b0"),
        ("0.0.0-dev", "0.0.0.dev0"),
        ("0.0.0-dev.4", "0.0.0.dev4"),
        ("1.2.3+build.5", "1.2.3+build.5"),
    ],
)
def test_mapping_round_trip(semver: str, pep440: str) -> None:
    assert semver_to_pep440(SemVer(semver)) == pep440
    assert str(pep440_to_semver(pep440)) == semver


@pytest.mark.parametrize(
    "semver", ["1.2.3-rc.1.2", "1.2.3-foo", "1.2.3-1", "1.2.3-rc.x", "1.0.0+a-b"]
)
def test_semver_without_pep440_counterpart(semver: str) -> None:
    assert semver_to_pep440(SemVer(semver)) is None


@pytest.mark.parametrize(
    "pep440", ["1!1.0.0", "1.0.0.post1", "1.2.3.4", "1.2", "1.0.0rc1.dev2", "nonsense"]
)
def test_pep440_without_semver_counterpart(pep440: str) -> None:
    assert pep440_to_semver(pep440) is None


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("1.2.3", "1.2.3", True),
        ("1.2.3rc1", "1.2.3-rc.1", True),
        ("0.0.0.dev0", "0.0.0-dev", True),
        ("0.0.0dev0", "0.0.0-dev", True),
        ("1.2.3", "1.2.4", False),
        ("1.2.3-foo", "1.2.3", False),
        ("garbage", "1.2.3", False),
        # one side Python: the PEP 440 mapping decides
        ("1.0.0-rc1", "1.0.0-rc.1", True),
        ("1.2.3-RC.1", "1.2.3-rc.1", True),
    ],
)
def test_same_version_with_a_python_side(a: str, b: str, same: bool) -> None:
    assert same_version(a, b, pep440=True) is same
    assert same_version(b, a, pep440=True) is same


@pytest.mark.parametrize(
    ("a", "b", "both", "one"),
    [
        # PEP 440 reads `-post1`, `-1` and `-r1` as post releases (after 1.0.0); SemVer
        # as prereleases (before it): two Python files mean one version, a Python file and
        # a Cargo.toml do not
        ("1.0.0-post1", "1.0.0.post1", True, False),
        ("1.0.0-1", "1.0.0.post1", True, False),
        ("1.0.0-r1", "1.0.0.post1", True, False),
        ("1.0.0-post1", "1.0.0", False, False),
        ("1.0.0-rc1", "1.0.0rc1", True, True),
    ],
)
def test_same_version_of_two_python_declarations(a: str, b: str, both: bool, one: bool) -> None:
    assert same_version(a, b, pep440=True, both_pep440=True) is both
    assert same_version(b, a, pep440=True, both_pep440=True) is both
    assert same_version(a, b, pep440=True) is one


# Pairs that map to one PEP 440 version but are different SemVer versions: two SemVer
# declarations (Cargo.toml, package.json) holding them disagree.
SEMVER_DIFFERENT = [
    ("1.0.0-rc1", "1.0.0-rc.1"),
    ("1.2.3-alpha", "1.2.3-alpha.0"),
    ("1.2.3-RC.1", "1.2.3-rc.1"),
    ("1.2.3-rc", "1.2.3-rc.0"),
    ("1.2.3-beta.2", "1.2.3-beta2"),
    ("1.2.3-a.1", "1.2.3-alpha.1"),
    ("1.2.3-c.1", "1.2.3-rc.1"),
    ("1.2.3-dev", "1.2.3-dev.0"),
    ("1.2.3-Alpha", "1.2.3-alpha"),
    ("1.2.3-rc.01a", "1.2.3-rc.1a"),
    ("1.2.3+Build", "1.2.3+build"),
]


@pytest.mark.parametrize(("a", "b"), SEMVER_DIFFERENT)
def test_two_semver_declarations_compare_as_semver(a: str, b: str) -> None:
    assert same_version(a, b, pep440=False) is False
    assert same_version(b, a, pep440=False) is False
    assert same_version(a, a, pep440=False) is True


@pytest.mark.parametrize("op", ["__lt__", "__le__", "__gt__", "__ge__", "__eq__"])
def test_comparison_with_another_type_is_not_implemented(op: str) -> None:
    assert getattr(SemVer("1.0.0"), op)("1.0.1") is NotImplemented


def test_ordering_against_a_string_raises_type_error() -> None:
    with pytest.raises(TypeError):
        assert SemVer("1.0.0") < "1.0.1"  # type: ignore[operator]


HUGE = "9" * 5000


@pytest.mark.parametrize(
    ("lower", "higher"),
    [
        (f"1.0.{HUGE}", f"1.0.1{HUGE}"),
        (f"1.0.{HUGE}", f"1.1.{HUGE}"),
        (f"1.0.0-{HUGE}", f"1.0.0-1{HUGE}"),
        (f"1.0.0-{HUGE}", "1.0.0-a"),
        ("1.0.0-2", f"1.0.0-{HUGE}"),
    ],
)
def test_numbers_of_any_length_compare_without_int(lower: str, higher: str) -> None:
    assert SemVer(lower) < SemVer(higher)
    assert SemVer(higher) > SemVer(lower)
    assert SemVer(lower) != SemVer(higher)


def test_numbers_of_any_length_bump_and_map() -> None:
    assert str(SemVer(f"1.0.{HUGE}").bump("patch")) == f"1.0.1{'0' * 5000}"
    assert str(SemVer(f"{HUGE}.0.0").bump("major")) == f"1{'0' * 5000}.0.0"
    assert str(SemVer("1.0.0-rc.19").bump("prerelease")) == "1.0.0-rc.20"
    assert semver_to_pep440(SemVer(f"1.0.{HUGE}")) == f"1.0.{HUGE}"
    assert semver_to_pep440(SemVer(f"1.0.0-rc.{HUGE}")) == f"1.0.0rc{HUGE}"
    assert pep440_to_semver(f"1.0.{HUGE}") is None  # packaging cannot read it: no crash
    assert same_version(f"1.0.{HUGE}", "1.0.0", pep440=True) is False


@pytest.mark.parametrize(
    ("version", "pep440", "problem"),
    [
        ("1.2.3", False, None),
        ("1.2.3rc1", True, None),
        ("1.2.3-rc.1", True, None),
        ('1.0"\n__import__("os")', True, "is not a valid PEP 440 version"),
        ("1.0\n", True, "is not a valid PEP 440 version"),
        (" 1.0", True, "is not a valid PEP 440 version"),
        ('1.0"', False, "is not a valid SemVer version"),
        ("1.2", False, "is not a valid SemVer version"),
        (f"1.0.{HUGE}", False, "is longer than 256 characters (npm's limit)"),
        ("1.0.9007199254740992", False, "has a number over 9007199254740991 (npm's limit)"),
        ("1.0.9007199254740991", False, None),
    ],
)
def test_write_problem(version: str, pep440: bool, problem: str | None) -> None:
    assert write_problem(version, pep440) == problem


def _semver_inc_table() -> list[tuple[str, str, str | None, str | None]]:
    path = Path(__file__).parent / "data" / "semver_inc.json"
    return [tuple(row) for row in json.loads(path.read_text(encoding="utf-8"))["cases"]]


@pytest.mark.parametrize(("version", "part", "preid", "expected"), _semver_inc_table())
def test_bump_equals_npm_semver_inc(
    version: str, part: str, preid: str | None, expected: str | None
) -> None:
    """The table is npm's semver.inc output (scripts/gen_semver_inc.py); None: npm throws."""
    if expected is None:
        with pytest.raises(InvalidVersion):
            SemVer(version).bump(part, preid)
    else:
        assert str(SemVer(version).bump(part, preid)) == expected


def test_semver_corpus_validity() -> None:
    rows = read_corpus("semver.jsonl")
    wrong = [r["version"] for r in rows if is_semver(str(r["version"])) is not r["valid_semver"]]
    assert wrong == []
    assert len(rows) > 100


def test_semver_corpus_precedence() -> None:
    rows = read_corpus("semver_precedence.jsonl")
    wrong = []
    for row in rows:
        a, b = SemVer(str(row["a"])), SemVer(str(row["b"]))
        cmp = (a > b) - (a < b)
        if cmp != row["semver_cmp"]:
            wrong.append((row["a"], row["b"], cmp))
    assert wrong == []


_VERSIONISH = st.lists(
    st.sampled_from(
        [
            "0",
            "1",
            "12",
            "01",
            ".",
            "-",
            "+",
            "_",
            "a",
            "b",
            "c",
            "rc",
            "RC",
            "alpha",
            "beta",
            "dev",
            "post",
            "x",
            "v",
            "!",
            " ",
            "\n",
            "\u0661",
            "\u2028",
            "9" * 20,
        ]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=600, deadline=None, derandomize=True)
@given(st.one_of(_VERSIONISH, st.text(max_size=20)))
def test_is_pep440_answers_as_packaging(text: str) -> None:
    """The SemVer fast path of is_pep440 gives packaging's answer on any text."""
    assert is_pep440(text) is (parse_pep440(text) is not None)


@pytest.mark.parametrize("text", ["1.2.3-RC.1", "1.2.3-c.1", "1.2.3-dev.4", "1.0.0+Build.5"])
def test_is_pep440_fast_path_cases(text: str) -> None:
    assert is_pep440(text) is (parse_pep440(text) is not None) is True


def test_is_pep440_refuses_numbers_packaging_cannot_read() -> None:
    assert is_pep440("1.0." + "9" * 5000) is False


# semver.org's own regular expression (the "numbered capture groups" one), spelled with
# [0-9] for \d so that it is ASCII like the grammar: the slow twin of versions._semver_parts
_SEMVER_ORG = re.compile(
    r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"
    r"(?:-((?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)"
    r"(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)
_SEMVERISH = st.lists(
    st.sampled_from(
        ["0", "1", "01", "00", "9", "12", ".", "-", "+", "a", "Z", "rc", "-rc", "--", "..",
         "\n", " ", "\u0660", "x.y", "0a", "a0", "_", "é"]
    ),
    max_size=10,
).map("".join)  # fmt: skip


@settings(max_examples=2000, deadline=None, derandomize=True)
@given(st.one_of(_SEMVERISH, st.text(max_size=16)))
def test_semver_grammar_is_semver_org_regex(text: str) -> None:
    """The hand-written grammar gives semver.org's answer, and its groups, on any text."""
    match = _SEMVER_ORG.fullmatch(text) if text.isascii() and not text.endswith("\n") else None
    assert _semver_parts(text) == (match.groups() if match else None)
    assert is_prerelease_identifier(text) is (
        text.isascii() and "+" not in text and _SEMVER_ORG.fullmatch(f"1.0.0-{text}") is not None
    )


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("1.0.0-alpha-1.0+build-7.x", ("1", "0", "0", "alpha-1.0", "build-7.x")),
        ("1.0.0-0A.is.legal", ("1", "0", "0", "0A.is.legal", None)),
        ("1.0.0+01", ("1", "0", "0", None, "01")),
        ("1.0.0-01", None),
        ("1.0.0-a..b", None),
        ("1.0.0+a+b", None),
        ("1.0.0-", None),
        ("1.0.0\n", None),
    ],
)
def test_semver_grammar_cases(text: str, parts: tuple[str, ...] | None) -> None:
    assert _semver_parts(text) == parts
