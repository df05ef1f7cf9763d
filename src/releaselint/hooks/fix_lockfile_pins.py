"""Re-lock each project whose lockfile no longer matches its manifests, with its own lock tool."""

from __future__ import annotations

from releaselint.core import report
from releaselint.hooks.check_lockfile_pins import run

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence


@report.entry_point
def main(argv: Sequence[str] | None = None) -> int:
    return run(argv, "fix-lockfile-pins", fix=True)


if __name__ == "__main__":
    raise SystemExit(main())
