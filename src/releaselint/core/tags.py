"""Release tags: their name formats, their versions, and what must hold when one is pushed."""

from __future__ import annotations

import re

from releaselint.core import git
from releaselint.core.config import Config, ref_name_problem, tag_format_problem
from releaselint.core.errors import FatalError
from releaselint.core.families import looks_like_date, name_prefixes, split_tag
from releaselint.core.inventory import discover, family_group, pathspecs
from releaselint.core.lazyre import lazy
from releaselint.core.model import Group, TagRecord
from releaselint.core.report import Finding
from releaselint.core.versions import (
    SemVer,
    is_semver,
    number_key,
    parse_pep440,
    precedence_key,
    same_version,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any

    from releaselint.core.history import FamilyEvidence
    from releaselint.core.tree import Tree

HINT_FILES = (
    "delete the tag (git tag -d <tag>; where it was pushed, git push <remote> "
    ":refs/tags/<tag> too), then tag the commit that declares the version, or bump the "
    "files (releaselint bump --to <version>), commit, and tag that commit"
)
_PLACEHOLDER_RE = lazy(r"\{(version|component|name)\}")
_VALID_FORMATS: set[str] = set()
_REGEXES: dict[tuple[str, str | None], re.Pattern[str]] = {}
# from this many tags checked at once, which tags each one's commit reaches comes from one
# walk of their history, not one ``for-each-ref --merged`` each. The walk reads the whole
# history once and holds an integer per commit (a million commits: seconds, and hundreds
# of megabytes), where git answers a few tags from its commit-graph in a fraction of that:
# a mirror push of hundreds of tags walks, a release batch of a few asks git.
_WALK_FROM = 32


class TagFormat:
    """A tag name template such as ``v{version}`` or ``{component}-v{version}``."""

    __slots__ = ("_open_name", "component", "group", "regex", "template")

    def __init__(self, template: str, group: Group | None) -> None:
        # configured formats are checked when the configuration loads; this guards the
        # defaults and formats made in code
        if template not in _VALID_FORMATS:
            problem = tag_format_problem(template)
            if problem is not None:
                raise FatalError(f"tag-format: {problem}")
            _VALID_FORMATS.add(template)
        self.template = template
        self.group = group
        self.component = group.name if group is not None else None
        regex = _REGEXES.get((template, self.component))
        if regex is None:
            pattern = []
            pos = 0
            for match in _PLACEHOLDER_RE.finditer(template):
                pattern.append(re.escape(template[pos : match.start()]))
                if match.group(1) == "version":
                    pattern.append(r"(?P<version>[^/]+)")
                else:
                    name = self.component
                    pattern.append(re.escape(name) if name else r"[^/]+")
                pos = match.end()
            pattern.append(re.escape(template[pos:]))
            # compiled once per format and component: re's own cache holds 512 patterns,
            # and a push of a thousand packages' tags makes a format for each
            regex = _REGEXES[template, self.component] = re.compile("".join(pattern))
        self.regex = regex
        self._open_name = not self.component and ("{component}" in template or "{name}" in template)

    def literal_start(self) -> str:
        """The text every tag of the format starts with: the template up to its first
        placeholder other than a filled component or name."""
        name = self.component
        text = self.template
        if name:
            text = text.replace("{component}", name).replace("{name}", name)
        return text.split("{", 1)[0]

    @property
    def shown(self) -> str:
        return self.template.replace("{component}", self.component or "{component}").replace(
            "{name}", self.component or "{name}"
        )

    def version_of(self, tag: str) -> str | None:
        """The version a tag name of this format holds, or None. Where the format holds a
        name placeholder no group fills, two placeholders may meet the text between them
        many ways (quadratic): a name longer than ``MAX_TAG`` is then no release."""
        if len(tag) > MAX_TAG and self._open_name:
            return None
        match = self.regex.fullmatch(tag)
        return match.group("version") if match else None

    def render(self, version: str) -> str:
        """The tag name for ``version``; a FatalError where it would not be a valid ref name
        (a component or version that git would refuse, or read as an option)."""
        name = self.component or ""
        tag = (
            self.template.replace("{component}", name)
            .replace("{name}", name)
            .replace("{version}", version)
        )
        problem = ref_name_problem(tag)
        if problem is not None:
            raise FatalError(f"tag name {tag!r} ({self.template}) is not valid: {problem}")
        return tag

    def twin(self) -> TagFormat | None:
        """The same format with or without the ``v`` before the version: ``1.2.3`` and
        ``v1.2.3`` name the same release."""
        if "v{version}" in self.template:
            return TagFormat(self.template.replace("v{version}", "{version}"), self.group)
        if "{version}" in self.template:
            return TagFormat(self.template.replace("{version}", "v{version}"), self.group)
        return None


def configured_formats(config: Config, groups: Sequence[Group]) -> bool:
    """Whether the configuration names the tag formats (else the repository's tag families
    decide)."""
    return config.tag_format_configured or any(g.tag_format for g in groups)


def formats_for(groups: Sequence[Group], config: Config) -> list[TagFormat]:
    """The tag formats in force: each group's own, else the top-level one -- for every
    group where it names the component, for the repository's own group where it does not."""
    formats = []
    primary = next((g for g in groups if g.primary), groups[0] if groups else None)
    for group in groups:
        template = group.tag_format or config.tag_format
        per_component = "{component}" in template or "{name}" in template
        if group.tag_format or per_component or group is primary:
            formats.append(TagFormat(template, group))
    if not formats:
        formats.append(TagFormat(config.tag_format, None))
    return formats


def valid_version(version: str, config: Config) -> bool:
    return _valid(version, config.tag_version)


def name_verdict(name: str, config: Config) -> Finding | None:
    """The verdict on a tag's name alone, before the tag exists (reference-transaction):
    the configured formats where there are some, else only plain ``v{version}`` and
    ``{version}`` names, whose version must be SemVer or a three-number PEP 440 release
    (``v0.4.2rc0``): ``v1.2`` is refused, ``release-2026.07.30`` and ``stable`` are no
    releases."""
    ref = f"refs/tags/{name}"
    if config.tag_format_configured or any(g.tag_format for g in config.groups):
        formats: list[TagFormat] = formats_for([], config)
        for group in config.groups:
            if group.tag_format:
                template = group.tag_format.replace("{component}", group.name)
                formats.append(TagFormat(template.replace("{name}", group.name), None))
        versions = [v for f in formats if (v := f.version_of(name)) is not None]
        if not versions:
            shown = " or ".join(dict.fromkeys(f.template for f in formats))
            return Finding(ref, None, f"does not match the tag format {shown}")
        if not any(valid_version(v, config) for v in versions):
            grammar = "PEP 440" if config.tag_version == "pep440" else "semantic"
            return Finding(ref, None, f"{versions[0]!r} is not a valid {grammar} version")
        return None
    split = split_tag(name)
    if split is None or split[0] not in ("", "v"):
        return None
    version = split[1]
    if is_semver(version):
        return None
    parsed = parse_pep440(version)
    if parsed is not None and len(parsed.release) == 3:
        return None
    return Finding(ref, None, f"{version!r} is not a valid semantic version")


# the longest tag name a format reads a version from
MAX_TAG = 1024


# A push of a repository's whole history checks each of thousands of tags against the
# others: each version is parsed once
_KEYS: dict[tuple[str, str], Any] = {}


def _order_key(version: str, grammar: str) -> Any:
    found = _KEYS.get((version, grammar), _KEYS)
    if found is _KEYS:
        found = parse_pep440(version) if grammar == "pep440" else precedence_key(version)
        _KEYS[version, grammar] = found
    return found


def resolve(root: str, named: Sequence[tuple[str, str]]) -> list[TagRecord]:
    """TagRecords for (tag name, object id) pairs, peeled in one batch call."""
    if not named:
        return []
    objects = [o for _, oid in named for o in (oid, f"{oid}^{{commit}}")]
    found = git.batch_check(root, objects)
    records = []
    for index, (name, oid) in enumerate(named):
        own, peeled = found[2 * index], found[2 * index + 1]
        kind = own[1] if own else "missing"
        records.append(TagRecord(name, oid, kind, peeled[0] if peeled else None))
    return records


class Bound:
    """A tag name read against the repository: its family, version, grammar and group."""

    __slots__ = ("family", "fmt", "grammar", "group", "version")

    def __init__(
        self,
        fmt: TagFormat,
        version: str,
        grammar: str,
        group: Group | None,
        family: FamilyEvidence | None = None,
    ) -> None:
        self.fmt = fmt
        self.version = version
        self.grammar = grammar
        self.group = group
        self.family = family  # the release history of its tag family, where there is one


class TagCheck:
    """Checks a batch of tags being created: format, grammar, files, history.

    Each tag gets the verdict it would get alone: it is compared with every release tag of
    its family reachable from its commit, whether or not that tag is pushed with it.
    """

    def __init__(
        self,
        root: str,
        config: Config,
        existing: dict[str, TagRecord],
        pushing: Iterable[str] = (),
    ) -> None:
        self.root = root
        self.config = config
        self.pushing = set(pushing)
        self.existing = existing
        self._groups: dict[str, list[Group]] = {}
        self._releases: dict[tuple[str, str | None, str], _Releases] = {}
        self._history: list[FamilyEvidence] | None = None
        self._trees: dict[str, Tree] = {}
        self._family_groups: dict[tuple[str, str], Group | None] = {}
        # commit -> {tag name: whether that commit reaches it}, asked of git once per tag
        self._reachable: dict[str, dict[str, bool]] = {}
        # from one walk of history (``_walk``): the tags each commit reaches, as bits
        self._reaches: dict[str, int] = {}
        self._bits: dict[str, int] = {}
        self._ranked: dict[str, _Ranked] = {}
        self._sorted: list[str] | None = None  # the existing tags' names, sorted
        self._order: dict[str, int] = {}
        self._configured: dict[str, bool] = {}  # configured_formats at each commit
        self._reads: dict[Any, Any] = {}  # what discover read of each tree
        self._bounds: dict[tuple[str, str | None], Bound | Finding | None] = {}
        # (commit, family prefix) -> the family's evidence as of that commit
        self._evidence_at: dict[tuple[str, str], FamilyEvidence] = {}
        self._candidates: dict[str, list[tuple[str, str]]] = {}
        self._declares: dict[str, bool] = {}  # tag name -> its files declare its version
        self._in_private_check = False  # _private_follows is asking
        self._declares_private: dict[str, bool] = {}

    @property
    def history(self) -> list[FamilyEvidence]:
        if self._history is None:
            from releaselint.core.history import read_history
            from releaselint.core.inventory import packages_of

            # every local tag, those being pushed too: the evidence must not depend on
            # which tags travel together (a push of all tags gets the verdicts of each alone)
            released = {name: record.commit for name, record in self.existing.items()}
            self._history = read_history(
                self.root, self.config, released, packages_of, pathspecs(self.config)
            )
        return self._history

    def groups_at(self, commits: Iterable[str]) -> None:
        """Discover the groups of every commit at once (blobs read in batch)."""
        from releaselint.core.tree import prefetch

        todo = [c for c in dict.fromkeys(commits) if c not in self._groups]
        if not todo:
            return
        extra = [e.path for e in self.config.extra_files]
        history = self.history
        for commit, tree in prefetch(self.root, todo, pathspecs(self.config), extra).items():
            self._trees[commit] = tree
            self._groups[commit] = discover(tree, self.config, history, reads=self._reads)

    def family_group(self, commit: str, family: FamilyEvidence) -> Group | None:
        """The group a family's tag releases at ``commit``: the family's own members with
        what the build and the release tooling join to them, never the members other
        families add (a package that joined ``v*`` releases later is not part of an older
        ``python-v*`` release), nor those the family itself took in after ``commit``."""
        key = (commit, family.family.prefix)
        if key not in self._family_groups:
            found = None
            # Where the releases before it name no member the commit still declares (none
            # matched, or the package moved: lancedb's python-v0.7.0 made pyproject.toml's
            # version the crate's), the family's newest releases are the evidence there is.
            for evidence in dict.fromkeys((self._evidence_at.get(key, family), family)):
                found = family_group(self._trees[commit], self.config, evidence, self._reads)
                if found is not None:
                    break
            self._family_groups[key] = found
        return self._family_groups[key]

    def evidence_at(self, tags: Sequence[TagRecord]) -> None:
        """Each tag's family evidence as of the tagged commit (``_sample_at``), the files of
        every tag's sample read in one batch."""
        from releaselint.core.history import evidence_at
        from releaselint.core.inventory import packages_of

        wanted: dict[tuple[str, str], tuple[FamilyEvidence, list[tuple[str, str]]]] = {}
        for tag in tags:
            bound = self._bind(tag)
            if not isinstance(bound, Bound) or bound.family is None or tag.commit is None:
                continue
            if not _valid(bound.version, bound.grammar):
                continue  # refused on its name: its files are not read
            key = (tag.commit, bound.family.family.prefix)
            if key in self._evidence_at or key in wanted:
                continue
            sample = self._sample_at(tag, bound.family)
            if sample is None:
                self._evidence_at[key] = bound.family
            else:
                wanted[key] = (bound.family, sample)
        if not wanted:
            return
        released = {name: record.commit for name, record in self.existing.items()}
        found = evidence_at(
            self.root, self.config, released, list(wanted.values()), packages_of,
            pathspecs(self.config),
        )  # fmt: skip
        self._evidence_at.update(zip(wanted, found, strict=True))

    def _sample_at(self, tag: TagRecord, family: FamilyEvidence) -> list[tuple[str, str]] | None:
        """The family's releases made before the tag, as many as its own evidence samples,
        newest first: those below the tag's version, the tag itself, and those above it
        that its commit reaches; None where that is the family's own sample.

        History alone would not do: release workflows that tag a commit of their own and
        never merge it back (lancedb's ``v*`` tags since 0.20) leave every release outside
        the history of the next, and the newest release would be judged by tags years
        old. The version alone would not either: a release its commit contains is part of
        its past whatever its number. A family's first release is judged by its own files
        alone: members that joined the family later say nothing about it."""
        from releaselint.core.history import SAMPLE

        if family.sampled[:1] == [tag.name]:
            return None  # the newest release: the family's own evidence is its past
        grammar = family.family.grammar
        version = family.family.version_of(tag.name)
        releases = self._family_releases(family)
        reaches = self._reaches.get(tag.commit or "")
        if reaches is not None:  # many tags checked: the family ranked once for all
            before, below = self._ranked_family(family).around(
                tag.name, version, grammar, SAMPLE, reaches
            )
        else:
            above, below = _releases_around(releases, tag.name, version, grammar, SAMPLE)
            # the same question the "must increase" rule asks (answered once for both)
            reached = self._reachable_from(tag.commit or "", [name for _, name, _ in above])
            before = [(key, name, v) for key, name, v in above if name in reached]
            before.sort(key=lambda item: item[0], reverse=True)  # stable: ties as given
        sample = [(name, v) for _, name, v in before[:SAMPLE]]
        sample += below[: SAMPLE - len(sample)]
        return None if [name for name, _ in sample] == family.sampled else sample

    def _ranked_family(self, family: FamilyEvidence) -> _Ranked:
        prefix = family.family.prefix
        ranked = self._ranked.get(prefix)
        if ranked is None:
            grammar = family.family.grammar
            releases = self._family_releases(family)
            entries = [(_order_key(v, grammar), name, v) for name, v in releases]
            ranked = self._ranked[prefix] = _Ranked(entries, self._bits)
        return ranked

    def _family_releases(self, family: FamilyEvidence) -> list[tuple[str, str]]:
        """The family's release tags on commits, (name, version) in the order of their
        names: those ``read_history`` ranks."""
        prefix = family.family.prefix
        releases = self._candidates.get(prefix)
        if releases is None:
            if prefix:
                names = [n for n in self.existing if n.startswith(prefix)]
            else:
                names = [n for n in self.existing if "0" <= n[:1] <= "9"]
            releases = []
            for name in sorted(names):
                split = split_tag(name)
                if split is None or split[0] != prefix or not self.existing[name].commit:
                    continue
                version = split[1]
                if not looks_like_date(version) and _valid(version, family.family.grammar):
                    releases.append((name, version))
            self._candidates[prefix] = releases
        return releases

    def _bind(self, tag: TagRecord) -> Bound | Finding | None:
        key = (tag.name, tag.commit)
        if key not in self._bounds:
            commit = tag.commit or ""
            groups = self._groups.get(commit, [])
            configured = self._configured.get(commit)
            if configured is None:  # once per commit, not once per tag on it
                configured = self._configured[commit] = configured_formats(self.config, groups)
            self._bounds[key] = self.bind(tag.name, groups, configured)
        return self._bounds[key]

    def check(self, tags: Sequence[TagRecord], *, files: bool = True) -> list[Finding]:
        """Findings for tags being created; ``files=False`` leaves out what the files at the
        tagged commit say (for a tag whose commit is yet to be made)."""
        self.pushing.update(t.name for t in tags)
        self.groups_at(t.commit for t in tags if t.commit)
        self._walk([t.commit for t in tags if t.commit])
        if files:
            self.evidence_at(tags)
        findings: list[Finding] = []
        for tag in tags:
            findings.extend(self._check_one(tag, files))
        return findings

    def bind(
        self, name: str, groups: Sequence[Group], configured: bool | None = None
    ) -> Bound | Finding | None:
        """What a tag name is: a release of a group (Bound), no release at all (None), or a
        name that breaks the configured format (a Finding)."""
        where = f"refs/tags/{name}"
        if configured is None:
            configured = configured_formats(self.config, groups)
        if configured:
            formats = formats_for(groups, self.config)
            match = next(((f, v) for f in formats if (v := f.version_of(name)) is not None), None)
            if match is None:
                shown = " or ".join(dict.fromkeys(f.shown for f in formats))
                return Finding(where, None, f"does not match the tag format {shown}")
            fmt, version = match
            return Bound(fmt, version, self.config.tag_version, fmt.group)
        split = split_tag(name)
        if split is None:
            return None
        prefix, version = split
        known = next((e for e in self.history if e.family.prefix == prefix), None)
        family = known if known is not None and known.is_release else None
        template = f"{prefix}{{version}}"
        group = next((g for g in groups if template in g.families), None)
        if group is None:
            group = next((g for g in groups if prefix in g.tag_prefixes), None)
        if group is None:
            group = next(
                (
                    g
                    for g in groups
                    for p in g.packages
                    if p.name and prefix in name_prefixes(p.name)
                ),
                None,
            )
        if group is None and prefix in ("", "v"):
            group = next((g for g in groups if g.primary), None)
            if (
                group is not None
                and known is not None
                and not known.is_release
                and all(p.private for p in group.packages)
                and not self._private_follows(name, known)
            ):
                # a private package (never published) whose files declared none of the
                # family's newest other tags' versions (jupyter/notebook's JS build deps, at
                # 4.0.0 for years while the Python releases went on): not what they release
                group = None
        if family is None and group is None and prefix not in ("", "v"):
            return None  # a prefix no release has used and no package is named by
        # the grammar of the family's own tags (PEP 440 where they are Python releases
        # SemVer cannot spell: 9.2.0.dev0, 21.4.0.post1), else of the group's files
        grammar = known.family.grammar if known is not None else "semver"
        if grammar == "semver" and not is_semver(version) and _speaks_pep440(group):
            grammar = "pep440"
        elif grammar == "pep440" and _speaks_semver_only(group):
            # a group with nothing of Python (package.json, Cargo.toml): a tag PEP 440 alone
            # reads (`v01.3.0`, `v1.3.0.1`) does not make its family PEP 440, and pass; the
            # verdict depends on the group, not on which other tags exist
            grammar = "semver"
        return Bound(TagFormat(template, None), version, grammar, group, family)

    def _is_alias(self, tag: TagRecord, bound: Bound) -> bool:
        """A ``v4.1`` beside the release ``v4.1.3`` (or ``4.1.3``) on the same commit, where
        the repository floats a major alias ``v4`` too: the alias release tooling moves to
        each release of the line (bump-my-version's ``moveable_tags``, release-please-action's
        own workflow); not a release spelled short, which has neither."""
        version = bound.version
        parts = version.split(".")
        if len(parts) != 2 or not all(p.isdigit() for p in parts) or tag.commit is None:
            return False
        if f"{tag.name[: len(tag.name) - len(version)]}{parts[0]}" not in self.existing:
            return False
        # the family's and its with/without-v twin's tags on the commit
        on_commit = self._release_tags(bound).by_commit.get(tag.commit, [])
        return any(
            is_semver(v)
            and not SemVer(v).prerelease
            and SemVer(v).release.startswith(f"{version}.")
            for v, _ in on_commit
        )

    def _check_one(self, tag: TagRecord, files: bool) -> list[Finding]:
        where = f"refs/tags/{tag.name}"
        if tag.commit is None and tag.kind == "missing":
            return [Finding(where, None, f"names {tag.oid[:12]}, which this repository lacks")]
        if tag.commit is None:
            # what an annotated tag finally names (a tree, a blob), not the tag object
            peeled = git.batch_check(self.root, [f"{tag.oid}^{{}}"]) if tag.kind == "tag" else []
            kind = peeled[0][1] if peeled and peeled[0] else tag.kind
            return [Finding(where, None, f"points at a {kind}, not a commit")]
        bound = self._bind(tag)
        if bound is None:
            return []
        if isinstance(bound, Finding):
            return [bound]
        version = bound.version
        grammar = "PEP 440" if bound.grammar == "pep440" else "semantic"
        if self._is_alias(tag, bound):
            return []
        if not _valid(version, bound.grammar):
            text = f"{version!r} is not a valid {grammar} version"
            if self.config.tag_format_configured is False:
                text += f" (tags {bound.fmt.template})"
            return [Finding(where, None, text, hint=_retag_hint(tag.name, bound, version))]
        found = []
        if not self.config.allow_prerelease_tags and _is_prerelease(version, bound.grammar):
            found.append(
                Finding(
                    where, None, "prerelease tags are not allowed (allow-prerelease-tags = false)"
                )
            )
        if self.config.require_annotated_tags and tag.kind != "tag":
            found.append(
                Finding(
                    where,
                    None,
                    f"lightweight tag; annotated tags are required (git tag -a {tag.name})",
                )
            )
        if files:
            found.extend(self._check_files(where, tag, bound))
        found.extend(self._check_history(where, tag, bound, files))
        return found

    def _check_files(self, where: str, tag: TagRecord, bound: Bound) -> list[Finding]:
        group = bound.group
        if bound.family is not None and tag.commit in self._trees:
            group = self.family_group(tag.commit, bound.family) or group
        if group is None or group.vcs is not None:
            return []  # tag-versioned: the files hold placeholders, the tag is the version
        short = (tag.commit or "")[:7]
        version = bound.version
        pep440 = bound.grammar == "pep440"
        wrong = [
            d
            for d in group.binding
            if not same_version(d.value, version, pep440=pep440 or d.pep440)
        ]
        if not wrong:
            return []
        first = wrong[0]
        more = f" (and {len(wrong) - 1} more)" if len(wrong) > 1 else ""
        text = f"version {version} != {first.value} declared in {first.where} at {short}{more}"
        return [Finding(where, None, text, hint=HINT_FILES)]

    def _release_tags(self, bound: Bound) -> _Releases:
        """The existing release tags of the tag's family (and its with/without-v twin),
        parsed once per batch however many tags are checked."""
        fmt = bound.fmt
        # per grammar too: a family's tags read as PEP 440 (`v0.8` of a Python package)
        # have other canonical spellings and another order than as SemVer
        key = (fmt.template, fmt.component, bound.grammar)
        releases = self._releases.get(key)
        if releases is None:
            releases = _Releases()
            same_release = [fmt] + ([twin] if (twin := fmt.twin()) else [])
            # the literal text before the first placeholder, or a digit where the version
            # comes first: a cheap filter before the regex (a repository may hold tens of
            # thousands of tags of other families)
            starts = tuple(f.literal_start() for f in same_release)
            pairs = zip(starts, same_release, strict=True)
            if "" in starts and all(s or f.template.startswith("{version}") for s, f in pairs):
                starts = (*(s for s in starts if s), *"0123456789")
            for other in self._starting(starts):
                # the first format that reads a valid version: `{version}` reads `v0.1.0`
                # as the version `v0.1.0`, which its `v{version}` twin reads as 0.1.0
                read = [v for f in same_release if (v := f.version_of(other.name))]
                version = next((v for v in read if _valid(v, bound.grammar)), None)
                if version is None:
                    version = read[0] if read else None
                if version is None:
                    continue
                # validity and order are decided later, for the few tags that matter: a
                # repository may hold tens of thousands of this family's tags
                canonical = _canonical(version, bound.grammar)
                releases.by_version.setdefault(canonical, []).append((version, other))
                if other.commit:
                    releases.by_commit.setdefault(other.commit, []).append((version, other))
                releases.versions.append((version, other))
            self._releases[key] = releases
        return releases

    def _walk(self, commits: Sequence[str]) -> None:
        """Which tags each of ``commits`` reaches, where many are checked at once (a push of
        a repository's every tag): one walk of their history, parents before children
        (``rev-list --reverse --topo-order --parents``), each commit reaching its own tags
        and what its parents reach. One ``for-each-ref --merged`` per commit would cost a
        process each, and match each of thousands of refs against each name asked about:
        25 s for 1,000 tags of one line of history, where the walk takes a second."""
        if len(commits) < _WALK_FROM:
            return
        wanted = [c for c in dict.fromkeys(commits) if c not in self._reaches]
        if not wanted:
            return
        own: dict[bytes, int] = {}
        for name, record in self.existing.items():
            if record.commit:
                bit = self._bits.setdefault(name, 1 << len(self._bits))
                key = record.commit.encode("ascii")
                own[key] = own.get(key, 0) | bit
        out = git.run(
            ("rev-list", "--reverse", "--topo-order", "--parents", "--stdin"),
            self.root,
            input="".join(f"{c}\n" for c in wanted).encode("ascii"),
        )
        reaches: dict[bytes, int] = {}
        for line in out.split(b"\n"):
            if not line:
                continue
            walked, *parents = line.split(b" ")
            found = own.get(walked, 0)
            for parent in parents:
                found |= reaches.get(parent, 0)
            reaches[walked] = found
        for commit in wanted:
            self._reaches[commit] = reaches.get(commit.encode("ascii"), 0)

    def _starting(self, starts: tuple[str, ...]) -> list[TagRecord]:
        """The existing tags whose names start with one of ``starts``, in their order:
        found by bisection in the sorted names (a push of a thousand packages' tags asks
        once per package)."""
        from bisect import bisect_left

        if self._sorted is None:
            self._sorted = sorted(self.existing)
            self._order = {name: index for index, name in enumerate(self.existing)}
        names = self._sorted
        found: set[str] = set()
        for start in set(starts):
            index = bisect_left(names, start)
            while index < len(names) and names[index].startswith(start):
                found.add(names[index])
                index += 1
        return [self.existing[name] for name in sorted(found, key=self._order.__getitem__)]

    def _reachable_from(self, commit: str, names: Iterable[str]) -> set[str]:
        """Of the tags ``names``, those reachable from ``commit``: from the walk where
        there was one (``_walk``), else one ``for-each-ref --merged`` over the refs not
        asked about before (over every tag of a repository with tens of thousands, where a
        few are asked about, it costs seconds)."""
        reaches = self._reaches.get(commit)
        if reaches is not None:
            bits = self._bits
            return {name for name in names if reaches & bits.get(name, 0)}
        names = list(names)
        known = self._reachable.setdefault(commit, {})
        wanted = sorted({name for name in names if name not in known})
        if wanted:
            found = git.merged_tags(self.root, commit, wanted)
            known.update((name, name in found) for name in wanted)
        return {name for name in names if known[name]}

    def _private_follows(self, name: str, known: FamilyEvidence) -> bool:
        """Whether the files at one of the family's newest other tags declare its version
        (the files check of that tag alone, bound to the same private package)."""
        if self._in_private_check:
            return True  # the tags asked about are bound to the package, to be checked
        self._in_private_check = True
        try:
            others = [self.existing[n] for n in known.sampled if n != name and n in self.existing]
            return any(self._declares_itself(other) for other in others)
        finally:
            self._in_private_check = False

    def _declares_itself(self, other: TagRecord) -> bool:
        """Whether the files at another tag's commit declare its version (a tag-versioned
        group's, or one no group binds, counts): the files check of that tag alone. Asked
        by ``_private_follows``, the tag is bound as if the private package were released
        (kept apart: neither answer stands for the other)."""
        private = self._in_private_check
        cache = self._declares_private if private else self._declares
        found = cache.get(other.name)
        if found is None:
            found = True
            if other.commit:
                self.groups_at([other.commit])
                self.evidence_at([other])
                if private:
                    groups = self._groups.get(other.commit, [])
                    bound = self.bind(other.name, groups)  # not kept among the bounds
                else:
                    bound = self._bind(other)
                found = not isinstance(bound, Bound) or not self._check_files("", other, bound)
            cache[other.name] = found
        return found

    def _check_history(
        self, where: str, tag: TagRecord, bound: Bound, same_commit: bool = True
    ) -> list[Finding]:
        releases = self._release_tags(bound)
        version = bound.version
        grammar = bound.grammar
        found = []
        # a tag that would itself be refused is no release: a version no grammar reads, or
        # files at its commit that declare another (bump-my-version's stray `v1.0.1` on a
        # commit at 0.29.0 blocked every later release)
        twins = [
            o
            for v, o in releases.by_version.get(_canonical(version, grammar), [])
            if o.name != tag.name and _valid(v, grammar) and self._declares_itself(o)
        ]
        duplicate = twins[0] if twins else None
        if duplicate is not None:
            text = f"version {version} is already tagged as {duplicate.name}"
            found.append(Finding(where, None, text))
        if self.config.one_tag_per_commit and same_commit and tag.commit:
            # a tag of another major line (pnpm 11.22.0 and pnpm 12.0.0-rc.6, released
            # from one commit) releases another line, not this one twice
            siblings = [
                o
                for v, o in releases.by_commit.get(tag.commit, [])
                if o.name != tag.name
                and o is not duplicate
                and _valid(v, grammar)
                and _major(v, grammar) == _major(version, grammar)
                and not _promotion(v, version, grammar)
            ]
            if siblings:
                text = f"commit {tag.commit[:7]} already has the release tag {siblings[0].name}"
                found.append(Finding(where, None, text))
        if not self.config.tag_must_increase or duplicate is not None or tag.commit is None:
            return found
        if (
            grammar == "semver"
            and _core(version) == _core("0.0.0")
            and _is_prerelease(version, grammar)
        ):
            # a snapshot (changesets' `version --snapshot`, react-router's experimental
            # builds: 0.0.0-experimental-<sha>) says it is no release in line: no order
            return found
        # Only the family's releases reachable from the tagged commit count: a maintenance
        # release on an LTS branch, or a stable release while a prerelease line runs
        # ahead, need not exceed tags made on other lines of history.
        # nor need it exceed the prereleases of a later major line (the next major's
        # release candidates, made from the same history while this line goes on)
        order = _order_key(version, grammar)
        reaches = self._reaches.get(tag.commit)
        if reaches is not None:  # many tags checked: reached above its rank, or not at all?
            if releases.ranked is None:
                keyed = [(_order_key(v, grammar), o.name, v) for v, o in releases.versions]
                valid = [entry for entry in keyed if entry[0] is not None]
                releases.ranked = _Ranked(valid, self._bits)
            # releases ranked at or above it (`not key < order`: under PEP 440, 1.0 and
            # 1.0.0 are one rank, two spellings), the tag itself aside
            ranked = releases.ranked
            itself = self._bits.get(tag.name, 0)
            if not reaches & ranked.mask_above(ranked.position(order, equal=True)) & ~itself:
                return found
        major = _major(version, grammar)
        above = [
            (key, o)
            for v, o in _not_below(releases.versions, version, grammar)
            if o.name != tag.name
            and _valid(v, grammar)
            and not (key := _order_key(v, grammar)) < order
            and not (_is_prerelease(v, grammar) and _major(v, grammar) > major)
            and not (o.commit == tag.commit and _promotion(v, version, grammar))
        ]
        if not above:
            return found
        reachable = self._reachable_from(tag.commit, (o.name for _, o in above))
        blocking = [
            (key, o) for key, o in above if o.name in reachable and self._declares_itself(o)
        ]
        if blocking:
            top = max(blocking, key=lambda item: item[0])[1]
            what = f" of {bound.fmt.component}" if bound.fmt.component else ""
            text = f"version {version} is not greater than {top.name}"
            found.append(Finding(where, None, f"{text}, the highest release tag{what} before it"))
        return found


def _releases_around(
    releases: Sequence[tuple[str, str]], name: str, version: str | None, grammar: str, count: int
) -> tuple[list[tuple[Any, str, str]], list[tuple[str, str]]]:
    """Where the tag ``name`` stands among its family's ``releases`` ranked newest first
    (releases of one rank in the order given, as ``release_candidates`` ranks them): the
    releases ranked above it, (order key, name, version) in the order given; and the
    newest ``count`` of the rest, newest first, the tag itself among them. A tag not made
    yet stands above the releases of its version; one whose version cannot be ranked,
    above all.

    A family may hold tens of thousands of releases: only those whose major.minor.patch
    is not below the tag's are parsed whole, and of the rest as few as ``count`` need
    (90 ms for 50,000 releases, where ranking them all takes 230 ms)."""
    import heapq

    own = next((i for i, (other, _) in enumerate(releases) if other == name), None)
    target = _order_key(version, grammar) if version is not None else None
    semver = version is not None and target is not None and grammar == "semver"
    core = _core(version) if semver and version is not None else None
    above: list[tuple[Any, str, str]] = []
    near: list[tuple[Any, int]] = []
    far: list[tuple[tuple[int, str, int, str, int, str], int]] = []
    for index, (other, other_version) in enumerate(releases):
        if core is not None:
            other_core = _core(other_version)
            # the order of SemVer versions is first that of their major.minor.patch
            if other_core is not None and other_core < core:
                far.append((other_core, index))
                continue
        key = _order_key(other_version, grammar)
        if target is not None and (key > target or (key == target and index < (own or 0))):
            above.append((key, other, other_version))
        else:
            near.append((key, index))
    near.sort(key=lambda item: item[0], reverse=True)  # stable: ties as given
    below = [releases[index] for _, index in near[:count]]
    wanted = count - len(below)
    if wanted > 0 and far:
        lowest = heapq.nlargest(wanted, far, key=lambda item: item[0])[-1][0]
        ranked = [(_order_key(releases[i][1], grammar), i) for c, i in far if c >= lowest]
        ranked.sort(key=lambda item: item[0], reverse=True)
        below += [releases[index] for _, index in ranked[:wanted]]
    return above, below


def _not_below(
    versions: list[tuple[str, TagRecord]], version: str, grammar: str
) -> Iterable[tuple[str, TagRecord]]:
    """The tags whose version may be at or above ``version``: for SemVer, those whose
    major.minor.patch is not below its own (read from the text, without parsing the whole
    version), the rest left to the full comparison."""
    if grammar != "semver":
        return versions
    core = _core(version)
    if core is None:
        return versions
    return [(v, o) for v, o in versions if (other := _core(v)) is None or other >= core]


# major.minor.patch as SemVer writes them (no leading zero): ordered by (length, text)
_CORE_RE = lazy(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?![0-9])")


_CORES: dict[str, tuple[int, str, int, str, int, str] | None] = {}


def _core(version: str) -> tuple[int, str, int, str, int, str] | None:
    if version in _CORES:
        return _CORES[version]
    match = _CORE_RE.match(version)
    found = None
    if match is not None:
        major, minor, patch = match.groups()
        found = (len(major), major, len(minor), minor, len(patch), patch)
    _CORES[version] = found
    return found


def _retag_hint(name: str, bound: Bound, version: str) -> str | None:
    """``git tag -d v1.4 && git tag -a v1.4.0 -m …`` where the version can be completed."""
    parts = version.split(".")
    if bound.grammar == "semver" and len(parts) == 2 and all(p.isdigit() for p in parts):
        fixed = bound.fmt.render(f"{version}.0")
        # the new tag on the commit the old one names (HEAD may have moved on), made
        # before the old one goes
        import shlex

        target = shlex.quote(f"{name}^{{commit}}")
        return f"git tag -a {fixed} -m 'Release {fixed}' {target} && git tag -d {name}"
    return f"git tag -d {name}, then tag the release as {bound.fmt.shown}"


_PYTHON_FILES = ("pyproject.toml", "setup.cfg", "setup.py", ".py")


def _speaks_semver_only(group: Group | None) -> bool:
    """A group with no Python package and no declaration in a Python project's file (a
    maturin binding's pyproject.toml, tbump's `current` in pyproject.toml): SemVer alone."""
    return (
        group is not None
        and bool(group.binding)
        and not any(p.ecosystem == "python" for p in group.packages)
        and not any(d.pep440 or d.path.endswith(_PYTHON_FILES) for d in group.declarations)
    )


def _speaks_pep440(group: Group | None) -> bool:
    return group is not None and bool(group.binding) and all(d.pep440 for d in group.binding)


def _valid(version: str, grammar: str) -> bool:
    return _order_key(version, grammar) is not None


_MAJORS: dict[tuple[str, str], tuple[tuple[int, str], bool]] = {}


def _major_and_pre(version: str, grammar: str) -> tuple[tuple[int, str], bool]:
    """The first release number, as ``number_key`` orders digits (a SemVer number may be
    longer than ``int()`` reads: 5,000 nines), and whether it is a prerelease."""
    found = _MAJORS.get((version, grammar))
    if found is None:
        key = _order_key(version, grammar)
        if key is None:
            found = ((-1, ""), False)
        elif grammar == "pep440":
            found = (number_key(str(key.release[0])), bool(key.is_prerelease))
        else:
            parsed = SemVer(version)
            found = (number_key(parsed.release.split(".", 1)[0]), parsed.is_prerelease)
        _MAJORS[version, grammar] = found
    return found


def _promotion(one: str, other: str, grammar: str) -> bool:
    """A release candidate and the release it became, tagged on one commit (Apache's
    votes, huggingface_hub's v0.16.0): one release, not two, whichever is checked."""
    if _is_prerelease(one, grammar) == _is_prerelease(other, grammar):
        return False
    if grammar == "pep440":
        first, second = parse_pep440(one), parse_pep440(other)
        if first is None or second is None:
            return False
        return parse_pep440(first.base_version) == parse_pep440(second.base_version)
    return _core(one) is not None and _core(one) == _core(other)


def _major(version: str, grammar: str) -> tuple[int, str]:
    """The first release number of a valid version, ordered as ``number_key`` orders it."""
    return _major_and_pre(version, grammar)[0]


def _is_prerelease(version: str, grammar: str) -> bool:
    return _major_and_pre(version, grammar)[1]


class _Releases:
    """A family's tags with their versions, as found (not yet checked to be valid)."""

    __slots__ = ("by_commit", "by_version", "ranked", "versions")

    def __init__(self) -> None:
        self.by_version: dict[str, list[tuple[str, TagRecord]]] = {}
        self.by_commit: dict[str, list[tuple[str, TagRecord]]] = {}
        self.versions: list[tuple[str, TagRecord]] = []
        self.ranked: _Ranked | None = None


# the walk's bits of the releases ranked above a position are kept every this many
_BLOCK = 64


class _Ranked:
    """Valid releases, (order key, name, version), ranked newest first (ties in the order
    given), for a batch of many tags: a tag's place is found by bisection, and whether its
    commit reaches any release ranked above it by one ``&`` of the walk's bits
    (``TagCheck._walk``), the union of the bits above each ``_BLOCK``-th place kept."""

    __slots__ = ("_bits", "_index", "_masks", "entries")

    def __init__(self, entries: list[tuple[Any, str, str]], bits: dict[str, int]) -> None:
        self.entries = sorted(entries, key=lambda entry: entry[0], reverse=True)  # stable
        self._bits = bits
        self._masks = [0]
        self._index: dict[str, int] | None = None

    def position(self, target: Any, *, equal: bool = False) -> int:
        """How many releases rank strictly above ``target`` (``equal``: at or above)."""
        low, high = 0, len(self.entries)
        while low < high:
            middle = (low + high) // 2
            key = self.entries[middle][0]
            if key > target or (equal and key == target):
                low = middle + 1
            else:
                high = middle
        return low

    def mask_above(self, position: int) -> int:
        """The walk's bits of the releases ranked above ``position``."""
        block = position // _BLOCK
        entries, bits = self.entries, self._bits
        while len(self._masks) <= block:
            start = (len(self._masks) - 1) * _BLOCK
            mask = self._masks[-1]
            for _, name, _ in entries[start : start + _BLOCK]:
                mask |= bits.get(name, 0)
            self._masks.append(mask)
        mask = self._masks[block]
        for _, name, _ in entries[block * _BLOCK : position]:
            mask |= bits.get(name, 0)
        return mask

    def around(
        self, name: str, version: str | None, grammar: str, count: int, reaches: int
    ) -> tuple[list[tuple[Any, str, str]], list[tuple[str, str]]]:
        """``_releases_around`` and the releases above the tag its commit ``reaches``: the
        first ``count`` of those, newest first; and the newest ``count`` of the rest."""
        if self._index is None:
            self._index = {entry[1]: i for i, entry in enumerate(self.entries)}
        place = self._index.get(name)
        if place is None:
            target = _order_key(version, grammar) if version is not None else None
            place = 0 if target is None else self.position(target)
        before: list[tuple[Any, str, str]] = []
        if reaches & self.mask_above(place):
            bits = self._bits
            for entry in self.entries[:place]:
                if len(before) == count:
                    break
                if reaches & bits.get(entry[1], 0):
                    before.append(entry)
        below = [(other, v) for _, other, v in self.entries[place : place + count]]
        return before, below


def _canonical(version: str, grammar: str) -> str:
    """One spelling per release: SemVer without build metadata, or normalised PEP 440."""
    if grammar == "pep440":
        parsed = parse_pep440(version)
        return str(parsed) if parsed is not None else version
    return version.split("+", 1)[0]
