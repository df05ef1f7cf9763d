"""install and uninstall where they cannot act: outside a repository, and over a hook whose
saved copy would be overwritten."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from releaselint.commands.install import install, uninstall
from tests.conftest import Repo


@pytest.mark.parametrize("command", [install, uninstall])
def test_outside_a_repository(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: Callable[[list[str]], int],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert command([]) == 1
    assert capsys.readouterr() == ("", "error: not inside a git repository\n")


def test_a_saved_hook_is_never_overwritten(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    hooks = repo.path / ".git" / "hooks"
    hooks.mkdir()
    (hooks / "commit-msg").write_text("#!/bin/sh\necho theirs\n")
    (hooks / "commit-msg.releaselint-saved").write_text("#!/bin/sh\necho older\n")
    assert install(["--commit-msg"]) == 1
    saved = hooks / "commit-msg.releaselint-saved"
    assert capsys.readouterr().err == (
        f"error: {saved} exists already; move it away before installing\n"
    )
    assert (hooks / "commit-msg").read_text() == "#!/bin/sh\necho theirs\n"
    assert saved.read_text() == "#!/bin/sh\necho older\n"


def test_symbolic_links_in_the_hooks_folder_are_never_followed(
    repo: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """husky and `.githooks`: core.hooksPath inside the work tree, where anyone with a
    commit can plant links. A planted temporary file is replaced, not written through; a
    hook that is a link (to /dev/zero) is moved aside as it is, never read."""
    import os
    import stat

    victim = tmp_path / "victim.txt"
    victim.write_text("IMPORTANT USER DATA\n")
    victim.chmod(0o600)
    hooks = repo.path / ".githooks"
    hooks.mkdir()
    (hooks / "pre-push.releaselint-tmp").symlink_to(victim)
    (hooks / "commit-msg").symlink_to("/dev/zero")
    repo.git("config", "core.hooksPath", ".githooks")
    assert install(["--commit-msg"]) == 0
    capsys.readouterr()
    assert victim.read_text() == "IMPORTANT USER DATA\n"
    assert stat.S_IMODE(victim.stat().st_mode) == 0o600
    for hook in ("pre-push", "commit-msg"):
        assert not (hooks / hook).is_symlink()
        assert "releaselint" in (hooks / hook).read_text()
    assert os.readlink(hooks / "commit-msg.releaselint-saved") == "/dev/zero"
    assert not (hooks / "pre-push.releaselint-tmp").exists()
    # a user's hook that is a link leading nowhere (a tools/ checkout not made yet) is
    # theirs all the same: uninstall puts it back
    (hooks / "commit-msg.releaselint-saved").unlink()
    (hooks / "commit-msg.releaselint-saved").symlink_to("../tools/hooks/commit-msg")
    assert uninstall([]) == 0
    assert os.readlink(hooks / "commit-msg") == "../tools/hooks/commit-msg"
    assert not os.path.lexists(hooks / "commit-msg.releaselint-saved")


def test_an_empty_hooks_path_is_refused(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    """core.hooksPath = "": git runs no hook at all; nothing is written into the work tree."""
    repo.git("config", "core.hooksPath", "")
    assert install([]) == 1
    assert capsys.readouterr().err == (
        "error: core.hooksPath is empty, so git runs no hooks; unset it (git config --unset "
        "core.hooksPath) or name a folder\n"
    )
    assert not (repo.path / "pre-push").exists()
