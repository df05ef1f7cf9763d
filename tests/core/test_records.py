"""``records.record`` behaves as ``collections.namedtuple``, for every use a record has."""

from __future__ import annotations

import copy
from collections import namedtuple
from typing import Any

import pytest

from releaselint.core.records import record

SPECS = [
    ("Point", "x y", ()),
    ("Edit", "path start end new old", (None,)),
    ("Finding", "path line message severity hint", ("error", None)),
    ("One", "only", (1,)),
]
CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((), {}),
    ((1,), {}),
    ((1, 2), {}),
    ((1, 2, 3), {}),
    ((1, 2, 3, 4, 5), {}),
    ((1, 2, 3, 4, 5, 6), {}),
    ((), {"x": 1, "y": 2}),
    ((1,), {"y": 2}),
    ((1,), {"x": 2}),
    ((1, 2, 3), {"message": "m"}),
    ((), {"path": "p", "line": 1, "message": "m"}),
    ((), {"path": "p", "line": 1, "message": "m", "hint": "h"}),
    ((), {"only": 3}),
    ((), {"nope": 1}),
]


def outcome(make: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> object:
    try:
        made = make(*args, **kwargs)
    except TypeError:
        return TypeError
    return (tuple(made), repr(made).split("(", 1)[1], made._fields, hash(made))


@pytest.mark.parametrize(("name", "fields", "defaults"), SPECS)
def test_a_record_is_built_as_a_named_tuple(
    name: str, fields: str, defaults: tuple[Any, ...]
) -> None:
    mine = record(name, fields, defaults=defaults)
    theirs: Any = namedtuple(name, fields, defaults=defaults)  # type: ignore[misc]
    for args, kwargs in CALLS:
        assert outcome(mine, args, kwargs) == outcome(theirs, args, kwargs), (args, kwargs)
    values = tuple(range(len(fields.split())))
    made: Any = mine(*values)
    reference: Any = theirs(*values)
    assert made == reference == values
    assert tuple in type(made).__mro__
    assert [getattr(made, f) for f in fields.split()] == list(values)
    assert made._replace(**{fields.split()[0]: "z"}) == reference._replace(
        **{fields.split()[0]: "z"}
    )
    assert type(made._replace()) is mine
    with pytest.raises(ValueError, match="unexpected field names"):
        made._replace(nope=1)
    with pytest.raises(AttributeError):
        made.nope = 1
    assert repr(made) == repr(reference)
    assert copy.deepcopy(made) == made
    assert mine.__module__ == __name__


def test_a_subclass_keeps_its_fields_and_adds_its_own() -> None:
    class Located(record("_Located", "path line", defaults=(None,))):  # type: ignore[misc]
        __slots__ = ()

        @property
        def where(self) -> str:
            return f"{self.path}:{self.line}"

    found = Located("a.toml", 3)
    assert found.where == "a.toml:3"
    assert found._replace(line=4) == Located("a.toml", 4)
    assert type(found._replace(line=4)) is Located
    assert repr(found) == "Located(path='a.toml', line=3)"
    assert Located("b") == ("b", None)


@pytest.mark.parametrize("fields", ["a _b", "a b-c", "a 1b", "a; import os"])
def test_fields_are_plain_names(fields: str) -> None:
    with pytest.raises(ValueError, match="plain names"):
        record("Bad", fields)
