"""What every run of releaselint does not do: open a socket, start a shell, run anything but
git -- recorded by an audit hook (PEP 578) in a real process, not assumed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import Repo
from tests.layouts import rust_with_bindings

# Runs releaselint commands in one process and prints, as JSON, every audit event that
# starts a program or touches the network.
_AUDITED = """
import json, sys
seen = []
def hook(event, args):
    if event.startswith("socket.") or event in ("os.system", "os.exec", "os.spawn"):
        seen.append([event, repr(args)[:200]])
    elif event == "os.posix_spawn":
        seen.append([event, list(map(str, args[1]))])
    elif event == "subprocess.Popen":
        seen.append([event, list(map(str, args[1]))])
sys.addaudithook(hook)
from releaselint.cli import main
codes = [main(json.loads(argv)) for argv in sys.argv[1:]]
print(json.dumps({"codes": codes, "seen": seen}))
"""


def test_no_network_no_shell_only_git(repo: Repo) -> None:
    files = rust_with_bindings()
    files["bindings/node/package.json"] = files["bindings/node/package.json"].replace(
        "1.5.0", "1.4.0", 1
    )
    repo.commit("feat: x", files=files)
    repo.git("remote", "add", "origin", "https://example.invalid/never/used.git")
    commands = [
        ["check-version-alignment"],
        ["check-version-alignment", "--fix"],
        ["bump", "--dry-run", "minor", "--allow-dirty"],
        ["bump", "minor", "--allow-dirty"],
        ["check-tag-semver"],
        ["check"],
    ]
    proc = subprocess.run(
        (sys.executable, "-c", _AUDITED, *map(json.dumps, commands)),
        cwd=repo.path,
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(proc.stdout.splitlines()[-1])
    assert report["codes"][:4] == [1, 1, 0, 0]
    programs = {tuple(argv[:1]) for event, argv in report["seen"]}
    assert programs == {("git",)}, report["seen"]
    assert all(event in ("os.posix_spawn", "subprocess.Popen") for event, _ in report["seen"])
    # and no git command that can reach a remote
    subcommands = {argv[3] if argv[1] == "-C" else argv[1] for _, argv in report["seen"]}
    assert {"ls-files", "rev-parse"} <= subcommands
    assert not subcommands & {"fetch", "push", "pull", "ls-remote", "clone", "remote"}


def test_a_git_directory_gitdir_names_inside_the_work_tree_is_not_read(tmp_path: Path) -> None:
    """A dotfiles layout: GIT_DIR names a folder of the work tree (git exports it to hooks
    there). An extra-files entry on its config, which holds a remote's token, is refused
    as inside the git directory, never read and printed."""
    import os

    meta = tmp_path / "meta"
    subprocess.run(("git", "init", "-q", "--bare", str(meta)), check=True)
    env = {**os.environ, "GIT_DIR": str(meta), "GIT_WORK_TREE": str(tmp_path)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True)

    run("git", "config", "core.bare", "false")
    run("git", "config", "remote.origin.url", "https://user:SECRETTOKEN@example.com/x.git")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "demo"\nversion = "1.0.0"\n\n[[tool.releaselint.extra-files]]\n'
        'path = "meta/config"\npattern = "url = (?P<version>.*)"\n'
    )
    (tmp_path / ".gitignore").write_text("meta\n")
    run("git", "add", "pyproject.toml", ".gitignore")
    for args in ([], ["--fix"]):
        found = run(sys.executable, "-m", "releaselint", "check-version-alignment", *args)
        assert found.returncode == 1
        assert "SECRETTOKEN" not in found.stdout + found.stderr
        assert "meta/config: is inside the git directory" in found.stdout + found.stderr
