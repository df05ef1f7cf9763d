"""Dependency requirements with their place: PEP 508 strings and plain version specifiers.

Shared by the readers; imported only when requirements are asked for (``packaging`` is not
on the path of a hook that checks versions alone).
"""

from __future__ import annotations

from releaselint.core.errors import FatalError
from releaselint.core.files import line_of
from releaselint.core.model import Requirement
from releaselint.core.pep508 import clause, requirement_parts

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
    *,
    light: bool = True,
) -> Requirement:
    """A PEP 508 string (``corelib[x] >=1.4, <2 ; python_version < '3.12'``); its span is
    that of the specifier alone, empty where there is none (the place one would go). A
    plain requirement (``core/pep508.requirement_parts``) is read without packaging, whose
    import costs a hook ~30 ms; ``light=False`` reads every string with packaging, the
    twin the test suite holds the first to."""
    span = exact_span(text, spans, keypath, value)
    line = line_of(text, span[0]) if span is not None else None
    parts = requirement_parts(value) if light else None
    if parts is not None and (parts[2] is None or _compatible(parts[2])):
        return _placed(path, line, span, parts[0], value, kind, field, group)
    from packaging.requirements import InvalidRequirement
    from packaging.requirements import Requirement as Parsed
    from packaging.specifiers import SpecifierSet

    try:
        parsed = Parsed(value)
    except (InvalidRequirement, RecursionError) as e:
        from releaselint.core.versions import shown

        where = f"{path}:{line}" if line is not None else path
        # packaging's message goes on with the string and a caret line: keep the first
        reason = str(e).splitlines()[0] if str(e) else "not PEP 508"
        if isinstance(e, RecursionError):
            reason = "nested too deep"
        raise FatalError(
            f"{where}: invalid requirement {shown(value)} in {field}: {reason}"
        ) from None
    if parsed.url is not None:
        span = None
    requirement = _placed(path, line, span, parsed.name, value, kind, field, group)
    start, end = requirement.start, requirement.end
    # the span must hold exactly what packaging read as the specifier, or it is not given
    if start is not None and end is not None and span is not None:
        inner = value[start - span[0] : end - span[0]]
        try:
            same = SpecifierSet(inner) == parsed.specifier
        except ValueError:  # a number past int()'s 4,300 digits: nothing to rewrite
            same = False
        if not same:
            return requirement._replace(start=None, end=None)
    return requirement


def _compatible(spec: str) -> bool:
    """Whether each ``~=`` clause names two release numbers at least (``~=1`` is invalid)."""
    for text in spec.split(","):
        found = clause(text)
        if found is not None and found[0] == "~=" and "." not in found[1]:
            return False
    return True


def _placed(
    path: str,
    line: int | None,
    span: tuple[int, int] | None,
    name: str,
    value: str,
    kind: str,
    field: str,
    group: str | None,
) -> Requirement:
    """The requirement, with the span of its specifier where the file holds the string
    verbatim (``span``) and the specifier can be placed."""
    inner = _specifier_span(value, name) if span is not None else None
    if span is None or inner is None:
        return Requirement(path, line, name, value, None, None, kind, field, None, group)
    begin, finish = inner
    return Requirement(
        path, line, name, value, span[0] + begin, span[0] + finish, kind, field, None, group
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
