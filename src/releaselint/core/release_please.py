"""Release Please: its config and manifest read once, into packages as release-please sees
them (component, tag format, owned files), and its rules for naming tags and proposing the
next version, spelled as its code spells them (release-please 17)."""

from __future__ import annotations

import posixpath
import re

from releaselint.core import formats
from releaselint.core import json as jsonfile
from releaselint.core.config import Field
from releaselint.core.errors import FatalError
from releaselint.core.files import line_of
from releaselint.core.lazyre import lazy

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from releaselint.core.config import Config as Settings
    from releaselint.core.tree import Tree

# release-please's defaults for --config-file and --manifest-file
CONFIG_FILE = formats.RELEASE_PLEASE_CONFIG
MANIFEST_FILE = formats.RELEASE_PLEASE_MANIFEST
FILES = (CONFIG_FILE, MANIFEST_FILE)
ROOT = "."


def _strings(value: list[Any]) -> str | None:
    return None if all(isinstance(item, str) for item in value) else ""


def _extra_type(value: str) -> str | None:
    return None if value in EXTRA_FILE_TYPES else ""


_Keys = dict[str, Field]
_STR = Field(str, "a string")
_BOOL = Field(bool, "a boolean")
_STRINGS = Field(list, "an array of strings", _strings)
_NUMBER = Field(int, "a number")
# release-please's schemas/config.json: ReleaserConfigOptions, allowed at the top (defaults)
# and in each package; plus what its code reads that the schema omits (manifest.js,
# extractReleaserConfig): component, package-name, include-commit-authors
PACKAGE_KEYS: _Keys = {
    "release-type": _STR,
    "bump-minor-pre-major": _BOOL,
    "bump-patch-for-minor-pre-major": _BOOL,
    "prerelease-type": _STR,
    "versioning": _STR,
    "changelog-sections": Field(list, "an array of tables"),
    "release-as": _STR,
    "skip-github-release": _BOOL,
    "skip-changelog": _BOOL,
    "draft": _BOOL,
    "force-tag-creation": _BOOL,
    "prerelease": _BOOL,
    "draft-pull-request": _BOOL,
    "extra-label": _STR,
    "include-component-in-tag": _BOOL,
    "include-v-in-tag": _BOOL,
    "include-v-in-release-name": _BOOL,
    "changelog-type": _STR,
    "changelog-host": _STR,
    "changelog-path": _STR,
    "pull-request-title-pattern": _STR,
    "pull-request-header": _STR,
    "pull-request-footer": _STR,
    "separate-pull-requests": _BOOL,
    "always-update": _BOOL,
    "tag-separator": _STR,
    "date-format": _STR,
    "extra-files": Field(list, "an array of paths or tables"),
    "exclude-paths": _STRINGS,
    "version-file": _STR,
    "snapshot-label": _STR,
    "skip-snapshot": _BOOL,
    "initial-version": _STR,
    "component-no-space": _BOOL,
    "component": _STR,
    "package-name": _STR,
    "include-commit-authors": _BOOL,
}
# the manifest-wide keys of the schema's top level
TOP_KEYS: _Keys = {
    **PACKAGE_KEYS,
    "$schema": _STR,
    "packages": Field(dict, "a table of packages"),
    "bootstrap-sha": _STR,
    "last-release-sha": _STR,
    "always-link-local": _BOOL,
    "plugins": Field(list, "an array of plugins"),
    "signoff": _STR,
    "group-pull-request-title-pattern": _STR,
    "release-search-depth": _NUMBER,
    "commit-search-depth": _NUMBER,
    "commit-batch-size": _NUMBER,
    "sequential-calls": _BOOL,
    "label": _STR,
    "release-label": _STR,
}
EXTRA_FILE_KEYS: _Keys = {
    "type": Field(str, "'json', 'toml', 'yaml', 'xml', 'pom' or 'generic'", _extra_type),
    "path": _STR,
    "glob": _BOOL,
    "jsonpath": _STR,
    "xpath": _STR,
}
EXTRA_FILE_TYPES = ("json", "toml", "yaml", "xml", "pom", "generic")

# release types whose strategy reads the package name from a file (getDefaultPackageName)
_NAME_FILES = {"node": "package.json", "rust": "Cargo.toml", "helm": "Chart.yaml"}
# the first release when there is none: strategies that override initialReleaseVersion()
# ignore initial-version
_FIRST_RELEASE = {"python": "0.1.0", "rust": "0.1.0"}
VERSIONINGS = ("default", "prerelease", "always-bump-patch", "always-bump-minor",
               "always-bump-major")  # fmt: skip
