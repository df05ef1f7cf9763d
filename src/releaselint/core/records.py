"""Records: tuples with named fields, made as ``collections.namedtuple`` makes them, without
importing ``collections`` (~1.7 ms of a hook's start on CPython 3.11; a commit's run needs
nothing else of it). Each field reads its item by index, ``__new__`` takes the fields by
position or by name (the last ones may have defaults), ``_replace`` copies with some changed,
and equality, hashing, order and unpacking are the tuple's."""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

try:
    from _collections import _tuplegetter  # type: ignore[import-not-found, unused-ignore]
except ImportError:  # pragma: no cover - an implementation without CPython's accessor

    def _tuplegetter(index: int, doc: str) -> Any:
        return property(lambda self: self[index], doc=doc)


def record(name: str, fields: str, *, defaults: tuple[object, ...] = ()) -> Any:
    """A tuple class named ``name`` of the space-separated ``fields``, the last
    ``len(defaults)`` of them optional."""
    names = tuple(fields.split())
    if not all(n.isidentifier() and not n.startswith("_") for n in names):
        raise ValueError(f"record fields must be plain names: {fields!r}")
    arguments = ", ".join(names)
    # the constructor namedtuple builds: one call of tuple.__new__ with the fields in order
    new = eval(
        f"lambda _cls, {arguments}: _tuple_new(_cls, ({arguments},))",
        {"_tuple_new": tuple.__new__, "__builtins__": {}},
    )
    new.__name__ = "__new__"
    new.__defaults__ = defaults or None

    def _replace(self: tuple[Any, ...], /, **changes: Any) -> Any:
        values = [changes.pop(n, v) for n, v in zip(names, self, strict=True)]
        result = tuple.__new__(type(self), values)
        if changes:
            raise ValueError(f"Got unexpected field names: {list(changes)!r}")
        return result

    def __repr__(self: tuple[Any, ...]) -> str:
        shown = ", ".join(f"{n}={v!r}" for n, v in zip(names, self, strict=True))
        return f"{type(self).__name__}({shown})"

    def __getnewargs__(self: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(self)

    body: dict[str, Any] = {
        "__slots__": (),
        "__module__": sys._getframe(1).f_globals.get("__name__", __name__),
        "_fields": names,
        "__match_args__": names,
        "__new__": new,
        "_replace": _replace,
        "__repr__": __repr__,
        "__getnewargs__": __getnewargs__,
    }
    for index, field in enumerate(names):
        body[field] = _tuplegetter(index, f"Alias for field number {index}")
    return type(name, (tuple,), body)
