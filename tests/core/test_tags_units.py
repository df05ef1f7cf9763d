"""Tag verdicts: a tag's name alone (as the reference-transaction hook judges it) through a
table of configurations, and whole tags in real repositories."""

from __future__ import annotations

from typing import Any

import pytest

from releaselint.core.config import Config
from releaselint.core.errors import FatalError
from releaselint.core.families import Family
from releaselint.core.history import FamilyEvidence
from releaselint.core.tags import TagFormat, _position, name_verdict
from releaselint.hooks.check_tag_semver import main
from tests.conftest import Repo

GROUPS = {
    "groups": {
        "core": {"members": ["a"], "tag-format": "{component}-v{version}"},
        "cli": {"members": ["b"], "tag-format": "cli/{version}"},
    }
}


@pytest.mark.parametrize(
    ("table", "name", "verdict"),
    [
        ({}, "v1.2.3", None),
        ({}, "1.2.3", None),
        ({}, "v0.4.2rc0", None),  # a three-number PEP 440 release
        ({}, "v1.2", "'1.2' is not a valid semantic version"),
        ({}, "stable", None),  # no release
        ({}, "pkg-v1.2", None),  # a prefix: judged when pushed, against the files
        ({}, "release-2026.07.30", None),
        ({"tag-format": "release-{version}"}, "release-1.2.3", None),
        ({"tag-format": "release-{version}"}, "v1.2.3", "does not match the tag format release-{version}"),
        ({"tag-format": "release-{version}"}, "release-1.2", "'1.2' is not a valid semantic version"),
        ({"tag-format": "release-{version}"}, "release-1.2.3rc1", "'1.2.3rc1' is not a valid semantic version"),
        ({"tag-format": "release-{version}", "tag-version": "pep440"}, "release-1.2.3rc1", None),
        ({"tag-format": "release-{version}", "tag-version": "pep440"}, "release-x", "'x' is not a valid PEP 440 version"),
        (GROUPS, "core-v1.0.0", None),
        (GROUPS, "cli/1.0.0", None),
        (GROUPS, "v1.0.0", None),
        (GROUPS, "web-v1.0.0", "does not match the tag format v{version} or core-v{version} or cli/{version}"),
        (GROUPS, "core-v1", "'1' is not a valid semantic version"),
    ],
)  # fmt: skip
def test_name_verdict(table: dict[str, Any], name: str, verdict: str | None) -> None:
    finding = name_verdict(name, Config(table))
    if verdict is None:
        assert finding is None
    else:
        assert finding is not None
        assert (finding.path, finding.line, finding.message) == (f"refs/tags/{name}", None, verdict)


@pytest.mark.parametrize(
    ("template", "twin", "version_of_core_v123"),
    [
        ("{component}-v{version}", "{component}-{version}", "1.2.3"),
        ("{component}-{version}", "{component}-v{version}", "v1.2.3"),
        ("v{version}", "{version}", None),
        ("r{version}x", "rv{version}x", None),
    ],
)
def test_tag_format_twin_and_version(
    template: str, twin: str | None, version_of_core_v123: str | None
) -> None:
    fmt = TagFormat(template, None)
    other = fmt.twin()
    assert (other.template if other else None) == twin
    assert fmt.version_of("core-v1.2.3") == version_of_core_v123


def test_a_format_made_in_code_is_checked_too() -> None:
    with pytest.raises(FatalError) as raised:
        TagFormat("release", None)
    assert str(raised.value) == "tag-format: 'release' must hold {version} exactly once"


def cargo(version: str) -> dict[str, str]:
    return {"Cargo.toml": f'[package]\nname = "corelib"\nversion = "{version}"\nedition = "2021"\n'}


def check(capsys: pytest.CaptureFixture[str], *refs: str) -> tuple[int, str]:
    code = main([arg for ref in refs for arg in ("--ref", ref)])
    return code, capsys.readouterr().out


