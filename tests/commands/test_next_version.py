"""releaselint next-version in real repositories, against what Release Please proposes."""

from __future__ import annotations

import json

import pytest

from releaselint.commands.next_version import main
from tests.conftest import Repo


def rp_files(packages: dict[str, dict[str, object]], manifest: dict[str, str],
             **top: object) -> dict[str, str]:  # fmt: skip
    return {
        "release-please-config.json": json.dumps({**top, "packages": packages}, indent=2) + "\n",
        ".release-please-manifest.json": json.dumps(manifest, indent=2) + "\n",
    }


def node(name: str, version: str) -> str:
    return json.dumps({"name": name, "version": version}, indent=2) + "\n"


def test_single_node_package_at_the_root(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit("chore: release 1.2.0", files={
        **rp_files({".": {"release-type": "node"}}, {".": "1.2.0"}),
        "package.json": node("@acme/core", "1.2.0"),
    })  # fmt: skip
    repo.git("tag", "core-v1.2.0")
    repo.commit("fix: keep the order", files={"src/a.js": "1"})
    repo.commit("feat: add an option", files={"src/b.js": "1"})
    repo.commit("chore: tidy", files={"src/c.js": "1"})
    assert main([]) == 0
    assert (
        capsys.readouterr().out == ".: 1.2.0 -> 1.3.0 (core-v1.3.0; 3 commits since core-v1.2.0)\n"
    )


def test_manifest_mode_splits_commits_by_package(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit("chore: release", files={
        **rp_files(
            {
                "packages/api": {"release-type": "node", "exclude-paths": ["packages/api/docs"]},
                "packages/web": {"release-type": "node", "tag-separator": "@",
                                 "bump-minor-pre-major": True},
                "crates/engine": {"release-type": "rust"},
            },
            {"packages/api": "2.0.0", "packages/web": "0.4.1", "crates/engine": "0.0.0"},
        ),
        "packages/api/package.json": node("@acme/api", "2.0.0"),
        "packages/web/package.json": node("web", "0.4.1"),
        "crates/engine/Cargo.toml": '[package]\nname = "engine"\nversion = "0.0.0"\n',
    })  # fmt: skip
    repo.git("tag", "api-v2.0.0")
    repo.git("tag", "web@v0.4.1")
    repo.commit("feat!: a breaking change in the docs only", files={"packages/api/docs/x.md": "1"})
    repo.commit("fix(api): a fix", files={"packages/api/src/x.js": "1"})
    repo.commit("feat(web)!: drop the old entry", files={"packages/web/index.js": "1"})
    repo.commit("docs: the readme", files={"README.md": "1"})
    assert main(["--format", "json"]) == 0
    proposals = {p["package"]: p for p in json.loads(capsys.readouterr().out)["packages"]}
    assert proposals["packages/api"] == {
        "package": "packages/api", "component": "api", "current": "2.0.0",
        "since": "api-v2.0.0", "commits": 1, "version": "2.0.1", "release": True,
        "tag": "api-v2.0.1",
    }  # fmt: skip
    assert proposals["packages/web"]["version"] == "0.5.0"
    assert proposals["packages/web"]["tag"] == "web@v0.5.0"
    # never released: the whole history counts, and rust starts at 0.1.0
    assert proposals["crates/engine"] == {
        "package": "crates/engine", "component": "engine", "current": None, "since": None,
        "commits": 1, "version": "0.1.0", "release": False, "tag": "engine-v0.1.0",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("settings", "messages", "expected"),
    [
        ({}, ["feat!: drop 3.8"], "1.0.0"),
        ({"bump-minor-pre-major": True}, ["feat!: drop 3.8"], "0.4.0"),
        ({"bump-patch-for-minor-pre-major": True}, ["feat: x"], "0.3.1"),
        # a Release-As footer anywhere in the range decides; the newest one first
        ({}, ["fix: x\n\nRelease-As: 2.0.0", "feat: y"], "2.0.0"),
        ({}, ["fix: x\n\nRelease-As: 2.0.0", "fix: y\n\nRelease-As: 3.0.0"], "3.0.0"),
        ({"release-as": "1.0.0"}, ["fix: x"], "1.0.0"),
        ({"versioning": "prerelease", "prerelease": True, "prerelease-type": "rc"},
         ["feat: y"], "0.4.0-rc"),
        ({"versioning": "always-bump-minor"}, ["fix: x"], "0.4.0"),
    ],
)  # fmt: skip
def test_python_package_bumps(
    repo: Repo,
    capsys: pytest.CaptureFixture[str],
    settings: dict[str, object],
    messages: list[str],
    expected: str,
) -> None:
    repo.commit("chore: release 0.3.0", files={
        **rp_files({".": {"release-type": "python", **settings}}, {".": "0.3.0"}),
        "pyproject.toml": '[project]\nname = "tool"\nversion = "0.3.0"\n',
    })  # fmt: skip
    repo.git("tag", "v0.3.0")
    for index, message in enumerate(messages):
        repo.commit(message, files={f"src/m{index}.py": "x"})
    assert main(["--format", "json", "."]) == 0
    [proposal] = json.loads(capsys.readouterr().out)["packages"]
    assert (proposal["version"], proposal["tag"]) == (expected, f"v{expected}")


def test_no_release_worthy_commits(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit("chore: release", files={
        **rp_files({".": {"release-type": "simple"}}, {".": "1.0.0"}), "version.txt": "1.0.0\n",
    })  # fmt: skip
    repo.git("tag", "v1.0.0")
    repo.commit("chore: tidy", files={"a": "1"})
    assert main([]) == 0
    assert capsys.readouterr().out == (
        ".: 1.0.0, no release (1 commits since v1.0.0, none that Release Please releases)\n"
    )


def test_last_release_sha_bounds_the_history(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit("feat!: long ago", files={"a": "1"})
    base = repo.commit("chore: adopt release-please", files={"b": "1"})
    repo.commit("fix: x", files={
        **rp_files({".": {"release-type": "simple"}}, {".": "1.4.0"}, **{"last-release-sha": base}),
    })  # fmt: skip
    assert main([]) == 0
    assert capsys.readouterr().out == f".: 1.4.0 -> 1.4.1 (v1.4.1; 1 commits since {base})\n"


@pytest.mark.parametrize(
    ("files", "argv", "error"),
    [
        ({"a": "1"}, [], "error: no release-please-config.json: Release Please is not configured here\n"),
        (rp_files({".": {}}, {".": "1.0.0"}), ["web"],
         "error: 'web' is not a package of release-please-config.json\n"),
        (rp_files({".": {"release-type": "simple", "versioning": "service-pack"}}, {".": "1.0.0"}),
         [], "error: release-please-config.json: packages..: versioning 'service-pack' is not one "
         "releaselint computes (it does default, prerelease, always-bump-patch, always-bump-minor, "
         "always-bump-major)\n"),
    ],
)  # fmt: skip
def test_errors(
    repo: Repo, capsys: pytest.CaptureFixture[str], files: dict[str, str], argv: list[str],
    error: str,
) -> None:  # fmt: skip
    repo.commit("fix: x", files=files)
    assert main(argv) == 1
    assert capsys.readouterr().err == error


def test_linked_versions_release_together(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit("chore: release", files={
        **rp_files(
            {"packages/core": {"release-type": "node"}, "packages/cli": {"release-type": "node"},
             "packages/docs": {"release-type": "node"}},
            {"packages/core": "1.2.0", "packages/cli": "1.2.0", "packages/docs": "0.4.0"},
            plugins=[{"type": "linked-versions", "groupName": "sdk",
                      "components": ["core", "cli"]}],
        ),
        "packages/core/package.json": node("@acme/core", "1.2.0"),
        "packages/cli/package.json": node("@acme/cli", "1.2.0"),
        "packages/docs/package.json": node("@acme/docs", "0.4.0"),
    })  # fmt: skip
    for tag in ("core-v1.2.0", "cli-v1.2.0", "docs-v0.4.0"):
        repo.git("tag", tag)
    repo.commit("feat(core): a feature", files={"packages/core/a.js": "1"})
    repo.commit("fix(docs): a fix", files={"packages/docs/a.js": "1"})
    assert main([]) == 0
    assert capsys.readouterr().out == (
        "packages/core: 1.2.0 -> 1.3.0 (core-v1.3.0; 1 commits since core-v1.2.0)\n"
        # cli has no commit of its own: the group takes it along
        "packages/cli: 1.2.0 -> 1.3.0 (cli-v1.3.0; 0 commits since cli-v1.2.0)\n"
        "packages/docs: 0.4.0 -> 0.4.1 (docs-v0.4.1; 1 commits since docs-v0.4.0)\n"
    )
    assert main(["packages/cli", "--format", "json"]) == 0
    [cli] = json.loads(capsys.readouterr().out)["packages"]
    assert (cli["version"], cli["release"]) == ("1.3.0", True)
