"""Release history as evidence: which packages each tag family has released in lockstep.

For the newest release tags of each family, the files at the tagged commit are read and the
packages whose version equalled the tag's version are noted. A package that matched at most
of the sampled tags where it existed, and at all but one, belongs to the family's group (a
lag at one tag is drift, not a reason to drop it; two are a package of its own); a family
none of whose tags any package declared is no release family (date tags, documentation
snapshots). An older tag is checked against the members the releases made before it show
(``evidence_at``, by the same rule).

What each tag's commit declared never changes, so it is cached inside the git directory,
keyed by the tag's object id and the configuration in force; a hook then pays one
``git for-each-ref`` for the whole history.
"""

from __future__ import annotations

import posixpath

from releaselint.core import cache as cachefile
from releaselint.core import git
from releaselint.core.families import (
    Family,
    group_tags,
    looks_like_date,
    name_prefixes,
    split_tag,
)
from releaselint.core.versions import parse_pep440, pep440_key, precedence_key, same_version

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence
    from typing import Any

    from releaselint.core.config import Config
    from releaselint.core.model import Group, Package
    from releaselint.core.report import Finding
    from releaselint.core.tree import Tree

# how many of a family's newest release tags are read
SAMPLE = 5
CACHE_VERSION = 10  # raised whenever what a cached entry means changes


class FamilyEvidence:
    """One tag family and what its release tags say."""

    __slots__ = ("family", "members", "named", "off_branch", "sampled")

    def __init__(self, family: Family) -> None:
        self.family = family
        self.members: list[str] = []  # manifests released at the family's tags
        self.sampled: list[str] = []  # the tags read, newest first
        # the package the prefix names (``tokio-``, ``@scope/pkg@``): its tags release it alone
        self.named: str | None = None
        # none of the sampled tags is on the branch checked out: no evidence for its files
        self.off_branch = False

    @property
    def is_release(self) -> bool:
        return bool(self.members)

    @property
    def reason(self) -> str:
        if not self.sampled:
            return f"tags {self.family.template}"
        if len(self.sampled) == 1:
            return f"released together at tag {self.sampled[0]}"
        return f"lockstep at tags {self.sampled[-1]}…{self.sampled[0]}"

    def __repr__(self) -> str:
        return f"<FamilyEvidence {self.family.template} {self.members}>"


def release_candidates(family: Family, count: int | None = None) -> list[tuple[str, str]]:
    """The family's tags that can be releases (a valid version, not a date), newest first;
    the newest ``count`` of them where it is given (a heap, not a sort of every tag)."""
    import heapq

    semver: list[tuple[tuple[object, ...], tuple[str, str]]] = []
    pep440: list[tuple[Any, tuple[str, str]]] = []
    for name, version in family.tags:
        if looks_like_date(version):
            continue
        key = precedence_key(version) if family.grammar == "semver" else None
        if key is not None:
            semver.append((key, (name, version)))
        elif family.grammar == "pep440" and (parsed := parse_pep440(version)) is not None:
            pep440.append((parsed, (name, version)))
    # versions of one grammar are ordered among themselves; a family that mixes them
    # (rare) lists its SemVer releases first
    if count is None:
        semver.sort(key=lambda item: item[0], reverse=True)
        pep440.sort(key=lambda item: item[0], reverse=True)
        return [tag for _, tag in semver + pep440]
    newest = heapq.nlargest(count, semver, key=lambda item: item[0])
    newest += heapq.nlargest(count - len(newest), pep440, key=lambda item: item[0])
    return [tag for _, tag in newest]


def primary_value(package: Package) -> str | None:
    """The version a package releases: its manifest's declaration, else its version file's
    (``[tool.hatch.version].path``); None for a package that is never published."""
    if package.private:
        return None
    binding = [d for d in package.declarations if not d.fallback]
    own = next((d for d in binding if d.path == package.manifest), None)
    if own is None:
        own = next((d for d in binding if d.field == "__version__"), None)
    return own.value if own is not None else None


