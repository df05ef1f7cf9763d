"""``Cargo.lock``: the entries of the repository's own crates (those with no ``source``) and
the crates they depend on, with the versions locked for them.

Cargo writes the file in one fixed shape (``[[package]]`` blocks of ``key = "string"`` lines
and one-string-a-line arrays), and most of a large one is registry crates that are not ours.
``_scan`` reads that shape line by line and gives up (None) at anything else, where the full
TOML parse takes over. On a 1,000-line Cargo.lock (140 crates) the scan takes 1.1 ms where
the parse takes 27 ms (``python scripts/bench_alignment.py``, ``Cargo.lock`` row).
"""

from __future__ import annotations

import re

from releaselint.core import toml
from releaselint.core.files import line_of
from releaselint.core.lockfiles import damage
from releaselint.core.model import Declaration, Locked

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from releaselint.core.model import Requirement

# Cargo.lock format versions: none written (1 and 2), `version = 3` (Rust 1.53), 4 (1.78)
KNOWN_VERSIONS = range(1, 5)
# control characters are in no TOML string or comment (tab excepted)
_STRING_LINE_RE = re.compile(r'([A-Za-z0-9_-]+) = "([^"\\\x00-\x08\x0a-\x1f\x7f]*)"')
_ITEM_LINE_RE = re.compile(r' "[^"\\\x00-\x08\x0a-\x1f\x7f]*",')
_COMMENT_LINE_RE = re.compile(r"#[^\x00-\x08\x0a-\x1f\x7f]*")
_VERSION_LINE_RE = re.compile(r"version = ([1-9][0-9]{0,8})")
_ARRAY_START_RE = re.compile(r"([A-Za-z0-9_-]+) = \[")


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
    in_array = False
    lines = text.split("\n")
    if lines[-1].endswith("\r"):  # a CR that ends no CRLF is no TOML newline
        return None
    offset = 0
    for line in lines:
        start = offset
        offset += len(line) + 1
        if line.endswith("\r"):
            line = line[:-1]
        if in_array:
            if line == "]":
                in_array = False
            elif _ITEM_LINE_RE.fullmatch(line) is None:
                return None
            continue
        if not line or (line[0] == "#" and _COMMENT_LINE_RE.fullmatch(line)):
            continue
        if line == "[[package]]":
            block = {}
            blocks.append(block)
            continue
        if block is None:
            match = _VERSION_LINE_RE.fullmatch(line)
            if match is None or top_version is not None:
                return None
            top_version = int(match.group(1))
            continue
        match = _STRING_LINE_RE.fullmatch(line)
        if match is not None:
            if match.group(1) in block:
                return None
            block[match.group(1)] = (match.group(2), start + match.start(2), start + match.end(2))
            continue
        match = _ARRAY_START_RE.fullmatch(line)
        if match is None or match.group(1) in block:
            return None
        block[match.group(1)] = None
        in_array = True
    if in_array:
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
