"""Agreement of check-conventional-commit with commitlint on ../shared/corpus/commits.jsonl.

    uv run python scripts/corpus_agreement.py [--show N]

For each message: the valid/invalid verdict and the set of failing rule names, in range mode
(``commitlint_*``: errors and warnings) and commit-msg mode (``commitlint_*_edit``: errors,
after git's comment stripping). Disagreements are listed with the documented deviation that
explains them, if any. Also prints the in-process parser's throughput.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from releaselint.core.commit_rules import DEFAULT_RULES, compile_rules, lint  # noqa: E402
from releaselint.core.conventional import parse, strip_message  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "commits.jsonl"
DEVIATIONS = {"Merge commit from fork": "deviation 2: GitHub's security-fork merge is ignored"}


def verdicts(message: str, edit: bool) -> tuple[list[str], list[str]]:
    if edit:
        message, _ = strip_message(message, "#")
        if not message.strip():
            return [], []
    problems = lint(message, DEFAULT_RULES) or []
    errors = sorted({p.rule for p in problems if p.level == 2})
    warnings = sorted({p.rule for p in problems if p.level == 1})
    return errors, warnings


def deviation(message: str) -> str | None:
    header = message.split("\n", 1)[0]
    return next((why for start, why in DEVIATIONS.items() if header.startswith(start)), None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", type=int, default=10, help="disagreements to print")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"{CORPUS} is absent")
        return 1
    rows = [
        json.loads(line) for line in CORPUS.read_text(encoding="utf-8").split("\n") if line.strip()
    ]
    for mode, edit in (
        ("range (commitlint --from/--to)", False),
        ("commit-msg (commitlint --edit)", True),
    ):
        verdict_agree = rules_agree = explained = 0
        shown = 0
        for row in rows:
            errors, warnings = verdicts(row["message"], edit)
            if edit:
                expected_errors, expected_warnings = (
                    sorted(set(row["commitlint_errors_edit"])),
                    None,
                )
                valid = row["commitlint_valid_edit"]
            else:
                expected_errors = sorted(set(row["commitlint_errors"]))
                expected_warnings = sorted(set(row["commitlint_warnings"]))
                valid = row["commitlint_valid"]
            verdict_agree += (not errors) == valid
            same = errors == expected_errors and (
                expected_warnings is None or warnings == expected_warnings
            )
            rules_agree += same
            if not same:
                why = deviation(row["message"])
                explained += why is not None
                if shown < args.show:
                    shown += 1
                    print(
                        f"  differs: {row['message'][:72]!r}: ours {errors} commitlint {expected_errors}"
                        f" ({why or 'unexplained'})"
                    )
        total = len(rows)
        print(
            f"{mode}: {total} messages; verdict agrees on {verdict_agree} ({verdict_agree / total:.2%}), "
            f"rule sets on {rules_agree} ({rules_agree / total:.2%}); "
            f"{total - rules_agree - explained} unexplained"
        )
    messages = [row["message"] for row in rows]
    # best of several rounds: the machine's other load only ever slows a round down
    rules = compile_rules(DEFAULT_RULES)
    best = float("inf")
    for _ in range(15):
        start = time.perf_counter()
        for message in messages:
            lint(message, rules)
        best = min(best, time.perf_counter() - start)
    print(f"in-process lint: {len(messages) / best:,.0f} messages/s (best of 15 rounds)")
    best = float("inf")
    for _ in range(15):
        start = time.perf_counter()
        for message in messages:
            parse(message)
        best = min(best, time.perf_counter() - start)
    print(f"in-process parser alone: {len(messages) / best:,.0f} messages/s (best of 15 rounds)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
