"""releaselint: git hooks that keep releases honest; one command for all of them."""

from __future__ import annotations

import sys

from releaselint.core.report import entry_point

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

# command -> (module, one-line summary); modules are imported only when their command runs
HOOKS = {
    "check-version-alignment": (
        "releaselint.hooks.check_version_alignment",
        "version declarations that disagree, static versions where tags decide",
    ),
    "check-tag-semver": (
        "releaselint.hooks.check_tag_semver",
        "tags that are not SemVer in the configured format or differ from the files",
    ),
    "check-conventional-commit": (
        "releaselint.hooks.check_conventional_commit",
        "commit messages that break Conventional Commits",
    ),
    "check-lockfile-pins": (
        "releaselint.hooks.check_lockfile_pins",
        "lockfiles that no longer match their manifests; internal pins the versions miss",
    ),
    "fix-lockfile-pins": (
        "releaselint.hooks.fix_lockfile_pins",
        "re-lock each drifted project with its own lock tool",
    ),
    "check-release-please": (
        "releaselint.hooks.check_release_please",
        "hand-made Release Please tags and edits; config, manifest and tags that disagree",
    ),
}
COMMANDS = {
    "bump": ("releaselint.commands.bump", "set a new version on every declaration of a group"),
    "tag": ("releaselint.commands.tag", "create a release tag after checking the files"),
    "install": ("releaselint.commands.install", "wire the plain git hooks into this repository"),
    "uninstall": ("releaselint.commands.install", "restore the hooks install replaced"),
    "check": ("releaselint.commands.check", "run every hook that applies (the CI lint step)"),
    "explain": (
        "releaselint.commands.explain",
        "show the groups, tag families and left-out manifests, and why",
    ),
    "next-version": (
        "releaselint.commands.next_version",
        "the version Release Please would propose next, per package",
    ),
    "commitlint-import": (
        "releaselint.commands.commitlint_import",
        "write the commitlint config's rules as releaselint's commits table",
    ),
}
USAGE = "usage: releaselint [--version] <command> [args...]"


def command_list() -> str:
    """The commands and what each does, for --help and `releaselint list`."""
    return "\n".join(
        f"  {name:<28}{summary}" for name, (_, summary) in {**HOOKS, **COMMANDS}.items()
    )


def _run(module_name: str, argv: list[str], entry: str = "main") -> int:
    import importlib

    module = importlib.import_module(module_name)
    return int(getattr(module, entry)(argv))


def _dispatch(command: str, rest: list[str]) -> int | None:
    """Run a command; None when there is no such command."""
    if command in HOOKS:
        return _run(HOOKS[command][0], rest)
    if command in ("install", "uninstall"):
        return _run(COMMANDS[command][0], rest, command)
    if command in COMMANDS:
        return _run(COMMANDS[command][0], rest)
    return None


def _unknown(command: str) -> int:
    print(f"releaselint: unknown command {command!r}", file=sys.stderr)
    print(f"{USAGE}\n(releaselint --help lists the commands)", file=sys.stderr)
    return 2


@entry_point
def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help") or args == ["help"]:
        out = sys.stdout if args else sys.stderr
        print(__doc__.strip(), file=out)
        print(f"\n{USAGE}\n\ncommands:\n{command_list()}", file=out)
        print("\nreleaselint help <command> (or <command> --help) for its options", file=out)
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command == "--version":
        from importlib.metadata import version

        print(f"releaselint {version('releaselint')}")
        return 0
    if command == "list":
        for name, (_, summary) in {**HOOKS, **COMMANDS}.items():
            print(f"{name:<28}{summary}")
        return 0
    if command == "help":
        command, rest = rest[0], ["--help"]
        if command not in HOOKS and command not in COMMANDS:
            return _unknown(command)
        try:
            _dispatch(command, rest)
        except SystemExit as e:  # argparse exits after printing the help
            return e.code if isinstance(e.code, int) else 0
        return 0
    status = _dispatch(command, rest)
    return _unknown(command) if status is None else status


if __name__ == "__main__":
    raise SystemExit(main())
