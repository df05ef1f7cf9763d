"""``[tool.releaselint]`` in ``pyproject.toml``, else ``releaselint.toml`` (same keys)."""

from __future__ import annotations

import os

from releaselint.core.errors import FatalError
from releaselint.core.lazyre import lazy

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

DEFAULT_PLACEHOLDER = "0.0.0-dev"
DEFAULT_TAG_FORMAT = "v{version}"

# `[tool.releaselint]` may be written `[ tool . releaselint ]`, `[tool]` + `releaselint = {}`,
# `tool."releaselint".x = 1`, or with an escape in a quoted key: parse wherever the name
# stands as a key (before `.`, `=` or `]`) or such an escape occurs
_MAY_HOLD_CONFIG = lazy(r"""releaselint["']?[ \t]*[.=\]]|\\[uUx]""")

# key -> (type, description of the type for errors); "groups" and "extra-files" are checked
# further by validate() below.
_TOP_KEYS: dict[str, tuple[type | tuple[type, ...], str]] = {
    "placeholders": (list, "an array of strings"),
    "version-scheme": (str, "'auto', 'static' or 'vcs'"),
    "ignore": (list, "an array of strings"),
    "include": (list, "an array of strings"),
    "tag-format": (str, "a string"),
    "tag-version": (str, "'semver' or 'pep440'"),
    "allow-prerelease-tags": (bool, "a boolean"),
    "require-annotated-tags": (bool, "a boolean"),
    "tag-must-increase": (bool, "a boolean"),
    "one-tag-per-commit": (bool, "a boolean"),
    "groups": (dict, "a table of groups"),
    "extra-files": (list, "an array of tables"),
    "commits": (dict, "a table"),
}
_GROUP_KEYS: dict[str, tuple[type | tuple[type, ...], str]] = {
    "members": (list, "an array of strings"),
    "source": (str, "a string"),
    "tag-format": (str, "a string"),
    "version-scheme": (str, "'auto', 'static' or 'vcs'"),
}
_EXTRA_FILE_KEYS: dict[str, tuple[type | tuple[type, ...], str]] = {
    "path": (str, "a string"),
    "pattern": (str, "a string"),
    "group": (str, "a string"),
}
_CHOICES = {
    "version-scheme": ("auto", "static", "vcs"),
    "tag-version": ("semver", "pep440"),
}


class GroupConfig:
    __slots__ = ("members", "name", "source", "tag_format", "version_scheme")

    def __init__(self, name: str, table: dict[str, Any]) -> None:
        self.name = name
        self.members: list[str] = table.get("members", [])
        self.source: str | None = table.get("source")
        self.tag_format: str | None = table.get("tag-format")
        self.version_scheme: str = table.get("version-scheme", "auto")


class ExtraFile:
    __slots__ = ("group", "path", "pattern")

    def __init__(self, table: dict[str, Any]) -> None:
        self.path: str = table["path"]
        self.pattern: str = table["pattern"]
        self.group: str | None = table.get("group")


class Config:
    """The settings in force for one repository; defaults where nothing is configured."""

    def __init__(self, table: dict[str, Any] | None = None, source: str | None = None) -> None:
        table = table or {}
        self.source = source  # "pyproject.toml", "releaselint.toml" or None
        self.placeholders: list[str] = table.get("placeholders", [DEFAULT_PLACEHOLDER])
        self.version_scheme: str = table.get("version-scheme", "auto")
        self.ignore: list[str] = table.get("ignore", [])
        self.include: list[str] = table.get("include", [])
        self.tag_format: str = table.get("tag-format", DEFAULT_TAG_FORMAT)
        self.tag_version: str = table.get("tag-version", "semver")
        self.allow_prerelease_tags: bool = table.get("allow-prerelease-tags", True)
        self.require_annotated_tags: bool = table.get("require-annotated-tags", False)
        self.tag_must_increase: bool = table.get("tag-must-increase", True)
        self.one_tag_per_commit: bool = table.get("one-tag-per-commit", True)
        self.groups = [GroupConfig(n, t) for n, t in table.get("groups", {}).items()]
        self.extra_files = [ExtraFile(t) for t in table.get("extra-files", [])]
        # checked by core.commit_config when the commit hook runs
        self.commits: dict[str, Any] | None = table.get("commits")


def load(root: str) -> Config:
    """The repository's configuration; reads and parses TOML only where there is some."""
    pyproject = os.path.join(root, "pyproject.toml")
    text = _read(pyproject)
    if text is not None and _MAY_HOLD_CONFIG.search(text):
        from releaselint.core import toml

        data = toml.load("pyproject.toml", text)
        table = toml.get(data, "tool", "releaselint")
        if isinstance(table, dict):
            validate(table, "pyproject.toml", "[tool.releaselint]")
            return Config(table, "pyproject.toml")
    text = _read(os.path.join(root, "releaselint.toml"))
    if text is not None:
        from releaselint.core import toml

        table = toml.load("releaselint.toml", text)
        validate(table, "releaselint.toml", "")
        return Config(table, "releaselint.toml")
    return Config()


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as e:
        raise FatalError(f"{os.path.basename(path)}: cannot read: {e}") from None


def _check(
    table: dict[str, Any],
    keys: dict[str, tuple[type | tuple[type, ...], str]],
    path: str,
    prefix: str,
) -> None:
    for key, value in table.items():
        name = f"{prefix}.{key}" if prefix else key
        if key not in keys:
            known = ", ".join(sorted(keys))
            raise FatalError(f"{path}: {name}: unknown key (known keys: {known})")
        expected, description = keys[key]
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise FatalError(f"{path}: {name}: expected {description}, got {value!r}")
        strings = expected is list and description == "an array of strings"
        if strings and not all(isinstance(item, str) for item in value):  # type: ignore[attr-defined]
            raise FatalError(f"{path}: {name}: expected {description}, got {value!r}")
        if key in _CHOICES and value not in _CHOICES[key]:
            raise FatalError(f"{path}: {name}: expected {description}, got {value!r}")


def check_inside(value: str, path: str, name: str) -> None:
    """Configured paths stay inside the repository."""
    import posixpath

    normal = posixpath.normpath(value)
    if posixpath.isabs(value) or normal == ".." or normal.startswith("../"):
        raise FatalError(f"{path}: {name}: {value!r} is outside the repository")


def validate(table: dict[str, Any], path: str, prefix: str) -> None:
    _check(table, _TOP_KEYS, path, prefix)
    dot = f"{prefix}." if prefix else ""
    for name, group in table.get("groups", {}).items():
        where = f"{dot}groups.{name}"
        if not isinstance(group, dict):
            raise FatalError(f"{path}: {where}: expected a table, got {group!r}")
        _check(group, _GROUP_KEYS, path, where)
    for index, extra in enumerate(table.get("extra-files", [])):
        where = f"{dot}extra-files[{index}]"
        if not isinstance(extra, dict):
            raise FatalError(f"{path}: {where}: expected a table, got {extra!r}")
        _check(extra, _EXTRA_FILE_KEYS, path, where)
        for required in ("path", "pattern"):
            if required not in extra:
                raise FatalError(f"{path}: {where}: missing key '{required}'")
        check_inside(extra["path"], path, f"{where}.path")
