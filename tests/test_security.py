"""What every run of releaselint does not do: open a socket, start a shell, run anything but
git -- recorded by an audit hook (PEP 578) in a real process, not assumed."""

from __future__ import annotations

import json
import subprocess
import sys

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
