"""``inventory.family_group`` answers without forming the groups again where the family's
history changes none (a thousand packages tagged on one commit): it must be the group
``discover`` with that history alone gives the family's template, on drawn repositories
of packages the build links, groups the configuration names, and families of every kind."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from releaselint.core import config as config_module
from releaselint.core.errors import FatalError
from releaselint.core.families import Family
from releaselint.core.history import FamilyEvidence
from releaselint.core.inventory import discover, family_group
from releaselint.core.model import Group
from releaselint.core.tree import WorkTree

KINDS = ["node", "python", "crate", "member", "maturin", "private"]


def manifests(kind: str, index: int, version: str) -> dict[str, str]:
    folder = f"p{index}"
    if kind in ("node", "private"):
        private = ', "private": true' if kind == "private" else ""
        return {
            f"{folder}/package.json": f'{{"name": "n{index}", "version": "{version}"{private}}}\n'
        }
    if kind == "python":
        return {
            f"{folder}/pyproject.toml": f'[project]\nname = "y{index}"\nversion = "{version}"\n'
        }
    if kind == "crate":
        return {f"{folder}/Cargo.toml": f'[package]\nname = "c{index}"\nversion = "{version}"\n'}
    if kind == "member":  # version.workspace = true, the workspace at the root
        return {f"{folder}/Cargo.toml": f'[package]\nname = "m{index}"\nversion.workspace = true\n'}
    return {  # maturin: the wheel's version is the crate's
        f"{folder}/Cargo.toml": f'[package]\nname = "w{index}"\nversion = "{version}"\n',
        f"{folder}/pyproject.toml": '[build-system]\nrequires = ["maturin"]\n'
        'build-backend = "maturin"\n\n[project]\nname = "w%d"\ndynamic = ["version"]\n' % index,
    }


@st.composite
def repositories(draw: st.DrawFn) -> tuple[dict[str, str], list[tuple[str, list[str], str | None]]]:
    count = draw(st.integers(1, 7))
    files: dict[str, str] = {}
    for index in range(count):
        kind = draw(st.sampled_from(KINDS))
        files.update(manifests(kind, index, draw(st.sampled_from(["1.0.0", "1.1.0"]))))
    if any("version.workspace" in text for text in files.values()):
        members = ", ".join(f'"p{i}"' for i in range(count) if f"p{i}/Cargo.toml" in files)
        files["Cargo.toml"] = (
            f'[workspace]\nmembers = [{members}]\n\n[workspace.package]\nversion = "1.0.0"\n'
        )
    config = ""
    if draw(st.booleans()):
        claimed = draw(st.lists(st.sampled_from(sorted(files)), max_size=2, unique=True))
        if claimed:
            globs = ", ".join(f'"{m}"' for m in claimed)
            config += f"[groups.configured]\nmembers = [{globs}]\n"
    if draw(st.booleans()):  # a version file the primary group takes
        files["VERSION"] = "1.0.0\n"
        config += '[[extra-files]]\npath = "VERSION"\npattern = "(?P<version>.+)"\n'
    if config:
        files["releaselint.toml"] = config
    paths = sorted(p for p in files if p not in ("releaselint.toml", "VERSION"))
    names = st.one_of(st.none(), st.sampled_from(["n0", "y1", "c2", "w3", "missing"]))
    families = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["v", "", "p0-v", "x-", "p1/v"]),
                st.lists(st.sampled_from([*paths, "gone/package.json"]), max_size=3, unique=True),
                names,
            ),
            min_size=1,
            max_size=4,
        )
    )
    return files, families


def shape(group: Group | None) -> Any:
    if group is None:
        return None
    return (
        sorted(p.manifest for p in group.packages),
        [(d.path, d.line, d.value) for d in group.binding],
        group.vcs,
        group.source.where if group.source else None,
    )


def repository(root: Path, files: dict[str, str]) -> tuple[config_module.Config, WorkTree]:
    subprocess.run(("git", "init", "-q", str(root)), check=True)
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    subprocess.run(("git", "add", "-A"), cwd=root, check=True)
    return config_module.load(str(root)), WorkTree(str(root))


def outcome(answer: Callable[[], Group | None]) -> Any:
    """The group's shape, or the refusal (an extra file with no group to take it)."""
    try:
        return shape(answer())
    except FatalError as e:
        return str(e)


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(drawn=repositories())
def test_a_familys_group_is_the_one_discover_gives(
    tmp_path_factory: pytest.TempPathFactory,
    drawn: tuple[dict[str, str], list[tuple[str, list[str], str | None]]],
) -> None:
    files, families = drawn
    config, tree = repository(tmp_path_factory.mktemp("repo"), files)
    reads: dict[Any, Any] = {}
    for prefix, members, named in families:
        evidence = FamilyEvidence(Family(prefix))
        evidence.members = members
        evidence.named = named
        template = evidence.family.template

        def slow(evidence: FamilyEvidence = evidence, template: str = template) -> Group | None:
            groups = discover(tree, config, [evidence])
            return next((g for g in groups if template in g.families), None)

        def quick(evidence: FamilyEvidence = evidence) -> Group | None:
            return family_group(tree, config, evidence, reads)

        assert outcome(quick) == outcome(slow), (prefix, members, named)


def test_the_quick_answer_is_taken(tmp_path: Path) -> None:
    """A family of one package, not the repository's own: no group formed again."""
    files = {p: t for index in range(3) for p, t in manifests("node", index, "1.0.0").items()}
    config, tree = repository(tmp_path, files)
    reads: dict[Any, Any] = {}
    evidence = FamilyEvidence(Family("n1@"))
    evidence.members = ["p1/package.json"]
    evidence.named = "n1"
    group = family_group(tree, config, evidence, reads)
    assert group is not None
    assert [p.manifest for p in group.packages] == ["p1/package.json"]
    assert ("groups", id(tree)) in reads
