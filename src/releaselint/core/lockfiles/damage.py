"""What makes a lockfile unreadable, said plainly: a byte order mark, a merge conflict left
in it, a file cut short, a format version this reader does not know; and the command that
writes the lockfile afresh."""

from __future__ import annotations

import posixpath

from releaselint.core.errors import FatalError
from releaselint.core.files import line_of
from releaselint.core.lazyre import lazy

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NoReturn

    from releaselint.core import toml

# only a file that failed to parse is searched
_CONFLICT_RE = lazy(r"(?m)^(?:<{7}|>{7})(?: |\r?$)")
# the command that writes each lockfile from its manifests alone
REGENERATE = {
    "uv.lock": "uv lock",
    "poetry.lock": "poetry lock",
    "package-lock.json": "npm install --package-lock-only",
    "pnpm-lock.yaml": "pnpm install --lockfile-only",
    "Cargo.lock": "cargo generate-lockfile",
}


class UnsupportedLockfile(FatalError):
    """A lockfile whose format version this reader does not know: refused, not guessed at."""

    def __init__(self, path: str, line: int, key: str, value: object, known: range) -> None:
        shown = "none" if value is None else repr(value)
        if isinstance(value, str) and value.strip().isdigit():
            shown += " (a string, not a number)"  # "3" is not 3 to the tool either
        super().__init__(
            f"{path}:{line}: unsupported lockfile: {key} {shown} "
            f"(releaselint reads {known.start} to {known.stop - 1})"
        )
        self.path = path
        self.line = line
        # what the lockfile check says: a lockfile releaselint cannot read is left unchecked
        self.unchecked = f"releaselint reads {key} {known.start} to {known.stop - 1}, not {shown}"


def regenerate(path: str) -> str:
    """How to write the lockfile afresh: "regenerate it with `<command>`"."""
    command = REGENERATE.get(posixpath.basename(path))
    return f"regenerate it with `{command}`" if command else "regenerate it"


def refuse_bom(path: str, text: str) -> None:
    if text.startswith("\ufeff"):
        raise FatalError(
            f"{path}:1: invalid lockfile: it starts with a byte order mark (U+FEFF); "
            f"save it as UTF-8 without one, or {regenerate(path)}"
        )


def explain(path: str, text: str, error: FatalError) -> FatalError:
    """A parse error, or the merge conflict behind it: a lockfile with conflict markers is
    never valid TOML or JSON, so they are looked for only once parsing has failed."""
    marker = _CONFLICT_RE.search(text)
    if marker is not None:
        return FatalError(
            f"{path}:{line_of(text, marker.start())}: unresolved merge conflict "
            f"('{marker.group()[:7]}' line): resolve it, or {regenerate(path)}"
        )
    message = str(error)
    last = text.count("\n") + 1 - text.endswith("\n")
    where, _, rest = message.partition(": ")
    number = where[len(path) + 1 :] if where.startswith(f"{path}:") else ""
    # the parser stopped at the end of the document ("at end of document", or the line
    # after the last), or on the last line of a file that lacks the final newline every
    # lock tool writes: a file cut short
    if (
        where == path
        or (number.isdigit() and int(number) > last)
        or (number == str(last) and not text.endswith("\n"))
    ):
        # Python's json names where a string starts, a position the message here leaves out
        rest = rest.removesuffix(" starting at")
        return FatalError(
            f"{path}:{last}: {rest} at the end of the file (truncated?); {regenerate(path)}"
        )
    return FatalError(f"{message}; {regenerate(path)}")


def key_line(text: str, key: str) -> int:
    """The first line that begins with ``key`` (after indentation or a quote); 1 where
    none does."""
    return next(
        (n for n, body in enumerate(text.splitlines(), 1) if body.lstrip(' \t"').startswith(key)),
        1,
    )


def refuse_version(path: str, text: str, key: str, value: object, known: range) -> NoReturn:
    raise UnsupportedLockfile(path, key_line(text, key), key, value, known)


def check_format_version(path: str, text: str, key: str, value: object, known: range) -> None:
    """A lockfile whose format version is missing is read as the oldest; one that names a
    version this reader does not know is refused, not guessed at."""
    if value is None or (type(value) is int and value in known):
        return
    refuse_version(path, text, key, value, known)


def load_toml_packages(
    path: str, text: str, known: range
) -> tuple[list[Any], dict[toml.KeyPath, tuple[int, int]]]:
    """The ``[[package]]`` array of a TOML lockfile (Cargo.lock, uv.lock) and the spans of
    the document's strings, or the error that says what is wrong with the file."""
    from releaselint.core import toml

    refuse_bom(path, text)
    try:
        data, spans = toml.load_with_spans(path, text)
    except FatalError as e:
        raise explain(path, text, e) from None
    check_format_version(path, text, "version", data.get("version"), known)
    entries = data.get("package", [])
    if not isinstance(entries, list):
        raise FatalError(
            f"{path}:1: invalid lockfile: 'package' is not an array of tables; {regenerate(path)}"
        )
    return entries, spans
