"""Requirements between the repository's own packages, and the rewrite a new version needs.

A requirement is internal where it names another package of this repository, in the same
ecosystem, and is resolved from the repository: a Cargo dependency with a ``path`` (or a
``[workspace.dependencies]`` entry with one); an npm/pnpm/yarn range with the
``workspace:`` protocol, or a plain range between members of one workspace (npm links the
member only while the range admits its version, else it fetches the registry's); a Python
requirement (PEP 621, optional dependencies, dependency groups, Poetry) naming a sibling
distribution -- PyPI names are global, so the name is the repository's. A requirement on
a package from outside the repository is never one.

The policy (``dependent-pins``) follows cargo-release's ``dependent-version``:
``compatible`` rewrites a requirement the new version no longer satisfies, and an exact
pin always; ``upgrade`` moves every internal requirement to the new version; ``error``
refuses where ``compatible`` would rewrite. ``workspace:*``/``^``/``~`` and
``[tool.uv.sources]`` never change: they name no version.
"""

from __future__ import annotations

import posixpath

from releaselint.core import formats, ranges
from releaselint.core.errors import FatalError
from releaselint.core.files import Edit
from releaselint.core.folders import workspace_glob
from releaselint.core.lazyre import lazy
from releaselint.core.pep508 import package_name as canonical
from releaselint.core.records import record
from releaselint.core.versions import SemVer, semver_to_pep440

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any, NamedTuple

    from releaselint.core.model import Locked, Package, Requirement
    from releaselint.core.tree import Tree

    class Internal(NamedTuple):
        requirement: Requirement
        dependent: Package
        target: Package
        spec: str  # the requirement as its ecosystem reads it (``^1.4.0``, ``==1.4.0``)

    class Rewrite(NamedTuple):
        internal: Internal
        edit: Edit
        old: str
        new: str
else:
    Internal = record("Internal", "requirement dependent target spec")
    Rewrite = record("Rewrite", "internal edit old new")

POLICIES = ("compatible", "upgrade", "error")
DEFAULT_POLICY = "compatible"

# One comparator and its version, the only shape rewritten in place: the operator stays,
# the version is replaced. Anything else (``>=1.4, <2``, ``1.x``) is left to the user.
_SINGLE = {
    "node": lazy(r"(\^|~|=|>=|)(v?)([0-9]+(?:\.[0-9]+){0,2}(?:-[0-9A-Za-z.-]+)?)"),
    "rust": lazy(r"(=|\^|~|>=|)(\s*)([0-9]+(?:\.[0-9]+){0,2}(?:-[0-9A-Za-z.-]+)?)"),
    "python": lazy(r"(===|==|>=|~=)(\s*)([0-9][0-9A-Za-z.+!_-]*)"),
}
_EXACT = {"node": ("", "="), "rust": ("=",), "python": ("==", "===")}
# each lockfile and the command that brings it in step with its manifests, offline where
# the tool can be (yarn and Poetry have no such switch)
LOCK_COMMANDS = {
    "Cargo.lock": ("cargo", "update", "--workspace", "--offline"),
    "uv.lock": ("uv", "lock", "--offline"),
    "package-lock.json": ("npm", "install", "--package-lock-only", "--ignore-scripts", "--offline"),
    "pnpm-lock.yaml": ("pnpm", "install", "--lockfile-only", "--offline"),
    "yarn.lock": ("yarn", "install", "--mode", "update-lockfile"),
    "poetry.lock": ("poetry", "lock"),
}
_LOCK_ECOSYSTEM = {
    "Cargo.lock": "rust", "uv.lock": "python", "poetry.lock": "python",
    "package-lock.json": "node", "pnpm-lock.yaml": "node", "yarn.lock": "node",
}  # fmt: skip


