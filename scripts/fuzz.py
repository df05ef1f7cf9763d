"""Long fuzz runs: the strategies and checks of tests/fuzz, with large example counts, each
target in a worker process watched for hangs.

    uv run python scripts/fuzz.py [--target NAME ...] [--examples N] [--timeout S] [--seed N]
    uv run python scripts/fuzz.py --list

Every input must get an answer (see tests/fuzz/targets.py). A failing input is shrunk by
Hypothesis to a minimal one and printed with its traceback; an input that runs longer than
``--timeout`` seconds is a hang: the worker is killed, the input printed. Either way a new
worker goes on with another seed until the target has run ``--examples`` inputs. The last
line per target gives the counts: inputs (every call of the check, shrinking included),
tracebacks and hangs. Exit 1 if any target had one.
"""

from __future__ import annotations

import argparse
import os
import random
import select
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))


def worker(name: str, examples: int, seed: int, report_fd: int, state: Path) -> int:
    """Run one target in this process, writing ``B`` before and ``E`` after each input to
    ``report_fd`` and the input itself to ``state`` (what a hang leaves behind)."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as seeded
    from tests.fuzz.targets import TARGETS, isolate_git, prepare_repo

    target = TARGETS[name]
    report = os.fdopen(report_fd, "w", buffering=1)
    with tempfile.TemporaryDirectory(prefix="releaselint-fuzz-") as tmp:
        isolate_git(Path(tmp) / "home")
        root = Path(tmp) / "repo"
        root.mkdir()
        prepare_repo(root)
        os.chdir(root)

        @seeded(seed)
        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
            phases=(Phase.generate, Phase.shrink),
            print_blob=False,
        )
        @given(target.strategy)
        def run(value: object) -> None:
            state.write_text(repr(value), encoding="utf-8", errors="backslashreplace")
            report.write("B\n")
            try:
                target.check(root, value)
            finally:
                report.write("E\n")

        try:
            run()
        except Exception as e:
            # Hypothesis replays the minimal failing input last: it is in the state file
            shown = state.read_text(encoding="utf-8")
            text = "".join(traceback.format_exception(e)) + f"minimal input: {shown}\n"
            report.write("F " + text.replace("\\", "\\\\").replace("\n", "\\n") + "\n")
            return 3
    return 0


def supervise(
    name: str, examples: int, timeout: float, seed: int, max_failures: int
) -> tuple[int, list[str], list[str]]:
    """Workers for one target until ``examples`` inputs ran: (inputs, tracebacks, hangs)."""
    inputs = 0
    failures: list[str] = []
    hangs: list[str] = []
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="releaselint-fuzz-state-") as tmp:
        state = Path(tmp) / "input"
        while inputs < examples:
            read_fd, write_fd = os.pipe()
            run_seed = rng.randrange(2**32)
            proc = subprocess.Popen(
                [sys.executable, __file__, "--worker", name, "--examples", str(examples - inputs),
                 "--seed", str(run_seed), "--report-fd", str(write_fd), "--state", str(state)],
                pass_fds=(write_fd,),
                stdout=subprocess.DEVNULL,
            )  # fmt: skip
            os.close(write_fd)
            stream = os.fdopen(read_fd, "r")
            started = time.monotonic()
            running = False
            ran = 0
            while True:
                limit = timeout if running else max(timeout, 120.0)
                ready, _, _ = select.select(
                    [stream], [], [], max(0.0, started + limit - time.monotonic())
                )
                if not ready:
                    proc.kill()
                    proc.wait()
                    shown = state.read_text(errors="replace") if state.exists() else "?"
                    hangs.append(
                        f"over {limit:g} s ({'in the check' if running else 'between inputs'}): {shown[:2000]}"
                    )
                    print(f"[{name}] HANG {hangs[-1]}", flush=True)
                    ran += running  # the input that hung
                    break
                line = stream.readline()
                if not line:
                    proc.wait()
                    if proc.returncode not in (0, 3):
                        failures.append(
                            f"worker exited {proc.returncode}: last input {state.read_text(errors='replace')[:2000]}"
                        )
                        print(f"[{name}] {failures[-1]}", flush=True)
                    break
                started = time.monotonic()
                if line == "B\n":
                    running = True
                elif line == "E\n":
                    running = False
                    ran += 1
                elif line.startswith("F "):
                    text = line[2:].rstrip("\n").replace("\\n", "\n").replace("\\\\", "\\")
                    failures.append(text)
                    print(f"[{name}] TRACEBACK (minimal input below)\n{text}", flush=True)
            stream.close()
            inputs += ran
            if ran == 0 and not (failures or hangs):
                break  # nothing more to draw
            if len(failures) + len(hangs) >= max_failures:
                print(f"[{name}] stopped after {max_failures} tracebacks and hangs", flush=True)
                break
    return inputs, failures, hangs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--target", action="append", default=[], help="a target (default: all)")
    parser.add_argument("--examples", type=int, default=10_000, help="inputs per target")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds one input may take")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--max-failures", type=int, default=20, help="stop a target after this many findings"
    )
    parser.add_argument("--list", action="store_true", help="list the targets")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--report-fd", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--state", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args.worker, args.examples, args.seed, args.report_fd, args.state)

    from tests.fuzz.targets import TARGETS

    if args.list:
        for name in TARGETS:
            print(name)
        return 0
    names = args.target or list(TARGETS)
    unknown = [n for n in names if n not in TARGETS]
    if unknown:
        parser.error(f"unknown target {unknown[0]!r} (see --list)")
    totals = [0, 0, 0]
    for name in names:
        began = time.monotonic()
        inputs, failures, hangs = supervise(
            name, args.examples, args.timeout, args.seed, args.max_failures
        )
        took = time.monotonic() - began
        print(
            f"{name}: {inputs} inputs, {len(failures)} tracebacks, {len(hangs)} hangs ({took:.0f} s)",
            flush=True,
        )
        for i, value in enumerate((inputs, len(failures), len(hangs))):
            totals[i] += value
    print(f"total: {totals[0]} inputs, {totals[1]} tracebacks, {totals[2]} hangs", flush=True)
    return 1 if totals[1] or totals[2] else 0


if __name__ == "__main__":
    raise SystemExit(main())
