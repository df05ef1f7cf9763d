from __future__ import annotations

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


def write_message(repo: Repo, text: str | bytes, name: str = "MSG") -> str:
    path = repo.path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return str(path)


def test_good_message_passes(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([write_message(repo, "feat(parser): add thing\n")]) == 0
    assert capsys.readouterr().out == ""


def test_bad_message_names_file_line_and_rule(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_message(repo, "# Please enter the commit message\nfeet: add thing\n")
    assert main([path]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        f"{path}:2: type 'feet' is not one of build, chore, ci, docs, feat, fix, perf, "
        "refactor, revert, style, test [type-enum]"
    )
    assert out[1].startswith(HINT_START)


def test_warnings_do_not_fail(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_message(repo, "feat: x\nbody glued to the header\n")
    assert main([path]) == 0
    assert (
        capsys.readouterr().out
        == f"{path}:2: warning: body must have a leading blank line [body-leading-blank]\n"
    )


def test_empty_message(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_message(repo, "# only a comment\n\n")
    assert main([path]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{path}: message is empty: git would abort the commit [message-empty]"
    assert out[1].startswith(HINT_START)


def test_non_utf8_message_is_decoded(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.git("config", "i18n.commitEncoding", "ISO-8859-1")
    path = write_message(repo, "feat: Caf\xe9 support\n".encode("latin-1"))
    assert main([path]) == 1
    assert "subject 'Café support' must not be sentence-case" in capsys.readouterr().out


def test_missing_file(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(repo.path / "nope")]) == 1
    assert capsys.readouterr().err.startswith("error: ")


def test_release_as_footer(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_message(repo, "chore: release\n\nRelease-As: v2.0\n")
    assert main([path]) == 1
    assert capsys.readouterr().out.startswith(
        f"{path}:3: Release-As: 'v2.0' is not a SemVer version (e.g. 1.2.3) [release-as-semver]"
    )
    assert main([write_message(repo, "chore: release\n\nRelease-As: 2.0.0\n")]) == 0


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
    assert capsys.readouterr().out.startswith(
        f"{repo.path / 'MSG'}:1: scope 'web' is not one of api [scope-enum]\n"
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


def test_javascript_config_prints_the_toml(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.write(
        {
            "commitlint.config.js": (
                "module.exports = {\n  extends: ['@commitlint/config-conventional'],\n"
                "  rules: { 'subject-case': [0], 'type-enum': [2, 'always', ['feat', 'fix']] },\n};\n"
            )
        }
    )
    assert main([write_message(repo, "feat: x")]) == 1
    assert capsys.readouterr().err == (
        "error: commitlint.config.js: a JavaScript config cannot be read without running it; "
        "write the equivalent in pyproject.toml (or releaselint.toml):\n"
        "[tool.releaselint.commits]\n[tool.releaselint.commits.rules]\n"
        '"subject-case" = [0]\n"type-enum" = [2, "always", ["feat", "fix"]]\n'
    )


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({".commitlintrc.json": "{"}, "error: .commitlintrc.json:1: invalid JSON"),
        ({".commitlintrc.yml": "rules: [\n"}, "error: .commitlintrc.yml:2: invalid YAML"),
        (
            {".commitlintrc.json": '{"extends": ["@commitlint/config-angular"]}'},
            "error: .commitlintrc.json: extends: '@commitlint/config-angular' is not supported",
        ),
        (
            {".commitlintrc.json": '{"rules": {"type-nope": [2]}}'},
            "error: .commitlintrc.json: rules.type-nope: unknown rule",
        ),
        (
            {".commitlintrc.json": '{"rules": {"type-enum": [3, "always", []]}}'},
            "error: .commitlintrc.json: rules.type-enum: expected a level",
        ),
        (
            {"releaselint.toml": "[commits]\ncolour = 1\n"},
            "error: releaselint.toml: commits.colour: unknown key",
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
        f"{HINT_START} with a type of build, chore, ci, docs, feat, fix, perf, refactor, revert, "
        "style, test, e.g. 'fix(parser): handle empty input'; see "
        "https://github.com/releaselint/releaselint/blob/main/docs/check-conventional-commit.md\n"
    )


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


def test_a_thousand_commit_range_is_one_git_log(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
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
def test_no_message_file_raises(repo: Repo, data: bytes) -> None:
    path = repo.path / "FUZZ"
    path.write_bytes(data)
    assert main([str(path), "--format", "json"]) in (0, 1)