def find(tree: Tree, packages: Sequence[Package], targets: Sequence[Package]) -> list[Internal]:
    """Every requirement of ``packages`` on one of ``targets`` that the repository resolves
    (read with their spans: the manifests are read again, with requirements)."""
    by_name = {
        (p.ecosystem, canonical(p.ecosystem, p.name)): p
        for p in targets
        if p.name and p.ecosystem in _SINGLE
    }
    if not by_name:
        return []
    readable = [p for p in packages if p.ecosystem in _SINGLE]
    texts = tree.read_many([p.manifest for p in readable])
    workspaces = node_workspaces(tree, packages)
    found = []
    for package in readable:
        text = texts.get(package.manifest)
        fmt = formats.find(posixpath.basename(package.manifest))
        if text is None or fmt is None or not _may_name(package, text, by_name):
            continue
        for requirement in (
            formats.reader(fmt).read(package.manifest, text, requirements=True).requirements
        ):
            target = by_name.get(
                (package.ecosystem, canonical(package.ecosystem, requirement.name))
            )
            if target is None or target.manifest == package.manifest:
                continue
            if requirement.start is None or requirement.end is None:
                # no version written (`{ workspace = true }`, `file:`, a URL), or one the
                # file spells with escapes (`"corelib==1.4.0; x >= \"3.8\""`): that one
                # is kept, for plan() to refuse rather than leave behind
                unplaced = _unplaced_spec(package.ecosystem, requirement)
                if unplaced is None:
                    continue
                spec = unplaced
            else:
                spec = text[requirement.start : requirement.end]
            if resolved_here(package, target, requirement, spec, workspaces, tree):
                found.append(Internal(requirement, package, target, spec))
    return found


_PROTOCOLS = ("workspace:", "file:", "link:", "portal:", "npm:", "git", "http", "github:")


def _unplaced_spec(ecosystem: str, requirement: Requirement) -> str | None:
    """The version a requirement without a span writes, where it writes one: its
    specifier as its ecosystem reads it; None where it writes none."""
    text = requirement.text
    if not text or not any(c.isdigit() for c in text):
        return None
    if ecosystem == "python":
        from packaging.requirements import InvalidRequirement
        from packaging.requirements import Requirement as Pep508

        try:
            parsed = Pep508(text)
        except (InvalidRequirement, RecursionError):
            return None
        return str(parsed.specifier) if parsed.url is None and parsed.specifier else None
    if ecosystem == "node" and text.startswith(_PROTOCOLS):
        return None
    return text


def _may_name(package: Package, text: str, by_name: dict[tuple[str, str], Package]) -> bool:
    """Whether ``text`` can hold a requirement on a target other than ``package`` itself:
    reading requirements costs a PEP 508 parse (``packaging.requirements`` imports in
    ~60-140 ms), paid only where a target's name is written."""
    ecosystem = package.ecosystem
    names = [
        name
        for (eco, name), target in by_name.items()
        if eco == ecosystem and target.manifest != package.manifest
    ]
    if not names:
        return False
    if "\\" in text:
        return True  # a name may be spelled with escapes (`"@acme\\/core"`): read it
    folded = canonical(ecosystem, text)  # spelled as the names are
    return any(name in folded for name in names)


def resolved_here(
    dependent: Package,
    target: Package,
    requirement: Requirement,
    spec: str,
    workspaces: list[tuple[str, list[str]]],
    tree: Tree,
) -> bool:
    """Whether the repository resolves ``dependent``'s requirement on ``target`` (see the
    module's docstring); ``workspaces``: ``node_workspaces``'s answer."""
    if dependent.ecosystem == "rust":
        return requirement.source == "path"
    if dependent.ecosystem == "node":
        if requirement.source == "workspace":
            # workspace:*, workspace:^ and workspace:~ are filled in at publish
            return spec not in ("*", "^", "~", "")
        if requirement.source is not None:
            return False
        root = next(
            (
                root
                for root, globs in workspaces
                if workspace_member(dependent.directory, root, globs)
                and workspace_member(target.directory, root, globs)
            ),
            None,
        )
        if root is None:
            return False
        # The workspace's lock says how the range was resolved: a registry version is no
        # internal requirement, whatever the range (tailwindcss's v3 playground asks for
        # tailwindcss ^3; pnpm 9 and later link a plain range only where told to; npm
        # links no workspace root). A link is one, stale where the member's version
        # misses the range (`npm ci` installs what the lock says). Without a lock, npm's
        # rule: a range between members is the workspace's.
        return not _lock_fetches(tree, root, dependent.directory, requirement.name)
    return True