BRANCH_RE = lazy(r"release-please--branches--(?P<target>.+?)(?:--(?:components|groups)--.+)?")
MARKER_RE = lazy(r"x-release-please-(?:start-)?(?:major|minor|patch|version|date)")


def release_please_only(config: Settings) -> bool:
    """``release-please-only = true`` in releaselint's config: the repository releases
    through Release Please even where its config is not under the default names."""
    return config.release_please_only


def refusal(root: str, config: Settings) -> str | None:
    """Why releaselint must not tag or bump in this repository by itself, or None: Release
    Please makes its releases (its files are there, or the config says so)."""
    import os

    for name in FILES:
        if os.path.exists(os.path.join(root, name)):
            return (
                f"{name}: Release Please makes this repository's tags and version bumps; "
                "merge its release pull request instead"
            )
    if release_please_only(config):
        where = config.source or "releaselint.toml"
        return (
            f"{where}: release-please-only = true: Release Please makes this repository's "
            "tags and version bumps; merge its release pull request instead"
        )
    return None


def schema_errors(config: dict[str, Any]) -> list[str]:
    """What release-please's schema says is wrong with a config: ``<key>: <problem>``."""
    from releaselint.core.config import table_errors

    errors = table_errors(config, TOP_KEYS, "")
    packages = config.get("packages")
    for path, package in packages.items() if isinstance(packages, dict) else ():
        where = f"packages.{path}"
        if not isinstance(package, dict):
            errors.append(f"{where}: expected a table, got {package!r}")
            continue
        errors += table_errors(package, PACKAGE_KEYS, where)
        extras = package.get("extra-files")
        for index, extra in enumerate(extras if isinstance(extras, list) else []):
            here = f"{where}.extra-files[{index}]"
            if isinstance(extra, dict):
                errors += table_errors(extra, EXTRA_FILE_KEYS, here)
                if "type" not in extra or "path" not in extra:
                    errors.append(f"{here}: needs 'type' and 'path'")
            elif not isinstance(extra, str):
                errors.append(f"{here}: expected a path or a table, got {extra!r}")
    # the schema knows some fifty keys: the finding names the one it does not know
    return [e.partition(" (known keys: ")[0] for e in errors]


def validate(config: dict[str, Any]) -> None:
    """The config against release-please's schema: raises the first error."""
    errors = schema_errors(config)
    if errors:
        raise FatalError(f"{CONFIG_FILE}: {errors[0]}")


class ExtraFile:
    """One ``extra-files`` entry: a path (generic markers) or a typed file with a path."""

    __slots__ = ("glob", "kind", "path", "selector")

    def __init__(self, entry: str | dict[str, Any], folder: str) -> None:
        raw = entry if isinstance(entry, str) else str(entry.get("path", ""))
        # release-please's addPath: a leading "/" means the repository root
        self.path = raw.lstrip("/") if raw.startswith("/") or not folder else f"{folder}/{raw}"
        self.kind = "generic" if isinstance(entry, str) else str(entry.get("type", "generic"))
        self.selector = None if isinstance(entry, str) else entry.get("jsonpath")
        self.glob = isinstance(entry, dict) and entry.get("glob") is True


