"""uv.lock: ``uv lock --check``'s rule, read from the files."""

from __future__ import annotations

import posixpath

from releaselint.core.errors import FatalError
from releaselint.core.lockfiles import damage
from releaselint.core.pep508 import canonical_name, clause, extra_clause, requirement_parts
from releaselint.core.pins import (
    Drift,
    Reader,
    _cached_document,
    _enclosing_workspace,
    _join,
    _line,
    _table,
    _toml,
    command_in,
)
from releaselint.core.report import Finding

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from releaselint.core import toml


_UV_SOURCE_KEYS = ("editable", "virtual", "directory", "path", "git", "url")
# The platform_system values uv writes as the sys_platform they stand for (uv 0.5.22 on,
# "Normalize `platform_system` to `sys_platform`"; each seen in a lock uv 0.13.9 wrote)
_SYSTEM_PLATFORMS = {
    "AIX": "aix",
    "Android": "android",
    "Darwin": "darwin",
    "Emscripten": "emscripten",
    "Linux": "linux",
    "Windows": "win32",
}
# A marker is compared as its disjunctive normal form up to this many terms, each of up to
# this many clauses
_MAX_TERMS = 64


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
        canonical = [
            s.operator
            + (
                s.version
                if s.operator == "==="
                else canonicalize_version(s.version, strip_trailing_zero=s.operator != "~=")
            )
            for s in clauses
        ]
    except (InvalidSpecifier, ValueError):  # ValueError: a number past 4,300 digits
        return text
    return ",".join(sorted(canonical))


def _marker_key(text: str) -> str:
    """What decides whether two markers are the same to uv: the marker as a set of
    conjunctions of clauses (its disjunctive normal form), each clause written as uv writes
    it (``python_version`` as ``python_full_version``, ``platform_system`` as the
    ``sys_platform`` uv takes it for). Two markers with the same key are the same function,
    which uv's canonical form (a decision diagram) writes the same way; two with different
    keys may still be, as uv also simplifies (``os_name == 'nt'`` implies Windows): the
    check says so instead of calling it drift. A marker outside these forms is compared as
    packaging writes it."""
    if not text:
        return ""
    from packaging.markers import InvalidMarker, Marker

    try:
        marker = Marker(text)
    except (InvalidMarker, RecursionError):
        return text
    terms = _normal_form(getattr(marker, "_markers", None))
    if terms is None:
        return f"as written: {marker}"  # never the key of a normal form
    return " or ".join(sorted(" and ".join(sorted(term)) for term in terms))


def _normal_form(markers: object) -> set[frozenset[str]] | None:
    """packaging's parsed marker (clauses, "and"/"or" between them, lists for parentheses)
    as a set of conjunctions; None where it is not in that shape, or grows past
    ``_MAX_TERMS`` terms or clauses in a term."""
    if not isinstance(markers, list) or len(markers) % 2 == 0:
        return None
    terms: set[frozenset[str]] = set()
    current: set[frozenset[str]] | None = None
    for position, item in enumerate(markers):
        if position % 2:
            if item == "or":
                terms |= current or set()
                current = None
            elif item != "and":
                return None
            continue
        found = _normal_form(item) if isinstance(item, list) else _clause_form(item)
        if found is None or len(current or (0,)) * len(found) + len(terms) > _MAX_TERMS:
            return None
        current = found if current is None else {a | b for a in current for b in found}
        if any(len(term) > _MAX_TERMS for term in current):
            return None
    return terms | (current or set())


