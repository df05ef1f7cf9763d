"""The Release Please reader and rules, against release-please's own code (the oracle
table scripts/release_please_oracle.py writes) and through tables of their own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from releaselint.core import release_please as rp
from releaselint.core.errors import FatalError

ORACLE = Path(__file__).resolve().parent.parent / "data" / "release_please_oracle.jsonl"
_LINES = ORACLE.read_text().splitlines()
ORACLE_VERSION = json.loads(_LINES[0])["release-please"]
ROWS = [json.loads(line) for line in _LINES[1:]]


def package_of(row: dict[str, Any]) -> rp.Package:
    text = json.dumps(
        {"release-type": row["release-type"], "packages": {row["path"]: row["config"]}}
    )
    config = rp.parse(text, None)
    config.resolve_components(rp.package_names(row["files"]))
    return config.packages[0]


def answer(row: dict[str, Any]) -> dict[str, Any]:
    """releaselint's answer to one oracle row, in the oracle's shape."""
    package = package_of(row)
    if package.requires_name_file and package.name_file not in row["files"]:
        return {"error": f"missing {package.name_file}"}
    kept = [i for i, c in enumerate(row["commits"]) if rp.keeps(c["files"], package, row["paths"])]
    changes = [c for i in kept for c in rp.changes(row["commits"][i]["message"])]
    version: str | None
    try:
        version = rp.next_version(package, row["latest"], changes)
    except FatalError as e:
        version = f"error: {e}"
    release = rp.proposes_release(package, changes) if not version.startswith("error") else False
    return {"component": package.component, "tag": package.tag_name("1.2.3"), "kept": kept,
            "version": version, "release": release, "error": None}  # fmt: skip


def expected(row: dict[str, Any]) -> dict[str, Any]:
    want = dict(row["expected"])
    if want.get("error") and "Missing required file" in want["error"]:
        package = package_of(row)
        return {"error": f"missing {package.name_file}"}
    if want.get("error"):
        want["version"] = f"error: {want['error']}"
        want["error"] = None
    return want


def test_the_table_is_large() -> None:
    assert len(ROWS) >= 500
    assert ORACLE_VERSION.startswith("17.")


def test_agrees_with_release_please_on_every_row() -> None:
    # one test for the whole table: a row each would spend the suite's time on fixtures
    differences = {r["id"]: (answer(r), expected(r)) for r in ROWS if answer(r) != expected(r)}
    assert differences == {}
