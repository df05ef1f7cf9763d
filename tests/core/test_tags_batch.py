"""A push of many tags at once (a repository's whole history to a new remote) is judged
from one walk of history and the family ranked once (``TagCheck._walk``, ``_Ranked``):
every tag must get the verdict it gets when pushed alone, which asks git about each."""

from __future__ import annotations

import subprocess
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from releaselint.core import tags as tags_module
from releaselint.core.config import Config
from releaselint.core.git import local_tags
from releaselint.core.tags import TagCheck, resolve

# the batch size the test walks from (the module's is larger: fewer, slower examples)
WALK_FROM = 8

VERSIONS = ["0.9.0", "1.0.0", "1.0.1", "1.1.0-rc.1", "1.1.0", "1.2.0", "2.0.0-rc.1", "2.0.0",
            "2.0.1", "3.0.0-alpha", "1.0.0+build", "1.2",
            # PEP 440 where the files are Python's: 1.0 is 1.0.0, 1.01 is 1.1
            "0.8", "1.0", "1.01", "1.0.0.post1", "1.1.0rc1"]  # fmt: skip


@st.composite
def histories(
    draw: st.DrawFn,
) -> tuple[list[tuple[int, ...]], list[str], list[tuple[int, str]], str]:
    """Commits (each its parents, by index: branches and merges), the version each
    declares, tags (commit, name) of three families (`v`, none, `pkg-v`), duplicates and
    bad names included, and the manifest (a crate, or a Python project: PEP 440)."""
    count = draw(st.integers(8, 18))
    parents: list[tuple[int, ...]] = [()]
    for index in range(1, count):
        first = draw(st.integers(max(0, index - 4), index - 1))
        second = draw(st.one_of(st.none(), st.integers(0, index - 1)))
        parents.append((first,) if second in (None, first) else (first, second))
    declared = [draw(st.sampled_from(VERSIONS[:9])) for _ in range(count)]
    tagged = draw(
        st.lists(
            st.tuples(
                st.integers(0, count - 1),
                st.sampled_from(["v", "", "pkg-v"]),
                st.sampled_from(VERSIONS),
            ),
            min_size=WALK_FROM,
            max_size=20,
            unique_by=lambda t: (t[1], t[2]),
        )
    )
    manifest = draw(st.sampled_from(["Cargo.toml", "pyproject.toml"]))
    tags = [(commit, prefix + version) for commit, prefix, version in tagged]
    return parents, declared, tags, manifest


def build(
    path: Path, parents: list[tuple[int, ...]], declared: list[str], manifest: str = "Cargo.toml"
) -> list[str]:
    """The commits, written by git fast-import: each declares a version in ``manifest``."""
    stream = []
    table = "package" if manifest == "Cargo.toml" else "project"
    for index, (own, version) in enumerate(zip(parents, declared, strict=True)):
        cargo = f'[{table}]\nname = "pkg"\nversion = "{version}"\n'.encode()
        stream.append(b"blob\nmark :%d\ndata %d\n%s\n" % (2 * index + 1, len(cargo), cargo))
        message = f"chore: commit {index}".encode()
        stream.append(
            b"commit refs/heads/c%d\nmark :%d\ncommitter a <a@b> %d +0000\ndata %d\n%s\n"
            % (index, 2 * index + 2, 1_700_000_000 + index, len(message), message)
        )
        if own:
            stream.append(b"from :%d\n" % (2 * own[0] + 2))
        for other in own[1:]:
            stream.append(b"merge :%d\n" % (2 * other + 2))
        stream.append(b"M 100644 :%d %s\n" % (2 * index + 1, manifest.encode()))
    subprocess.run(("git", "init", "-q", str(path)), check=True)
    subprocess.run(
        ("git", "fast-import", "--quiet", "--export-marks=marks"),
        cwd=path, input=b"".join(stream), check=True,
    )  # fmt: skip
    marks = dict(line.split() for line in (path / "marks").read_text().splitlines())
    return [marks[f":{2 * index + 2}"] for index in range(len(parents))]


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(history=histories(), one_per_commit=st.booleans())
def test_a_push_of_many_tags_gives_each_the_verdict_it_gets_alone(
    tmp_path_factory: pytest.TempPathFactory,
    history: tuple[list[tuple[int, ...]], list[str], list[tuple[int, str]], str],
    one_per_commit: bool,
) -> None:
    parents, declared, tagged, manifest = history
    root = tmp_path_factory.mktemp("history")
    commits = build(root, parents, declared, manifest)
    for index, (commit, name) in enumerate(tagged):
        annotated = ("-a", "-m", "release") if index % 2 else ()
        subprocess.run(("git", "tag", *annotated, name, commits[commit]), cwd=root, check=True)
    config = Config({"one-tag-per-commit": one_per_commit})
    existing = local_tags(str(root))
    records = resolve(str(root), [(name, existing[name].oid) for _, name in tagged])

    batch = TagCheck(str(root), config, existing)
    with mock.patch.object(tags_module, "_WALK_FROM", WALK_FROM):
        together = batch.check(records)
    assert batch._reaches, "the batch was judged from one walk"
    alone = [f for record in records for f in TagCheck(str(root), config, existing).check([record])]
    assert together == alone


def test_the_walk_answers_as_git_does(tmp_path: Path) -> None:
    """Which tags a commit reaches, from the walk, is what ``git for-each-ref --merged``
    says, on a history of branches and merges."""
    parents = [(), (0,), (1,), (1,), (2, 3), (0,), (5,), (4, 6), (7,), (3,), (9, 8)]
    commits = build(tmp_path, parents, ["1.0.0"] * len(parents))
    for index, commit in enumerate(commits):
        subprocess.run(("git", "tag", f"t{index}", commit), cwd=tmp_path, check=True)
    existing = local_tags(str(tmp_path))
    check = TagCheck(str(tmp_path), Config({}), existing)
    with mock.patch.object(tags_module, "_WALK_FROM", WALK_FROM):
        check._walk(commits)
    assert set(check._reaches) == set(commits)
    names = sorted(existing)
    for commit in commits:
        merged = subprocess.run(
            ("git", "for-each-ref", f"--merged={commit}", "--format=%(refname:strip=2)",
             "refs/tags/"),
            cwd=tmp_path, capture_output=True, text=True, check=True,
        ).stdout.split()  # fmt: skip
        assert check._reachable_from(commit, names) == set(merged)
        assert merged  # each commit reaches its own tag at least
