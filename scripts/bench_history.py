"""Benchmark what release history costs: alignment on a repository with many release tags,
and the check of one pushed tag among tens of thousands.

    uv run python scripts/bench_history.py [--runs 15] [--tags 1000] [--many 50000]

Both repositories have one commit per release, each tagged ``v1.0.<n>`` and declaring its
version in Cargo.toml and bindings/node/package.json: the history says they are one group.
The first run of each command fills the history cache inside the git directory; the figures
are of the runs after it (what a hook costs on every commit), and of one cold run.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _bench import BIN, env, median_ms, table
from bench_tags import build


def cold_ms(argv: list[str], repo: Path, stdin: str | None = None) -> float:
    cache = repo / ".git" / "releaselint"
    shutil.rmtree(cache, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(argv, cwd=repo, env=env(), input=stdin, text=True, capture_output=True)
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--tags", type=int, default=1000)
    parser.add_argument("--many", type=int, default=50000)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        build(repo, args.tags)
        align = [str(BIN / "check-version-alignment")]
        result = subprocess.run(align, cwd=repo, env=env(), capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f"alignment failed: {result.stdout}{result.stderr}")
        print(f"check-version-alignment, {args.tags} release tags (cold cache: "
              f"{cold_ms(align, repo):.0f} ms):")  # fmt: skip
        rows = median_ms({"python -c pass": [python, "-c", "pass"], "alignment": align}, repo,
                         args.runs)  # fmt: skip
        print(table(rows, "python -c pass"))

        many = Path(tmp) / "many"
        tags = build(many, args.many)
        newest = next(t for t in tags if t[0] == f"refs/tags/v1.0.{args.many}")
        line = f"{newest[0]} {newest[1]} {newest[0]} {'0' * 40}\n"
        push = [str(BIN / "check-tag-semver"), "--pre-push", "origin", "/dev/null"]
        cold = cold_ms(push, many, line)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            result = subprocess.run(
                push, cwd=many, env=env(), input=line, text=True, capture_output=True
            )
            times.append((time.perf_counter() - start) * 1000)
            if result.returncode != 0:
                raise SystemExit(f"the tag check failed: {result.stdout}{result.stderr}")
        times.sort()
        print(
            f"check-tag-semver --pre-push of 1 tag among {len(tags)} tags: "
            f"median {times[len(times) // 2]:.0f} ms, best {times[0]:.0f} ms (cold cache {cold:.0f} ms)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