def read_history(
    root: str,
    config: Config,
    tags: Mapping[str, str | None],
    read_packages: Callable[[Tree, Config], list[Package]],
    pathspecs: Sequence[str],
) -> list[FamilyEvidence]:
    """Evidence of every tag family among ``tags`` (name -> peeled commit).

    The whole answer is cached, keyed by the tags and the configuration: between two
    releases every commit's hook finds it there and pays one JSON load."""
    cache_path = _cache_path(root)
    key = _result_key(config, tags)
    cached = _load_result(cache_path, key)
    if cached is not None:
        return cached
    families = group_tags(sorted(tags))
    evidence = []
    wanted: dict[str, list[tuple[str, str]]] = {}
    for family in families.values():
        # a tag on a tree or a blob names no commit: it releases nothing
        candidates = [(n, v) for n, v in release_candidates(family, SAMPLE * 2) if tags.get(n)]
        sampled = candidates[:SAMPLE]
        item = FamilyEvidence(family)
        item.sampled = [name for name, _ in sampled]
        evidence.append(item)
        wanted[family.prefix] = sampled
    commits = sorted({tags[n] or "" for sampled in wanted.values() for n, _ in sampled})
    declared = _declared_at(root, config, commits, read_packages, pathspecs)
    others = _Others(_released_at(families.values(), tags))
    for item in evidence:
        _join_members(item, wanted[item.family.prefix], tags, declared, others)
    _save_result(cache_path, key, evidence)
    return evidence


def evidence_at(
    root: str,
    config: Config,
    tags: Mapping[str, str | None],
    samples: Sequence[tuple[FamilyEvidence, Sequence[tuple[str, str]]]],
    read_packages: Callable[[Tree, Config], list[Package]],
    pathspecs: Sequence[str],
) -> list[FamilyEvidence]:
    """Each family's evidence as the release tags of ``sample`` ((name, version), newest
    first) give it, by the rule ``read_history`` applies to the newest: what the family
    released as of an older tag. The files at every tag are read in one batch, from the
    cache where it has them."""
    commits = sorted({tags[n] or "" for _, sample in samples for n, _ in sample})
    declared = _declared_at(root, config, commits, read_packages, pathspecs)
    others = _Others(_released_at(group_tags(sorted(tags)).values(), tags))
    found = []
    for family, sample in samples:
        item = FamilyEvidence(family.family)
        item.sampled = [name for name, _ in sample]
        _join_members(item, sample, tags, declared, others)
        found.append(item)
    return found


def _released_at(
    families: Iterable[Family], tags: Mapping[str, str | None]
) -> dict[str, list[tuple[str, str]]]:
    """commit -> (family prefix, version) of each tag on it."""
    found: dict[str, list[tuple[str, str]]] = {}
    for family in families:
        for name, version in family.tags:
            commit = tags.get(name)
            if commit:
                found.setdefault(commit, []).append((family.prefix, version))
    return found


class _Others:
    """The tags on each commit, (family prefix, version), asked whether another family
    released a version there: looked up by the version's spellings, not compared with each
    tag (thousands of tags on one commit, each family asking: quadratic)."""

    def __init__(self, by_commit: Mapping[str, Sequence[tuple[str, str]]]) -> None:
        self.by_commit = by_commit
        self._index: dict[tuple[str, bool], dict[object, list[tuple[str, str]]]] = {}

    def released(self, commit: str, value: str, prefix: str, *, pep440: bool) -> bool:
        tags = self.by_commit.get(commit, ())
        if len(tags) > 8:
            # every version same_version may equal: its text, or its PEP 440 reading
            index = self._index.get((commit, pep440))
            if index is None:
                index = self._index[(commit, pep440)] = {}
                for tag in tags:
                    for key in _spellings(tag[1], pep440):
                        index.setdefault(key, []).append(tag)
            tags = [t for key in _spellings(value, pep440) for t in index.get(key, ())]
        return any(p != prefix and same_version(value, v, pep440=pep440) for p, v in tags)


