"""Regexes compiled on first use.

A hook pays ~0.3-1 ms per regex compiled at import, and most runs use few of a module's
patterns (a one-line commit message never needs the footer patterns). After the first use
the pattern's methods are bound on the object, so later calls cost what a compiled
pattern's do. ``re`` itself is imported on the first use of a pattern: with ``enum``,
``functools`` and ``collections`` behind it, it costs a run ~4 ms, which a run that reads
only plain files never pays. Flags are written inline (``(?m)``), so that no module imports
``re`` for a flag.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re

_METHODS = ("match", "fullmatch", "search", "finditer", "findall", "split", "sub")


class _Lazy:
    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> object:
        import re

        compiled = re.compile(*self._source)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return _Lazy(pattern, flags)  # type: ignore[return-value]