class Package:
    """One entry of ``packages``, the top-level defaults merged in."""

    __slots__ = (
        "bump_minor_pre_major", "bump_patch_for_minor_pre_major", "changelog_path",
        "changelog_sections",
        "component", "component_setting", "exclude_paths", "extra_files", "folder",
        "include_component_in_tag", "include_v_in_tag", "initial_version", "line", "name",
        "package_name", "path",
        "prerelease", "prerelease_type", "release_as", "release_type", "skip_changelog",
        "tag_separator", "title_pattern", "version_file", "versioning",
    )  # fmt: skip

    def __init__(self, path: str, merged: dict[str, Any], line: int) -> None:
        def get(key: str, kind: type, default: Any = None) -> Any:
            value = merged.get(key)
            if isinstance(value, kind) and (kind is bool or not isinstance(value, bool)):
                return value
            return default

        self.path = path
        self.line = line
        self.folder = "" if path in (ROOT, "") else path.strip("/")
        self.release_type: str = get("release-type", str, "node")
        self.component_setting = get("component", str) or None
        self.package_name: str | None = get("package-name", str)
        self.changelog_path: str = get("changelog-path", str) or "CHANGELOG.md"
        self.skip_changelog: bool = get("skip-changelog", bool, False)
        sections = merged.get("changelog-sections")
        self.changelog_sections: list[dict[str, Any]] | None = (
            [t for t in sections if isinstance(t, dict)] if isinstance(sections, list) else None
        )
        self.include_component_in_tag: bool = get("include-component-in-tag", bool, True)
        self.include_v_in_tag: bool = get("include-v-in-tag", bool, True)
        separator = merged.get("tag-separator")
        self.tag_separator: str = separator if isinstance(separator, str) else "-"
        extras = merged.get("extra-files")
        self.extra_files = [
            ExtraFile(e, self.folder)
            for e in (extras if isinstance(extras, list) else [])
            if isinstance(e, (str, dict))
        ]
        excludes = merged.get("exclude-paths")
        self.exclude_paths: list[str] = [
            _normalize(e) for e in (excludes if isinstance(excludes, list) else [])
            if isinstance(e, str)
        ]  # fmt: skip
        self.bump_minor_pre_major: bool = get("bump-minor-pre-major", bool, False)
        self.bump_patch_for_minor_pre_major: bool = get(
            "bump-patch-for-minor-pre-major", bool, False
        )
        self.prerelease: bool = get("prerelease", bool, False)
        self.prerelease_type: str | None = get("prerelease-type", str)
        self.versioning: str = get("versioning", str) or "default"
        self.release_as: str | None = get("release-as", str) or None
        self.initial_version: str | None = get("initial-version", str) or None
        self.version_file: str | None = get("version-file", str) or None
        self.title_pattern: str | None = get("pull-request-title-pattern", str) or None
        self.name: str | None = None  # the package name its release type reads from a file
        self.component = ""  # set by resolve_components()

    @property
    def name_file(self) -> str | None:
        """The file whose package name is the default component."""
        name = _NAME_FILES.get(self.release_type)
        return self.within(name) if name else None

    @property
    def requires_name_file(self) -> bool:
        """Whether release-please fails without the name file: node and helm read it for
        the component when neither ``component`` nor ``package-name`` is set."""
        return (
            self.release_type in ("node", "helm")
            and self.include_component_in_tag
            and not self.component_setting
            and self.package_name is None
        )

    def within(self, relative: str) -> str:
        return f"{self.folder}/{relative}" if self.folder else relative

    def normalize(self, component: str | None) -> str:
        """release-please's normalizeComponent: node drops the ``@scope/`` of a name."""
        if not component:
            return ""
        if self.release_type == "node":
            match = re.match(r"@[A-Za-z0-9_-]+/", component)
            if match is not None:
                return component.split("/")[1]
        return component

    def branch_component(self) -> str:
        """The component whatever include-component-in-tag says (branches, titles)."""
        return self.component_setting or self.normalize(
            self.package_name if self.package_name is not None else self.name
        )

    def tag_prefix(self) -> str:
        """Everything before the version in this package's tag names."""
        v = "v" if self.include_v_in_tag else ""
        if self.component and self.include_component_in_tag:
            return f"{self.component}{self.tag_separator}{v}"
        return v

    def tag_name(self, version: str) -> str:
        return self.tag_prefix() + version

    def version_of_tag(self, tag: str) -> str | None:
        """The version a tag of this package releases, or None if it is not one."""
        prefix = self.tag_prefix()
        if not tag.startswith(prefix):
            return None
        rest = tag[len(prefix) :]
        return rest if _RP_VERSION_RE.fullmatch(rest) else None

    def first_release(self) -> str:
        first = _FIRST_RELEASE.get(self.release_type)
        return first or self.initial_version or "1.0.0"


# release-please's Version: three numbers, then an optional -prerelease and +build
_RP_VERSION_RE = lazy(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-([^+]+))?(?:\+(.*))?")


def _normalize(path: str) -> str:
    """release-please's normalizePaths: no leading or trailing slash."""
    return path.strip("/") if path not in ("/", "") else ""