def _spellings(version: str, pep440: bool) -> list[object]:
    """The keys under which versions ``same_version`` takes for ``version`` are found."""
    if not pep440:
        return [version]
    parsed = pep440_key(version)
    return [version] if parsed is None else [version, parsed]


def _join_members(
    item: FamilyEvidence,
    sample: Sequence[tuple[str, str]],
    tags: Mapping[str, str | None],
    declared: Mapping[str, Mapping[str, tuple[str, str]]],
    others: _Others,
) -> None:
    """The family's members (and the package its prefix names) from the files at the
    tags of ``sample``. A package that another family's tag on the same commit released
    (its version is that tag's) is not counted at that tag: it was released on its own."""
    matched: dict[str, int] = {}
    present: dict[str, int] = {}
    names_of: dict[str, str] = {}
    prefix = item.family.prefix
    for name, version in sample:
        commit = tags[name] or ""
        for manifest, (value, package) in declared.get(commit, {}).items():
            names_of[manifest] = package
            if package and item.named is None and prefix in name_prefixes(package):
                item.named = package
            # a Python manifest speaks PEP 440: 1.2.0rc1 there is the tag 1.2.0-rc.1
            pep440 = item.family.grammar == "pep440" or manifest.endswith("pyproject.toml")
            if same_version(value, version, pep440=pep440):
                matched[manifest] = matched.get(manifest, 0) + 1
            elif others.released(commit, value, prefix, pep440=pep440):
                continue
            present[manifest] = present.get(manifest, 0) + 1
    if item.named is None:
        item.named = _named_by_folder(prefix, names_of)
    # A package joins when it matched at most of the sampled tags where it existed.
    # Two packages that merely both said 1.0.0 at one tag are no evidence of lockstep:
    # beyond the first (shallowest) match, a member needs two matching tags.
    ranked = sorted(matched, key=lambda m: (m.count("/"), m))
    if item.named is not None:
        # a package's own tags are evidence about that package, never about others
        # that happened to hold the same version
        ranked = [m for m in ranked if names_of.get(m) == item.named][:1]
    for manifest in ranked:
        if _in_step(matched[manifest], present[manifest]) and (
            not item.members or matched[manifest] >= 2
        ):
            item.members.append(manifest)


_SEPARATORS = "-_@/.="


def _named_by_folder(prefix: str, names_of: Mapping[str, str]) -> str | None:
    """The one package a tag prefix names by its folder: ``libs/genai/v`` the package in
    ``libs/genai`` (release-please's components by path), ``checkpointpostgres==`` the one
    in ``libs/checkpoint-postgres`` (langgraph), ``python-v`` the one in ``python/``;
    compared as letters and digits, lower case. None where no folder, or more than one
    package, answers."""
    core = prefix.rstrip(_SEPARATORS)
    if core.endswith("v") and (len(core) == 1 or core[-2] in _SEPARATORS):
        core = core[:-1].rstrip(_SEPARATORS)
    if not core:
        return None
    path = "/" in core

    def plain(text: str) -> str:
        return "".join(c for c in text.lower() if c.isascii() and c.isalnum())

    wanted = core if path else plain(core)
    found = set()
    for manifest, package in names_of.items():
        folder = posixpath.dirname(manifest)
        if folder and (folder == wanted if path else plain(posixpath.basename(folder)) == wanted):
            found.add(package)
    if len(found) != 1 or "" in found:
        return None
    name = found.pop()
    # a name is how the family's package is found again: one that a package of another
    # folder also bears (a Python and a JS package, both `mylib`) would name either
    if len({posixpath.dirname(m) for m, n in names_of.items() if n == name}) > 1:
        return None
    return name


