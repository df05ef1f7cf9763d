from __future__ import annotations

from pathlib import Path

import pytest

from releaselint.commands.tag import main
from tests.conftest import Repo, git
from tests.layouts import released, rust_with_bindings


def test_tags_the_declared_version(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    released(repo, rust_with_bindings)
    head = repo.commit("feat: x", files=rust_with_bindings())
    assert main(["1.5.0"]) == 0
    assert capsys.readouterr().out == f"tag v1.5.0 at {head[:7]}\nTagged v1.5.0 at {head[:7]}\n"
    assert repo.git("cat-file", "-t", "v1.5.0").strip() == "tag"
    assert (
        repo.git("tag", "-l", "--format=%(contents:subject)", "v1.5.0").strip() == "Release v1.5.0"
    )


def test_refuses_a_version_the_files_do_not_declare(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    released(repo, rust_with_bindings)
    repo.commit("feat: x", files=rust_with_bindings())
    assert main(["1.6.0"]) == 1
    assert capsys.readouterr().err == (
        "error: the files declare 1.5.0 (Cargo.toml:3), not 1.6.0; pass --bump to set 1.6.0 "
        "and commit it first\n"
    )
    assert repo.git("tag", "--list") == "v1.3.0\nv1.4.0\n"


def released_with_remote(repo: Repo, tmp_path: Path) -> Path:
    """The released layout with one more commit, and an empty bare remote ``origin``."""
    released(repo, rust_with_bindings)
    repo.commit("feat: x", files=rust_with_bindings())
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    repo.git("remote", "add", "origin", str(remote))
    return remote


def test_bump_commits_then_tags_and_pushes(
    repo: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    remote = released_with_remote(repo, tmp_path)
    assert main(["1.6.0", "--bump", "--push", "origin"]) == 0
    head = repo.git("rev-parse", "HEAD").strip()
    assert capsys.readouterr().out == (
        "commit 'chore(release): 1.6.0':\n"
        "  corelib: 1.5.0 -> 1.6.0\n"
        "    Cargo.toml:3: [package].version '1.5.0' -> '1.6.0'\n"
        "    bindings/node/package-lock.json:3: .version '1.5.0' -> '1.6.0'\n"
        "    bindings/node/package-lock.json:9: packages[\"\"].version '1.5.0' -> '1.6.0'\n"
        "    bindings/node/package.json:3: .version '1.5.0' -> '1.6.0'\n"
        "    bindings/python/Cargo.toml:3: [package].version '1.5.0' -> '1.6.0'\n"
        "    bindings/python/pyproject.toml:7: [project].version '1.5.0' -> '1.6.0'\n"
        "tag v1.6.0 at the release commit\n"
        "push main and v1.6.0 to origin, atomically\n"
        f"Tagged v1.6.0 at {head[:7]}\n"
        "Pushed main and v1.6.0 to origin\n"
    )
    assert repo.git("log", "-1", "--format=%s").strip() == "chore(release): 1.6.0"
    assert 'version = "1.6.0"' in repo.read("bindings/python/pyproject.toml")
    assert git(remote, "tag", "--list").split() == ["v1.6.0"]
    # the release commit went with the tag: nothing is left ahead of the remote
    assert git(remote, "rev-parse", "refs/heads/main").strip() == head
    assert repo.git("rev-parse", "v1.6.0^{commit}").strip() == head


def test_dry_run_prints_the_plan_and_changes_nothing(
    repo: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    released(repo, rust_with_bindings)
    head = repo.commit("feat: x", files=rust_with_bindings())
    assert main(["2.0.0", "--bump", "--push", "origin", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("commit 'chore(release): 2.0.0':\n  corelib: 1.5.0 -> 2.0.0\n")
    assert "    bindings/python/Cargo.toml:7: [dependencies] corelib '1.5.0' -> '2.0.0'\n" in out
    assert out.endswith(
        "tag v2.0.0 at the release commit\npush main and v2.0.0 to origin, atomically\n"
    )
    assert repo.git("rev-parse", "HEAD").strip() == head
    assert repo.git("status", "--porcelain") == ""
    assert repo.git("tag", "--list") == "v1.3.0\nv1.4.0\n"


def test_a_rejected_push_pushes_neither_branch_nor_tag(
    repo: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    remote = released_with_remote(repo, tmp_path)
    # the remote already holds the tag at another commit: the atomic push refuses both
    repo.git("push", "-q", "origin", "v1.4.0:refs/tags/v1.6.0")
    assert main(["1.6.0", "--bump", "--push", "origin"]) == 1
    assert "git push failed" in capsys.readouterr().err
    assert git(remote, "branch", "--list") == ""


def test_push_from_a_detached_head_is_refused_before_anything(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    released(repo, rust_with_bindings)
    head = repo.commit("feat: x", files=rust_with_bindings())
    repo.git("checkout", "-q", "--detach")
    assert main(["1.6.0", "--bump", "--push", "origin"]) == 1
    assert capsys.readouterr().err == (
        "error: HEAD is detached; check out the release branch to push it with the tag\n"
    )
    assert repo.git("rev-parse", "HEAD").strip() == head


def test_refused_tag_leaves_no_bump_commit(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    released(repo, rust_with_bindings)
    repo.commit("feat: two", files=rust_with_bindings("2.0.0"))
    repo.git("tag", "v2.0.0")
    head = repo.commit("revert: two", files=rust_with_bindings())
    assert main(["1.6.0", "--bump"]) == 1
    assert "is not greater than v2.0.0" in capsys.readouterr().err
    assert repo.git("rev-parse", "HEAD").strip() == head
    assert repo.git("status", "--porcelain") == ""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"bindings/node/package.json": '{"name": "corelib", "version": "9.9.9"}'},
            "error: the work tree has uncommitted changes",
        ),
        (
            {"release-please-config.json": "{}"},
            "error: release-please-config.json: Release Please makes this repository's tags",
        ),
    ],
)
def test_refusals(
    repo: Repo, capsys: pytest.CaptureFixture[str], change: dict[str, str], message: str
) -> None:
    released(repo, rust_with_bindings)
    repo.commit("feat: x", files=rust_with_bindings())
    repo.write(change)
    if "release-please" in message:
        repo.commit("chore: rp")
    assert main(["1.5.0"]) == 1
    assert capsys.readouterr().err.startswith(message)
    assert repo.git("tag", "--list") == "v1.3.0\nv1.4.0\n"


def test_refuses_misaligned_head(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    released(repo, rust_with_bindings)
    files = rust_with_bindings()
    files["bindings/node/package.json"] = files["bindings/node/package.json"].replace(
        "1.5.0", "1.4.0", 1
    )
    repo.commit("feat: x", files=files)
    assert main(["1.5.0"]) == 1
    assert capsys.readouterr().err.startswith(
        "error: versions disagree at HEAD (bindings/node/package.json:3: version '1.4.0' != '1.5.0'"
    )


def test_no_commits(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["1.0.0"]) == 1
    assert capsys.readouterr().err == "error: the repository has no commits to tag\n"


def test_a_tag_format_that_git_would_read_as_an_option_is_refused(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    released(repo, rust_with_bindings)
    files = rust_with_bindings()
    files["releaselint.toml"] = 'tag-format = "-u{version}"\n'
    repo.commit("feat: x", files=files)
    assert main(["1.5.0"]) == 1
    assert capsys.readouterr().err == (
        "error: releaselint.toml: tag-format: '-u{version}' does not make a valid tag name: "
        "it begins with '-'\n"
    )
    assert repo.git("tag", "--list") == "v1.3.0\nv1.4.0\n"


def test_a_component_that_makes_an_invalid_tag_name_is_refused(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(
        "feat: x",
        files={
            "package.json": '{"name": "-x", "version": "1.0.0"}',
            "releaselint.toml": 'tag-format = "{component}@{version}"\n',
        },
    )
    assert main(["1.0.0"]) == 1
    assert capsys.readouterr().err == (
        "error: tag name '-x@1.0.0' ({component}@{version}) is not valid: it begins with '-'\n"
    )
    assert repo.git("tag", "--list") == ""


def test_a_remote_that_looks_like_an_option_stays_a_remote_name(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    released(repo, rust_with_bindings)
    repo.commit("feat: x", files=rust_with_bindings())
    assert main(["1.5.0", "--push", "--receive-pack=touch PWNED"]) == 1
    # after --end-of-options git reads it as a remote, and refuses it as one (transport.c)
    assert capsys.readouterr().err == (
        "error: git push failed: strange pathname '--receive-pack=touch PWNED' blocked\n"
    )
    assert not (repo.path / "PWNED").exists()
    assert repo.git("tag", "--list") == "v1.3.0\nv1.4.0\nv1.5.0\n"


def test_huge_numbers_in_versions_and_tags_do_not_crash(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    released(repo, rust_with_bindings)
    head = repo.commit("feat: x", files=rust_with_bindings())
    huge = "9" * 5000
    # too long for a file name under .git/refs: a packed ref, as `git pack-refs` writes it
    (repo.path / ".git/packed-refs").write_text(f"{head} refs/tags/v1.{huge}.0\n")
    assert repo.git("tag", "--list") == f"v1.3.0\nv1.4.0\nv1.{huge}.0\n"
    repo.commit("fix: y")
    assert main([f"1.0.{huge}"]) == 1
    assert capsys.readouterr().err == (
        "error: version: '1.0.999999999999999999999999999999999999'...'9999999999' "
        "(5004 characters) is longer than 256 characters (npm's limit)\n"
    )
    # that tag's files declare 1.5.0 (it would be refused itself): it is no release that
    # 1.5.0 must exceed, and its number is compared with nothing
    assert main(["1.5.0"]) == 0
    assert "Traceback" not in capsys.readouterr().err
