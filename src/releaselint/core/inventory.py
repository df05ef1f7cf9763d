"""Zero-config discovery: which files declare versions and which must agree (groups)."""

from __future__ import annotations

import posixpath

from releaselint.core import formats
from releaselint.core.config import Config
from releaselint.core.errors import FatalError
from releaselint.core.files import line_of
from releaselint.core.folders import DEV_FOLDERS, EXCLUDED_DIRS, matches
from releaselint.core.model import Declaration, Group, Package
from releaselint.core.records import record
from releaselint.core.report import Finding

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from typing import Any

    from releaselint.core.formats import Format
    from releaselint.core.history import FamilyEvidence
    from releaselint.core.tooling import Evidence
    from releaselint.core.tree import Tree

_ECOSYSTEM_RANK = {"rust": 0, "python": 1, "node": 2, "deno": 3}


def _excluded_because(path: str, config: Config, include: Sequence[str] = ()) -> str | None:
    """Why a file is not read (None where it is)."""
    if any(matches(path, p) for p in config.ignore):
        return f"ignored ({config.source}: ignore)"
    parts = path.split("/")[:-1]
    folder = next((p for p in parts if p in EXCLUDED_DIRS or p.startswith(".")), None)
    if folder is None:
        return None
    included = [*config.include, *(m for g in config.groups for m in g.members), *include]
    if any(matches(path, p) for p in included if p):
        return None
    return f"inside {folder}/ (not a release; configure include to read it)"


def pathspecs(config: Config) -> list[str]:
    specs = [*formats.pathspecs(), *(f":(glob)**/{n}" for n in formats.UNREAD_LOCKFILES)]
    specs.append(":(literal)pnpm-workspace.yaml")  # its members (``_workspace_globs``)
    specs.extend(f":(literal){e.path}" for e in config.extra_files)
    return specs


def discover(
    tree: Tree,
    config: Config,
    history: Sequence[FamilyEvidence] | None = None,
    left_out: list[tuple[str, str]] | None = None,
    problems: list[Finding] | None = None,
    unread: list[Finding] | None = None,
    reads: dict[Any, Any] | None = None,
) -> list[Group]:
    """Read every known file of the tree and form the groups that must agree, from the
    repository's own evidence: each package's files, the build, the release tooling's
    configuration, and (where given) the release history. ``problems`` receives the files
    a group needs that cannot be read; ``unread``, every one. ``reads`` keeps what was read
    of each tree, for groups formed again with other history (one tree, a thousand tag
    families: the tag check forms each family's group at each tagged commit)."""
    from releaselint.core import tooling

    found = reads.get(id(tree)) if reads is not None and left_out is None else None
    if found is None:
        configs = tooling.read_configs(tree)
        # what the tools name is read even inside folders otherwise left out (a Release
        # Please package under docs/)
        named = tooling.evidence(configs, {})
        include = [*(f for e in named for f in e.folders), *(f for e in named for f in e.files)]
        unreadable: list[tuple[str, str]] = []
        packages, extra, links = read_packages(
            tree, config, left_out, include=include, unreadable=unreadable
        )
        names = {p.name: p.directory for p in packages if p.name}
        evidence = tooling.evidence(configs, names) if any(configs.values()) else []
        found = (tree, packages, extra, links, evidence, unreadable)
        if reads is not None and left_out is None:
            reads[id(tree)] = found  # the tree is kept with it: its id stays its own
    _, packages, extra, links, evidence, unreadable = found
    groups = _form_groups(packages, extra, config, links, evidence, history or ())
    if unreadable and problems is not None:
        needed = _needed(groups, evidence, history or (), config)
        problems.extend(_as_finding(path, message) for path, message in unreadable if needed(path))
    if unread is not None:
        unread.extend(_as_finding(path, message) for path, message in unreadable)
    return groups


def _needed(
    groups: Sequence[Group],
    evidence: Sequence[Evidence],
    history: Sequence[FamilyEvidence],
    config: Config,
) -> Callable[[str], bool]:
    """Whether a group needs a file: a lockfile beside one of its packages, or a manifest the
    configuration, the release tooling or the release history names."""
    configured = [m for g in config.groups for m in g.members]
    folders = {p.directory for g in groups for p in g.packages}
    named = {m for f in history for m in f.members}
    named.update(f for e in evidence for f in e.files)
    tool_folders = {f for e in evidence for f in e.folders}

    def needed(path: str) -> bool:
        folder = posixpath.dirname(path)
        fmt = formats.find(posixpath.basename(path))
        if fmt is not None and fmt.kind == formats.LOCKFILE:
            return folder in folders
        if any(matches(path, m) for m in configured):
            return True
        return path in named or folder in tool_folders

    return needed