def _lock_fetches(tree: Tree, root: str, folder: str, name: str) -> bool:
    """Whether the workspace's lockfile (``root``'s npm-shrinkwrap.json, package-lock.json
    or pnpm-lock.yaml) installs ``name`` in ``folder`` from a registry, not as a link. No
    lockfile, or one that cannot be read, says nothing (the lockfile check reports it)."""
    from releaselint.core import json as jsonfile
    from releaselint.core.lockfiles import pnpm_lock
    from releaselint.core.manifests.package_json import package_manager, stray_lockfile

    importer = folder[len(root) + 1 :] if root and folder.startswith(root + "/") else folder
    importer = "" if folder == root else importer
    names = ("npm-shrinkwrap.json", "package-lock.json", "pnpm-lock.yaml")
    paths = [posixpath.join(root, n) for n in (*names, "package.json")]
    texts = _read_once(tree, paths)
    manager = (package_manager(texts[paths[-1]]) or "").partition("@")[0] or None
    for lock_name, lock in zip(names, paths, strict=False):
        text = texts[lock]
        if text is None or stray_lockfile(lock_name, manager):
            continue  # none, or another tool's left behind (the lockfile check names it)
        try:
            if lock_name == "pnpm-lock.yaml":
                document = _parse_once(lock, text, pnpm_lock.lock_document)
                found = pnpm_lock.version_in(document, importer or ".", name)
                # a version from a registry (`3.4.19`, `3.4.19(react@18.0.0)`), not `link:`
                return isinstance(found, str) and found[:1].isdigit()
            data = _parse_once(lock, text, jsonfile.load)
        except FatalError:
            continue  # one that cannot be read says nothing (the lockfile check says why)
        entries = data.get("packages") if isinstance(data, dict) else None
        if not isinstance(entries, dict):
            continue  # lockfileVersion 1: no `packages`
        entry = entries.get(f"{importer}/node_modules/{name}") if importer else None
        if entry is None:
            entry = entries.get(f"node_modules/{name}")
        return (
            isinstance(entry, dict)
            and entry.get("link") is not True
            and isinstance(entry.get("version"), str)
        )
    return False


# the texts `_lock_fetches` read, for the tree it read them from: one read (and one parse
# of a lockfile of megabytes) however many requirements ask
_READ: dict[str, Any] = {"tree": None, "texts": {}, "parsed": {}}


def _parse_once(path: str, text: str, parse: Callable[[str, str], Any]) -> Any:
    """A lockfile's document, parsed once per text however many requirements ask (pnpm's
    own repository: 72 pins on an 830 KB lock, each a full YAML load, took 90 s); a
    lockfile that cannot be parsed raises each time, as it did once."""
    parsed: dict[tuple[str, int], Any] = _READ["parsed"]
    key = (path, id(text))
    if key not in parsed:
        parsed[key] = parse(path, text)
    return parsed[key]


def _read_once(tree: Tree, paths: list[str]) -> dict[str, str | None]:
    if _READ["tree"] is not tree:
        _READ["tree"], _READ["texts"], _READ["parsed"] = tree, {}, {}
    texts: dict[str, str | None] = _READ["texts"]
    missing = [p for p in paths if p not in texts]
    if missing:
        texts.update(tree.read_many(missing))
    return {p: texts[p] for p in paths}


def workspace_member(folder: str, root: str, globs: list[str]) -> bool:
    """Whether ``folder`` is the workspace's root or one of its members: matched by a glob
    and by none of the ``!`` globs that take folders out (pnpm, npm)."""
    if root and not folder.startswith(root + "/"):
        return folder == root
    relative = folder[len(root) + 1 :] if root else folder

    def matched(glob: str) -> bool:
        # `*` within one path segment (pnpm's and npm's globs): `packages/*` is no folder
        # of packages/create-cloudflare/templates
        return workspace_glob(relative, glob.rstrip("/").removeprefix("./"))

    return folder == root or (
        any(matched(g) for g in globs if not g.startswith("!"))
        and not any(matched(g[1:]) for g in globs if g.startswith("!"))
    )


def node_workspaces(tree: Tree, packages: Sequence[Package]) -> list[tuple[str, list[str]]]:
    """(root folder, member globs) of each npm/yarn workspace and pnpm's workspace file."""
    found = [
        (p.directory, p.workspace_members)
        for p in packages
        if p.ecosystem == "node" and p.workspace_members
    ]
    text = tree.read_many(["pnpm-workspace.yaml"]).get("pnpm-workspace.yaml")
    if text is not None:
        from releaselint.core.lockfiles import pnpm_lock

        data = pnpm_lock.workspace_document("pnpm-workspace.yaml", text)
        globs = data.get("packages") if isinstance(data, dict) else None
        if isinstance(globs, list):
            found.append(("", [g for g in globs if isinstance(g, str)]))
    return found