@pytest.mark.parametrize(
    "annotated",
    [
        pytest.param(False, id="lightweight"),
        pytest.param(True, id="annotated"),
    ],
)
def test_a_tag_on_a_tree_is_no_release(
    repo: Repo, capsys: pytest.CaptureFixture[str], annotated: bool
) -> None:
    repo.commit("feat: first", files=cargo("1.0.0"))
    tree = repo.git("rev-parse", "HEAD^{tree}").strip()
    repo.git("tag", *(("-a", "-m", "Release 1.0.0") if annotated else ()), "v1.0.0", tree)
    assert check(capsys, "v1.0.0") == (1, "refs/tags/v1.0.0: points at a tree, not a commit\n")


def test_a_configured_format_judges_every_tag(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(
        "feat: first",
        files={**cargo("1.0.0"), "releaselint.toml": 'tag-format = "release-{version}"\n'},
    )
    repo.git("tag", "v1.0.0")
    repo.git("tag", "release-1.0")
    assert check(capsys, "v1.0.0", "release-1.0") == (
        1,
        "refs/tags/v1.0.0: does not match the tag format release-{version}\n"
        "refs/tags/release-1.0: '1.0' is not a valid semantic version\n"
        "hint: git tag -d release-1.0 && git tag -a release-1.0.0 -m 'Release release-1.0.0'\n",
    )


def test_one_release_tag_per_commit(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    head = repo.commit("feat: first")
    repo.git("tag", "-a", "v1.0.0", "-m", "Release 1.0.0")
    repo.git("tag", "-a", "v1.0.1", "-m", "Release 1.0.1")
    assert check(capsys, "v1.0.1") == (
        1,
        f"refs/tags/v1.0.1: commit {head[:7]} already has the release tag v1.0.0\n",
    )


def test_a_pep440_prerelease_tag_where_prereleases_are_refused(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(
        "feat: first",
        files={
            "releaselint.toml": 'tag-version = "pep440"\nallow-prerelease-tags = false\n',
            "pyproject.toml": '[project]\nname = "x"\nversion = "1.0.0rc1"\n',
        },
    )
    repo.git("tag", "-a", "v1.0.0rc1", "-m", "Release")
    assert check(capsys, "v1.0.0rc1") == (
        1,
        "refs/tags/v1.0.0rc1: prerelease tags are not allowed (allow-prerelease-tags = false)\n",
    )


SEMVER_RELEASES = [("v2.0.0", "2.0.0"), ("v2.0.0-rc.1", "2.0.0-rc.1"), ("v1.1.0", "1.1.0"),
                   ("v1.0.0", "1.0.0")]  # fmt: skip
PEP440_RELEASES = [("v1.0.0", "1.0.0"), ("v1.0.0rc1", "1.0.0rc1"), ("v0.9.0", "0.9.0")]


@pytest.mark.parametrize(
    ("grammar", "ordered", "name", "position"),
    [
        ("semver", SEMVER_RELEASES, "v1.1.0", 2),  # its own place
        ("semver", SEMVER_RELEASES, "v2.0.0", 0),
        ("semver", SEMVER_RELEASES, "v1.0.5", 3),  # not made yet: below what is above it
        ("semver", SEMVER_RELEASES, "v3.0.0", 0),
        ("semver", SEMVER_RELEASES, "v0.9.0", 4),
        ("semver", SEMVER_RELEASES, "v2.0.0-beta.1", 2),
        ("semver", SEMVER_RELEASES, "v2.0.0+build.7", 0),  # the same release as v2.0.0
        ("semver", SEMVER_RELEASES, "v2.0", 0),  # no version to place: the newest
        ("semver", [], "v1.0.0", 0),
        ("pep440", PEP440_RELEASES, "v1.0.0b1", 2),
        ("pep440", PEP440_RELEASES, "v1.0.0.post1", 0),
        ("pep440", PEP440_RELEASES, "v0.9.0", 2),
    ],
)  # fmt: skip
def test_a_tags_place_among_its_familys_releases(
    grammar: str, ordered: list[tuple[str, str]], name: str, position: int
) -> None:
    family = Family("v")
    family.grammar = grammar
    assert _position(ordered, name, family.version_of(name), FamilyEvidence(family)) == position
