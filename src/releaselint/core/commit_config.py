"""Commit message settings: ``[tool.releaselint.commits]``, or an existing commitlint config.

A team that already has ``.commitlintrc.json``/``.yaml``/``.yml``, ``.commitlintrc`` or a
``commitlint`` key in ``package.json`` keeps it: releaselint reads the same ``extends`` and
``rules``. A JavaScript config cannot be read without running it; it is reported with the
TOML to write instead.
"""

from __future__ import annotations

import os
import re

from releaselint.core.commit_rules import CASES, DEFAULT_RULES, RULES
from releaselint.core.errors import FatalError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

CONVENTIONAL = "@commitlint/config-conventional"
LEVELS = {"off": 0, "warning": 1, "warn": 1, "error": 2}
JS_CONFIGS = tuple(
    f"{stem}.{ext}"
    for stem in ("commitlint.config", ".commitlintrc")
    for ext in ("js", "cjs", "mjs", "ts", "cts", "mts")
)
DATA_CONFIGS = (".commitlintrc", ".commitlintrc.json", ".commitlintrc.yaml", ".commitlintrc.yml")
_KEYS = {
    "types": "an array of strings",
    "scopes": 'an array of strings, or "workspace"',
    "scope": "'optional', 'required' or 'forbidden'",
    "rules": "a table of rule settings",
    "ignores": "an array of regexes",
    "default-ignores": "a boolean",
    "emoji": "a boolean",
    "autosquash": "'error', 'warning' or 'off'",
    "merge-commits": "a boolean",
}


class CommitConfig:
    """The rules in force and how range mode treats merges and autosquash commits."""

    def __init__(self) -> None:
        self.rules: dict[str, tuple[int, str, object]] = {
            **DEFAULT_RULES,
            "release-as-semver": (2, "always", None),
        }
        self.ignores: list[re.Pattern[str]] = []
        self.default_ignores = True
        self.emoji = False
        self.autosquash = 2  # fixup!/squash!/amend! in range mode: level of the finding
        self.merge_commits = False
        self.source = "defaults (config-conventional)"
        self.workspace_scopes = False


def _fail(where: str, key: str, expected: str, value: object) -> FatalError:
    return FatalError(f"{where}: {key}: expected {expected}, got {value!r}")


def parse_rule(where: str, name: str, setting: object) -> tuple[int, str, object]:
    """A commitlint rule setting: ``[level]``, ``[level, when]`` or ``[level, when, value]``."""
    key = f"rules.{name}"
    if name not in RULES:
        known = ", ".join(sorted(RULES))
        raise FatalError(f"{where}: {key}: unknown rule (known rules: {known})")
    items = list(setting) if isinstance(setting, (list, tuple)) else [setting]
    if not 1 <= len(items) <= 3:
        raise _fail(where, key, "[level, when, value]", setting)
    level = LEVELS.get(items[0], items[0]) if isinstance(items[0], str) else items[0]
    if isinstance(level, bool) or level not in (0, 1, 2):
        raise _fail(where, key, "a level 0, 1, 2 (or 'off', 'warning', 'error')", items[0])
    default_when = DEFAULT_RULES.get(name, (2, "always", None))[1]
    when = items[1] if len(items) > 1 else default_when
    if when not in ("always", "never"):
        raise _fail(where, key, "'always' or 'never'", when)
    value = items[2] if len(items) > 2 else DEFAULT_RULES.get(name, (0, "", None))[2]
    if name.endswith("-case"):
        cases = [value] if isinstance(value, str) else value
        if not isinstance(cases, list) or any(c not in CASES for c in cases):
            raise _fail(where, key, f"a case or cases of {', '.join(CASES)}", value)
    if (
        name.endswith(("-length", "-line-length"))
        and level
        and (isinstance(value, bool) or not isinstance(value, (int, float)))
    ):
        raise _fail(where, key, "a number", value)
    if name.endswith("-enum") and not (
        isinstance(value, list) and all(isinstance(v, str) for v in value)
    ):
        raise _fail(where, key, "an array of strings", value)
    return int(level), str(when), value


def from_table(table: dict[str, Any], where: str) -> CommitConfig:
    """``[tool.releaselint.commits]`` (``where`` names it in errors)."""
    config = CommitConfig()
    config.source = where
    for key in table:
        if key not in _KEYS:
            known = ", ".join(sorted(_KEYS))
            raise FatalError(f"{where}.{key}: unknown key (known keys: {known})")
    types = table.get("types")
    if types is not None:
        if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
            raise _fail(where, "types", _KEYS["types"], types)
        config.rules["type-enum"] = (2, "always", types)
    scopes = table.get("scopes")
    if scopes == "workspace":
        config.workspace_scopes = True
    elif scopes is not None:
        if not isinstance(scopes, list) or not all(isinstance(s, str) for s in scopes):
            raise _fail(where, "scopes", _KEYS["scopes"], scopes)
        config.rules["scope-enum"] = (2, "always", scopes)
    scope = table.get("scope", "optional")
    if scope == "required":
        config.rules["scope-empty"] = (2, "never", None)
    elif scope == "forbidden":
        config.rules["scope-empty"] = (2, "always", None)
    elif scope != "optional":
        raise _fail(where, "scope", _KEYS["scope"], scope)
    rules = table.get("rules", {})
    if not isinstance(rules, dict):
        raise _fail(where, "rules", _KEYS["rules"], rules)
    for name, setting in rules.items():
        config.rules[name] = parse_rule(where, name, setting)
    ignores = table.get("ignores", [])
    if not isinstance(ignores, list) or not all(isinstance(i, str) for i in ignores):
        raise _fail(where, "ignores", _KEYS["ignores"], ignores)
    for pattern in ignores:
        try:
            config.ignores.append(re.compile(pattern))
        except re.error as e:
            raise FatalError(f"{where}: ignores: invalid regex {pattern!r}: {e}") from None
    for key, attr in (
        ("default-ignores", "default_ignores"),
        ("emoji", "emoji"),
        ("merge-commits", "merge_commits"),
    ):
        value = table.get(key, getattr(config, attr))
        if not isinstance(value, bool):
            raise _fail(where, key, "a boolean", value)
        setattr(config, attr, value)
    autosquash = table.get("autosquash", "error")
    if autosquash not in LEVELS or autosquash == "warn":
        raise _fail(where, "autosquash", _KEYS["autosquash"], autosquash)
    config.autosquash = LEVELS[autosquash]
    return config


