from __future__ import annotations

import pytest

from releaselint.commands.commitlint_import import main
from releaselint.hooks.check_conventional_commit import main as check
from tests.conftest import Repo

JS_CONFIG = """\
module.exports = {
  extends: ['@commitlint/config-conventional'],
  rules: {
    'subject-case': [0],
    'type-enum': [2, 'always', ['feat', 'fix']],
    'header-max-length': [1, 'always', 72],
    'body-max-line-length': [2, 'always', Infinity],
    'scope-enum': () => [2, 'always', ['web']],
  },
  helpUrl: 'https://example.com/commits',
};
"""
TABLE = """\
# from commitlint.config.js
[{table}]
help-url = "https://example.com/commits"
[{table}.rules]
"body-max-line-length" = [2, "always", inf]
"header-max-length" = [1, "always", 72]
"subject-case" = [0]
"type-enum" = [2, "always", ["feat", "fix"]]
"""
WARNING = (
    "commitlint.config.js:8: warning: rules.scope-enum cannot be read without running the "
    "config; left out\n"
)


@pytest.mark.parametrize(
    ("files", "target", "table"),
    [
        # where the configuration lives
        ({"pyproject.toml": "[project]\nname = 'x'\n\n[tool.releaselint]\ninclude = []\n",
          "releaselint.toml": ""}, "pyproject.toml", "tool.releaselint.commits"),
        ({"pyproject.toml": "[project]\nname = 'x'\n", "releaselint.toml": "include = []"},
         "releaselint.toml", "commits"),
        # else pyproject.toml when there is one, else releaselint.toml
        ({"pyproject.toml": "[project]\r\nname = 'x'\r\n"}, "pyproject.toml", "tool.releaselint.commits"),
        ({}, "releaselint.toml", "commits"),
    ],
)  # fmt: skip
def test_import_appends_the_table_to_the_right_file(
    repo: Repo,
    capsys: pytest.CaptureFixture[str],
    files: dict[str, str],
    target: str,
    table: str,
) -> None:
    repo.write({**files, "commitlint.config.js": JS_CONFIG})
    before = {name: (repo.path / name).read_bytes() for name in files}
    assert main([]) == 0
    written = TABLE.format(table=table)
    assert capsys.readouterr().out == f"{WARNING}Wrote to {target}:\n{written}"
    old = before.get(target, b"").decode()
    newline = "\r\n" if "\r\n" in old else "\n"
    separator = "" if not old else newline if old.endswith("\n") else newline * 2
    assert repo.read(target) == old + separator + written.replace("\n", newline)
    for name, data in before.items():
        if name != target:
            assert (repo.path / name).read_bytes() == data
    # the table now decides, and gives the verdicts the commitlint config gave
    message = repo.path / "MSG"
    message.write_text("docs: Capital\n")
    assert check([str(message)]) == 1
    out = capsys.readouterr().out
    assert "type 'docs' is not one of feat, fix [type-enum]" in out
    assert out.splitlines()[-1] == "ⓘ Get help: https://example.com/commits"
    assert out.splitlines()[0] == (
        f"commitlint.config.js: warning: ignored: the rules of {target} commits apply; delete "
        "this file once nothing else uses it"
    )
    message.write_text("feat: Capital\n\n" + "x" * 500 + "\n")
    assert check([str(message)]) == 0


def test_import_without_extends_switches_the_defaults_off(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write({".commitlintrc.json": '{"rules": {"header-max-length": [2, "always", 50]}}'})
    assert main([]) == 0
    text = repo.read("releaselint.toml")
    assert text.startswith(
        '# from .commitlintrc.json\n[commits]\n[commits.rules]\n"header-max-length" = [2, "always", 50]\n'
    )
    assert '"type-enum" = [0]\n' in text
    assert '"release-as-semver" = [0]\n' in text
    message = repo.path / "MSG"
    message.write_text("whatever I like\n")
    assert check([str(message)]) == 0


@pytest.mark.parametrize(
    ("files", "error"),
    [
        ({"releaselint.toml": "[commits]\n", ".commitlintrc.json": "{}"},
         "error: releaselint.toml: [commits] exists already; nothing was written\n"),
        ({"pyproject.toml": "[tool.releaselint.commits]\ntypes = ['a']\n", ".commitlintrc.json": "{}"},
         "error: pyproject.toml: [tool.releaselint.commits] exists already; nothing was written\n"),
        ({}, "error: no commitlint config found (package.json#commitlint, .commitlintrc*, "
             "commitlint.config.*)\n"),
        ({"pyproject.toml": "tool = { releaselint = { include = [] } }\n",
          ".commitlintrc.json": "{}"},
         "error: [tool.releaselint.commits] cannot be appended: pyproject.toml:4: invalid TOML"),
    ],
)  # fmt: skip
def test_import_refuses(
    repo: Repo, capsys: pytest.CaptureFixture[str], files: dict[str, str], error: str
) -> None:
    repo.write(files)
    before = {name: (repo.path / name).read_bytes() for name in files}
    assert main([]) == 1
    assert capsys.readouterr().err.startswith(error)
    assert {name: (repo.path / name).read_bytes() for name in files} == before
    assert (repo.path / "releaselint.toml").exists() == ("releaselint.toml" in files)
