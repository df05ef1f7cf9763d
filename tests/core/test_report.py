from __future__ import annotations

import io

import pytest

from releaselint.core.report import Finding, annotation, emit, fatal, is_file


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
        # a file name with a newline and bytes that are not UTF-8 (git allows both)
        (Finding("new\nline/\udcff.json", 1, "in \udcff.json"),
         "::error file=new\\nline/\\xff.json,line=1::in \\xff.json\n"),
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


@pytest.mark.parametrize(
    ("findings", "expected"),
    [
        ([Finding("new\nline/package.json", 2, "version 'x'")],
         "new\\nline/package.json:2: version 'x'\n"),
        ([Finding("\udcff\udcfe/Cargo.toml", None, "in \udcff", hint="fix \udcfe")],
         "\\xff\\xfe/Cargo.toml: in \\xff\nhint: fix \\xfe\n"),
        ([Finding("a\u2028b", 1, "x", "warning")], "a\\u2028b:1: warning: x\n"),
    ],
)  # fmt: skip
def test_text_shows_any_path_on_one_encodable_line(findings: list[Finding], expected: str) -> None:
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    emit(findings, [], "text", out)
    out.flush()
    assert out.buffer.getvalue().decode() == expected


def test_fatal_shows_a_path_on_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    fatal("new\nline/\udcffpackage.json:1: invalid JSON: expecting value")
    assert capsys.readouterr().err == (
        "error: new\\nline/\\xffpackage.json:1: invalid JSON: expecting value\n"
    )