class Config:
    """``release-please-config.json`` and ``.release-please-manifest.json``, read once."""

    def __init__(
        self,
        raw: dict[str, Any],
        text: str,
        manifest: dict[str, Any] | None,
        manifest_text: str | None,
    ) -> None:
        self.raw = raw
        self.text = text
        packages = raw.get("packages")
        packages = packages if isinstance(packages, dict) else {}
        key_spans = jsonfile.string_spans(text, [("packages", p) for p in packages], keys=True)
        self.packages: list[Package] = []
        defaults = {k: v for k, v in raw.items() if k in PACKAGE_KEYS}
        for path, settings in packages.items():
            if not isinstance(settings, dict):
                continue
            span = key_spans.get(("packages", path))
            line = line_of(text, span[0]) if span else 1
            self.packages.append(Package(path, {**defaults, **settings}, line))
        self.bootstrap_sha = _string(raw.get("bootstrap-sha"))
        self.last_release_sha = _string(raw.get("last-release-sha"))
        self.group_title_pattern = _string(raw.get("group-pull-request-title-pattern"))
        self.manifest_text = manifest_text
        self.manifest: dict[str, Any] = manifest or {}
        self.manifest_spans = (
            jsonfile.string_spans(manifest_text, [(k,) for k in self.manifest])
            if manifest_text is not None
            else {}
        )

    @property
    def linked_groups(self) -> list[tuple[str, list[str]]]:
        """(group name, components) of each ``linked-versions`` plugin."""
        groups = []
        plugins = self.raw.get("plugins")
        for plugin in plugins if isinstance(plugins, list) else []:
            if not isinstance(plugin, dict) or plugin.get("type") != "linked-versions":
                continue
            components = plugin.get("components")
            names = [c for c in components if isinstance(c, str)] if isinstance(
                components, list
            ) else []  # fmt: skip
            groups.append((str(plugin.get("groupName", "")), names))
        return groups

    def manifest_version(self, package: Package) -> tuple[str, int] | None:
        """(value, line) of a package's manifest entry."""
        value = self.manifest.get(package.path)
        span = self.manifest_spans.get((package.path,))
        if not isinstance(value, str) or span is None or self.manifest_text is None:
            return None
        return value, line_of(self.manifest_text, span[0])

    def resolve_components(self, names: dict[str, str | None]) -> None:
        """Set each package's component from ``names`` (its name file -> package name)."""
        for package in self.packages:
            name_file = package.name_file
            package.name = names.get(name_file) if name_file else None
            package.component = (
                package.branch_component() if package.include_component_in_tag else ""
            )


