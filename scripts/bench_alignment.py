"""Benchmark check-version-alignment and bump --dry-run against bump-my-version and tbump.

    uv run --group bench python scripts/bench_alignment.py [--runs 30]

Prints the median wall time of each command on the same repositories: the six-declaration
Rust crate with Python and Node bindings, and a generated 300-package monorepo.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _bench import BIN, make_repo, median_ms, table
from tests.layouts import rust_with_bindings

BUMP_FILES = [
    "Cargo.toml",
    "bindings/python/Cargo.toml",
    "bindings/python/pyproject.toml",
    "bindings/node/package.json",
    "bindings/node/package-lock.json",
]


def peer_configs() -> dict[str, str]:
    """bump-my-version and tbump set up to edit the same six declarations."""
    bmv = ['[tool.bumpversion]\ncurrent_version = "1.5.0"\n']
    for name in BUMP_FILES:
        bmv.append(f'[[tool.bumpversion.files]]\nfilename = "{name}"\n')
    tbump = [
        "[version]\ncurrent = \"1.5.0\"\nregex = '''(?P<major>\\d+)\\.(?P<minor>\\d+)\\.(?P<patch>\\d+)'''\n",
        '[git]\nmessage_template = "Bump to {new_version}"\ntag_template = "v{new_version}"\n',
    ]
    for name in BUMP_FILES:
        tbump.append(f'[[file]]\nsrc = "{name}"\n')
    return {".bumpversion.toml": "\n".join(bmv), "tbump.toml": "\n".join(tbump)}


def monorepo(packages: int = 300) -> dict[str, str]:
    """A Cargo workspace and an npm workspace, half the packages each, with lockfiles."""
    half = packages // 2
    files = {"Cargo.toml": '[workspace]\nmembers = ["crates/*"]\nresolver = "2"\n'}
    lock = ["version = 3\n"]
    for i in range(half):
        files[f"crates/c{i}/Cargo.toml"] = (
            f'[package]\nname = "c{i}"\nversion = "0.{i}.0"\nedition = "2021"\n'
        )
        files[f"crates/c{i}/src/lib.rs"] = ""
        lock.append(f'[[package]]\nname = "c{i}"\nversion = "0.{i}.0"\n')
    files["Cargo.lock"] = "\n".join(lock)
    root = {"name": "mono", "private": True, "workspaces": ["packages/*"]}
    files["package.json"] = json.dumps(root, indent=2) + "\n"
    entries: dict[str, object] = {"": {"name": "mono", "workspaces": ["packages/*"]}}
    for i in range(half):
        name = f"p{i}"
        files[f"packages/{name}/package.json"] = json.dumps(
            {"name": name, "version": f"1.{i}.0"}, indent=2
        )
        entries[f"node_modules/{name}"] = {"resolved": f"packages/{name}", "link": True}
        entries[f"packages/{name}"] = {"name": name, "version": f"1.{i}.0"}
    lockfile = {"name": "mono", "lockfileVersion": 3, "requires": True, "packages": entries}
    files["package-lock.json"] = json.dumps(lockfile, indent=2) + "\n"
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        six = make_repo(Path(tmp) / "six", {**rust_with_bindings(), **peer_configs()})
        python = str(BIN / "python")
        print("six-declaration repository (Rust crate + Python and Node bindings):")
        rows = median_ms(
            {
                "python -c pass": [python, "-c", "pass"],
                "check-version-alignment": [str(BIN / "check-version-alignment")],
                "releaselint bump --dry-run": [
                    str(BIN / "releaselint"),
                    "bump",
                    "minor",
                    "--dry-run",
                ],
                "tbump --dry-run": [str(BIN / "tbump"), "--dry-run", "--non-interactive", "1.6.0"],
                "bump-my-version --dry-run": [
                    str(BIN / "bump-my-version"),
                    "bump",
                    "minor",
                    "--dry-run",
                ],
            },
            six,
            args.runs,
        )
        print(table(rows, "python -c pass"))
        mono = make_repo(Path(tmp) / "mono", monorepo())
        print("generated 300-package monorepo (Cargo + npm workspaces, both lockfiles):")
        rows = median_ms(
            {
                "python -c pass": [python, "-c", "pass"],
                "check-version-alignment": [str(BIN / "check-version-alignment")],
            },
            mono,
            max(5, args.runs // 3),
        )
        print(table(rows, "python -c pass"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