def _as_finding(path: str, message: str) -> Finding:
    head, _, rest = message.partition(": ")
    where, _, line = head.partition(":")
    if where == path and line.isdigit():
        return Finding(path, int(line), rest)
    return Finding(path, None, message.removeprefix(f"{path}: "))


def read_packages(
    tree: Tree,
    config: Config,
    left_out: list[tuple[str, str]] | None = None,
    *,
    extra_files: bool = True,
    include: Sequence[str] = (),
    unreadable: list[tuple[str, str]] | None = None,
) -> tuple[list[Package], list[tuple[str | None, list[Declaration]]], list[Link]]:
    """Every package of the tree with its own declarations, the configured extra files, and
    the links the build makes between packages. ``left_out`` receives (manifest, reason)
    for each manifest that is not a release of this repository."""
    left_out = [] if left_out is None else left_out
    unreadable = [] if unreadable is None else unreadable
    listed = tree.list(pathspecs(config))
    files = []
    members: list[str] | None = None
    for path in listed:
        reason = _excluded_because(path, config, include)
        if reason is not None and posixpath.basename(posixpath.dirname(path)) in _MEMBER_NAMES:
            if members is None:
                members = _workspace_globs(tree)
            folder = posixpath.dirname(path)
            if any(_names_member(folder, glob) for glob in members):
                reason = None
        if reason is None:
            files.append(path)
        elif (fmt := formats.find(posixpath.basename(path))) and fmt.kind == formats.MANIFEST:
            left_out.append((path, reason))
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
            continue
        try:
            packages.append(formats.reader(fmt).read(path, text))
        except FatalError as e:
            # one file that cannot be read stops nothing: it is reported where a group
            # needs it (see discover), and explain lists it
            unreadable.append((path, str(e)))
            left_out.append((path, f"cannot be read: {e}"))
    packages.sort(key=lambda p: (p.manifest.count("/"), _ECOSYSTEM_RANK[p.ecosystem], p.manifest))
    if locks:
        _attach_lockfiles(packages, locks, unreadable)
    # every other file the listing named: version files, and the configured extra files
    tracked = set(files) - set(wanted)
    _attach_version_files(tree, packages, tracked)
    packages = _split_workspace_versions(_leave_out(packages, set(listed), left_out))
    links = build_links(packages, texts)
    extra = _read_extra_files(tree, config) if extra_files else []
    return packages, extra, links


# A workspace member may be named so (remix's packages/test, @remix-run/test; pinia's
# packages/testing, @pinia/testing): where the workspace's own glob names it with a
# wildcard, it is a member, not a test folder
_MEMBER_NAMES = frozenset(("test", "tests", "testing"))


def _names_member(folder: str, glob: str) -> bool:
    """Whether a workspace glob names ``folder`` as a member, its last folder by a
    wildcard (``packages/*``), the folders above it literally."""
    from releaselint.core.folders import workspace_glob

    glob = glob.strip().removeprefix("./").rstrip("/")
    head, _, last = glob.rpartition("/")
    if "*" not in last or "*" in head or head != posixpath.dirname(folder):
        return False
    return workspace_glob(folder, glob)


def _workspace_globs(tree: Tree) -> list[str]:
    """The member globs of the root's workspaces: pnpm-workspace.yaml's ``packages``,
    package.json's ``workspaces``, Cargo.toml's ``[workspace] members``; none where a file
    cannot be read (the checks that read it say why)."""
    from releaselint.core import json as jsonfile
    from releaselint.core import toml

    texts = tree.read_many(["pnpm-workspace.yaml", "package.json", "Cargo.toml"])
    found: list[object] = []
    try:
        if texts["pnpm-workspace.yaml"] is not None:
            from releaselint.core.lockfiles import pnpm_lock

            text = texts["pnpm-workspace.yaml"] or ""
            found += _list(pnpm_lock.workspace_document("pnpm-workspace.yaml", text), "packages")
        if texts["package.json"] is not None:
            data = jsonfile.load("package.json", texts["package.json"] or "")
            workspaces = data.get("workspaces") if isinstance(data, dict) else None
            found += _list({"w": workspaces}, "w") + _list(workspaces, "packages")
        if texts["Cargo.toml"] is not None and "[workspace" in (texts["Cargo.toml"] or ""):
            cargo = toml.load("Cargo.toml", texts["Cargo.toml"] or "")
            found += _list(cargo.get("workspace"), "members")
    except (FatalError, RecursionError):
        return []
    return [g for g in found if isinstance(g, str)]


