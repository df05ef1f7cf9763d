"""check-release-please at every stage, through real git: pushes to a bare remote, commits
with the hooks installed, and the consistency findings of real broken states."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from releaselint.core import config as config_module
from releaselint.hooks.check_release_please import HINT_TAG, main
from tests.conftest import Repo, git

HOOK = f"{sys.executable} -m releaselint.hooks.check_release_please"


VERSION_HINT = (
    "hint: Release Please sets the versions in its release pull request, from its manifest: "
    "put back the version the manifest records"
)


def rp_files(packages: dict[str, dict[str, object]], manifest: dict[str, str],
             **top: object) -> dict[str, str]:  # fmt: skip
    return {
        "release-please-config.json": json.dumps({**top, "packages": packages}, indent=2) + "\n",
        ".release-please-manifest.json": json.dumps(manifest, indent=2) + "\n",
    }


def node(name: str, version: str, **more: str) -> str:
    return json.dumps({"name": name, "version": version, **more}, indent=2) + "\n"


def monorepo(api: str = "1.3.0", web: str = "0.4.1") -> dict[str, str]:
    """Two node packages, one with a custom tag separator, released through a manifest."""
    return {
        **rp_files(
            {"packages/api": {"release-type": "node"},
             "packages/web": {"release-type": "node", "tag-separator": "@"}},
            {"packages/api": api, "packages/web": web},
        ),
        "packages/api/package.json": node("@acme/api", api),
        "packages/api/CHANGELOG.md": f"# Changelog\n\n## {api}\n",
        "packages/web/package.json": node("web", web),
    }  # fmt: skip


def install_hook(repo: Repo, name: str, argv: str) -> None:
    path = repo.path / ".git" / "hooks" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(f'#!/bin/sh\nexec {HOOK} {argv} "$@"\n')
    path.chmod(0o755)


def run_git(repo: Repo, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """git with its hooks; hook output and git's own both come back in one string."""
    proc = subprocess.run(("git", *args), cwd=repo.path, capture_output=True, text=True,
                          env={**os.environ, **(env or {})})  # fmt: skip
    return proc.returncode, proc.stdout + proc.stderr


# ------------------------------------------------------------------------------- pre-push
@pytest.fixture
def remote(repo: Repo, tmp_path: Path) -> Path:
    path = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(path))
    repo.commit("chore: release", files=monorepo())
    repo.git("tag", "api-v1.3.0")
    repo.git("remote", "add", "origin", str(path))
    repo.git("push", "-q", "origin", "main", "api-v1.3.0")
    install_hook(repo, "pre-push", "--pre-push")
    return path


@pytest.mark.parametrize("tag", ["api-v1.4.0", "web@v0.5.0"])
def test_push_of_a_hand_made_release_tag_is_refused(repo: Repo, remote: Path, tag: str) -> None:
    repo.git("tag", tag)
    code, out = run_git(repo, "push", "origin", tag)
    assert code == 1
    package = "packages/api" if tag.startswith("api") else "packages/web"
    line = 3 if package == "packages/api" else 6
    assert (
        f"refs/tags/{tag}: the tag format of package '{package}' "
        f"(release-please-config.json:{line}): Release Please makes these tags, this one was "
        "made by hand\n"
        "hint: Release Please tags a release when its release pull request is merged: delete "
        "the tag (git tag -d <tag>) and merge the release pull request instead\n"
    ) in out
    assert git(remote, "tag", "--list").split() == ["api-v1.3.0"]


def test_scoped_node_package_tags_without_its_scope(repo: Repo, remote: Path) -> None:
    # @acme/api releases as api-v…: a hand-made "@acme/api-v1.4.0" is no release tag
    repo.git("tag", "v-not-a-release")
    repo.git("tag", "deploy-2024-05")
    code, out = run_git(repo, "push", "origin", "v-not-a-release", "deploy-2024-05")
    assert code == 0, out


def test_push_of_branches_and_deletions_passes(repo: Repo, remote: Path) -> None:
    repo.commit("fix: x", files={"packages/api/src.js": "1"})
    assert run_git(repo, "push", "origin", "main")[0] == 0
    assert run_git(repo, "push", "origin", ":refs/tags/api-v1.3.0")[0] == 0
    assert git(remote, "tag", "--list") == ""


