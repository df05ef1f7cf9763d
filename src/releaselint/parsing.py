"""A hook's command line, declared once.

argparse costs a hook ~5 ms a run to import and build (argparse, gettext, locale and the
regular expressions they compile): a seventh of what ``check-version-alignment`` takes in
all. The runs git and pre-commit make pass no option at all -- a message file, filenames,
or nothing -- and what argparse gives for those is each option's default and the arguments
as they came. So a ``Command`` answers those runs from its declaration and builds the
argparse parser from the same declaration for every other run (an option, ``--help``, a
usage error). A differential test holds the two to one answer.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from typing import Any

# argparse.SUPPRESS, without the import: hidden from --help
SUPPRESS = "==SUPPRESS=="


def _hidden(help: Any) -> Any:
    """argparse knows its SUPPRESS by identity."""
    if help == SUPPRESS:
        import argparse

        return argparse.SUPPRESS
    return help


class Arguments:
    """The parsed command line: one attribute per option and one for the positionals."""

    def __init__(self, values: dict[str, object]) -> None:
        self.__dict__.update(values)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Arguments) and vars(self) == vars(other)

    def __repr__(self) -> str:
        return f"Arguments({vars(self)!r})"

    if TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any: ...


class Option:
    """One ``add_argument`` call: its flags and settings, as argparse takes them."""

    __slots__ = ("flags", "settings")

    def __init__(self, *flags: str, **settings: object) -> None:
        self.flags = flags
        self.settings = settings

    def argparse_settings(self) -> dict[str, Any]:
        return {k: _hidden(v) if k == "help" else v for k, v in self.settings.items()}

    @property
    def dest(self) -> str:
        """The attribute argparse stores the option in: ``dest``, or the first long flag."""
        dest = self.settings.get("dest")
        if isinstance(dest, str):
            return dest
        long = next((f for f in self.flags if f.startswith("--")), self.flags[0])
        return long.lstrip("-").replace("-", "_")

    @property
    def default(self) -> object:
        """The value argparse gives the option when it is not used."""
        if "default" in self.settings:
            default = self.settings["default"]
            # argparse appends to a copy of a list default (_copy_items)
            return list(default) if isinstance(default, list) else default
        action = self.settings.get("action")
        if action == "store_true":
            return False
        if action == "store_false":
            return True
        return None


class Command:
    """A command's positionals and options, declared once.

    ``positional`` names the one positional argument, which takes any number of values
    (``nargs="*"``); ``exclusive`` lists options of which at most one may be given.
    """

    __slots__ = ("description", "exclusive", "options", "positional", "positional_help", "prog")

    def __init__(
        self,
        prog: str,
        description: str | None,
        positional: str,
        options: Sequence[Option],
        *,
        positional_help: str = SUPPRESS,
        exclusive: Sequence[Option] = (),
    ) -> None:
        self.prog = prog
        self.description = description
        self.positional = positional
        self.positional_help = positional_help
        self.options = tuple(options)
        self.exclusive = tuple(exclusive)

    def parser(self) -> argparse.ArgumentParser:
        import argparse

        from releaselint.help_formatter import HelpFormatter

        parser = argparse.ArgumentParser(
            formatter_class=HelpFormatter, prog=self.prog, description=self.description
        )
        parser.add_argument(self.positional, nargs="*", help=_hidden(self.positional_help))
        if self.exclusive:
            group = parser.add_mutually_exclusive_group()
            for option in self.exclusive:
                group.add_argument(*option.flags, **option.argparse_settings())
        for option in self.options:
            parser.add_argument(*option.flags, **option.argparse_settings())
        return parser

    def parse(self, argv: Sequence[str] | None = None) -> Arguments:
        """What argparse makes of ``argv`` (``sys.argv[1:]`` when None); usage errors exit
        2 with argparse's message."""
        if argv is None:
            import sys

            argv = sys.argv[1:]
        args = list(argv)
        if not any(a.startswith("-") for a in args):
            # no option, no "--", no "-h": argparse would take every argument as a value
            # of the positional and give each option its default
            values = {o.dest: o.default for o in (*self.exclusive, *self.options)}
            values[self.positional] = args
            return Arguments(values)
        flags = {"-h", "--help", *(f for o in (*self.exclusive, *self.options) for f in o.flags)}
        return Arguments(vars(self.parser().parse_args(_files_last(args, flags))))

    def error(self, message: str) -> None:
        """Print the usage and ``message``, and exit 2, as argparse does."""
        self.parser().error(message)


def _files_last(args: list[str], flags: set[str]) -> list[str]:
    """``args`` with the names of existing files that begin with ``-`` moved after ``--``:
    pre-commit passes file names after the options, with no ``--``, and a folder named
    ``-h`` or ``--format=github`` would be read as an option. A name is a file's where it
    holds a ``/`` or is no option of the command."""
    import os

    end = args.index("--") if "--" in args else len(args)
    moved = [
        index
        for index, arg in enumerate(args[:end])
        if arg.startswith("-")
        and os.path.lexists(arg)
        and ("/" in arg or arg.split("=", 1)[0] not in flags)
    ]
    if not moved:
        return args
    kept = [arg for index, arg in enumerate(args[:end]) if index not in moved]
    return [*kept, "--", *(args[i] for i in moved), *args[end + 1 :]]
