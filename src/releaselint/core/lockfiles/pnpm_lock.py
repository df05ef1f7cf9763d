"""``pnpm-lock.yaml``: each importer's dependency maps (``{name: specifier}``), read without
loading the whole file where it can be helped.

A real pnpm-lock.yaml is megabytes, almost all of it ``packages:`` and ``snapshots:``, and
a pure-Python YAML load of one costs seconds. pnpm writes the importers first: ``_split``
reads the part before the first top-level ``packages:``/``snapshots:`` key and checks that
each line of the rest is in the shape pnpm writes it (``key:``, ``key: scalar``, ``key:
{flow}``, ``- item``, indentation nested as YAML requires, no anchors, tags, aliases or
multi-line scalars), so that the rest can neither fail to load nor change the part read;
at anything else, the whole file is loaded. The part read is built by hand
(``block_document``: PyYAML costs ~20 ms to import) where its scalars are ones PyYAML
constructs as strings, booleans, null or decimal integers, else PyYAML loads it.
Differential tests prove the same answer as PyYAML's load, on generated edits of real
lockfiles and on generated documents.
"""

from __future__ import annotations

from releaselint.core import yaml
from releaselint.core.errors import FatalError
from releaselint.core.lazyre import lazy
from releaselint.core.lockfiles import damage

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any, NoReturn

    Importers = dict[str, dict[str, dict[str, str]]]
    # the importers, the lock's `overrides` ({} where it has none), and the specifier of
    # each entry of its `catalogs` (catalog name -> package name -> specifier)
    Lock = tuple[Importers, dict[str, str], dict[str, dict[str, str]]]

MAPS = ("dependencies", "devDependencies", "optionalDependencies")
# lockfileVersion '6.0' (pnpm 8), '7.0' (pnpm 9 beta), '9.0' (pnpm 9+): importers whose
# entries are {specifier, version}
KNOWN_MAJORS = range(6, 10)
_TAIL_KEYS = ("packages:", "snapshots:")
_READ = frozenset(("lockfileVersion", "importers", "overrides", "catalogs", *MAPS))
# The lines of a pnpm-lock.yaml, as YAML reads them (yaml.org/spec/1.1, and PyYAML's
# scanner): a key with a scalar, a flow collection or nothing after it, or a sequence item.
# Plain scalars start with no indicator, hold no `: ` and no ` #`, end with no `:`; in a
# flow collection, they hold no `,?[]{}` either. Not a date (PyYAML constructs one, and
# may refuse it). Quoted scalars hold no escape. No tab anywhere but in a comment. The text
# holds nothing PyYAML does not read as printable and no line break but LF (NEL, U+2028,
# U+2029 are, to PyYAML; a BOM is left to it too): ``_UNREAD_RE`` looks for those once, so
# that the line classes stay small (a class of every printable character costs ~150 ms to
# compile). Anything else is loaded by PyYAML.
_UNREAD_RE = lazy(
    "[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u2028\\u2029\\ud800-\\udfff\\ufeff\\ufffe\\uffff]"
)
# the characters of ``_UNREAD_RE`` that ASCII holds, looked for one by one in an ASCII
# text (``in`` is a memchr: a tenth of the pattern's time on a 0.5 MB lockfile)
_ASCII_UNREAD = tuple(chr(c) for c in (*range(0x09), *range(0x0B, 0x20), 0x7F))


def _unread(text: str) -> bool:
    """Whether ``text`` holds a character ``_UNREAD_RE`` finds."""
    if text.isascii():
        return any(c in text for c in _ASCII_UNREAD)
    return _UNREAD_RE.search(text) is not None


_NS = "^\\t :"  # (negated) no space, no `:`
_FLOW_NS = "^\\t :,?\\[\\]{}"
_INDICATORS = "\\-?:,\\[\\]{}#&*!|>'\"%@`"


