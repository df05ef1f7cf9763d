"""YAML through PyYAML's safe loader, every problem a located ``FatalError``.

PyYAML composes nodes recursively (a ``RecursionError`` between 400 and 500 levels, earlier
on a deep stack), converts integers with ``int()`` (a ``ValueError`` past 4,300 digits)
and dates with ``datetime`` (a ``ValueError`` for ``2024-13-45``). The loader here refuses
nesting deeper than ``MAX_NESTING`` levels and integers longer than ``MAX_DIGITS``
characters before PyYAML meets them, and turns any conversion error into
``path:line: invalid YAML: ...``. It also refuses what PyYAML builds and a reader cannot walk:
an alias inside its own anchor (a list that contains itself), and aliases that expand past
``MAX_VALUES`` values and twice the values the document writes out (``&a [x, x], &b [*a,
*a], ...``: billions of values in a few lines).
"""

from __future__ import annotations

from releaselint.core.errors import FatalError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MAX_NESTING = 100
MAX_DIGITS = 4000
MAX_VALUES = 1_000_000


class _Refused(Exception):
    def __init__(self, index: int, message: str) -> None:
        super().__init__(message)
        self.index = index  # the character where the refused node starts
        self.message = message


_LOADER: list[Any] = []  # the loader class, made once (functools costs an import)


def _loader() -> Any:
    if not _LOADER:
        _LOADER.append(_make_loader())
    return _LOADER[0]


def _make_loader() -> Any:
    import yaml  # deferred: only YAML files need it

    class Loader(yaml.SafeLoader):
        depth = 0

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self.sizes: dict[int, int] = {}  # node id -> values it stands for, aliases expanded
            self.composed = 0  # the nodes the document itself writes

        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.peek_event()  # type: ignore[no-untyped-call]
            at = event.start_mark.index
            if isinstance(event, yaml.AliasEvent):
                anchored = self.anchors.get(event.anchor)
                if anchored is not None and id(anchored) not in self.sizes:
                    # PyYAML builds a list that contains itself: anything walking it loops
                    raise _Refused(at, f"alias *{event.anchor} inside its own anchor")
                return super().compose_node(parent, index)
            self.depth += 1
            try:
                if self.depth > MAX_NESTING:
                    raise _Refused(at, f"nesting deeper than {MAX_NESTING} levels")
                node: Any = super().compose_node(parent, index)
            finally:
                self.depth -= 1
            self.composed += 1
            if isinstance(node.value, list):
                children = (
                    c for item in node.value for c in (item if type(item) is tuple else (item,))
                )
                size = 1 + sum(self.sizes[id(child)] for child in children)
                if size > MAX_VALUES and size > 2 * self.composed:
                    # aliases of aliases: a few lines standing for billions of values (a
                    # large document that writes its values out is no bomb)
                    raise _Refused(at, f"aliases expand past {MAX_VALUES:,} values")
            else:
                size = 1
            self.sizes[id(node)] = size
            return node

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            try:
                return super().construct_object(node, deep)
            except (ValueError, OverflowError) as e:
                raise _Refused(node.start_mark.index, f"invalid YAML: {e}") from None

        def construct_yaml_int(self, node: Any) -> Any:
            if len(str(node.value)) > MAX_DIGITS:
                raise _Refused(node.start_mark.index, "integer too long")
            return super().construct_yaml_int(node)

    Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_yaml_int)
    return Loader


def load(path: str, text: str) -> Any:
    import yaml

    # PyYAML counts lines at CR, NEL, U+2028 and U+2029 too: a line here is what an editor
    # shows, counted at LF from the character PyYAML names
    try:
        return yaml.load(text, Loader=_loader())  # a SafeLoader subclass
    except _Refused as e:
        raise FatalError(f"{path}:{_line(text, e.index)}: {e.message}") from None
    except yaml.reader.ReaderError as e:
        # a character YAML does not allow (a control character): no mark, its position
        code = e.character if isinstance(e.character, int) else ord(e.character[:1] or b"?")
        problem = f"unacceptable character U+{code:04X}: {e.reason}"
        raise FatalError(f"{path}:{_line(text, e.position)}: invalid YAML: {problem}") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        where = f"{path}:{_line(text, mark.index)}" if mark is not None else path
        said = getattr(e, "problem", None) or getattr(e, "context", None)
        shown = said if said is not None else str(e).partition("\n")[0]
        raise FatalError(f"{where}: invalid YAML: {shown}") from None
    except RecursionError:  # pragma: no cover - the loader stops at MAX_NESTING first
        raise FatalError(f"{path}: invalid YAML: nesting too deep") from None


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1
