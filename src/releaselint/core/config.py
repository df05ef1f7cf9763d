"""``[tool.releaselint]`` in ``pyproject.toml``, else ``releaselint.toml`` (same keys)."""

from __future__ import annotations

import os

from releaselint.core.errors import FatalError
from releaselint.core.records import record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, NamedTuple

    # A value's problem beyond its type: None where it is fine, "" for "expected
    # <description>", else a sentence of its own.
    Check = Callable[[Any], "str | None"]

    class Field(NamedTuple):
        """One key of a configuration table: its type, how errors describe the type, and
        what else its value must satisfy."""

        kind: type | tuple[type, ...]
        description: str
        check: Check | None = None
else:
    Field = record("Field", "kind description check", defaults=(None,))

DEFAULT_PLACEHOLDER = "0.0.0-dev"
DEFAULT_TAG_FORMAT = "v{version}"


def _strings(value: list[Any]) -> str | None:
    return None if all(isinstance(item, str) for item in value) else ""


def _choice(*choices: str) -> Check:
    def check(value: Any) -> str | None:
        return None if value in choices else ""

    return check


def _placeholders(value: list[Any]) -> str | None:
    from releaselint.core.versions import write_problem

    if _strings(value) is not None:
        return ""
    if not value:
        return "expected at least one version (the first is the one --fix writes)"
    for item in value:
        # written by --fix where tags decide: a version in one grammar or the other
        if write_problem(item, pep440=False) and write_problem(item, pep440=True):
            return f"{item!r} is not a SemVer or PEP 440 version"
    return None


def _pattern(value: str) -> str | None:
    from releaselint.core.manifests import regex_file

    return regex_file.pattern_problem(value)


# `[tool.releaselint]` may be written `[ tool . releaselint ]`, `[tool]` + `releaselint = {}`,
# `tool."releaselint".x = 1`, or with an escape in a quoted key: parse wherever the name
# stands as a key (before `.`, `=` or `]`) or such an escape occurs
def may_hold_config(text: str) -> bool:
    """Whether ``text`` may hold ``[tool.releaselint]``: the name followed by an optional
    quote, blanks and ``.``, ``=`` or ``]`` -- or an escape, which may spell the name.
    (By hand: the pattern ``releaselint["']?[ \\t]*[.=\\]]|\\\\[uUx]`` would cost the run
    the import of ``re``.)"""
    if "\\u" in text or "\\U" in text or "\\x" in text:
        return True
    at = text.find("releaselint")
    while at >= 0:
        pos = at + len("releaselint")
        if text[pos : pos + 1] in ('"', "'"):
            pos += 1
        while text[pos : pos + 1] in (" ", "\t"):
            pos += 1
        if text[pos : pos + 1] in (".", "=", "]"):
            return True
        at = text.find("releaselint", at + 1)
    return False


class GroupConfig:
    __slots__ = ("members", "name", "source", "tag_format", "version_scheme")

    def __init__(self, name: str, table: dict[str, Any]) -> None:
        self.name = name
        self.members: list[str] = [normal_path(m) for m in table.get("members", [])]
        source = table.get("source")
        self.source: str | None = None if source is None else normal_path(source)
        self.tag_format: str | None = table.get("tag-format")
        self.version_scheme: str = table.get("version-scheme", "auto")


def normal_path(value: str) -> str:
    """A configured path or glob as git lists paths: ``./package.json`` and ``js/`` are
    ``package.json`` and ``js`` (two spellings of one file would be planned as two files,
    and the last write would undo the other's edit). ``.`` stays: the root folder."""
    import posixpath

    return posixpath.normpath(value) if value else value


class ExtraFile:
    __slots__ = ("group", "path", "pattern")

    def __init__(self, table: dict[str, Any]) -> None:
        self.path: str = normal_path(table["path"])
        self.pattern: str = table["pattern"]
        self.group: str | None = table.get("group")


class Config:
    """The settings in force for one repository; defaults where nothing is configured."""

    def __init__(self, table: dict[str, Any] | None = None, source: str | None = None) -> None:
        table = table or {}
        self.source = source  # "pyproject.toml", "releaselint.toml" or None
        self.placeholders: list[str] = table.get("placeholders", [DEFAULT_PLACEHOLDER])
        self.version_scheme: str = table.get("version-scheme", "auto")
        self.ignore: list[str] = [normal_path(p) for p in table.get("ignore", [])]
        self.include: list[str] = [normal_path(p) for p in table.get("include", [])]
        self.tag_format: str = table.get("tag-format", DEFAULT_TAG_FORMAT)
        # without it, the tag families the repository's own tags use decide
        self.tag_format_configured = "tag-format" in table
        self.tag_version: str = table.get("tag-version", "semver")
        self.allow_prerelease_tags: bool = table.get("allow-prerelease-tags", True)
        self.require_annotated_tags: bool = table.get("require-annotated-tags", False)
        self.tag_must_increase: bool = table.get("tag-must-increase", True)
        self.one_tag_per_commit: bool = table.get("one-tag-per-commit", True)
        self.release_please_only: bool = table.get("release-please-only", False)
        self.dependent_pins: str = table.get("dependent-pins", "compatible")
        self.groups = [GroupConfig(n, t) for n, t in table.get("groups", {}).items()]
        self.extra_files = [ExtraFile(t) for t in table.get("extra-files", [])]
        # checked by core.commit_config when the commit hook runs
        self.commits: dict[str, Any] | None = table.get("commits")


