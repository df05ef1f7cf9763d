"""Whether each lockfile of the repository still matches its manifests, offline: the rule
of each lock tool (uv, Poetry, npm, pnpm, Cargo) for "this lock is up to date", read from
the files alone, with no resolver.

Each rule says which tool's verdict it reproduces; docs/check-lockfile-pins.md lists them
with each tool's own check. A finding names the lockfile and the manifest line, and the
command that re-locks. Where the files cannot decide (a marker uv rewrites into its own
canonical form), the finding is a warning that says which command decides.
"""

from __future__ import annotations

import posixpath
from collections import namedtuple

from releaselint.core import formats, lockcache, toml
from releaselint.core import json as jsonfile
from releaselint.core.errors import FatalError
from releaselint.core.files import line_of
from releaselint.core.formats import CONFIG_FILES
from releaselint.core.lazyre import lazy
from releaselint.core.lockfiles import damage
from releaselint.core.pep508 import canonical_name, clause, extra_clause, requirement_parts
from releaselint.core.report import Finding

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from typing import Any, NamedTuple

    from releaselint.core.model import Package
    from releaselint.core.tree import Tree

    class Relock(NamedTuple):
        """A lockfile to re-lock, and the command its tool re-locks it with."""

        lockfile: str
        argv: list[str]
else:
    Relock = namedtuple("Relock", "lockfile argv")