def stdin(monkeypatch: pytest.MonkeyPatch, text: str | bytes) -> None:
    data = text.encode() if isinstance(text, str) else text
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_a_tag_the_remote_has_already_passes(
    repo: Repo, remote: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    oid = repo.git("rev-parse", "api-v1.3.0").strip()
    # pushed anew to a remote that has it (a mirror): git may not know it is there
    stdin(monkeypatch, f"refs/tags/api-v1.3.0 {oid} refs/tags/api-v1.3.0 {'0' * 40}\n")
    assert main(["--pre-push", "origin", str(remote)]) == 0
    # the same name on another commit is a moved release tag
    other = repo.commit("fix: y")
    stdin(monkeypatch, f"refs/tags/api-v1.3.0 {other} refs/tags/api-v1.3.0 {oid}\n")
    assert main(["--pre-push", "origin", str(remote)]) == 1
    assert capsys.readouterr().out.startswith("refs/tags/api-v1.3.0: the tag format of package")


def test_pre_push_reads_stdin_as_git_writes_it(
    repo: Repo, remote: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # bytes that are not UTF-8 (git allows them in ref names), and U+2028 in a ref name,
    # which str.split() and splitlines() split at
    oid = repo.git("rev-parse", "HEAD").strip()
    line = f"refs/heads/a\u2028b {oid} refs/tags/api-v9.0.0 {'0' * 40}\n".encode()
    stdin(monkeypatch, b"refs/tags/\x80\xff " + oid.encode() + b" x y\n" + line)
    assert main(["--pre-push", "origin", str(remote)]) == 1
    assert capsys.readouterr().out == (
        "refs/tags/api-v9.0.0: the tag format of package 'packages/api' "
        "(release-please-config.json:3): Release Please makes these tags, this one was made by "
        f"hand\nhint: {HINT_TAG}\n"
    )


def test_pre_push_refuses_an_option_for_a_remote(
    repo: Repo, remote: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin(monkeypatch, f"refs/tags/api-v9.0.0 {'1' * 40} refs/tags/api-v9.0.0 {'0' * 40}\n")
    assert main(["--pre-push", "--upload-pack=touch x", "url"]) == 1
    assert capsys.readouterr().err == "error: not a remote: '--upload-pack=touch x'\n"
    assert not (repo.path / "x").exists()


# ----------------------------------------------------------------------------- pre-commit
@pytest.fixture
def committed(repo: Repo) -> Repo:
    repo.commit("chore: release", files={
        **monorepo(),
        "pyproject.toml": '[project]\nname = "tool"\nversion = "2.0.0"\n',
        "src/tool/__init__.py": '__version__ = "2.0.0"\n',
        "docs/install.md": "pip install tool==2.0.0 # x-release-please-version\nOther text\n",
        "release-please-config.json": json.dumps({"packages": {
            "packages/api": {"release-type": "node"},
            "packages/web": {"release-type": "node", "tag-separator": "@"},
            ".": {"release-type": "python", "extra-files": ["docs/install.md"]},
        }}, indent=2) + "\n",
        ".release-please-manifest.json": json.dumps(
            {"packages/api": "1.3.0", "packages/web": "0.4.1", ".": "2.0.0"}, indent=2) + "\n",
    })  # fmt: skip
    install_hook(repo, "pre-commit", "--staged")
    return repo


def commit(repo: Repo, files: dict[str, str], message: str = "fix: x") -> tuple[int, str]:
    repo.write(files)
    repo.git("add", "-A")
    return run_git(repo, "commit", "-q", "-m", message)


@pytest.mark.parametrize(
    ("files", "finding"),
    [
        ({"packages/api/package.json": node("@acme/api", "1.4.0")},
         "packages/api/package.json:3: version '1.4.0' of package 'packages/api' "
         "(release-please-config.json:3): Release Please sets it"),
        ({"packages/api/CHANGELOG.md": "# Changelog\n\n## 1.4.0\n"},
         "packages/api/CHANGELOG.md: changelog of package 'packages/api' "
         "(release-please-config.json:3): Release Please writes it"),
        ({".release-please-manifest.json": json.dumps(
            {"packages/api": "1.4.0", "packages/web": "0.4.1", ".": "2.0.0"}, indent=2) + "\n"},
         ".release-please-manifest.json:2: 'packages/api': '1.3.0' -> '1.4.0': Release Please "
         "keeps this file"),
        ({"src/tool/__init__.py": '__version__ = "2.1.0"\n'},
         "src/tool/__init__.py:1: version '2.1.0' of package '.' (release-please-config.json:10): "
         "Release Please sets it"),
        ({"pyproject.toml": '[project]\nname = "tool"\nversion = "2.1.0"\n'},
         "pyproject.toml:3: version '2.1.0' of package '.' (release-please-config.json:10): "
         "Release Please sets it"),
        ({"docs/install.md": "pip install tool==2.1.0 # x-release-please-version\nOther text\n"},
         "docs/install.md:1: release-please-managed line of package '.' "
         "(release-please-config.json:10) changed: Release Please sets it"),
    ],
)  # fmt: skip
def test_staged_edits_of_what_release_please_writes_are_refused(
    committed: Repo, files: dict[str, str], finding: str
) -> None:
    code, out = commit(committed, files)
    assert code == 1
    assert out == (
        f"{finding}\n"
        "hint: Release Please sets these in its release pull request: drop the edit "
        "(git restore --staged --worktree <path>), or, for a deliberate repair, SKIP=check-release-please "
        "git commit\n"
    )


@pytest.mark.parametrize(
    "files",
    [
        {"packages/api/package.json": node("@acme/api", "1.3.0", description="an api")},
        {"docs/install.md": "pip install tool==2.0.0 # x-release-please-version\nNew text\n"},
        {"src/tool/__init__.py": '"""The tool."""\n__version__ = "2.0.0"\n'},
        {"packages/api/src/index.js": "export {}\n"},
    ],
)
def test_other_edits_pass(committed: Repo, files: dict[str, str]) -> None:
    assert commit(committed, files) == (0, "")


def test_release_please_branches_may_edit(committed: Repo) -> None:
    committed.git("switch", "-q", "-c", "release-please--branches--main--components--api")
    files = {"packages/api/package.json": node("@acme/api", "1.4.0"),
             "packages/api/CHANGELOG.md": "# Changelog\n\n## 1.4.0\n"}  # fmt: skip
    assert commit(committed, files, "chore(main): release api 1.4.0") == (0, "")


def test_bootstrap_of_a_new_package_passes(committed: Repo) -> None:
    config = json.loads(committed.read("release-please-config.json"))
    config["packages"]["packages/cli"] = {"release-type": "node"}
    manifest = json.loads(committed.read(".release-please-manifest.json"))
    files = {
        "release-please-config.json": json.dumps(config, indent=2) + "\n",
        ".release-please-manifest.json": json.dumps({**manifest, "packages/cli": "0.1.0"}) + "\n",
        "packages/cli/package.json": node("cli", "0.1.0"),
        "packages/cli/CHANGELOG.md": "# Changelog\n",
    }
    assert commit(committed, files, "chore: release packages/cli too") == (0, "")
    # a manifest entry added for a package configured before is no bootstrap
    manifest = json.loads(committed.read(".release-please-manifest.json"))
    del manifest["packages/web"]
    code, out = commit(committed, {".release-please-manifest.json": json.dumps(manifest) + "\n"})
    assert code == 1
    assert out.startswith(
        ".release-please-manifest.json: entry 'packages/web' removed: Release Please keeps this file\n"
    )


def test_skip_through_the_real_pre_commit(committed: Repo) -> None:
    (committed.path / ".git" / "hooks" / "pre-commit").unlink()
    committed.write({".pre-commit-config.yaml": (
        "repos:\n  - repo: local\n    hooks:\n      - id: check-release-please\n"
        "        name: check release please\n"
        f"        entry: {HOOK} --staged\n"
        "        language: system\n        pass_filenames: false\n        always_run: true\n"
    )})  # fmt: skip
    committed.git("add", "-A")
    committed.git("commit", "-q", "-m", "chore: pre-commit")
    env = {"PRE_COMMIT_HOME": str(committed.path.parent / "pre-commit-home")}
    bin_dir = Path(sys.executable).parent
    assert subprocess.run((str(bin_dir / "pre-commit"), "install"), cwd=committed.path,
                          env={**os.environ, **env}, capture_output=True).returncode == 0  # fmt: skip
    committed.write({"packages/api/package.json": node("@acme/api", "1.4.0")})
    committed.git("add", "-A")
    code, out = run_git(committed, "commit", "-q", "-m", "fix: x", env=env)
    assert code == 1
    assert "packages/api/package.json:3: version '1.4.0'" in out
    code, out = run_git(committed, "commit", "-q", "-m", "fix: x",
                        env={**env, "SKIP": "check-release-please"})  # fmt: skip
    assert code == 0, out


# ----------------------------------------------------------------------------- commit-msg
@pytest.mark.parametrize(
    "title",
    [
        "chore(main): release 1.4.0",
        "chore(main): release api 1.4.0",
        "chore: release main",
        "chore(main): release api 1.4.0 (#42)",
        "chore: release 2.0.0",
    ],
)
def test_release_titles_are_refused_off_release_branches(repo: Repo, title: str) -> None:
    repo.commit("chore: release", files=monorepo())
    install_hook(repo, "commit-msg", "--commit-msg")
    code, out = run_git(repo, "commit", "-q", "--allow-empty", "-m", title)
    assert code == 1
    assert out == (
        f".git/COMMIT_EDITMSG:1: '{title}' is the title of a Release Please release pull "
        "request, on branch 'main': its merge would be taken for a release\n"
        "hint: give the commit a title of its own: this one would read as a release\n"
    )
    repo.git("switch", "-q", "-c", "release-please--branches--main")
    assert run_git(repo, "commit", "-q", "--allow-empty", "-m", title) == (0, "")


def test_linked_versions_titles(repo: Repo) -> None:
    files = monorepo()
    config = json.loads(files["release-please-config.json"])
    config["plugins"] = [
        {"type": "linked-versions", "groupName": "sdk", "components": ["api", "web"]}
    ]
    repo.commit("chore: release", files={**files, "release-please-config.json": json.dumps(config)})
    install_hook(repo, "commit-msg", "--commit-msg")
    code, out = run_git(
        repo, "commit", "-q", "--allow-empty", "-m", "chore(main): release sdk libraries"
    )
    assert code == 1
    assert out.startswith(
        ".git/COMMIT_EDITMSG:1: 'chore(main): release sdk libraries' is the title"
    )


@pytest.mark.parametrize(
    "title",
    [
        "chore: release the hounds",
        "fix: release 1.4.0 notes",
        # past GitHub's 256 characters of a pull request title: no release pull request's
        "chore(main): release 1.4.0" + "x" * 300,
    ],
)
def test_other_titles_pass(repo: Repo, title: str) -> None:
    repo.commit("chore: release", files=monorepo())
    install_hook(repo, "commit-msg", "--commit-msg")
    assert run_git(repo, "commit", "-q", "--allow-empty", "-m", title) == (0, "")


def test_no_release_please_no_opinion(repo: Repo) -> None:
    repo.commit("feat: x", files={"package.json": node("x", "1.0.0")})
    install_hook(repo, "commit-msg", "--commit-msg")
    install_hook(repo, "pre-commit", "--staged")
    assert run_git(repo, "commit", "-q", "--allow-empty", "-m", "chore(main): release 1.0.1") == (
        0,
        "",
    )
    assert main([]) == 0


# ---------------------------------------------------------------------------- consistency
def check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_consistent_repository_passes(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit("chore: release", files=monorepo())
    repo.git("tag", "api-v1.3.0")
    repo.git("tag", "web@v0.4.1")
    assert check(capsys) == (0, "")


@pytest.mark.parametrize(
    ("change", "findings"),
    [
        # a key release-please does not know
        ({"release-please-config.json": json.dumps({"packages": {
            "packages/api": {"release-type": "node", "bump-minor-pre-mayor": True},
            "packages/web": {"release-type": "node", "tag-separator": "@"}},
            "separate-pull-request": True}, indent=2)},
         ["release-please-config.json:12: separate-pull-request: unknown key; did you mean "
          "'separate-pull-requests'?",
          "release-please-config.json:5: packages.packages/api.bump-minor-pre-mayor: unknown key; "
          "did you mean 'bump-minor-pre-major'?"]),
        # a package whose folder is gone, and a manifest that lost an entry
        ({"release-please-config.json": json.dumps({"packages": {
            "packages/api": {"release-type": "node"}, "packages/gone": {},
            "packages/web": {"release-type": "node", "tag-separator": "@"}}}, indent=2)},
         ["release-please-config.json:6: package 'packages/gone': no such folder"]),
        ({".release-please-manifest.json": '{\n  "packages/api": "1.3"\n}\n'},
         [".release-please-manifest.json:2: '1.3' is not a semantic version",
          "release-please-config.json:6: package 'packages/web' has no entry in "
          ".release-please-manifest.json"]),
        ({".release-please-manifest.json": json.dumps(
            {"packages/api": "1.3.0", "packages/web": "0.4.1", "packages/old": "2.0.0"},
            indent=2)},
         [".release-please-manifest.json:4: 'packages/old' is not a package of "
          "release-please-config.json"]),
        # a version bumped by hand
        ({"packages/web/package.json": node("web", "0.5.0")},
         ["packages/web/package.json:3: version '0.5.0' != '0.4.1' (.release-please-manifest.json, "
          "package 'packages/web' at release-please-config.json:6)", VERSION_HINT]),
        # a node package without the package.json its component comes from
        ({"packages/web/package.json": None},
         ["release-please-config.json:6: package 'packages/web': release-type 'node' needs "
          "packages/web/package.json for its component"]),
    ],
)  # fmt: skip
def test_broken_states(
    repo: Repo,
    capsys: pytest.CaptureFixture[str],
    change: dict[str, str | None],
    findings: list[str],
) -> None:
    repo.commit("chore: release", files=monorepo())
    for path, text in change.items():
        if text is None:
            (repo.path / path).unlink()
        else:
            repo.write({path: text})
    repo.commit("chore: break it")
    code, out = check(capsys)
    assert (code, out) == (1, "".join(f"{f}\n" for f in findings))


def python_package(version: str = "1.3.0rc1", init: str = "1.3.0rc1") -> dict[str, str]:
    return {
        **rp_files({".": {"release-type": "python", "versioning": "prerelease"}},
                   {".": "1.3.0-rc.1"}),
        "pyproject.toml": f'[project]\nname = "tool-kit"\nversion = "{version}"\n',
        "src/tool_kit/__init__.py": f'__version__ = "{init}"\n',
    }  # fmt: skip


def test_python_versions_compare_as_pep_440(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit("chore: release", files=python_package())
    assert check(capsys) == (0, "")


def test_a_drifted_dunder_version(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    # release-please moved pyproject.toml on, and left the prerelease __version__ behind
    repo.commit("chore: release", files={
        **python_package(version="1.3.0", init="1.3.0rc1"),
        ".release-please-manifest.json": '{".": "1.3.0"}\n',
    })  # fmt: skip
    assert check(capsys) == (1,
        "src/tool_kit/__init__.py:1: version '1.3.0rc1' != '1.3.0' (.release-please-manifest.json, "
        "package '.' at release-please-config.json:3): release-please leaves this spelling "
        "untouched (it rewrites X.Y.Z and X.Y.Z-word only), so it will not follow\n"
        f"{VERSION_HINT}\n")  # fmt: skip


def test_extra_files_resolve(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit("chore: release", files={
        **rp_files({".": {"release-type": "simple", "extra-files": [
            "README.md", "/deploy/values.txt",
            {"type": "json", "path": "app.json", "jsonpath": "$.expo.version"},
            {"type": "toml", "path": "tool.toml", "jsonpath": "$.tool.version"},
            {"type": "yaml", "path": "chart.yaml", "jsonpath": "$.appVersion"},
            # a path not read here (recursive descent): nothing claimed of it
            {"type": "json", "path": "deep.json", "jsonpath": "$..version"},
        ]}}, {".": "2.0.0"}),
        "deep.json": '{"a": {"version": "2.0.0"}}\n',
        "version.txt": "2.0.0\n",
        "README.md": "Install 1.9.0 <!-- x-release-please-version -->\n",
        "deploy/values.txt": "no marker here\n",
        "app.json": '{"expo": {"name": "app"}}\n',
        "tool.toml": '[tool]\nversion = "2.0.0"\n',
        "chart.yaml": "appVersion: 1.0.0\n",
    })  # fmt: skip
    code, out = check(capsys)
    where = "(package '.' at release-please-config.json:3)"
    assert (code, out) == (1,
        f"README.md:1: x-release-please-version line does not hold '2.0.0' "
        f"(.release-please-manifest.json, package '.' at release-please-config.json:3)\n"
        f"app.json: extra-files: '$.expo.version' is not in this file {where}\n"
        f"chart.yaml:1: version '1.0.0' != '2.0.0' (.release-please-manifest.json, "
        f"package '.' at release-please-config.json:3)\n"
        f"deploy/values.txt: extra-files: no x-release-please marker in this file {where}\n")  # fmt: skip


def test_manifest_behind_a_hand_made_tag(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit("chore: release", files=monorepo())
    repo.git("tag", "api-v1.3.0")
    repo.commit("feat: x", files={"packages/api/x.js": "1"})
    repo.git("tag", "api-v1.4.0")
    assert check(capsys) == (1,
        ".release-please-manifest.json:2: 'packages/api': '1.3.0' is behind the release tag "
        "'api-v1.4.0': Release Please would propose a version that exists\n"
        "hint: set 'packages/api' to '1.4.0' in .release-please-manifest.json on a "
        "release-please branch\n")  # fmt: skip


def test_newest_release_off_the_target_branch(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit("chore: release", files=monorepo())
    repo.git("switch", "-q", "-c", "topic")
    repo.commit("chore: release on a topic branch", files={"x": "1"})
    repo.git("tag", "web@v0.4.1")
    repo.git("switch", "-q", "main")
    assert check(capsys) == (1,
        "refs/tags/web@v0.4.1: the newest release of 'packages/web' is not on main: Release "
        "Please looks for its last release there\n")  # fmt: skip


def test_settings_left_after_a_release(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    first = repo.commit("chore: start")
    repo.commit("chore: release", files=rp_files(
        {".": {"release-type": "simple", "release-as": "1.0.0", "initial-version": "1.0.0"}},
        {".": "1.0.0"}, **{"bootstrap-sha": first, "last-release-sha": first})
        | {"version.txt": "1.0.0\n"})  # fmt: skip
    repo.git("tag", "v1.0.0")
    code, out = check(capsys)
    assert (code, out) == (0,
        "release-please-config.json:5: warning: package '.': release-as '1.0.0' is not above "
        "'1.0.0' (.release-please-manifest.json:2): remove it now that it is released\n"
        "release-please-config.json:5: warning: package '.': initial-version '1.0.0' is tagged "
        "already (v1.0.0)\n"
        "release-please-config.json:3: warning: last-release-sha is left after the release "
        "'v1.0.0': release-please keeps reading history from it, whatever it released "
        "since; remove it\n")  # fmt: skip
    # bootstrap-sha, which Release Please ignores once it made a release pull request, is
    # not named


# ------------------------------------------------------------------------------ refusals
@pytest.mark.parametrize("command", ["tag", "bump"])
def test_tag_and_bump_refuse(repo: Repo, capsys: pytest.CaptureFixture[str], command: str) -> None:
    from releaselint.commands import bump, tag

    repo.commit("chore: release", files=monorepo())
    argv = ["1.4.0"] if command == "tag" else ["minor"]
    assert (tag if command == "tag" else bump).main(argv) == 1
    assert capsys.readouterr().err == (
        "error: release-please-config.json: Release Please makes this repository's tags and "
        "version bumps; merge its release pull request instead\n"
    )
    assert repo.git("tag", "--list") == ""


def test_release_please_only_refuses_without_the_files(
    repo: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from releaselint.core import release_please as rp
    from releaselint.hooks.check_release_please import refuse_manual_tags

    repo.commit("chore: x", files={"package.json": node("x", "1.0.0")})
    config = config_module.Config({}, "releaselint.toml")
    assert rp.refusal(str(repo.path), config) is None
    vars(config)["release_please_only"] = True  # the key core/config.py reads
    assert rp.refusal(str(repo.path), config) == (
        "releaselint.toml: release-please-only = true: Release Please makes this "
        "repository's tags and version bumps; merge its release pull request instead"
    )
    git(tmp_path, "init", "-q", "--bare", "remote.git")
    oid = repo.git("rev-parse", "HEAD").strip()
    tags = [("v1.0.0", oid), ("nightly", oid)]
    findings = refuse_manual_tags(str(repo.path), None, tags, str(tmp_path / "remote.git"), True)
    assert [(f.path, f.message) for f in findings] == [
        ("refs/tags/v1.0.0", "a release tag (release-please-only = true): Release Please makes "
         "these tags, this one was made by hand"),
    ]  # fmt: skip


@pytest.mark.skipif(
    "release-please-only" not in config_module.TOP_KEYS,
    reason="needs the release-please-only key in core/config.py",
)
def test_release_please_only_in_the_config(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    from releaselint.commands import bump

    repo.commit("chore: x", files={
        "releaselint.toml": "release-please-only = true\n", "package.json": node("x", "1.0.0"),
    })  # fmt: skip
    assert bump.main(["minor"]) == 1
    assert capsys.readouterr().err == (
        "error: releaselint.toml: release-please-only = true: Release Please makes this "
        "repository's tags and version bumps; merge its release pull request instead\n"
    )


def test_single_rust_crate_with_a_drifted_lockfile(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit("chore: release", files={
        **rp_files({".": {"release-type": "rust"}}, {".": "1.2.0"}),
        "Cargo.toml": '[package]\nname = "engine"\nversion = "1.2.0"\nedition = "2021"\n',
        "Cargo.lock": "version = 3\n\n[[package]]\nname = \"engine\"\nversion = \"1.1.0\"\n",
        "src/lib.rs": "",
    })  # fmt: skip
    repo.git("tag", "engine-v1.2.0")
    assert check(capsys) == (1,
        "Cargo.lock:5: version '1.1.0' != '1.2.0' (.release-please-manifest.json, package '.' "
        f"at release-please-config.json:3)\n{VERSION_HINT}\n")  # fmt: skip


def test_config_and_manifest_under_other_names(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    files = rp_files({".": {"release-type": "simple"}}, {".": "1.0.0"})
    repo.commit("chore: release", files={
        "release/config.json": files["release-please-config.json"],
        "release/manifest.json": '{".": "1.1.0"}\n',
        "version.txt": "1.0.0\n",
    })  # fmt: skip
    names = ["--config-file", "release/config.json", "--manifest-file", "release/manifest.json"]
    assert check(capsys, *names) == (1,
        "version.txt:1: version '1.0.0' != '1.1.0' (release/manifest.json, package '.' at "
        f"release/config.json:3)\n{VERSION_HINT}\n")  # fmt: skip
    assert check(capsys) == (0, "")  # the default names: nothing to check


def test_a_broken_config_is_an_error(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit("chore: x", files={"release-please-config.json": '{"packages": [}\n'})
    assert check(capsys) == (
        1,
        "error: release-please-config.json:1: invalid JSON: expecting value\n",
    )


@pytest.mark.parametrize("how", ["install", "copied"])
def test_the_hooks_releaselint_installs_refuse_a_hand_made_tag(
    repo: Repo, tmp_path: Path, how: str
) -> None:
    from releaselint.commands.install import install
    from tests.conftest import REPO_ROOT

    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    repo.commit("chore: release", files=monorepo())
    repo.git("remote", "add", "origin", str(bare))
    repo.git("push", "-q", "origin", "main")
    if how == "install":
        assert install([]) == 0
    else:
        hook = repo.path / ".git" / "hooks" / "pre-push"
        hook.parent.mkdir(exist_ok=True)
        hook.write_text((REPO_ROOT / "hooks" / "pre-push").read_text())
        hook.chmod(0o755)
    env = {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    repo.git("tag", "api-v1.4.0")
    code, out = run_git(repo, "push", "origin", "api-v1.4.0", env=env)
    assert code == 1
    assert "refs/tags/api-v1.4.0: the tag format of package 'packages/api'" in out
    assert git(bare, "tag", "--list") == ""
