"""Shared helpers for the benchmarks: timing whole commands, building repositories."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def env() -> dict[str, str]:
    """Bytecode caching on (as users have it), a fixed git identity, no user config."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    environ.pop("PYTHONDONTWRITEBYTECODE", None)
    environ.update(
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_AUTHOR_NAME="bench",
        GIT_AUTHOR_EMAIL="bench@example.com",
        GIT_COMMITTER_NAME="bench",
        GIT_COMMITTER_EMAIL="bench@example.com",
    )
    return environ


def git(cwd: Path, *args: str) -> None:
    subprocess.run(("git", *args), cwd=cwd, env=env(), check=True, capture_output=True)


def make_repo(path: Path, files: dict[str, str]) -> Path:
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    git(path, "init", "-q", "-b", "main")
    for name, text in files.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "chore: init")
    return path


BEST: dict[str, float] = {}  # the fastest run of each command in the last median_ms call


def median_ms(commands: dict[str, list[str]], cwd: Path, runs: int = 30) -> dict[str, float]:
    """Median wall time of each command, the commands interleaved run by run so that load
    on the machine falls on all of them alike; one warm-up run each (writes bytecode).
    The best run of each lands in ``BEST``: other load only ever adds time."""
    environ = env()
    for argv in commands.values():
        subprocess.run(argv, cwd=cwd, env=environ, capture_output=True)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            start = time.perf_counter()
            subprocess.run(argv, cwd=cwd, env=environ, capture_output=True)
            times[name].append(time.perf_counter() - start)
    BEST.clear()
    BEST.update({name: min(values) * 1000 for name, values in times.items()})
    return {name: statistics.median(values) * 1000 for name, values in times.items()}


def table(rows: dict[str, float], base: str) -> str:
    width = max(len(n) for n in rows)
    lines = []
    for name, ms in rows.items():
        best = BEST.get(name)
        ratio = f"best {best:7.1f} ms ({best / BEST[base]:4.2f}x)" if best and base in BEST else ""
        lines.append(f"  {name:<{width}}  median {ms:8.1f} ms ({ms / rows[base]:5.2f}x)  {ratio}")
    return "\n".join(lines)
