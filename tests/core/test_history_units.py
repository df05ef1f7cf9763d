"""Release-history evidence: the groups a tagged history forms, and caches that cannot be
read (garbage, another shape, another configuration) giving the answer of no cache."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from releaselint.core import config as config_module
from releaselint.core.families import Family
from releaselint.core.history import FamilyEvidence, discover_with_history
from releaselint.core.tree import WorkTree
from tests.conftest import Repo
from tests.layouts import released, rust_with_bindings


def groups(repo: Repo) -> list[tuple[str, list[str], list[str]]]:
    root = str(repo.path)
    found = discover_with_history(root, WorkTree(root), config_module.load(root))
    return [(g.name, sorted(p.manifest for p in g.packages), g.evidence) for g in found]


@pytest.fixture
def history(repo: Repo) -> tuple[Repo, list[tuple[str, list[str], list[str]]]]:
    released(repo, rust_with_bindings)
    return repo, groups(repo)


def cache_files(repo: Repo) -> list[Path]:
    folder = repo.path / ".git" / "releaselint"
    return sorted(folder.glob("*.json"))


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: "not json", id="garbage"),
        pytest.param(lambda data: "[]", id="a list"),
        pytest.param(lambda data: json.dumps({**data, "fingerprint": "0", "key": "0"}), id="another config"),
        pytest.param(lambda data: json.dumps({**data, "commits": [], "families": [{}]}), id="another shape"),
        pytest.param(lambda data: "[" * 100_000 + "]" * 100_000, id="nested past the stack"),
    ],
)  # fmt: skip
def test_a_cache_that_cannot_be_used_is_computed_again(
    history: tuple[Repo, list[tuple[str, list[str], list[str]]]],
    damage: Callable[[dict[str, object]], str],
) -> None:
    repo, expected = history
    assert [p.name for p in cache_files(repo)] == ["families.json", "history.json"]
    assert expected[0][1] == [
        "Cargo.toml",
        "bindings/node/package.json",
        "bindings/python/Cargo.toml",
        "bindings/python/pyproject.toml",
    ]
    for path in cache_files(repo):
        data = json.loads(path.read_text())
        path.write_text(damage(data))
    assert groups(repo) == expected
    # and the caches are whole again
    assert all(isinstance(json.loads(p.read_text()), dict) for p in cache_files(repo))


@pytest.mark.parametrize(
    ("sampled", "reason"),
    [
        ([], "tags v{version}"),
        (["v1.3.0"], "released together at tag v1.3.0"),
        (["v1.4.0", "v1.3.0"], "lockstep at tags v1.3.0…v1.4.0"),
    ],
)
def test_family_evidence_reason(sampled: list[str], reason: str) -> None:
    item = FamilyEvidence(Family("v"))
    item.sampled = sampled
    item.members = ["Cargo.toml"]
    assert item.reason == reason
    assert repr(item) == "<FamilyEvidence v{version} ['Cargo.toml']>"


def test_the_files_of_an_older_tags_releases_are_cached_too(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    from releaselint.hooks.check_tag_semver import main

    versions = [f"1.{minor}.0" for minor in range(7)]
    released(repo, rust_with_bindings, versions)
    oldest = repo.git("rev-parse", "v1.0.0^{commit}").strip()
    history_file = repo.path / ".git" / "releaselint" / "history.json"

    def cached() -> list[str]:
        return sorted(json.loads(history_file.read_text())["commits"])

    assert main(["--ref", "v1.6.0"]) == 0
    assert oldest not in cached()  # the newest five releases are the work tree's evidence
    # v1.1.0 is judged by the releases before it: v1.0.0's files are read, once
    assert main(["--ref", "v1.1.0"]) == 0
    assert oldest in cached()
    assert len(cached()) == 7
    # a second check finds every file it needs in the cache: the cache is not written again
    # (it is replaced whole where it is)
    inode = history_file.stat().st_ino
    assert main(["--ref", "v1.1.0"]) == 0
    assert history_file.stat().st_ino == inode
    assert capsys.readouterr().out == ""


_VERSIONS = ["1.0.0", "1.0.0-rc.1", "1.0.0rc1", "1.0.0-rc1", "1.0", "v1.0.0", "1.0.0.post1",
             "1.0.0-post1", "2.0.0", "2.0.0-alpha", "2.0.0a0", "garbage", "1.0.0+b", "1!1.0"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    tags=st.lists(
        st.tuples(st.sampled_from(["a-", "b-", "c@", ""]), st.sampled_from(_VERSIONS)),
        max_size=30,
    ),
    value=st.sampled_from(_VERSIONS),
    prefix=st.sampled_from(["a-", "b-", "c@", ""]),
    pep440=st.booleans(),
)
def test_released_elsewhere_by_index_is_the_comparison_with_each_tag(
    tags: list[tuple[str, str]], value: str, prefix: str, pep440: bool
) -> None:
    """Past a few tags on a commit, the versions are looked up by their spellings: the
    answer is that of comparing the value with each tag."""
    from releaselint.core.history import _Others
    from releaselint.core.versions import same_version

    slow = any(p != prefix and same_version(value, v, pep440=pep440) for p, v in tags)
    assert _Others({"c": tags}).released("c", value, prefix, pep440=pep440) is slow
