"""The hooks: one module each, ``main(argv)`` its entry point."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence


def run_hook(argv: Sequence[str]) -> int:
    """``releaselint-hook NAME ARGS...``: the hook NAME (a console script's name, one of
    ``cli.HOOKS``) on ARGS."""
    import sys

    from releaselint.cli import HOOKS

    if not argv or argv[0] not in HOOKS:
        from releaselint.core.report import printable  # a name given may hold escapes

        given = f"unknown hook '{printable(argv[0])}'" if argv else "name the hook to run"
        print(f"usage: releaselint-hook {{{','.join(HOOKS)}}} [ARGS...]", file=sys.stderr)
        print(f"releaselint-hook: error: {given}", file=sys.stderr)
        return 2
    module = __import__(HOOKS[argv[0]][0], fromlist=["main"])
    code: int = module.main(list(argv[1:]))
    return code
