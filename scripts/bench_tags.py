"""Benchmark the pre-push tag check: a push of 1,000 new tags against a push of one.

    uv run python scripts/bench_tags.py [--runs 10] [--tags 1000] [--packages]

The repository has one commit per tag, each bumping Cargo.toml and package.json, so every
tag's files differ: the check reads every tagged commit's blobs (in batch) and compares.
With ``--packages``: one commit of as many packages (``packages/pN/package.json``), each
tagged ``pN-v1.0.0`` (a monorepo releasing every package at once).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _bench import BIN, env, git


def build(repo: Path, count: int) -> list[tuple[str, str]]:
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    chunks = []
    for i in range(1, count + 1):
        version = f"1.0.{i}"
        cargo = f'[package]\nname = "corelib"\nversion = "{version}"\nedition = "2021"\n'
        node = f'{{\n  "name": "corelib",\n  "version": "{version}"\n}}\n'
        chunks.append(
            f"commit refs/heads/main\nmark :{i}\ncommitter B <b@e.x> {1700000000 + i} +0000\n"
            f"data <<EOM\nchore(release): {version}\nEOM\n"
            f"M 100644 inline Cargo.toml\ndata {len(cargo.encode())}\n{cargo}\n"
            f"M 100644 inline bindings/node/package.json\ndata {len(node.encode())}\n{node}\n"
            f"reset refs/tags/v{version}\nfrom :{i}\n\n"
        )
    return imported(repo, chunks)


def imported(repo: Path, chunks: list[str]) -> list[tuple[str, str]]:
    """The repository git fast-import writes from ``chunks``: its tags and their objects."""
    subprocess.run(
        ("git", "fast-import", "--quiet"), cwd=repo, input="".join(chunks), text=True,
        env=env(), check=True,
    )  # fmt: skip
    git(repo, "reset", "-q", "--hard", "main")
    # as a clone or `git gc` leaves them: packed, with the peeled commit of each tag
    git(repo, "pack-refs", "--all")
    out = subprocess.run(
        ("git", "for-each-ref", "--format=%(refname) %(objectname)", "refs/tags"),
        cwd=repo, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return [tuple(line.split()) for line in out.splitlines()]  # type: ignore[misc]


def build_packages(repo: Path, count: int) -> list[tuple[str, str]]:
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    chunks = ["commit refs/heads/main\nmark :1\ncommitter B <b@e.x> 1700000000 +0000\n"
              "data <<EOM\nchore(release): every package\nEOM\n"]  # fmt: skip
    for i in range(count):
        node = f'{{\n  "name": "p{i}",\n  "version": "1.0.0"\n}}\n'
        chunks.append(f"M 100644 inline packages/p{i}/package.json\ndata {len(node)}\n{node}\n")
    chunks.extend(f"reset refs/tags/p{i}-v1.0.0\nfrom :1\n\n" for i in range(count))
    return imported(repo, chunks)


def timed(repo: Path, lines: str, runs: int) -> tuple[float, float]:
    """(median, best) wall time in ms: this machine's other load only ever adds time."""
    argv = [str(BIN / "check-tag-semver"), "--pre-push", "origin", "/dev/null"]
    subprocess.run(argv, cwd=repo, input=lines, text=True, env=env(), capture_output=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(
            argv, cwd=repo, input=lines, text=True, env=env(), capture_output=True
        )
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            raise SystemExit(f"the check failed: {result.stdout[:500]}")
    return statistics.median(times) * 1000, min(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--tags", type=int, default=1000)
    parser.add_argument("--packages", action="store_true", help="every tag on one commit")
    args = parser.parse_args()
    zero = "0" * 40
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        tags = (build_packages if args.packages else build)(repo, args.tags)
        last = f"p{args.tags - 1}-v1.0.0" if args.packages else f"v1.0.{args.tags}"
        newest = next(t for t in tags if t[0] == f"refs/tags/{last}")
        one = f"{newest[0]} {newest[1]} {newest[0]} {zero}\n"
        every = "".join(f"{ref} {oid} {ref} {zero}\n" for ref, oid in tags)
        single = timed(repo, one, args.runs)
        many = timed(repo, every, args.runs)
        print(
            f"pre-push check of 1 new tag:      median {single[0]:7.1f} ms, best {single[1]:7.1f} ms"
        )
        print(
            f"pre-push check of {len(tags)} new tags: median {many[0]:7.1f} ms, best {many[1]:7.1f} ms"
            f" ({many[0] / single[0]:.1f}x the 1-tag case)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
