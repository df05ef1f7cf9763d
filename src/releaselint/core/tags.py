"""Release tags: their name formats, their versions, and what must hold when one is pushed."""

from __future__ import annotations

import os
import re

from releaselint.core import git
from releaselint.core.config import Config
from releaselint.core.inventory import discover, pathspecs
from releaselint.core.model import Group
from releaselint.core.report import Finding
from releaselint.core.versions import SemVer, is_semver, parse_pep440, same_version

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any

HINT_FILES = (
    "bump the files (releaselint bump --to <version>), commit, and tag that commit; "
    "or tag the commit that declares the version"
)
_PLACEHOLDER_RE = re.compile(r"\{(version|component|name)\}")


class TagFormat:
    """A tag name template such as ``v{version}`` or ``{component}-v{version}``."""

    __slots__ = ("component", "group", "regex", "template")

    def __init__(self, template: str, group: Group | None) -> None:
        self.template = template
        self.group = group
        self.component = group.name if group is not None else None
        pattern = []
        pos = 0
        for match in _PLACEHOLDER_RE.finditer(template):
            pattern.append(re.escape(template[pos : match.start()]))
            if match.group(1) == "version":
                pattern.append(r"(?P<version>[^/]+)")
            else:
                pattern.append(re.escape(self.component or "") if self.component else r"[^/]+")
            pos = match.end()
        pattern.append(re.escape(template[pos:]))
        self.regex = re.compile("".join(pattern))

    @property
    def shown(self) -> str:
        return self.template.replace("{component}", self.component or "{component}").replace(
            "{name}", self.component or "{name}"
        )

    def version_of(self, tag: str) -> str | None:
        match = self.regex.fullmatch(tag)
        return match.group("version") if match else None

    def render(self, version: str) -> str:
        name = self.component or ""
        return (
            self.template.replace("{component}", name)
            .replace("{name}", name)
            .replace("{version}", version)
        )

    def twin(self) -> TagFormat | None:
        """The same format with or without the ``v`` before the version: ``1.2.3`` and
        ``v1.2.3`` name the same release."""
        if "v{version}" in self.template:
            return TagFormat(self.template.replace("v{version}", "{version}"), self.group)
        if "{version}" in self.template:
            return TagFormat(self.template.replace("{version}", "v{version}"), self.group)
        return None


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
    if config.tag_version == "pep440":
        return parse_pep440(version) is not None
    return is_semver(version)


def is_prerelease(version: str, config: Config) -> bool:
    if config.tag_version == "pep440":
        parsed = parse_pep440(version)
        return parsed is not None and parsed.is_prerelease
    return is_semver(version) and SemVer(version).is_prerelease


def _order_key(version: str, config: Config) -> object:
    if config.tag_version == "pep440":
        return parse_pep440(version)
    return SemVer(version)


class TagRecord:
    """A tag: its short name, the object it names (tag or commit) and the commit it peels to."""

    __slots__ = ("commit", "kind", "name", "oid")

    def __init__(self, name: str, oid: str, kind: str, commit: str | None) -> None:
        self.name = name  # without refs/tags/
        self.oid = oid
        self.kind = kind  # "tag" (annotated) or "commit" (lightweight)
        self.commit = commit

    def __repr__(self) -> str:
        return f"<TagRecord {self.name} {self.kind} {self.commit}>"


def local_tags(root: str) -> dict[str, TagRecord]:
    """Every tag of the repository by name. A ref name may hold any byte but NUL, LF and a
    few others (``git check-ref-format``), U+2028 and invalid UTF-8 included: the output is
    split on LF only and names decoded as file names are (surrogate escapes), so that each
    name is given back to git byte for byte."""
    fmt = "%(refname:strip=2)%00%(objectname)%00%(objecttype)%00%(*objectname)"
    out = git.run(("for-each-ref", f"--format={fmt}", "refs/tags"), root)
    tags = {}
    for line in out.split(b"\n"):
        fields = line.split(b"\0")
        if len(fields) != 4:
            continue
        name = os.fsdecode(fields[0])
        oid, kind, peeled = (f.decode("ascii") for f in fields[1:])
        commit = peeled or (oid if kind == "commit" else None)
        tags[name] = TagRecord(name, oid, kind, commit)
    return tags


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