def _string(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def parse(text: str, manifest_text: str | None) -> Config:
    raw = jsonfile.load(CONFIG_FILE, text)
    if not isinstance(raw, dict):
        raise FatalError(f"{CONFIG_FILE}:1: the top level is not an object")
    if not isinstance(raw.get("packages"), dict):
        raise FatalError(f"{CONFIG_FILE}:{jsonfile.locate(text, ('packages',))}: "
                         "'packages' is not an object")  # fmt: skip
    manifest = None
    if manifest_text is not None:
        loaded = jsonfile.load(MANIFEST_FILE, manifest_text)
        if not isinstance(loaded, dict):
            raise FatalError(f"{MANIFEST_FILE}:1: the top level is not an object")
        manifest = loaded
    return Config(raw, text, manifest, manifest_text)


def package_names(texts: dict[str, str | None]) -> dict[str, str | None]:
    """The package name in each name file (package.json, Cargo.toml, Chart.yaml)."""
    names: dict[str, str | None] = {}
    for path, text in texts.items():
        names[path] = _read_name(path, text) if text is not None else None
    return names


def _read_name(path: str, text: str) -> str | None:
    base = posixpath.basename(path)
    try:
        if base == "package.json":
            data = jsonfile.loads(text)
            name = data.get("name") if isinstance(data, dict) else None
        elif base == "Cargo.toml":
            from releaselint.core import toml

            name = toml.get(toml.load(path, text), "package", "name")
        else:
            match = re.search(r"^name:[ \t]*['\"]?([^'\"\s#]+)", text, re.MULTILINE)
            name = match.group(1) if match else None
    except (ValueError, RecursionError, FatalError):
        return None
    return name if isinstance(name, str) else None


def read(tree: Tree) -> Config | None:
    """The Release Please config of ``tree`` with components resolved, or None."""
    texts = tree.read_many(list(FILES))
    if texts[CONFIG_FILE] is None:
        return None
    return load(tree, texts[CONFIG_FILE] or "", texts[MANIFEST_FILE])


def load(tree: Tree, text: str, manifest_text: str | None) -> Config:
    config = parse(text, manifest_text)
    files = sorted({p.name_file for p in config.packages if p.name_file})
    config.resolve_components(package_names(tree.read_many(files)) if files else {})
    return config


# ------------------------------------------------------------------ commits and versions
_SPLIT_RE = lazy(
    r"\r?\n\r?\n(?=(?:feat|fix|docs|style|refactor|perf|test|build|ci|chore|revert)"
    r"(?:\(.*?\))?: )"
)
_BREAKING_DASH_RE = lazy(r"BREAKING-CHANGE:[ \t\f\v\r]*([^\n\r\u2028\u2029]*)")
# a footer line of @conventional-commits/parser: a token, then ": " (or ":") or " #"
_TOKEN_RE = lazy(r"(?:BREAKING CHANGE|[A-Za-z0-9_-]+(?:\([^()\r\n]*\))?!?)(?::| #)")


def split_messages(message: str) -> list[str]:
    """release-please's splitMessages: nested commits, then one message per paragraph that
    starts like a conventional commit."""
    parts = message.split("BEGIN_NESTED_COMMIT")
    first = parts[0]
    nested = []
    for part in parts[1:]:
        inner, *rest = part.split("END_NESTED_COMMIT")
        nested.append(inner)
        first += "END_NESTED_COMMIT".join(rest)
    return [m for m in _SPLIT_RE.split(first) if m] + nested


class Change:
    """What a commit means to a version bump."""

    __slots__ = ("breaking", "release_as", "type")

    def __init__(self, type: str, breaking: bool, release_as: str | None) -> None:
        self.type = type
        self.breaking = breaking
        self.release_as = release_as


def changes(message: str) -> list[Change]:
    """The conventional commits release-please reads in one commit message: the header
    (through the Conventional Commits parser), its breaking-change notes, and the trailing
    footer lines, each of which its parser reads again as a commit of its own
    (``Release-As:`` among them)."""
    from releaselint.core.conventional import lines_of
    from releaselint.core.conventional import parse as parse_commit

    found = []
    for part in split_messages(message):
        commit = parse_commit(part)
        if commit.type is None or commit.subject is None:
            continue
        # @conventional-commits/parser refuses an empty scope, "feat(): x"
        if (commit.header or "").partition(":")[0].rstrip("!").endswith("()"):
            continue
        rest = list(lines_of(part))[1:]
        while rest and not rest[-1].strip():
            rest.pop()
        footer: list[str] = []
        while rest and _TOKEN_RE.match(rest[-1]):
            footer.append(rest.pop())
        footer.reverse()  # in the message's order, built in linear time
        breaking = commit.breaking or any(title.startswith("BREAKING") for title, _ in commit.notes)
        if not breaking and commit.body:
            dash = _BREAKING_DASH_RE.search(commit.body)
            breaking = dash is not None and bool(dash.group(1).strip())
        release_as = None
        extra = []
        for line in footer:
            token, _, text = line.partition(":")
            if token.lower() == "release-as" and release_as is None:
                release_as = text.strip()
            elif not token.startswith("BREAKING CHANGE"):
                extra.append(Change(token.split("(")[0].rstrip("!"), token.endswith("!"), None))
        found.extend(extra)
        found.append(Change(commit.type, breaking, release_as))
    return found


# the types whose commits make a changelog entry: conventional-changelog-conventionalcommits'
# defaults, and the python strategy's own sections (strategies/python.js)
_VISIBLE = frozenset(("feat", "feature", "fix", "perf", "revert"))
_VISIBLE_BY_RELEASE_TYPE = {"python": frozenset(("feat", "fix", "perf", "deps", "revert", "docs"))}


def proposes_release(package: Package, found: list[Change]) -> bool:
    """Whether release-please opens a release pull request for these changes: one needs a
    changelog entry (a visible type, a breaking change or a Release-As footer)."""
    if package.changelog_sections is not None:
        visible = frozenset(
            t["type"] for t in package.changelog_sections
            if isinstance(t.get("type"), str) and not t.get("hidden") and "scope" not in t
        )  # fmt: skip
    else:
        visible = _VISIBLE_BY_RELEASE_TYPE.get(package.release_type, _VISIBLE)
    # findTypeEntry lowercases the type
    return any(c.breaking or c.release_as is not None or c.type.lower() in visible for c in found)


class RPVersion:
    """release-please's Version: numbers, prerelease and build kept as text."""

    __slots__ = ("build", "major", "minor", "patch", "pre")

    def __init__(self, major: int, minor: int, patch: int, pre: str | None, build: str | None):
        self.major, self.minor, self.patch, self.pre, self.build = major, minor, patch, pre, build

    @classmethod
    def parse(cls, text: str) -> RPVersion:
        match = _RP_VERSION_SEARCH_RE.search(text)
        if match is None:
            raise FatalError(f"unable to parse version string: {_shown(text)}")
        major, minor, patch, pre, build = match.groups()
        if max(len(major), len(minor), len(patch)) > _MAX_DIGITS:
            raise FatalError(f"version number too long: {_shown(text)}")
        return cls(int(major), int(minor), int(patch), pre, build)

    def __str__(self) -> str:
        text = f"{self.major}.{self.minor}.{self.patch}"
        text += f"-{self.pre}" if self.pre else ""
        return text + (f"+{self.build}" if self.build else "")


# each starts only where a run of digits starts: a search over 20,000 digits tries once,
# not at every digit (quadratic)
_RP_VERSION_SEARCH_RE = lazy(r"(?<!\d)(\d+)\.(\d+)\.(\d+)(?:-([^+]+))?(?:\+(.*))?")
_PRE_NUMBER_RE = lazy(r"(?<!\d)(\d+)(?=\D*$)")
# past this, int() refuses (4,300 digits) and no release has such a number
_MAX_DIGITS = 1000


def _shown(text: str) -> str:
    from releaselint.core.versions import shown

    return shown(text)


def _bump_pre(pre: str) -> str:
    match = _PRE_NUMBER_RE.search(pre)
    if match is None:
        return f"{pre}.1"
    if len(match.group(1)) > _MAX_DIGITS:
        raise FatalError(f"prerelease number too long: {_shown(pre)}")
    number = str(int(match.group(1)) + 1).rjust(len(match.group(1)), "0")
    return pre[: match.start()] + number + pre[match.end() :]


def _bump(version: RPVersion, part: str, prerelease: bool, pre_type: str | None) -> RPVersion:
    v = version
    if not prerelease:
        if part == "major":
            return RPVersion(v.major + 1, 0, 0, v.pre, v.build)
        if part == "minor":
            return RPVersion(v.major, v.minor + 1, 0, v.pre, v.build)
        return RPVersion(v.major, v.minor, v.patch + 1, v.pre, v.build)
    # the prerelease strategy's PrereleaseMajor/Minor/PatchVersionUpdate
    if v.pre:
        if (
            part == "patch"
            or (part == "minor" and v.patch == 0)
            or (part == "major" and v.patch == 0 and v.minor == 0)
        ):
            return RPVersion(v.major, v.minor, v.patch, _bump_pre(v.pre), v.build)
        return _bump(v, part, False, None)
    if part == "major":
        return RPVersion(v.major + 1, 0, 0, pre_type, v.build)
    if part == "minor":
        return RPVersion(v.major, v.minor + 1, 0, pre_type, v.build)
    return RPVersion(v.major, v.minor, v.patch + 1, pre_type, v.build)


def next_version(package: Package, current: str | None, found: list[Change]) -> str:
    """The version release-please proposes after ``current`` (None: no release yet) for
    the changes ``found``, newest first (buildNewVersion and the versioning strategies)."""
    if package.release_as:
        return str(RPVersion.parse(package.release_as))
    for change in found:
        if change.release_as is not None:
            return str(RPVersion.parse(change.release_as))
    if current is None:
        return str(RPVersion.parse(package.first_release()))
    version = RPVersion.parse(current)
    if package.versioning.startswith("always-bump-"):
        return str(_bump(version, package.versioning.removeprefix("always-bump-"), False, None))
    if package.versioning not in ("default", "prerelease"):
        raise FatalError(
            f"{CONFIG_FILE}: packages.{package.path}: versioning {package.versioning!r} is "
            f"not one releaselint computes (it does {', '.join(VERSIONINGS)})"
        )
    breaking = any(c.breaking for c in found)
    features = any(c.type in ("feat", "feature") for c in found)
    pre_major = version.major < 1
    if breaking:
        part = "minor" if pre_major and package.bump_minor_pre_major else "major"
    elif features:
        part = "patch" if pre_major and package.bump_patch_for_minor_pre_major else "minor"
    else:
        part = "patch"
    if package.versioning == "default":
        return str(_bump(version, part, False, None))
    bumped = _bump(version, part, True, package.prerelease_type)
    if not package.prerelease:
        return f"{bumped.major}.{bumped.minor}.{bumped.patch}"
    return str(bumped)


class Owners:
    """The package folder that owns each file of a commit (CommitSplit: the longest package
    path that holds it), found once per commit however many packages ask: each file's
    folders looked up, deepest first, among the packages' (next-version over a thousand
    packages was cubic)."""

    def __init__(self, paths: Sequence[str]) -> None:
        self.folders = frozenset(_normalize(p) for p in paths if p != ROOT)
        self._found: dict[int, tuple[list[str], set[str | None]]] = {}

    def of(self, files: list[str]) -> set[str | None]:
        found = self._found.get(id(files))
        if found is not None and found[0] is files:
            return found[1]
        owners: set[str | None] = set()
        for file in files:
            if "/" not in file:
                continue
            folder, owner = file, None
            while "/" in folder:
                folder = folder.rpartition("/")[0]
                if folder in self.folders:
                    owner = folder
                    break
            owners.add(owner)
        self._found[id(files)] = (files, owners)  # the list kept: its id stays its own
        return owners


def keeps(
    files: list[str], package: Package, paths: Sequence[str], owners: Owners | None = None
) -> bool:
    """Whether release-please counts a commit touching ``files`` for ``package``, among
    packages at ``paths``: CommitSplit gives each file to the longest package path that
    holds it (the root takes every commit), then exclude-paths drops a commit whose files
    in the package are all excluded (CommitExclude). ``owners``: the ``Owners`` of
    ``paths``, for many packages asking about one history."""
    if package.folder and files:
        if owners is None:
            owners = Owners(paths)
        if package.folder not in owners.of(files):
            return False
    if not package.exclude_paths:
        return True
    relevant = [f for f in files if not package.folder or f.startswith(f"{package.folder}/")]
    return not all(any(f.startswith(f"{e}/") for e in package.exclude_paths) for f in relevant)


# --------------------------------------------------------------------- release branches
def is_release_branch(branch: str | None) -> bool:
    return branch is not None and BRANCH_RE.fullmatch(branch) is not None


def title_patterns(config: Config) -> list[re.Pattern[str]]:
    """release-please's generateMatchPattern for each title its pull requests may carry:
    one per package pattern (default ``chore${scope}: release${component} ${version}``)
    and the grouped one (``chore: release ${branch}``); a squash merge adds `` (#N)``."""
    patterns = {p.title_pattern or "chore${scope}: release${component} ${version}"
                for p in config.packages}  # fmt: skip
    patterns.add(config.group_title_pattern or "chore: release ${branch}")
    # the linked-versions plugin's merged pull request (plugins/linked-versions.js)
    patterns.update(
        f"chore${{scope}}: release {name} libraries" for name, _ in config.linked_groups if name
    )
    return [_title_regex(p) for p in sorted(patterns)]


def _title_regex(pattern: str) -> re.Pattern[str]:
    text = (
        re.escape(pattern)
        .replace(r"\$\{scope\}", r"(\((?P<branch>[\w./-]+)\))?", 1)
        .replace(r"\$\{component\}", r" ?(?P<component>@?[\w./-]*)?", 1)
        .replace(r"\$\{version\}", r"v?(?P<version>[0-9].*)", 1)
        .replace(r"\$\{branch\}", r"(?P<target>[\w./-]+)?", 1)
    )
    return re.compile(rf"{text}(?: \(#[0-9]+\))?", re.ASCII)


# ----------------------------------------------------------------- the files it rewrites
# what each release type's buildUpdates() rewrites, relative to the package folder
# (strategies/*.js); python adds <name>/__init__.py, src/<name>/__init__.py and every
# version.py below the package
_VERSION_FILES = {
    "node": ("package.json", "package-lock.json", "npm-shrinkwrap.json"),
    "python": ("pyproject.toml", "setup.cfg", "setup.py"),
    "rust": ("Cargo.toml", "Cargo.lock"),
    "helm": ("Chart.yaml",),
    "simple": ("version.txt",),
}


def version_files(package: Package, listed: list[str], pyproject_name: str | None) -> list[str]:
    """The files whose version release-please sets for ``package``, among ``listed`` (the
    repository's files): its release type's manifests and the extra-files."""
    relative = list(_VERSION_FILES.get(package.release_type, ()))
    if package.release_type == "simple" and package.version_file:
        relative = [package.version_file]
    if package.release_type == "python":
        name = pyproject_name or package.component_setting
        for module in {name, name.replace("-", "_")} if name else ():
            relative += [f"{module}/__init__.py", f"src/{module}/__init__.py"]
    files, versions = listing(listed)
    found = [w for w in {package.within(r) for r in relative} if w in files]
    if package.release_type == "python":
        found += [p for p in versions if not package.folder or p.startswith(f"{package.folder}/")]
    for extra in package.extra_files:
        if extra.glob:
            from fnmatch import fnmatchcase

            found += [p for p in listed if fnmatchcase(p, extra.path)]
        elif extra.path in files:
            found.append(extra.path)
    return sorted(set(found))


# the listing last given, as a set and its version.py files: asked once per package of a
# config of thousands, each file looked up, not searched for
_LISTED: list[Any] = [None, frozenset(), []]


def listing(listed: list[str]) -> tuple[frozenset[str] | set[str], list[str]]:
    if _LISTED[0] is not listed:
        versions = [p for p in listed if posixpath.basename(p) == "version.py"]
        _LISTED[:] = [listed, set(listed), versions]
    return _LISTED[1], _LISTED[2]


def extra_file(package: Package, path: str) -> ExtraFile | None:
    from fnmatch import fnmatchcase

    for extra in package.extra_files:
        if extra.path == path or (extra.glob and fnmatchcase(path, extra.path)):
            return extra
    return None


def version_values(path: str, text: str, extra: ExtraFile | None) -> list[tuple[str, int]]:
    """The version values release-please would set in one file, with their lines:
    what a hand edit of the file must leave alone. Unreadable files give no values."""
    try:
        return _values(path, text, extra)
    except (FatalError, ValueError):
        return []


def _values(path: str, text: str, extra: ExtraFile | None) -> list[tuple[str, int]]:
    if extra is not None:
        if extra.kind in ("generic", "xml", "pom"):
            return marked_lines(text)
        return _selected(path, text, extra)
    base = posixpath.basename(path)
    declarations: list[Any] = []
    fmt = formats.find(base) if base not in ("npm-shrinkwrap.json", "setup.py") else None
    if base == "npm-shrinkwrap.json":
        fmt = formats.find("package-lock.json")  # the same format under another name
    if fmt is not None and fmt.kind == formats.LOCKFILE:
        declarations = [d for own in formats.reader(fmt).read(path, text) for d in own.declarations]
    elif fmt is not None and fmt.kind == formats.MANIFEST:
        declarations = formats.reader(fmt).read(path, text).declarations
    elif base.endswith(".py") and base != "setup.py":
        from releaselint.core.manifests import python_file

        # release-please's PythonFileWithVersion rewrites __version__, not VERSION
        declarations = [
            d
            for d in python_file.read(path, text).declarations
            if not d.fallback and "__version__" in text[text.rfind("\n", 0, d.start) + 1 : d.start]
        ]
    else:
        pattern = _LINE_PATTERNS.get(base, r"\A[ \t\r\n]*(?P<v>\S+)")
        return [(m.group("v"), line_of(text, m.start("v"))) for m in re.finditer(pattern, text,
                re.MULTILINE)]  # fmt: skip
    return [(d.value, d.line) for d in declarations]


_LINE_PATTERNS = {
    "setup.cfg": r"^version[ \t]*=[ \t]*(?P<v>[^\s#;]+)",
    "setup.py": r"\bversion[ \t]*=[ \t]*['\"](?P<v>[^'\"]*)['\"]",
    "Chart.yaml": r"^version:[ \t]*['\"]?(?P<v>[^'\"\s#]+)",
}


def marked_lines(text: str) -> list[tuple[str, int]]:
    """The lines the Generic updater rewrites: those holding an ``x-release-please-``
    marker and those between ``x-release-please-start-*`` and ``x-release-please-end``."""
    found = []
    inside = False
    for number, line in enumerate(text.splitlines(), 1):
        if "x-release-please-start-" in line:
            inside = True
        elif "x-release-please-end" in line:
            inside = False
        elif inside or MARKER_RE.search(line):
            found.append((line, number))
    return found


def _selected(path: str, text: str, extra: ExtraFile) -> list[tuple[str, int]]:
    """The value at a simple jsonpath (``$.a.b``, ``$.a[0].b``) of a JSON, YAML or TOML
    file; other jsonpaths give nothing (they are not read, so nothing is claimed)."""
    keys = parse_jsonpath(extra.selector or "")
    if keys is None:
        return []
    if extra.kind == "json":
        data = jsonfile.load(path, text)
    elif extra.kind == "toml":
        from releaselint.core import toml

        data = toml.load(path, text)
    else:
        from releaselint.core import yaml

        try:
            data = yaml.load(path, text)  # nesting and aliases bounded
        except FatalError:
            return []
    for key in keys:
        in_list = isinstance(key, int) and isinstance(data, list) and key < len(data)
        if not in_list and not (isinstance(data, dict) and key in data):
            return []
        data = data[key]
    return [(str(data), 1)] if isinstance(data, (str, int, float)) else []


def parse_jsonpath(selector: object) -> list[str | int] | None:
    """``$.a.b[0]`` -> ["a", "b", 0]; None for anything beyond child names and indexes (or
    no string at all: ``"jsonpath": 1``)."""
    if not isinstance(selector, str) or not selector.startswith("$"):
        return None
    keys: list[str | int] = []
    for match in re.finditer(r"\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([^']*)'\]|(.)", selector[1:]):
        name, index, quoted, other = match.groups()
        if other is not None:
            return None
        keys.append(int(index) if index is not None else (name if name is not None else quoted))
    return keys


# ------------------------------------------------------------------------- release tags
# release-please's TagName.parse: an optional component and one separator, "v", a version
TAG_RE = lazy(r"(?:(?P<component>.*)(?P<separator>[^a-zA-Z0-9]))?(?P<v>v)?"
                    r"(?P<version>\d+\.\d+\.\d+.*)")  # fmt: skip


def releases(package: Package, tags: dict[str, Any]) -> list[tuple[Any, str, str | None]]:
    """(SemVer, tag name, commit) of the package's release tags, newest first; ``tags``
    maps names to records with a ``commit`` (``core.git.local_tags``)."""
    from releaselint.core.versions import SemVer, is_semver

    found = []
    for name, record in tags.items():
        version = package.version_of_tag(name)
        if version is not None and is_semver(version):
            found.append((SemVer(version), name, record.commit))
    return sorted(found, key=lambda r: (r[0], r[1]), reverse=True)
