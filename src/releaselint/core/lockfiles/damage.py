"""What makes a lockfile unreadable, said plainly: a byte order mark, a merge conflict left
in it, a format version this reader does not know."""

from __future__ import annotations

from releaselint.core import toml
from releaselint.core.errors import FatalError
from releaselint.core.files import line_of
from releaselint.core.lazyre import lazy

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# only a file that failed to parse is searched
_CONFLICT_RE = lazy(r"(?m)^(?:<{7}|>{7})(?: |\r?$)")


def refuse_bom(path: str, text: str) -> None:
    if text.startswith("\ufeff"):
        raise FatalError(
            f"{path}:1: invalid lockfile: it starts with a byte order mark (U+FEFF); "
            "save it as UTF-8 without one, or regenerate it"
        )


def explain(path: str, text: str, error: FatalError) -> FatalError:
    """A parse error, or the merge conflict behind it: a lockfile with conflict markers is
    never valid TOML or JSON, so they are looked for only once parsing has failed."""
    marker = _CONFLICT_RE.search(text)
    if marker is None:
        message = str(error)
        last = text.count("\n") + 1 - text.endswith("\n")
        where, _, rest = message.partition(": ")
        number = where[len(path) + 1 :] if where.startswith(f"{path}:") else ""
        # the parser stopped at the end of the document ("at end of document", or the line
        # after the last): a file cut short
        if where == path or (number.isdigit() and int(number) > last):
            return FatalError(f"{path}:{last}: {rest} at the end of the file (truncated?)")
        return error
    return FatalError(
        f"{path}:{line_of(text, marker.start())}: unresolved merge conflict "
        f"('{marker.group()[:7]}' line): resolve it, or regenerate the lockfile"
    )


def check_format_version(path: str, text: str, key: str, value: object, known: range) -> None:
    """A lockfile whose format version is missing is read as the oldest; one that names a
    version this reader does not know is refused, not guessed at."""
    if value is None or (type(value) is int and value in known):
        return
    line = next(
        (n for n, body in enumerate(text.splitlines(), 1) if body.lstrip(' \t"').startswith(key)),
        1,
    )
    raise FatalError(
        f"{path}:{line}: unsupported lockfile: {key} {value!r} "
        f"(releaselint reads {known.start} to {known.stop - 1})"
    )


def load_toml_packages(
    path: str, text: str, known: range
) -> tuple[list[Any], dict[toml.KeyPath, tuple[int, int]]]:
    """The ``[[package]]`` array of a TOML lockfile (Cargo.lock, uv.lock) and the spans of
    the document's strings, or the error that says what is wrong with the file."""
    try:
        data, spans = toml.load_with_spans(path, text)
    except FatalError as e:
        raise explain(path, text, e) from None
    check_format_version(path, text, "version", data.get("version"), known)
    entries = data.get("package", [])
    if not isinstance(entries, list):
        raise FatalError(f"{path}:1: invalid lockfile: 'package' is not an array of tables")
    return entries, spans
