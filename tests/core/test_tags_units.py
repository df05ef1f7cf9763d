"""Tag verdicts: a tag's name alone (as the reference-transaction hook judges it) through a
table of configurations, and whole tags in real repositories."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from releaselint.core.config import Config
from releaselint.core.errors import FatalError
from releaselint.core.tags import TagFormat, _order_key, _Ranked, _releases_around, name_verdict
from releaselint.core.versions import precedence_key
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
        "hint: git tag -a release-1.0.0 -m 'Release release-1.0.0' 'release-1.0^{commit}' && git tag -d release-1.0\n",
    )


def test_one_release_tag_per_commit(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    head = repo.commit("feat: first")
    repo.git("tag", "-a", "v1.0.0", "-m", "Release 1.0.0")
    repo.git("tag", "-a", "v1.0.1", "-m", "Release 1.0.1")
    assert check(capsys, "v1.0.1") == (
        1,
        f"refs/tags/v1.0.1: commit {head[:7]} already has the release tag v1.0.0\n",
    )


@pytest.mark.parametrize(
    ("name", "manifest", "prefix", "candidate"),
    [
        ("Cargo.toml", '[package]\nname = "demo"\nversion = "{}"\n', "", "-rc1"),
        ("pyproject.toml", '[project]\nname = "demo"\nversion = "{}"\n', "v", "rc1"),
    ],
)
def test_a_release_candidate_and_the_release_it_became_on_one_commit(
    repo: Repo,
    capsys: pytest.CaptureFixture[str],
    name: str,
    manifest: str,
    prefix: str,
    candidate: str,
) -> None:
    """arrow-rs, huggingface_hub: the voted candidate's commit is tagged as the release.
    One release, not two: the release passes, and the candidate checked afterwards is
    judged on its files alone, not as lower than the release it became. Another release
    on that commit is still refused."""
    repo.commit("chore: release 0.9.0", files={name: manifest.format("0.9.0")})
    repo.git("tag", "-a", f"{prefix}0.9.0", "-m", "0.9.0")
    head = repo.commit("chore: prepare 1.0.0", files={name: manifest.format("1.0.0")})
    repo.git("tag", "-a", f"{prefix}1.0.0{candidate}", "-m", "candidate")
    repo.git("tag", "-a", f"{prefix}1.0.0", "-m", "release")
    assert check(capsys, f"{prefix}1.0.0") == (0, "")
    code, out = check(capsys, f"{prefix}1.0.0{candidate}")
    assert code == 1
    assert "already has" not in out
    assert "not greater" not in out
    assert "!= 1.0.0 declared" in out
    repo.git("tag", "-a", f"{prefix}1.0.1", "-m", "another")
    code, out = check(capsys, f"{prefix}1.0.1")
    assert f"commit {head[:7]} already has the release tag {prefix}1.0.0" in out


def test_a_snapshot_tag_is_in_no_order(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    """changesets' snapshots and react-router's experimental builds, 0.0.0-<label>: tagged
    after 7.6.2, no lower release. A 0.0.1 prerelease is held to the order still."""
    repo.commit("chore: release", files={"package.json": '{"name": "a", "version": "7.6.2"}\n'})
    repo.git("tag", "-a", "v7.6.2", "-m", "7.6.2")
    repo.commit(
        "chore: snapshot",
        files={"package.json": '{"name": "a", "version": "0.0.0-experimental-320d16107"}\n'},
    )
    repo.git("tag", "-a", "v0.0.0-experimental-320d16107", "-m", "snapshot")
    assert check(capsys, "v0.0.0-experimental-320d16107") == (0, "")
    repo.commit(
        "chore: snapshot", files={"package.json": '{"name": "a", "version": "0.0.1-next.1"}\n'}
    )
    repo.git("tag", "-a", "v0.0.1-next.1", "-m", "not a snapshot")
    code, out = check(capsys, "v0.0.1-next.1")
    assert code == 1
    assert "is not greater than v7.6.2" in out


def test_a_tag_without_the_v_is_judged_with_the_v_tags(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """`0.1.0` after `v0.1.0` and `v0.2.0`: `{version}` reads `v0.1.0` as the version
    `v0.1.0`, its `v{version}` twin as 0.1.0, the one taken."""
    for version in ("0.1.0", "0.2.0"):
        repo.commit(f"chore: release {version}", files=cargo(version))
        repo.git("tag", "-a", f"v{version}", "-m", version)
    repo.commit("chore: again", files=cargo("0.1.0"))
    repo.git("tag", "-a", "0.1.0", "-m", "again")
    code, out = check(capsys, "0.1.0")
    assert code == 1
    assert "version 0.1.0 is already tagged as v0.1.0" in out


def test_two_major_lines_released_from_one_commit(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """pnpm releases pnpm 11 and the next major's release candidates from one history,
    often from one commit ("chore(release): 11.22.0, pacquet 12.0.0-rc.6"): each line's tag
    is judged within its line. A lower version within one line is still refused."""
    repo.commit(
        "feat: first",
        files={
            "package.json": '{"name": "a", "version": "11.21.0"}\n',
            "next/package.json": '{"name": "b", "version": "12.0.0-rc.5"}\n',
        },
    )
    repo.git("tag", "-a", "v11.21.0", "-m", "Release 11.21.0")
    repo.git("tag", "-a", "v12.0.0-rc.5", "-m", "Release 12.0.0-rc.5")
    head = repo.commit(
        "feat: second",
        files={
            "package.json": '{"name": "a", "version": "11.22.0"}\n',
            "next/package.json": '{"name": "b", "version": "12.0.0-rc.6"}\n',
        },
    )
    repo.git("tag", "-a", "v11.22.0", "-m", "Release 11.22.0")
    repo.git("tag", "-a", "v12.0.0-rc.6", "-m", "Release 12.0.0-rc.6")
    assert check(capsys, "v11.22.0") == (0, "")
    repo.git("tag", "-a", "v11.21.1", "-m", "Release 11.21.1")
    code, out = check(capsys, "v11.21.1")
    assert code == 1
    assert f"refs/tags/v11.21.1: commit {head[:7]} already has the release tag v11.22.0" in out
    assert "version 11.21.1 is not greater than v11.22.0" in out


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


SEMVER_RELEASES = [("v1.0.0", "1.0.0"), ("v1.1.0", "1.1.0"), ("v2.0.0", "2.0.0"),
                   ("v2.0.0-rc.1", "2.0.0-rc.1"), ("v2.0.0+b", "2.0.0+b"), ("v10.0.0", "10.0.0")]  # fmt: skip
PEP440_RELEASES = [("v0.9.0", "0.9.0"), ("v1.0.0", "1.0.0"), ("v1.0.0rc1", "1.0.0rc1")]


@pytest.mark.parametrize(
    ("grammar", "releases", "name", "above", "below"),
    [
        ("semver", SEMVER_RELEASES, "v2.0.0", ["v10.0.0"], ["v2.0.0", "v2.0.0+b", "v2.0.0-rc.1"]),
        # a release of the same rank given before the tag stands above it
        ("semver", SEMVER_RELEASES, "v2.0.0+b", ["v10.0.0", "v2.0.0"], ["v2.0.0+b", "v2.0.0-rc.1", "v1.1.0"]),
        ("semver", SEMVER_RELEASES, "v1.0.5", ["v10.0.0", "v2.0.0", "v2.0.0+b", "v2.0.0-rc.1", "v1.1.0"], ["v1.0.0"]),
        ("semver", SEMVER_RELEASES, "v11.0.0", [], ["v10.0.0", "v2.0.0", "v2.0.0+b"]),
        ("semver", SEMVER_RELEASES, "v0.1.0", ["v10.0.0", "v2.0.0", "v2.0.0+b", "v2.0.0-rc.1", "v1.1.0", "v1.0.0"], []),
        ("semver", SEMVER_RELEASES, "v2.0.0-beta.1", ["v10.0.0", "v2.0.0", "v2.0.0+b", "v2.0.0-rc.1"], ["v1.1.0", "v1.0.0"]),
        ("semver", SEMVER_RELEASES, "v2.0", [], ["v10.0.0", "v2.0.0", "v2.0.0+b"]),  # no rank: above all
        ("semver", [], "v1.0.0", [], []),
        ("pep440", PEP440_RELEASES, "v1.0.0b1", ["v1.0.0", "v1.0.0rc1"], ["v0.9.0"]),
        ("pep440", PEP440_RELEASES, "v1.0.0.post1", [], ["v1.0.0", "v1.0.0rc1", "v0.9.0"]),
    ],
)  # fmt: skip
def test_where_a_tag_stands_among_its_familys_releases(
    grammar: str, releases: list[tuple[str, str]], name: str, above: list[str], below: list[str]
) -> None:
    version = name.removeprefix("v")
    found_above, found_below = _releases_around(releases, name, version, grammar, 3)
    ranked = sorted(found_above, key=lambda item: item[0], reverse=True)
    assert [other for _, other, _ in ranked] == above
    assert [other for other, _ in found_below] == below


CORES = st.sampled_from(["0.0.0", "0.1.0", "1.0.0", "1.0.1", "1.1.0", "2.0.0", "10.0.0", "9.99.9"])
TAILS = st.sampled_from(["", "-rc.1", "-rc.2", "-alpha", "-1", "+build", "-rc.1+b"])
SEMVER = st.builds(lambda core, tail: core + tail, CORES, TAILS)


@settings(max_examples=300, derandomize=True)
@given(
    versions=st.lists(SEMVER, max_size=30),
    version=st.one_of(SEMVER, st.sampled_from(["1.0", "x"])),
    own=st.booleans(),
    count=st.integers(0, 6),
)
def test_the_place_of_a_tag_is_that_of_a_full_sort(
    versions: list[str], version: str, own: bool, count: int
) -> None:
    releases = [(f"t{index}", v) for index, v in enumerate(versions)]
    name = "new"
    if own and releases:
        name, version = releases[len(releases) // 2]
    above, below = _releases_around(releases, name, version, "semver", count)

    # the slow twin: every version parsed, the whole family sorted (stable)
    def key(text: str) -> tuple[object, ...]:
        found = precedence_key(text)
        assert found is not None
        return found

    ranked = sorted(releases, key=lambda release: key(release[1]), reverse=True)
    target = precedence_key(version)
    if target is None:
        position = 0
    elif name in dict(releases):
        position = [other for other, _ in ranked].index(name)
    else:
        lower = (i for i, (_, v) in enumerate(ranked) if not key(v) > target)
        position = next(lower, len(ranked))
    ordered_above = sorted(above, key=lambda item: item[0], reverse=True)
    assert [(other, v) for _, other, v in ordered_above] == ranked[:position]
    assert below == ranked[position : position + count]


@settings(max_examples=300, derandomize=True)
@given(
    versions=st.lists(SEMVER, max_size=40),
    version=st.one_of(SEMVER, st.sampled_from(["1.0", "x"])),
    own=st.booleans(),
    count=st.integers(0, 6),
    reached=st.integers(min_value=0),
)
def test_the_ranked_family_answers_as_the_release_list_does(
    versions: list[str], version: str, own: bool, count: int, reached: int
) -> None:
    """``_Ranked`` (a batch of many tags) against ``_releases_around`` and the releases
    above a tag that its commit reaches, newest first (one tag checked)."""
    releases = [(f"t{index}", v) for index, v in enumerate(versions) if precedence_key(v)]
    bits = {name: 1 << index for index, (name, _) in enumerate(releases)}
    name = "new"
    if own and releases:
        name, version = releases[len(releases) // 2]
    above, below = _releases_around(releases, name, version, "semver", count)
    reachable = {other for other, bit in bits.items() if reached & bit}
    before = sorted(
        (entry for entry in above if entry[1] in reachable), key=lambda e: e[0], reverse=True
    )
    ranked = _Ranked([(precedence_key(v), other, v) for other, v in releases], bits)
    assert ranked.around(name, version, "semver", count, reached) == (before[:count], below)
    target = precedence_key(version)
    if target is not None:
        position = ranked.position(target)
        higher = {other for other, v in releases if _order_key(v, "semver") > target}
        assert {e[1] for e in ranked.entries[:position]} == higher
        mask = ranked.mask_above(position)
        assert mask == sum(bits[other] for other in higher)


def test_many_tags_asked_about_are_read_from_one_listing_of_every_tag(
    repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from releaselint.core import git

    def crate(version: str) -> dict[str, str]:
        return {"Cargo.toml": f'[package]\nname = "tokio"\nversion = "{version}"\n'}

    for version in ("1.47.0", "1.48.0"):
        repo.commit(files=crate(version))
        repo.git("tag", f"tokio-{version}")
    repo.git("checkout", "-q", "-b", "lts", "tokio-1.47.0")
    repo.commit(files=crate("1.47.5"))
    repo.git("tag", "tokio-1.47.5")
    repo.git("checkout", "-q", "-")
    for version in ("1.53.0", "1.46.0"):
        repo.commit(files=crate(version))
        repo.git("tag", f"tokio-{version}")
    names = ["tokio-1.47.5", "tokio-1.46.0", "tokio-1.48.0"]

    def verdicts() -> list[str]:
        assert main([arg for name in names for arg in ("--ref", name)]) == 1
        return capsys.readouterr().out.splitlines()

    expected = [
        "refs/tags/tokio-1.46.0: version 1.46.0 is not greater than tokio-1.53.0, the highest "
        "release tag before it"
    ]
    assert verdicts() == expected
    # the same answers where every tag is listed (as for thousands of names)
    monkeypatch.setattr(git, "_MANY_REFS", 0)
    assert verdicts() == expected


def test_an_older_tag_of_a_family_without_prefix_is_checked_against_its_own_time(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    # uv, pytest: tags are bare versions; beside them a calendar tag, a tag of another
    # family that starts with a digit, and a tag on a tree
    def layout(version: str, node: str) -> dict[str, str]:
        return {
            "Cargo.toml": f'[package]\nname = "corelib"\nversion = "{version}"\n',
            "bindings/node/package.json": f'{{"name": "corelib", "version": "{node}"}}',
        }

    for version, node in (("1.0.0", "0.1.0"), ("1.1.0", "0.2.0")):
        repo.commit(files=layout(version, node))
        repo.git("tag", version)
    repo.git("tag", "2026.01.15")
    repo.git("tag", "3d-1.0.0")
    repo.git("tag", "1.3.1", "HEAD^{tree}")
    for version in ("1.2.0", "1.3.0", "1.4.0"):
        repo.commit(files=layout(version, version))
        repo.git("tag", version)
    repo.commit(files=layout("1.5.0", "1.4.0"))
    repo.git("tag", "1.5.0")
    # the binding joined the releases at 1.2.0: not a member of 1.1.0's, one of 1.5.0's
    assert main(["--ref", "1.1.0", "--ref", "1.0.0"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["--ref", "1.5.0"]) == 1
    short = repo.git("rev-parse", "--short=7", "HEAD").strip()
    assert capsys.readouterr().out.splitlines()[0] == (
        f"refs/tags/1.5.0: version 1.5.0 != 1.4.0 declared in bindings/node/package.json:1 at {short}"
    )


def test_a_long_tag_name_is_no_release_of_a_format_with_an_open_name() -> None:
    """``{component}-v{version}`` with no group to fill the component: the placeholder and
    the text after it can meet at every ``-v`` of the name. Past ``MAX_TAG`` characters
    the name is no release; a format whose only placeholder is the version reads any."""
    from releaselint.core.tags import MAX_TAG

    tag = "-v" * (MAX_TAG // 2) + "1.0.0"
    assert TagFormat("{component}-v{version}", None).version_of("a-v1.0.0") == "1.0.0"
    assert TagFormat("{component}-v{version}", None).version_of(tag) is None
    assert (
        TagFormat("v{version}", None).version_of("v1." + "9" * 5000 + ".0")
        == "1." + "9" * 5000 + ".0"
    )