def _list(table: object, key: str) -> list[object]:
    value = table.get(key) if isinstance(table, dict) else None
    return value if isinstance(value, list) else []


def packages_of(tree: Tree, config: Config) -> list[Package]:
    """The packages alone (what release history compares with its tags: configured extra
    files may not exist yet at an old release)."""
    return read_packages(tree, config, extra_files=False)[0]


def _attach_lockfiles(
    packages: list[Package],
    locks: list[tuple[str, Format, str]],
    unreadable: list[tuple[str, str]],
) -> None:
    """Each own entry of a lockfile joins the package of its folder (npm, uv) or, where the
    lockfile names crates only (Cargo), the package of its name below the lockfile."""
    by_folder = {(p.directory, p.ecosystem): p for p in packages}
    by_name: dict[tuple[str, str | None], list[Package]] = {}
    for package in packages:
        by_name.setdefault((package.ecosystem, package.name), []).append(package)
    from releaselint.core.manifests.package_json import stray_lockfile

    # a crate whose Cargo.toml declares no version (0.0.0 to Cargo, never published) has
    # none for its Cargo.lock entry to copy: that entry is Cargo's, bumped by no release
    declared = {id(p) for p in packages if p.declarations or p.dynamic == "workspace"}
    for path, fmt, text in locks:
        lock_dir = posixpath.dirname(path)
        node = by_folder.get((lock_dir, "node"))
        if node is not None and stray_lockfile(posixpath.basename(path), node.package_manager):
            continue  # another tool's lockfile, left behind: it declares nothing
        try:
            entries = formats.reader(fmt).read(path, text)
        except FatalError as e:
            unreadable.append((path, str(e)))
            continue
        for entry in entries:
            if entry.folder is not None:
                owner = by_folder.get((entry.folder, fmt.ecosystem))
                # a lockfile records what a dynamic version resolved to when it locked
                # (uv does): derived, not declared, so it never has to hold the placeholder
                if owner is not None and owner.vcs_tool is None:
                    owner.declarations.extend(entry.declarations)
                continue
            # the packages of that name, in the order read (a dict, not a scan of every
            # package per entry: a lockfile of thousands of crates)
            for package in by_name.get((fmt.ecosystem, entry.name), ()):
                if id(package) in declared and (
                    not lock_dir or package.manifest.startswith(lock_dir + "/")
                ):
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


# --------------------------------------------------------------------------- left out
_TEMPLATE_MARKS = ("{{", "{%", "cookiecutter")


def is_template(package: Package) -> bool:
    """A template's manifest (``templates/``, cookiecutter folders, ``{{ name }}`` values or a
    ``PARSER_VERSION``-style stand-in) is filled in by a generator, never released as is."""
    parts = package.manifest.split("/")[:-1]
    if any(p in ("template", "templates") or any(m in p for m in _TEMPLATE_MARKS) for p in parts):
        return True
    values = [package.name or "", *(d.value for d in package.declarations)]
    if any(mark in v for v in values for mark in _TEMPLATE_MARKS):
        return True
    return any(_is_stand_in(d.value) for d in package.declarations if d.path == package.manifest)


def _is_stand_in(value: str) -> bool:
    # PARSER_VERSION, $VERSION, @VERSION@, ${version}: words a build replaces
    core = value.strip("$@{}%")
    return bool(core) and not any(c.isdigit() for c in core) and (core.isupper() or "$" in value)


def is_dev_only(package: Package, listed: set[str]) -> bool:
    """A nested project with its own lockfile whose package is private, unversioned or
    ``0.0.0``, in a folder such as ``scripts/``, ``tools/`` or ``bench*/``."""
    folder = package.directory
    if not folder:
        return False
    locks = (*formats.names(formats.LOCKFILE), *formats.UNREAD_LOCKFILES)
    if not any(posixpath.join(folder, lock) in listed for lock in locks):
        return False
    value = next((d.value for d in package.declarations if d.path == package.manifest), None)
    if not (package.private or value is None or value == "0.0.0"):
        return False
    parts = folder.split("/")
    return any(p in DEV_FOLDERS or p.startswith("bench") for p in parts)