def _plain(chars: str) -> str:
    """Runs of ``chars``, each after a run of `:` or of spaces (a space run not before `#`):
    one way for each character to match, linear time."""
    # not `=` or `<<` alone: PyYAML's value and merge tags, which it does not construct
    alone = "(?!(?:=|<<)(?:[:,\\]}]|$))"
    runs = f"[{chars}]+(?:(?::+| +(?!#))[{chars}]+)*"
    return f"(?!\\d{{4}}-\\d){alone}(?![{_INDICATORS}]){runs}"


# `''` stands for a quote; runs between them, which the engine takes at once
_SINGLE = "'[^'\\t]*(?:''[^'\\t]*)*'"
_DOUBLE = '"[^"\\\\\\t]*"'
_QUOTED = f"{_SINGLE}|{_DOUBLE}"
_SCALAR = f"(?:{_plain(_NS)}|{_QUOTED})"
_FLOW_SCALAR = f"(?:{_plain(_FLOW_NS)}|{_QUOTED})"
_PAIR = f"{_FLOW_SCALAR}: {_FLOW_SCALAR}"
_FLOW = f"\\{{(?:{_PAIR}(?:, {_PAIR})*)?\\}}|\\[(?:{_FLOW_SCALAR}(?:, {_FLOW_SCALAR})*)?\\]"
_COMMENT = "#.*"
# groups: the indentation, the key or the `-` of an item, the value
_LINE_RE = lazy(f"( *)(?:({_SCALAR}):|(-))(?: ({_SCALAR}|{_FLOW}))?(?: +{_COMMENT})?")
# PyYAML refuses an implicit key longer than 1024 characters
_MAX_LINE = 1000


def workspace_document(path: str, text: str) -> object:
    """pnpm-workspace.yaml, as PyYAML loads it; without PyYAML (~20 ms to import) where its
    lines are in the shape ``block_document`` reads."""
    found = block_document(text)
    return found if found is not None else yaml.load(path, text)


def main_document(text: str) -> str:
    """The lockfile document of a pnpm-lock.yaml. pnpm 11 writes the package manager it
    installed first, as a document of its own (``---`` ... ``---``), and the lockfile after
    it; the first document's lines are blanked, so that lines keep their numbers."""
    if not text.startswith("---\n"):
        return text
    cut = text.find("\n---\n", 3)
    if cut < 0:
        return text
    return "\n" * (text.count("\n", 0, cut + 1) + 1) + text[cut + len("\n---\n") :]


def read(path: str, text: str) -> Lock:
    """Importer folder ("." for the lockfile's own) -> map name -> {name: specifier}, and
    the ``overrides`` the lock was made with. A lockfile version outside ``KNOWN_MAJORS``
    raises ``damage.UnsupportedLockfile``."""
    damage.refuse_bom(path, text)
    text = main_document(text)
    data = _split(path, text)
    if data is None:
        data = _load(path, text)
    return _importers(path, text, data)


def full_read(path: str, text: str) -> Lock:
    """``read`` by a load of the whole file: the twin the scan is tested against."""
    damage.refuse_bom(path, text)
    text = main_document(text)
    return _importers(path, text, _load(path, text))


def locked_version(path: str, text: str, importer: str, name: str) -> object:
    """The ``version`` an importer's lock entry for ``name`` holds (``link:../lib`` for a
    workspace link), None where it has none; read as ``read`` reads the importers."""
    return version_in(lock_document(path, text), importer, name)


def lock_document(path: str, text: str) -> object:
    """The lockfile's document, as ``locked_version`` reads it (parse it once, ask
    ``version_in`` as often as needed)."""
    damage.refuse_bom(path, text)
    text = main_document(text)
    data = _split(path, text)
    return _load(path, text) if data is None else data


def version_in(data: object, importer: str, name: str) -> object:
    """``locked_version`` of a document ``lock_document`` gave."""
    if not isinstance(data, dict):
        return None
    importers = data.get("importers") if "importers" in data else {".": data}
    entry = importers.get(importer) if isinstance(importers, dict) else None
    for field in MAPS:
        entries = entry.get(field) if isinstance(entry, dict) else None
        found = entries.get(name) if isinstance(entries, dict) else None
        if isinstance(found, dict):
            return found.get("version")
    return None


