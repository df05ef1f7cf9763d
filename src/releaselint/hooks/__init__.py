"""The hooks: one module each, ``main(argv)`` its entry point."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

# what ``releaselint-hook NAME`` runs: the hooks' console scripts
HOOKS = (
    "check-version-alignment",
    "check-conventional-commit",
    "check-tag-semver",
    "check-release-please",
    "check-lockfile-pins",
    "fix-lockfile-pins",
)


def run_hook(argv: Sequence[str]) -> int:
    """``releaselint-hook NAME ARGS...``: the hook NAME (a console script's name) on ARGS."""
    if not argv or argv[0] not in HOOKS:
        import sys

        from releaselint.core.report import printable  # a name given may hold escapes

        given = f"unknown hook '{printable(argv[0])}'" if argv else "name the hook to run"
        print(f"usage: releaselint-hook {{{','.join(HOOKS)}}} [ARGS...]", file=sys.stderr)
        print(f"releaselint-hook: error: {given}", file=sys.stderr)
        return 2
    module = __import__(f"releaselint.hooks.{argv[0].replace('-', '_')}", fromlist=["main"])
    code: int = module.main(list(argv[1:]))
    return code