WORKSPACE_ROOT = "workspace-root"


def key_of(package: Package) -> str:
    """What identifies a package in grouping: its manifest, but for the version a Cargo
    workspace root declares for its members beside its own crate's version."""
    return (
        f"{package.manifest}#workspace" if package.dynamic == WORKSPACE_ROOT else package.manifest
    )


def _split_workspace_versions(packages: list[Package]) -> list[Package]:
    """A Cargo.toml with both ``[package].version`` and ``[workspace.package].version``
    declares two versions: its crate's, and the one its members inherit. They need not
    agree (only crates with ``version.workspace = true`` take the second)."""
    out = []
    for package in packages:
        out.append(package)
        if package.ecosystem != "rust":
            continue
        inherited = [d for d in package.declarations if d.field == "[workspace.package].version"]
        if inherited and any(d.field == "[package].version" for d in package.declarations):
            package.declarations = [d for d in package.declarations if d not in inherited]
            workspace = Package(package.manifest, "rust")
            workspace.dynamic = WORKSPACE_ROOT
            workspace.private = True  # nothing is published under it
            workspace.declarations = inherited
            out.append(workspace)
    return out


def _leave_out(
    packages: list[Package], listed: set[str], left_out: list[tuple[str, str]]
) -> list[Package]:
    kept = []
    for package in packages:
        if is_template(package):
            left_out.append((package.manifest, "a template, filled in by a generator"))
            continue
        if package.virtual is not None and (
            package.virtual.startswith("[tool.uv]")
            or posixpath.join(package.directory, "uv.lock") in listed
        ):
            # uv never builds a virtual project: its version is never released
            left_out.append((package.manifest, f"a virtual uv project ({package.virtual})"))
            continue
        if is_dev_only(package, listed):
            reason = "a development project (own lockfile; private, unversioned or 0.0.0)"
            left_out.append((package.manifest, reason))
            continue
        if package.ecosystem == "deno":
            # jsr.json/deno.json say 0.0.0 where publishing fills the version from the tag
            package.declarations = [d for d in package.declarations if d.value != "0.0.0"]
        kept.append(package)
    return kept


# ------------------------------------------------------------------------------ evidence
if TYPE_CHECKING:
    from typing import NamedTuple

    class Link(NamedTuple):
        """Two manifests the build gives one version."""

        left: str
        right: str
        reason: str
else:
    Link = record("Link", "left right reason")


def build_links(packages: list[Package], texts: dict[str, str | None]) -> list[Link]:
    """What the build says must agree: Cargo ``version.workspace = true`` and the workspace
    root; maturin's ``dynamic = ["version"]`` and the crate it builds; a napi-rs package and
    the ``npm/<platform>`` packages its optionalDependencies name."""
    links = []
    by_manifest = {p.manifest: p for p in packages}
    roots: list[Package] | None = None
    for package in packages:
        if package.dynamic == "workspace":
            if roots is None:
                roots = _cargo_roots(packages)
            root = _cargo_workspace_root(package, roots)
            if root is not None:
                reason = f"{package.manifest}: version.workspace = true"
                links.append(Link(package.manifest, key_of(root), reason))
        elif package.dynamic == "cargo":
            target = package.version_from or "Cargo.toml"
            crate = posixpath.normpath(posixpath.join(package.directory, target))
            if crate in by_manifest:
                reason = f'{package.manifest}: maturin dynamic = ["version"] from {crate}'
                links.append(Link(package.manifest, crate, reason))
                # `publish = false` keeps the crate off crates.io, but its version is the
                # wheel's: it is released all the same
                by_manifest[crate].private = package.private
        elif package.ecosystem == "node":
            links.extend(_napi_links(package, packages, texts.get(package.manifest)))
    return links


def _cargo_workspace_root(package: Package, roots: list[Package]) -> Package | None:
    """The nearest Cargo.toml above (or at) the crate that declares the workspace version;
    ``roots``: those that declare one, deepest first (``_cargo_roots``)."""
    for other in roots:
        if other is package:
            continue
        base = other.directory
        if not base or package.manifest.startswith(base + "/"):
            return other
    return None


