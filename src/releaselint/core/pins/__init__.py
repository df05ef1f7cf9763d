"""Whether each lockfile of the repository still matches its manifests, offline: the rule
of each lock tool (uv, Poetry, npm, pnpm, Cargo) for "this lock is up to date", read from
the files alone, with no resolver.

Each rule says which tool's verdict it reproduces, in a module of its own (``uv``,
``poetry``, ``npm``, ``pnpm``, ``cargo``), imported where a lockfile of that tool is
checked; ``stale`` finds internal requirements their sibling's version misses;
docs/check-lockfile-pins.md lists the rules with each tool's own check. A finding names
the lockfile and the manifest line, and the command that re-locks. Where the files cannot
decide (a marker uv rewrites into its own canonical form), the finding is a warning that
says which command decides.
"""

from __future__ import annotations

import posixpath

from releaselint.core import json as jsonfile
from releaselint.core import lockcache
from releaselint.core.errors import FatalError
from releaselint.core.files import line_of, locate
from releaselint.core.formats import CONFIG_FILES
from releaselint.core.lockfiles import damage
from releaselint.core.report import Finding, printable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from typing import Any

    from releaselint.core import toml
    from releaselint.core.tree import Tree

CHECKED = ("uv.lock", "poetry.lock", "package-lock.json", "pnpm-lock.yaml", "Cargo.lock")
# found beside a manifest, never read: named so that a passing check does not pretend
UNCHECKED = {
    "yarn.lock": "yarn install --immutable",
    "bun.lock": "bun install --frozen-lockfile",
    "bun.lockb": "bun install --frozen-lockfile",
    "npm-shrinkwrap.json": "npm ci",
}
RELOCK = {
    "uv.lock": ["uv", "lock"],
    "poetry.lock": ["poetry", "lock"],
    "package-lock.json": ["npm", "install", "--package-lock-only", "--ignore-scripts"],
    "pnpm-lock.yaml": ["pnpm", "install", "--lockfile-only", "--ignore-scripts"],
    "Cargo.lock": ["cargo", "update", "--workspace"],
}
# each tool's own offline check of its lockfile
TOOL_CHECK = {
    "uv.lock": "uv lock --check",
    "poetry.lock": "poetry check --lock",
    "package-lock.json": "npm ci",
    "pnpm-lock.yaml": "pnpm install --frozen-lockfile",
    "Cargo.lock": "cargo metadata --locked",
}
MANIFEST_NAMES = ("pyproject.toml", "package.json", "Cargo.toml")


class Drift(Finding):
    """A finding that re-locking with the lock tool fixes."""

    __slots__ = ()


def relock_argv(lockfile: str, upgrade: Iterable[str] = ()) -> list[str]:
    """The command that re-locks a lockfile; for uv, ``--upgrade-package`` for each
    requirement whose specifier changed (``upgrade``), so that uv resolves it afresh."""
    argv = list(RELOCK[posixpath.basename(lockfile)])
    if argv[0] == "uv":
        for name in upgrade:
            argv += ["--upgrade-package", name]
    return argv


def pathspecs() -> list[str]:
    names = (*CHECKED, *UNCHECKED, *MANIFEST_NAMES, "pnpm-workspace.yaml")
    return [f":(glob)**/{name}" for name in names]


def is_dev_project(path: str, ignore: Sequence[str] = ()) -> bool:
    """A lockfile inside a folder of development projects (docs builds, examples,
    scripts: their locks are no release, and the tools' CI rarely checks them), a hidden
    folder, or one the configuration ignores: not checked."""
    from releaselint.core.folders import DEV_FOLDERS, EXCLUDED_DIRS, matches

    if any(matches(path, pattern) for pattern in ignore):
        return True
    folders = path.split("/")[:-1]
    return any(p in EXCLUDED_DIRS or p in DEV_FOLDERS or p.startswith(".") for p in folders)


def lockfiles_to_check(listed: Sequence[str], changed: Sequence[str] | None) -> list[str]:
    """The lockfiles whose verdict a change can move: every one (``changed`` is None), or
    those changed, and those under whose folder a manifest changed."""
    locks = [p for p in listed if posixpath.basename(p) in (*CHECKED, *UNCHECKED)]
    # the configuration says which lockfiles are left out: a change to it moves them all
    if changed is None or any(posixpath.basename(p) in CONFIG_FILES for p in changed):
        return locks
    changed_set = set(changed)
    manifests = [
        p for p in changed if posixpath.basename(p) in (*MANIFEST_NAMES, "pnpm-workspace.yaml")
    ]
    picked = []
    for lock in locks:
        folder = posixpath.dirname(lock)
        wanted = _WATCHED.get(posixpath.basename(lock), ())
        mine = [m for m in manifests if posixpath.basename(m) in wanted]
        if lock in changed_set or any(_inside(m, folder) for m in mine):
            picked.append(lock)
    return picked


