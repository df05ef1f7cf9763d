"""Time to lint one commit message against the length of its longest line: linear, for the
lines that made earlier versions backtrack (each doubling of the size should about double
the time, never quadruple it).

    uv run python scripts/bench_commit_linear.py [--max-kb 640] [--runs 3]

In process (``lint`` of the message with the default rules, best of --runs), then the
two reported messages through the hook's own command on a message file.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from _bench import BIN, env

from releaselint.core.commit_rules import DEFAULT_RULES, compile_rules, lint

# name -> message of about n characters
FAMILIES: dict[str, Callable[[int], str]] = {
    "body 'a.a.a...' (URL exemption)": lambda n: "fix: x\n\n" + "a." * (n // 2),
    "header 'a(' + '): '*k + U+2028": lambda n: "a(" + "): " * (n // 3) + "\u2028",
    "header 'feat(' + '): '*k + CR": lambda n: "feat(" + "): " * (n // 3) + "\r",
    "body 'fix' + spaces + U+2028 '#'": lambda n: "fix: x\n\n#1 fix" + " " * n + "a\u2028#",
    "body 'fix #1 '*k + U+2028": lambda n: "fix: x\n\n" + "fix #1 " * (n // 7) + "\u2028",
    "header 'chore(' * k": lambda n: "chore(" * (n // 6) + "1.2.3",
    "header '1.2.3 [skip ci ...'": lambda n: "1.2.3 " + "[skip ci " * (n // 9),
    "body of 'BREAKING CHANGE: y' lines": lambda n: (
        "fix: x\n\n" + "\n".join(["BREAKING CHANGE: y"] * (n // 19))
    ),
}


def best_ms(message: str, runs: int) -> float:
    rules = compile_rules({**DEFAULT_RULES, "release-as-semver": (2, "always", None)})
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        lint(message, rules)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def hook_ms(message: str, runs: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "MSG"
        path.write_text(message, encoding="utf-8")
        command = [str(BIN / "check-conventional-commit"), str(path)]
        best = float("inf")
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(command, cwd=tmp, env=env(), capture_output=True, check=False)
            best = min(best, time.perf_counter() - start)
        return best * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-kb", type=int, default=640)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sizes = []
    size = 10
    while size <= args.max_kb:
        sizes.append(size)
        size *= 2
    width = max(map(len, FAMILIES))
    print("lint() in process, ms (best of runs), by line length:")
    print(f"  {'':<{width}}" + "".join(f"{f'{kb} kB':>10}" for kb in sizes) + "   last/first")
    for name, build in FAMILIES.items():
        times = [best_ms(build(kb * 1000), args.runs) for kb in sizes]
        ratio = times[-1] / times[0] if times[0] else float("nan")
        growth = sizes[-1] // sizes[0]
        print(
            f"  {name:<{width}}"
            + "".join(f"{t:10.2f}" for t in times)
            + f"   {ratio:6.1f}x for {growth}x the size"
        )
    print("the reported messages through check-conventional-commit (whole process, ms):")
    print(
        f"  80 kB body line 'a.a.a...':        {hook_ms(FAMILIES[next(iter(FAMILIES))](80_000), args.runs):8.1f}"
    )
    header = "a(" + "): " * 20_000 + "\u2028"
    print(f"  60 kB header 'a(' + '): '*20,000:  {hook_ms(header, args.runs):8.1f}")
    print(f"  python -c pass (for scale):        {python_ms(args.runs):8.1f}")
    return 0


def python_ms(runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run((str(BIN / "python"), "-c", "pass"), env=env(), check=True)
        best = min(best, time.perf_counter() - start)
    return best * 1000


if __name__ == "__main__":
    raise SystemExit(main())
