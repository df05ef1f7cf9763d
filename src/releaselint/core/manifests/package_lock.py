"""``package-lock.json``: ``.version``, ``packages[""].version`` and workspace entries."""

from __future__ import annotations

from releaselint.core import json as jsonfile
from releaselint.core.errors import FatalError
from releaselint.core.files import line_of
from releaselint.core.model import Declaration


def own_versions(path: str, text: str) -> dict[str, list[Declaration]]:
    """Package folder relative to the lockfile ("" for the root) -> its version entries.

    npm 7+ records each workspace member twice: ``packages["<folder>"]`` holds its version
    and ``packages["node_modules/<name>"]`` is a link to it (``"link": true``), which has
    none. Only the folder entries are the package's own version.
    """
    data = jsonfile.load(path, text)
    if not isinstance(data, dict):
        raise FatalError(f"{path}:1: invalid lockfile: the top level is not an object")
    wanted: dict[tuple[str | int, ...], tuple[str, str]] = {}
    if isinstance(data.get("version"), str):
        wanted[("version",)] = ("", ".version")
    packages = data.get("packages")
    if isinstance(packages, dict):
        for key, entry in packages.items():
            if "node_modules/" in f"/{key}" or not isinstance(entry, dict):
                continue
            if isinstance(entry.get("version"), str):
                wanted[("packages", key, "version")] = (key, f'packages["{key}"].version')
    spans = jsonfile.string_spans(text, wanted)
    found: dict[str, list[Declaration]] = {}
    for keypath, (folder, field) in wanted.items():
        if keypath not in spans:
            continue
        start, end = spans[keypath]
        found.setdefault(folder, []).append(
            Declaration(path, line_of(text, start), text[start:end], start, end, field)
        )
    return found
