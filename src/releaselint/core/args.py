"""Command-line parsing that imports argparse only when it is needed.

A hook runs on every commit, usually with no options at all; argparse costs ~10 ms to
import. ``parse`` reads the plain cases itself (known flags, ``--opt value``,
``--opt=value``, positionals) and hands everything else — ``--help``, an unknown option, a
bad choice — to the argparse parser, which prints usage and exits 2 as always.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

TYPE_CHECKING = False

if TYPE_CHECKING:
    import argparse
    from typing import Any


class Namespace:
    def __init__(self, **values: object) -> None:
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> Any:  # pragma: no cover - argparse parity
        raise AttributeError(name)


def parse(
    argv: Sequence[str],
    build: Callable[[], argparse.ArgumentParser],
    *,
    flags: Sequence[str] = (),
    options: dict[str, tuple[str, ...] | None] | None = None,
    defaults: dict[str, object] | None = None,
    positional: str | None = None,
    dests: dict[str, str] | None = None,
) -> argparse.Namespace | Namespace:
    """Parse ``argv`` without argparse when every word is one of ``flags``, ``options``
    (with an allowed value, or any value where the choices are None) or a positional.
    ``dests`` names the attribute of an option where argparse's ``dest`` does."""
    options = options or {}
    names = {o: o.lstrip("-").replace("-", "_") for o in (*flags, *options)}
    names.update(dests or {})
    values: dict[str, object] = {names[f]: False for f in flags}
    values.update({names[o]: None for o in options})
    values.update(defaults or {})
    rest: list[str] = []
    words = list(argv)
    i = 0
    while i < len(words):
        word = words[i]
        i += 1
        if word in flags:
            values[names[word]] = True
            continue
        name, eq, value = word.partition("=")
        if name in options:
            if not eq:
                if i >= len(words):
                    break
                value = words[i]
                i += 1
            choices = options[name]
            if choices is not None and value not in choices:
                break
            values[names[name]] = value
            continue
        if word.startswith("-") or positional is None:
            break
        rest.append(word)
    else:
        if positional is not None:
            values[positional] = rest
        return Namespace(**values)
    return build().parse_args(argv)
