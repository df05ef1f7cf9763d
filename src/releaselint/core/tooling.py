"""The release tooling a repository already uses, as evidence of what must agree.

Each reader turns one tool's configuration into ``Evidence``: which packages that tool
releases with one version (by folder or by package name), which extra declarations it keeps
(the Release Please manifest's entries, bump-my-version's ``current_version``), and which
tag prefix its releases carry. Nothing here guesses: a tool that allows its packages to
differ (lerna's fixed mode bumps only the packages that changed) links nothing.
"""

from __future__ import annotations

import posixpath

from releaselint.core import formats, toml
from releaselint.core import json as jsonfile
from releaselint.core.files import line_of
from releaselint.core.model import Declaration
from releaselint.core.records import record
from releaselint.core.versions import is_pep440, is_semver

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple

    from releaselint.core.release_please import Package
    from releaselint.core.tree import Tree

    class Evidence(NamedTuple):
        reason: str  # "release-please-config.json: linked-versions 'sdk'"
        folders: list[str]  # package folders ("" for the root) that share one version
        files: list[str]  # files whose packages (the nearest manifest above) share it
        names: list[str]  # package names (globs allowed) that share one version
        declarations: list[Declaration]  # the tool's own records of the version
        tag_prefixes: list[str]  # what its release tags start with
        # the tool releases its packages each at its own version: no lockstep from history
        independent: bool = False
else:
    Evidence = record(
        "Evidence",
        "reason folders files names declarations tag_prefixes independent",
        defaults=(False,),
    )

CHANGESETS_CONFIG = ".changeset/config.json"
BUMPVERSION_FILES = (".bumpversion.toml", ".bumpversion.cfg", "setup.cfg")
TBUMP_FILE = "tbump.toml"
LERNA_CONFIG = "lerna.json"
FILES = (
    formats.RELEASE_PLEASE_CONFIG,
    formats.RELEASE_PLEASE_MANIFEST,
    CHANGESETS_CONFIG,
    LERNA_CONFIG,
    "pyproject.toml",
    *BUMPVERSION_FILES,
    TBUMP_FILE,
)


def read_configs(tree: Tree) -> dict[str, str | None]:
    """The tools' configuration files at the top of ``tree`` (None where absent)."""
    return tree.read_many(list(FILES))


def evidence(texts: dict[str, str | None], names: dict[str, str]) -> list[Evidence]:
    """Evidence from every tool configured; ``names`` maps each package name to its folder
    (for tools that name packages)."""
    found: list[Evidence] = []
    config, manifest = (
        texts[formats.RELEASE_PLEASE_CONFIG],
        texts[formats.RELEASE_PLEASE_MANIFEST],
    )
    if config is not None:
        found.extend(_release_please(config, manifest, names))
    if texts[CHANGESETS_CONFIG] is not None:
        found.extend(_changesets(texts[CHANGESETS_CONFIG] or ""))
    if texts[LERNA_CONFIG] is not None:
        found.extend(_lerna(texts[LERNA_CONFIG] or ""))
    for path in ("pyproject.toml", ".bumpversion.toml"):
        text = texts[path]
        if text is not None and "bumpversion" in text:
            found.extend(_bumpversion_toml(path, text))
    for path in (".bumpversion.cfg", "setup.cfg"):
        text = texts[path]
        if text is not None and "[bumpversion" in text:
            found.extend(_bumpversion_cfg(path, text))
    if texts["pyproject.toml"] is not None and "tool.tbump" in (texts["pyproject.toml"] or ""):
        found.extend(_tbump("pyproject.toml", texts["pyproject.toml"] or "", ("tool", "tbump")))
    if texts[TBUMP_FILE] is not None:
        found.extend(_tbump(TBUMP_FILE, texts[TBUMP_FILE] or "", ()))
    return found


# --------------------------------------------------------------------------- Release Please
def release_please_component(package: Package, by_folder: dict[str, str]) -> str:
    """The component of a Release Please package, as release-please names it in tags:
    ``component``, else ``package-name``, else the name its release type reads from the
    package folder (``by_folder`` maps folders to package names), node names without their
    ``@scope/``; empty where ``include-component-in-tag`` is false."""
    name_file = package.name_file
    package.name = by_folder.get(package.folder) if name_file else None
    package.component = package.branch_component() if package.include_component_in_tag else ""
    return package.component


def release_please_tag_prefix(package: Package) -> str:
    """What the package's release tags start with (``core-v``, ``v``, ``core@``)."""
    return package.tag_prefix()


def _release_please(
    config_text: str, manifest_text: str | None, names: dict[str, str]
) -> list[Evidence]:
    # imported only where Release Please is configured (~1 ms of every other hook run)
    from releaselint.core import release_please

    path = formats.RELEASE_PLEASE_CONFIG
    config = release_please.parse(config_text, manifest_text)
    found: list[Evidence] = []
    components: dict[str, str] = {}
    by_folder = {folder: name for name, folder in names.items()}
    for package in config.packages:
        release_please_component(package, by_folder)
        components[package.branch_component()] = package.folder
        declarations = []
        entry = config.manifest_version(package)
        if entry is not None and manifest_text is not None:
            value, line = entry
            start, end = config.manifest_spans[(package.path,)]
            declarations.append(
                Declaration(
                    formats.RELEASE_PLEASE_MANIFEST, line, value, start, end, f'["{package.path}"]'
                )
            )
        prefix = release_please_tag_prefix(package)
        found.append(
            Evidence(
                f"{path}: package {package.path!r}", [package.folder], [], [], declarations,
                [prefix],
            )
        )  # fmt: skip
    for name, members in config.linked_groups:
        linked = [components[c] for c in members if c in components]
        if len(linked) > 1:
            found.append(Evidence(f"{path}: linked-versions {name!r}", linked, [], [], [], []))
    if len(config.packages) > 1:
        # each package has its own version in the manifest, but for linked-versions: two
        # packages released at one version once (aigne: core and agent-library at 1.3.0,
        # beside examples deleted since) are no evidence they must agree
        reason = f"{path}: packages are versioned apart unless linked-versions"
        found.append(Evidence(reason, [], [], [], [], [], independent=True))
    return found


