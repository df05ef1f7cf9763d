"""Run every check that applies to this repository: the CI lint step."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence

from releaselint.core import report


def plan(environ: dict[str, str] | os._Environ[str]) -> list[tuple[str, list[str]]]:
    """(hook module, argv) for each check that applies in this environment."""
    checks: list[tuple[str, list[str]]] = [("releaselint.hooks.check_version_alignment", [])]
    ref = environ.get("GITHUB_REF", "")
    if ref.startswith("refs/tags/"):
        checks.append(("releaselint.hooks.check_tag_semver", ["--ref", ref]))
    if environ.get("GITHUB_BASE_REF") or environ.get("PRE_COMMIT_FROM_REF"):
        checks.append(("releaselint.hooks.check_conventional_commit", ["--range"]))
    return checks


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="releaselint check", description=__doc__)
    parser.add_argument("--format", choices=report.FORMATS, default="text")
    args = parser.parse_args(argv)
    import importlib

    status = 0
    for module_name, hook_argv in plan(os.environ):
        module = importlib.import_module(module_name)
        status |= module.main([*hook_argv, "--format", args.format])
    return status


if __name__ == "__main__":
    raise SystemExit(main())