def _in_step(matched: int, present: int) -> bool:
    """Whether a package that matched the tag's version at ``matched`` of the ``present``
    sampled tags where it existed was released with the family: at most of them, and at
    all but one (one release that went out with a lagging manifest -- or the tag being
    checked -- is drift, not a reason to drop the package). A crate that cargo-release
    bumps only when it changed matches at some tags and not at others: it is released on
    its own."""
    return 2 * matched > present and present - matched <= 1


def _declared_at(
    root: str,
    config: Config,
    commits: Sequence[str],
    read_packages: Callable[[Tree, Config], list[Package]],
    pathspecs: Sequence[str],
) -> dict[str, dict[str, tuple[str, str]]]:
    """commit -> {manifest: (declared version, package name)}, from the cache where it has
    them."""
    cache_path = _cache_path(root)
    fingerprint = _fingerprint(config)
    cache = _load_cache(cache_path, fingerprint)
    missing = [c for c in commits if c not in cache]
    if missing:
        # what a tag peels to may be a tree or a blob (tags are listed without their types):
        # those release nothing
        kinds = git.batch_check(root, [f"{c}^{{commit}}" for c in missing])
        for commit, kind in zip(missing, kinds, strict=True):
            if kind is None or kind[0] != commit:
                cache[commit] = {}
        missing = [c for c in missing if c not in cache]
    if missing:
        from releaselint.core.errors import FatalError
        from releaselint.core.tree import prefetch

        trees = prefetch(root, missing, pathspecs, [e.path for e in config.extra_files])
        for commit, tree in trees.items():
            try:
                packages = read_packages(tree, config)
            except FatalError:
                # a release whose files cannot be read is no evidence either way
                cache[commit] = {}
                continue
            values = {
                p.manifest: (v, p.name or "")
                for p in packages
                if (v := primary_value(p)) is not None
            }
            cache[commit] = values
        _save_cache(cache_path, fingerprint, cache)
    return {c: cache.get(c, {}) for c in commits}


def _result_key(config: Config, tags: Mapping[str, str | None]) -> str:
    material = "".join(f"{name}\0{tags[name]}\n" for name in sorted(tags))
    return _fingerprint(config) + cachefile.digest(material.encode("utf-8", "surrogateescape"))


def _result_path(cache_path: str | None) -> str | None:
    return None if cache_path is None else cache_path.replace("history.json", "families.json")


def _load_result(cache_path: str | None, key: str) -> list[FamilyEvidence] | None:
    data = cachefile.read_json(_result_path(cache_path))
    try:
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        evidence = []
        for item in data["families"]:
            family = Family(str(item["prefix"]))
            family.grammar = str(item["grammar"])
            family.count = int(item["count"])
            family.calendar = bool(item["calendar"])
            found = FamilyEvidence(family)
            found.members = [str(m) for m in item["members"]]
            found.sampled = [str(t) for t in item["sampled"]]
            found.named = None if item["named"] is None else str(item["named"])
            evidence.append(found)
        return evidence
    except (ValueError, KeyError, TypeError):
        return None  # a cache written by another version: computed again


def _save_result(cache_path: str | None, key: str, evidence: list[FamilyEvidence]) -> None:
    families = [
        {
            "prefix": e.family.prefix,
            "grammar": e.family.grammar,
            "count": e.family.count,
            "calendar": e.family.calendar,
            "members": e.members,
            "sampled": e.sampled,
            "named": e.named,
        }
        for e in evidence
    ]
    cachefile.write_json(_result_path(cache_path), {"key": key, "families": families})


def _cache_path(root: str) -> str | None:
    return cachefile.path(root, "history.json")


def _fingerprint(config: Config) -> str:
    text = repr(
        (
            CACHE_VERSION,
            config.ignore,
            config.include,
            [(e.path, e.pattern) for e in config.extra_files],
        )
    )
    return cachefile.digest(text.encode("utf-8", "surrogateescape"))


