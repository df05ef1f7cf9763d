from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from releaselint.hooks.check_conventional_commit import comment_char, main
from tests.conftest import REPO_ROOT, Repo

BIN = Path(sys.executable).parent
HINT_START = "hint: expected '<type>(<scope>): <subject>'"
HEADER_HINT = (
    "hint: expected '<type>(<scope>): <subject>' with a type of build, chore, ci, docs, feat, "
    "fix, perf, refactor, revert, style, test, e.g. 'fix(parser): handle empty input'"
)
HELP = (
    "ⓘ Get help: "
    "https://github.com/releaselint/releaselint/blob/main/docs/check-conventional-commit.md"
)


def write_message(repo: Repo, text: str | bytes, name: str = "MSG") -> str:
    path = repo.path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return str(path)


def test_good_message_passes(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([write_message(repo, "feat(parser): add thing\n")]) == 0
    assert capsys.readouterr().out == ""


def test_bad_message_echoes_the_header_names_file_line_rule_and_counts(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_message(
        repo, "# Please enter the commit message\nfeet: add thing.\n\n" + "x" * 101 + "\n"
    )
    assert main([path]) == 1
    assert capsys.readouterr().out == (
        "⧗ input: feet: add thing.\n"
        f"{path}:2: subject may not end with '.' [subject-full-stop]\n"
        f"{path}:2: type 'feet' is not one of build, chore, ci, docs, feat, fix, perf, "
        "refactor, revert, style, test [type-enum]\n"
        f"{path}:4: body line is 101 characters, more than 100 [body-max-line-length]\n"
        "hint: drop the full stop at the end of the subject\n"
        f"{HEADER_HINT}\n"
        "hint: wrap the body (a line holding an http(s):// URL may stay long)\n"
        "✖ found 3 problems, 0 warnings\n"
        f"{HELP}\n"
    )


def test_warnings_do_not_fail(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_message(repo, "feat: x\nbody glued to the header\n")
    assert main([path]) == 0
    assert capsys.readouterr().out == (
        "⧗ input: feat: x\n"
        f"{path}:2: warning: body must have a leading blank line [body-leading-blank]\n"
        "hint: leave an empty line before the body\n"
        "⚠ found 0 problems, 1 warnings\n"
        f"{HELP}\n"
    )


def test_empty_message(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_message(repo, "# only a comment\n\n")
    assert main([path]) == 1
    assert capsys.readouterr().out == (
        "⧗ input: \n"
        f"{path}: message is empty: git would abort the commit [message-empty]\n"
        f"{HEADER_HINT}\n"
        "✖ found 1 problems, 0 warnings\n"
        f"{HELP}\n"
    )


def test_json_output_carries_each_findings_own_hint(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_message(repo, "feat: x\n\nRelease-As: v2\n")
    assert main([path, "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out) == {
        "findings": [
            {
                "path": path,
                "line": 3,
                "message": "Release-As: 'v2' is not a SemVer version (e.g. 1.2.3) [release-as-semver]",
                "severity": "error",
                "hint": "give Release Please a SemVer version: 'Release-As: 1.2.3'",
            }
        ],
        "hints": ["give Release Please a SemVer version: 'Release-As: 1.2.3'"],
    }


def test_non_utf8_message_is_decoded(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.git("config", "i18n.commitEncoding", "ISO-8859-1")
    path = write_message(repo, "feat: Caf\xe9 support\n".encode("latin-1"))
    assert main([path]) == 1
    assert "subject 'Café support' must not be sentence-case" in capsys.readouterr().out


@pytest.mark.parametrize("encoding", ["idna", "punycode", "no-such-codec", "base64"])
def test_any_commit_encoding_decodes_the_message_file(
    repo: Repo, capsys: pytest.CaptureFixture[str], encoding: str
) -> None:
    repo.git("config", "i18n.commitEncoding", encoding)
    path = write_message(repo, b"feat: caf\xe9 \xff\xfe support\n")
    assert main([path]) == 0
    assert capsys.readouterr() == ("", "")
    path = write_message(repo, b"Feat: caf\xe9\n")
    assert main([path]) == 1
    assert "type 'Feat' is not one of" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("i18n.commitEncoding", "idna"),
        ("i18n.commitEncoding", "punycode"),
        ("i18n.logOutputEncoding", "utf-16"),
    ],
)
def test_any_commit_encoding_in_a_range(
    repo: Repo, capsys: pytest.CaptureFixture[str], key: str, value: str
) -> None:
    base = repo.commit("chore: base")
    repo.git("config", key, value)
    repo.commit("feat: café")
    bad = repo.commit("Not conventional")
    assert main(["--from", base]) == 1
    assert capsys.readouterr().out.splitlines()[:3] == [
        f"{bad[:7]} Not conventional",
        f"{bad[:7]}:1: subject may not be empty [subject-empty]",
        f"{bad[:7]}:1: type may not be empty [type-empty]",
    ]


def test_missing_file(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(repo.path / "nope")]) == 1
    assert capsys.readouterr().err.startswith("error: ")


@pytest.mark.parametrize("key", ["Release-As", "RELEASE-AS", "ReLease-As", "release-as"])
def test_release_as_footer(repo: Repo, capsys: pytest.CaptureFixture[str], key: str) -> None:
    path = write_message(repo, f"chore: release\n\n{key}: v2.0\n")
    assert main([path]) == 1
    assert capsys.readouterr().out.splitlines()[1] == (
        f"{path}:3: Release-As: 'v2.0' is not a SemVer version (e.g. 1.2.3) [release-as-semver]"
    )
    assert main([write_message(repo, f"chore: release\n\n{key}: 2.0.0\n")]) == 0


@pytest.mark.parametrize(
    ("config", "text", "expected"),
    [
        ('[commits]\ntypes = ["feat", "wip"]\n', "wip: x", 0),
        ('[commits]\ntypes = ["feat"]\n', "fix: x", 1),
        ('[commits]\nscope = "required"\n', "feat: x", 1),
        ('[commits]\nscope = "forbidden"\n', "feat(a): x", 1),
        ('[commits]\nscopes = ["api"]\n', "feat(web): x", 1),
        ('[commits]\nrules = { "subject-case" = [0] }\n', "feat: Add X", 0),
        (
            '[commits]\nrules = { "header-max-length" = ["error", "always", 10] }\n',
            "feat: add x",
            1,
        ),
        ("[commits]\nemoji = true\n", "\u2728 feat: sparkle", 0),
        ("[commits]\nemoji = true\n", ":sparkles: feat: sparkle", 0),
        ('[commits]\nignores = ["^WIP"]\n', "WIP stuff", 0),
        ("[commits]\ndefault-ignores = false\n", "Merge branch 'x'", 1),
    ],
)
def test_toml_configuration(repo: Repo, config: str, text: str, expected: int) -> None:
    repo.write({"releaselint.toml": config})
    assert main([write_message(repo, text)]) == expected


def test_workspace_scopes(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.write(
        {
            "releaselint.toml": '[commits]\nscopes = "workspace"\n',
            "package.json": '{"name": "mono", "private": true, "workspaces": ["packages/*"]}',
            "packages/api/package.json": '{"name": "@acme/api", "version": "1.0.0"}',
        }
    )
    assert main([write_message(repo, "feat(api): x")]) == 0
    capsys.readouterr()
    assert main([write_message(repo, "feat(web): x")]) == 1
    assert capsys.readouterr().out.splitlines()[1] == (
        f"{repo.path / 'MSG'}:1: scope 'web' is not one of api [scope-enum]"
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            ".commitlintrc.json",
            '{"extends": ["@commitlint/config-conventional"], "rules": {"type-enum": [2, "always", ["feat"]]}}',
        ),
        (
            ".commitlintrc.yaml",
            "extends:\n  - '@commitlint/config-conventional'\nrules:\n  type-enum: [2, always, [feat]]\n",
        ),
        (
            ".commitlintrc.yml",
            "extends: '@commitlint/config-conventional'\nrules:\n  type-enum:\n    - 2\n    - always\n    - [feat]\n",
        ),
        (
            ".commitlintrc",
            "extends: ['@commitlint/config-conventional']\nrules: {type-enum: [2, always, [feat]]}\n",
        ),
        (
            ".commitlintrc",
            '{"extends": ["@commitlint/config-conventional"], "rules": {"type-enum": [2, "always", ["feat"]]}}',
        ),
        (
            "package.json",
            '{"name": "x", "commitlint": {"extends": ["@commitlint/config-conventional"], "rules": {"type-enum": [2, "always", ["feat"]]}}}',
        ),
    ],
)
def test_commitlint_config_forms(
    repo: Repo, capsys: pytest.CaptureFixture[str], name: str, content: str
) -> None:
    repo.write({name: content})
    assert main([write_message(repo, "feat: x")]) == 0
    assert main([write_message(repo, "fix: x")]) == 1
    assert "type 'fix' is not one of feat [type-enum]" in capsys.readouterr().out


def test_commitlint_config_without_extends_applies_only_its_rules(repo: Repo) -> None:
    repo.write({".commitlintrc.json": '{"rules": {"header-max-length": [2, "always", 20]}}'})
    assert main([write_message(repo, "whatever I like")]) == 0
    assert main([write_message(repo, "x" * 21)]) == 1


JS_CONFIG = """\
module.exports = {
  extends: ['@commitlint/config-conventional'],
  rules: { 'subject-case': [0], 'type-enum': [2, 'always', ['feat', 'fix']] },
};
"""
TS_CONFIG = """\
import type { UserConfig } from '@commitlint/types';
import { RuleConfigSeverity } from '@commitlint/types';

const Configuration: UserConfig = {
  extends: ['@commitlint/config-conventional'],
  rules: {
    'type-enum': [RuleConfigSeverity.Error, 'always', ['feat', 'fix']],
    'scope-enum': async (ctx) => [2, 'always', await scopes(ctx)],
    "body-max-line-length": [RuleConfigSeverity.Error, "always", Infinity],
  },
  ignores: [(commit) => commit.startsWith('WIP')],
  prompt: { questions: { type: { description: `type (${types})` } } },
  helpUrl: 'https://example.com/commits',
};

export default Configuration;
"""


@pytest.mark.parametrize(
    "name",
    [
        ".commitlintrc.js", ".commitlintrc.cjs", ".commitlintrc.mjs", "commitlint.config.js",
        "commitlint.config.cjs", "commitlint.config.mjs", ".commitlintrc.ts", "commitlint.config.mts",
    ],
)  # fmt: skip
def test_javascript_config_is_read_without_running_it(
    repo: Repo, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    text = (
        JS_CONFIG
        if name.endswith("js")
        else JS_CONFIG.replace("module.exports =", "export default")
    )
    repo.write({name: text})
    assert main([write_message(repo, "feat: Capital subject")]) == 0
    assert capsys.readouterr() == ("", "")
    assert main([write_message(repo, "docs: x")]) == 1
    assert "type 'docs' is not one of feat, fix [type-enum]" in capsys.readouterr().out


def test_typescript_config_lints_with_what_it_can_read(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write({"commitlint.config.ts": TS_CONFIG})
    path = write_message(repo, "docs: x\n\n" + "y" * 300)
    assert main([path]) == 1
    assert capsys.readouterr().out == (
        "commitlint.config.ts:8: warning: rules.scope-enum cannot be read without running the "
        "config; left out\n"
        "commitlint.config.ts:11: warning: ignores cannot be read without running the config; "
        "left out\n"
        "⧗ input: docs: x\n"
        f"{path}:1: type 'docs' is not one of feat, fix [type-enum]\n"
        "hint: expected '<type>(<scope>): <subject>' with a type of feat, fix, e.g. "
        "'fix(parser): handle empty input'\n"
        "✖ found 1 problems, 0 warnings\n"
        "ⓘ Get help: https://example.com/commits\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        "module.exports = defineConfig({ extends: ['@commitlint/config-conventional'] })",
        "export default { extends: ['@commitlint/config-conventional'] } satisfies UserConfig;",
        "/** @type {import('@commitlint/types').UserConfig} */ module.exports = {\n"
        '  // a comment, { brace\n  extends: ["@commitlint/config-conventional"], /* } */\n};',
    ],
)
def test_javascript_config_forms(repo: Repo, capsys: pytest.CaptureFixture[str], text: str) -> None:
    repo.write({"commitlint.config.js": text})
    assert main([write_message(repo, "feat: x")]) == 0
    assert main([write_message(repo, "feet: x")]) == 1
    assert capsys.readouterr().err == ""


def test_javascript_config_warns_about_presets_plugins_and_spreads(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write(
        {
            "commitlint.config.js": (
                "const shared = require('./shared');\n"
                "module.exports = {\n"
                "  extends: ['@commitlint/config-angular'],\n"
                "  parserPreset: 'conventional-changelog-atom',\n"
                "  plugins: [{ rules: { mine: () => [true] } }],\n"
                "  ...shared,\n"
                "  rules: { 'header-max-length': [2, 'always', 20], 'mine': [2, 'always'] },\n"
                "};\n"
            )
        }
    )
    assert main([write_message(repo, "anything goes here")]) == 0
    assert capsys.readouterr().out == (
        "commitlint.config.js:6: warning: the config: a spread cannot be read without running "
        "the config; left out\n"
        "commitlint.config.js: warning: extends: '@commitlint/config-angular' not supported by "
        "releaselint, its rules are not checked (releaselint knows "
        "'@commitlint/config-conventional')\n"
        "commitlint.config.js: warning: parserPreset: not supported by releaselint; left out\n"
        "commitlint.config.js: warning: plugins: not supported by releaselint; left out\n"
        "commitlint.config.js: warning: rules not supported by releaselint, not checked: mine\n"
    )
    assert main([write_message(repo, "x" * 21)]) == 1


def test_unsupported_rules_are_one_warning_and_off_rules_any_name(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write(
        {
            ".commitlintrc.json": json.dumps(
                {
                    "extends": ["@commitlint/config-conventional"],
                    "rules": {
                        "signed-off-by": [2, "always", "Signed-off-by:"],
                        "trailer-exists": [1, "always", "Co-authored-by:"],
                        "references-empty": [0],
                        "whatever-name": ["off", "never", {"any": "value"}],
                    },
                }
            )
        }
    )
    assert main([write_message(repo, "feat: x")]) == 0
    assert capsys.readouterr().out == (
        ".commitlintrc.json: warning: rules not supported by releaselint, not checked: "
        "signed-off-by, trailer-exists\n"
    )


@pytest.mark.parametrize(
    ("files", "source"),
    [
        # cosmiconfig's searchPlaces, as @commitlint/load 20 lists them
        ({"package.json": '{"commitlint": {"rules": {"type-enum": [2, "always", ["a"]]}}}',
          ".commitlintrc": "rules: {type-enum: [2, always, [b]]}\n"}, "a"),
        ({".commitlintrc": "rules: {type-enum: [2, always, [b]]}\n",
          ".commitlintrc.json": '{"rules": {"type-enum": [2, "always", ["c"]]}}'}, "b"),
        ({".commitlintrc.yml": "rules: {type-enum: [2, always, [d]]}\n",
          ".commitlintrc.js": "module.exports = {rules: {'type-enum': [2, 'always', ['e']]}}"}, "d"),
        ({".commitlintrc.mjs": "export default {rules: {'type-enum': [2, 'always', ['f']]}}",
          "commitlint.config.js": "module.exports = {rules: {'type-enum': [2, 'always', ['g']]}}"},
         "f"),
        ({"commitlint.config.mjs": "export default {rules: {'type-enum': [2, 'always', ['h']]}}",
          ".commitlintrc.ts": "export default {rules: {'type-enum': [2, 'always', ['i']]}}"}, "h"),
        ({"package.json": '{"name": "no-commitlint-key"}', ".commitlintrc.json": "",
          ".commitlintrc.ts": "export default {rules: {'type-enum': [2, 'always', ['i']]}}"}, "i"),
    ],
)  # fmt: skip
def test_commitlint_search_order(repo: Repo, files: dict[str, str], source: str) -> None:
    repo.write(files)
    assert main([write_message(repo, f"{source}: x")]) == 0


def test_commitlint_help_url_is_printed(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.write(
        {
            ".commitlintrc.json": '{"extends": ["@commitlint/config-conventional"], "helpUrl": "https://example.com/h"}'
        }
    )
    assert main([write_message(repo, "nope")]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "ⓘ Get help: https://example.com/h"


def test_leftover_commitlint_config_beside_toml_rules_warns(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write({"releaselint.toml": "[commits]\n", "commitlint.config.js": JS_CONFIG})
    assert main([write_message(repo, "docs: x")]) == 0
    assert capsys.readouterr().out == (
        "commitlint.config.js: warning: ignored: the rules of releaselint.toml commits apply; "
        "delete this file once nothing else uses it\n"
    )


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({".commitlintrc.json": "{"}, "error: .commitlintrc.json:1: invalid JSON"),
        ({".commitlintrc.yml": "rules: [\n"}, "error: .commitlintrc.yml:2: invalid YAML"),
        (
            {"commitlint.config.js": "module.exports = { rules: 'x' }"},
            "error: commitlint.config.js: rules: expected an object, got 'x'",
        ),
        (
            {
                "commitlint.config.js": "module.exports = { rules: { 'header-max-length': [2, 'always', NaN] } }"
            },
            "error: commitlint.config.js: rules.header-max-length: expected a length (0 or more, "
            "or Infinity), got nan",
        ),
        (
            {".commitlintrc.json": '{"rules": {"header-min-length": [2, "always", 1e999]}}'},
            "error: .commitlintrc.json: rules.header-min-length: expected a length (0 or more), "
            "got inf",
        ),
        (
            {
                "releaselint.toml": '[commits]\nrules = { "body-max-line-length" = [2, "always", nan] }\n'
            },
            "error: releaselint.toml: commits: rules.body-max-line-length: expected a length",
        ),
        (
            {"commitlint.config.ts": "export default {rules: " + "[" * 100 + "]" * 100 + "}"},
            "error: commitlint.config.ts:1: nested deeper than 64 levels",
        ),
        (
            {".commitlintrc.yml": "rules: " + "[" * 1000 + "]" * 1000 + "\n"},
            "error: .commitlintrc.yml:1: nesting deeper than 100 levels",
        ),
        (
            {".commitlintrc.json": '{"rules": ' + "[" * 100_000 + "]" * 100_000 + "}"},
            "error: .commitlintrc.json",
        ),
        (
            {"package.json": '{"commitlint": ' + "{" * 100_000 + "}" * 100_000 + "}"},
            "error: package.json",
        ),
        (
            {"commitlint.config.js": "module.exports = { rules: { 'a': [2, 'always', 'x], } }"},
            "error: commitlint.config.js:1: unterminated string",
        ),
        (
            {".commitlintrc.json": '{"rules": {"type-enum": [3, "always", []]}}'},
            "error: .commitlintrc.json: rules.type-enum: expected a level",
        ),
        (
            {"releaselint.toml": "[commits]\ncolour = 1\n"},
            "error: releaselint.toml: commits: colour: unknown key",
        ),
        (
            {"releaselint.toml": "[commits]\nscope = 'maybe'\n"},
            "error: releaselint.toml: commits: scope: expected 'optional'",
        ),
    ],
)
def test_config_errors(
    repo: Repo, capsys: pytest.CaptureFixture[str], files: dict[str, str], message: str
) -> None:
    repo.write(files)
    assert main([write_message(repo, "feat: x")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(message), err
    assert "Traceback" not in err


# --------------------------------------------------------------------- real git commits
def git_env(repo: Repo) -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "GIT_EDITOR": "true"}


def install_shim(repo: Repo) -> None:
    hook = repo.path / ".git" / "hooks" / "commit-msg"
    hook.parent.mkdir(exist_ok=True)
    hook.write_bytes((REPO_ROOT / "hooks" / "commit-msg").read_bytes())
    hook.chmod(0o755)


def commit(repo: Repo, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ("git", *args), cwd=repo.path, capture_output=True, text=True, env=git_env(repo)
    )


def test_git_generated_messages_pass_through_the_shim(repo: Repo) -> None:
    install_shim(repo)
    repo.write({"a.txt": "1\n"})
    repo.git("add", "-A")
    assert commit(repo, "commit", "-q", "-m", "feat: first").returncode == 0
    bad = commit(repo, "commit", "-q", "--allow-empty", "-m", "feet: nope")
    assert bad.returncode == 1
    assert "type 'feet' is not one of" in bad.stdout + bad.stderr
    # git commit -v: the diff below the scissors line is not part of the message
    repo.write({"a.txt": "1\n" + "x" * 300 + "\n"})
    repo.git("add", "-A")
    verbose = commit(repo, "commit", "-q", "-v", "-e", "-m", "fix: long line")
    assert verbose.returncode == 0, verbose.stderr
    # revert, fixup and merge messages as git writes them
    assert commit(repo, "revert", "--no-edit", "HEAD").returncode == 0
    assert commit(repo, "commit", "-q", "--allow-empty", "--fixup", "HEAD").returncode == 0
    repo.git("checkout", "-q", "-b", "topic")
    assert commit(repo, "commit", "-q", "--allow-empty", "-m", "feat: topic").returncode == 0
    repo.git("checkout", "-q", "main")
    merged = commit(repo, "merge", "--no-ff", "--no-edit", "topic")
    assert merged.returncode == 0, merged.stderr
    assert repo.git("log", "-1", "--format=%s").strip() == "Merge branch 'topic'"


def test_custom_comment_char_lines_are_stripped(repo: Repo) -> None:
    install_shim(repo)
    repo.git("config", "core.commentChar", ";")
    # git strips the long ";" line; so must the hook, or body-max-line-length fails
    result = commit(repo, "commit", "-q", "--allow-empty", "-e", "-m", "feat: x\n\n; " + "y" * 150)
    assert result.returncode == 0, result.stdout + result.stderr
    assert repo.git("log", "-1", "--format=%B").strip() == "feat: x"


def test_auto_comment_char_keeps_hash_lines(repo: Repo) -> None:
    install_shim(repo)
    repo.git("config", "core.commentChar", "auto")
    # a "#" line makes git choose ";" for its comments: the "#" line is message, and it is
    # too long (commitlint, stripping "#" lines regardless, would let it through)
    result = commit(repo, "commit", "-q", "--allow-empty", "-e", "-m", "feat: x\n\n#." + "y" * 150)
    assert result.returncode == 1
    assert (
        "body line is 152 characters, more than 100 [body-max-line-length]"
        in result.stdout + result.stderr
    )


@pytest.mark.parametrize(
    ("configured", "text", "expected"),
    [
        (None, "feat: x\n; Please enter the commit message\n", "#"),
        (";", "feat: x\n", ";"),
        ("//", "feat: x\n", "//"),
        (
            "auto",
            "feat: x\n\n#hashtag\n; Please enter the commit message for your changes.\n;\n",
            ";",
        ),
        ("auto", "feat: x\n\n#a\n;b\n@ Please enter the commit message\n", "@"),
        ("auto", "feat: x\n", "#"),
    ],
)
def test_comment_char(configured: str | None, text: str, expected: str) -> None:
    assert comment_char(configured, text) == expected


# --------------------------------------------------------------------------- range mode
def test_range_with_merges_and_fixups(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    base = repo.commit("chore: base")
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("feat: good one")
    bad = repo.commit("Add Stuff")
    fixup = repo.commit("fixup! feat: good one")
    repo.git("checkout", "-q", "main")
    repo.commit("docs: on main")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge something weird", "topic")
    assert main(["--from", base]) == 1
    assert capsys.readouterr().out == (
        f"{fixup[:7]} fixup! feat: good one\n"
        f"{fixup[:7]}:1: fixup! commit must be squashed before merge [autosquash]\n"
        f"{bad[:7]} Add Stuff\n"
        f"{bad[:7]}:1: subject may not be empty [subject-empty]\n"
        f"{bad[:7]}:1: type may not be empty [type-empty]\n"
        f"hint: git rebase -i --autosquash {base}\n"
        f"{HEADER_HINT}\n"
        "✖ found 3 problems, 0 warnings\n"
        f"{HELP}\n"
    )


@pytest.mark.parametrize("by", ["subject", "sha"])
def test_a_fixup_of_a_commit_older_than_the_range(
    repo: Repo, capsys: pytest.CaptureFixture[str], by: str
) -> None:
    """The commit a fixup names is on main already: autosquash has nothing to fold it into
    (the rebase "succeeds" and leaves it), so the hint says to reword it."""
    target = repo.commit("feat: add b")
    base = repo.commit("chore: base")
    repo.git("checkout", "-q", "-b", "topic")
    fixup = repo.commit(f"fixup! {'feat: add b' if by == 'subject' else target[:9]}")
    assert main(["--from", base]) == 1
    assert capsys.readouterr().out.splitlines()[2] == (
        f"hint: the commit it fixes is not among those since {base}: reword it as a commit "
        f"of its own (git rebase -i {base}, then 'reword')"
    )
    assert fixup


def test_range_from_last_tag_and_root_initial_commit(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit("Initial commit")
    repo.commit("feat: one")
    assert main(["--from-last-tag"]) == 0
    repo.git("tag", "v1.0.0")
    repo.commit("nope")
    assert main(["--from-last-tag", "--format", "json"]) == 1
    assert '"message": "type may not be empty [type-empty]"' in capsys.readouterr().out


def test_range_from_environment(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    base = repo.commit("chore: base")
    head = repo.commit("bad message")
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", base)
    monkeypatch.setenv("PRE_COMMIT_TO_REF", head)
    assert main(["--range"]) == 1
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", head)
    assert main(["--range"]) == 0
    monkeypatch.delenv("PRE_COMMIT_FROM_REF")
    monkeypatch.delenv("PRE_COMMIT_TO_REF")
    repo.git("branch", "base", base)
    monkeypatch.setenv("GITHUB_BASE_REF", "base")
    assert main(["--range"]) == 1


def test_range_needs_a_range(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit("feat: x")
    assert main(["--range"]) == 1
    assert capsys.readouterr().err.startswith("error: no range to lint")


def test_shallow_clone_names_fetch_depth(
    repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    first = repo.commit("feat: one")
    repo.commit("feat: two")
    repo.commit("feat: three")
    clone = tmp_path / "shallow"
    subprocess.run(
        ("git", "clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone)), check=True
    )
    monkeypatch.chdir(clone)
    assert main(["--from", first]) == 1
    err = capsys.readouterr().err
    assert "is not in this clone, which is shallow" in err
    assert "fetch-depth: 0" in err


def test_a_thousand_commit_range_passes(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [
        f"commit refs/heads/main\ncommitter T <t@e.x> {1700000000 + i} +0000\ndata <<EOM\nfeat: change {i}\nEOM\n"
        for i in range(1000)
    ]
    repo.git("fast-import", "--quiet", input="".join(lines))
    repo.git("reset", "-q", "--hard", "main")
    assert main(["--from-last-tag"]) == 0
    assert capsys.readouterr().out == ""


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.binary(max_size=300))
def test_any_message_file_exits_0_or_1(repo: Repo, data: bytes) -> None:
    path = repo.path / "FUZZ"
    path.write_bytes(data)
    assert main([str(path), "--format", "json"]) in (0, 1)


# ------------------------------------------------------------------------- pushed range
def test_pre_push_without_a_range_lints_what_no_remote_has(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """pre-commit names no range for a push whose history reaches a root commit (the first
    push of a repository, an orphan branch): only the remote and the local ref."""
    repo.commit("Not conventional at the root")
    head = repo.commit("feat: fine")
    monkeypatch.setenv("PRE_COMMIT_REMOTE_NAME", "origin")
    monkeypatch.setenv("PRE_COMMIT_LOCAL_BRANCH", "refs/heads/main")
    assert main(["--range"]) == 1
    assert capsys.readouterr().out.splitlines()[0].endswith(" Not conventional at the root")
    # once a remote-tracking ref has those commits, they are not linted again
    repo.git("update-ref", "refs/remotes/origin/main", head)
    repo.commit("fixup! feat: fine")
    assert main(["--range"]) == 0
    fixup = repo.git("rev-parse", "--short=7", "HEAD").strip()
    assert capsys.readouterr().out.splitlines()[:3] == [
        f"{fixup} fixup! feat: fine",
        f"{fixup}:1: warning: fixup! commit must be squashed before merge [autosquash]",
        # the commit it fixes is pushed already: no autosquash folds it in
        f"hint: the commit it fixes is not among those since {fixup}^: reword it as a commit "
        f"of its own (git rebase -i {fixup}^, then 'reword')",
    ]


def test_autosquash_commits_are_errors_against_the_target_branch(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    base = repo.commit("feat: base")
    repo.commit("squash! feat: base")
    # CI: the range comes from --from or the CI's variables, not from a push
    assert main(["--from", base]) == 1
    monkeypatch.setenv("GITHUB_BASE_REF", "target")
    repo.git("branch", "target", base)
    assert main(["--range"]) == 1
    out = capsys.readouterr().out
    assert "squash! commit must be squashed before merge [autosquash]" in out
    assert "warning:" not in out


def _push(repo: Repo, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ("git", "push", *args), cwd=repo.path, capture_output=True, text=True, env=git_env(repo)
    )


def test_first_push_and_new_branch_through_pre_commit(repo: Repo, tmp_path: Path) -> None:
    from tests.test_precommit import local_config, pre_commit

    remote = tmp_path / "remote.git"
    subprocess.run(("git", "init", "-q", "--bare", str(remote)), check=True)
    repo.git("remote", "add", "origin", str(remote))
    # pre-commit shows a passing hook's output (its warnings) only with verbose
    config = local_config(
        "check-conventional-commit-range", "[pre-push]", "        verbose: true\n"
    )
    repo.commit("chore: add pre-commit", files={".pre-commit-config.yaml": config})
    assert pre_commit(repo, "install", "--hook-type", "pre-push").returncode == 0
    repo.commit("not conventional")
    # the first push of the repository: the remote has nothing, pre-commit names no range
    first = _push(repo, "-u", "origin", "main")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "type may not be empty [type-empty]" in first.stdout + first.stderr
    assert "no range to lint" not in first.stdout + first.stderr
    repo.git("commit", "-q", "--amend", "--allow-empty", "-m", "feat: conventional")
    ok = _push(repo, "-u", "origin", "main")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    # a branch the remote does not have, updated for review with a fixup: a warning only
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("feat: topic")
    repo.commit("fixup! feat: topic")
    topic = _push(repo, "-u", "origin", "topic")
    assert topic.returncode == 0, topic.stdout + topic.stderr
    assert (
        "warning: fixup! commit must be squashed before merge [autosquash]"
        in topic.stdout + topic.stderr
    )
    # an orphan branch: its history reaches another root, pre-commit names no range again
    repo.git("checkout", "-q", "--orphan", "pages")
    repo.commit("Bad pages root")
    pages = _push(repo, "origin", "pages")
    assert pages.returncode == 1
    assert "Bad pages root" in pages.stdout + pages.stderr


def test_a_commitlint_config_is_read_only_inside_the_repository(
    repo: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The commit-msg hook reads the config as every repository file is read: never through
    a symbolic link that leads out, never from a FIFO (which would block the commit)."""
    secret = tmp_path / "outside.yaml"
    secret.write_text("rules:\n  TOPSECRET: [2, always]\n")
    (repo.path / ".commitlintrc.yaml").symlink_to(secret)
    message = tmp_path / "MSG"
    message.write_text("feat: x\n")
    assert main([str(message)]) == 1
    out, err = capsys.readouterr()
    assert (
        err
        == "error: .commitlintrc.yaml: leads outside the repository; releaselint does not read it\n"
    )
    assert "TOPSECRET" not in out + err
    (repo.path / ".commitlintrc.yaml").unlink()
    os.mkfifo(repo.path / ".commitlintrc.yml")
    assert main([str(message)]) == 0
    assert capsys.readouterr() == ("", "")


def test_signed_commits_with_log_show_signature(
    repo: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """log.showSignature=true (common among those who sign) puts the signature check into
    `git log`'s output: each commit is still read as it is."""
    key = tmp_path / "key"
    subprocess.run(("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)), check=True)
    (tmp_path / "allowed").write_text(f"a@b {(tmp_path / 'key.pub').read_text()}")
    for name, value in (("gpg.format", "ssh"), ("user.signingkey", str(key)),
                        ("gpg.ssh.allowedSignersFile", str(tmp_path / "allowed")),
                        ("commit.gpgsign", "true"), ("log.showSignature", "true")):  # fmt: skip
        repo.git("config", name, value)
    repo.commit("chore: init")
    base = repo.git("rev-parse", "HEAD").strip()
    bad = repo.commit("bad message")
    assert main(["--from", base, "--format", "json"]) == 1
    paths = {f["path"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert paths == {bad[:7]}