def _cargo_roots(packages: list[Package]) -> list[Package]:
    """The Cargo.toml files that declare ``[workspace.package].version``, deepest first:
    found once, not once per crate (thousands of crates)."""
    return sorted(
        (
            p
            for p in packages
            if p.ecosystem == "rust"
            and any(d.field == "[workspace.package].version" for d in p.declarations)
        ),
        key=lambda p: -p.manifest.count("/"),
    )


def _napi_links(package: Package, packages: list[Package], text: str | None) -> list[Link]:
    if text is None or '"napi"' not in text:
        return []
    from releaselint.core import json as jsonfile
    from releaselint.core.versions import is_semver

    data = jsonfile.load(package.manifest, text)
    napi = data.get("napi") if isinstance(data, dict) else None
    if not isinstance(napi, dict):
        return []
    npm_dir = napi.get("npmDir")
    npm_dir = npm_dir if isinstance(npm_dir, str) else "npm"
    folder = posixpath.normpath(posixpath.join(package.directory, npm_dir))
    # napi's `prepublish` writes the platform packages' versions at publish time: their
    # committed versions must agree only where the package also names them in its
    # optionalDependencies (napi's `version` keeps both in step); tauri and tokenizers keep
    # placeholders (`0.0.0`) in both. Release history still joins those that agree at tags.
    optional = data.get("optionalDependencies")
    named = set(optional) if isinstance(optional, dict) else set()
    links = []
    platform_names = set()
    for other in packages:
        if (
            other.ecosystem == "node"
            and posixpath.dirname(other.directory) == folder
            and other.name in named
        ):
            reason = f"{package.manifest}: napi platform package {other.manifest}"
            links.append(Link(package.manifest, other.manifest, reason))
            platform_names.add(other.name)
    if isinstance(optional, dict) and platform_names:
        wanted = [("optionalDependencies", n) for n in optional if n in platform_names]
        spans = jsonfile.string_spans(text, wanted)
        for key, (start, end) in spans.items():
            if not is_semver(text[start:end]):
                # `workspace:*` (pnpm writes the version at publish), a range: no version
                # declared, and none for --fix or bump to write over the protocol
                continue
            package.declarations.append(
                Declaration(
                    package.manifest,
                    line_of(text, start),
                    text[start:end],
                    start,
                    end,
                    f'optionalDependencies["{key[1]}"]',
                )
            )
    return links


class _Union:
    """Union-find over manifests, remembering why each join was made."""

    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {item: item for item in items}
        self.reasons: dict[str, list[str]] = {}

    def find(self, item: str) -> str:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def join(self, items: Sequence[str], reason: str) -> None:
        present = [i for i in items if i in self.parent]
        if not present:
            return
        # in the order given (a set's order changes with the hash seed: the reasons
        # printed would change from run to run)
        roots = list(dict.fromkeys(self.find(i) for i in present))
        first = self.find(present[0])
        for root in roots:
            self.parent[root] = first
        merged = [r for root in roots for r in self.reasons.pop(root, [])]
        merged.append(reason)
        self.reasons[first] = list(dict.fromkeys(merged))