def spelled(ecosystem: str, version: SemVer) -> str | None:
    return semver_to_pep440(version) if ecosystem == "python" else str(version)


def raised(ecosystem: str, spec: str, version: str) -> str | None:
    """``spec`` with its one version replaced by ``version`` (``^7.0.0`` -> ``^8.0.0``), as
    ``plan`` rewrites it, where it then admits ``version``; None for anything else."""
    pattern = _SINGLE.get(ecosystem)
    single = pattern.fullmatch(spec) if pattern is not None else None
    if single is None:
        return None
    new = spec[: single.start(3)] + version + spec[single.end(3) :]
    return new if ranges.satisfies(ecosystem, new, version) else None


def plan(internals: Sequence[Internal], version: SemVer, policy: str) -> list[Rewrite]:
    """The rewrites ``policy`` asks for when the targets move to ``version``; FatalError
    where it refuses, or where a requirement the version leaves behind cannot be
    rewritten in place."""
    rewrites = []
    refused = []
    for internal in internals:
        requirement = internal.requirement
        ecosystem = internal.dependent.ecosystem
        new = spelled(ecosystem, version)
        where = f"{requirement.path}:{requirement.line}" if requirement.line else requirement.path
        single = _SINGLE[ecosystem].fullmatch(internal.spec)
        admitted = ranges.satisfies(ecosystem, internal.spec, str(version))
        exact = single is not None and single.group(1) in _EXACT[ecosystem]
        if ecosystem == "node" and exact and single is not None:
            exact = single.group(3).count(".") == 2  # "1.4" is the range 1.4.x
        # a pin that already names the version (a --fix of a lagging manifest) is done
        stale = (exact and single is not None and single.group(3) != new) or admitted is False
        what = f"{requirement.name} {internal.spec!r} ({requirement.field})"
        if policy == "error" and stale:
            refused.append(f"{where}: {what} does not admit {version}")
            continue
        if not stale and not (policy == "upgrade" and admitted is not None):
            continue
        if single is None or new is None:
            if stale:
                refused.append(
                    f"{where}: {what} does not admit {version} and is not one comparator "
                    "releaselint can rewrite; edit it by hand"
                )
            continue
        if single.group(3) == new:
            continue
        if requirement.start is None:
            refused.append(
                f"{where}: {what} is written with escape sequences; releaselint does not "
                "rewrite it: edit it by hand"
            )
            continue
        start = requirement.start + single.start(3)
        edit = Edit(requirement.path, start, start + len(single.group(3)), new, single.group(3))
        rewritten = internal.spec[: single.start(3)] + new + internal.spec[single.end(3) :]
        rewrites.append(Rewrite(internal, edit, internal.spec, rewritten))
    if refused:
        hint = " (dependent-pins = 'error')" if policy == "error" else ""
        raise FatalError("; ".join(refused) + hint)
    return rewrites


# lockfiles that copy the manifests' requirements, rewritten in place with them
_COPIES = {"node": "package-lock.json", "python": "uv.lock"}


def lock_copies(
    tree: Tree, rewrites: Sequence[Rewrite]
) -> tuple[list[tuple[Edit, str]], list[str]]:
    """The same rewrites in the lockfiles that copy each requirement (``package-lock.json``'s
    ``packages["<folder>"]`` maps, ``uv.lock``'s ``requires-dist``/``requires-dev``), and
    the manifests some of whose copies were not found: their lockfile needs its command.
    Each edit comes with its line of the plan."""
    by_lock: dict[str, list[Rewrite]] = {}
    unresolved: list[str] = []
    listed = tree.list([f":(glob)**/{name}" for name in _COPIES.values()]) if rewrites else []
    for rewrite in rewrites:
        manifest = rewrite.edit.path
        lock = _nearest(
            manifest,
            [
                p
                for p in listed
                if p.endswith(_COPIES.get(rewrite.internal.dependent.ecosystem, "\0"))
            ],
        )
        if lock is None:
            unresolved.append(manifest)
        else:
            by_lock.setdefault(lock, []).append(rewrite)
    edits: dict[tuple[str, int], tuple[Edit, str]] = {}
    texts = tree.read_many(list(by_lock))
    for lock, items in by_lock.items():
        text = texts.get(lock)
        fmt = formats.find(posixpath.basename(lock))
        if text is None or fmt is None:
            unresolved.extend(r.edit.path for r in items)
            continue
        entries = formats.reader(fmt).read(lock, text, requirements=True)
        for rewrite in items:
            found = _copies_of(rewrite, entries, text)
            if found is None:
                unresolved.append(rewrite.edit.path)
            else:
                edits.update(((e.path, e.start), (e, what)) for e, what in found)
    return list(edits.values()), sorted(set(unresolved))