_WATCHED = {
    "uv.lock": ("pyproject.toml",),
    "poetry.lock": ("pyproject.toml",),
    "package-lock.json": ("package.json",),
    "pnpm-lock.yaml": ("package.json", "pnpm-workspace.yaml"),
    "Cargo.lock": ("Cargo.toml",),
}


def _inside(path: str, folder: str) -> bool:
    return not folder or path.startswith(f"{folder}/")


def find_drift(
    tree: Tree, locks: Sequence[str], listed: Sequence[str]
) -> tuple[list[Finding], dict[str, list[str]]]:
    """Every way each lockfile is out of date with its manifests (``listed``: the files of
    the tree, to find workspace members), and the command that re-locks each lockfile that
    re-locking would fix."""
    findings: list[Finding] = []
    relocks: dict[str, list[str]] = {}
    for lock in locks:
        name = posixpath.basename(lock)
        reader = Reader(tree, listed)
        if name in UNCHECKED:
            own = UNCHECKED[name]
            if name == "yarn.lock" and "# yarn lockfile v1" in (reader.text(lock) or "")[:512]:
                own = "yarn install --frozen-lockfile"  # yarn 1 has no --immutable
            own = command_in(posixpath.dirname(lock), own)
            findings.append(
                Finding(
                    lock,
                    None,
                    f"unchecked: releaselint does not read {name}; `{own}` checks it",
                    "warning",
                )
            )
            continue
        manager = _package_manager(reader, lock)
        workspace = _pnpm_workspace_of(reader, lock) if manager is None else None
        if manager is not None or workspace is not None:
            why = (
                f"package.json's packageManager is {manager!r}, which does not read {name}"
                if manager is not None
                else f"its folder is a member of the pnpm workspace of {workspace}, and pnpm "
                f"reads no {name}"
            )
            findings.append(
                Finding(lock, None, f"unchecked: {why} (left behind by another tool?)", "warning")
            )
            continue
        try:
            found = check(name, reader, lock)
        except damage.UnsupportedLockfile as e:
            # a format newer than releaselint: the tool's own check decides, not drift
            own = command_in(posixpath.dirname(lock), TOOL_CHECK[name])
            message = f"unchecked: {e.unchecked}; `{own}` checks it"
            findings.append(Finding(e.path, e.line, message, "warning"))
            continue
        except FatalError as e:
            findings.append(_damaged(lock, str(e)))
            continue
        findings.extend(found)
        if any(isinstance(f, Drift) and f.severity == "error" for f in found):
            relocks[lock] = relock_argv(lock, sorted(reader.upgrade))
    return findings, relocks


def _package_manager(reader: Reader, lock: str) -> str | None:
    """The ``packageManager`` of the package.json beside a node lockfile, where it names a
    tool that writes another lockfile; None elsewhere."""
    from releaselint.core.manifests.package_json import package_manager, stray_lockfile

    name = posixpath.basename(lock)
    if name not in ("package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml"):
        return None
    manager = package_manager(reader.text(posixpath.join(posixpath.dirname(lock), "package.json")))
    if manager is None or not stray_lockfile(name, manager.partition("@")[0]):
        return None
    return manager


def _pnpm_workspace_of(reader: Reader, lock: str) -> str | None:
    """The pnpm-workspace.yaml above an npm lockfile whose ``packages`` take its folder in
    (pyright's packages/*/package-lock.json, from before its move to pnpm); None where
    there is none. pnpm reads the workspace's one pnpm-lock.yaml, never a member's own."""
    if posixpath.basename(lock) not in ("package-lock.json", "npm-shrinkwrap.json"):
        return None
    folder = posixpath.dirname(lock)
    above = folder
    while above:
        above = posixpath.dirname(above)
        path = posixpath.join(above, "pnpm-workspace.yaml")
        text = reader.text(path) if reader.has(path) else None
        if text is None:
            continue
        # only where a workspace is found (``internal`` brings ``re`` in)
        from releaselint.core.internal import workspace_member
        from releaselint.core.lockfiles.pnpm_lock import workspace_document

        try:
            document = workspace_document(path, text)
        except FatalError:
            return None  # the pnpm check says what is wrong with it
        globs = document.get("packages") if isinstance(document, dict) else None
        members = [g for g in globs if isinstance(g, str)] if isinstance(globs, list) else []
        return path if workspace_member(folder, above, members) else None
    return None