def _load(path: str, text: str) -> Any:
    try:
        return yaml.load(path, text)
    except FatalError as e:
        raise damage.explain(path, text, e) from None


def _importers(path: str, text: str, data: Any) -> Lock:
    if not isinstance(data, dict):
        raise FatalError(
            f"{path}:1: invalid lockfile: the top level is not a mapping; {damage.regenerate(path)}"
        )
    version = data.get("lockfileVersion")
    try:
        major = int(str(version).partition(".")[0])
    except ValueError:
        major = 0
    if major not in KNOWN_MAJORS:
        damage.refuse_version(path, text, "lockfileVersion", version, KNOWN_MAJORS)
    if "importers" in data:
        found = data["importers"]
        if not isinstance(found, dict):
            _invalid(path, text, ["importers"], "is not a mapping of projects")
        keys: list[str] = ["importers"]
    else:
        found = {".": data}  # one project: its maps at the top level
        keys = []
    result: Importers = {}
    for key, importer in found.items():
        where = [*keys, key] if keys else []
        if not isinstance(importer, dict):
            _invalid(path, text, where, "is not a mapping of dependency maps")
        maps: dict[str, dict[str, str]] = {}
        for field in MAPS:
            if field not in importer:
                continue
            entries = importer[field]
            if not isinstance(entries, dict):
                _invalid(path, text, [*where, field], "is not a mapping of dependencies")
            maps[field] = {}
            for name, entry in entries.items():
                specifier = entry.get("specifier") if isinstance(entry, dict) else None
                # pnpm writes a string; a number a hand edit left unquoted reads as its text
                if type(specifier) not in (str, int, float):
                    _invalid(path, text, [*where, field, name], "has no specifier")
                maps[field][str(name)] = str(specifier)
        result[str(key)] = maps
    overrides = data.get("overrides")
    if not isinstance(overrides, dict):
        overrides = {}
    catalogs: dict[str, dict[str, str]] = {}
    found_catalogs = data.get("catalogs")
    for catalog, entries in found_catalogs.items() if isinstance(found_catalogs, dict) else ():
        where = ["catalogs", catalog]
        if not isinstance(entries, dict):
            _invalid(path, text, where, "is not a mapping of packages")
        catalogs[str(catalog)] = {}
        for name, entry in entries.items():
            specifier = entry.get("specifier") if isinstance(entry, dict) else None
            if type(specifier) not in (str, int, float):
                _invalid(path, text, [*where, name], "has no specifier")
            catalogs[str(catalog)][str(name)] = str(specifier)
    return result, {str(k): str(v) for k, v in overrides.items()}, catalogs


def _invalid(path: str, text: str, keys: list[Any], problem: str) -> NoReturn:
    """A located refusal of what pnpm never writes: a file cut short, or edited by hand."""
    shown = keys[0] if keys else "the lockfile"
    shown += "".join(f"['{k}']" if i == 1 or i == 3 else f".{k}" for i, k in enumerate(keys) if i)
    raise FatalError(
        f"{path}:{_key_line(text, keys)}: invalid lockfile: {shown} {problem} "
        f"(cut short, or edited by hand?); {damage.regenerate(path)}"
    )


def _key_of(line: str) -> str | None:
    """The key of a ``key: value`` or ``key:`` line, unquoted (str methods, not a pattern:
    linear on a line of any length)."""
    line = line.rstrip("\r")
    quote = line[:1]
    if quote in ("'", '"'):
        end = 1
        while True:
            end = line.find(quote, end)
            if end < 0:
                return None
            if quote == "'" and line[end + 1 : end + 2] == "'":
                end += 2  # '' stands for one quote
            elif quote == '"' and line[end - 1] == "\\":
                end += 1
            else:
                break
        if not line[end + 1 :].lstrip(" \t").startswith(":"):
            return None
        key = line[1:end]
        return key.replace("''", "'") if quote == "'" else key.replace('\\"', '"')
    head, colon, _ = line.partition(": ")
    if not colon:
        if not line.endswith(":"):
            return None
        head = line[:-1]
    return head.rstrip(" \t")