def load(root: str) -> Config:
    """The repository's configuration; reads and parses TOML only where there is some."""
    pyproject = os.path.join(root, "pyproject.toml")
    text = _read(pyproject)
    if text is not None and may_hold_config(text):
        from releaselint.core import toml

        data = toml.load("pyproject.toml", text)
        table = toml.get(data, "tool", "releaselint")
        if isinstance(table, dict):
            validate(table, "pyproject.toml", "[tool.releaselint]")
            return Config(table, "pyproject.toml")
        if table is not None:
            # `[[tool.releaselint]]`, `tool.releaselint = "x"`: a configuration meant, and
            # none read, were it passed over
            at = text[: max(text.find("releaselint"), 0)].count("\n") + 1
            raise FatalError(f"pyproject.toml:{at}: [tool.releaselint] must be a table")
    text = _read(os.path.join(root, "releaselint.toml"))
    if text is not None:
        from releaselint.core import toml

        table = toml.load("releaselint.toml", text)
        validate(table, "releaselint.toml", "")
        return Config(table, "releaselint.toml")
    return Config()


def _read(path: str) -> str | None:
    """A configuration file's text, None where there is none; through a symbolic link only
    where it stays inside the work tree (core.files)."""
    from releaselint.core.files import read_file

    return read_file(os.path.dirname(path), os.path.basename(path))


def table_errors(table: dict[str, Any], schema: dict[str, Field], prefix: str) -> list[str]:
    """What is wrong with one configuration table, checked against its schema: each error
    is ``<key>: <problem>``, the key prefixed with where the table sits."""
    errors = []
    for key, value in table.items():
        name = f"{prefix}.{key}" if prefix else key
        field = schema.get(key)
        if field is None:
            from difflib import get_close_matches  # on an error only

            close = get_close_matches(key, list(schema), n=1, cutoff=0.75)
            known = ", ".join(sorted(schema))
            meant = f"; did you mean {close[0]!r}?" if close else ""
            errors.append(f"{name}: unknown key{meant} (known keys: {known})")
            continue
        expected = f"{name}: expected {field.description}, got {value!r}"
        if not isinstance(value, field.kind) or (field.kind is int and isinstance(value, bool)):
            errors.append(expected)
            continue
        problem = field.check(value) if field.check is not None else None
        if problem is not None:
            errors.append(f"{name}: {problem}" if problem else expected)
    return errors


def check_table(table: dict[str, Any], schema: dict[str, Field], path: str, prefix: str) -> None:
    """Raise the first of ``table_errors``, located in ``path`` (the configuration file)."""
    errors = table_errors(table, schema, prefix)
    if errors:
        raise FatalError(f"{path}: {errors[0]}")


def path_problem(value: str) -> str | None:
    """Why a configured file path may not be a version file: it must stay inside the work
    tree, and nothing under a ``.git`` folder is ever one (``.git/config``,
    ``.git/hooks/commit-msg``)."""
    import posixpath

    normal = posixpath.normpath(value)
    if posixpath.isabs(value) or normal == ".." or normal.startswith("../"):
        return f"{value!r} is outside the repository"
    # git itself refuses .git in any case and with trailing dots or spaces (verify_dotfile)
    if any(part.rstrip(". ").lower() == ".git" for part in normal.split("/")):
        return f"{value!r} is inside the git directory"
    if "\0" in value or not normal or normal == ".":
        return f"{value!r} is not a file path"
    return None


# git check-ref-format, refs.c check_refname_component: characters no ref name holds
_REF_FORBIDDEN = frozenset(" ~^:?*[\\\x7f") | frozenset(map(chr, range(32)))
_PLACEHOLDER_RE = r"\{([^{}]*)\}"
TAG_PLACEHOLDERS = ("version", "name", "component")


