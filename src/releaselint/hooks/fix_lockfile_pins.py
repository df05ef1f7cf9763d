"""Re-lock each project whose lockfile no longer matches its manifests, with its own lock tool."""

from __future__ import annotations

from collections.abc import Sequence

from releaselint.core import report
from releaselint.hooks.check_lockfile_pins import run


@report.entry_point
def main(argv: Sequence[str] | None = None) -> int:
    return run(argv, "fix-lockfile-pins", fix=True)


if __name__ == "__main__":
    raise SystemExit(main())