# ------------------------------------------------------------------------------- changesets
def _changesets(text: str) -> list[Evidence]:
    config = jsonfile.load(CHANGESETS_CONFIG, text)
    fixed = config.get("fixed") if isinstance(config, dict) else None
    # changesets versions every package on its own, but for its `fixed` groups
    reason = f"{CHANGESETS_CONFIG}: packages are versioned independently unless fixed"
    found = [Evidence(reason, [], [], [], [], [], independent=True)]
    for index, names in enumerate(fixed if isinstance(fixed, list) else []):
        if isinstance(names, list) and all(isinstance(n, str) for n in names):
            reason = f"{CHANGESETS_CONFIG}: fixed[{index}]"
            found.append(Evidence(reason, [], [], list(names), [], []))
    return found


def _lerna(text: str) -> list[Evidence]:
    """lerna's independent mode is evidence of independence; its fixed mode is not evidence
    of lockstep (it bumps only the packages that changed)."""
    config = jsonfile.load(LERNA_CONFIG, text)
    if isinstance(config, dict) and config.get("version") == "independent":
        reason = f"{LERNA_CONFIG}: version 'independent'"
        return [Evidence(reason, [], [], [], [], [], independent=True)]
    return []


def names_match(name: str, patterns: list[str]) -> bool:
    from fnmatch import fnmatchcase  # imports re: only where a tool's config names globs

    return any(fnmatchcase(name, pattern) for pattern in patterns)


# --------------------------------------------------------------------------- bump-my-version
def _current(path: str, text: str, keys: tuple[str, ...]) -> Declaration | None:
    data, spans = toml.load_with_spans(path, text)
    value = toml.get(data, *keys)
    span = spans.get(keys)
    if not isinstance(value, str) or span is None:
        return None
    start, end = span
    return Declaration(path, line_of(text, start), value, start, end, ".".join(keys))


def _bumpversion_toml(path: str, text: str) -> list[Evidence]:
    data = toml.load(path, text)
    table = toml.get(data, "tool", "bumpversion")
    if not isinstance(table, dict):
        return []
    current = _current(path, text, ("tool", "bumpversion", "current_version"))
    files = [
        f["filename"]
        for f in table.get("files") or []
        if isinstance(f, dict) and isinstance(f.get("filename"), str)
    ]
    return [_listed(f"{path}: [tool.bumpversion]", current, files)]


def _bumpversion_cfg(path: str, text: str) -> list[Evidence]:
    current = None
    files = []
    section = None
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1].strip()
            if section.startswith("bumpversion:file:"):
                files.append(section.removeprefix("bumpversion:file:").strip())
        elif section == "bumpversion" and stripped.startswith("current_version"):
            # configparser's delimiters: the first `=` or `:` (`current_version: 1.0.0`)
            cut = min((i for i in (line.find("="), line.find(":")) if i >= 0), default=-1)
            key = line[:cut] if cut >= 0 else line
            if cut >= 0 and key.strip() == "current_version":
                value_start = offset + len(key) + 1
                raw = line[len(key) + 1 :].rstrip("\r\n")
                lead = len(raw) - len(raw.lstrip())
                start = value_start + lead
                end = start + len(raw.strip())
                current = Declaration(
                    path, line_of(text, start), text[start:end], start, end, "current_version"
                )
        offset += len(line)
    if section is None and current is None:
        return []
    return [_listed(f"{path}: [bumpversion]", current, files)]


def _tbump(path: str, text: str, table: tuple[str, ...]) -> list[Evidence]:
    data = toml.load(path, text)
    current = _current(path, text, (*table, "version", "current"))
    entries = toml.get(data, *table, "file")
    files = [
        f["src"] for f in entries or [] if isinstance(f, dict) and isinstance(f.get("src"), str)
    ]
    where = f"{path}: [{'.'.join(table)}]" if table else path
    return [_listed(f"{where} (tbump)", current, files)]


def _listed(reason: str, current: Declaration | None, files: list[str]) -> Evidence:
    """A tool that rewrites a list of files: the packages whose manifests (or version files)
    it lists share its ``current`` version."""
    listed = sorted({posixpath.normpath(f) for f in files if "*" not in f})
    # a current version that is no version (`4, 7, 0, "alpha", 1` under a custom `parse`
    # and `serialize`) is the tool's own notation: nothing to compare it with
    if current is not None and not (is_semver(current.value) or is_pep440(current.value)):
        current = None
    declarations = [current] if current is not None else []
    return Evidence(reason, [], listed, [], declarations, [])
