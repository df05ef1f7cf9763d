"""``bump`` in real layouts, proven with the real tools offline: the repository still resolves
after a major and a prerelease bump, and ``releaselint check`` passes. A test whose tool is
not installed is skipped with the reason (CI installs them); bump-my-version and tbump come
with the ``bench`` dependency group (``uv run --group bench pytest tests/test_bump_tools.py``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from releaselint.commands.bump import main as bump
from releaselint.commands.check import main as check
from tests.conftest import Repo

# read at import, before the fixture gives every test its own HOME: rustup finds its
# toolchains there
_RUSTUP_HOME = os.environ.get("RUSTUP_HOME") or os.path.expanduser("~/.rustup")
_BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(_BIN))
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


@pytest.fixture(autouse=True)
def tools_offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tools' caches in the test's folder (empty: nothing can come from a registry);
    ``bump --relock`` runs the same tools in the same environment."""
    for name, value in {
        "RUSTUP_HOME": _RUSTUP_HOME,
        "CARGO_HOME": str(tmp_path / "cargo-home"),
        "UV_CACHE_DIR": str(tmp_path / "uv-cache"),
        "UV_PYTHON": sys.executable,
        "npm_config_cache": str(tmp_path / "npm-cache"),
        "npm_config_store_dir": str(tmp_path / "pnpm-store"),
        "npm_config_update_notifier": "false",
        "POETRY_CACHE_DIR": str(tmp_path / "poetry-cache"),
    }.items():
        monkeypatch.setenv(name, value)