def _damaged(lock: str, message: str) -> Finding:
    """A reader's ``path:line: message`` as a finding (the path may be the manifest's)."""
    where, _, rest = message.partition(": ")
    path, _, line = where.rpartition(":")
    if path and line.isdigit():
        return Finding(path, int(line), rest)
    if rest:
        return Finding(where, None, rest)
    return Finding(lock, None, message)


class Reader:
    """The files one check reads, each read once."""

    def __init__(self, tree: Tree, listed: Sequence[str]) -> None:
        self.tree = tree
        self.listed = set(listed)
        self.texts: dict[str, str | None] = {}
        # requirements whose specifier the lockfile no longer matches (uv re-locks each
        # with --upgrade-package)
        self.upgrade: set[str] = set()

    def text(self, path: str) -> str | None:
        if path not in self.texts:
            self.texts.update(self.tree.read_many([path]))
        return self.texts[path]

    def has(self, path: str) -> bool:
        return path in self.listed

    def on_disk(self, path: str) -> str | None:
        """Where a file of the work tree lies, once checked as a read checks it; None for
        a commit's files, and for one releaselint does not read."""
        if self.tree.commit is not None:
            return None
        try:
            return locate(self.tree.root, path)
        except FatalError:
            return None

    def members(
        self, folder: str, patterns: Iterable[object], manifest: str, *, negated: bool = False
    ) -> list[str]:
        """Folders (relative to the repository) under ``folder`` holding a listed
        ``manifest`` and matching one of the workspace globs, one path segment a glob
        segment (``*`` never crosses a ``/``). ``negated``: a glob that starts with ``!``
        takes the folders it matches out (pnpm's and npm's workspaces)."""
        found: list[str] = []
        wanted = [p for p in patterns if isinstance(p, str)]
        negations = [p[1:] for p in wanted if negated and p.startswith("!")]
        for pattern in wanted:
            if negated and pattern.startswith("!"):
                continue
            for candidate in self._matching(folder, pattern, manifest):
                if candidate not in found:
                    found.append(candidate)
        for pattern in negations:
            dropped = set(self._matching(folder, pattern, manifest))
            found = [f for f in found if f not in dropped]
        return sorted(found)

    def _matching(self, folder: str, pattern: str, manifest: str) -> list[str]:
        from releaselint.core.folders import workspace_glob

        want = posixpath.normpath(posixpath.join(folder, pattern.strip("/")))
        return [
            posixpath.dirname(path)
            for path in self.listed
            if posixpath.basename(path) == manifest
            and workspace_glob(posixpath.dirname(path), want)
        ]


_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@%+=:,./-_")


def command_in(folder: str, command: str) -> str:
    """``command`` as a hint says to run it from the top of the work tree, for the lockfile
    of ``folder`` (the tools act on the project of the folder they run in)."""
    if not folder:
        return command
    if not _SAFE.issuperset(folder) or folder.startswith("-"):
        import shlex

        folder = shlex.quote(folder if not folder.startswith("-") else "./" + folder)
    return f"(cd {folder} && {command})"


def _join(folder: str, *parts: str) -> str:
    joined = posixpath.normpath(posixpath.join(folder, *parts))
    return "" if joined == "." else joined


def _toml(path: str, text: str, *, lockfile: bool = False) -> tuple[dict[str, Any], toml.Spans]:
    """A manifest (the readers' errors), or a lockfile (what makes it unreadable, said
    plainly: a byte order mark, a merge conflict, a file cut short)."""
    from releaselint.core import toml

    if not lockfile:
        return toml.load_with_spans(path, text)
    damage.refuse_bom(path, text)
    try:
        return toml.load_with_spans(path, text)
    except FatalError as e:
        raise damage.explain(path, text, e) from None


def _json(path: str, text: str, *, lockfile: bool = False) -> dict[str, Any]:
    if lockfile:
        damage.refuse_bom(path, text)
    try:
        data = jsonfile.load(path, text)
    except FatalError as e:
        raise (damage.explain(path, text, e) if lockfile else e) from None
    if not isinstance(data, dict):
        again = f"; {damage.regenerate(path)}" if lockfile else ""
        raise FatalError(f"{path}:1: invalid JSON file: the top level is not an object{again}")
    return data


def _table(data: object, *keys: str) -> dict[str, Any]:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, dict) else {}


def _line(spans: toml.Spans, text: str, *keypath: str | int) -> int | None:
    span = spans.get(keypath)
    return line_of(text, span[0]) if span is not None else None