CHECKED = ("uv.lock", "poetry.lock", "package-lock.json", "pnpm-lock.yaml", "Cargo.lock")
# found beside a manifest, never read: named so that a passing check does not pretend
UNCHECKED = {
    "yarn.lock": "yarn install --immutable",
    "bun.lock": "bun install --frozen-lockfile",
    "bun.lockb": "bun install --frozen-lockfile",
    "npm-shrinkwrap.json": "npm ci",
}
MANIFEST_OF = {
    "uv.lock": "pyproject.toml",
    "poetry.lock": "pyproject.toml",
    "package-lock.json": "package.json",
    "pnpm-lock.yaml": "package.json",
    "Cargo.lock": "Cargo.toml",
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
NPM_MAPS = ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies")
PNPM_MAPS = ("dependencies", "devDependencies", "optionalDependencies")


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
    from releaselint.core.inventory import DEV_FOLDERS, EXCLUDED_DIRS, matches

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
        if name in UNCHECKED:
            findings.append(
                Finding(
                    lock,
                    None,
                    f"unchecked: releaselint does not read {name}; `{UNCHECKED[name]}` checks it",
                    "warning",
                )
            )
            continue
        reader = Reader(tree, listed)
        try:
            found = _CHECKS[name](reader, lock)
        except damage.UnsupportedLockfile as e:
            # a format newer than releaselint: the tool's own check decides, not drift
            message = f"unchecked: {e.unchecked}; `{TOOL_CHECK[name]}` checks it"
            findings.append(Finding(e.path, e.line, message, "warning"))
            continue
        except FatalError as e:
            findings.append(_damaged(lock, str(e)))
            continue
        findings.extend(found)
        if any(isinstance(f, Drift) and f.severity == "error" for f in found):
            relocks[lock] = relock_argv(lock, sorted(reader.upgrade))
    return findings, relocks


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

    def members(self, folder: str, patterns: Iterable[object], manifest: str) -> list[str]:
        """Folders (relative to the repository) under ``folder`` holding a listed
        ``manifest`` and matching one of the workspace globs, one path segment a glob
        segment (``*`` never crosses a ``/``)."""
        found = []
        for pattern in patterns:
            if not isinstance(pattern, str):
                continue
            want = posixpath.normpath(posixpath.join(folder, pattern.strip("/")))
            parts = want.split("/")
            for path in self.listed:
                if posixpath.basename(path) != manifest:
                    continue
                candidate = posixpath.dirname(path)
                if _glob_match(candidate.split("/"), parts) and candidate not in found:
                    found.append(candidate)
        return sorted(found)


def _glob_match(parts: list[str], pattern: list[str]) -> bool:
    from fnmatch import fnmatchcase

    if "**" in pattern:
        at = pattern.index("**")
        head, tail = pattern[:at], pattern[at + 1 :]
        if len(parts) < len(head) + len(tail):
            return False
        return _glob_match(parts[: len(head)], head) and (
            not tail or _glob_match(parts[len(parts) - len(tail) :], tail)
        )
    return len(parts) == len(pattern) and all(
        fnmatchcase(p, q) for p, q in zip(parts, pattern, strict=True)
    )


def _join(folder: str, *parts: str) -> str:
    joined = posixpath.normpath(posixpath.join(folder, *parts))
    return "" if joined == "." else joined


def _toml(path: str, text: str, *, lockfile: bool = False) -> tuple[dict[str, Any], toml.Spans]:
    """A manifest (the readers' errors), or a lockfile (what makes it unreadable, said
    plainly: a byte order mark, a merge conflict, a file cut short)."""
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


# ---------------------------------------------------------------------------- uv.lock


_UV_SOURCE_KEYS = ("editable", "virtual", "directory", "path", "git", "url")
# uv writes `python_version < '3.11'` as `python_full_version < '3.11'`: the same for `<`
# and `>=` on a two-part version (uv's marker simplification, crates/uv-pep508)
_PYTHON_VERSION_RE = lazy(r'python_version (<|>=) "(\d+\.\d+)"')


class _Wanted:
    """One requirement as uv would copy it into the lock: what is compared, and where the
    manifest says it."""

    __slots__ = ("extras", "line", "marker", "name", "shown", "source", "specifier")

    def __init__(
        self,
        name: str,
        extras: tuple[str, ...],
        specifier: str,
        marker: str,
        source: str | None,
        shown: str,
        line: int | None,
    ) -> None:
        self.name = name
        self.extras = extras
        self.specifier = specifier
        self.marker = marker
        self.source = source
        self.shown = shown
        self.line = line

    def key(self) -> tuple[object, ...]:
        return (self.extras, self.specifier, self.source, self.marker)


def _simple_specifier_key(text: str) -> str | None:
    """``_specifier_key`` of comma-separated clauses of plain release numbers, or None."""
    canonical = set()
    clauses = text.split(",")
    for text_clause in clauses:
        parts = clause(text_clause)
        if parts is None:
            return None
        operator, version = parts
        numbers = [str(int(n)) for n in version.split(".")]
        if operator == "~=":
            if len(numbers) < 2:
                return None  # "~=1" is no specifier
        else:
            while len(numbers) > 1 and numbers[-1] == "0":
                numbers.pop()
        canonical.add(operator + ".".join(numbers))
    if len(canonical) < len(clauses):
        return None  # a clause said twice: packaging keeps one of its spellings
    return ",".join(sorted(canonical))


def _specifier_key(text: str) -> str:
    """Specifiers compared as sets of canonical clauses: uv rewrites spacing and order, and
    takes ``>=3.5.0`` for ``>=3.5`` (not so ``~=``, where the length counts)."""
    if not text.strip():
        return ""
    simple = _simple_specifier_key(text)
    return simple if simple is not None else _packaging_specifier_key(text)


def _packaging_specifier_key(text: str) -> str:
    from packaging.specifiers import InvalidSpecifier, SpecifierSet
    from packaging.utils import canonicalize_version

    try:
        clauses = SpecifierSet(text)
    except InvalidSpecifier:
        return text
    canonical = (
        s.operator
        + (
            s.version
            if s.operator == "==="
            else canonicalize_version(s.version, strip_trailing_zero=s.operator != "~=")
        )
        for s in clauses
    )
    return ",".join(sorted(canonical))


def _marker_key(text: str) -> str:
    if not text:
        return ""
    from packaging.markers import InvalidMarker, Marker

    try:
        shown = str(Marker(text))
    except InvalidMarker:
        return text
    return _PYTHON_VERSION_RE.sub(r'python_full_version \1 "\2"', shown)


def _from_manifest(
    value: object,
    extra: str | None,
    sources: dict[str, str],
    line: int | None,
    path: str,
) -> _Wanted:
    simple = _simple_requirement(value, sources, line)
    return simple if simple is not None else _parsed_requirement(value, sources, line, path)


def _simple_requirement(value: object, sources: dict[str, str], line: int | None) -> _Wanted | None:
    """``_parsed_requirement`` of a requirement without marker or URL whose clauses hold
    plain release numbers; None for any other."""
    parts = requirement_parts(value) if isinstance(value, str) else None
    if parts is None:
        return None
    raw_name, raw_extras, spec = parts
    key = _simple_specifier_key(spec) if spec else ""
    if key is None:
        return None
    name = canonical_name(raw_name)
    source = sources.get(name)
    extras = (
        tuple(sorted({canonical_name(e.strip(" \t")) for e in raw_extras.split(",")}))
        if raw_extras
        else ()
    )
    if source not in (None, "index"):
        return _Wanted(name, extras, "", "", source, f"source {source}", line)
    return _Wanted(name, extras, key, "", source, _shown_specifier(spec or ""), line)


def _same_specifiers(a: str, b: str) -> bool:
    """Whether two specifier sets are one (as packaging compares them); True where one
    cannot be read: uv refuses it itself, and its own error says more."""
    simple_a, simple_b = _simple_specifier_key(a), _simple_specifier_key(b)
    if simple_a is not None and simple_b is not None:
        return simple_a == simple_b
    from packaging.specifiers import SpecifierSet

    try:
        return SpecifierSet(a) == SpecifierSet(b)
    except ValueError:
        return True


def _same_version(a: str, b: str) -> bool:
    from packaging.version import InvalidVersion, Version

    try:
        return Version(a) == Version(b)
    except InvalidVersion:
        return a == b


def _shown_specifier(spec: str) -> str:
    """A specifier as packaging prints it: its clauses sorted, without spaces."""
    return ",".join(sorted(c.replace(" ", "").replace("\t", "") for c in spec.split(",")))


def _parsed_requirement(
    value: object, sources: dict[str, str], line: int | None, path: str
) -> _Wanted:
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        parsed = Requirement(value if isinstance(value, str) else "")
    except InvalidRequirement as e:
        where = f"{path}:{line}" if line else path
        raise FatalError(
            f"{where}: invalid requirement {value!r}: {str(e).splitlines()[0]}"
        ) from None
    name = canonical_name(parsed.name)
    marker = _marker_key(str(parsed.marker)) if parsed.marker is not None else ""
    source = sources.get(name)
    specifier = "" if source not in (None, "index") else _specifier_key(str(parsed.specifier))
    extras = tuple(sorted(canonical_name(e) for e in parsed.extras))
    shown = str(parsed.specifier) if source in (None, "index") else f"source {source}"
    return _Wanted(name, extras, specifier, marker, source, shown, line)


def _from_lock(item: dict[str, Any], extra: str | None) -> _Wanted:
    name = canonical_name(str(item.get("name", "")))
    marker = item.get("marker")
    marker = marker if isinstance(marker, str) else ""
    if extra is not None:
        found = extra_clause(marker)
        marker = marker if found is None else found[1]
    source = next((k for k in _UV_SOURCE_KEYS if k in item), None)
    if source is None and "index" in item:
        source = "index"
    kind = {"editable": "path", "virtual": "path", "directory": "path", "path": "path"}
    source = kind.get(source, source) if source is not None else None
    spec = item.get("specifier")
    spec = spec if isinstance(spec, str) else ""
    extras = item.get("extras")
    extras_t = (
        tuple(sorted(canonical_name(str(e)) for e in extras)) if isinstance(extras, list) else ()
    )
    shown = spec if source in (None, "index") else f"source {source}"
    return _Wanted(
        name,
        extras_t,
        _specifier_key(spec) if spec else "",
        _marker_key(marker),
        source,
        shown,
        None,
    )


def _uv_sources(pyproject: dict[str, Any], root: dict[str, Any]) -> dict[str, str]:
    """Package name -> the kind of source ``[tool.uv.sources]`` gives it (the member's
    table over the workspace root's)."""
    kinds = {}
    for table in (
        _table(root, "tool", "uv", "sources"),
        _table(pyproject, "tool", "uv", "sources"),
    ):
        for name, source in table.items():
            first = source[0] if isinstance(source, list) and source else source
            if not isinstance(first, dict):
                continue
            kind = next(
                (k for k in ("workspace", "path", "git", "url", "index") if k in first), None
            )
            if kind is not None:
                kinds[canonical_name(name)] = "path" if kind == "workspace" else kind
    return kinds


def _compare(
    lock: str,
    field: str,
    manifest: str,
    wanted: list[_Wanted],
    locked: list[_Wanted],
    hint: str,
    upgrade: set[str] | None = None,
) -> list[Finding]:
    """One finding per name whose entries differ: an error where the specifiers, extras or
    sources differ, a warning where only the markers do (uv rewrites markers into a
    canonical form the files alone cannot always reproduce). ``upgrade`` receives the
    names whose specifier changed."""
    findings: list[Finding] = []
    names = dict.fromkeys([*(w.name for w in wanted), *(w.name for w in locked)])
    for name in names:
        mine = [w for w in wanted if w.name == name]
        theirs = [w for w in locked if w.name == name]
        if sorted(w.key() for w in mine) == sorted(w.key() for w in theirs):
            continue
        line = next((w.line for w in mine if w.line), None)
        at = f"{manifest}:{line}" if line else manifest
        unmarked = sorted(w.key()[:3] for w in mine) == sorted(w.key()[:3] for w in theirs)
        if unmarked:
            findings.append(
                Finding(
                    lock,
                    None,
                    f"{field} for '{name}' has markers other than {at}'s; cannot verify "
                    "offline: run `uv lock --check`",
                    "warning",
                )
            )
        elif not theirs:
            findings.append(
                Drift(lock, None, f"{field} has no '{name}' but {at} requires it — run `{hint}`")
            )
        elif not mine:
            findings.append(
                Drift(
                    lock,
                    None,
                    f"{field} has '{name}' but {manifest} does not require it — run `{hint}`",
                )
            )
        else:
            was = " or ".join(f"'{w.shown}'" for w in theirs)
            now = " or ".join(f"'{w.shown}'" for w in mine)
            if upgrade is not None:
                upgrade.add(name)
            findings.append(
                Drift(
                    lock, None, f"{field} for '{name}' is {was} but {at} says {now} — run `{hint}`"
                )
            )
    return findings


def _read_uv(lock: str, text: str) -> tuple[dict[str, Any], toml.Spans]:
    from releaselint.core.lockfiles import uv_lock  # where the cache does not answer

    return uv_lock.own_document(lock, text)


def _cached_document(
    reader: Reader,
    lock: str,
    kind: str,
    text: str,
    read: Callable[[str, str], tuple[dict[str, Any], toml.Spans]],
) -> tuple[dict[str, Any], toml.Spans]:
    """What ``read`` makes of a lockfile (a TOML document and its spans), kept by its text."""
    return lockcache.cached(
        reader.tree.root, lock, kind, text, lambda: read(lock, text), _encode_document,
        _decode_document,
    )  # fmt: skip


def _encode_document(found: tuple[dict[str, Any], toml.Spans]) -> object:
    data, spans = found
    return {"data": data, "spans": [[list(k), start, end] for k, (start, end) in spans.items()]}


def _decode_document(value: Any) -> tuple[dict[str, Any], toml.Spans]:
    spans = {tuple(k): (start, end) for k, start, end in value["spans"]}
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


def check_uv(reader: Reader, lock: str) -> list[Finding]:
    """uv's ``lock --check`` rule (``Lock::satisfies`` in crates/uv-resolver): the
    ``[manifest]`` members, constraints and overrides, the top-level ``requires-python``,
    and for each project and path package its version, ``requires-dist``,
    ``provides-extras`` and ``requires-dev``, all as uv normalises them."""
    folder = posixpath.dirname(lock)
    uv_workspace = ("tool", "uv", "workspace")
    if _enclosing_workspace(reader, folder, "pyproject.toml", uv_workspace) is not None:
        return []  # a member's own uv.lock: uv reads the workspace's, never this one
    text = reader.text(lock) or ""
    damage.refuse_bom(lock, text)
    data, lock_spans = _cached_document(reader, lock, "uv-own-document", text, _read_uv)
    root_path = _join(folder, "pyproject.toml")
    root_text = reader.text(root_path)
    if root_text is None:
        return []
    root, root_spans = _toml(root_path, root_text)
    members = [folder]
    members += reader.members(
        folder, _table(root, "tool", "uv", "workspace").get("members", []), "pyproject.toml"
    )
    excluded = reader.members(
        folder, _table(root, "tool", "uv", "workspace").get("exclude", []), "pyproject.toml"
    )
    members = [m for m in dict.fromkeys(members) if m not in excluded]
    findings: list[Finding] = []
    entries = data.get("package", [])
    by_folder: dict[str, dict[str, Any]] = {}
    for entry in entries if isinstance(entries, list) else ():
        source = entry.get("source") if isinstance(entry, dict) else None
        if isinstance(source, dict):
            where = next(
                (
                    source[k]
                    for k in ("editable", "virtual", "directory")
                    if isinstance(source.get(k), str)
                ),
                None,
            )
            if where is not None:
                by_folder[_join(folder, where)] = entry
    hint = "uv lock"
    names = []
    python_bounds = []
    for member in members:
        manifest = _join(member, "pyproject.toml")
        text_m = reader.text(manifest)
        if text_m is None:
            continue
        pyproject, spans = (root, root_spans) if manifest == root_path else _toml(manifest, text_m)
        project = _table(pyproject, "project")
        name = project.get("name")
        if not isinstance(name, str):
            continue  # a workspace root that is no project
        names.append(canonical_name(name))
        bound = project.get("requires-python")
        python_bounds.append(bound if isinstance(bound, str) else None)
        entry = by_folder.get(member)
        if entry is None:
            findings.append(Drift(lock, None, f"no entry for '{name}' ({manifest}) — run `{hint}`"))
            continue
        findings.extend(
            _uv_project(lock, manifest, text_m, pyproject, spans, root, entry, hint, reader.upgrade)
        )
    # path dependencies outside the workspace: uv re-reads their metadata too
    for where, entry in by_folder.items():
        manifest = _join(where, "pyproject.toml")
        text_p = reader.text(manifest) if where not in members and reader.has(manifest) else None
        if text_p is not None:
            pyproject, spans = _toml(manifest, text_p)
            if isinstance(_table(pyproject, "project").get("name"), str):
                findings.extend(
                    _uv_project(
                        lock, manifest, text_p, pyproject, spans, {}, entry, hint, reader.upgrade
                    )
                )
    # [manifest] members: written for a workspace of more than the one project
    recorded = _table(data, "manifest").get("members")
    if isinstance(recorded, list) or len(names) > 1:
        have = sorted(canonical_name(str(n)) for n in recorded or [])
        if have != sorted(names):
            findings.append(
                Drift(
                    lock,
                    _line(lock_spans, text, "manifest", "members", 0),
                    f"[manifest] members are {have} but the workspace ({root_path}) has "
                    f"{sorted(names)} — run `{hint}`",
                )
            )
    uv_table = _table(root, "tool", "uv")
    for key, field in (
        ("constraint-dependencies", "constraints"),
        ("override-dependencies", "overrides"),
    ):
        items = uv_table.get(key) or []
        wanted = [
            _from_manifest(
                v, None, {}, _line(root_spans, root_text, "tool", "uv", key, i), root_path
            )
            for i, v in enumerate(items if isinstance(items, list) else [])
        ]
        got = _table(data, "manifest").get(field) or []
        locked = [_from_lock(i, None) for i in got if isinstance(i, dict)]
        findings.extend(_compare(lock, f"[manifest] {field}", root_path, wanted, locked, hint))
    # requires-python: the intersection of the members' bounds, decided here when they
    # agree or are all lower bounds (uv simplifies other intersections its own way)
    recorded_python = data.get("requires-python")
    bound = _python_bound(python_bounds)
    if bound is not None and isinstance(recorded_python, str):
        same = _same_specifiers(bound, recorded_python)
        if not same:
            findings.append(
                Drift(
                    lock,
                    _line(lock_spans, text, "requires-python"),
                    f"requires-python is '{recorded_python}' but the workspace's projects "
                    f"say '{bound}' — run `{hint}`",
                )
            )
    return findings


def _with_extra(marker: str, extra: str) -> str:
    """A requirement's own marker and its extra, compared apart (uv joins them with
    ``and extra == '<name>'``)."""
    return f"{marker} [extra {canonical_name(extra)}]".lstrip()


def _python_bound(bounds: list[str | None]) -> str | None:
    """The workspace's requires-python where the members' bounds decide it: all the same,
    or all single lower bounds (``>=3.9`` and ``>=3.10`` make ``>=3.10``)."""
    known = [b for b in bounds if b is not None]
    if not known or len(known) != len(bounds):
        return None
    if len(set(known)) == 1:
        return known[0]
    from packaging.specifiers import InvalidSpecifier, SpecifierSet
    from packaging.version import Version

    floors = []
    for bound in known:
        try:
            clauses = list(SpecifierSet(bound))
        except InvalidSpecifier:
            return None
        if len(clauses) != 1 or clauses[0].operator != ">=":
            return None
        floors.append(clauses[0].version)
    return f">={max(floors, key=Version)}"


def _uv_project(
    lock: str,
    manifest: str,
    text: str,
    pyproject: dict[str, Any],
    spans: toml.Spans,
    root: dict[str, Any],
    entry: dict[str, Any],
    hint: str,
    upgrade: set[str],
) -> list[Finding]:
    findings: list[Finding] = []
    project = _table(pyproject, "project")
    name = str(project.get("name"))
    dynamic = project.get("dynamic")
    version = project.get("version")
    locked_version = entry.get("version")
    if isinstance(version, str) and not (isinstance(dynamic, list) and "version" in dynamic):
        same = version == locked_version or (
            isinstance(locked_version, str) and _same_version(version, locked_version)
        )
        if not same:
            at = f"{manifest}:{_line(spans, text, 'project', 'version')}"
            findings.append(
                Drift(
                    lock,
                    None,
                    f"version of '{name}' is '{locked_version}' but {at} says '{version}' "
                    f"— run `{hint}`",
                )
            )
    sources = _uv_sources(pyproject, root)
    metadata = _table(entry, "metadata")
    wanted = []
    for i, value in enumerate(project.get("dependencies") or []):
        line = _line(spans, text, "project", "dependencies", i)
        wanted.append(_from_manifest(value, None, sources, line, manifest))
    extras = _table(project, "optional-dependencies")
    for extra, items in extras.items():
        for i, value in enumerate(items if isinstance(items, list) else []):
            line = _line(spans, text, "project", "optional-dependencies", extra, i)
            found = _from_manifest(value, extra, sources, line, manifest)
            found.marker = _with_extra(found.marker, extra)
            wanted.append(found)
    locked = []
    for item in metadata.get("requires-dist") or []:
        if isinstance(item, dict):
            marker = item.get("marker")
            found_extra = extra_clause(marker) if isinstance(marker, str) else None
            got = _from_lock(item, found_extra[0] if found_extra else None)
            if found_extra is not None:
                got.marker = _with_extra(got.marker, found_extra[0])
            locked.append(got)
    # a build backend computes dynamic requirements: uv records what it said
    dynamic_fields = set(dynamic) if isinstance(dynamic, list) else set()
    if not dynamic_fields & {"dependencies", "optional-dependencies"}:
        findings.extend(_compare(lock, "requires-dist", manifest, wanted, locked, hint, upgrade))
        provided = sorted(canonical_name(str(e)) for e in metadata.get("provides-extras") or [])
        declared = sorted(canonical_name(e) for e in extras)
        if provided != declared:
            place = _line(spans, text, "project", "name")
            findings.append(
                Drift(
                    lock,
                    None,
                    f"provides-extras of '{name}' is {provided} but {manifest}"
                    f"{':' + str(place) if place else ''} declares {declared} — run `{hint}`",
                )
            )
    groups: dict[str, list[_Wanted]] = {}
    declared_groups = _table(pyproject, "dependency-groups")
    for group in declared_groups:
        items = _group_items(manifest, text, spans, declared_groups, group, sources, set())
        # uv locks a requirement a group names twice (itself, and through an included
        # group) once
        unique = {(w.name, w.key()): w for w in reversed(items)}
        groups[canonical_name(group)] = [w for w in items if unique[(w.name, w.key())] is w]
    legacy = _table(pyproject, "tool", "uv").get("dev-dependencies")
    if isinstance(legacy, list):
        groups.setdefault("dev", [])
        for i, value in enumerate(legacy):
            line = _line(spans, text, "tool", "uv", "dev-dependencies", i)
            groups["dev"].append(_from_manifest(value, None, sources, line, manifest))
    recorded = _table(metadata, "requires-dev")
    for group in dict.fromkeys([*groups, *(canonical_name(g) for g in recorded)]):
        items = next((v for g, v in recorded.items() if canonical_name(g) == group), [])
        locked_group = [_from_lock(i, None) for i in items or [] if isinstance(i, dict)]
        findings.extend(
            _compare(
                lock, f"requires-dev.{group}", manifest, groups.get(group, []), locked_group, hint
            )
        )
    return findings


def _group_items(
    manifest: str,
    text: str,
    spans: toml.Spans,
    declared: dict[str, Any],
    group: str,
    sources: dict[str, str],
    seen: set[str],
) -> list[_Wanted]:
    """A dependency group's requirements, ``{include-group = "..."}`` expanded (PEP 735)."""
    items = declared.get(group)
    found: list[_Wanted] = []
    seen = seen | {group}
    for i, value in enumerate(items if isinstance(items, list) else []):
        if isinstance(value, dict):
            other = value.get("include-group")
            target = next(
                (
                    g
                    for g in declared
                    if isinstance(other, str) and canonical_name(g) == canonical_name(other)
                ),
                None,
            )
            if target is not None and target not in seen:
                found.extend(_group_items(manifest, text, spans, declared, target, sources, seen))
            continue
        line = _line(spans, text, "dependency-groups", group, i)
        found.append(_from_manifest(value, None, sources, line, manifest))
    return found


# ---------------------------------------------------------------------------- poetry.lock


def _poetry_metadata(lock: str, text: str) -> tuple[dict[str, Any], toml.Spans]:
    """What the check reads of a poetry.lock: its ``[metadata]`` table, where it has one,
    and that table's spans (the packages are most of the file, and none of the check)."""
    data, spans = _toml(lock, text, lockfile=True)
    kept = {"metadata": data["metadata"]} if "metadata" in data else {}
    return kept, {k: v for k, v in spans.items() if k[:1] == ("metadata",)}


def check_poetry(reader: Reader, lock: str) -> list[Finding]:
    """``poetry check --lock``: ``metadata.content-hash`` equals the hash Poetry computes
    from pyproject.toml (``core/poetry_hash.py``)."""
    from releaselint.core import poetry_hash

    text = reader.text(lock) or ""
    data, spans = _cached_document(reader, lock, "poetry-metadata", text, _poetry_metadata)
    folder = posixpath.dirname(lock)
    manifest = _join(folder, "pyproject.toml")
    manifest_text = reader.text(manifest)
    if manifest_text is None:
        return []
    pyproject, _ = _toml(manifest, manifest_text)
    metadata = _table(data, "metadata")
    lock_version = metadata.get("lock-version")
    if lock_version is not None and not poetry_hash.readable_lock_version(lock_version):
        damage.refuse_version(lock, text, "lock-version", lock_version, poetry_hash.LOCK_VERSIONS)
    recorded = metadata.get("content-hash")
    line = _line(spans, text, "metadata", "content-hash")
    if not isinstance(recorded, str):
        if "metadata" not in data:
            # Poetry writes [metadata] last: a lock without one was cut short
            last = text.count("\n") + 1 - text.endswith("\n")
            return [Drift(lock, last, "no [metadata] table (truncated?) — run `poetry lock`")]
        at = damage.key_line(text, "content-hash" if "content-hash" in metadata else "[metadata]")
        return [Drift(lock, at, "no metadata.content-hash — run `poetry lock`")]
    first = text.partition("\n")[0]
    try:
        fresh = poetry_hash.is_fresh(pyproject, recorded, first)
    except (TypeError, ValueError):  # a TOML date Poetry's own json.dumps refuses too
        return [
            Finding(manifest, None, "cannot hash: Poetry's own check fails on this file", "warning")
        ]
    if fresh:
        return []
    return [
        Drift(
            lock,
            line,
            f"content-hash does not match {manifest} (its dependencies, groups, sources or "
            "extras changed) — run `poetry lock`",
        )
    ]


# ---------------------------------------------------------------------------- package-lock


def check_package_lock(reader: Reader, lock: str) -> list[Finding]:
    """npm's lock records each project's four dependency maps and version as package.json
    said them: ``packages[""]`` for the root, ``packages["<folder>"]`` for each workspace.
    Compared as strings, stricter than ``npm ci`` (which accepts a changed range that the
    locked version still satisfies): a lock that records the old range is re-read by the
    next ``npm install`` anyway."""
    from releaselint.core.lockfiles import package_lock

    text = reader.text(lock) or ""
    data = _json(lock, text, lockfile=True)
    damage.check_format_version(
        lock, text, "lockfileVersion", data.get("lockfileVersion"), package_lock.KNOWN_VERSIONS
    )
    if data.get("lockfileVersion") == 1 or not isinstance(data.get("packages"), dict):
        return [
            Finding(
                lock,
                None,
                "unchecked: lockfileVersion 1 records no dependency ranges; "
                "`npm install --package-lock-only` upgrades it",
                "warning",
            )
        ]
    packages = data["packages"]
    folder = posixpath.dirname(lock)
    root_path = _join(folder, "package.json")
    root_text = reader.text(root_path)
    if root_text is None:
        return []
    root = _json(root_path, root_text)
    hint = "npm install"
    workspaces = root.get("workspaces")
    if isinstance(workspaces, dict):
        workspaces = workspaces.get("packages")
    members = [folder]
    members += reader.members(
        folder, workspaces if isinstance(workspaces, list) else [], "package.json"
    )
    findings: list[Finding] = []
    for member in members:
        manifest = _join(member, "package.json")
        manifest_text = reader.text(manifest)
        if manifest_text is None:
            continue
        package = root if manifest == root_path else _json(manifest, manifest_text)
        key = posixpath.relpath(member, folder) if member != folder else ""
        key = "" if key == "." else key
        entry = packages.get(key)
        at_key = f'packages["{key}"]'
        if not isinstance(entry, dict):
            findings.append(Drift(lock, None, f"no {at_key} entry for {manifest} — run `{hint}`"))
            continue
        versions = [(f"{at_key}.version", entry.get("version"))]
        if key == "":
            versions.append(("version", data.get("version")))
        version = package.get("version")
        for field, value in versions:
            if value != version:
                line = jsonfile.locate(manifest_text, ("version",))
                findings.append(
                    Drift(
                        lock,
                        None,
                        f"{field} is {_quoted(value)} but {manifest}:{line} says "
                        f"{_quoted(version)} (stricter than `npm ci`, which does not compare "
                        f"versions) — run `{hint}`",
                    )
                )
        for field in NPM_MAPS:
            mine = package.get(field) or {}
            theirs = entry.get(field) or {}
            if isinstance(mine, dict) and isinstance(theirs, dict):
                findings.extend(
                    _map_drift(lock, f"{at_key}.{field}", mine, theirs, manifest, manifest_text,
                               field, f"{_NPM_STRICT} — run `{hint}`")
                )  # fmt: skip
    return findings


def _map_drift(
    lock: str,
    where: str,
    mine: dict[str, Any],
    theirs: dict[str, Any],
    manifest: str,
    manifest_text: str,
    field: str,
    tail: str,
) -> list[Finding]:
    """One finding for each name whose specifier differs between a manifest's dependency map
    (``mine``) and the lockfile's copy of it (``theirs``), with the manifest's line."""
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
        findings.append(Drift(lock, None, f"{text}{_quoted(mine.get(name))}{tail}"))
    return findings


_NPM_STRICT = " (stricter than `npm ci`, which accepts a range the locked version satisfies)"


def _quoted(value: object) -> str:
    return "nothing" if value is None else f"'{value}'"


# ---------------------------------------------------------------------------- pnpm-lock


def _read_pnpm(lock: str, text: str) -> Any:
    from releaselint.core.lockfiles import pnpm_lock  # where the cache does not answer

    return pnpm_lock.read(lock, text)


def check_pnpm(reader: Reader, lock: str) -> list[Finding]:
    """pnpm's ``--frozen-lockfile`` rule (``satisfiesPackageManifest`` in
    pnpm/lockfile/verification): each importer's ``{name: specifier}`` maps equal its
    package.json's ``dependencies``, ``devDependencies`` and ``optionalDependencies``,
    ``workspace:`` protocols included, and every workspace project has an importer."""
    text = reader.text(lock) or ""
    importers, locked_overrides = lockcache.cached(
        reader.tree.root,
        lock,
        "pnpm-importers",
        text,
        lambda: _read_pnpm(lock, text),
        list,
        lambda value: (value[0], value[1]),
    )
    folder = posixpath.dirname(lock)
    root_path = _join(folder, "package.json")
    if reader.text(root_path) is None:
        return []
    members = [folder]
    workspace_path = _join(folder, "pnpm-workspace.yaml")
    workspace_text = reader.text(workspace_path)
    workspace: object = None
    if workspace_text is not None:
        from releaselint.core import yaml

        workspace = yaml.load(workspace_path, workspace_text)
        patterns = workspace.get("packages") if isinstance(workspace, dict) else None
        found = reader.members(
            folder, patterns if isinstance(patterns, list) else [], "package.json"
        )
        # pnpm never takes a folder under node_modules for a workspace project
        members += [m for m in found if "node_modules" not in m.split("/")]
    hint = "pnpm install"
    findings = _pnpm_overrides(lock, root_path, workspace_path, workspace, locked_overrides, reader)
    replaced = _replaced(locked_overrides)
    for member in dict.fromkeys(members):
        manifest = _join(member, "package.json")
        manifest_text = reader.text(manifest)
        if manifest_text is None:
            continue
        package = _json(manifest, manifest_text)
        key = posixpath.relpath(member, folder) if member != folder else "."
        importer = importers.get(key)
        if importer is None:
            findings.append(Drift(lock, None, f"no importer '{key}' for {manifest} — run `{hint}`"))
            continue
        existing = {n for f in PNPM_MAPS if isinstance(package.get(f), dict) for n in package[f]}
        for field in PNPM_MAPS:
            mine = package.get(field) or {}
            theirs = importer.get(field, {})
            if isinstance(mine, dict):
                mine = _pnpm_wanted(field, mine, theirs, package, existing, replaced)
                findings.extend(
                    _map_drift(lock, f"importers['{key}'].{field}", mine, theirs, manifest,
                               manifest_text, field, f" — run `{hint}`")
                )  # fmt: skip
    return findings


def _pnpm_wanted(
    field: str,
    mine: dict[str, Any],
    theirs: dict[str, str],
    package: dict[str, Any],
    existing: set[str],
    replaced: dict[str, set[str]],
) -> dict[str, Any]:
    """An importer's map as pnpm compares it with the lock (``satisfiesPackageManifest``):
    with ``autoInstallPeers`` (which a peer the lock lists shows was on), the peers no other
    map names join ``dependencies``; and where an override replaced a specifier, the lock
    holds the override's."""
    if field == "dependencies":
        peers = package.get("peerDependencies")
        if isinstance(peers, dict):
            mine = {
                **{k: v for k, v in peers.items() if k not in existing and k in theirs},
                **mine,
            }
    return {k: theirs[k] if theirs.get(k) in replaced.get(k, ()) else v for k, v in mine.items()}


def _replaced(overrides: dict[str, str]) -> dict[str, set[str]]:
    """Package name -> the ranges the lock's overrides put in place of its own: `name`, or
    `name@range` (the versions it replaces); `parent>name` replaces a dependency of
    parent, never a project's own."""
    replaced: dict[str, set[str]] = {}
    for selector, value in overrides.items():
        if ">" not in selector:
            at = selector.rfind("@")
            replaced.setdefault(selector[:at] if at > 0 else selector, set()).add(value)
    return replaced


def _pnpm_reference(
    name: str, value: str, workspace: object, package: dict[str, Any]
) -> str | None:
    """What an override's ``catalog:``/``catalog:<name>`` or ``$<dependency>`` stands for
    (pnpm-workspace.yaml's catalogs, package.json's own ranges), or None."""
    if value.startswith("$"):
        dependency = value[1:]
        for field in ("dependencies", "devDependencies", "optionalDependencies"):
            found = _table(package, field).get(dependency)
            if isinstance(found, str):
                return found
        return None
    catalog = value.removeprefix("catalog:") or "default"
    tables = workspace if isinstance(workspace, dict) else {}
    entries = (
        tables.get("catalog")
        if catalog == "default" and "catalog" in tables
        else _table(tables, "catalogs", catalog)
    )
    found = entries.get(name) if isinstance(entries, dict) else None
    return found if isinstance(found, str) else None


def _pnpm_overrides(
    lock: str,
    root_path: str,
    workspace_path: str,
    workspace: object,
    locked: dict[str, str],
    reader: Reader,
) -> list[Finding]:
    """pnpm refuses a frozen install whose ``overrides`` (``pnpm-workspace.yaml``) differ
    from the lock's. Those of package.json's ``pnpm`` field count for some pnpm releases
    and not others (pnpm 10 moved settings to pnpm-workspace.yaml): left to pnpm."""
    declared = workspace.get("overrides") if isinstance(workspace, dict) else None
    package = _json(root_path, reader.text(root_path) or "{}")
    if _table(package, "pnpm").get("overrides") is not None:
        return []
    wanted = {str(k): str(v) for k, v in declared.items()} if isinstance(declared, dict) else {}
    findings: list[Finding] = []
    for name in dict.fromkeys([*wanted, *locked]):
        value = wanted.get(name)
        if value is not None and value.startswith(("catalog:", "$")):
            # a catalog entry, or a root dependency's range, that pnpm writes resolved
            value = _pnpm_reference(name, value, workspace, package)
            if value is None:
                continue  # nothing offline says what pnpm resolved it to
        if value != locked.get(name):
            findings.append(
                Drift(
                    lock,
                    None,
                    f"overrides for '{name}' is {_quoted(locked.get(name))} but "
                    f"{workspace_path} says {_quoted(wanted.get(name))} — run `pnpm install`",
                )
            )
    return findings


# ---------------------------------------------------------------------------- Cargo.lock

_CARGO_TABLES = ("dependencies", "dev-dependencies", "build-dependencies")


def check_cargo(reader: Reader, lock: str) -> list[Finding]:
    """Cargo's ``--locked`` rule for the repository's own crates: each workspace member
    and path dependency has an entry with its manifest's version (``version.workspace``
    resolved), and its entry lists exactly the dependencies its manifest names. A path
    dependency's version requirement that its crate's version misses (Cargo refuses to
    lock it) is a stale internal pin: ``find_stale_pins`` reports it, once."""
    from releaselint.core.lockfiles import cargo_lock

    folder = posixpath.dirname(lock)
    if _enclosing_workspace(reader, folder, "Cargo.toml", ("workspace",)) is not None:
        return []  # a member's own Cargo.lock: cargo reads the workspace's, never this one
    text = reader.text(lock) or ""
    entries, spans = damage.load_toml_packages(lock, text, cargo_lock.KNOWN_VERSIONS)
    root_path = _join(folder, "Cargo.toml")
    root_text = reader.text(root_path)
    if root_text is None:
        return []
    root, _ = _toml(root_path, root_text)
    workspace = _table(root, "workspace")
    members = [folder] if "package" in root else []
    members += reader.members(folder, workspace.get("members") or [], "Cargo.toml")
    excluded = set(reader.members(folder, workspace.get("exclude") or [], "Cargo.toml"))
    own: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for index, entry in enumerate(entries):
        if isinstance(entry, dict) and "source" not in entry and isinstance(entry.get("name"), str):
            own.setdefault(entry["name"], []).append((index, entry))
    hint = "cargo update --workspace"
    findings: list[Finding] = []
    queue = [m for m in dict.fromkeys(members) if m not in excluded]
    # the lock holds every optional dependency of a member, and of a path dependency
    # outside the workspace only what the features in use pull in: lists are compared for
    # members alone
    in_workspace = set(queue)
    seen: set[str] = set()
    while queue:
        member = queue.pop(0)
        if member in seen:
            continue
        seen.add(member)
        manifest = _join(member, "Cargo.toml")
        manifest_text = reader.text(manifest)
        if manifest_text is None:
            continue
        crate, crate_spans = (
            (root, None) if manifest == root_path else _toml(manifest, manifest_text)
        )
        if crate_spans is None:
            crate_spans = toml.string_spans(manifest_text)
        package = _table(crate, "package")
        name = package.get("name")
        if not isinstance(name, str):
            continue
        version = package.get("version", "0.0.0")
        if isinstance(version, dict) and version.get("workspace") is True:
            version = _table(workspace, "package").get("version")
        locked = own.get(name, [])
        if not locked:
            findings.append(Drift(lock, None, f"no entry for '{name}' ({manifest}) — run `{hint}`"))
            continue
        index, entry = locked[0]
        if isinstance(version, str) and entry.get("version") != version:
            line = _line(crate_spans, manifest_text, "package", "version")
            at = f"{manifest}:{line}" if line else manifest
            findings.append(
                Drift(
                    lock,
                    _line(spans, text, "package", index, "version"),
                    f"version of '{name}' is '{entry.get('version')}' but {at} says '{version}' "
                    f"— run `{hint}`",
                )
            )
        deps = _cargo_dependencies(crate, workspace, member, folder)
        recorded = {str(d).partition(" ")[0] for d in entry.get("dependencies") or []}
        queue.extend(path for _, path in deps.values() if path is not None)
        if member not in in_workspace:
            continue
        for dep in deps:
            if dep not in recorded:
                findings.append(
                    Drift(
                        lock,
                        None,
                        f"'{name}' depends on '{dep}' ({manifest}) but its entry does not list "
                        f"it — run `{hint}`",
                    )
                )
        for dep in sorted(recorded - set(deps)):
            findings.append(
                Drift(
                    lock,
                    None,
                    f"the entry of '{name}' lists '{dep}' which {manifest} does not name "
                    f"— run `{hint}`",
                )
            )
    return findings


def _cargo_dependencies(
    crate: dict[str, Any], workspace: dict[str, Any], member: str, folder: str
) -> dict[str, tuple[str | None, str | None]]:
    """The package names a crate depends on (every table, every target), with the version
    requirement and the folder of each path dependency."""
    tables = [crate.get(t) for t in _CARGO_TABLES]
    for target in _table(crate, "target").values():
        if isinstance(target, dict):
            tables.extend(target.get(t) for t in _CARGO_TABLES)
    inherited = _table(workspace, "dependencies")
    found: dict[str, tuple[str | None, str | None]] = {}
    for table in tables:
        for key, spec in table.items() if isinstance(table, dict) else ():
            base = member
            if isinstance(spec, dict) and spec.get("workspace") is True:
                spec, base = inherited.get(key, {}), folder
            if isinstance(spec, str):
                found.setdefault(key, (spec, None))
            elif isinstance(spec, dict):
                package = spec.get("package")
                name = package if isinstance(package, str) else key
                path = spec.get("path")
                version = spec.get("version")
                found.setdefault(
                    name,
                    (
                        version if isinstance(version, str) else None,
                        _join(base, path) if isinstance(path, str) else None,
                    ),
                )
    return found


def _satisfies(ecosystem: str, requirement: str, version: str) -> bool | None:
    try:
        from releaselint.core import ranges  # type: ignore[attr-defined, unused-ignore]
    except ImportError:
        return None
    result: bool | None = ranges.satisfies(ecosystem, requirement, version)
    return result


_CHECKS: dict[str, Callable[[Reader, str], list[Finding]]] = {
    "uv.lock": check_uv,
    "poetry.lock": check_poetry,
    "package-lock.json": check_package_lock,
    "pnpm-lock.yaml": check_pnpm,
    "Cargo.lock": check_cargo,
}


# ---------------------------------------------------------------------------- stale pins


def find_stale_pins(
    tree: Tree, listed: Sequence[str], *, track_releases: bool = False
) -> list[Finding]:
    """Every requirement of one of the repository's packages on another that the other's
    current version does not satisfy (uv drops a workspace dependency's specifier and
    ``npm ci`` ignores workspace ranges, so neither tool sees it); with
    ``track_releases``, also one satisfied but not at the current version."""
    manifests = [
        p for p in listed if posixpath.basename(p) in MANIFEST_NAMES and not is_dev_project(p)
    ]
    texts = tree.read_many(manifests)
    # names and versions first: a requirement can be stale only where another package of
    # its ecosystem has both, and reading requirements costs far more than versions
    packages = _read_packages(texts, manifests, requirements=False)
    versions: dict[tuple[str, str], tuple[str, str]] = {}
    for package in packages:
        if package.name and package.declarations:
            key = (package.ecosystem, _internal_name(package.ecosystem, package.name))
            versions.setdefault(key, (package.declarations[0].value, package.declarations[0].where))
    needed = [
        package.manifest
        for package in packages
        if any(
            eco == package.ecosystem and name != _internal_name(eco, package.name or "")
            for eco, name in versions
        )
    ]
    packages = _read_packages(texts, needed, requirements=True)
    findings = []
    for package in packages:
        for requirement in package.requirements:
            name = _internal_name(package.ecosystem, requirement.name)
            current = versions.get((package.ecosystem, name))
            if current is None or name == _internal_name(package.ecosystem, package.name or ""):
                continue
            wanted = _requirement_text(package.ecosystem, requirement.text)
            if not wanted:
                continue
            version, where = current
            ok = _satisfies(package.ecosystem, wanted, version)
            if ok is False:
                findings.append(
                    Finding(
                        requirement.path,
                        requirement.line,
                        f"requires '{requirement.name}' '{wanted}' but it is at '{version}' "
                        f"({where})",
                        hint="run `releaselint bump` to raise the internal pins with the version",
                    )
                )
            elif ok and track_releases and not _pins_exactly(package.ecosystem, wanted, version):
                findings.append(
                    Finding(
                        requirement.path,
                        requirement.line,
                        f"requires '{requirement.name}' '{wanted}', not the current "
                        f"'{version}' ({where}); pins track releases",
                    )
                )
    return findings


def _internal_name(ecosystem: str, name: str) -> str:
    """A package's name as requirements match it: PEP 503's form for Python."""
    return canonical_name(name) if ecosystem == "python" else name


def _read_packages(
    texts: dict[str, str | None], paths: Sequence[str], *, requirements: bool
) -> list[Package]:
    """The packages of the manifests at ``paths`` that can be read (the version-alignment
    check reports one that cannot)."""
    packages = []
    for path in paths:
        text = texts.get(path)
        fmt = formats.find(posixpath.basename(path))
        if text is None or fmt is None:
            continue
        try:
            packages.append(formats.reader(fmt).read(path, text, requirements=requirements))
        except FatalError:
            continue
    return packages


def _requirement_text(ecosystem: str, text: str) -> str:
    """The version part of a requirement's text: the specifier of a PEP 508 string."""
    if ecosystem != "python":
        return text.removeprefix("workspace:") if text not in ("workspace:*", "*") else ""
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        return str(Requirement(text).specifier)
    except InvalidRequirement:
        return text


_VERSIONS_RE = lazy(r"\d+(?:\.\d+)*(?:-[0-9A-Za-z.]+)?")


def _pins_exactly(ecosystem: str, wanted: str, version: str) -> bool:
    """Whether a satisfied requirement names the current version (as its floor or its
    pin): ``>=0.3`` and ``^0.3.0`` name 0.3.0, ``>=0.2`` does not."""
    named = _VERSIONS_RE.findall(wanted)
    if ecosystem == "python":
        from packaging.version import InvalidVersion, Version

        try:
            current = Version(version)
            return any(Version(n) == current for n in named)
        except InvalidVersion:
            return version in named
    return any(_padded(n) == _padded(version) for n in named)


def _padded(version: str) -> tuple[tuple[int, ...], str]:
    """A SemVer-like version with missing parts as zeros (``0.3`` is ``0.3.0``)."""
    core, _, pre = version.partition("-")
    parts = [int(p) for p in core.split(".") if p.isdigit()]
    return (tuple(parts + [0] * (3 - len(parts))), pre)
