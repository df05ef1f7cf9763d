"""Commit message settings: ``[tool.releaselint.commits]``, or an existing commitlint config.

A team that already has a commitlint config keeps it: releaselint looks where commitlint
looks, in its order, and reads the same ``extends``, ``rules``, ``defaultIgnores`` and
``helpUrl``. A JavaScript or TypeScript config is read without running it: literal values
are taken, and what only running it could tell (functions, variables, spreads, plugins,
other presets) is named in one warning each and left out, so the rest still applies.
"""

from __future__ import annotations

import math
import os
import re

from releaselint.core.commit_rules import CASES, DEFAULT_RULES, RULES
from releaselint.core.config import Field, table_errors
from releaselint.core.errors import FatalError
from releaselint.core.lazyre import lazy
from releaselint.core.report import Finding

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

CONVENTIONAL = "@commitlint/config-conventional"
LEVELS = {"off": 0, "warning": 1, "warn": 1, "error": 2}
# @commitlint/load's cosmiconfig searchPlaces (20.x, utils/load-config.js), in its order;
# package.json counts only where it has a "commitlint" key, package.yaml is left out
SEARCH_PLACES = (
    "package.json",
    ".commitlintrc",
    ".commitlintrc.json",
    ".commitlintrc.yaml",
    ".commitlintrc.yml",
    ".commitlintrc.js",
    ".commitlintrc.cjs",
    ".commitlintrc.mjs",
    "commitlint.config.js",
    "commitlint.config.cjs",
    "commitlint.config.mjs",
    ".commitlintrc.ts",
    ".commitlintrc.cts",
    ".commitlintrc.mts",
    "commitlint.config.ts",
    "commitlint.config.cts",
    "commitlint.config.mts",
)
_JS_EXTENSIONS = (".js", ".cjs", ".mjs", ".ts", ".cts", ".mts")
# keys of a commitlint config that change no verdict releaselint gives
_PRESENTATION_KEYS = frozenset(("formatter", "prompt", "$schema"))
# commitlint's RuleConfigSeverity enum (@commitlint/types), as TypeScript configs write levels
_SEVERITIES = {
    "RuleConfigSeverity.Disabled": 0,
    "RuleConfigSeverity.Warning": 1,
    "RuleConfigSeverity.Error": 2,
}


def _strings(value: list[Any]) -> str | None:
    return None if all(isinstance(item, str) for item in value) else ""


def _regexes(value: list[Any]) -> str | None:
    if _strings(value) is not None:
        return ""
    for pattern in value:
        try:
            re.compile(pattern)
        except re.error as e:
            return f"invalid regex {pattern!r}: {e}"
    return None


def _one_of(*choices: str) -> Callable[[Any], str | None]:
    return lambda value: None if value in choices else ""


def _scopes(value: list[Any] | str) -> str | None:
    if value == "workspace" or (isinstance(value, list) and _strings(value) is None):
        return None
    return ""


# the commits table, checked by the one schema helper every configuration table goes through
SCHEMA: dict[str, Field] = {
    "types": Field(list, "an array of strings", _strings),
    "scopes": Field((list, str), 'an array of strings, or "workspace"', _scopes),
    "scope": Field(
        str, "'optional', 'required' or 'forbidden'", _one_of("optional", "required", "forbidden")
    ),
    "rules": Field(dict, "a table of rule settings"),
    "ignores": Field(list, "an array of regexes", _regexes),
    "default-ignores": Field(bool, "a boolean"),
    "emoji": Field(bool, "a boolean"),
    "autosquash": Field(str, "'error', 'warning' or 'off'", _one_of("error", "warning", "off")),
    "merge-commits": Field(bool, "a boolean"),
    "help-url": Field(str, "a string"),
}


class CommitConfig:
    """The rules in force, how range mode treats merges and autosquash commits, and the
    warnings reading the configuration gave."""

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
        self.help_url: str | None = None
        self.warnings: list[Finding] = []


def _fail(where: str, key: str, expected: str, value: object) -> FatalError:
    return FatalError(f"{where}: {key}: expected {expected}, got {value!r}")


