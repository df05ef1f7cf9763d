"""The one argparse setting every hook shares: help sized to the terminal only when shown.

argparse sizes its help to the terminal when a parser is built, importing shutil to ask:
~4 ms of a hook run that never prints help. Here the width is asked for when help is printed.
"""

from __future__ import annotations

import argparse


class HelpFormatter(argparse.HelpFormatter):
    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        self._sized = width is not None
        self._position = max_help_position
        super().__init__(prog, indent_increment, max_help_position, 80 if width is None else width)

    def format_help(self) -> str:
        if not self._sized:
            import shutil

            width = shutil.get_terminal_size().columns - 2  # as argparse itself sizes it
            self._width = width
            self._max_help_position = min(
                self._position, max(width - 20, self._indent_increment * 2)
            )
            self._sized = True
        return super().format_help()
