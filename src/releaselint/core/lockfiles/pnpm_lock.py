"""``pnpm-lock.yaml``: each importer's dependency maps (``{name: specifier}``), read without
loading the whole file where it can be helped.

A real pnpm-lock.yaml is megabytes, almost all of it ``packages:`` and ``snapshots:``, and
a pure-Python YAML load of one costs seconds. pnpm writes the importers first: ``_split``
loads the part before the first top-level ``packages:``/``snapshots:`` key and checks that
each line of the rest is in the shape pnpm writes it (``key:``, ``key: scalar``, ``key:
{flow}``, indentation nested as YAML requires, no anchors, tags, aliases or multi-line
scalars), so that the rest can neither fail to load nor change the part read; at anything
else, the whole file is loaded. A differential test proves the same answer on generated
edits of real lockfiles.
"""

from __future__ import annotations

from releaselint.core import yaml
from releaselint.core.errors import FatalError
from releaselint.core.lazyre import lazy
from releaselint.core.lockfiles import damage

TYPE_CHECKING = False
if TYPE_CHECKING:
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
# Scalars pnpm writes unquoted: no YAML indicator first, no `:`, `#`, `,`, brackets,
# anchors or tags anywhere; not `=`/`<<` (PyYAML's value and merge tags) nor a date
# (PyYAML constructs and may refuse it). Quoted ones of printable ASCII without escapes:
# PyYAML folds a quoted scalar at any of its line breaks, NEL and U+2028 included.
_PLAIN = r"(?!\d{4}-\d)[A-Za-z0-9./^~_(](?:[A-Za-z0-9 ./^~<>=+_()@|*-]*[A-Za-z0-9./^~<>=+_()@|*-])?"
_QUOTED = r"'(?:[ -&(-~]|'')*'|\"[ !#-\[\]-~]*\""
_SCALAR = rf"(?:{_PLAIN}|{_QUOTED})"
_PAIR = rf"{_SCALAR}: {_SCALAR}"
_FLOW = rf"\{{(?:{_PAIR}(?:, {_PAIR})*)?\}}|\[(?:{_SCALAR}(?:, {_SCALAR})*)?\]"
_LINE_RE = lazy(rf"( *)(?:({_SCALAR}):(?: ({_SCALAR}|{_FLOW}))?|(- )(?:{_SCALAR}|{_FLOW}))")
# PyYAML refuses an implicit key longer than 1024 characters
_MAX_LINE = 1000


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
    # each `:` or `,` stands for at most a few values: far from the loader's value limit
    if at is None or text.count(":") + text.count(",") > yaml.MAX_VALUES // 4:
        return None
    head, rest = text[:at], text[at:]
    if any(line[:3] in ("---", "...") or line[:1] == "%" for line in head.split("\n")):
        return None
    keys = _tail_keys(rest)
    if keys is None:
        return None
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


def _tail_keys(rest: str) -> list[str] | None:
    """The top-level keys of the rest, or None where a line is outside pnpm's shape."""
    keys: list[str] = []
    stack = [(-1, "")]  # indentation and kind ("map" or "seq") of the open collections
    opened = True  # the line before was `key:` with no value (a collection may start)
    for line in rest.split("\n"):
        if not line:
            continue
        if len(line) > _MAX_LINE:
            return None
        match = _LINE_RE.fullmatch(line)
        if match is None:
            return None
        indent = len(match.group(1))
        kind = "seq" if match.group(4) else "map"
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
        opened = kind == "map" and match.group(3) is None
    return keys
