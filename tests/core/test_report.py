from __future__ import annotations

import io

import pytest

from releaselint.core.report import Finding, annotation, emit, is_file


@pytest.mark.parametrize(
    ("finding", "expected"),
    [
        (Finding("package.json", 3, "version '1' != '2'"),
         "::error file=package.json,line=3::version '1' != '2'\n"),
        (Finding("docs/a,b:c.md", None, "x", "warning"), "::warning file=docs/a%2Cb%3Ac.md::x\n"),
        (Finding("refs/tags/v7", None, "not SemVer"), "::error title=refs/tags/v7::not SemVer\n"),
        (Finding("1a2b3c4", 1, "type may not be empty"),
         "::error title=1a2b3c4::type may not be empty\n"),
        (Finding("a" * 40, 2, "100%\nmore", "warning"), f"::warning title={'a' * 40}::100%25%0Amore\n"),
    ],
)  # fmt: skip
def test_annotations_name_files_only_with_file(finding: Finding, expected: str) -> None:
    assert annotation(finding) == expected


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("Cargo.toml", True),
        ("refs/tags/v1.0", False),
        ("refs/heads/main", False),
        ("abc1234", False),
        ("a" * 64, False),
        ("abc123", True),  # shorter than any abbreviated object name git prints
        ("a" * 65, True),
        ("ABC1234", True),  # git prints object names in lower case
        ("deadbeef.txt", True),
    ],
)
def test_is_file(location: str, expected: bool) -> None:
    assert is_file(location) is expected


def test_each_hint_is_printed_once() -> None:
    out = io.StringIO()
    findings = [Finding("a", 1, "x", hint="do y"), Finding("b", 2, "z", hint="do y")]
    emit(findings, ["do y", "do w"], "text", out)
    assert out.getvalue() == "a:1: x\nb:2: z\nhint: do y\nhint: do w\n"