def _form_groups(
    packages: list[Package],
    extra: list[tuple[str | None, list[Declaration]]],
    config: Config,
    links: list[Link],
    evidence: Sequence[Evidence],
    history: Sequence[FamilyEvidence],
) -> list[Group]:
    groups: list[Group] = []
    claimed: set[str] = set()
    for group_config, members in zip(config.groups, _configured(packages, config), strict=True):
        claimed.update(p.manifest for p in members)
        group = Group(group_config.name, members)
        group.evidence.append(f"{config.source}: groups.{group_config.name}")
        group.tag_format = group_config.tag_format
        if group_config.source is not None:
            group.source = _find_source(group, group_config.source)
        groups.append(group)
    free = [p for p in packages if p.manifest not in claimed]
    union = _Union(key_of(p) for p in free)
    for link in links:
        union.join([link.left, link.right], link.reason)
    tool_declarations: dict[str, list[Declaration]] = {}
    tool_prefixes: dict[str, list[str]] = {}
    index = _Index([p for p in free if p.dynamic != WORKSPACE_ROOT])
    for item in evidence:
        manifests = _evidence_members(item, index)
        if manifests:
            union.join(manifests, item.reason)
            tool_declarations.setdefault(manifests[0], []).extend(item.declarations)
            tool_prefixes.setdefault(manifests[0], []).extend(item.tag_prefixes)
    families: dict[str, list[str]] = {}
    releases = _Releases(free, evidence)
    for family in history:
        released = releases.of(family)
        if released:
            union.join(released, family.reason)
            families.setdefault(released[0], []).append(family.family.template)
    components: dict[str, list[Package]] = {}
    for package in free:
        components.setdefault(union.find(key_of(package)), []).append(package)
    for root, members in components.items():
        group = Group(_group_name(members), members)
        group.evidence = union.reasons.get(root, [])
        if not group.evidence:
            group.evidence = [f"one package ({members[0].manifest})"]
        for member in members:
            group.declarations.extend(tool_declarations.get(key_of(member), []))
            group.tag_prefixes.extend(tool_prefixes.get(key_of(member), []))
            group.families.extend(families.get(key_of(member), []))
        groups.append(group)
    _disambiguate(groups)
    primary = _primary(groups[len(config.groups) :])
    if primary is not None:
        primary.primary = True
    by_name = {g.name: g for g in groups}
    for group_name, declarations in extra:
        target = by_name.get(group_name) if group_name else primary
        if target is None:
            raise FatalError(
                f"extra-files: no group named {group_name!r} to add {declarations[0].path} to"
            )
        target.declarations.extend(declarations)
    for group in groups:
        if group.source is None:
            # Release Please's manifest records the last release: a package file that
            # differs from it was edited by hand (check-release-please says so too)
            binding = group.binding
            recorded = (d for d in binding if d.path == formats.RELEASE_PLEASE_MANIFEST)
            group.source = next(recorded, next(iter(binding), None))
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


class _Releases:
    """The packages a tag family's releases join (``_form_groups``), among the packages no
    configured group claims."""

    def __init__(self, free: list[Package], evidence: Sequence[Evidence]) -> None:
        self.by_manifest = {p.manifest: p for p in free if p.dynamic != WORKSPACE_ROOT}
        self.manifest_by_name = {p.name: p.manifest for p in free if p.name}
        self.independent = next((e.reason for e in evidence if e.independent), None)

    def of(self, family: FamilyEvidence) -> list[str]:
        if family.named is not None:
            # a package's own tags bind that package alone, and only while it exists
            named = self.manifest_by_name.get(family.named)
            return [named] if named is not None and family.is_release else []
        by_manifest = self.by_manifest
        released = [m for m in family.members if m in by_manifest and not by_manifest[m].private]
        if self.independent is not None:
            # the release tooling versions its packages independently: history joins
            # nothing across them
            released = released[:1]
        return released


def family_group(
    tree: Tree, config: Config, family: FamilyEvidence, reads: dict[Any, Any]
) -> Group | None:
    """The group ``family``'s tags release in the tree: the one ``discover`` with that
    history alone gives the family's template. Where the family releases one package and
    is not the repository's own (``v{version}``, ``{version}``: those choose the primary
    group), that history changes no group: the group is the one of that package in the
    groups without history, formed once per tree (a thousand packages tagged on one
    commit, each its own family). A differential test holds the two together."""
    template = family.family.template
    if template not in ("v{version}", "{version}"):
        releases = reads.get(("releases", id(tree)))
        if releases is None:
            found = reads.get(id(tree))
            if found is None:
                discover(tree, config, [], reads=reads)  # reads the tree once
                found = reads[id(tree)]
            _, packages, _, _, evidence, _ = found
            claimed = {p.manifest for members in _configured(packages, config) for p in members}
            free = [p for p in packages if p.manifest not in claimed]
            releases = reads[("releases", id(tree))] = _Releases(free, evidence)
        released = releases.of(family)
        if len(released) <= 1:
            by_key = reads.get(("groups", id(tree)))
            if by_key is None:  # (the groups' own refusals are those discover makes)
                groups = discover(tree, config, [], reads=reads)
                by_key = {key_of(p): g for g in groups for p in g.packages}
                reads[("groups", id(tree))] = by_key
            return by_key.get(released[0]) if released else None
    groups = discover(tree, config, [family], reads=reads)
    return next((g for g in groups if template in g.families), None)


def _configured(packages: list[Package], config: Config) -> list[list[Package]]:
    """The members of each configured group, in order: a package in the first that names
    it."""
    claimed: set[str] = set()
    found = []
    for group_config in config.groups:
        globs = group_config.members
        members = [
            p
            for p in packages
            if p.manifest not in claimed and any(matches(p.manifest, m) for m in globs)
        ]
        claimed.update(p.manifest for p in members)
        found.append(members)
    return found