def _level(where: str, key: str, value: object) -> int:
    level = LEVELS.get(value, value) if isinstance(value, str) else value
    if isinstance(level, bool) or level not in (0, 1, 2):
        raise _fail(where, key, "a level 0, 1, 2 (or 'off', 'warning', 'error')", value)
    return int(level)


def parse_rule(where: str, name: str, setting: object) -> tuple[int, str, object] | None:
    """A commitlint rule setting: ``[level]``, ``[level, when]`` or ``[level, when, value]``.
    A rule that is off is accepted whatever its name and value; None for a rule releaselint
    does not know that is on (the caller warns once for all of them)."""
    key = f"rules.{name}"
    items = list(setting) if isinstance(setting, (list, tuple)) else [setting]
    if not 1 <= len(items) <= 3:
        raise _fail(where, key, "[level, when, value]", setting)
    level = _level(where, key, items[0])
    if level == 0:
        return 0, "always", None
    if name not in RULES:
        return None
    default_when = DEFAULT_RULES.get(name, (2, "always", None))[1]
    when = items[1] if len(items) > 1 else default_when
    if when not in ("always", "never"):
        raise _fail(where, key, "'always' or 'never'", when)
    value = items[2] if len(items) > 2 else DEFAULT_RULES.get(name, (0, "", None))[2]
    if name.endswith("-case"):
        cases = [value] if isinstance(value, str) else value
        if not isinstance(cases, list) or any(c not in CASES for c in cases):
            raise _fail(where, key, f"a case or cases of {', '.join(CASES)}", value)
    # a maximum of Infinity is how commitlint configs switch a limit off; NaN would fail
    # every message there, and cannot be compared here
    if name.endswith("-length") and (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or (isinstance(value, float) and math.isnan(value))
        or value < 0
        or (isinstance(value, float) and math.isinf(value) and "-max-" not in name)
    ):
        expected = (
            "a length (0 or more, or Infinity)" if "-max-" in name else "a length (0 or more)"
        )
        raise _fail(where, key, expected, value)
    if name.endswith("-enum") and not (
        isinstance(value, list) and all(isinstance(v, str) for v in value)
    ):
        raise _fail(where, key, "an array of strings", value)
    if name == "subject-full-stop" and not isinstance(value, str):
        raise _fail(where, key, "a string", value)
    return level, str(when), value


def _apply_rules(config: CommitConfig, rules: dict[str, Any], where: str, location: str) -> None:
    unsupported = []
    for name, setting in rules.items():
        parsed = parse_rule(where, str(name), setting)
        if parsed is None:
            unsupported.append(str(name))
        else:
            config.rules[str(name)] = parsed
    if unsupported:
        config.warnings.append(
            Finding(
                location,
                None,
                f"rules not supported by releaselint, not checked: {', '.join(unsupported)}",
                "warning",
            )
        )


def from_table(table: dict[str, Any], where: str, location: str = "") -> CommitConfig:
    """``[tool.releaselint.commits]`` (``where`` names it in errors, ``location`` is its
    file)."""
    config = CommitConfig()
    config.source = where
    errors = table_errors(table, SCHEMA, "")
    if errors:
        raise FatalError(f"{where}: {errors[0]}")
    types = table.get("types")
    if types is not None:
        config.rules["type-enum"] = (2, "always", types)
    scopes = table.get("scopes")
    if scopes == "workspace":
        config.workspace_scopes = True
    elif scopes is not None:
        config.rules["scope-enum"] = (2, "always", scopes)
    scope = table.get("scope", "optional")
    if scope == "required":
        config.rules["scope-empty"] = (2, "never", None)
    elif scope == "forbidden":
        config.rules["scope-empty"] = (2, "always", None)
    _apply_rules(config, table.get("rules", {}), where, location or where.split(":", 1)[0])
    config.ignores.extend(re.compile(pattern) for pattern in table.get("ignores", []))
    config.default_ignores = table.get("default-ignores", config.default_ignores)
    config.emoji = table.get("emoji", config.emoji)
    config.merge_commits = table.get("merge-commits", config.merge_commits)
    config.autosquash = LEVELS[table.get("autosquash", "error")]
    config.help_url = table.get("help-url")
    return config