def _cached_document(
    reader: Reader,
    lock: str,
    kind: str,
    text: Callable[[], str],
    read: Callable[[str, str], tuple[dict[str, Any], toml.Spans]],
) -> tuple[dict[str, Any], toml.Spans]:
    """What ``read`` makes of a lockfile (a TOML document and its spans), kept by its text
    (``text()``: the lockfile's)."""
    return lockcache.cached(
        reader.tree.root, lock, kind, text, lambda found: read(lock, found), _encode_document,
        _decode_document, full=reader.on_disk(lock),
    )  # fmt: skip


def _encode_document(found: tuple[dict[str, Any], toml.Spans]) -> object:
    data, spans = found
    return {"data": data, "spans": [[list(k), start, end] for k, (start, end) in spans.items()]}


def _decode_document(value: Any) -> tuple[dict[str, Any], toml.Spans]:
    """The document and spans a cache entry keeps; ValueError where it is not in their shape
    (a cache edited by hand: the lockfile is read instead). The checks read the document
    as they read any TOML, so any JSON value within it will do."""
    spans = {tuple(k): (start, end) for k, start, end in value["spans"]}
    if not isinstance(value["data"], dict) or not all(
        type(s) is int and type(e) is int for s, e in spans.values()
    ):
        raise ValueError("not a document")
    return value["data"], spans


def _enclosing_workspace(
    reader: Reader, folder: str, manifest: str, table: tuple[str, ...]
) -> str | None:
    """The folder of a workspace above ``folder`` that has it as a member (its ``members``
    globs name it, its ``exclude`` globs do not), or None."""
    parent = folder
    while parent:
        parent = posixpath.dirname(parent)
        path = _join(parent, manifest)
        text = reader.text(path) if reader.has(path) else None
        if text is None:
            continue
        try:
            workspace = _table(_toml(path, text)[0], *table)
        except FatalError:
            continue  # a manifest that cannot be read is reported where it is checked
        members = reader.members(parent, workspace.get("members") or [], manifest)
        excluded = reader.members(parent, workspace.get("exclude") or [], manifest)
        if folder in members and folder not in excluded:
            return parent
    return None


def _map_drift(
    lock: str,
    where: str,
    mine: dict[str, Any],
    theirs: dict[str, Any],
    manifest: str,
    manifest_text: str,
    field: str,
    tail: str,
    note: Callable[[str, object], str] | None = None,
) -> list[Finding]:
    """One finding for each name whose specifier differs between a manifest's dependency map
    (``mine``) and the lockfile's copy of it (``theirs``), with the manifest's line;
    ``note(name, specifier)`` goes before ``tail``."""
    findings: list[Finding] = []
    for name in dict.fromkeys([*mine, *theirs]):
        if mine.get(name) == theirs.get(name):
            continue
        line = None
        if name in mine:
            # a peer pnpm installs itself stands in peerDependencies
            found = jsonfile.string_spans(
                manifest_text, [(field, name), ("peerDependencies", name)], keys=True
            )
            start = found.get((field, name)) or found.get(("peerDependencies", name))
            line = line_of(manifest_text, start[0]) if start else 1
        at = f"{manifest}:{line}" if line else manifest
        text = f"{where} for '{name}' is {_quoted(theirs.get(name))} but {at} says "
        extra = note(name, mine.get(name)) if note is not None else ""
        findings.append(Drift(lock, None, f"{text}{_quoted(mine.get(name))}{extra}{tail}"))
    return findings


def _quoted(value: object) -> str:
    return "nothing" if value is None else f"'{value}'"


# each checked lockfile's rule: its module, imported where such a lockfile is met
_MODULES = {
    "uv.lock": "uv",
    "poetry.lock": "poetry",
    "package-lock.json": "npm",
    "pnpm-lock.yaml": "pnpm",
    "Cargo.lock": "cargo",
}


def check(name: str, reader: Reader, lock: str) -> list[Finding]:
    """The findings of the rule of lockfile ``name`` (one of ``CHECKED``) on ``lock``."""
    module = __import__(f"releaselint.core.pins.{_MODULES[name]}", fromlist=["check"])
    found: list[Finding] = module.check(reader, lock)
    return one_line(found)


def one_line(findings: list[Finding]) -> list[Finding]:
    """The findings, each message on one line: names come from the files, and a key may
    hold a line break, which a message shows as an escape (``report.printable``)."""
    return [
        f if f.message.isprintable() else f._replace(message=printable(f.message)) for f in findings
    ]
