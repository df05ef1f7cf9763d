"""Benchmark check-conventional-commit against commitlint, cz check, gitlint and
conventional-pre-commit, on the same message file and the same 1,000-commit range.

    uv run --group bench python scripts/bench_commits.py [--runs 20] [--node-dir DIR]

commitlint (npm @commitlint/cli with @commitlint/config-conventional) is installed with npm
into --node-dir (default ~/.cache/releaselint-bench/node) on first use; it is left out when
npm cannot install it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _bench import BIN, env, git, make_repo, median_ms, table

MESSAGE = "feat(parser): accept empty input\n\nThe parser no longer fails on an empty file.\n\nCloses #12\n"


def install_commitlint(node_dir: Path) -> Path | None:
    binary = node_dir / "node_modules" / ".bin" / "commitlint"
    if binary.exists():
        return binary
    if shutil.which("npm") is None:
        return None
    node_dir.mkdir(parents=True, exist_ok=True)
    (node_dir / "package.json").write_text('{"name": "bench", "private": true}\n')
    result = subprocess.run(
        ("npm", "install", "--silent", "@commitlint/cli", "@commitlint/config-conventional"),
        cwd=node_dir, capture_output=True, text=True,
    )  # fmt: skip
    return binary if result.returncode == 0 and binary.exists() else None


def thousand_commits(repo: Path) -> str:
    stream = "".join(
        f"commit refs/heads/range\ncommitter B <b@e.x> {1700000000 + i} +0000\n"
        f"data <<EOM\nfeat(core): change number {i}\n\nBody line {i}.\nEOM\n"
        for i in range(1000)
    )
    subprocess.run(
        ("git", "fast-import", "--quiet"), cwd=repo, input=stream, text=True, env=env(), check=True
    )
    git(repo, "checkout", "-q", "range")
    return subprocess.run(
        ("git", "rev-list", "--max-parents=0", "HEAD"),
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--node-dir", type=Path, default=Path.home() / ".cache" / "releaselint-bench" / "node"
    )
    args = parser.parse_args()
    commitlint = install_commitlint(args.node_dir)
    with tempfile.TemporaryDirectory() as tmp:
        # every tool runs config-conventional: releaselint by default, commitlint through a
        # config file beside its node_modules (outside the repository, so that the
        # repository is the same for all)
        repo = make_repo(Path(tmp) / "repo", {"README.md": "bench\n"})
        commitlint_config = args.node_dir / "commitlintrc.json"
        if commitlint is not None:
            commitlint_config.write_text(
                json.dumps({"extends": ["@commitlint/config-conventional"]})
            )
        message = repo / "COMMIT_EDITMSG"
        message.write_text(MESSAGE)
        python = str(BIN / "python")
        commands = {
            "python -c pass": [python, "-c", "pass"],
            "check-conventional-commit": [str(BIN / "check-conventional-commit"), str(message)],
            "conventional-pre-commit": [str(BIN / "conventional-pre-commit"), str(message)],
            "cz check": [str(BIN / "cz"), "check", "--commit-msg-file", str(message)],
            "gitlint (contrib CC rule)": [
                str(BIN / "gitlint"), "--contrib", "contrib-title-conventional-commits",
                "--msg-filename", str(message),
            ],
        }  # fmt: skip
        if commitlint is not None:
            commands["commitlint --edit"] = [
                str(commitlint), "--config", str(commitlint_config), "--edit", str(message)
            ]  # fmt: skip
        for name, argv in commands.items():
            result = subprocess.run(argv, cwd=repo, env=env(), capture_output=True, text=True)
            if result.returncode != 0:
                print(
                    f"note: {name} exited {result.returncode}: {(result.stdout + result.stderr)[:200]!r}"
                )
        print("one commit-msg invocation on the same message file:")
        print(table(median_ms(commands, repo, args.runs), "python -c pass"))

        root = thousand_commits(repo)
        ranges = {
            "check-conventional-commit --from": [str(BIN / "check-conventional-commit"), "--from", root],
            "cz check --rev-range": [str(BIN / "cz"), "check", "--rev-range", f"{root}..HEAD"],
            "gitlint --commits": [
                str(BIN / "gitlint"), "--contrib", "contrib-title-conventional-commits",
                "--commits", f"{root}..HEAD",
            ],
        }  # fmt: skip
        if commitlint is not None:
            ranges["commitlint --from --to"] = [
                str(commitlint), "--config", str(commitlint_config), "--from", root, "--to", "HEAD"
            ]  # fmt: skip
        print("a 1,000-commit range (999 commits after the root):")
        rows = median_ms(ranges, repo, max(3, args.runs // 5))
        width = max(map(len, rows))
        for name, ms in rows.items():
            print(f"  {name:<{width}}  {ms:9.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
