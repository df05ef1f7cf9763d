"""Regenerate tests/core/data/ranges_node.json and ranges_cargo.json: whether each version
satisfies each requirement, by npm's ``semver`` package and by ``cargo`` itself.

    npm install --prefix /tmp/semver semver
    uv run python scripts/gen_ranges.py /tmp/semver/node_modules

Cargo's answer is read from ``cargo metadata --offline`` on a two-crate workspace whose
member requires the other, path crate at the requirement: Cargo selects the path crate
only where its version matches. The tables are committed; tests compare
``ranges.satisfies`` with them without node or cargo.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tests" / "core" / "data"

VERSIONS = [
    "0.0.0",
    "0.0.3",
    "0.0.4",
    "0.1.0",
    "0.2.3",
    "0.2.9",
    "0.3.0",
    "1.0.0",
    "1.2.0",
    "1.2.3",
    "1.2.4",
    "1.3.0",
    "1.4.0",
    "1.9.9",
    "2.0.0",
    "2.3.4",
    "2.3.5",
    "2.4.0",
    "3.0.0",
    "1.2.3-beta.2",
    "1.2.3-beta.4",
    "1.2.3-alpha",
    "1.3.0-rc.0",
    "2.0.0-0",
    "2.0.0-rc.1",
    "0.0.4-0",
    "1.2.3+build.1",
]

NODE_RANGES = [
    "1.2.3", "=1.2.3", "v1.2.3", "^1.2.3", "^1.2", "^1", "^0.2.3", "^0.0.3", "^0.0", "^0.x",
    "^1.x", "^1.2.x", "^0.0.x", "^1.2.3-beta.2", "^0.0.3-beta", "~1.2.3", "~1.2", "~1",
    "~>1.2.3", "~1.2.3-beta.2", "~0.2.3", "1.x", "1.2.x", "1.2.*", "1", "1.2", "*", "", "x",
    "X", ">1.2.3", ">=1.2.3", "<1.2.3", "<=1.2.3", ">1", ">1.2", ">=1.2", "<1.2", "<=1.2",
    "<=1", ">=1", "<2", ">*", "<*", ">=*", ">= 1.2.3", ">=1.2.3 <2.0.0", ">=1.2.3 <2",
    "1.2.3 - 2.3.4", "1.2 - 2.3.4", "1.2.3 - 2.3", "1.2.3 - 2", "1 - 2", "* - 2",
    "1.2.3-beta.2 - 2.3.4", "1.2.3 - 2.3.4-rc.1", "^1.2.3 || ^2.0.0", "1.x || >=2.3.4",
    "<1.2.0 || >2.3.4", "2.0.0-rc.1", ">=2.0.0-0", ">=1.3.0-rc.0 <1.4.0", "<2.0.0-0",
    ">1.2.3-alpha", "=1.2", "^ 1.2.3", "~ 1.2", "1.2.3+build.1", "^1.2.3+build",
    ">=1.2.3  <=2.3.4", "1.2.3 ||  2.0.0",
]  # fmt: skip

CARGO_REQUIREMENTS = [
    "1.2.3", "1.2", "1", "0.2.3", "0.0.3", "0.0", "0", "^1.2.3", "^1.2", "^1", "^0.2.3",
    "^0.0.3", "^0.0", "^0", "=1.2.3", "=1.2", "=1", "~1.2.3", "~1.2", "~1", "~0.2.3", "*",
    "1.*", "1.2.*", "1.x", "1.2.X", ">1.2.3", ">=1.2.3", "<1.2.3", "<=1.2.3", ">1", ">1.2",
    ">=1.2", "<1.2", "<=1.2", "<=1", "<2", ">= 1.2.3", ">=1.2.3, <2.0.0", ">=1.2, <1.4",
    ">= 1.2 , < 2", "1.2.3-beta.2", "=1.2.3-beta.2", "^1.2.3-beta.2", "~1.2.3-beta.2",
    ">=1.3.0-rc.0", ">=1.3.0-rc.0, <1.4.0", "2.0.0-rc.1", ">=2.0.0-0", "<2.0.0", "0.0.4-0",
    "= 1.2.3", "^ 1.2",
]  # fmt: skip

NODE_SCRIPT = """
const semver = require('semver')
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'))
const out = cases.map(([r, v]) => semver.validRange(r) === null ? null : semver.satisfies(v, r))
console.log(JSON.stringify(out))
"""


def node_table(node_modules: str) -> tuple[str, list[list[object]]]:
    cases = [[r, v] for r in NODE_RANGES for v in VERSIONS]
    env = {"NODE_PATH": node_modules, "PATH": "/usr/bin:/bin:/usr/local/bin"}
    out = subprocess.run(
        ("node", "-e", NODE_SCRIPT),
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    version = subprocess.run(
        ("node", "-p", "require('semver/package.json').version"),
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout.strip()
    results = json.loads(out)
    return version, [[r, v, result] for (r, v), result in zip(cases, results, strict=True)]


def cargo_satisfies(folder: Path, requirement: str, version: str) -> bool | None:
    (folder / "dep" / "Cargo.toml").write_text(
        f'[package]\nname = "dep"\nversion = "{version}"\nedition = "2021"\n'
    )
    (folder / "app" / "Cargo.toml").write_text(
        '[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n\n'
        f"[dependencies]\ndep = {{ path = {json.dumps('../dep')}, "
        f"version = {json.dumps(requirement)} }}\n"
    )
    proc = subprocess.run(
        ("cargo", "metadata", "--offline", "--format-version", "1", "--no-deps"),
        cwd=folder / "app",
        capture_output=True,
        text=True,
    )
    if proc.returncode == 0:
        # --no-deps does not resolve: ask the resolver too
        proc = subprocess.run(
            ("cargo", "generate-lockfile", "--offline"),
            cwd=folder / "app",
            capture_output=True,
            text=True,
        )
        if proc.returncode == 0:
            return True
    if "failed to select a version" in proc.stderr or "candidate versions found" in proc.stderr:
        return False
    if "failed to parse the version requirement" in proc.stderr or "unexpected" in proc.stderr:
        return None
    raise RuntimeError(f"cargo: {requirement!r} {version!r}: {proc.stderr}")


def cargo_table() -> tuple[str, list[list[object]]]:
    cargo = subprocess.run(("cargo", "--version"), capture_output=True, text=True, check=True)
    rows: list[list[object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "dep" / "src").mkdir(parents=True)
        (folder / "dep" / "src" / "lib.rs").write_text("")
        (folder / "app" / "src").mkdir(parents=True)
        (folder / "app" / "src" / "lib.rs").write_text("")
        for requirement in CARGO_REQUIREMENTS:
            for version in VERSIONS:
                if "+" in version:
                    continue
                (folder / "app" / "Cargo.lock").unlink(missing_ok=True)
                rows.append([requirement, version, cargo_satisfies(folder, requirement, version)])
    return cargo.stdout.strip(), rows


def write(name: str, tool: str, rows: list[list[object]]) -> None:
    lines = ",\n".join(json.dumps(row) for row in rows)
    path = DATA / name
    path.write_text(f'{{"tool": {json.dumps(tool)}, "cases": [\n{lines}\n]}}\n', encoding="utf-8")
    print(f"{len(rows)} cases from {tool} -> {path}")


def main(node_modules: str) -> int:
    DATA.mkdir(parents=True, exist_ok=True)
    version, rows = node_table(node_modules)
    write("ranges_node.json", f"semver {version}", rows)
    tool, rows = cargo_table()
    write("ranges_cargo.json", tool, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "node_modules"))