class TagCheck:
    """Checks a batch of tags being created: format, grammar, files, history."""

    def __init__(self, root: str, config: Config, existing: dict[str, TagRecord]) -> None:
        self.root = root
        self.config = config
        self.existing = existing
        self._groups: dict[str, list[Group]] = {}
        self._releases: dict[tuple[str, str | None], _Releases] = {}

    def groups_at(self, commits: Iterable[str]) -> None:
        """Discover the groups of every commit at once (blobs read in batch)."""
        from releaselint.core.tree import prefetch

        todo = [c for c in dict.fromkeys(commits) if c not in self._groups]
        extra = [e.path for e in self.config.extra_files]
        for commit, tree in prefetch(self.root, todo, pathspecs(self.config), extra).items():
            self._groups[commit] = discover(tree, self.config)

    def check(self, tags: Sequence[TagRecord], *, files: bool = True) -> list[Finding]:
        """Findings for tags being created; ``files=False`` leaves out what the files at the
        tagged commit say (for a tag whose commit is yet to be made)."""
        self.groups_at(t.commit for t in tags if t.commit)
        pushing = {t.name for t in tags}
        findings: list[Finding] = []
        for tag in tags:
            findings.extend(self._check_one(tag, pushing, files))
        return findings

    def _check_one(self, tag: TagRecord, pushing: set[str], files: bool) -> list[Finding]:
        where = f"refs/tags/{tag.name}"
        if tag.commit is None:
            return [Finding(where, None, f"points at a {tag.kind}, not a commit")]
        groups = self._groups.get(tag.commit, [])
        formats = formats_for(groups, self.config)
        match = next(((f, v) for f in formats if (v := f.version_of(tag.name)) is not None), None)
        if match is None:
            shown = " or ".join(dict.fromkeys(f.shown for f in formats))
            return [Finding(where, None, f"does not match the tag format {shown}")]
        fmt, version = match
        grammar = "PEP 440" if self.config.tag_version == "pep440" else "semantic"
        if not valid_version(version, self.config):
            return [Finding(where, None, f"{version!r} is not a valid {grammar} version")]
        found = []
        if not self.config.allow_prerelease_tags and is_prerelease(version, self.config):
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
            found.extend(self._check_files(where, tag, fmt, version))
        found.extend(self._check_history(where, tag, fmt, version, pushing, files))
        return found

    def _check_files(
        self, where: str, tag: TagRecord, fmt: TagFormat, version: str
    ) -> list[Finding]:
        group = fmt.group
        if group is None or group.vcs is not None:
            return []  # tag-versioned: the files hold placeholders, the tag is the version
        short = (tag.commit or "")[:7]
        wrong = [d for d in group.binding if not same_version(d.value, version)]
        if not wrong:
            return []
        first = wrong[0]
        more = f" (and {len(wrong) - 1} more)" if len(wrong) > 1 else ""
        text = f"version {version} != {first.value} declared in {first.where} at {short}{more}"
        return [Finding(where, None, text, hint=HINT_FILES)]

    def _release_tags(self, fmt: TagFormat, pushing: set[str]) -> _Releases:
        """The existing release tags of ``fmt``'s group (and its with/without-v twin),
        parsed once per batch however many tags are checked."""
        key = (fmt.template, fmt.component)
        releases = self._releases.get(key)
        if releases is None:
            releases = _Releases()
            same_release = [fmt] + ([twin] if (twin := fmt.twin()) else [])
            for other in self.existing.values():
                version = next((v for f in same_release if (v := f.version_of(other.name))), None)
                if version is None or not valid_version(version, self.config):
                    continue
                canonical = _canonical(version, self.config)
                releases.by_version.setdefault(canonical, []).append(other)
                if other.commit:
                    releases.by_commit.setdefault(other.commit, []).append(other)
                if other.name not in pushing:
                    order = _order_key(version, self.config)
                    if releases.top is None or order > releases.top[0]:
                        releases.top = (order, other)
            self._releases[key] = releases
        return releases

    def _check_history(
        self,
        where: str,
        tag: TagRecord,
        fmt: TagFormat,
        version: str,
        pushing: set[str],
        same_commit: bool = True,
    ) -> list[Finding]:
        releases = self._release_tags(fmt, pushing)
        found = []
        twins = [
            o
            for o in releases.by_version.get(_canonical(version, self.config), [])
            if o.name != tag.name
        ]
        duplicate = twins[0] if twins else None
        if duplicate is not None:
            text = f"version {version} is already tagged as {duplicate.name}"
            found.append(Finding(where, None, text))
        if self.config.one_tag_per_commit and same_commit and tag.commit:
            siblings = [
                o
                for o in releases.by_commit.get(tag.commit, [])
                if o.name != tag.name and o is not duplicate
            ]
            if siblings:
                text = f"commit {tag.commit[:7]} already has the release tag {siblings[0].name}"
                found.append(Finding(where, None, text))
        top = releases.top
        increases = (
            top is None or top[1].name == tag.name or _order_key(version, self.config) > top[0]
        )
        if self.config.tag_must_increase and duplicate is None and not increases:
            assert top is not None
            what = f" of {fmt.component}" if fmt.component else ""
            text = f"version {version} is not greater than {top[1].name}"
            found.append(Finding(where, None, f"{text}, the highest release tag{what}"))
        return found


class _Releases:
    __slots__ = ("by_commit", "by_version", "top")

    def __init__(self) -> None:
        self.by_version: dict[str, list[TagRecord]] = {}
        self.by_commit: dict[str, list[TagRecord]] = {}
        self.top: tuple[Any, TagRecord] | None = None


def _canonical(version: str, config: Config) -> str:
    """One spelling per release: SemVer without build metadata, or normalised PEP 440."""
    if config.tag_version == "pep440":
        parsed = parse_pep440(version)
        return str(parsed) if parsed is not None else version
    return version.split("+", 1)[0]
