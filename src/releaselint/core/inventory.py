"""Zero-config discovery: which files declare versions and which must agree (groups)."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from fnmatch import fnmatchcase

from releaselint.core import formats
from releaselint.core.config import Config
from releaselint.core.errors import FatalError
from releaselint.core.model import Declaration, Group, Package

TYPE_CHECKING = False
if TYPE_CHECKING:
    from releaselint.core.formats import Format
    from releaselint.core.tree import Tree

# Folders whose manifests are not releases of this repository unless configured.
EXCLUDED_DIRS = frozenset(
    (
        "example", "examples", "doc", "docs", "fixture", "fixtures", "__fixtures__", "test",
        "tests", "testdata", "testing", "bench", "benches", "benchmarks", "sample", "samples",
        "demo", "demos", "node_modules", "target", "vendor", "third_party", "build", "dist",
        "venv",
    )
)  # fmt: skip
_ECOSYSTEM_RANK = {"rust": 0, "python": 1, "node": 2, "deno": 3}


def matches(path: str, pattern: str) -> bool:
    """A config glob matches a file, or a folder that holds it."""
    pattern = pattern.rstrip("/")
    if fnmatchcase(path, pattern):
        return True
    parent = posixpath.dirname(path)
    while parent:
        if fnmatchcase(parent, pattern):
            return True
        parent = posixpath.dirname(parent)
    return False


def _is_excluded(path: str, config: Config) -> bool:
    if any(matches(path, p) for p in config.ignore):
        return True
    parts = path.split("/")[:-1]
    hidden_or_excluded = any(p in EXCLUDED_DIRS or p.startswith(".") for p in parts)
    if not hidden_or_excluded:
        return False
    included = [*config.include, *(m for g in config.groups for m in g.members)]
    return not any(matches(path, p) for p in included)


def pathspecs(config: Config) -> list[str]:
    specs = formats.pathspecs()
    specs.extend(f":(literal){e.path}" for e in config.extra_files)
    return specs


def discover(tree: Tree, config: Config) -> list[Group]:
    """Read every known file of the tree and form the groups that must agree."""
    listed = tree.list(pathspecs(config))
    files = [p for p in listed if not _is_excluded(p, config)]
    found = {p: formats.find(posixpath.basename(p)) for p in files}
    wanted = [p for p, f in found.items() if f is not None and f.kind != formats.VERSION_FILE]
    texts = tree.read_many(wanted)
    packages: list[Package] = []
    locks: list[tuple[str, Format, str]] = []
    for path in wanted:
        text = texts[path]
        fmt = found[path]
        if text is None or fmt is None:
            continue
        if fmt.kind == formats.LOCKFILE:
            locks.append((path, fmt, text))
        else:
            packages.append(formats.reader(fmt).read(path, text))
    packages.sort(key=lambda p: (p.manifest.count("/"), _ECOSYSTEM_RANK[p.ecosystem], p.manifest))
    if locks:
        _attach_lockfiles(packages, locks)
    # every other file the listing named: version files, and the configured extra files
    tracked = set(files) - set(wanted)
    _attach_version_files(tree, packages, tracked)
    extra = _read_extra_files(tree, config)
    return _form_groups(packages, extra, config)


def _attach_lockfiles(packages: list[Package], locks: list[tuple[str, Format, str]]) -> None:
    """Each own entry of a lockfile joins the package of its folder (npm, uv) or, where the
    lockfile names crates only (Cargo), the package of its name below the lockfile."""
    by_folder = {(p.directory, p.ecosystem): p for p in packages}
    for path, fmt, text in locks:
        lock_dir = posixpath.dirname(path)
        for entry in formats.reader(fmt).read(path, text):
            if entry.folder is not None:
                owner = by_folder.get((entry.folder, fmt.ecosystem))
                # a lockfile records what a dynamic version resolved to when it locked
                # (uv does): derived, not declared, so it never has to hold the placeholder
                if owner is not None and owner.vcs_tool is None:
                    owner.declarations.extend(entry.declarations)
                continue
            for package in packages:
                inside = not lock_dir or package.manifest.startswith(lock_dir + "/")
                if package.ecosystem == fmt.ecosystem and inside and package.name == entry.name:
                    package.declarations.extend(entry.declarations)


def _attach_version_files(tree: Tree, packages: list[Package], tracked: set[str]) -> None:
    if not tracked:
        return
    candidates: dict[str, Package] = {}
    version_files = formats.names(formats.VERSION_FILE)
    for package in packages:
        paths, modules = package.version_hints
        base = package.directory
        for path in paths:
            candidates.setdefault(posixpath.normpath(posixpath.join(base, path)), package)
        for module in modules:
            folder = module.replace(".", "/")
            for prefix in ("src/", "", "python/"):
                for name in version_files:
                    path = posixpath.join(base, f"{prefix}{folder}/{name}")
                    candidates.setdefault(path, package)
    present = [p for p in candidates if p in tracked]
    if not present:
        return
    texts = tree.read_many(present)
    # a hatch `path` may name any file; it is read as Python, like the files of the table
    version_file = next(f for f in formats.FORMATS if f.kind == formats.VERSION_FILE)
    reader = formats.reader(version_file)
    for path in present:
        text = texts[path]
        if text is not None:
            candidates[path].declarations.extend(reader.read(path, text).declarations)


def _read_extra_files(tree: Tree, config: Config) -> list[tuple[str | None, list[Declaration]]]:
    if not config.extra_files:
        return []
    from releaselint.core.manifests import regex_file

    texts = tree.read_many([e.path for e in config.extra_files])
    found = []
    where = config.source or "config"
    for index, extra in enumerate(config.extra_files):
        pattern = regex_file.compile_pattern(extra.pattern, f"{where}: extra-files[{index}]")
        text = texts[extra.path]
        if text is None:
            raise FatalError(f"{extra.path}: no such file (named in {where} extra-files)")
        declarations = regex_file.read(extra.path, text, pattern)
        if not declarations:
            raise FatalError(f"{extra.path}: pattern {extra.pattern!r} matches nothing")
        found.append((extra.group, declarations))
    return found


def _member_of_workspace(package: Package, packages: Iterable[Package]) -> bool:
    for other in packages:
        if other is package or not other.workspace_members:
            continue
        base = other.directory
        if base and not package.manifest.startswith(base + "/"):
            continue
        relative = package.directory[len(base) + 1 :] if base else package.directory
        if relative and any(fnmatchcase(relative, g.rstrip("/")) for g in other.workspace_members):
            return True
    return False


def _form_groups(
    packages: list[Package], extra: list[tuple[str | None, list[Declaration]]], config: Config
) -> list[Group]:
    groups: list[Group] = []
    claimed: set[str] = set()
    for group_config in config.groups:
        globs = group_config.members
        members = [
            p
            for p in packages
            if p.manifest not in claimed and any(matches(p.manifest, m) for m in globs)
        ]
        claimed.update(p.manifest for p in members)
        group = Group(group_config.name, members)
        group.tag_format = group_config.tag_format
        if group_config.source is not None:
            group.source = _find_source(group, group_config.source)
        groups.append(group)
    lockstep: list[Package] = []
    for package in packages:
        if package.manifest in claimed:
            continue
        if package.private or _member_of_workspace(package, packages):
            groups.append(Group(package.name or package.manifest, [package]))
        else:
            lockstep.append(package)
    if lockstep:
        root_name = next((p.name for p in lockstep if p.name), None) or "default"
        primary = Group(root_name, lockstep)
        primary.primary = True
        groups.insert(len(config.groups), primary)
    by_name = {g.name: g for g in groups}
    for group_name, declarations in extra:
        target = (
            by_name.get(group_name)
            if group_name
            else (groups[len(config.groups)] if lockstep else None)
        )
        if target is None:
            raise FatalError(
                f"extra-files: no group named {group_name!r} to add {declarations[0].path} to"
            )
        target.declarations.extend(declarations)
    for group in groups:
        if group.source is None:
            group.source = next(iter(group.binding), None)
        vcs = next((p for p in group.packages if p.vcs_tool), None)
        if vcs is not None:
            group.vcs = f"{vcs.vcs_tool} in {vcs.manifest}"
        scheme = next((g.version_scheme for g in config.groups if g.name == group.name), "auto")
        if scheme == "auto":
            scheme = config.version_scheme
        if scheme == "vcs" and group.vcs is None:
            group.vcs = f"version-scheme = 'vcs' in {config.source}"
        elif scheme == "static":
            group.vcs = None
    return [g for g in groups if g.declarations or g.vcs]


def _find_source(group: Group, source: str) -> Declaration:
    for declaration in group.declarations:
        if declaration.path == source or declaration.where == source:
            return declaration
    raise FatalError(f"group {group.name!r}: source {source!r} declares no version in the group")
