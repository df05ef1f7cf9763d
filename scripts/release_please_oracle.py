"""Release Please's own answers, written to tests/data/release_please_oracle.jsonl.

Generates several hundred package configs and commit histories (seeded, so the table is
the same on every run), asks release-please's code for each one's component, tag name,
the commits its splitter keeps and the next version (scripts/release_please_oracle.js,
offline), and writes rows of input and answer. tests/core/test_release_please.py compares
releaselint with every row.

Install the oracle once, outside the work tree, then run:
    npm install --prefix /tmp/rp-oracle release-please
    uv run python scripts/release_please_oracle.py        # RELEASE_PLEASE_DIR=... elsewhere
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "tests" / "data" / "release_please_oracle.jsonl"
ROWS = 800
SEED = 12

RELEASE_TYPES = ("node", "node", "python", "rust", "simple", "helm", "go")
PATHS = (".", "packages/core", "packages/core/sub", "crates/engine", "charts/web")
SEPARATORS = (None, None, "-", "/", "@", "_")
LATEST = (None, "0.1.0", "0.3.7", "1.2.3", "2.0.0", "1.0.0-alpha.1", "0.4.0-beta", "2.1.0-rc.09")
MESSAGES = (
    "fix: correct the parser",
    "fix(api): handle empty input",
    "feat: add an option",
    "feat(cli): add --json",
    "feat!: drop python 3.8",
    "fix(api)!: rename the entry point",
    "chore: update tooling",
    "docs: explain the option",
    "refactor: split the module",
    "perf: cache the lookups",
    "feature: the old spelling",
    "fix: keep the order\n\nBREAKING CHANGE: the order is now stable",
    "refactor: move files\n\nBREAKING-CHANGE: imports moved",
    "feat: widen the api\n\nRelease-As: 3.0.0",
    "chore: release 2.0.0\n\nRelease-As: 2.0.0",
    "chore: prepare\n\nrelease-as: 1.5.0-rc.1",
    "update the readme",
    "Merge pull request #12 from acme/topic",
    "fix: a\n\nfeat: a second change in the same message",
    "chore: squash\n\nfeat(ui)!: a breaking change inside",
    "fix: outer\n\nBEGIN_NESTED_COMMIT\nfeat!: nested breaking\nEND_NESTED_COMMIT",
    "feat: body mentions BREAKING CHANGE: in prose",
    "fix: prose\n\nThe BREAKING-CHANGE: marker inside a sentence",
    "revert: feat: add an option",
    "build(deps): bump left-pad",
    "fix: footer\n\nRefs: #12\nBREAKING CHANGE: after a reference",
    "fix: x\n\nbody text\nRelease-As: 2.0.0",
    "fix: x\n\nSigned-off-by: A <a@example.com>\nRelease-As: 2.0.0",
    "fix: x\n\nbody\nfeat(a)!: a footer that is a commit",
    "fix: x\n\nbody\nfeat: a footer feature",
    "fix: x\n\nBREAKING CHANGE: y\n\nmore text",
    "fix: x\n\nbody BREAKING-CHANGE: y",
    "fix: x\r\n\r\nRelease-As: 2.0.0",
    "feat: x\n\nRelease-As: v2.0.0",
    "Fix: capitalised",
    "feat(): empty scope",
    "feat: a\n\nRelease-As: 4.0.0\nRelease-As: 5.0.0",
)


def name_file(release_type: str, path: str, rng: random.Random) -> dict[str, str]:
    folder = "" if path == "." else f"{path}/"
    name = rng.choice(("core", "@acme/core", "@acme-corp/web-ui", "@a.b/x", "engine", ""))
    if release_type == "node" and rng.random() < 0.9:
        body = json.dumps({"name": name} if name else {"version": "1.0.0"})
        return {f"{folder}package.json": body}
    if release_type == "rust" and rng.random() < 0.9:
        return {f"{folder}Cargo.toml": f'[package]\nname = "{name or "engine"}"\n'}
    if release_type == "helm" and rng.random() < 0.9:
        chart = name if name and not name.startswith("@") else "web"
        return {f"{folder}Chart.yaml": f"apiVersion: v2\nname: {chart}\n"}
    return {}


def files_for(path: str, rng: random.Random) -> list[str]:
    folder = "" if path == "." else f"{path}/"
    return rng.choice(
        (
            [f"{folder}src/index.js"],
            [f"{folder}docs/guide.md"],
            [f"{folder}src/a.js", f"{folder}docs/b.md"],
            ["README.md"],
            ["packages/core/sub/lib.js"],
            ["packages/web/index.js"],
            ["crates/engine/src/lib.rs", "packages/core/x.js"],
            [],
        )
    )


def row(index: int, rng: random.Random) -> dict[str, object]:
    release_type = rng.choice(RELEASE_TYPES)
    path = rng.choice(PATHS)
    paths = sorted({path, *rng.sample(PATHS, rng.randint(0, 3))})
    config: dict[str, object] = {}

    def maybe(key: str, choices: tuple[object, ...], chance: float = 0.35) -> None:
        if rng.random() < chance:
            config[key] = rng.choice(choices)

    maybe("component", ("api", "@acme/api", "web-ui"), 0.15)
    maybe("package-name", ("pkg", "@acme/pkg", "@acme/pkg-two", "name_with_underscores"), 0.2)
    maybe("include-component-in-tag", (True, False))
    maybe("include-v-in-tag", (True, False))
    separator = rng.choice(SEPARATORS)
    if separator is not None:
        config["tag-separator"] = separator
    maybe("bump-minor-pre-major", (True, False), 0.4)
    maybe("bump-patch-for-minor-pre-major", (True, False), 0.4)
    maybe("versioning", ("default", "prerelease", "always-bump-patch", "always-bump-minor",
                         "always-bump-major"), 0.4)  # fmt: skip
    maybe("prerelease", (True, False), 0.4)
    maybe("prerelease-type", ("alpha", "beta", "rc"), 0.4)
    maybe("release-as", ("4.0.0", "1.0.0-rc.1"), 0.05)
    maybe("initial-version", ("0.0.1", "0.1.0", "1.0.0"), 0.15)
    folder = "" if path == "." else f"{path}/"
    maybe("exclude-paths", ([f"{folder}docs"], [f"{folder}docs", f"{folder}src"]), 0.2)
    commits = [
        {"message": rng.choice(MESSAGES), "files": files_for(path, rng)}
        for _ in range(rng.randint(0, 4))
    ]
    return {
        "id": index,
        "release-type": release_type,
        "path": path,
        "paths": paths,
        "config": config,
        "files": name_file(release_type, path, rng),
        "latest": rng.choice(LATEST),
        "commits": commits,
    }


def main() -> int:
    rp_dir = os.environ.get("RELEASE_PLEASE_DIR", "/tmp/rp-oracle")
    if not (Path(rp_dir) / "node_modules" / "release-please").is_dir():
        print(f"error: no release-please in {rp_dir}: npm install --prefix {rp_dir} "
              "release-please", file=sys.stderr)  # fmt: skip
        return 1
    rng = random.Random(SEED)
    rows = [row(i, rng) for i in range(ROWS)]
    proc = subprocess.run(
        ("node", str(HERE / "release_please_oracle.js"), rp_dir),
        input="".join(json.dumps(r) + "\n" for r in rows),
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        return 1
    answers = [json.loads(line) for line in proc.stdout.splitlines()]
    version = json.loads((Path(rp_dir) / "node_modules/release-please/package.json").read_text())
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w") as out:
        out.write(json.dumps({"release-please": version["version"]}) + "\n")
        for r, answer in zip(rows, answers, strict=True):
            assert answer.pop("id") == r["id"]
            out.write(json.dumps({**r, "expected": answer}, sort_keys=True) + "\n")
    print(f"wrote {len(rows)} rows to {OUT.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
