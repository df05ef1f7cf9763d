"""The published pieces agree: hook manifest, console scripts, docs, import budget."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib
import yaml

from releaselint.cli import COMMANDS, HOOKS
from tests.conftest import REPO_ROOT

MANIFEST = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text())
SCRIPTS = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]["scripts"]
HOOK_IDS = sorted({h["id"] for h in MANIFEST})


def test_every_manifest_hook_is_a_console_script_and_a_module() -> None:
    shared = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"]
    assert shared["targets"]["wheel"]["shared-scripts"] == {
        "bin/releaselint-hook": "releaselint-hook"
    }
    assert sorted(HOOKS) == sorted(n for n in SCRIPTS if n != "releaselint")
    for hook in MANIFEST:
        module = hook["id"].replace("-", "_")
        runner, entry = hook["entry"].split()[:2]
        assert runner == "releaselint-hook", hook["id"]
        assert entry in SCRIPTS, hook["id"]
        assert SCRIPTS[entry] == f"releaselint.hooks.{entry.replace('-', '_')}:main"
        assert module.startswith(entry.replace("-", "_"))


def test_every_hook_main_ends_a_broken_pipe_and_ctrl_c_quietly() -> None:
    """Each hook's ``main`` is wrapped by ``report.entry_point`` (no traceback when the
    reader goes, when Ctrl-C comes, or when the output is closed)."""
    for name, (path, _) in HOOKS.items():
        module = importlib.import_module(path)
        assert hasattr(module.main, "__wrapped__"), name


def test_hooks_given_many_files_run_in_one_process() -> None:
    """pre-commit splits the file names of a hook among processes, one a CPU, unless it is
    ``require_serial``: each process would then report the findings the repository has
    (internal pins, a lockfile several manifests share) once more."""
    for hook in MANIFEST:
        if hook.get("pass_filenames", True) and "commit-msg" not in hook.get("stages", []):
            assert hook.get("require_serial") is True, hook["id"]


def test_every_hook_module_is_in_the_aggregator_and_documented() -> None:
    for hook_id in HOOK_IDS:
        base = (
            hook_id.removesuffix("-range").removesuffix("-commit-msg").removesuffix("-consistency")
        )
        assert base in HOOKS
        assert (REPO_ROOT / "docs" / f"{base}.md").is_file(), base
    for name in ("bump", "configuration", "install", "tag"):
        assert (REPO_ROOT / "docs" / f"{name}.md").is_file()


@pytest.mark.parametrize("name", [n for n in HOOKS if n in {h["id"] for h in MANIFEST}])
def test_hook_modules_have_a_docstring_and_main(name: str) -> None:
    module = importlib.import_module(HOOKS[name][0])
    assert module.__doc__
    assert "\n" not in module.__doc__.strip()
    assert callable(module.main)


def test_configuration_doc_names_every_key() -> None:
    from releaselint.core import config

    text = (REPO_ROOT / "docs" / "configuration.md").read_text()
    keys = [*config.TOP_KEYS, *config.GROUP_KEYS, *config.EXTRA_FILE_KEYS]
    missing = [k for k in keys if f"`{k}`" not in text]
    assert missing == []


def pre_commit_validates(command: str, path: str) -> None:
    result = subprocess.run(
        (sys.executable, "-m", "pre_commit", command, path),
        cwd=REPO_ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_validate_manifest_with_the_real_pre_commit() -> None:
    pre_commit_validates("validate-manifest", ".pre-commit-hooks.yaml")


@pytest.mark.parametrize("name", ["bump", "check", "install", "tag"])
def test_commands_are_importable(name: str) -> None:
    module = importlib.import_module(COMMANDS[name][0])
    assert module.__doc__
    assert callable(module.main)
    assert (REPO_ROOT / "docs" / f"{name}.md").is_file() or name == "check"


def test_project_pre_commit_config_is_valid_and_runs_its_own_hooks() -> None:
    pre_commit_validates("validate-config", ".pre-commit-config.yaml")
    config = yaml.safe_load((REPO_ROOT / ".pre-commit-config.yaml").read_text())
    ids = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert {"check-version-alignment", "check-conventional-commit", "check-tag-semver"} <= ids


def test_justfile_has_the_recipes() -> None:
    text = (REPO_ROOT / "justfile").read_text()
    for recipe in ("check-version-alignment:", "check:", "test *args:"):
        assert f"\n{recipe}" in text


def _alignment_files_patterns() -> dict[str, str]:
    """The ``files:`` pattern of check-version-alignment, in the published manifest and in
    the project's own pre-commit config."""
    config = yaml.safe_load((REPO_ROOT / ".pre-commit-config.yaml").read_text())
    own = [h for r in config["repos"] for h in r["hooks"] if h["id"] == "check-version-alignment"]
    published = [h for h in MANIFEST if h["id"] == "check-version-alignment"]
    return {
        ".pre-commit-hooks.yaml": published[0]["files"],
        ".pre-commit-config.yaml": own[0]["files"],
    }


def test_files_patterns_follow_the_format_registry() -> None:
    from releaselint.core import formats

    expected = formats.files_regex()
    assert _alignment_files_patterns() == {
        ".pre-commit-hooks.yaml": expected,
        ".pre-commit-config.yaml": expected,
    }
    # and name for name: every name of the patterns is in the table, and every name of it
    # in the patterns
    for pattern in _alignment_files_patterns().values():
        body = pattern.removeprefix("(^|/)(").removesuffix(")$")
        names = {alternative.replace("\\", "") for alternative in body.split("|")}
        assert names == {*formats.names(), *formats.CONFIG_FILES}


def test_architecture_doc_lists_every_format() -> None:
    from releaselint.core import formats

    text = (REPO_ROOT / "docs" / "architecture.md").read_text()
    missing = [f for f in formats.FORMATS if f"| `{f.name}` | `{f.reader}` |" not in text]
    assert missing == []
