"""Regenerate tests/core/data/semver_inc.json: what npm's ``semver.inc`` gives for each case.

    npm install --prefix /tmp/semver semver
    uv run python scripts/gen_semver_inc.py /tmp/semver/node_modules

The table is committed; tests compare ``SemVer.bump`` against it without node.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "tests" / "core" / "data" / "semver_inc.json"

VERSIONS = [
    "1.2.3",
    "1.2.3+build.5",
    "0.0.0",
    "1.2.3-0",
    "1.2.3-4",
    "1.2.3-alpha",
    "1.2.3-alpha.0",
    "1.2.3-alpha.9",
    "1.2.3-alpha.0.beta",
    "1.2.3-alpha.1.2",
    "1.2.3-dev.bar",
    "1.2.3-rc.1+meta",
    "1.2.0-rc.1",
    "1.0.0-rc.1",
    "3.0.0-alpha.beta.5.4",
    "1.2.3-beta.1e5",
    "1.2.3-beta.Infinity",
    "1.2.3-beta.0x1f",
    "1.2.3-beta.-5",
    "1.2.3-beta.x-1",
    "1.2.3-9007199254740990",
    "1.2.3-9007199254740991",
    "1.2.3-99999999999999999999",
]
PREIDS: list[str | None] = [None, "alpha", "beta", "rc", "dev", "alpha.beta"]
PARTS = ["major", "minor", "patch"]

SCRIPT = """
const semver = require('semver')
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'))
const out = cases.map(([v, part, preid]) => {
  try { return semver.inc(v, part, preid === null ? undefined : preid) } catch (e) { return null }
})
console.log(JSON.stringify(out))
"""


def cases() -> list[tuple[str, str, str | None]]:
    found: list[tuple[str, str, str | None]] = []
    for version in VERSIONS:
        found.extend((version, part, None) for part in PARTS)
        found.extend((version, "prerelease", preid) for preid in PREIDS)
    # identifiers npm refuses
    found.extend(("1.2.0", "prerelease", bad) for bad in ("rc+x", "01", "a..b", "r c", "é"))
    return found


def main(node_modules: str) -> int:
    table = cases()
    proc = subprocess.run(
        ("node", "-e", SCRIPT),
        input=json.dumps(table),
        capture_output=True,
        text=True,
        check=True,
        env={"NODE_PATH": node_modules, "PATH": "/usr/bin:/bin:/usr/local/bin"},
    )
    results = json.loads(proc.stdout)
    version = subprocess.run(
        ("node", "-p", "require('semver/package.json').version"),
        capture_output=True,
        text=True,
        check=True,
        env={"NODE_PATH": node_modules, "PATH": "/usr/bin:/bin:/usr/local/bin"},
    ).stdout.strip()
    rows = [
        [v, part, preid, result] for (v, part, preid), result in zip(table, results, strict=True)
    ]
    TABLE.parent.mkdir(parents=True, exist_ok=True)
    lines = ",\n".join(json.dumps(row) for row in rows)
    text = f'{{"semver": {json.dumps(version)}, "cases": [\n{lines}\n]}}\n'
    TABLE.write_text(text, encoding="utf-8")
    print(f"{len(rows)} cases from semver {version} -> {TABLE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "node_modules"))