def _clause_form(item: object) -> set[frozenset[str]] | None:
    """One clause ``variable op 'value'`` as uv writes it, as a one-term normal form."""
    if not isinstance(item, tuple) or len(item) != 3:
        return None
    left, op, right = (_node_value(part) for part in item)
    kinds = tuple(type(part).__name__ for part in item)
    if left is None or op is None or right is None or kinds[1] != "Op":
        return None
    if kinds == ("Value", "Op", "Variable") and op in ("==", "!="):
        left, right, kinds = right, left, ("Variable", "Op", "Value")  # 'x' == var
    if kinds != ("Variable", "Op", "Value"):
        return None
    if left == "python_version":
        lowered = _python_full_version(op, right)
        if lowered is None:
            return None
        left, (op, right) = "python_full_version", lowered
    elif left == "platform_system" and op in ("==", "!=") and right in _SYSTEM_PLATFORMS:
        left, right = "sys_platform", _SYSTEM_PLATFORMS[right]
    return {frozenset([f"{left} {op} {right!r}"])}


def _node_value(node: object) -> str | None:
    value = getattr(node, "value", None)
    return value if isinstance(value, str) else None


def _python_full_version(op: str, value: str) -> tuple[str, str] | None:
    """``python_version op value`` as uv writes it on ``python_full_version`` (each form
    seen in a lock uv 0.13.9 wrote); None for the others."""
    parts = value.split(".")
    if not 1 <= len(parts) <= 2 or not all(p.isdigit() and p.isascii() for p in parts):
        return None
    if any(len(p) > 9 for p in parts):
        return None  # no Python has such a version; int() would refuse 4,300 digits
    major, minor = int(parts[0]), int(parts[1]) if len(parts) == 2 else None
    if op == ">=" or (op == "<" and minor is not None):
        return op, value
    if op in ("==", "!=") and (op == "==" or minor is not None):
        return op, f"{major}.{minor or 0}.*"
    if op in (">", "<="):
        return {">": ">=", "<=": "<"}[op], f"{major}.{(minor or 0) + 1}"
    return None


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
    except (InvalidRequirement, RecursionError) as e:
        from releaselint.core import versions

        where = f"{path}:{line}" if line else path
        reason = (str(e).splitlines() or ["not PEP 508"])[0]
        if isinstance(e, RecursionError):
            reason = "nested too deep"
        shown = versions.shown(str(value))
        raise FatalError(f"{where}: invalid requirement {shown}: {reason}") from None
    name = canonical_name(parsed.name)
    marker = _marker_key(str(parsed.marker)) if parsed.marker is not None else ""
    source = sources.get(name)
    if source is None and parsed.url:
        # a direct reference (PEP 508 `name @ url`): uv locks it as a source of that kind
        # (`tool @ git+https://...` as `git = "https://...?rev=..."`)
        url = parsed.url.lower()
        source = "git" if url.startswith("git+") else "path" if url.startswith("file:") else "url"
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