def _load_cache(path: str | None, fingerprint: str) -> dict[str, dict[str, tuple[str, str]]]:
    data = cachefile.read_json(path)
    if not isinstance(data, dict) or data.get("fingerprint") != fingerprint:
        return {}
    commits = data.get("commits")
    if not isinstance(commits, dict):
        return {}
    return {
        c: {str(k): (str(v[0]), str(v[1])) for k, v in values.items() if isinstance(v, list)}
        for c, values in commits.items()
        if isinstance(values, dict)
    }


def _save_cache(
    path: str | None, fingerprint: str, commits: dict[str, dict[str, tuple[str, str]]]
) -> None:
    cachefile.write_json(path, {"fingerprint": fingerprint, "commits": commits})


class RepositoryModel:
    """Everything discovery decided: the groups, the tag families, what was left out."""

    __slots__ = ("families", "groups", "left_out", "problems", "unread")

    def __init__(
        self,
        groups: list[Group],
        families: list[FamilyEvidence],
        left_out: list[tuple[str, str]],
        problems: list[Finding],
        unread: list[Finding] | None = None,
    ) -> None:
        self.groups = groups
        self.families = families
        self.left_out = left_out
        self.problems = problems  # files a group needs that cannot be read
        self.unread = unread or []  # every file that cannot be read


def repository_model(root: str, tree: Tree, config: Config) -> RepositoryModel:
    """The groups of ``tree`` with every kind of evidence, release history included."""
    from releaselint.core.git import local_tags
    from releaselint.core.inventory import discover, packages_of, pathspecs

    tags = {name: record.commit for name, record in local_tags(root).items()}
    history = read_history(root, config, tags, packages_of, pathspecs(config)) if tags else []
    history = _on_branch(root, history, tags)
    left_out: list[tuple[str, str]] = []
    problems: list[Finding] = []
    unread: list[Finding] = []
    groups = discover(tree, config, history, left_out, problems, unread)
    return RepositoryModel(groups, history, left_out, problems, unread)


def _on_branch(
    root: str, history: list[FamilyEvidence], tags: Iterable[str]
) -> list[FamilyEvidence]:
    """The evidence for the work tree. Where the branch checked out has release tags of its
    own, a family that joins packages and none of whose tags lies on it joins none:
    drizzle-orm's `v1.0.0-beta.N`, on a beta branch where every package moved to one
    version, while main releases them apart. A family with a tag on the branch keeps its
    evidence, however many of its newest were cut on a release branch (nuxt's 4.x). A branch
    with no release tag of its own (a release workflow that tags commits main never
    reaches, as lancedb's) keeps them all."""
    from releaselint.core import git

    joining = [item for item in history if len(item.members) > 1]
    if not joining:
        return history
    # first the sampled tags (a few per family: one cheap git, the common answer)
    try:
        reachable = git.merged_tags(
            root, "HEAD", list(dict.fromkeys(n for item in history for n in item.sampled))
        )
    except git.ProcessError:  # no commit yet: nothing to tell
        return history
    suspects = [item for item in joining if not reachable.intersection(item.sampled)]
    if not reachable or not suspects:
        return history
    # then every tag of the families whose newest all lie off the branch, read from the
    # tags themselves (a cached family keeps none)
    prefixes = {item.family.prefix for item in suspects}
    own: dict[str, list[str]] = {}
    for name in tags:
        split = split_tag(name)
        if split is not None and split[0] in prefixes:
            own.setdefault(split[0], []).append(name)
    reachable |= git.merged_tags(root, "HEAD", [n for found in own.values() for n in found])
    found = []
    for item in history:
        mine = own.get(item.family.prefix, ())
        if item in suspects and not any(n in reachable for n in mine):
            off = FamilyEvidence(item.family)
            off.sampled, off.named, off.off_branch = item.sampled, item.named, True
            item = off
        found.append(item)
    return found


def discover_with_history(root: str, tree: Tree, config: Config) -> list[Group]:
    return repository_model(root, tree, config).groups