def ref_name_problem(name: str) -> str | None:
    """Why ``refs/tags/<name>`` is not a ref name git accepts (the rules of
    ``git check-ref-format``, and no leading ``-``: git would read an option), or None."""
    if not name:
        return "it is empty"
    if name.startswith("-"):
        return "it begins with '-'"
    if name == "@":
        return "it is '@'"
    for bad in ("..", "@{", "//"):
        if bad in name:
            return f"it contains {bad!r}"
    forbidden = next((ch for ch in name if ch in _REF_FORBIDDEN), None)
    if forbidden is not None:
        return f"it contains {forbidden!r}"
    if name.startswith("/") or name.endswith("/"):
        return "it begins or ends with '/'"
    if name.endswith("."):
        return "it ends with '.'"
    for component in name.split("/"):
        if component.startswith("."):
            return f"a part begins with '.' ({component!r})"
        if component.endswith(".lock"):
            return f"a part ends with '.lock' ({component!r})"
    return None


def tag_format_problem(template: str) -> str | None:
    """Why a ``tag-format`` is unusable, or None: it holds ``{version}`` exactly once, only
    the known placeholders, and gives a valid tag name."""
    import re

    names = re.findall(_PLACEHOLDER_RE, template)
    unknown = next((n for n in names if n not in TAG_PLACEHOLDERS), None)
    if unknown is not None:
        return (
            f"{template!r} has the unknown placeholder {{{unknown}}} "
            "(known: {version}, {name}, {component})"
        )
    if names.count("version") != 1:
        return f"{template!r} must hold {{version}} exactly once"
    # each placeholder matches any run of characters but `/`: two side by side, or a name
    # twice, could split a tag many ways (matching would take time past linear)
    if names.count("component") + names.count("name") > 1:
        return f"{template!r} may hold {{component}} or {{name}} once"
    if "}{" in template:
        example = "{component}-v{version}"
        return f"{template!r} must separate its placeholders with text (as in {example})"
    sample = template.replace("{version}", "1.0.0").replace("{name}", "x")
    problem = ref_name_problem(sample.replace("{component}", "x"))
    if problem is not None:
        return f"{template!r} does not make a valid tag name: {problem}"
    return None


_SCHEME = "'auto', 'static' or 'vcs'"
TOP_KEYS: dict[str, Field] = {
    "placeholders": Field(list, "an array of versions", _placeholders),
    "version-scheme": Field(str, _SCHEME, _choice("auto", "static", "vcs")),
    "ignore": Field(list, "an array of strings", _strings),
    "include": Field(list, "an array of strings", _strings),
    "tag-format": Field(str, "a string", tag_format_problem),
    "tag-version": Field(str, "'semver' or 'pep440'", _choice("semver", "pep440")),
    "allow-prerelease-tags": Field(bool, "a boolean"),
    "require-annotated-tags": Field(bool, "a boolean"),
    "tag-must-increase": Field(bool, "a boolean"),
    "one-tag-per-commit": Field(bool, "a boolean"),
    "groups": Field(dict, "a table of groups"),
    "extra-files": Field(list, "an array of tables"),
    "commits": Field(dict, "a table"),  # checked by core.commit_config
    "release-please-only": Field(bool, "a boolean"),
    "dependent-pins": Field(
        str, "'compatible', 'upgrade' or 'error'", _choice("compatible", "upgrade", "error")
    ),
}
GROUP_KEYS: dict[str, Field] = {
    "members": Field(list, "an array of strings", _strings),
    "source": Field(str, "a string"),
    "tag-format": Field(str, "a string", tag_format_problem),
    "version-scheme": Field(str, _SCHEME, _choice("auto", "static", "vcs")),
}
EXTRA_FILE_KEYS: dict[str, Field] = {
    "path": Field(str, "a string", path_problem),
    "pattern": Field(str, "a string", _pattern),
    "group": Field(str, "a string"),
}


def validate(table: dict[str, Any], path: str, prefix: str) -> None:
    check_table(table, TOP_KEYS, path, prefix)
    dot = f"{prefix}." if prefix else ""
    for name, group in table.get("groups", {}).items():
        where = f"{dot}groups.{name}"
        if not isinstance(group, dict):
            raise FatalError(f"{path}: {where}: expected a table, got {group!r}")
        check_table(group, GROUP_KEYS, path, where)
        template = group.get("tag-format", table.get("tag-format", DEFAULT_TAG_FORMAT))
        if "{component}" in template or "{name}" in template:
            tag = template.replace("{component}", name).replace("{name}", name)
            problem = ref_name_problem(tag.replace("{version}", "1.0.0"))
            if problem is not None:
                raise FatalError(
                    f"{path}: {where}: the group's tags ({template}) would not be valid tag "
                    f"names: {problem}"
                )
    for index, extra in enumerate(table.get("extra-files", [])):
        where = f"{dot}extra-files[{index}]"
        if not isinstance(extra, dict):
            raise FatalError(f"{path}: {where}: expected a table, got {extra!r}")
        check_table(extra, EXTRA_FILE_KEYS, path, where)
        for required in ("path", "pattern"):
            if required not in extra:
                raise FatalError(f"{path}: {where}: missing key '{required}'")