def check(reader: Reader, lock: str) -> list[Finding]:
    """uv's ``lock --check`` rule (``Lock::satisfies`` in crates/uv-resolver): the
    ``[manifest]`` members, constraints and overrides, the top-level ``requires-python``,
    and for each project and path package its version, ``requires-dist``,
    ``provides-extras`` and ``requires-dev``, all as uv normalises them."""
    folder = posixpath.dirname(lock)
    uv_workspace = ("tool", "uv", "workspace")
    if _enclosing_workspace(reader, folder, "pyproject.toml", uv_workspace) is not None:
        return []  # a member's own uv.lock: uv reads the workspace's, never this one

    def lock_text() -> str:
        found = reader.text(lock) or ""
        damage.refuse_bom(lock, found)
        return found

    data, lock_spans = _cached_document(reader, lock, "uv-own-document", lock_text, _read_uv)
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
    hint = command_in(folder, "uv lock")
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
        # uv (0.13) gives a member the root's [tool.uv.sources] only where no folder between
        # the two holds a pyproject.toml (a member, or not): examples/ as a member and
        # examples/clients/* as members (modelcontextprotocol/python-sdk)
        between = posixpath.dirname(member)
        nested = False
        while between and between != folder and not nested:
            nested = reader.has(_join(between, "pyproject.toml"))
            between = posixpath.dirname(between)
        sources_root = {} if nested else root
        findings.extend(
            _uv_project(
                lock, manifest, text_m, pyproject, spans, sources_root, entry, hint, reader.upgrade
            )
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
                    _line(lock_spans, lock_text(), "manifest", "members", 0),
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
                    _line(lock_spans, lock_text(), "requires-python"),
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
        found = _from_manifest(value, None, sources, line, manifest)
        # a requirement that names an extra in its own marker (`x; extra == 'cli'`) reads
        # as the lock's do: the extra's clause split off, and put back in one spelling
        clause = extra_clause(found.marker) if found.marker else None
        if clause is not None:
            found.marker = _with_extra(clause[1], clause[0])
        wanted.append(found)
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
            # the first extra as written, else the project's name
            from releaselint.core import toml as tomlfile

            written = list(_table(project, "optional-dependencies"))
            place = (
                tomlfile.key_line(text, ("project", "optional-dependencies"), written[0])
                if written
                else _line(spans, text, "project", "name")
            )
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
    declared_names = {canonical_name(g) for g in declared_groups}
    for group in _table(pyproject, "tool", "uv", "dependency-groups"):
        if canonical_name(group) not in declared_names:
            line = _line(spans, text, "tool", "uv", "dependency-groups", group)
            findings.append(
                Finding(
                    manifest,
                    line,
                    f"[tool.uv.dependency-groups] names '{group}', a group "
                    "[dependency-groups] does not declare: uv refuses the project",
                )
            )
    for group in declared_groups:
        floors = (_group_floor(pyproject, group),)
        items = _group_items(
            manifest, text, spans, declared_groups, group, sources, set(), pyproject, floors
        )
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


def _group_floor(pyproject: dict[str, Any], group: str) -> str | None:
    """The ``requires-python`` of a dependency group in ``[tool.uv.dependency-groups]``:
    "" where it has none, ``X.Y`` where it says ``>=X.Y``, None for any other bound (uv
    writes those its own way: its markers are left to it)."""
    tables = _table(pyproject, "tool", "uv", "dependency-groups")
    table = next((t for g, t in tables.items() if canonical_name(g) == canonical_name(group)), None)
    bound = table.get("requires-python") if isinstance(table, dict) else None
    if bound is None:
        return ""
    found = clause(bound) if isinstance(bound, str) and "," not in bound else None
    if found is None or found[0] != ">=" or found[1].count(".") != 1:
        return None
    return found[1]


def _floor_marker(floors: tuple[str | None, ...]) -> str | None:
    """The marker uv gives a requirement with none of its own, in a group whose
    ``requires-python`` (and those of the groups it is included through) are ``floors``:
    ``python_full_version >= 'X.Y'`` of the highest; "" for none; None where one of them
    is another bound."""
    if None in floors:
        return None
    known = [f for f in floors if f]
    if not known:
        return ""
    highest = max(known, key=lambda f: tuple(int(n) for n in f.split(".")))
    return _marker_key(f"python_full_version >= '{highest}'")


def _group_items(
    manifest: str,
    text: str,
    spans: toml.Spans,
    declared: dict[str, Any],
    group: str,
    sources: dict[str, str],
    seen: set[str],
    pyproject: dict[str, Any],
    floors: tuple[str | None, ...],
) -> list[_Wanted]:
    """A dependency group's requirements, ``{include-group = "..."}`` expanded (PEP 735),
    each with the marker uv adds for the ``requires-python`` of the groups on its way
    (``floors``; uv 0.13 writes ``python_full_version >= '3.12'`` for a group's ``>=3.12``,
    the higher bound where one group includes another)."""
    items = declared.get(group)
    found: list[_Wanted] = []
    seen = seen | {group}
    marker = _floor_marker(floors)
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
                on_the_way = (*floors, _group_floor(pyproject, target))
                found.extend(
                    _group_items(manifest, text, spans, declared, target, sources, seen,
                                 pyproject, on_the_way)
                )  # fmt: skip
            continue
        line = _line(spans, text, "dependency-groups", group, i)
        item = _from_manifest(value, None, sources, line, manifest)
        if marker and not item.marker:
            item.marker = marker
        found.append(item)
    return found