def _key_line(text: str, keys: list[Any]) -> int:
    """The line of the deepest of ``keys`` (each a key inside the one before) found in the
    block layout pnpm writes; the line of the last key found, 1 where none is."""
    lines = text.split("\n")
    found, start, depth = 1, 0, -1
    for key in keys:
        child = None  # the indentation of the first line inside the parent
        for number in range(start, len(lines)):
            stripped = lines[number].lstrip(" ")
            if not stripped or stripped[0] == "#":
                continue
            indent = len(lines[number]) - len(stripped)
            if indent <= depth:
                return found  # the parent's block ended
            child = indent if child is None else child
            if indent == child and _key_of(stripped) == str(key):
                found, start, depth = number + 1, number + 1, indent
                break
        else:
            return found
    return found


def _split(path: str, text: str) -> Any:
    """The document as loaded from the part before its first top-level ``packages:`` or
    ``snapshots:`` key, where the rest is in pnpm's shape (see the module docstring);
    None where the whole file must be loaded."""
    at = _tail_start(text)
    if at is None:  # no packages (a workspace of links): the whole file is the head
        return block_document(text)
    head, rest = text[:at], text[at:]
    if any(line[:3] in ("---", "...") or line[:1] == "%" for line in head.split("\n")):
        return None
    keys = _tail_keys(rest)
    if keys is None:
        return None
    data = block_document(head)
    if data is None:
        try:
            data = yaml.load(path, head)
        except FatalError:
            return None  # the full load says where
    # a key of the rest would override one read from the head
    if not isinstance(data, dict) or any(k in data or k in _READ for k in keys):
        return None
    return data


def _tail_start(text: str) -> int | None:
    for key in _TAIL_KEYS:
        if text.startswith(key):
            return 0
    found = [text.find(f"\n{key}") for key in _TAIL_KEYS]
    starts = [i + 1 for i in found if i >= 0]
    return min(starts) if starts else None


def _shaped(text: str) -> Iterator[tuple[int, str, Any] | None]:
    """(indentation, kind -- "map" or "seq" --, match) of each line of ``text`` in pnpm's
    shape (``_LINE_RE``), blank lines and comments passed over; None, and nothing after
    it, at the first line in no such shape."""
    if _unread(text):
        yield None
        return
    for line in text.split("\n"):
        if not line or (line.lstrip(" ")[:1] == "#" and _COMMENT_RE.fullmatch(line)):
            continue
        match = _LINE_RE.fullmatch(line) if len(line) <= _MAX_LINE else None
        if match is None:
            yield None
            return
        yield len(match.group(1)), "seq" if match.group(3) else "map", match


def _tail_keys(rest: str) -> list[str] | None:
    """The top-level keys of the rest, or None where a line is outside pnpm's shape."""
    keys: list[str] = []
    stack = [(-1, "")]  # indentation and kind ("map" or "seq") of the open collections
    opened = True  # the line before was `key:` with no value (a collection may start)
    for shaped in _shaped(rest):
        if shaped is None:
            return None
        indent, kind, match = shaped
        if opened and indent > stack[-1][0]:
            stack.append((indent, kind))
            if len(stack) > yaml.MAX_NESTING // 2:
                return None
        else:
            while stack[-1][0] > indent:
                stack.pop()
            if stack[-1] != (indent, kind):
                return None
        if indent == 0:
            key = match.group(2)
            if key[0] in "'\"" or key in keys:
                return None
            keys.append(key)
        opened = kind == "map" and match.group(4) is None
    return keys


