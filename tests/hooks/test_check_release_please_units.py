"""check-release-please where its inputs are missing: no config, no manifest, a staged edit
without Release Please, a commit-msg call without its one file."""

from __future__ import annotations

from pathlib import Path

import pytest

from releaselint.hooks.check_release_please import main
from tests.conftest import Repo

PACKAGE = '{"name": "x", "version": "1.0.0"}\n'


@pytest.mark.parametrize(
    ("files", "argv", "code", "out", "err"),
    [
        ({"releaselint.toml": "release-please-only = true\n"}, [], 1,
         "release-please-config.json: release-please-only = true, but there is no Release Please config\n", ""),
        ({"release-please-config.json": '{"packages": {".": {}}}\n', "package.json": PACKAGE}, [], 1,
         ".release-please-manifest.json: missing: release-please-config.json needs it\n", ""),
        ({"M": "feat: x\n"}, ["--commit-msg", "M", "N"], 1, "", "error: --commit-msg takes the message file\n"),
        ({"M": "feat: x\n"}, ["--commit-msg"], 1, "", "error: --commit-msg takes the message file\n"),
    ],
)  # fmt: skip
def test_missing_inputs(
    repo: Repo,
    capsys: pytest.CaptureFixture[str],
    files: dict[str, str],
    argv: list[str],
    code: int,
    out: str,
    err: str,
) -> None:
    repo.commit("chore: files", files=files)
    assert (main(argv), *capsys.readouterr()) == (code, out, err)


def test_a_staged_version_edit_without_release_please_passes(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit("chore: files", files={"package.json": PACKAGE})
    repo.write({"package.json": PACKAGE.replace("1.0.0", "1.1.0")})
    repo.git("add", "package.json")
    assert (main(["--staged"]), *capsys.readouterr()) == (0, "", "")


def test_remote_tags_of_many_names(repo: Repo, tmp_path: Path) -> None:
    """Past a thousand names, the remote's tags are listed whole and looked up: the answer
    of asking for each, a name holding U+2028 included."""
    import subprocess

    from releaselint.hooks.check_release_please import remote_tags

    head = repo.commit("feat: a")
    names = [f"v1.0.{i}" for i in range(1200)] + ["odd\u2028name"]
    refs = "".join(f"create refs/tags/{n} {head}\n" for n in names)
    repo.git("update-ref", "--stdin", input=refs)
    bare = tmp_path / "remote.git"
    subprocess.run(("git", "init", "-q", "--bare", str(bare)), check=True)
    repo.git("push", "-q", str(bare), "refs/tags/*:refs/tags/*")
    repo.git("remote", "add", "origin", str(bare))
    wanted = [*names[:600], "odd\u2028name", "missing"]
    found = remote_tags(str(repo.path), "origin", wanted)
    assert found == {n: {head} for n in [*names[:600], "odd\u2028name"]}
    many = remote_tags(str(repo.path), "origin", [*names, "missing"])
    assert many == {n: {head} for n in names}
