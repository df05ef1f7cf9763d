"""``Cargo.lock``: the entries of the repository's own crates (those with no ``source``) and
the crates they depend on, with the versions locked for them.

Cargo writes the file in one fixed shape (``[[package]]`` blocks of ``key = "string"`` lines
and one-string-a-line arrays), and most of a large one is registry crates that are not ours.
``_scan`` reads that shape line by line and gives up (None) at anything else, where the full
TOML parse takes over. Measured on pydantic-core's 963-line Cargo.lock on a loaded 2-core
machine: the first read takes 0.8 ms by the scan and 2.2 ms by the parse (best of 30 with
``lock_read_ms`` of ``scripts/bench_alignment.py``, which prints it for a generated
1,062-line one: 0.9 against 2.4 ms), and discovery in a repository holding it 8.2 ms
against 10.4 ms (best of 40 fresh runs). Regexes per line shape would cost ~0.5 ms to
compile: the scan uses string operations.
"""

from __future__ import annotations

from releaselint.core import toml
from releaselint.core.files import line_of
from releaselint.core.lockfiles import damage, lines
from releaselint.core.model import Declaration, Locked

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from releaselint.core.model import Requirement

# Cargo.lock format versions: none written (1 and 2), `version = 3` (Rust 1.53), 4 (1.78)
KNOWN_VERSIONS = range(1, 5)


def read(path: str, text: str, *, requirements: bool = False) -> list[Locked]:
    damage.refuse_bom(path, text)
    if not requirements:
        scanned = _scan(path, text)
        if scanned is not None:
            return scanned
    return _parse(path, text, requirements)


def _parse(path: str, text: str, requirements: bool) -> list[Locked]:
    entries, spans = damage.load_toml_packages(path, text, KNOWN_VERSIONS)
    versions: dict[str, list[str]] = {}
    if requirements:
        for entry in entries:
            if isinstance(entry, dict) and isinstance(entry.get("version"), str):
                versions.setdefault(str(entry.get("name")), []).append(entry["version"])
    found = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or "source" in entry:
            continue
        name, version = entry.get("name"), entry.get("version")
        span = spans.get(("package", index, "version"))
        if isinstance(name, str) and isinstance(version, str) and span is not None:
            start, end = span
            field = f"[[package]] {name}"
            declaration = Declaration(path, line_of(text, start), version, start, end, field)
            locked = _locked(entry, index, versions, path, text, spans) if requirements else []
            found.append(Locked(name, None, [declaration], locked))
    return found


def _locked(
    entry: dict[str, Any],
    index: int,
    versions: dict[str, list[str]],
    path: str,
    text: str,
    spans: dict[toml.KeyPath, tuple[int, int]],
) -> list[Requirement]:
    """``dependencies = ["a", "b 1.0.0", "c 1.0.0 (registry+...)"]``: Cargo writes the
    version (and the source) only where the name alone is ambiguous; else it is that of
    the one entry of the name."""
    from releaselint.core.manifests import specifiers

    found = []
    dependencies = entry.get("dependencies")
    field = f"[[package]] {entry['name']} dependencies"
    for position, item in enumerate(dependencies if isinstance(dependencies, list) else ()):
        if not isinstance(item, str) or not item:
            continue
        name, _, rest = item.partition(" ")
        version = rest.partition(" ")[0]
        keypath = ("package", index, "dependencies", position)
        if version:
            requirement = specifiers.specifier(
                path, text, spans, keypath, name, item, "normal", field, None, None, len(name) + 1
            )
            if requirement.start is not None:
                requirement = requirement._replace(end=requirement.start + len(version))
            found.append(requirement._replace(text=version))
        else:
            candidates = versions.get(name, [])
            locked = candidates[0] if len(candidates) == 1 else ""
            requirement = specifiers.specifier(
                path, text, spans, keypath, name, item, "normal", field, None, None, None
            )
            found.append(requirement._replace(text=locked))
    return found


def _scan(path: str, text: str) -> list[Locked] | None:
    """The own entries of a Cargo.lock in the shape Cargo writes, or None at the first line
    outside it (the caller then parses the whole file). Exactly ``_parse``'s answer where
    it answers: a differential test proves it on generated lockfiles."""
    blocks: list[dict[str, tuple[str, int, int] | None]] = []
    block: dict[str, tuple[str, int, int] | None] | None = None
    top_version: int | None = None
    for placed in lines.toml_lines(text, _is_item):
        if placed is None:
            return None
        start, line = placed
        if line == "[[package]]":
            block = {}
            blocks.append(block)
            continue
        key, equals, value = line.partition(" = ")
        if not equals or not key or not lines.BARE.issuperset(key):
            return None
        if block is None:
            if key != "version" or top_version is not None or not _is_count(value):
                return None
            top_version = int(value)
        elif key in block:
            return None
        elif _is_string(value):
            begin = start + len(key) + len(' = "')
            block[key] = (value[1:-1], begin, begin + len(value) - 2)
        elif value == "[":  # its items are checked by toml_lines
            block[key] = None
        else:
            return None
    damage.check_format_version(path, text, "version", top_version, KNOWN_VERSIONS)
    found = []
    for block in blocks:
        if "source" in block:
            continue
        name, version = block.get("name"), block.get("version")
        if name is not None and version is not None:
            value, start, end = version
            declaration = Declaration(
                path, line_of(text, start), value, start, end, f"[[package]] {name[0]}"
            )
            found.append(Locked(name[0], None, [declaration], []))
    return found


def _is_item(line: str) -> bool:
    """An item of a multi-line array as Cargo writes it: `` "serde 1.0.0",``."""
    return line[:1] == " " and line[-1:] == "," and _is_string(line[1:-1])


def _is_string(value: str) -> bool:
    """A basic string without escapes (control characters are ruled out already)."""
    return (
        len(value) >= 2
        and value[0] == '"'
        and value[-1] == '"'
        and '"' not in value[1:-1]
        and "\\" not in value
    )


def _is_count(value: str) -> bool:
    """A TOML decimal integer of the plain kind: digits, no sign, no leading zero."""
    return value.isascii() and value.isdigit() and value[0] != "0" and len(value) < 10
