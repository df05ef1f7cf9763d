"""Dependency requirements with their place: PEP 508 strings and plain version specifiers.

Shared by the readers; imported only when requirements are asked for (``packaging`` is not
on the path of a hook that checks versions alone).
"""

from __future__ import annotations

from releaselint.core.errors import FatalError
from releaselint.core.files import line_of
from releaselint.core.model import Requirement

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

    KeyPath = tuple[str | int, ...]
    Spans = Mapping[KeyPath, tuple[int, int]]


def exact_span(text: str, spans: Spans, keypath: KeyPath, value: str) -> tuple[int, int] | None:
    """The span of a string value, where the file holds it verbatim (no escapes)."""
    span = spans.get(keypath)
    if span is None or text[span[0] : span[1]] != value:
        return None
    return span


def specifier(
    path: str,
    text: str,
    spans: Spans,
    keypath: KeyPath,
    name: str,
    value: object,
    kind: str,
    field: str,
    source: str | None = None,
    group: str | None = None,
    prefix: int | None = 0,
) -> Requirement:
    """A requirement whose string value is its version specifier (Cargo, Poetry, npm, the
    lockfiles); ``prefix`` characters of it (``workspace:``) are not part of the version,
    and a ``prefix`` of None says that none of it is (``file:../core``). A value that is
    not a string (none: ``x = { path = "../x" }``) has no text and no place."""
    if not isinstance(value, str):
        return Requirement(path, None, name, "", None, None, kind, field, source, group)
    span = exact_span(text, spans, keypath, value)
    if span is None:
        return Requirement(path, None, name, value, None, None, kind, field, source, group)
    start, end = span
    line = line_of(text, start)
    if prefix is None:
        return Requirement(path, line, name, value, None, None, kind, field, source, group)
    return Requirement(path, line, name, value, start + prefix, end, kind, field, source, group)


def pep508(
    path: str,
    text: str,
    spans: Spans,
    keypath: KeyPath,
    value: str,
    kind: str,
    field: str,
    group: str | None = None,
) -> Requirement:
    """A PEP 508 string (``corelib[x] >=1.4, <2 ; python_version < '3.12'``); its span is
    that of the specifier alone, empty where there is none (the place one would go)."""
    from packaging.requirements import InvalidRequirement
    from packaging.requirements import Requirement as Parsed
    from packaging.specifiers import SpecifierSet

    span = exact_span(text, spans, keypath, value)
    line = line_of(text, span[0]) if span is not None else None
    try:
        parsed = Parsed(value)
    except InvalidRequirement as e:
        where = f"{path}:{line}" if line is not None else path
        # packaging's message goes on with the string and a caret line: keep the first
        reason = str(e).splitlines()[0] if str(e) else "not PEP 508"
        raise FatalError(f"{where}: invalid requirement {value!r} in {field}: {reason}") from None
    if span is None:
        return Requirement(path, line, parsed.name, value, None, None, kind, field, None, group)
    inner = _specifier_span(value, parsed.name)
    if parsed.url is not None or inner is None:
        return Requirement(path, line, parsed.name, value, None, None, kind, field, None, group)
    begin, finish = inner
    # the span must hold exactly what packaging read as the specifier, or it is not given
    if SpecifierSet(value[begin:finish]) != parsed.specifier:  # pragma: no cover
        return Requirement(path, line, parsed.name, value, None, None, kind, field, None, group)
    start = span[0] + begin
    return Requirement(
        path, line, parsed.name, value, start, span[0] + finish, kind, field, None, group
    )


def _specifier_span(value: str, name: str) -> tuple[int, int] | None:
    """Where the version specifier of a valid PEP 508 string sits: after the name and the
    extras, up to the marker (``;``) or the closing parenthesis of ``name (>=1)``."""
    position = len(value) - len(value.lstrip())
    if value[position : position + len(name)] != name:  # pragma: no cover
        return None
    position += len(name)
    rest = value[position:].lstrip()
    if rest.startswith("["):
        position = value.index("]", position) + 1
    after_name = position
    while position < len(value) and value[position] in " \t":
        position += 1
    if value[position : position + 1] == "(":
        start = position + 1
        end = value.index(")", start)
    else:
        start = position
        marker = value.find(";", start)
        end = len(value) if marker < 0 else marker
    body = value[start:end]
    stripped = body.strip()
    if not stripped:
        return after_name, after_name
    start += len(body) - len(body.lstrip())
    return start, start + len(stripped)