# YAML 1.1's implicit types, as PyYAML's resolver tries them on a plain scalar by its first
# character (yaml.org/type: bool, float, int, merge, null, timestamp, value): a plain scalar
# that none of them matches is a string
_IMPLICIT = (
    (
        "bool",
        "yYnNtTfFoO",
        r"yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF",
    ),
    (
        "float",
        "-+0123456789.",
        r"[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
        r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
    ),
    (
        "int",
        "-+0123456789",
        r"[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
        r"|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+",
    ),
    ("merge", "<", r"<<"),
    ("null", "~nN", r"~|null|Null|NULL"),
    (
        "timestamp",
        "0123456789",
        r"[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
        r"(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?"
        r"(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?",
    ),
    ("value", "=", r"="),
)
_IMPLICIT_RE = [(tag, first, lazy(f"(?:{pattern})")) for tag, first, pattern in _IMPLICIT]
_FLOW_ITEM_RE = lazy(f"({_FLOW_SCALAR})(?:: ({_FLOW_SCALAR}))?(?:, |$)")
_UNSURE = object()
_COMMENT_RE = lazy(f" *{_COMMENT}")


_TRUE = ("yes", "true", "on")
_DIGITS = frozenset("0123456789")


def _scalar(text: str) -> object:
    """A scalar of pnpm's shape (``_SCALAR``) as PyYAML's safe loader constructs it: a
    string, a boolean, null or a plain decimal integer; ``_UNSURE`` for the other implicit
    types (floats, dates, octal or sexagesimal integers...), which PyYAML reads then."""
    if text[0] == "'":
        return text[1:-1].replace("''", "'")
    if text[0] == '"':
        return text[1:-1]  # no escape in it (``_DOUBLE``)
    for tag, first, pattern in _IMPLICIT_RE:
        if text[0] in first and pattern.fullmatch(text) is not None:
            if tag == "bool":
                return text.lower() in _TRUE
            if tag == "null":
                return None
            if tag == "int":  # a plain decimal one (`[-+]?(?:0|[1-9][0-9_]*)`, no `_`)
                digits = text.lstrip("+-")
                plain = _DIGITS.issuperset(digits) and (digits == "0" or digits[:1] != "0")
                if plain and len(digits) <= yaml.MAX_DIGITS:
                    return int(text)
            return _UNSURE
    return text


def _value(text: str) -> object:
    """A value of pnpm's shape: a scalar, or a flow mapping or sequence of scalars."""
    if text[0] not in "{[":
        return _scalar(text)
    found: dict[object, object] = {}
    items: list[object] = []
    for match in _FLOW_ITEM_RE.finditer(text, 1, len(text) - 1):
        key = _scalar(match.group(1))
        value = None if match.group(2) is None else _scalar(match.group(2))
        if key is _UNSURE or value is _UNSURE:
            return _UNSURE
        if text[0] == "{":
            found[key] = value
        else:
            items.append(key)
    return found if text[0] == "{" else items


def block_document(head: str) -> dict[object, object] | None:
    """The part of a pnpm-lock.yaml before its ``packages:``, where every line is in the
    shape pnpm writes (``_LINE_RE``, nested as YAML requires) and every scalar is a string
    to YAML, built as PyYAML's safe loader builds it (the test suite holds the two
    together); None anywhere else (PyYAML reads it then: ~20 ms to import and load)."""
    root: dict[object, object] = {}
    # the open collections: indentation, kind, and the mapping or list itself
    stack: list[tuple[int, str, Any]] = [(0, "map", root)]
    pending: tuple[dict[object, object], object] | None = None  # a `key:` awaiting a block
    for shaped in _shaped(head):
        if shaped is None:
            return None
        indent, kind, match = shaped
        if pending is not None and indent > stack[-1][0]:
            container: Any = {} if kind == "map" else []
            pending[0][pending[1]] = container
            stack.append((indent, kind, container))
            if len(stack) > yaml.MAX_NESTING // 2:
                return None
        else:
            while stack[-1][0] > indent:
                stack.pop()
            if stack[-1][:2] != (indent, kind):
                return None
        pending = None
        container = stack[-1][2]
        if kind == "seq":
            item = None if match.group(4) is None else _value(match.group(4))
            if item is _UNSURE:
                return None
            container.append(item)
            continue
        key = _scalar(match.group(2))
        raw = match.group(4)
        value = None if raw is None else _value(raw)
        if key is _UNSURE or value is _UNSURE:
            return None
        container[key] = value
        if raw is None:
            pending = (container, key)
    return root if root else None  # YAML reads a document of no content as null