def _copies_of(
    rewrite: Rewrite, entries: Sequence[Locked], text: str
) -> list[tuple[Edit, str]] | None:
    """The edits of the lockfile's copies of ``rewrite``'s requirement; None where one
    holds something else, or none is found (the lockfile needs its command). uv records no
    specifier for a requirement taken from the workspace: nothing to rewrite there."""
    requirement = rewrite.internal.requirement
    dependent = rewrite.internal.dependent
    ecosystem = dependent.ecosystem
    operator = _SINGLE[ecosystem].fullmatch(rewrite.old)
    assert operator is not None  # a rewrite is of one comparator
    name = canonical(ecosystem, requirement.name)
    found = []
    seen = False
    for entry in entries:
        if entry.folder != dependent.directory:
            continue
        for copy in entry.requirements:
            same = (copy.kind, copy.group, canonical(ecosystem, copy.name)) == (
                requirement.kind,
                requirement.group,
                name,
            )
            if not same:
                continue
            seen = True
            if copy.text == "" and ecosystem == "python":
                continue
            if copy.start is None or copy.end is None:
                return None
            single = _SINGLE[ecosystem].fullmatch(text[copy.start : copy.end])
            if single is None or single.group(1) != operator.group(1):
                return None
            if single.group(3) != rewrite.edit.old:
                return None
            start = copy.start + single.start(3)
            end = start + len(single.group(3))
            edit = Edit(copy.path, start, end, rewrite.edit.new, single.group(3))
            old = text[copy.start : copy.end]
            new = text[copy.start : start] + rewrite.edit.new + text[end : copy.end]
            what = f"{copy.path}:{copy.line}: {copy.field} {copy.name} {old!r} -> {new!r}"
            found.append((edit, what))
    return found if seen else None


def _nearest(manifest: str, locks: Sequence[str]) -> str | None:
    best: str | None = None
    for lock in locks:
        folder = posixpath.dirname(lock)
        inside = not folder or manifest.startswith(folder + "/")
        if inside and (best is None or len(folder) > len(posixpath.dirname(best))):
            best = lock
    return best


def lock_commands(tree: Tree, changed: Sequence[str]) -> list[tuple[str, tuple[str, ...]]]:
    """(folder, command) for each lockfile that covers a changed manifest: the nearest of
    its ecosystem above it."""
    if not changed:
        return []
    listed = tree.list([f":(glob)**/{name}" for name in LOCK_COMMANDS])
    found: dict[str, tuple[str, tuple[str, ...]]] = {}
    for manifest in changed:
        ecosystem = formats.find(posixpath.basename(manifest))
        if ecosystem is None:
            continue
        best: str | None = None
        for lock in listed:
            folder = posixpath.dirname(lock)
            inside = not folder or manifest.startswith(folder + "/")
            same = _LOCK_ECOSYSTEM[posixpath.basename(lock)] == ecosystem.ecosystem
            if inside and same and (best is None or len(folder) > len(posixpath.dirname(best))):
                best = lock
        if best is not None:
            found[best] = (posixpath.dirname(best), LOCK_COMMANDS[posixpath.basename(best)])
    return [found[lock] for lock in sorted(found)]


def lockfile(folder: str, command: tuple[str, ...]) -> str:
    """The lockfile a command of ``lock_commands`` rewrites."""
    name = next(n for n, c in LOCK_COMMANDS.items() if c == command)
    return posixpath.join(folder, name)