class _Index:
    """The packages by folder and by manifest, in their order: what the release tooling
    names is looked up, not searched for among every package (Release Please configs of
    thousands of packages)."""

    def __init__(self, packages: list[Package]) -> None:
        self.packages = packages
        self.by_dir: dict[str, list[Package]] = {}
        self.by_manifest: dict[str, list[Package]] = {}
        self.order = {id(p): index for index, p in enumerate(packages)}
        for package in packages:
            self.by_dir.setdefault(package.directory, []).append(package)
            self.by_manifest.setdefault(package.manifest, []).append(package)

    def around(self, path: str) -> list[Package]:
        """The packages whose folder holds ``path`` (the root's holds every one)."""
        folders = [""]
        parts = path.split("/")[:-1]
        folders += ["/".join(parts[: i + 1]) for i in range(len(parts))]
        found = [p for folder in dict.fromkeys(folders) for p in self.by_dir.get(folder, ())]
        return sorted(found, key=lambda p: self.order[id(p)])


def _evidence_members(item: Evidence, index: _Index) -> list[str]:
    from releaselint.core.tooling import names_match

    found: list[str] = []
    for folder in item.folders:
        found.extend(p.manifest for p in index.by_dir.get(folder, ()))
    for path in item.files:
        exact = [p.manifest for p in index.by_manifest.get(path, ())]
        if exact:
            found.extend(exact)
            continue
        ecosystem = _FILE_ECOSYSTEMS.get(posixpath.splitext(path)[1])
        if ecosystem is not None and formats.find(posixpath.basename(path)) is None:
            # source code the tool rewrites a constant in (pixi's tbump: a string in
            # crates/pixi_consts/src/consts.rs) declares no version of the package it lies
            # in: that crate's own stays where it is (0.1.0 at every release)
            continue
        owners = [p for p in index.around(path) if not p.private]
        # a file of one language belongs to that language's package where several share
        # the folder (`_version.py` to pyproject.toml, not to the private package.json)
        if ecosystem is not None and any(p.ecosystem == ecosystem for p in owners):
            owners = [p for p in owners if p.ecosystem == ecosystem]
        if owners:
            deepest = max(p.directory.count("/") + bool(p.directory) for p in owners)
            found.extend(
                p.manifest for p in owners if p.directory.count("/") + bool(p.directory) == deepest
            )
    if item.names:
        found.extend(
            p.manifest for p in index.packages if p.name and names_match(p.name, item.names)
        )
    return list(dict.fromkeys(found))


_FILE_ECOSYSTEMS = {
    ".py": "python", ".rs": "rust", ".js": "node", ".mjs": "node", ".cjs": "node",
    ".ts": "node", ".mts": "node", ".cts": "node",
}  # fmt: skip


def _group_name(members: list[Package]) -> str:
    named = next((p.name for p in members if p.name), None)
    first = members[0]
    return named or first.directory or first.manifest


def _disambiguate(groups: list[Group]) -> None:
    """Two groups of one name (a crate and its npm package both called ``corelib``) are
    told apart by their first manifest."""
    counts: dict[str, int] = {}
    for group in groups:
        counts[group.name] = counts.get(group.name, 0) + 1
    for group in groups:
        if counts[group.name] > 1 and group.packages:
            group.name = f"{group.name} ({group.packages[0].manifest})"


def _primary(groups: list[Group]) -> Group | None:
    """The repository's own group: the one its plain ``v{version}``/``{version}`` tags
    release, else the one holding the root manifest, else the only one, unless that is a
    private package in a subfolder (huggingface_hub, a setup.py project: the package.json
    of its widgets is neither what its ``v*`` tags release nor what a bump should move)."""
    for group in groups:
        if any(f in ("v{version}", "{version}") for f in group.families):
            return group
    for group in groups:
        if any(not p.directory for p in group.packages):
            return group
    if len(groups) != 1 or all(p.private and p.directory for p in groups[0].packages):
        return None
    return groups[0]


def _find_source(group: Group, source: str) -> Declaration:
    for declaration in group.declarations:
        if declaration.path == source or declaration.where == source:
            return declaration
    raise FatalError(f"group {group.name!r}: source {source!r} declares no version in the group")