def run(repo: Repo, *argv: str, cwd: str = "") -> str:
    proc = subprocess.run(
        [_tool(argv[0]), *argv[1:]],
        cwd=repo.path / cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, f"{' '.join(argv)}:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def _toml_package(name: str, version: str, extra: str = "") -> str:
    return f'[package]\nname = "{name}"\nversion = "{version}"\nedition = "2021"\n{extra}'


# ------------------------------------------------------------------------------- layouts
def rust_maturin_napi(version: str = "1.4.0") -> dict[str, str]:
    """A Rust crate whose maturin and napi-rs bindings are members of its Cargo workspace."""
    return {
        "Cargo.toml": _toml_package(
            "corelib",
            version,
            '\n[workspace]\nmembers = ["bindings/python", "bindings/node"]\n',
        ),
        "src/lib.rs": "",
        "bindings/python/Cargo.toml": _toml_package(
            "corelib-py",
            version,
            f'\n[dependencies]\ncorelib = {{ path = "../..", version = "{version}" }}\n',
        ),
        "bindings/python/src/lib.rs": "",
        "bindings/python/pyproject.toml": (
            '[build-system]\nrequires = ["maturin>=1.5"]\nbuild-backend = "maturin"\n\n'
            '[project]\nname = "corelib"\ndynamic = ["version"]\n'
        ),
        "bindings/node/Cargo.toml": _toml_package(
            "corelib-node",
            version,
            f'\n[dependencies]\ncorelib = {{ path = "../..", version = "^{version}" }}\n',
        ),
        "bindings/node/src/lib.rs": "",
        "bindings/node/package.json": json.dumps(
            {
                "name": "@acme/corelib",
                "version": version,
                "napi": {"binaryName": "corelib", "targets": ["x86_64-unknown-linux-gnu"]},
                "optionalDependencies": {"@acme/corelib-linux-x64-gnu": version},
            },
            indent=2,
        )
        + "\n",
        "bindings/node/npm/linux-x64-gnu/package.json": json.dumps(
            {"name": "@acme/corelib-linux-x64-gnu", "version": version, "os": ["linux"]},
            indent=2,
        )
        + "\n",
    }


def cargo_workspace(version: str = "1.4.0") -> dict[str, str]:
    """A Cargo workspace whose crates inherit ``version.workspace = true``."""
    return {
        "Cargo.toml": (
            '[workspace]\nmembers = ["crates/*"]\nresolver = "2"\n\n'
            f'[workspace.package]\nversion = "{version}"\nedition = "2021"\n\n'
            "[workspace.dependencies]\n"
            f'corelib = {{ path = "crates/corelib", version = "{version}" }}\n'
        ),
        "crates/corelib/Cargo.toml": (
            '[package]\nname = "corelib"\nversion.workspace = true\nedition.workspace = true\n'
        ),
        "crates/corelib/src/lib.rs": "",
        "crates/app/Cargo.toml": (
            '[package]\nname = "app"\nversion.workspace = true\nedition.workspace = true\n\n'
            "[dependencies]\ncorelib = { workspace = true }\n"
        ),
        "crates/app/src/lib.rs": "",
    }


def npm_workspaces(version: str = "1.4.0") -> dict[str, str]:
    return {
        ".gitignore": "node_modules/\n",
        "package.json": json.dumps(
            {"name": "root", "private": True, "workspaces": ["packages/*"]}, indent=2
        )
        + "\n",
        "packages/core/package.json": json.dumps(
            {"name": "@acme/core", "version": version}, indent=2
        )
        + "\n",
        "packages/app/package.json": json.dumps(
            {
                "name": "@acme/app",
                "version": version,
                "dependencies": {"@acme/core": f"^{version}"},
                "devDependencies": {"@acme/core-exact": version},
            },
            indent=2,
        )
        + "\n",
        "packages/core-exact/package.json": json.dumps(
            {"name": "@acme/core-exact", "version": version}, indent=2
        )
        + "\n",
    }


def pnpm_workspace(version: str = "1.4.0") -> dict[str, str]:
    return {
        ".gitignore": "node_modules/\n",
        "package.json": json.dumps({"name": "root", "private": True}, indent=2) + "\n",
        "pnpm-workspace.yaml": "packages:\n  - 'packages/*'\n",
        "packages/core/package.json": json.dumps(
            {"name": "@acme/core", "version": version}, indent=2
        )
        + "\n",
        "packages/util/package.json": json.dumps(
            {"name": "@acme/util", "version": version}, indent=2
        )
        + "\n",
        "packages/app/package.json": json.dumps(
            {
                "name": "@acme/app",
                "version": version,
                "dependencies": {
                    "@acme/core": f"workspace:~{version}",
                    "@acme/util": "workspace:*",
                },
            },
            indent=2,
        )
        + "\n",
    }


def uv_workspace(version: str = "1.4.0") -> dict[str, str]:
    build = '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n'
    return {
        "pyproject.toml": (
            f'{build}[project]\nname = "app"\nversion = "{version}"\n'
            f'requires-python = ">=3.10"\ndependencies = ["corelib=={version}"]\n\n'
            f'[dependency-groups]\ndev = ["corelib-testing>={version}"]\n\n'
            '[tool.uv.workspace]\nmembers = ["packages/*"]\n\n'
            "[tool.uv.sources]\ncorelib = { workspace = true }\n"
            "corelib-testing = { workspace = true }\n"
        ),
        "src/app/__init__.py": "",
        "packages/corelib/pyproject.toml": (
            f'{build}[project]\nname = "corelib"\nversion = "{version}"\n'
            'requires-python = ">=3.10"\n'
        ),
        "packages/corelib/src/corelib/__init__.py": "",
        "packages/corelib-testing/pyproject.toml": (
            f'{build}[project]\nname = "corelib-testing"\nversion = "{version}"\n'
            f'requires-python = ">=3.10"\ndependencies = ["corelib~={version}"]\n\n'
            "[tool.uv.sources]\ncorelib = { workspace = true }\n"
        ),
        "packages/corelib-testing/src/corelib_testing/__init__.py": "",
    }


def poetry_paths(version: str = "1.4.0") -> dict[str, str]:
    """Poetry 2: PEP 621 requirements, the sibling taken from its folder by
    ``[tool.poetry.dependencies]``."""
    build = (
        '[build-system]\nrequires = ["poetry-core>=2"]\nbuild-backend = "poetry.core.masonry.api"\n'
    )
    return {
        "pyproject.toml": (
            f'[project]\nname = "app"\nversion = "{version}"\nrequires-python = ">=3.10"\n'
            f'dependencies = ["corelib=={version}"]\n\n'
            "[tool.poetry]\npackage-mode = false\n\n"
            '[tool.poetry.dependencies]\ncorelib = { path = "packages/corelib", develop = true }\n\n'
            + build
        ),
        "packages/corelib/pyproject.toml": (
            f'[project]\nname = "corelib"\nversion = "{version}"\nrequires-python = ">=3.10"\n\n'
            + build
        ),
        "packages/corelib/corelib/__init__.py": "",
    }


# --------------------------------------------------------------------------- the proofs
def _cargo_resolves(repo: Repo) -> None:
    # --locked: Cargo.lock must already hold every crate's version
    run(repo, "cargo", "metadata", "--offline", "--locked", "--format-version", "1")


def _npm_resolves(repo: Repo) -> None:
    # npm ci refuses a lockfile out of step with the manifests; offline, a range the
    # workspace member no longer satisfies would have to come from the registry
    run(repo, "npm", "ci", "--offline", "--ignore-scripts", "--no-audit", "--no-fund")
    run(repo, "npm", "ls", "--all")


def _pnpm_resolves(repo: Repo) -> None:
    run(repo, "pnpm", "install", "--frozen-lockfile", "--offline")


def _uv_resolves(repo: Repo) -> None:
    run(repo, "uv", "lock", "--check", "--offline")


def _poetry_resolves(repo: Repo) -> None:
    run(repo, "poetry", "check", "--lock")


LAYOUTS: dict[str, tuple[Callable[[str], dict[str, str]], Sequence[str], Callable[[Repo], None]]]
LAYOUTS = {
    "rust-maturin-napi": (
        rust_maturin_napi,
        ("cargo", "generate-lockfile", "--offline"),
        _cargo_resolves,
    ),
    "cargo-workspace": (
        cargo_workspace,
        ("cargo", "generate-lockfile", "--offline"),
        _cargo_resolves,
    ),
    "npm-workspaces": (
        npm_workspaces,
        ("npm", "install", "--package-lock-only", "--ignore-scripts", "--offline"),
        _npm_resolves,
    ),
    "pnpm-workspace": (
        pnpm_workspace,
        ("pnpm", "install", "--lockfile-only", "--offline"),
        _pnpm_resolves,
    ),
    "uv-workspace": (uv_workspace, ("uv", "lock", "--offline"), _uv_resolves),
    "poetry-paths": (poetry_paths, ("poetry", "lock"), _poetry_resolves),
}


def _setup(repo: Repo, name: str) -> Callable[[Repo], None]:
    layout, lock, resolves = LAYOUTS[name]
    _tool(lock[0])
    for version in ("1.3.0", "1.4.0"):
        repo.write(layout(version))
        run(repo, *lock)
        repo.commit(f"chore(release): {version}")
        repo.git("tag", "-a", f"v{version}", "-m", f"Release {version}")
    resolves(repo)
    return resolves


def _check_passes(capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    code = check(["--quiet"])
    assert code == 0, capsys.readouterr()


# the layouts whose lockfiles record requirements that releaselint does not rewrite itself
# (pnpm-lock.yaml's specifiers, poetry.lock's content hash); Cargo's command is named where
# a crate's requirements change, though Cargo.lock records none
RELOCKED = {"rust-maturin-napi", "cargo-workspace", "pnpm-workspace", "poetry-paths"}


def _bump_and_relock(
    repo: Repo, capsys: pytest.CaptureFixture[str], argv: list[str], relock: bool
) -> list[str]:
    """Bump, then run the lock commands the plan names, as printed: they are exact."""
    capsys.readouterr()
    assert bump([*argv, "--relock"] if relock else argv) == 0, capsys.readouterr()
    out = capsys.readouterr().out
    commands = [line.split(": ", 1)[1] for line in out.splitlines() if "then relock: " in line]
    if not relock:
        for command in commands:
            folder, _, argv_text = command.rpartition(" && ")
            run(repo, *argv_text.split(), cwd=folder.removeprefix("cd "))
    return commands


@pytest.mark.parametrize("name", list(LAYOUTS))
@pytest.mark.parametrize(
    ("argv", "version"),
    [(["major"], "2.0.0"), (["prerelease", "--preid", "rc"], "1.4.1-rc.0")],
)
def test_the_repository_still_resolves(
    repo: Repo, capsys: pytest.CaptureFixture[str], name: str, argv: list[str], version: str
) -> None:
    resolves = _setup(repo, name)
    commands = _bump_and_relock(repo, capsys, argv, relock=False)
    assert bool(commands) == (name in RELOCKED), commands
    resolves(repo)
    _check_passes(capsys)
    repo.commit(f"chore(release): {version}")
    repo.git("tag", "-a", f"v{version}", "-m", f"Release {version}")
    # and once more from there, the commands run by bump itself
    _bump_and_relock(repo, capsys, ["major"], relock=True)
    resolves(repo)
    _check_passes(capsys)


def test_a_version_workspace_crate_moves_in_cargo_lock(repo: Repo) -> None:
    _setup(repo, "cargo-workspace")
    assert bump(["major"]) == 0
    lock = repo.read("Cargo.lock")
    assert '[[package]]\nname = "app"\nversion = "2.0.0"\n' in lock
    assert '[[package]]\nname = "corelib"\nversion = "2.0.0"\n' in lock
    assert repo.read("Cargo.toml").endswith(
        'corelib = { path = "crates/corelib", version = "2.0.0" }\n'
    )
    # Cargo.lock needs nothing more: cargo reads it as it is
    _cargo_resolves(repo)


def test_maturin_takes_its_version_from_the_bumped_crate(repo: Repo) -> None:
    _setup(repo, "rust-maturin-napi")
    assert bump(["major"]) == 0
    for path in ("Cargo.toml", "bindings/python/Cargo.toml", "bindings/node/Cargo.toml"):
        assert 'version = "2.0.0"\n' in repo.read(path)
    node = json.loads(repo.read("bindings/node/package.json"))
    assert node["optionalDependencies"] == {"@acme/corelib-linux-x64-gnu": "2.0.0"}
    assert 'corelib = { path = "../..", version = "^2.0.0" }' in repo.read(
        "bindings/node/Cargo.toml"
    )


def test_npm_ranges_keep_their_operator(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    _setup(repo, "npm-workspaces")
    capsys.readouterr()
    assert bump(["major"]) == 0
    out = capsys.readouterr().out
    app = json.loads(repo.read("packages/app/package.json"))
    assert app["dependencies"] == {"@acme/core": "^2.0.0"}
    assert app["devDependencies"] == {"@acme/core-exact": "2.0.0"}
    # package-lock.json's copies of the ranges move with them: nothing to relock
    assert out == (
        "@acme/app: 1.4.0 -> 2.0.0\n"
        "  package-lock.json:26: packages[\"packages/app\"].version '1.4.0' -> '2.0.0'\n"
        '  package-lock.json:28: packages["packages/app"].dependencies @acme/core '
        "'^1.4.0' -> '^2.0.0'\n"
        '  package-lock.json:31: packages["packages/app"].devDependencies @acme/core-exact '
        "'1.4.0' -> '2.0.0'\n"
        "  package-lock.json:36: packages[\"packages/core\"].version '1.4.0' -> '2.0.0'\n"
        "  package-lock.json:40: packages[\"packages/core-exact\"].version '1.4.0' -> '2.0.0'\n"
        "  packages/app/package.json:3: .version '1.4.0' -> '2.0.0'\n"
        "  packages/app/package.json:5: dependencies @acme/core '^1.4.0' -> '^2.0.0'\n"
        "  packages/app/package.json:8: devDependencies @acme/core-exact '1.4.0' -> '2.0.0'\n"
        "  packages/core-exact/package.json:3: .version '1.4.0' -> '2.0.0'\n"
        "  packages/core/package.json:3: .version '1.4.0' -> '2.0.0'\n"
        "Updating package-lock.json\n"
        "Updating packages/app/package.json\n"
        "Updating packages/core-exact/package.json\n"
        "Updating packages/core/package.json\n"
    )


def test_pnpm_workspace_protocol(repo: Repo) -> None:
    _setup(repo, "pnpm-workspace")
    assert bump(["major"]) == 0
    app = json.loads(repo.read("packages/app/package.json"))
    assert app["dependencies"] == {"@acme/core": "workspace:~2.0.0", "@acme/util": "workspace:*"}


def test_uv_sources_stay_and_pins_move(repo: Repo) -> None:
    _setup(repo, "uv-workspace")
    before = repo.read("pyproject.toml")
    assert bump(["prerelease", "--preid", "rc"]) == 0
    after = repo.read("pyproject.toml")
    assert after == before.replace('version = "1.4.0"', 'version = "1.4.1rc0"').replace(
        "corelib==1.4.0", "corelib==1.4.1rc0"
    )
    # ~=1.4.0 admits 1.4.1rc0 (PEP 440 compares a present prerelease like any version)
    assert "corelib~=1.4.0" in repo.read("packages/corelib-testing/pyproject.toml")


# ------------------------------------------------------------ bump-my-version and tbump
def test_bump_my_version_and_tbump_keep_working(repo: Repo) -> None:
    _tool("bump-my-version")
    _tool("tbump")
    files = {
        "package.json": '{\n  "name": "x",\n  "version": "1.4.0"\n}\n',
        ".bumpversion.toml": (
            '[tool.bumpversion]\ncurrent_version = "1.4.0"\ncommit = false\ntag = false\n\n'
            '[[tool.bumpversion.files]]\nfilename = "package.json"\n'
        ),
        "tbump.toml": (
            '[version]\ncurrent = "1.4.0"\n'
            "regex = '''(?P<major>\\d+)\\.(?P<minor>\\d+)\\.(?P<patch>\\d+)'''\n\n"
            '[git]\nmessage_template = "Bump to {new_version}"\ntag_template = "v{new_version}"\n\n'
            '[[file]]\nsrc = "package.json"\n'
        ),
    }
    repo.commit(files=files)
    assert bump(["minor"]) == 0
    assert 'current_version = "1.5.0"' in repo.read(".bumpversion.toml")
    assert 'current = "1.5.0"' in repo.read("tbump.toml")
    repo.commit("chore(release): 1.5.0")
    # each tool finds the current version it records in every file it lists (they fail
    # with "Did not find '1.4.0'" where it is stale)
    assert run(repo, "bump-my-version", "show", "current_version") == "1.5.0\n"
    run(repo, "bump-my-version", "bump", "patch", "--dry-run")
    run(repo, "tbump", "--dry-run", "--non-interactive", "--only-patch", "1.5.1")
    run(repo, "bump-my-version", "bump", "patch")
    assert '"version": "1.5.1"' in repo.read("package.json")


def test_tag_bump_commits_the_relocked_lockfile(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    from releaselint.commands.tag import main as tag

    _setup(repo, "pnpm-workspace")
    head = repo.git("rev-parse", "HEAD").strip()
    capsys.readouterr()
    assert tag(["2.0.0", "--bump"]) == 1
    assert capsys.readouterr().err == (
        "error: the bump changes internal requirements and so the lockfiles; pass --relock to "
        "update them in the release commit (pnpm install --lockfile-only --offline)\n"
    )
    assert repo.git("rev-parse", "HEAD").strip() == head
    assert repo.git("status", "--porcelain") == ""
    assert tag(["2.0.0", "--bump", "--relock"]) == 0
    assert repo.git("status", "--porcelain") == ""
    assert repo.git("show", "--name-only", "--format=%s", "v2.0.0^{commit}").splitlines() == [
        "chore(release): 2.0.0",
        "",
        "packages/app/package.json",
        "packages/core/package.json",
        "packages/util/package.json",
        "pnpm-lock.yaml",
    ]
    _pnpm_resolves(repo)
    _check_passes(capsys)
