"""Files at commits, read ahead for many commits at once: each gets the tree it has alone."""

from __future__ import annotations

import pytest

from releaselint.core.tree import prefetch
from tests.conftest import Repo

SPECS = [":(glob)**/Cargo.toml", ":(glob)**/package.json"]


def cargo(version: str) -> str:
    return f'[package]\nname = "corelib"\nversion = "{version}"\n'


def snapshot(
    repo: Repo, commits: list[str], extra: tuple[str, ...] = ()
) -> dict[str, dict[str, str | None]]:
    trees = prefetch(str(repo.path), commits, SPECS, extra)
    return {c: {p: t.read_many([p])[p] for p in t.list(SPECS)} for c, t in trees.items()}


@pytest.fixture
def moved(repo: Repo) -> list[str]:
    """The manifest at the top (A), moved to pkg/ (B), back at the top (C)."""
    a = repo.commit("feat: a", files={"Cargo.toml": cargo("1.0.0")})
    repo.git("mv", "Cargo.toml", "pkg-Cargo.toml")
    (repo.path / "pkg").mkdir()
    repo.git("mv", "pkg-Cargo.toml", "pkg/Cargo.toml")
    b = repo.commit("feat: b", files={"pkg/Cargo.toml": cargo("2.0.0")})
    repo.git("mv", "pkg/Cargo.toml", "Cargo.toml")
    c = repo.commit("feat: c", files={"Cargo.toml": cargo("3.0.0")})
    return [a, b, c]


def test_a_file_that_moved_is_found_at_every_commit(repo: Repo, moved: list[str]) -> None:
    a, b, c = moved
    expected = {
        a: {"Cargo.toml": cargo("1.0.0")},
        b: {"pkg/Cargo.toml": cargo("2.0.0")},
        c: {"Cargo.toml": cargo("3.0.0")},
    }
    assert snapshot(repo, [a, b, c]) == expected
    assert snapshot(repo, [c, b, a, b]) == expected
    for commit in moved:
        assert snapshot(repo, [commit]) == {commit: expected[commit]}


def test_extra_files_under_the_name_they_were_given(repo: Repo) -> None:
    head = repo.commit("feat: x", files={"VERSION": "1.2.3\n", "sub/VERSION": "4.5.6\n"})
    trees = prefetch(str(repo.path), [head], SPECS, ["./VERSION", "sub/VERSION", "NOPE"])
    tree = trees[head]
    assert tree.read_many(["./VERSION", "sub/VERSION", "NOPE"]) == {
        "./VERSION": "1.2.3\n",
        "sub/VERSION": "4.5.6\n",
        "NOPE": None,
    }


def test_odd_file_names_do_not_stop_the_read(repo: Repo) -> None:
    head = repo.commit(
        "feat: x",
        files={
            "Cargo.toml": cargo("1.0.0"),
            "odd\nname.txt": "x",
            "odd\ndir/Cargo.toml": cargo("2.0.0"),
            "cr\r/package.json": '{"name": "a", "version": "3.0.0"}',
        },
    )
    assert snapshot(repo, [head]) == {
        head: {
            "Cargo.toml": cargo("1.0.0"),
            "odd\ndir/Cargo.toml": cargo("2.0.0"),
            "cr\r/package.json": '{"name": "a", "version": "3.0.0"}',
        }
    }


def test_no_commits(repo: Repo) -> None:
    assert prefetch(str(repo.path), [], SPECS) == {}
