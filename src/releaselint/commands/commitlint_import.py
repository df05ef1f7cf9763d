"""Write the repository's commitlint config as releaselint's commits table."""

from __future__ import annotations

import argparse
import os

from releaselint.core import config as config_module
from releaselint.core import git, report
from releaselint.core.commit_config import find_commitlint, read_commitlint, to_toml
from releaselint.core.errors import FatalError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence


def target(root: str, repo_config: config_module.Config) -> tuple[str, str]:
    """(file, table name) the commits table belongs in: where the configuration lives, else
    pyproject.toml when there is one, else releaselint.toml."""
    if repo_config.source == "pyproject.toml":
        return "pyproject.toml", "tool.releaselint.commits"
    if repo_config.source == "releaselint.toml":
        return "releaselint.toml", "commits"
    if os.path.isfile(os.path.join(root, "pyproject.toml")):
        return "pyproject.toml", "tool.releaselint.commits"
    return "releaselint.toml", "commits"


def appended(old: str | None, table: str) -> str:
    """``old`` with ``table`` after it: not a byte of ``old`` changes; the file's line
    ending is kept."""
    if not old:
        return table
    newline = "\r\n" if "\r\n" in old else "\n"
    table = table.replace("\n", newline)
    separator = newline if old.endswith("\n") else newline * 2
    return f"{old}{separator}{table}"


def import_commitlint(root: str) -> tuple[str, str, list[report.Finding]]:
    """(file written, the text appended, warnings): the commitlint config, translated and appended.
    Refuses where a commits table exists (nothing would say which one wins)."""
    repo_config = config_module.load(root)
    path, table_name = target(root, repo_config)
    if repo_config.commits is not None:
        raise FatalError(f"{path}: [{table_name}] exists already; nothing was written")
    found = find_commitlint(root)
    if found is None:
        raise FatalError(
            "no commitlint config found (package.json#commitlint, .commitlintrc*, "
            "commitlint.config.*)"
        )
    config = read_commitlint(*found)
    table = f"# from {found[0]}\n" + to_toml(config, table_name)
    full = os.path.join(root, path)
    old: str | None = None
    if os.path.exists(full):
        from releaselint.core.files import read_text

        old = read_text(root, path)
    new = appended(old, table)
    _check_toml(path, new, table_name)
    try:
        data = new.encode("utf-8")
    except UnicodeEncodeError as e:  # a JSON config's "\ud800": no UTF-8 file holds it
        raise FatalError(
            f"{found[0]}: holds {new[e.start]!r}, a lone surrogate no UTF-8 file can hold; "
            "nothing written"
        ) from None
    if old is None:
        try:
            with open(full, "xb") as f:
                f.write(data)
        except OSError as e:
            raise FatalError(f"{path}: cannot write: {e.strerror}") from None
    else:
        from releaselint.core.files import write_atomically

        write_atomically(root, {path: (old, new)})
    return path, table, config.warnings


def _check_toml(path: str, text: str, table_name: str) -> None:
    """The file must still be TOML, with the new table where releaselint reads it (an
    inline ``tool.releaselint = {...}`` cannot take a table appended after it)."""
    from releaselint.core import toml

    try:
        toml.load(path, text)
    except FatalError as e:
        raise FatalError(f"[{table_name}] cannot be appended: {e}; nothing was written") from None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="releaselint commitlint-import", description=__doc__)
    parser.parse_args(argv)
    try:
        root = git.toplevel()
        path, table, warnings = import_commitlint(root)
    except FatalError as e:
        report.fatal(str(e))
        return 1
    report.emit(warnings)
    print(f"Wrote to {path}:")
    print(table, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
