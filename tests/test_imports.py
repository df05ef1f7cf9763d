"""Start-up is a feature: after a real run of each hook in a small repository, the modules
that only some runs need (or none should) stayed out of ``sys.modules``.

Each hook runs as git or pre-commit runs it, in a child process, and reports the modules it
imported when it exits. Nothing here skips: a module that cannot be imported fails the test.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Repo, bare_python_env
from tests.layouts import released, rust_with_bindings

# Never on a hook's path: process spawning is os.posix_spawn, the network is never used,
# writes are the only users of tempfile, and the readers of formats a run does not meet are
# imported when one is met.
NEVER = (
    "subprocess", "typing", "threading", "socket", "ssl", "select", "selectors", "asyncio",
    "email", "urllib", "http", "hashlib", "difflib", "importlib.metadata", "json5", "yaml",
    "tomllib", "tomli", "packaging", "packaging.specifiers", "packaging.requirements",
    "tempfile", "shutil", "releaselint.core.release_please",
)  # fmt: skip

REPORTER = """
import atexit, runpy, sys
out, module, *argv = sys.argv[1:]
atexit.register(lambda: open(out, "w").write("\\n".join(sorted(sys.modules))))
sys.argv = [module, *argv]
runpy.run_module(module, run_name="__main__")
"""


def imported(repo: Repo, tmp_path: Path, module: str, *argv: str) -> set[str]:
    out = tmp_path / "modules.txt"
    result = subprocess.run(
        (sys.executable, "-c", REPORTER, str(out), module, *argv),
        cwd=repo.path,
        capture_output=True,
        text=True,
        env=bare_python_env(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return set(out.read_text().split("\n"))


@pytest.fixture
def released_repo(repo: Repo) -> Repo:
    released(repo, rust_with_bindings)
    repo.commit("feat: add the thing", files=rust_with_bindings("1.5.0"))
    repo.git("tag", "-a", "v1.5.0", "-m", "Release 1.5.0")
    return repo


@pytest.mark.parametrize(
    ("module", "argv"),
    [
        ("releaselint.hooks.check_version_alignment", ()),
        ("releaselint.hooks.check_tag_semver", ("--ref", "v1.5.0")),
        ("releaselint.hooks.check_conventional_commit", ("MSG",)),
        ("releaselint.hooks.check_conventional_commit", ("--from", "v1.4.0")),
    ],
)
def test_a_hook_run_leaves_the_heavy_modules_out(
    released_repo: Repo, tmp_path: Path, module: str, argv: tuple[str, ...]
) -> None:
    (released_repo.path / "MSG").write_text("fix(core): handle empty input\n")
    # the first run of a hook fills the history cache (a write); the runs after it are
    # what every commit pays
    imported(released_repo, tmp_path, module, *argv)
    loaded = imported(released_repo, tmp_path, module, *argv)
    assert sorted(loaded.intersection(NEVER)) == []
    assert "releaselint.core" in loaded  # the run really happened in this process
    if not any(arg.startswith("-") for arg in argv):
        # the runs git and pre-commit make pass no option: argparse is for the others
        assert sorted(loaded.intersection(("argparse", "gettext"))) == []


def test_the_alignment_hook_reads_plain_files_without_re_or_json(
    released_repo: Repo, tmp_path: Path
) -> None:
    """A commit's run of check-version-alignment on a repository of plain manifests, a
    lockfile and release tags: regular expressions, the json package and enum (~7 ms to
    import) stay out."""
    module = "releaselint.hooks.check_version_alignment"
    imported(released_repo, tmp_path, module)
    loaded = imported(released_repo, tmp_path, module)
    assert sorted(loaded.intersection(("re", "json", "enum", "argparse", "fnmatch"))) == []


def test_the_pins_hook_on_one_project_leaves_packaging_out(repo: Repo, tmp_path: Path) -> None:
    """A commit that edits the manifest of a repository's one Python project: its plain
    requirements are read without packaging (~30 ms to import), and no stale internal pin
    is possible, so none is looked for."""
    pyproject = (
        '[project]\nname = "app"\nversion = "1.0.0"\n'
        'dependencies = ["requests>=2.31", "idna[all]", "rich ~= 13.7"]\n'
        '[dependency-groups]\ndev = ["pytest>=8"]\n'
    )
    lock = (
        'version = 1\nrevision = 3\nrequires-python = ">=3.10"\n\n[[package]]\nname = "app"\n'
        'version = "1.0.0"\nsource = { virtual = "." }\n\n[package.metadata]\nrequires-dist = [\n'
        '    { name = "idna", extras = ["all"] },\n    { name = "requests", specifier = ">=2.31" },\n'
        '    { name = "rich", specifier = "~=13.7" },\n]\n\n[package.metadata.requires-dev]\n'
        'dev = [{ name = "pytest", specifier = ">=8" }]\n'
    )
    repo.write({"pyproject.toml": pyproject, "uv.lock": lock})
    repo.git("add", "-A")
    module = "releaselint.hooks.check_lockfile_pins"
    imported(repo, tmp_path, module, "pyproject.toml")
    loaded = imported(repo, tmp_path, module, "pyproject.toml")
    assert "releaselint.core.pins" in loaded
    assert sorted(loaded.intersection(NEVER)) == []


@pytest.mark.parametrize("fixture", ["pnpm-workspace", "pnpm-catalog", "pnpm-registry"])
def test_the_pins_hook_reads_pnpm_files_without_pyyaml(
    repo: Repo, tmp_path: Path, fixture: str
) -> None:
    """pnpm-lock.yaml and pnpm-workspace.yaml as pnpm writes them are read without PyYAML
    (~20 ms to import), the lockfile changed or not."""
    import shutil

    shutil.copytree(
        Path(__file__).parent / "data" / "lockfiles" / fixture, repo.path, dirs_exist_ok=True
    )
    repo.git("add", "-A")
    module = "releaselint.hooks.check_lockfile_pins"
    # the first run reads the lockfile (and writes its cache), the second reads the cache
    first = imported(repo, tmp_path, module, "package.json", "pnpm-lock.yaml")
    assert "releaselint.core.pins.pnpm" in first
    assert "yaml" not in first
    loaded = imported(repo, tmp_path, module, "package.json", "pnpm-lock.yaml")
    assert sorted(loaded.intersection(NEVER)) == []


def test_the_pins_hook_hashes_a_poetry_lock_without_hashlib(repo: Repo, tmp_path: Path) -> None:
    """Poetry's content-hash is a SHA-256 of JSON: CPython's own sha256 and the caches'
    JSON writer do it, without hashlib's OpenSSL or json (~5 ms to import)."""
    import shutil

    fixture = Path(__file__).parent / "data" / "lockfiles" / "poetry-registry"
    shutil.copytree(fixture, repo.path, dirs_exist_ok=True)
    repo.git("add", "-A")
    module = "releaselint.hooks.check_lockfile_pins"
    imported(repo, tmp_path, module, "pyproject.toml")
    loaded = imported(repo, tmp_path, module, "pyproject.toml")
    assert "releaselint.core.poetry_hash" in loaded
    assert sorted(loaded.intersection((*NEVER, "json"))) == []