def from_commitlint(
    data: object, where: str, unreadable: list[tuple[int | None, str]] | None = None
) -> CommitConfig:
    """A commitlint config object (parsed from JSON or YAML, or the literal part of a
    JavaScript config, with ``unreadable``: (line, what) of each part left out)."""
    location = where.split(":", 1)[0]
    if not isinstance(data, dict):
        raise FatalError(f"{where}: expected a commitlint config object, got {data!r}")
    config = CommitConfig()
    config.source = where
    for line, what in unreadable or []:
        if what.startswith(("plugins", *_PRESENTATION_KEYS)):
            continue  # warned about below, or no verdict depends on it
        config.warnings.append(
            Finding(
                location,
                line,
                f"{what} cannot be read without running the config; left out",
                "warning",
            )
        )
    extends = data.get("extends", [])
    extends = [extends] if isinstance(extends, str) else extends
    if not isinstance(extends, list):
        raise _fail(where, "extends", "an array of config names", extends)
    conventional = [e for e in extends if e in (CONVENTIONAL, f"{CONVENTIONAL}/")]
    others = [str(e) for e in extends if e not in conventional]
    if others:
        config.warnings.append(
            Finding(
                location,
                None,
                f"extends: {', '.join(map(repr, others))} not supported by releaselint, its "
                f"rules are not checked (releaselint knows {CONVENTIONAL!r})",
                "warning",
            )
        )
    for key in ("parserPreset", "plugins"):
        if data.get(key):
            config.warnings.append(
                Finding(location, None, f"{key}: not supported by releaselint; left out", "warning")
            )
    if not conventional:
        config.rules = {}  # commitlint applies only what the config names
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise _fail(where, "rules", "an object", rules)
    _apply_rules(config, rules, where, location)
    default_ignores = data.get("defaultIgnores", True)
    if not isinstance(default_ignores, bool):
        raise _fail(where, "defaultIgnores", "a boolean", default_ignores)
    config.default_ignores = default_ignores
    if data.get("ignores"):
        # commitlint's ignores are functions: nothing a data file or a reader can hold
        config.warnings.append(
            Finding(location, None, "ignores: functions are not supported; left out", "warning")
        )
    help_url = data.get("helpUrl")
    if help_url is not None and not isinstance(help_url, str):
        raise _fail(where, "helpUrl", "a string", help_url)
    config.help_url = help_url
    return config


