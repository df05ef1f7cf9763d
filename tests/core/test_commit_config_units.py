"""The commit rules' configuration: each way a table or a commitlint config is refused, the
warnings for what releaselint leaves out, and the TOML that gives a config's verdicts."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from releaselint.core.commit_config import (
    CommitConfig,
    from_commitlint,
    from_table,
    load,
    read_js_config,
    to_toml,
)
from releaselint.core.commit_rules import CONVENTIONAL_TYPES
from releaselint.core.errors import FatalError

WHERE = "pyproject.toml: tool.releaselint.commits"
CASES = (
    "lower-case, upper-case, camel-case, kebab-case, pascal-case, sentence-case, snake-case, "
    "start-case"
)
LEVEL = "expected a level 0, 1, 2 (or 'off', 'warning', 'error')"


@pytest.mark.parametrize(
    ("table", "error"),
    [
        ({"bogus": 1}, "bogus: unknown key (known keys: autosquash, default-ignores, emoji, help-url, ignores, merge-commits, rules, scope, scopes, types)"),
        ({"types": "feat"}, "types: expected an array of strings, got 'feat'"),
        ({"scopes": [1]}, "scopes: expected an array of strings, or \"workspace\", got [1]"),
        ({"scope": "maybe"}, "scope: expected 'optional', 'required' or 'forbidden', got 'maybe'"),
        ({"rules": []}, "rules: expected a table of rule settings, got []"),
        ({"ignores": "x"}, "ignores: expected an array of regexes, got 'x'"),
        ({"ignores": ["("]}, "ignores: invalid regex '(': missing ), unterminated subpattern at position 0"),
        ({"emoji": "yes"}, "emoji: expected a boolean, got 'yes'"),
        ({"autosquash": "warn"}, "autosquash: expected 'error', 'warning' or 'off', got 'warn'"),
        ({"help-url": 3}, "help-url: expected a string, got 3"),
        ({"rules": {"header-max-length": [2, "always", 100, 4]}}, "rules.header-max-length: expected [level, when, value], got [2, 'always', 100, 4]"),
        ({"rules": {"header-max-length": []}}, "rules.header-max-length: expected [level, when, value], got []"),
        ({"rules": {"header-max-length": [3]}}, f"rules.header-max-length: {LEVEL}, got 3"),
        ({"rules": {"header-max-length": [True]}}, f"rules.header-max-length: {LEVEL}, got True"),
        ({"rules": {"type-enum": [2, "sometimes"]}}, "rules.type-enum: expected 'always' or 'never', got 'sometimes'"),
        ({"rules": {"type-case": [2, "always", "shout-case"]}}, f"rules.type-case: expected a case or cases of {CASES}, got 'shout-case'"),
        ({"rules": {"type-case": [2, "always", 5]}}, f"rules.type-case: expected a case or cases of {CASES}, got 5"),
        ({"rules": {"header-max-length": [2, "always", -1]}}, "rules.header-max-length: expected a length (0 or more, or Infinity), got -1"),
        ({"rules": {"header-max-length": [2, "always", math.nan]}}, "rules.header-max-length: expected a length (0 or more, or Infinity), got nan"),
        ({"rules": {"header-max-length": [2, "always", True]}}, "rules.header-max-length: expected a length (0 or more, or Infinity), got True"),
        ({"rules": {"header-min-length": [2, "always", math.inf]}}, "rules.header-min-length: expected a length (0 or more), got inf"),
        ({"rules": {"scope-enum": [2, "always", [1]]}}, "rules.scope-enum: expected an array of strings, got [1]"),
        ({"rules": {"subject-full-stop": [2, "never", 1]}}, "rules.subject-full-stop: expected a string, got 1"),
    ],
)  # fmt: skip
def test_a_bad_table_is_refused_with_its_key(table: dict[str, Any], error: str) -> None:
    with pytest.raises(FatalError) as raised:
        from_table(table, WHERE)
    assert str(raised.value) == f"{WHERE}: {error}"


@pytest.mark.parametrize(
    ("table", "rules", "warnings"),
    [
        ({"rules": {"body-case": [2, "always", "lower-case"], "header-max-length": ["warning"]}},
         {"header-max-length": (1, "always", 100)},
         ["pyproject.toml: rules not supported by releaselint, not checked: body-case"]),
        # a rule that is off is accepted whatever its name and value
        ({"rules": {"body-case": ["off", "sometimes", object()]}}, {"body-case": (0, "always", None)}, []),
        ({"scope": "forbidden", "rules": {"type-case": [2, "never", ["upper-case", "camel-case"]]}},
         {"scope-empty": (2, "always", None), "type-case": (2, "never", ["upper-case", "camel-case"])}, []),
        ({"rules": {"header-max-length": [2, "always", math.inf]}},
         {"header-max-length": (2, "always", math.inf)}, []),
    ],
)  # fmt: skip
def test_a_table_sets_its_rules(
    table: dict[str, Any], rules: dict[str, object], warnings: list[str]
) -> None:
    config = from_table(table, WHERE, "pyproject.toml")
    assert {name: config.rules[name] for name in rules} == rules
    assert [f"{w.path}: {w.message}" for w in config.warnings] == warnings


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ([1], "expected a commitlint config object, got [1]"),
        ({"extends": 3}, "extends: expected an array of config names, got 3"),
        ({"extends": "@commitlint/config-conventional", "rules": []}, "rules: expected an object, got []"),
        ({"defaultIgnores": "no"}, "defaultIgnores: expected a boolean, got 'no'"),
        ({"helpUrl": 1}, "helpUrl: expected a string, got 1"),
    ],
)  # fmt: skip
def test_a_bad_commitlint_config_is_refused(data: object, error: str) -> None:
    with pytest.raises(FatalError) as raised:
        from_commitlint(data, "commitlint.config.json")
    assert str(raised.value) == f"commitlint.config.json: {error}"


def test_what_a_commitlint_config_holds_beyond_releaselint_is_a_warning() -> None:
    data = {"extends": "x", "parserPreset": "p", "plugins": ["q"], "ignores": ["f"]}
    config = from_commitlint(data, "commitlint.config.json")
    assert config.rules == {}  # without config-conventional, commitlint applies no rule
    assert [(w.path, w.line, w.message, w.severity) for w in config.warnings] == [
        ("commitlint.config.json", None, "extends: 'x' not supported by releaselint, its rules are not checked (releaselint knows '@commitlint/config-conventional')", "warning"),
        ("commitlint.config.json", None, "parserPreset: not supported by releaselint; left out", "warning"),
        ("commitlint.config.json", None, "plugins: not supported by releaselint; left out", "warning"),
        ("commitlint.config.json", None, "ignores: functions are not supported; left out", "warning"),
    ]  # fmt: skip


def test_unreadable_parts_of_a_js_config_are_warnings_but_plugins_and_prompts() -> None:
    unreadable: list[tuple[int | None, str]] = [(3, "plugins"), (4, "rules.x"), (5, "prompt")]
    config = from_commitlint({"extends": ["@commitlint/config-conventional"]}, "c.js", unreadable)
    assert [(w.path, w.line, w.message) for w in config.warnings] == [
        ("c.js", 4, "rules.x cannot be read without running the config; left out")
    ]


@pytest.mark.parametrize(
    ("text", "data", "unreadable"),
    [
        ("export default {a: 'x\\u00e9\\\ny', b: '\\q'}", {"a": "xéy", "b": "q"}, []),
        ("export default {a: `x ${ {b: '`'} } y`, c: 2}", {"c": 2}, [(1, "a")]),
        ("export default {a: `x\\` ${y}`, c: 2}", {"c": 2}, [(1, "a")]),
        ("export default {a: /[/]x/, b: 1}", {"b": 1}, [(1, "a")]),
        ("export default {prompt: f(), b: 1}", {"b": 1}, []),
        ("export default {a: [1, ...rest]}", {}, [(1, "a")]),
        ("const c = require('x')\nmodule.exports = c", None, [(1, "the exported config")]),
        ("export default ", None, [(1, "the exported config")]),
        ("module.exports = {a: 1,}", {"a": 1}, []),
    ],
)  # fmt: skip
def test_read_js_config_edges(
    text: str, data: dict[str, object] | None, unreadable: list[tuple[int | None, str]]
) -> None:
    assert read_js_config("c.js", text) == (data, unreadable)


def test_a_call_left_open_is_a_located_error() -> None:
    with pytest.raises(FatalError) as raised:
        read_js_config("c.js", "export default defineConfig({a: 1]")
    assert str(raised.value) == "c.js:1: expected ',' or '}', found ']'"


@pytest.mark.parametrize(
    ("table", "toml"),
    [
        ({}, "[commits]\n"),
        ({"default-ignores": False, "help-url": "https://x.test/\x7f"},
         '[commits]\ndefault-ignores = false\nhelp-url = "https://x.test/\\u007f"\n'),
        ({"rules": {"header-max-length": [2, "always", math.inf], "subject-empty": [0],
                    "scope-empty": [1, "never"], "body-case": [0]}},
         '[commits]\n[commits.rules]\n"header-max-length" = [2, "always", inf]\n'
         '"subject-empty" = [0]\n"scope-empty" = [1, "never"]\n'),
        ({"rules": {"type-enum": [2, "never", ["wip"]], "subject-full-stop": [1, "always", "!"]}},
         '[commits]\n[commits.rules]\n"subject-full-stop" = [1, "always", "!"]\n'
         '"type-enum" = [2, "never", ["wip"]]\n'),
    ],
)  # fmt: skip
def test_to_toml_gives_the_table_back(table: dict[str, Any], toml: str) -> None:
    config = from_table(table, WHERE)
    assert to_toml(config, "commits") == toml
    from releaselint.core import toml as tomlfile

    again = from_table(tomlfile.load("x.toml", toml)["commits"], WHERE)
    assert (on(again), again.default_ignores, again.help_url) == (
        on(config),
        config.default_ignores,
        config.help_url,
    )


def on(config: CommitConfig) -> dict[str, tuple[int, str, object]]:
    return {name: setting for name, setting in config.rules.items() if setting[0]}


def test_a_rule_removed_from_the_defaults_is_written_off() -> None:
    config = CommitConfig()
    del config.rules["type-enum"]
    config.rules["header-trim"] = (0, "always", None)
    assert to_toml(config, "commits") == (
        '[commits]\n[commits.rules]\n"header-trim" = [0]\n"type-enum" = [0]\n'
    )


def test_a_toml_table_makes_a_commitlint_file_a_warning(tmp_path: Path) -> None:
    (tmp_path / ".commitlintrc.yml").write_text("rules: {}\n")
    config = load(str(tmp_path), {"types": ["feat"]}, WHERE)
    assert config.rules["type-enum"] == (2, "always", ["feat"])
    assert [(w.path, w.message) for w in config.warnings] == [
        (".commitlintrc.yml", "ignored: the rules of pyproject.toml tool.releaselint.commits apply; delete this file once nothing else uses it")
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("files", "source", "type_enum"),
    [
        ({}, "defaults (config-conventional)", (2, "always", list(CONVENTIONAL_TYPES))),
        ({"package.json": '{"name": "x", "description": "no \\"commitlint\\" key"}'},
         "defaults (config-conventional)", (2, "always", list(CONVENTIONAL_TYPES))),
        ({"package.json": '{"commitlint": {"extends": ["@commitlint/config-conventional"], "rules": {"type-enum": [2, "always", ["x"]]}}}'},
         "package.json: commitlint", (2, "always", ["x"])),
        ({".commitlintrc": '{"rules": {"type-enum": [1, "always", ["y"]]}}'}, ".commitlintrc", (1, "always", ["y"])),
        ({".commitlintrc": "rules:\n  type-enum: [1, always, [z]]\n"}, ".commitlintrc", (1, "always", ["z"])),
    ],
)  # fmt: skip
def test_load_finds_commitlints_config(
    tmp_path: Path, files: dict[str, str], source: str, type_enum: tuple[int, str, object]
) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    config = load(str(tmp_path), None, WHERE)
    assert (config.source, config.rules.get("type-enum")) == (source, type_enum)


def test_json_nested_too_deeply_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / ".commitlintrc.json").write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(FatalError) as raised:
        load(str(tmp_path), None, WHERE)
    assert str(raised.value) == ".commitlintrc.json:1: nesting deeper than 100 levels"
