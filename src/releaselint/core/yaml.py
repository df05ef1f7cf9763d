"""YAML through PyYAML's safe loader, every problem a located ``FatalError``.

PyYAML composes nodes recursively (a ``RecursionError`` between 400 and 500 levels, earlier
on a deep stack), converts integers with ``int()`` (a ``ValueError`` past 4,300 digits)
and dates with ``datetime`` (a ``ValueError`` for ``2024-13-45``). The loader here refuses
nesting deeper than ``MAX_NESTING`` levels and integers longer than ``MAX_DIGITS``
characters before PyYAML meets them, and turns any conversion error into
``path:line: invalid YAML: ...``. It also refuses what PyYAML builds and a reader cannot walk:
an alias inside its own anchor (a list that contains itself), and aliases that expand past
``MAX_VALUES`` values (``&a [x, x], &b [*a, *a], ...``: billions of values in a few lines).
"""

from __future__ import annotations

import functools

from releaselint.core.errors import FatalError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MAX_NESTING = 100
MAX_DIGITS = 4000
MAX_VALUES = 1_000_000


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@functools.cache
def _loader() -> Any:
    import yaml  # deferred: only YAML commitlint configs need it

    class Loader(yaml.SafeLoader):
        depth = 0

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self.sizes: dict[int, int] = {}  # node id -> values it stands for, aliases expanded

        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.peek_event()  # type: ignore[no-untyped-call]
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent):
                anchored = self.anchors.get(event.anchor)
                if anchored is not None and id(anchored) not in self.sizes:
                    # PyYAML builds a list that contains itself: anything walking it loops
                    raise _Refused(line, f"alias *{event.anchor} inside its own anchor")
                return super().compose_node(parent, index)
            self.depth += 1
            try:
                if self.depth > MAX_NESTING:
                    raise _Refused(line, f"nesting deeper than {MAX_NESTING} levels")
                node: Any = super().compose_node(parent, index)
            finally:
                self.depth -= 1
            if isinstance(node.value, list):
                children = (
                    c for item in node.value for c in (item if type(item) is tuple else (item,))
                )
                size = 1 + sum(self.sizes[id(child)] for child in children)
                if size > MAX_VALUES:
                    # aliases of aliases: a few lines standing for billions of values
                    raise _Refused(line, f"aliases expand past {MAX_VALUES:,} values")
            else:
                size = 1
            self.sizes[id(node)] = size
            return node

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            try:
                return super().construct_object(node, deep)
            except (ValueError, OverflowError) as e:
                raise _Refused(node.start_mark.line + 1, f"invalid YAML: {e}") from None

        def construct_yaml_int(self, node: Any) -> Any:
            if len(str(node.value)) > MAX_DIGITS:
                raise _Refused(node.start_mark.line + 1, "integer too long")
            return super().construct_yaml_int(node)

    Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_yaml_int)
    return Loader


def load(path: str, text: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=_loader())  # a SafeLoader subclass
    except _Refused as e:
        raise FatalError(f"{path}:{e.line}: {e.message}") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else path
        raise FatalError(f"{where}: invalid YAML: {getattr(e, 'problem', e)}") from None
    except RecursionError:  # pragma: no cover - the loader stops at MAX_NESTING first
        raise FatalError(f"{path}: invalid YAML: nesting too deep") from None
