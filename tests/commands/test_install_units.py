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