def from_commitlint(data: object, where: str) -> CommitConfig:
    """A commitlint config object (already parsed from JSON or YAML)."""
    if not isinstance(data, dict):
        raise FatalError(f"{where}: expected a commitlint config object")
    extends = data.get("extends", [])
    extends = [extends] if isinstance(extends, str) else extends
    if not isinstance(extends, list):
        raise _fail(where, "extends", "an array of config names", extends)
    unsupported = [
        e for e in extends if e not in (CONVENTIONAL, "@commitlint/config-conventional/")
    ]
    if unsupported:
        raise FatalError(
            f"{where}: extends: {unsupported[0]!r} is not supported; releaselint knows "
            f"{CONVENTIONAL!r} and explicit rules"
        )
    for key in ("parserPreset", "plugins", "formatter"):
        if data.get(key):
            raise FatalError(f"{where}: {key}: not supported by releaselint")
    config = CommitConfig()
    config.source = where
    if not extends:
        config.rules = {}  # commitlint applies only what the config names
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise _fail(where, "rules", "an object", rules)
    for name, setting in rules.items():
        config.rules[name] = parse_rule(where, name, setting)
    default_ignores = data.get("defaultIgnores", True)
    if not isinstance(default_ignores, bool):
        raise _fail(where, "defaultIgnores", "a boolean", default_ignores)
    config.default_ignores = default_ignores
    return config


def _read(root: str, name: str) -> str | None:
    try:
        with open(os.path.join(root, name), "rb") as f:
            data = f.read()
    except (FileNotFoundError, IsADirectoryError):
        return None
    from releaselint.core.files import decode

    return decode(name, data)


def _load_data(name: str, text: str) -> object:
    if name.endswith(".json") or (name == ".commitlintrc" and text.lstrip().startswith("{")):
        from releaselint.core import json as jsonfile

        return jsonfile.load(name, text)
    from releaselint.core import yaml as yamlfile

    return yamlfile.load(name, text)


def load(root: str, table: dict[str, Any] | None, table_where: str) -> CommitConfig:
    if table is not None:
        return from_table(table, table_where)
    for name in DATA_CONFIGS:
        text = _read(root, name)
        if text is not None:
            return from_commitlint(_load_data(name, text), name)
    text = _read(root, "package.json")
    if text is not None and '"commitlint"' in text:
        from releaselint.core import json as jsonfile

        data = jsonfile.load("package.json", text)
        if isinstance(data, dict) and "commitlint" in data:
            return from_commitlint(data["commitlint"], "package.json: commitlint")
    for name in JS_CONFIGS:
        text = _read(root, name)
        if text is not None:
            raise FatalError(
                f"{name}: a JavaScript config cannot be read without running it; write the "
                f"equivalent in pyproject.toml (or releaselint.toml):\n{to_toml(js_literal(text))}"
            )
    return CommitConfig()


def js_literal(text: str) -> dict[str, Any] | None:
    """The exported object of a simple JS config, where it is a plain literal."""
    match = re.search(r"(?:module\.exports\s*=|export\s+default)\s*(\{)", text)
    if match is None:
        return None
    start = match.start(1)
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        depth += char == "{"
        depth -= char == "}"
        if depth == 0:
            from releaselint.core import json as jsonfile

            try:
                data = jsonfile.load("", text[start : index + 1], jsonc=True)
            except FatalError:
                return None
            return data if isinstance(data, dict) else None
    return None


def _toml_value(value: object) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def to_toml(data: dict[str, Any] | None) -> str:
    """``[tool.releaselint.commits]`` text for a commitlint config (a skeleton if None)."""
    lines = ["[tool.releaselint.commits]"]
    if data is None:
        lines.append(
            '# rules use commitlint\'s names: "type-enum" = [2, "always", ["feat", "fix"]]'
        )
        lines.append("[tool.releaselint.commits.rules]")
        return "\n".join(lines)
    if data.get("defaultIgnores") is False:
        lines.append("default-ignores = false")
    lines.append("[tool.releaselint.commits.rules]")
    for name, setting in (data.get("rules") or {}).items():
        lines.append(f'"{name}" = {_toml_value(setting)}')
    return "\n".join(lines)