# ------------------------------------------------------------------ JavaScript configs
_MAX_DEPTH = 64
_IDENT_RE = lazy(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*")
_KEY_RE = lazy(r"[\w$]+")
_SUFFIX_RE = lazy(r"(?:as|satisfies)\b")
_DEFINE_CONFIG_RE = lazy(r"defineConfig[ \t]*\(")
_HEX4_RE = lazy(r"[0-9a-fA-F]{4}")
# possessive throughout: a run of digits followed by a letter fails at once, where
# backtracking through the run would cost time quadratic in its length
_NUMBER_RE = lazy(
    r"[+-]?(?:0[xX][0-9a-fA-F_]++|(?:\d[\d_]*+(?:\.[\d_]*+)?+|\.\d[\d_]*+)(?:[eE][+-]?\d++)?+"
    r"|Infinity)(?![\w$])"
)
# what the search for the export steps over: comments and strings, whose text is no code
_EXPORT_SCAN_RE = lazy(
    r"//|/\*|'(?:[^'\\\n]++|\\.)*+'?|\"(?:[^\"\\\n]++|\\.)*+\"?|`(?:[^`\\]++|\\.)*+`?"
    r"|(?<![\w$.])(?:module\.exports[ \t]*+=(?!=)|export[ \t]++default\b)",
    re.DOTALL,
)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_OPENERS = {"{": "}", "[": "]", "(": ")"}
_REGEX_BEFORE = set("(,=:[!&|?{};+-*%<>~^")


class _Unreadable(Exception):
    """A value only running the config could tell."""


class JsLiteralReader:
    """The literal part of a JavaScript/TypeScript config's exported object.

    A scanner over the text, never an evaluator: objects, arrays, strings, numbers,
    booleans, ``null`` and commitlint's ``RuleConfigSeverity.*`` are values; anything
    else (a call, a function, a variable, a spread, a computed key) is recorded in
    ``unreadable`` with its line, and its key left out.
    """

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.text = text
        self.pos = 0
        self.unreadable: list[tuple[int | None, str]] = []
        self._newlines: list[int] | None = None

    def line(self, pos: int | None = None) -> int:
        # offsets of the newlines, found once: a config with many unreadable parts costs
        # a search per warning, not a count from the start
        if self._newlines is None:
            self._newlines = [i for i, char in enumerate(self.text) if char == "\n"]
        import bisect

        return bisect.bisect_left(self._newlines, self.pos if pos is None else pos) + 1

    def error(self, message: str) -> FatalError:
        return FatalError(f"{self.name}:{self.line()}: {message}")

    # -------------------------------------------------------------------- scanning
    def skip_space(self) -> None:
        text, pos = self.text, self.pos
        while pos < len(text):
            char = text[pos]
            if char.isspace():
                pos += 1
            elif text.startswith("//", pos):
                end = text.find("\n", pos)
                pos = len(text) if end < 0 else end
            elif text.startswith("/*", pos):
                end = text.find("*/", pos + 2)
                if end < 0:
                    self.pos = pos
                    raise self.error("unterminated comment")
                pos = end + 2
            else:
                break
        self.pos = pos

    def peek(self) -> str:
        self.skip_space()
        return self.text[self.pos : self.pos + 1]

    def expect(self, char: str) -> None:
        if self.peek() != char:
            found = self.text[self.pos : self.pos + 1] or "the end"
            raise self.error(f"expected {char!r}, found {found!r}")
        self.pos += 1

    def string(self) -> str:
        text, quote = self.text, self.text[self.pos]
        pos = self.pos + 1
        out: list[str] = []
        while True:
            if pos >= len(text) or (text[pos] == "\n" and quote != "`"):
                raise self.error("unterminated string")
            char = text[pos]
            if char == quote:
                self.pos = pos + 1
                return "".join(out)
            if quote == "`" and text.startswith("${", pos):
                self.skip_template(pos)
                raise _Unreadable
            if char == "\\":
                pos += 1
                escape = text[pos : pos + 1]
                if escape == "u" and _HEX4_RE.fullmatch(text[pos + 1 : pos + 5]):
                    out.append(chr(int(text[pos + 1 : pos + 5], 16)))
                    pos += 5
                    continue
                if escape == "\n":
                    pos += 1
                    continue
                out.append(_ESCAPES.get(escape, escape))
                pos += 1
                continue
            out.append(char)
            pos += 1

    def skip_template(self, pos: int) -> None:
        """Past a template literal holding ``${...}`` (nested templates included)."""
        self.pos = pos
        self.skip_balanced("`")

    def skip_balanced(self, until: str) -> None:
        """Past the expression starting at ``pos``: up to ``until`` (one of ``,}]``) at the
        same depth, or the closing backtick of the template the scan is inside."""
        text = self.text
        stack: list[str] = ["`"] if until == "`" else []
        prev = "("
        while self.pos < len(text):
            if not stack or stack[-1] != "`":
                self.skip_space()
            if self.pos >= len(text):
                break
            char = text[self.pos]
            top = stack[-1] if stack else None
            if top == "`":
                if char == "`":
                    stack.pop()
                    self.pos += 1
                    if not stack and until == "`":
                        return
                elif char == "\\":
                    self.pos += 2
                elif text.startswith("${", self.pos):
                    stack.append("}")
                    self.pos += 2
                else:
                    self.pos += 1
                continue
            if not stack and char in until:
                return
            if len(stack) > _MAX_DEPTH:
                raise self.error(f"nested deeper than {_MAX_DEPTH} levels")
            if char in "'\"":
                self.string()  # quotes hold no template: never unreadable
                prev = "a"
                continue
            if char == "`":
                stack.append("`")
                self.pos += 1
                continue
            if char == "/" and prev in _REGEX_BEFORE:
                self.regex()
                prev = "a"
                continue
            if char in _OPENERS:
                stack.append(_OPENERS[char])
            elif char in ")]}":
                if not stack or stack[-1] != char:
                    raise self.error(f"unexpected {char!r}")
                stack.pop()
            prev = char
            self.pos += 1
        if stack or until == "`":
            raise self.error("unexpected end of file")

    def regex(self) -> None:
        text, pos = self.text, self.pos + 1
        in_class = False
        while pos < len(text) and text[pos] != "\n":
            char = text[pos]
            if char == "\\":
                pos += 2
                continue
            if char == "[":
                in_class = True
            elif char == "]":
                in_class = False
            elif char == "/" and not in_class:
                self.pos = pos + 1
                return
            pos += 1
        raise self.error("unterminated regular expression")

    # --------------------------------------------------------------------- values
    def value(self, path: str, depth: int) -> object:
        if depth > _MAX_DEPTH:
            raise self.error(f"nested deeper than {_MAX_DEPTH} levels")
        char = self.peek()
        start = self.pos
        if char == "{":
            return self.object_(path, depth + 1)
        if char == "[":
            return self.array(path, depth + 1)
        if char in ("'", '"', "`"):
            return self.string()
        number = _NUMBER_RE.match(self.text, self.pos)
        if number is not None:
            self.pos = number.end()
            literal = number.group().replace("_", "")
            if literal.lstrip("+-")[:2] in ("0x", "0X"):
                return int(literal, 16)
            # JavaScript reads every number as a double: past 309 digits it is Infinity
            # (and int() refuses more than 4,300)
            if (
                literal.lstrip("+-") == "Infinity"
                or "." in literal
                or "e" in literal.lower()
                or len(literal) > 320
            ):
                return float(literal)
            return int(literal)
        ident = _IDENT_RE.match(self.text, self.pos)
        if ident is not None:
            word = ident.group()
            after = ident.end()
            rest = self.text[after : after + 64].lstrip()
            if not rest.startswith(("(", "=>", "`", "[")):
                literals: dict[str, object] = {
                    "true": True, "false": False, "null": None, "undefined": None,
                    "NaN": math.nan,
                }  # fmt: skip
                if word in literals:
                    self.pos = after
                    return literals[word]
                if word in _SEVERITIES:
                    self.pos = after
                    return _SEVERITIES[word]
        self.pos = start
        self.skip_balanced(",}]")
        raise _Unreadable

    def array(self, path: str, depth: int) -> list[object]:
        self.expect("[")
        items: list[object] = []
        readable = True
        while self.peek() != "]":
            if self.text.startswith("...", self.pos):
                self.skip_balanced(",]")
                readable = False
            else:
                try:
                    items.append(self.value(f"{path}[{len(items)}]", depth))
                except _Unreadable:
                    readable = False
            if self.peek() == ",":
                self.pos += 1
            elif self.peek() != "]":
                raise self.error(
                    f"expected ',' or ']', found {self.text[self.pos : self.pos + 1]!r}"
                )
        self.pos += 1
        self.suffix()
        if not readable:
            raise _Unreadable
        return items

    def object_(self, path: str, depth: int) -> dict[str, object]:
        self.expect("{")
        result: dict[str, object] = {}
        while self.peek() != "}":
            start = self.pos
            key: str | None = None
            if self.text.startswith("...", self.pos):
                self.skip_balanced(",}")
                self.unreadable.append((self.line(start), f"{path or 'the config'}: a spread"))
            else:
                char = self.peek()
                if char in ("'", '"'):
                    key = self.string()
                else:
                    word = _KEY_RE.match(self.text, self.pos)
                    if word is not None:
                        key = word.group()
                        self.pos = word.end()
                name = f"{path}.{key}" if path and key is not None else (key or path)
                if key is None or self.peek() != ":":
                    # a computed key, a method, a getter or a shorthand variable
                    self.pos = start
                    self.skip_balanced(",}")
                    self.unreadable.append((self.line(start), name or "an entry"))
                else:
                    self.pos += 1
                    try:
                        result[key] = self.value(name or key, depth)
                    except _Unreadable:
                        if key not in _PRESENTATION_KEYS:
                            self.unreadable.append((self.line(start), name or key))
            if self.peek() == ",":
                self.pos += 1
            elif self.peek() != "}":
                raise self.error(
                    f"expected ',' or '}}', found {self.text[self.pos : self.pos + 1]!r}"
                )
        self.pos += 1
        self.suffix()
        return result

    def suffix(self) -> None:
        """TypeScript's ``as const`` / ``satisfies T`` after a literal: no value of its own."""
        while True:
            self.skip_space()
            word = _SUFFIX_RE.match(self.text, self.pos)
            if word is None:
                return
            self.pos = word.end()
            self.skip_space()
            self.skip_balanced(",}];)")

    # -------------------------------------------------------------------- exports
    def read(self) -> dict[str, object] | None:
        """The exported object's readable part; None where the export is not an object
        literal, ``defineConfig({...})`` or a variable declared as one."""
        export = self._find_export()
        if export is None:
            self.unreadable.append((None, "the exported config"))
            return None
        self.pos = export.end()
        target = self._config_object()
        if target is None:
            ident = _IDENT_RE.match(self.text, self.pos) if self.peek() else None
            if ident is None:
                self.unreadable.append((self.line(), "the exported config"))
                return None
            declared = self._find_declaration(ident.group())
            if declared is None:
                self.unreadable.append((self.line(), "the exported config"))
                return None
            self.pos = declared
            target = self._config_object()
            if target is None:
                self.unreadable.append((self.line(), "the exported config"))
                return None
        return target

    def _find_export(self) -> re.Match[str] | None:
        """The first ``module.exports =`` or ``export default`` outside comments and
        strings, in one pass."""
        text, pos = self.text, 0
        while (found := _EXPORT_SCAN_RE.search(text, pos)) is not None:
            token = found.group()
            if token == "//":
                end = text.find("\n", found.end())
                pos = len(text) if end < 0 else end
            elif token == "/*":
                end = text.find("*/", found.end())
                pos = len(text) if end < 0 else end + 2
            elif token[0] in "'\"`":
                pos = found.end()
            else:
                return found
        return None

    def _find_declaration(self, name: str) -> int | None:
        """Where the value of ``const|let|var name[: Type] =`` starts. Each line is searched
        for its ``=`` once, however many declarations it starts."""
        pattern = re.compile(rf"\b(?:const|let|var)[ \t]++{re.escape(name)}\b")
        text, pos = self.text, 0
        while (found := pattern.search(text, pos)) is not None:
            line_end = text.find("\n", found.end())
            line_end = len(text) if line_end < 0 else line_end
            equals = text.find("=", found.end(), line_end)
            if equals >= 0 and text[equals + 1 : equals + 2] not in ("=", ">"):
                return equals + 1
            pos = line_end
        return None

    def _config_object(self) -> dict[str, object] | None:
        char = self.peek()
        if char != "{":
            call = _DEFINE_CONFIG_RE.match(self.text, self.pos)
            if call is None:
                return None
            self.pos = call.end()
        return self.object_("", 0)


def read_js_config(
    name: str, text: str
) -> tuple[dict[str, object] | None, list[tuple[int | None, str]]]:
    reader = JsLiteralReader(name, text)
    data = reader.read()
    return data, reader.unreadable


# --------------------------------------------------------------------------- loading
def _read(root: str, name: str) -> str | None:
    """A config file's text, as every repository file is read (``files.read_file``): a
    symbolic link only where it ends inside the work tree, a regular file only (a FIFO
    would block the commit-msg hook)."""
    from releaselint.core.files import read_file

    return read_file(root, name)


def _load_data(name: str, text: str) -> object:
    if name.endswith(".json") or (name == ".commitlintrc" and text.lstrip().startswith("{")):
        return _load_json(name, text)
    from releaselint.core import yaml as yamlfile

    return yamlfile.load(name, text)


def _load_json(name: str, text: str) -> object:
    from releaselint.core import json as jsonfile

    try:
        return jsonfile.load(name, text)
    except RecursionError:
        raise FatalError(f"{name}: invalid JSON: nested too deeply") from None


def _package_json_commitlint(text: str) -> tuple[bool, object]:
    """Whether package.json has a ``commitlint`` key, and its value."""
    if '"commitlint"' not in text:
        return False, None
    data = _load_json("package.json", text)
    if isinstance(data, dict) and "commitlint" in data:
        return True, data["commitlint"]
    return False, None


def find_commitlint(root: str) -> tuple[str, str, object] | None:
    """The commitlint config commitlint itself would load: (file, text, parsed data), the
    data None for a JavaScript config (read by ``read_js_config``)."""
    for name in SEARCH_PLACES:
        text = _read(root, name)
        if text is None or not text.strip():
            continue  # cosmiconfig skips empty files (ignoreEmptySearchPlaces)
        if name == "package.json":
            found, data = _package_json_commitlint(text)
            if found:
                return name, text, data
            continue
        if name.endswith(_JS_EXTENSIONS):
            return name, text, None
        return name, text, _load_data(name, text)
    return None


def read_commitlint(name: str, text: str, data: object) -> CommitConfig:
    if name == "package.json":
        return from_commitlint(data, "package.json: commitlint")
    if name.endswith(_JS_EXTENSIONS):
        literal, unreadable = read_js_config(name, text)
        return from_commitlint(literal or {}, name, unreadable)
    return from_commitlint(data, name)


def load(root: str, table: dict[str, Any] | None, table_where: str) -> CommitConfig:
    if table is not None:
        config = from_table(table, table_where)
        leftover = _commitlint_present(root)
        if leftover is not None:
            config.warnings.append(
                Finding(
                    leftover,
                    None,
                    f"ignored: the rules of {table_where.replace(': ', ' ')} apply; delete "
                    "this file once nothing else uses it",
                    "warning",
                )
            )
        return config
    found = find_commitlint(root)
    if found is None:
        config = CommitConfig()
        if _uses_commitizen(root):
            # commitizen's own release commits (`bump: version 4.1.0 → 4.2.0`): its
            # conventional schema takes the type `bump` beside config-conventional's
            types = config.rules["type-enum"][2]
            if isinstance(types, list):
                config.rules["type-enum"] = (2, "always", [*types, "bump"])
        return config
    return read_commitlint(*found)


_COMMITIZEN_FILES = (".cz.toml", "cz.toml", ".cz.json", "cz.json", ".cz.yaml", "cz.yaml")


def _uses_commitizen(root: str) -> bool:
    """Whether commitizen is configured: its own files, or ``[tool.commitizen]``."""
    if any(os.path.isfile(os.path.join(root, name)) for name in _COMMITIZEN_FILES):
        return True
    try:
        text = _read(root, "pyproject.toml")
    except FatalError:
        return False
    return text is not None and "[tool.commitizen]" in text


def _commitlint_present(root: str) -> str | None:
    """The commitlint config file a TOML table makes irrelevant, if any (not parsed)."""
    for name in SEARCH_PLACES:
        if name == "package.json":
            text = _read(root, name)
            if text is not None and _package_json_commitlint(text)[0]:
                return name
        elif os.path.isfile(os.path.join(root, name)):
            return name
    return None


# ------------------------------------------------------------------------- as TOML
def _toml_value(value: object) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, str):
        # a JSON string is a TOML basic string, but for DEL, which TOML wants escaped
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, float) and math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return json.dumps(value)


def _setting(level: int, when: str, value: object) -> str:
    if level == 0:
        return "[0]"
    items: list[object] = [level, when] if value is None else [level, when, value]
    return _toml_value(items)


def to_toml(config: CommitConfig, table: str) -> str:
    """The ``table`` (``commits`` or ``tool.releaselint.commits``) that gives ``config``'s
    verdicts, as TOML text ending in a newline."""
    lines = [f"[{table}]"]
    if not config.default_ignores:
        lines.append("default-ignores = false")
    if config.help_url:
        lines.append(f"help-url = {_toml_value(config.help_url)}")
    base = CommitConfig().rules
    rules = [
        f"{_toml_value(name)} = {_setting(*setting)}"
        for name, setting in config.rules.items()
        if base.get(name) != setting and (setting[0] or name in base)
    ]
    rules += [f"{_toml_value(name)} = [0]" for name in base if name not in config.rules]
    if rules:
        lines.append(f"[{table}.rules]")
        lines.extend(rules)
    return "\n".join(lines) + "\n"
