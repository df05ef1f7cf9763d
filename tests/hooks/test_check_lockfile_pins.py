from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from releaselint.core import pins
from releaselint.hooks import fix_lockfile_pins
from releaselint.hooks.check_lockfile_pins import main
from tests.conftest import Repo

FIXTURES = Path(__file__).parent.parent / "data" / "lockfiles"
# read at import, before each test's isolated HOME: where the tools and their caches are
REAL_HOME = os.path.expanduser("~")
# tests that resolve from PyPI or npm run where RELEASELINT_NETWORK=1 (CI)
network = pytest.mark.skipif(
    os.environ.get("RELEASELINT_NETWORK") != "1", reason="needs a package registry"
)


def _tool(name: str) -> str | None:
    found = shutil.which(name) or shutil.which(name, path=os.path.join(REAL_HOME, ".local", "bin"))
    return found


def copy_fixture(repo: Repo, name: str) -> None:
    shutil.copytree(FIXTURES / name, repo.path, dirs_exist_ok=True)
    repo.commit("chore: init")


# The real tool's own check, run offline: exit 0 means the lockfile is up to date.
ORACLES = {
    "uv": ["uv", "lock", "--check", "--offline"],
    "poetry": ["poetry", "check", "--lock"],
    "npm": ["npm", "ci", "--dry-run", "--offline", "--ignore-scripts"],
    # --lockfile-only: pnpm's frozen check without the install, which needs no store
    "pnpm": [
        "pnpm",
        "install",
        "--frozen-lockfile",
        "--lockfile-only",
        "--offline",
        "--ignore-scripts",
    ],
    "cargo": ["cargo", "metadata", "--locked", "--offline", "--format-version", "1"],
}


@pytest.fixture(autouse=True)
def tool_homes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The isolated HOME hides rustup's toolchains and the tools' caches: point at the
    machine's, so that the tools run offline."""
    home = REAL_HOME
    for variable, folder in (("RUSTUP_HOME", ".rustup"), ("CARGO_HOME", ".cargo")):
        if variable not in os.environ and os.path.isdir(os.path.join(home, folder)):
            monkeypatch.setenv(variable, os.path.join(home, folder))
    if "UV_CACHE_DIR" not in os.environ:
        monkeypatch.setenv("UV_CACHE_DIR", os.path.join(home, ".cache", "uv"))


def tool_accepts(repo: Repo, tool: str) -> bool:
    argv = ORACLES[tool]
    program = _tool(argv[0])
    if program is None:
        pytest.skip(f"{argv[0]} is not installed")
    proc = subprocess.run(
        [program, *argv[1:]], cwd=repo.path, capture_output=True, text=True, check=False
    )
    shutil.rmtree(repo.path / "node_modules", ignore_errors=True)
    for folder in repo.path.glob("**/node_modules"):
        shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(repo.path / "target", ignore_errors=True)
    return proc.returncode == 0


def hook_verdict(capsys: pytest.CaptureFixture[str]) -> tuple[bool | None, str]:
    """True (clean), False (drift), None (only "cannot verify offline" warnings)."""
    code = main([])
    out = capsys.readouterr().out
    if code == 0 and "cannot verify offline" in out:
        return None, out
    return code == 0, out


# (fixture, tool, file, old, new, deliberately stricter than the tool)
MUTATIONS = [
    # uv: versions, pins, groups, extras, sources, whitespace, markers
    ("uv-workspace", "uv", "pyproject.toml", 'version = "1.0.0"', 'version = "1.0.1"', False),
    ("uv-workspace", "uv", "pyproject.toml", '"liba>=0.3"', '"liba >= 0.3"', False),
    ("uv-workspace", "uv", "pyproject.toml", 'test = ["liba"]', "test = []", False),
    ("uv-workspace", "uv", "pyproject.toml", 'dev = ["libb"]', 'dev = ["libb", "liba"]', False),
    ("uv-workspace", "uv", "pyproject.toml", '{include-group = "dev"}, ', "", False),
    ("uv-workspace", "uv", "pyproject.toml", ">= '3.10'", ">='3.10'", False),
    ("uv-workspace", "uv", "pyproject.toml", "libb[fast]", "libb", False),
    ("uv-workspace", "uv", "pyproject.toml", 'requires-python = ">=3.9"', 'requires-python = ">=3.10"', False),
    ("uv-workspace", "uv", "packages/liba/pyproject.toml", '"0.3.0"', '"0.4.0"', False),
    ("uv-workspace", "uv", "packages/libb/pyproject.toml", "fast = []", "fast = []\nturbo = []", False),
    ("uv-workspace", "uv", "pyproject.toml", "[tool.uv.workspace]", "[tool.uv.workspace]\nexclude = []", False),
    ("uv-legacy-dev", "uv", "pyproject.toml", '["helper"]', "[]", False),
    ("uv-legacy-dev", "uv", "pyproject.toml", '["helper"]', '["helper>=2"]', False),
    ("uv-legacy-dev", "uv", "helper/pyproject.toml", '"2.0.0"', '"2.1.0"', False),
    ("uv-legacy-dev", "uv", "helper/pyproject.toml", 'requires-python = ">=3.11"', 'requires-python = ">=3.12"', False),
    ("uv-registry", "uv", "pyproject.toml", '"idna>=3.5"', '"idna>=3.4"', False),
    ("uv-registry", "uv", "pyproject.toml", '"iniconfig >=2, <3"', '"iniconfig<3,>=2"', False),
    ("uv-registry", "uv", "pyproject.toml", '"idna<4"', '"idna<5"', False),
    ("uv-registry", "uv", "pyproject.toml", '"idna>=3.5"', '"idna>=3.5.0"', False),
    ("uv-registry", "uv", "pyproject.toml", '"idna>=3.5"', '"idna>=3.5, ==3.*"', False),
    ("uv-registry", "uv", "pyproject.toml", '"PySocks>=1.7"', '"pysocks >=1.7"', False),
    ("uv-registry", "uv", "pyproject.toml", "socks = [", "proxy = [", False),
    ("uv-registry", "uv", "pyproject.toml", "[tool.uv]\n", '[tool.uv.sources]\nidna = { git = "https://github.com/kjd/idna" }\n\n[tool.uv]\n', False),
    ("uv-registry", "uv", "pyproject.toml", 'version = "2.1.0"', 'version = "2.1.0.post0"', False),
    # uv: a dependency group's requires-python, a marker on each of its requirements
    ("uv-group-python", "uv", "pyproject.toml", 'dev = { requires-python = ">=3.12" }', 'dev = { requires-python = ">=3.13" }', False),
    ("uv-group-python", "uv", "pyproject.toml", 'lint = { requires-python = ">=3.9" }\n', "", False),
    ("uv-group-python", "uv", "pyproject.toml", 'dev = ["libb"]', 'dev = ["libb", "liba"]', False),
    ("uv-group-python", "uv", "pyproject.toml", 'lint = [{include-group = "dev"}, "liba"]', 'lint = ["liba"]', False),
    ("uv-group-python", "uv", "pyproject.toml", '[tool.uv.dependency-groups]\n', '[tool.uv.dependency-groups]\nother = { requires-python = ">=3.12" }\n', False),
    # uv: markers in other spellings of the same function pass; other functions do not
    ("uv-markers", "uv", "pyproject.toml", 'platform_python_implementation == "CPython" and python_version >= "3.10"', "python_version >= '3.10' and platform_python_implementation == 'CPython'", False),
    ("uv-markers", "uv", "pyproject.toml", 'platform_system == "Windows"', 'sys_platform == "win32"', False),
    ("uv-markers", "uv", "pyproject.toml", 'python_version > "3.10" and python_version <= "3.12"', 'python_full_version >= "3.11" and python_full_version < "3.13"', False),
    ("uv-markers", "uv", "pyproject.toml", 'python_version < "3.12" or platform_system == "Linux"', 'platform_system == "Linux" or python_version < "3.12"', False),
    ("uv-markers", "uv", "pyproject.toml", '"win32" == sys_platform and (os_name == "nt" or python_version != "3.11")', '(python_version != "3.11" or os_name == "nt") and sys_platform == "win32"', False),
    ("uv-markers", "uv", "pyproject.toml", 'platform_system == "Windows"', 'platform_system == "Darwin"', False),
    ("uv-markers", "uv", "pyproject.toml", 'python_version == "3.13"', 'python_version == "3.14"', False),
    ("uv-markers", "uv", "pyproject.toml", 'python_version < "3.12" or platform_system', 'python_version < "3.12" and platform_system', False),
    ("uv-markers", "uv", "pyproject.toml", 'platform_system != "Darwin" and ', "", False),
    # Poetry: what the content-hash covers, and what it does not
    ("poetry-project", "poetry", "pyproject.toml", 'description = ""', 'description = "x"', False),
    ("poetry-project", "poetry", "pyproject.toml", 'version = "1.2.0"', 'version = "1.3.0"', False),
    ("poetry-project", "poetry", "pyproject.toml", 'python = "^3.10"', 'python = "^3.11"', False),
    ("poetry-project", "poetry", "pyproject.toml", 'core = { path = "core" }', 'core = { path = "core", develop = true }', False),
    ("poetry-project", "poetry", "pyproject.toml", "develop = true }", "develop=true}", False),
    ("poetry-registry", "poetry", "pyproject.toml", '["iniconfig>=2"]', '["iniconfig>=2.1"]', False),
    ("poetry-registry", "poetry", "pyproject.toml", '["iniconfig>=2.0"]', '["iniconfig>=2.1"]', False),
    ("poetry-registry", "poetry", "pyproject.toml", "https://pypi.org/simple/", "https://pypi.org/simple", False),
    ("poetry-registry", "poetry", "pyproject.toml", 'version = "0.9.0"', 'version = "1.0.0"', False),
    ("poetry-registry", "poetry", "pyproject.toml", 'cli = ["iniconfig"]', 'cli = ["iniconfig", "idna"]', False),
    # npm: the four maps as strings and both versions, stricter than `npm ci`
    ("npm-workspace", "npm", "packages/b/package.json", '"^1.0.0"', '"^1.0.1"', False),
    ("npm-workspace", "npm", "packages/b/package.json", '"^1.0.0"', '"1.x"', True),
    ("npm-workspace", "npm", "packages/b/package.json", '">=1"', '">=1.0"', True),
    ("npm-workspace", "npm", "package.json", '"version": "1.0.0"', '"version": "1.0.1"', True),
    ("npm-workspace", "npm", "packages/a/package.json", '"version": "1.0.0"', '"version": "1.0.1"', True),
    ("npm-workspace", "npm", "package.json", '  "private"', '    "private"', False),
    ("npm-workspace", "npm", "packages/a/package.json", '"version": "1.0.0"', '"version": "1.0.0",\n  "dependencies": {"@x/b": "*"}', True),
    # `npm ci` ignores the ranges of workspace links in the root's maps
    ("npm-workspace", "npm", "package.json", '"@x/b": "2.0.0"', '"@x/b": "2.0.1"', True),
    # pnpm: each importer's specifiers, workspace: protocols included
    ("pnpm-workspace", "pnpm", "packages/b/package.json", "workspace:^1.0.0", "workspace:^1.0.1", False),
    ("pnpm-workspace", "pnpm", "package.json", '"workspace:^"', '"workspace:*"', False),
    ("pnpm-workspace", "pnpm", "packages/a/package.json", '"1.0.0"', '"1.1.0"', False),
    ("pnpm-workspace", "pnpm", "package.json", '  "name"', '   "name"', False),
    ("pnpm-workspace", "pnpm", "packages/a/package.json", '"version": "1.0.0"', '"version": "1.0.0",\n  "dependencies": {"b": "workspace:*"}', False),
    ("pnpm-workspace", "pnpm", "pnpm-workspace.yaml", "  b: workspace:*\n", "  b: workspace:*\n  a: workspace:*\n", False),
    ("pnpm-workspace", "pnpm", "pnpm-workspace.yaml", "  b: workspace:*\n", "  b: 'workspace:*'\n", False),
    ("pnpm-workspace", "pnpm", "pnpm-workspace.yaml", "overrides:\n  b: workspace:*\n", "", False),
    # a peer pnpm installs itself: its range is compared, its absence is drift
    ("pnpm-peers", "pnpm", "packages/b/package.json", '"a": "workspace:^"', '"a": "workspace:*"', False),
    ("pnpm-peers", "pnpm", "packages/b/package.json", '"a": "workspace:^"', '"c": "workspace:^"', False),
    ("pnpm-peers", "pnpm", "packages/b/package.json", '"devDependencies": {}', '"devDependencies": {"a": "workspace:^"}', False),
    ("pnpm-peers", "pnpm", "packages/b/package.json", '  "name"', '   "name"', False),
    # pnpm: the manifest as pnpm rewrites it before comparing (a `!` glob, a name in two
    # maps, an override's file: path relative to each importer, an overridden peer)
    ("pnpm-rewrites", "pnpm", "pnpm-workspace.yaml", "  - '!packages/skipped'\n", "", False),
    ("pnpm-rewrites", "pnpm", "packages/b/package.json", '"devDependencies": {\n    "a": "workspace:*"', '"devDependencies": {\n    "a": "workspace:^"', False),
    ("pnpm-rewrites", "pnpm", "packages/b/package.json", '"dependencies": {\n    "a": "workspace:*"', '"dependencies": {\n    "a": "workspace:^"', False),
    ("pnpm-rewrites", "pnpm", "packages/e/package.json", '"d": "^1.0.0"', '"d": "^1.1.0"', False),
    ("pnpm-rewrites", "pnpm", "packages/e/package.json", '"d": "*"', '"d": "^1"', False),
    ("pnpm-rewrites", "pnpm", "packages/e/package.json", '"devDependencies": {\n    "d": "^1.0.0"\n  }', '"devDependencies": {}', False),
    ("pnpm-rewrites", "pnpm", "pnpm-workspace.yaml", "file:local/d", "file:./local/d", False),
    # Cargo: members' versions, inherited versions, the dependency lists
    ("cargo-workspace", "cargo", "crates/helper/Cargo.toml", '"0.1.3"', '"0.1.4"', False),
    ("cargo-workspace", "cargo", "Cargo.toml", 'version = "1.4.0"\nedition', 'version = "1.5.0"\nedition', False),
    ("cargo-workspace", "cargo", "crates/cli/Cargo.toml", 'edition = "2021"', 'edition  =  "2021"', False),
    ("cargo-workspace", "cargo", "crates/cli/Cargo.toml", '\n[dev-dependencies]\nhelper = { path = "../helper", version = "0.1" }\n', "", False),
    ("cargo-workspace", "cargo", "crates/cli/Cargo.toml", "corelib.workspace = true", 'corelib = { path = "../core" }', False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("fixture", "tool", "path", "old", "new", "stricter"),
    MUTATIONS,
    ids=[f"{m[0]}:{m[2]}:{m[4][:24]}" for m in MUTATIONS],
)
def test_mutation_verdict_is_the_tools(
    repo: Repo,
    capsys: pytest.CaptureFixture[str],
    fixture: str,
    tool: str,
    path: str,
    old: str,
    new: str,
    stricter: bool,
) -> None:
    copy_fixture(repo, fixture)
    text = repo.read(path)
    assert text.count(old) == 1, f"the mutation must match once: {old!r}"
    repo.write({path: text.replace(old, new)})
    accepted = tool_accepts(repo, tool)
    verdict, out = hook_verdict(capsys)
    if stricter:
        assert (accepted, verdict) == (True, False), out
        assert "stricter than `npm ci`" in out
    elif verdict is None:
        assert not accepted, out  # "cannot verify offline" only where the tool says stale
    else:
        assert verdict == accepted, out


@pytest.mark.parametrize(
    ("old", "new", "strict"),
    [
        ('"^3.0.1"', '"^3.0.0"', True),  # the locked is-odd 3.0.1 satisfies it: npm ci passes
        ('"^3.0.1"', '"^3.1.0"', False),  # it does not: npm ci refuses too
        ('"ms": "2.1.3"', '"ms": "2.1.3",\n    "left-pad": "1.3.0"', False),  # not in the lock
    ],
)
def test_the_npm_ci_note_only_where_npm_ci_accepts(
    repo: Repo, capsys: pytest.CaptureFixture[str], old: str, new: str, strict: bool
) -> None:
    """opentelemetry-js: a devDependency the lock lacks was said to be stricter than
    `npm ci`, which refuses that lock as well."""
    copy_fixture(repo, "npm-registry")
    repo.write({"package.json": repo.read("package.json").replace(old, new)})
    assert main([]) == 1
    out = capsys.readouterr().out
    assert out.count("\n") == 1, out
    assert ("stricter than `npm ci`" in out) is strict, out


# pnpm catalogs: the entries the lock records, as pnpm-workspace.yaml names them; (file,
# old, new). pnpm 12 checks a lockfile's packages against the registry's metadata before it
# accepts it: these run with the registry.
CATALOG_MUTATIONS = [
    ("pnpm-workspace.yaml", "ms: 2.1.3", "ms: 2.1.2"),
    ("pnpm-workspace.yaml", "is-odd: ^3.0.1", "is-odd: ^3.0.0"),
    ("pnpm-workspace.yaml", "is-odd: ^3.0.1", "is-odd: ^3.0.1\n  semver: ^7.0.0"),
    ("pnpm-workspace.yaml", "catalog:\n  is-odd: ^3.0.1\ncatalogs:\n", "catalogs:\n  default:\n    is-odd: ^3.0.1\n"),
    ("pnpm-workspace.yaml", "catalogs:\n  tools:\n    ms: 2.1.3\n", ""),
    ("packages/a/package.json", '"catalog:tools"', '"catalog:"'),
    ("package.json", '"catalog:"', '"^3.0.1"'),
]  # fmt: skip


@network
@pytest.mark.parametrize(("path", "old", "new"), CATALOG_MUTATIONS)
def test_catalog_mutation_verdict_is_pnpms(
    repo: Repo, capsys: pytest.CaptureFixture[str], path: str, old: str, new: str
) -> None:
    copy_fixture(repo, "pnpm-catalog")
    text = repo.read(path)
    assert text.count(old) == 1, f"the mutation must match once: {old!r}"
    repo.write({path: text.replace(old, new)})
    accepted = not oracle_says_stale(repo, "pnpm")
    verdict, out = hook_verdict(capsys)
    assert verdict == accepted, out


@network
def test_an_override_of_a_root_range_from_a_catalog(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """workers-sdk: `is-odd: $is-odd` overrides with the root's range, itself
    `catalog:`: pnpm locks the catalog's specifier. Locked by pnpm, its verdict and the
    hook's agree; an override pnpm did not lock is drift."""
    program = _tool("pnpm")
    if program is None:
        pytest.skip("pnpm is not installed")
    copy_fixture(repo, "pnpm-catalog")
    workspace = repo.read("pnpm-workspace.yaml") + "overrides:\n  is-odd: $is-odd\n"
    repo.write({"pnpm-workspace.yaml": workspace})
    subprocess.run(
        [program, "install", "--lockfile-only", "--ignore-scripts"],
        cwd=repo.path, capture_output=True, check=True,
    )  # fmt: skip
    repo.commit("chore: lock")
    assert "overrides:" in repo.read("pnpm-lock.yaml")
    assert not oracle_says_stale(repo, "pnpm")
    assert hook_verdict(capsys) == (True, "")
    repo.write({"pnpm-workspace.yaml": workspace.replace("$is-odd", "3.0.0")})
    assert oracle_says_stale(repo, "pnpm")
    verdict, out = hook_verdict(capsys)
    assert verdict is False
    assert "overrides for 'is-odd'" in out


@network
@pytest.mark.parametrize(
    ("manifest", "override"),
    [
        # a `>` after `@`, a space or `|` is a range's, not a parent's
        ({"dependencies": {"is-number": "^6.0.0"}}, {"is-number@>=6": "6.0.0"}),
        ({"dependencies": {"is-number": "^6.0.0"}}, {"is-number@<7 || >8": "6.0.0"}),
        # `$is-number`: the last map pnpm reads wins (optionalDependencies)
        ({"dependencies": {"is-number": "^6.0.0", "is-odd": "^3.0.1"},
          "optionalDependencies": {"is-number": "^7.0.0"}},
         {"is-odd>is-number": "$is-number"}),
    ],
)  # fmt: skip
def test_overrides_as_pnpm_reads_their_keys_and_references(
    repo: Repo,
    capsys: pytest.CaptureFixture[str],
    manifest: dict[str, object],
    override: dict[str, str],
) -> None:
    program = _tool("pnpm")
    if program is None:
        pytest.skip("pnpm is not installed")
    overrides = "".join(f"  {json.dumps(k)}: {json.dumps(v)}\n" for k, v in override.items())
    repo.write(
        {
            "package.json": json.dumps({"name": "root", "version": "1.0.0", **manifest}),
            "pnpm-workspace.yaml": f"packages: []\noverrides:\n{overrides}",
        }
    )
    subprocess.run(
        [program, "install", "--lockfile-only", "--ignore-scripts"],
        cwd=repo.path, capture_output=True, check=True,
    )  # fmt: skip
    repo.commit("chore: lock")
    assert not oracle_says_stale(repo, "pnpm")
    assert hook_verdict(capsys) == (True, "")


def test_resolutions_pnpm_reads_as_overrides_are_left_to_it(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """nitro, pinia: package.json's `resolutions`, which pnpm 9 and earlier apply as
    overrides (the lock records them), are left to pnpm, as its `pnpm.overrides` are."""
    lock = (
        "lockfileVersion: '9.0'\n\noverrides:\n  x: 1.0.0\n\nimporters:\n\n  .:\n"
        "    dependencies:\n      x:\n        specifier: 1.0.0\n        version: 1.0.0\n"
    )
    manifest = {"name": "r", "dependencies": {"x": "1.0.0"}, "resolutions": {"x": "1.0.0"}}
    repo.commit(files={"package.json": json.dumps(manifest), "pnpm-lock.yaml": lock})
    assert main([]) == 0
    assert capsys.readouterr().out == ""
    del manifest["resolutions"]
    repo.commit(files={"package.json": json.dumps(manifest)})
    assert main([]) == 1
    assert "overrides for 'x'" in capsys.readouterr().out


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.iterdir()))
def test_fixtures_as_generated_pass(
    repo: Repo, capsys: pytest.CaptureFixture[str], fixture: str
) -> None:
    copy_fixture(repo, fixture)
    assert main([]) == 0
    assert capsys.readouterr().out == ""


def test_direct_references_are_sources_as_uv_locks_them(
    repo: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """pydantic-ai: ``tool @ git+https://...`` (PEP 508's direct reference, no
    [tool.uv.sources] entry) is locked as a git source; ``other @ file://...`` as a
    directory. Locked by uv offline, each verdict then uv's own."""
    uv = _tool("uv")
    if uv is None:
        pytest.skip("uv is not installed")
    backend = '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
    for name in ("tool", "other"):
        (tmp_path / name / "src" / name).mkdir(parents=True)
        (tmp_path / name / "src" / name / "__init__.py").write_text("")
        (tmp_path / name / "pyproject.toml").write_text(
            f'[project]\nname = "{name}"\nversion = "0.1.0"\n{backend}'
        )
    tool_repo = Repo(tmp_path / "tool")
    tool_repo.git("init", "-q")
    sha = tool_repo.commit("feat: tool")
    manifest = (
        '[project]\nname = "demo"\nversion = "0.1.0"\nrequires-python = ">=3.10"\n'
        f'dependencies = ["other @ file://{tmp_path}/other"]\n\n'
        f'[dependency-groups]\ndev = ["tool @ git+file://{tmp_path}/tool@{sha}"]\n'
    )
    repo.write({"pyproject.toml": manifest})
    subprocess.run([uv, "lock", "--offline"], cwd=repo.path, capture_output=True, check=True)
    repo.commit("chore: lock")
    assert tool_accepts(repo, "uv")
    assert hook_verdict(capsys) == (True, "")
    for old, new in ((f"tool @ git+file://{tmp_path}/tool@{sha}", "tool"),
                     (f"other @ file://{tmp_path}/other", "other>=0.1")):  # fmt: skip
        repo.write({"pyproject.toml": manifest.replace(old, new)})
        assert not tool_accepts(repo, "uv")
        verdict, out = hook_verdict(capsys)
        assert verdict is False
        assert "is 'source " in out


def test_finding_names_the_entry_and_the_manifest_line(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    copy_fixture(repo, "uv-registry")
    text = repo.read("pyproject.toml").replace('"idna>=3.5"', '"idna>=3.6"')
    repo.write({"pyproject.toml": text})
    assert main([]) == 1
    assert capsys.readouterr().out == (
        "uv.lock: requires-dist for 'idna' is '>=3.5' but pyproject.toml:6 says '>=3.6' "
        "— run `uv lock`\n"
    )


def test_the_command_of_a_nested_lockfile_runs_in_its_folder(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """The hint is copied into a shell at the top of the work tree: the tool must run in the
    lockfile's folder (uv, npm and the others act on the project of the folder they run in)."""
    for folder in ("py", "my app"):
        shutil.copytree(FIXTURES / "uv-registry", repo.path / folder)
    repo.commit("chore: init")
    for folder in ("py", "my app"):
        text = repo.read(f"{folder}/pyproject.toml").replace('"idna>=3.5"', '"idna>=3.6"')
        repo.write({f"{folder}/pyproject.toml": text})
    assert main([]) == 1
    assert capsys.readouterr().out == (
        "my app/uv.lock: requires-dist for 'idna' is '>=3.5' but my app/pyproject.toml:6 says "
        "'>=3.6' — run `(cd 'my app' && uv lock)`\n"
        "py/uv.lock: requires-dist for 'idna' is '>=3.5' but py/pyproject.toml:6 says '>=3.6' "
        "— run `(cd py && uv lock)`\n"
    )


@pytest.mark.parametrize(
    ("folder", "command"),
    [("", "uv lock"), ("py", "(cd py && uv lock)"), ("a b/c", "(cd 'a b/c' && uv lock)"),
     ("-x", "(cd ./-x && uv lock)"), ("it's", "(cd 'it'\"'\"'s' && uv lock)")],
)  # fmt: skip
def test_command_in(folder: str, command: str) -> None:
    from releaselint.core.pins import command_in

    assert command_in(folder, "uv lock") == command


def test_one_finding_per_drifted_entry(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    copy_fixture(repo, "npm-workspace")
    text = repo.read("packages/b/package.json")
    repo.write(
        {
            # still satisfied by a's 1.0.0: lockfile drift alone, no stale pin
            "packages/b/package.json": text.replace('"^1.0.0"', '"~1.0.0"').replace(
                '">=1"', '">=1.0"'
            )
        }
    )
    assert main([]) == 1
    stricter = "(stricter than `npm ci`, which accepts a range the locked version satisfies)"
    assert capsys.readouterr().out == (
        f"package-lock.json: packages[\"packages/b\"].dependencies for '@x/a' is '^1.0.0' but "
        f"packages/b/package.json:5 says '~1.0.0' {stricter} — run `npm install`\n"
        f"package-lock.json: packages[\"packages/b\"].peerDependencies for '@x/a' is '>=1' but "
        f"packages/b/package.json:8 says '>=1.0' {stricter} — run `npm install`\n"
    )


def test_pnpm_and_cargo_findings(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    copy_fixture(repo, "pnpm-workspace")
    text = repo.read("packages/b/package.json")
    repo.write({"packages/b/package.json": text.replace("workspace:^1.0.0", "workspace:~1.0.0")})
    assert main([]) == 1
    assert capsys.readouterr().out == (
        "pnpm-lock.yaml: importers['packages/b'].dependencies for 'a' is 'workspace:^1.0.0' but "
        "packages/b/package.json:5 says 'workspace:~1.0.0' — run `pnpm install`\n"
    )


def test_cargo_member_version(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    copy_fixture(repo, "cargo-workspace")
    text = repo.read("crates/helper/Cargo.toml")
    repo.write({"crates/helper/Cargo.toml": text.replace('"0.1.3"', '"0.1.4"')})
    assert main([]) == 1
    assert capsys.readouterr().out == (
        "Cargo.lock:19: version of 'helper' is '0.1.3' but crates/helper/Cargo.toml:3 says "
        "'0.1.4' — run `cargo update --workspace`\n"
    )


def test_poetry_hash(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    copy_fixture(repo, "poetry-project")
    text = repo.read("pyproject.toml")
    repo.write({"pyproject.toml": text.replace('python = "^3.10"', 'python = "^3.11"')})
    assert main([]) == 1
    assert capsys.readouterr().out == (
        "poetry.lock:20: content-hash does not match pyproject.toml (its dependencies, groups, "
        "sources or extras changed) — run `poetry lock`\n"
    )


def test_only_changed_files_are_read(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    copy_fixture(repo, "npm-workspace")
    repo.write({"sub/uv.lock": "<<<<<<< ours\n", "sub/pyproject.toml": "[project]\n"})
    text = repo.read("package.json").replace('"2.0.0"', '"~2.0.0"')
    repo.write({"package.json": text})
    # a change to the npm project reads its lock only: the broken uv.lock is not read
    assert main(["package.json"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("package-lock.json: packages[\"\"].devDependencies for '@x/b'")
    assert "sub/uv.lock" not in out
    assert main(["README.md"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["sub/pyproject.toml"]) == 1
    assert capsys.readouterr().out == (
        "sub/uv.lock:1: unresolved merge conflict ('<<<<<<<' line): resolve it, or regenerate "
        "it with `uv lock`\n"
    )


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("uv.lock", "version = 1\n[[package]]\nname = \"a", None),
        ("uv.lock", "<<<<<<< HEAD\nversion = 1\n=======\nversion = 1\n>>>>>>> x\n",
         "uv.lock:1: unresolved merge conflict ('<<<<<<<' line): resolve it, or regenerate it with `uv lock`"),
        ("uv.lock", "version = 9\n", "uv.lock:1: warning: unchecked: releaselint reads version 1 to 1, not 9; `uv lock --check` checks it"),
        ("uv.lock", "\ufeffversion = 1\n",
         "uv.lock:1: invalid lockfile: it starts with a byte order mark (U+FEFF); save it as UTF-8 without one, or regenerate it with `uv lock`"),
        ("package-lock.json", '{"lockfileVersion": 3, "packages": {"": {', None),
        ("package-lock.json", '{"lockfileVersion": 7}', "package-lock.json:1: warning: unchecked: releaselint reads lockfileVersion 1 to 3, not 7; `npm ci` checks it"),
        ("package-lock.json", "[" * 5000 + "]" * 5000, None),
        ("package-lock.json", "[1]\n", "package-lock.json:1: invalid JSON file: the top level is not an object; regenerate it with `npm install --package-lock-only`"),
        ("package-lock.json", '{"lockfileVersion": 3,\n "packages": [1]}', "package-lock.json:2: invalid lockfile: 'packages' is not an object; regenerate it with `npm install --package-lock-only`"),
        ("package-lock.json", '{"lockfileVersion": "3"}', "package-lock.json:1: warning: unchecked: releaselint reads lockfileVersion 1 to 3, not '3' (a string, not a number); `npm ci` checks it"),
        ("pnpm-lock.yaml", "- a\n", "pnpm-lock.yaml:1: invalid lockfile: the top level is not a mapping; regenerate it with `pnpm install --lockfile-only`"),
        ("pnpm-lock.yaml", "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      a: 1.0.0\n", "pnpm-lock.yaml:5: invalid lockfile: importers['.'].dependencies['a'] has no specifier (cut short, or edited by hand?); regenerate it with `pnpm install --lockfile-only`"),
        ("poetry.lock", '[[package]]\nname = "a"\n', "poetry.lock:2: no [metadata] table (truncated?) — run `poetry lock`"),
        ("poetry.lock", '[metadata]\nlock-version = "2.1"\n', "poetry.lock:1: no metadata.content-hash — run `poetry lock`"),
        ("poetry.lock", "[metadata]\nlock-version = 2.1\n", "poetry.lock:2: warning: unchecked: releaselint reads lock-version 1 to 2, not 2.1; `poetry check --lock` checks it"),
        ("pnpm-lock.yaml", "lockfileVersion: '5.4'\n", "pnpm-lock.yaml:1: warning: unchecked: releaselint reads lockfileVersion 6 to 9, not '5.4'; `pnpm install --frozen-lockfile` checks it"),
        ("pnpm-lock.yaml", "lockfileVersion: '9.0'\nimporters:\n  .: {\n", None),
        ("pnpm-lock.yaml", "a:\n" + "  " * 200 + "b: 1\n" + "- " * 300 + "x\n", None),
        ("Cargo.lock", 'version = 4\n[[package]]\nname = "x"\nversion = "1.0', None),
        ("poetry.lock", "[metadata]\ncontent-hash = 1\n", "poetry.lock:2: no metadata.content-hash — run `poetry lock`"),
    ],
)  # fmt: skip
def test_malformed_lockfiles_give_located_findings(
    repo: Repo, capsys: pytest.CaptureFixture[str], name: str, text: str, expected: str | None
) -> None:
    manifest = "package.json" if name.endswith((".json", ".yaml")) else "pyproject.toml"
    if name == "Cargo.lock":
        manifest = "Cargo.toml"
    repo.commit(
        files={
            name: text,
            manifest: '{"name": "x", "version": "1.0.0"}\n'
            if manifest == "package.json"
            else '[package]\nname = "x"\nversion = "1.0.0"\n',
        }
    )
    code = main([])
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert len(lines) == 1, out
    if expected is not None:
        assert lines[0] == expected
    assert lines[0].startswith(f"{name}:"), out
    assert "Traceback" not in out
    assert code == (0 if "warning:" in lines[0] else 1)


def test_a_marker_nested_past_the_stack_is_a_located_error(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """packaging parses parentheses by recursion: a thousand of them in a manifest's marker
    are an invalid requirement, at its line, and in the lock a marker compared as written."""
    copy_fixture(repo, "uv-markers")
    deep = "(" * 1000 + 'platform_system == "Windows"' + ")" * 1000
    text = repo.read("pyproject.toml")
    repo.write({"pyproject.toml": text.replace('platform_system == "Windows"', deep)})
    assert main(["pyproject.toml"]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("pyproject.toml:8: invalid requirement 'lib>=0.3; ((((("), out
    assert out.rstrip().endswith("(2038 characters): nested too deep"), out
    assert "Traceback" not in out + err
    lock = repo.read("uv.lock")
    deep = deep.replace('"', "'")  # within the lock's TOML string
    entry = "marker = \"sys_platform == 'win32'\""
    assert lock.count(entry) == 1
    repo.write({"pyproject.toml": text, "uv.lock": lock.replace(entry, f'marker = "{deep}"')})
    assert main(["uv.lock"]) == 0
    out, err = capsys.readouterr()
    assert "cannot verify offline" in out, out
    assert "Traceback" not in out + err


# each kind of lockfile, from a fixture its tool wrote, with the damage met in the wild
DAMAGED_FIXTURES = {
    "uv.lock": "uv-registry",
    "poetry.lock": "poetry-registry",
    "package-lock.json": "npm-registry",
    "pnpm-lock.yaml": "pnpm-registry",
    "Cargo.lock": "cargo-workspace",
}
NEWER_FORMAT = {
    "uv.lock": ("version = 1\n", "version = 2\n"),
    "poetry.lock": ('lock-version = "2.1"', 'lock-version = "3.0"'),
    "package-lock.json": ('"lockfileVersion": 3', '"lockfileVersion": 4'),
    "pnpm-lock.yaml": ("lockfileVersion: '9.0'", "lockfileVersion: '10.0'"),
    "Cargo.lock": ("version = 4\n", "version = 5\n"),
}


def damaged(name: str, text: str, damage: str) -> str:
    """``text`` cut short in its 10th line, with a merge conflict around lines 5 and 6, in
    a newer format, with a byte order mark, or with 150 levels of nesting at line 3."""
    lines = text.splitlines(keepends=True)
    if damage == "truncated":
        return "".join(lines[:9]) + lines[9][: len(lines[9]) // 2]
    if damage == "conflict":
        ours = "".join(lines[4:6])
        middle = f"<<<<<<< HEAD\n{ours}=======\n{ours}>>>>>>> topic\n"
        return "".join(lines[:4]) + middle + "".join(lines[4:])
    if damage == "format":
        old, new = NEWER_FORMAT[name]
        assert text.count(old) == 1
        return text.replace(old, new)
    if damage == "bom":
        return "\ufeff" + text
    nested = "[" * 150 + "]" * 150
    line = {"package-lock.json": f'  "deep": {nested},\n', "pnpm-lock.yaml": f"deep: {nested}\n"}
    return "".join(lines[:2]) + line.get(name, f"deep = {nested}\n") + "".join(lines[2:])


# per kind: the command that writes it afresh, the finding where it is cut short in its
# 10th line, and the warning where it names a newer format
DAMAGE_BY_KIND = {
    "uv.lock": (
        "uv lock",
        "uv.lock:10: invalid TOML: invalid value at the end of the file (truncated?)",
        "uv.lock:1: warning: unchecked: releaselint reads version 1 to 1, not 2; "
        "`uv lock --check` checks it",
    ),
    "poetry.lock": (
        "poetry lock",
        "poetry.lock:10: invalid TOML: expected '=' after a key in a key/value pair at the end "
        "of the file (truncated?)",
        "poetry.lock:24: warning: unchecked: releaselint reads lock-version 1 to 2, not '3.0'; "
        "`poetry check --lock` checks it",
    ),
    "package-lock.json": (
        "npm install --package-lock-only",
        "package-lock.json:10: invalid JSON: unterminated string at the end of the file "
        "(truncated?)",
        "package-lock.json:4: warning: unchecked: releaselint reads lockfileVersion 1 to 3, "
        "not 4; `npm ci` checks it",
    ),
    "pnpm-lock.yaml": (
        "pnpm install --lockfile-only",
        "pnpm-lock.yaml:9: invalid lockfile: importers['.'] is not a mapping of dependency maps "
        "(cut short, or edited by hand?)",
        "pnpm-lock.yaml:1: warning: unchecked: releaselint reads lockfileVersion 6 to 9, not "
        "'10.0'; `pnpm install --frozen-lockfile` checks it",
    ),
    "Cargo.lock": (
        "cargo generate-lockfile",
        "Cargo.lock:10: invalid TOML: unterminated string at the end of the file (truncated?)",
        "Cargo.lock:3: warning: unchecked: releaselint reads version 1 to 4, not 5; "
        "`cargo metadata --locked` checks it",
    ),
}
DAMAGE_FINDINGS = [
    (name, damage, expected)
    for name, (command, truncated, newer) in DAMAGE_BY_KIND.items()
    for damage, expected in (
        ("truncated", f"{truncated}; regenerate it with `{command}`"),
        (
            "conflict",
            f"{name}:5: unresolved merge conflict ('<<<<<<<' line): resolve it, or regenerate "
            f"it with `{command}`",
        ),
        ("format", newer),
        (
            "bom",
            f"{name}:1: invalid lockfile: it starts with a byte order mark (U+FEFF); save it as "
            f"UTF-8 without one, or regenerate it with `{command}`",
        ),
        ("deep", f"{name}:3: nesting deeper than 100 levels; regenerate it with `{command}`"),
    )
]


@pytest.mark.parametrize(
    ("name", "damage", "expected"), DAMAGE_FINDINGS, ids=[f"{n}-{d}" for n, d, _ in DAMAGE_FINDINGS]
)
def test_each_damaged_lockfile_is_one_located_finding(
    repo: Repo, capsys: pytest.CaptureFixture[str], name: str, damage: str, expected: str
) -> None:
    """A lockfile releaselint cannot read is one finding at its line, saying what is wrong
    and how to write it afresh; one of a newer format than releaselint knows is left to its
    tool's own check (a warning: not drift)."""
    copy_fixture(repo, DAMAGED_FIXTURES[name])
    repo.write({name: damaged(name, repo.read(name), damage)})
    code = main([])
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == (expected + "\n", "")
    assert code == (0 if damage == "format" else 1)
    # the same verdict where pre-commit passes the lockfile alone
    assert main([name]) == code
    assert capsys.readouterr().out == expected + "\n"


def test_quiet_where_the_tools_are(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    copy_fixture(repo, "uv-registry")
    drifted = repo.read("pyproject.toml").replace('"idna>=3.5"', '"idna>=3.6"')
    # an ignored lockfile is not the repository's: not read
    shutil.copytree(FIXTURES / "uv-registry", repo.path / "ignored", dirs_exist_ok=True)
    repo.write({".gitignore": "ignored/uv.lock\n", "ignored/pyproject.toml": drifted})
    # a development project's lock (docs build) is not a release
    shutil.copytree(FIXTURES / "uv-registry", repo.path / "docs", dirs_exist_ok=True)
    repo.write({"docs/pyproject.toml": drifted})
    repo.commit()
    assert main([]) == 0
    assert capsys.readouterr().out == ""


def test_other_tools_lockfiles_are_named_unchecked(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(files={"package.json": '{"name": "x"}\n', "yarn.lock": "", "bun.lock": "{}"})
    assert main([]) == 0
    assert capsys.readouterr().out == (
        "bun.lock: warning: unchecked: releaselint does not read bun.lock; "
        "`bun install --frozen-lockfile` checks it\n"
        "yarn.lock: warning: unchecked: releaselint does not read yarn.lock; "
        "`yarn install --immutable` checks it\n"
    )
    # yarn 1's lockfile: its check is --frozen-lockfile (--immutable is yarn 2's); a
    # lockfile in a subfolder is checked from there
    classic = (
        "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n"
    )
    repo.commit(files={"web/package.json": '{"name": "w"}\n', "web/yarn.lock": classic})
    assert main(["web/yarn.lock"]) == 0
    assert capsys.readouterr().out == (
        "web/yarn.lock: warning: unchecked: releaselint does not read yarn.lock; "
        "`(cd web && yarn install --frozen-lockfile)` checks it\n"
    )


def test_fix_runs_the_tool_for_the_drifted_project_only(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    if _tool("cargo") is None:
        pytest.skip("cargo is not installed")
    copy_fixture(repo, "cargo-workspace")
    shutil.copytree(FIXTURES / "npm-workspace", repo.path / "web")
    repo.commit()
    lock_before = repo.read("web/package-lock.json")
    text = repo.read("crates/helper/Cargo.toml")
    repo.write({"crates/helper/Cargo.toml": text.replace('"0.1.3"', '"0.1.4"')})
    env_path = os.environ["PATH"]
    try:
        os.environ["PATH"] = os.pathsep.join(
            [os.path.dirname(_tool("cargo") or ""), os.path.dirname(shutil.which("git") or "")]
        )
        assert main(["--fix"]) == 1
    finally:
        os.environ["PATH"] = env_path
    assert capsys.readouterr().out == "Fixing Cargo.lock\n"
    assert 'name = "helper"\nversion = "0.1.4"' in repo.read("Cargo.lock")
    assert repo.read("web/package-lock.json") == lock_before
    shutil.rmtree(repo.path / "target", ignore_errors=True)
    assert fix_lockfile_pins.main([]) == 0
    assert capsys.readouterr().out == ""


def test_fix_explains_a_missing_tool(
    repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_fixture(repo, "poetry-project")
    text = repo.read("pyproject.toml")
    repo.write({"pyproject.toml": text.replace('python = "^3.10"', 'python = "^3.11"')})
    monkeypatch.setenv("PATH", os.path.dirname(shutil.which("git") or ""))
    assert fix_lockfile_pins.main([]) == 1
    captured = capsys.readouterr()
    assert captured.err == "poetry.lock: `poetry` is not on PATH; run `poetry lock` in ./\n"
    assert captured.out.startswith("poetry.lock:20: content-hash does not match")


def test_fix_stops_a_lock_tool_that_hangs(
    repo: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lock tool that never ends (a registry that does not answer) is stopped at
    RELOCK_TIMEOUT and named, the lockfile left as it was."""
    from releaselint.core import git as git_module

    copy_fixture(repo, "poetry-project")
    text = repo.read("pyproject.toml")
    repo.write({"pyproject.toml": text.replace('python = "^3.10"', 'python = "^3.11"')})
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "poetry").write_text("#!/bin/sh\nsleep 30\n")
    (tools / "poetry").chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}:{os.environ['PATH']}")
    monkeypatch.setattr(git_module, "RELOCK_TIMEOUT", 0.5)
    lock = repo.read("poetry.lock")
    assert fix_lockfile_pins.main([]) == 1
    err = capsys.readouterr().err
    assert "poetry.lock: `poetry lock` failed: poetry timed out after 0.5 s" in err
    assert repo.read("poetry.lock") == lock


def test_stale_internal_pins(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    copy_fixture(repo, "uv-workspace")
    text = repo.read("packages/liba/pyproject.toml")
    repo.write({"packages/liba/pyproject.toml": text.replace('"0.3.0"', '"0.2.0"')})
    assert main([]) == 1
    assert capsys.readouterr().out == (
        "uv.lock: version of 'liba' is '0.3.0' but packages/liba/pyproject.toml:3 says '0.2.0' "
        "— run `uv lock`\n"
        "pyproject.toml:6: requires 'liba' '>=0.3' but it is at '0.2.0' "
        "(packages/liba/pyproject.toml:3) — '>=0.2.0' admits it\n"
    )


def test_a_package_requiring_itself_is_no_stale_pin(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """An extra that pulls in the package's own other extras names the package as PEP 503
    reads names (``My_Pkg`` is ``my-pkg``): it is the package itself, not a sibling."""
    repo.write(
        {
            "pyproject.toml": '[project]\nname = "My_Pkg"\nversion = "1.0.0"\n'
            '[project.optional-dependencies]\nall = ["my-pkg[cli]>=9"]\ncli = []\n',
            "lib/pyproject.toml": '[project]\nname = "lib"\nversion = "2.0.0"\n',
        }
    )
    repo.git("add", "-A")
    assert main(["pyproject.toml"]) == 0
    assert capsys.readouterr().out == ""
    # a sibling's requirement is still compared with its version
    repo.write(
        {
            "lib/pyproject.toml": '[project]\nname = "lib"\nversion = "2.0.0"\n'
            'dependencies = ["My.Pkg>=9"]\n'
        }
    )
    assert main(["lib/pyproject.toml"]) == 1
    assert capsys.readouterr().out == (
        "lib/pyproject.toml:4: requires 'My.Pkg' '>=9' but it is at '1.0.0' (pyproject.toml:3) "
        "— '>=1.0.0' admits it\n"
    )


@pytest.mark.parametrize(
    ("files", "stale"),
    [
        # Cargo: a dependency without a path comes from crates.io, renamed or not
        ({"a/Cargo.toml": '[package]\nname = "a"\nversion = "2.0.0"\n',
          "b/Cargo.toml": '[package]\nname = "b"\nversion = "1.0.0"\n\n[dependencies]\na = "1"\n'}, False),
        ({"a/Cargo.toml": '[package]\nname = "a"\nversion = "2.0.0"\n',
          "b/Cargo.toml": '[package]\nname = "b"\nversion = "1.0.0"\n\n[dependencies]\n'
                          'a1 = { version = "1", package = "a" }\n'}, False),
        ({"a/Cargo.toml": '[package]\nname = "a"\nversion = "2.0.0"\n',
          "b/Cargo.toml": '[package]\nname = "b"\nversion = "1.0.0"\n\n[dependencies]\n'
                          'a = { version = "1", path = "../a" }\n'}, True),
        # npm: a range on a package outside the workspace is the registry's
        ({"package.json": '{"name": "root", "workspaces": ["packages/*"]}\n',
          "packages/b/package.json": '{"name": "b", "version": "1.0.0", "dependencies": {"a": "^1.0.0"}}\n',
          "tools/a/package.json": '{"name": "a", "version": "2.0.0"}\n'}, False),
        ({"package.json": '{"name": "root", "workspaces": ["packages/*", "!packages/a"]}\n',
          "packages/b/package.json": '{"name": "b", "version": "1.0.0", "dependencies": {"a": "^1.0.0"}}\n',
          "packages/a/package.json": '{"name": "a", "version": "2.0.0"}\n'}, False),
        ({"package.json": '{"name": "root", "workspaces": ["packages/*"]}\n',
          "packages/b/package.json": '{"name": "b", "version": "1.0.0", "dependencies": {"a": "^1.0.0"}}\n',
          "packages/a/package.json": '{"name": "a", "version": "2.0.0"}\n'}, True),
        ({"pnpm-workspace.yaml": "packages:\n  - packages/*\n  - '!packages/a'\n",
          "packages/b/package.json": '{"name": "b", "version": "1.0.0", "dependencies": {"a": "^1.0.0"}}\n',
          "packages/a/package.json": '{"name": "a", "version": "2.0.0"}\n'}, False),
        ({"pnpm-workspace.yaml": "packages:\n  - packages/*\n",
          "packages/b/package.json": '{"name": "b", "version": "1.0.0", "dependencies": {"a": "workspace:^1.0.0"}}\n',
          "packages/a/package.json": '{"name": "a", "version": "2.0.0"}\n'}, True),
        # `*` is one folder: packages/b/x/app is no member of packages/* (workers-sdk)
        ({"pnpm-workspace.yaml": "packages:\n  - packages/*\n",
          "packages/b/x/app/package.json": '{"name": "app", "version": "1.0.0", "dependencies": {"a": "^1.0.0"}}\n',
          "packages/a/package.json": '{"name": "a", "version": "2.0.0"}\n'}, False),
        ({"pnpm-workspace.yaml": "packages:\n  - packages/**\n",
          "packages/b/x/app/package.json": '{"name": "app", "version": "1.0.0", "dependencies": {"a": "^1.0.0"}}\n',
          "packages/a/package.json": '{"name": "a", "version": "2.0.0"}\n'}, True),
    ],
)  # fmt: skip
def test_a_requirement_the_registry_resolves_is_no_stale_pin(
    repo: Repo, capsys: pytest.CaptureFixture[str], files: dict[str, str], stale: bool
) -> None:
    """Only a requirement the repository resolves is an internal pin (``internal``'s
    rule): a Cargo dependency with a path, a range between members of one workspace."""
    repo.write(files)
    repo.git("add", "-A")
    assert main([]) == (1 if stale else 0)
    out = capsys.readouterr().out
    assert ("but it is at '2.0.0'" in out) is stale, out


_RUNTIME_LOCK = (
    "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    devDependencies:\n      node:\n"
    "        specifier: runtime:26.7.0\n        version: runtime:26.7.0\n"
)


@pytest.mark.parametrize(
    ("runtime", "lock", "drift"),
    [
        ({"name": "node", "version": "26.7.0", "onFail": "download"}, _RUNTIME_LOCK, False),
        ([{"name": "node", "version": " 26.7.0 ", "onFail": "download"}], _RUNTIME_LOCK, False),
        ({"name": "node", "version": "26.8.0", "onFail": "download"}, _RUNTIME_LOCK, True),
        ({"name": "deno", "version": "26.7.0", "onFail": "download"}, _RUNTIME_LOCK, True),
        # a lock without the runtime: written by a pnpm before runtimes
        ({"name": "node", "version": "26.7.0", "onFail": "download"},
         "lockfileVersion: '9.0'\n\nimporters:\n\n  .: {}\n", False),
    ],
)  # fmt: skip
def test_a_runtime_pnpm_installs_is_a_dev_dependency(
    repo: Repo,
    capsys: pytest.CaptureFixture[str],
    runtime: object,
    lock: str,
    drift: bool,
) -> None:
    """pnpm takes ``devEngines.runtime`` (``onFail: download``) for a devDependency
    ``node: runtime:<version>`` before it compares the manifest with the lock (as pnpm's
    own repository does, pnpm 12)."""
    manifest = {"name": "root", "version": "1.0.0", "devEngines": {"runtime": runtime}}
    repo.commit(files={"package.json": json.dumps(manifest) + "\n", "pnpm-lock.yaml": lock})
    assert main([]) == (1 if drift else 0)
    out = capsys.readouterr().out
    assert ("devDependencies for 'node'" in out) is drift, out


@network
@pytest.mark.parametrize("tool", ["npm", "pnpm"])
def test_a_members_name_the_lock_fetches_from_the_registry_is_no_stale_pin(
    repo: Repo, capsys: pytest.CaptureFixture[str], tool: str
) -> None:
    """tailwindcss: a playground asks for the registry's tailwindcss ^3 while the member is
    at 4. Locked by the real tool: the range the member's version misses is fetched from
    the registry, and is no internal pin; a range the lock links is one, and goes stale
    when the member moves on without it."""
    program = _tool(tool)
    if program is None:
        pytest.skip(f"{tool} is not installed")
    member = {"name": "ms", "version": "3.0.0", "main": "index.js"}
    old = {"name": "old", "version": "1.0.0", "private": True, "dependencies": {"ms": "^2.1.0"}}
    new = {"name": "new", "version": "1.0.0", "private": True, "dependencies": {"ms": "^3.0.0"}}
    files = {
        "packages/ms/package.json": json.dumps(member),
        "packages/ms/index.js": "",
        "apps/old/package.json": json.dumps(old),
        "apps/new/package.json": json.dumps(new),
    }
    if tool == "npm":
        files["package.json"] = json.dumps(
            {"name": "root", "private": True, "workspaces": ["packages/*", "apps/*"]}
        )
        relock = [program, "install", "--package-lock-only", "--ignore-scripts"]
    else:
        files["package.json"] = json.dumps({"name": "root", "private": True})
        # pnpm 9 and later link a plain range only where told to
        files["pnpm-workspace.yaml"] = (
            "packages:\n  - packages/*\n  - apps/*\nlinkWorkspacePackages: true\n"
        )
        relock = [program, "install", "--lockfile-only", "--ignore-scripts"]
    repo.write(files)
    subprocess.run(relock, cwd=repo.path, capture_output=True, check=True)
    repo.commit("chore: lock")
    lock = repo.read("package-lock.json" if tool == "npm" else "pnpm-lock.yaml")
    assert "2.1." in lock  # the registry's ms, for apps/old
    assert main([]) == 0, capsys.readouterr().out
    capsys.readouterr()
    member["version"] = "4.0.0"
    repo.write({"packages/ms/package.json": json.dumps(member)})
    assert main(["packages/ms/package.json"]) == 1
    out = capsys.readouterr().out
    assert "apps/new/package.json:1: requires 'ms' '^3.0.0' but it is at '4.0.0'" in out
    assert "apps/old" not in out


# (fixture, tool, manifest, old, new): a pin raised, which only the registry can re-lock
RAISED_PINS = [
    ("uv-registry", "uv", "pyproject.toml", '"idna>=3.5"', '"idna>=3.6"'),
    ("poetry-registry", "poetry", "pyproject.toml", '["iniconfig>=2"]', '["iniconfig>=2.1"]'),
    ("npm-registry", "npm", "package.json", '"ms": "2.1.3"', '"ms": "2.1.2"'),
    ("pnpm-registry", "pnpm", "package.json", '"glob": "^7.2.0"', '"glob": "^7.2.3"'),
]
# the tools' own checks, where they may reach the registry
ONLINE_ORACLES = {
    "uv": ["uv", "lock", "--check"],
    "poetry": ["poetry", "check", "--lock"],
    "npm": ["npm", "ci", "--dry-run", "--ignore-scripts"],
    "pnpm": ["pnpm", "install", "--frozen-lockfile", "--lockfile-only", "--ignore-scripts"],
}


@network
@pytest.mark.parametrize(("fixture", "tool", "manifest", "old", "new"), RAISED_PINS)
def test_fix_relocks_from_the_registry(
    repo: Repo,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fixture: str,
    tool: str,
    manifest: str,
    old: str,
    new: str,
) -> None:
    """A raised pin, re-locked by the real tool from the real registry: the hook and the
    tool's own check then agree that the lockfile is up to date."""
    program = _tool(tool)
    if program is None:
        pytest.fail(f"{tool} is not installed")  # CI installs every tool (.ci/run)
    monkeypatch.setenv("PATH", f"{os.path.dirname(program)}{os.pathsep}{os.environ['PATH']}")
    copy_fixture(repo, fixture)
    lock = next(p.name for p in (FIXTURES / fixture).iterdir() if p.name in pins.CHECKED)
    repo.write({manifest: repo.read(manifest).replace(old, new)})
    assert oracle_says_stale(repo, tool)
    assert main(["--fix"]) == 1
    assert capsys.readouterr().out == f"Fixing {lock}\n"
    assert main([]) == 0
    assert capsys.readouterr().out == ""
    assert not oracle_says_stale(repo, tool)
    if tool == "uv":  # the raised pin is resolved afresh (--upgrade-package)
        assert '{ name = "idna", specifier = ">=3.6" }' in repo.read("uv.lock")


def oracle_says_stale(repo: Repo, tool: str) -> bool:
    argv = ONLINE_ORACLES[tool]
    proc = subprocess.run(
        [_tool(argv[0]) or argv[0], *argv[1:]],
        cwd=repo.path,
        capture_output=True,
        text=True,
        check=False,
    )
    for folder in ("node_modules", ".venv"):
        shutil.rmtree(repo.path / folder, ignore_errors=True)
    return proc.returncode != 0


def test_json_format(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    copy_fixture(repo, "cargo-workspace")
    text = repo.read("crates/helper/Cargo.toml")
    repo.write({"crates/helper/Cargo.toml": text.replace('"0.1.3"', '"0.1.4"')})
    assert main(["--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [(f["path"], f["line"]) for f in data["findings"]] == [("Cargo.lock", 19)]


def test_dynamic_requirements_are_the_builds(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    copy_fixture(repo, "uv-registry")
    text = repo.read("pyproject.toml")
    start, end = text.index("dependencies = ["), text.index("[tool.uv]")
    repo.write(
        {
            "pyproject.toml": text[:start]
            + 'dynamic = ["dependencies", "optional-dependencies"]\n\n'
            + text[end:]
        }
    )
    # the build says what the requirements are: only the static version is compared
    assert main(["pyproject.toml"]) == 0
    assert capsys.readouterr().out == ""
    repo.write({"pyproject.toml": repo.read("pyproject.toml").replace('"2.1.0"', '"2.2.0"')})
    assert main(["pyproject.toml"]) == 1
    assert capsys.readouterr().out == (
        "uv.lock: version of 'client' is '2.1.0' but pyproject.toml:3 says '2.2.0' — run `uv lock`\n"
    )


# the `files:` pattern of the check-lockfile-pins and fix-lockfile-pins hooks
FILES = (
    r"(^|/)(uv\.lock|poetry\.lock|package-lock\.json|pnpm-lock\.yaml|Cargo\.lock|yarn\.lock"
    r"|bun\.lockb?|npm-shrinkwrap\.json|pyproject\.toml|package\.json|Cargo\.toml"
    r"|pnpm-workspace\.yaml|releaselint\.toml)$"
)


def test_files_pattern_names_every_file_the_hook_reads() -> None:
    import re

    names = [*pins.CHECKED, *pins.UNCHECKED, *pins.MANIFEST_NAMES, "pnpm-workspace.yaml"]
    names.append("releaselint.toml")
    assert all(re.search(FILES, f"a/{n}") and re.search(FILES, n) for n in names)
    assert not re.search(FILES, "README.md")
    assert not re.search(FILES, "uv.lock.bak")


def test_through_pre_commit(repo: Repo) -> None:
    import sys

    bin_dir = Path(sys.executable).parent
    if not (bin_dir / "pre-commit").exists():
        pytest.skip("pre-commit is not installed")
    config = (
        "repos:\n  - repo: local\n    hooks:\n      - id: check-lockfile-pins\n"
        "        name: check lockfile pins\n"
        f"        entry: {sys.executable} -m releaselint.hooks.check_lockfile_pins\n"
        f"        language: system\n        files: '{FILES}'\n"
    )
    copy_fixture(repo, "npm-workspace")
    repo.commit(files={".pre-commit-config.yaml": config})
    text = repo.read("packages/b/package.json").replace('"^1.0.0"', '"^1.0.1"')
    repo.write({"packages/b/package.json": text, "README.md": "x\n"})
    repo.git("add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.path.parent / "pre-commit-home")}
    proc = subprocess.run(
        [str(bin_dir / "pre-commit"), "run"],
        cwd=repo.path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 1
    assert (
        "package-lock.json: packages[\"packages/b\"].dependencies for '@x/a' is '^1.0.0' but "
        "packages/b/package.json:5 says '^1.0.1'"
    ) in proc.stdout


def test_an_unreadable_manifest_is_located(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    copy_fixture(repo, "npm-workspace")
    repo.write({"packages/a/package.json": '{"name": "@x/a",\n"version": }\n'})
    assert main(["packages/a/package.json"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("packages/a/package.json:2: "), out
    assert out.count("\n") == 1


def test_cargo_path_requirement_the_locked_version_misses(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    copy_fixture(repo, "cargo-workspace")
    text = repo.read("crates/cli/Cargo.toml")
    repo.write({"crates/cli/Cargo.toml": text.replace('version = "0.1" }', 'version = "0.2" }')})
    assert not tool_accepts(repo, "cargo")
    assert main(["crates/cli/Cargo.toml"]) == 1
    assert capsys.readouterr().out == (
        "crates/cli/Cargo.toml:10: requires 'helper' '0.2' but it is at '0.1.3' "
        "(crates/helper/Cargo.toml:3) — '0.1.3' admits it\n"
    )


def test_a_commit_moves_the_stale_pins_of_its_own_ecosystems(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """Requirements name packages of their own ecosystem: a commit that edits only
    Python manifests leaves Rust's pins as they were, and ``releaselint check`` (no file
    names) sees every ecosystem."""
    repo.write(
        {
            "core/Cargo.toml": '[package]\nname = "core"\nversion = "2.0.0"\n',
            "cli/Cargo.toml": '[package]\nname = "cli"\nversion = "1.0.0"\n'
            '[dependencies]\ncore = { path = "../core", version = "1.4" }\n',
            "py/pyproject.toml": '[project]\nname = "py"\nversion = "1.0.0"\n',
        }
    )
    repo.git("add", "-A")
    assert main(["py/pyproject.toml"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["cli/Cargo.toml"]) == 1
    stale = (
        "cli/Cargo.toml:5: requires 'core' '1.4' but it is at '2.0.0' (core/Cargo.toml:3) "
        "— '2.0.0' admits it\n"
    )
    assert capsys.readouterr().out.startswith(stale)
    assert main([]) == 1
    assert stale in capsys.readouterr().out


def test_no_relock_while_an_internal_pin_is_stale(
    repo: Repo, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """@x/a moved to 2.0.0 and @x/b still asks for ^1.0.0: a re-lock would fetch a public
    @x/a 1.x from the registry into packages/b, and the pin would then be no internal one.
    The fixer leaves that lockfile alone and says to raise the pin first."""
    copy_fixture(repo, "npm-workspace")
    text = repo.read("packages/a/package.json")
    repo.write({"packages/a/package.json": text.replace('"1.0.0"', '"2.0.0"')})
    # an npm that would record its run: it must not run
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "npm").write_text(f"#!/bin/sh\ntouch {tmp_path}/npm-ran\n")
    (tools / "npm").chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}:{os.environ['PATH']}")
    lock = repo.read("package-lock.json")
    assert fix_lockfile_pins.main([]) == 1
    out = capsys.readouterr().out
    assert not (tmp_path / "npm-ran").exists()
    assert repo.read("package-lock.json") == lock
    assert (
        "packages/b/package.json:5: requires '@x/a' '^1.0.0' but it is at '2.0.0' "
        "(packages/a/package.json:3) — '^2.0.0' admits it\n"
    ) in out
    assert out.endswith(
        "hint: fix the internal pins before re-locking package-lock.json: its tool cannot take "
        "a range the repository's package misses from the repository (npm and pnpm fetch the "
        "registry's package of that name, cargo fails)\n"
    )


@pytest.mark.parametrize("between", ["member", "project", "none"])
def test_a_nested_member_takes_the_roots_sources_as_uv_does(
    repo: Repo, capsys: pytest.CaptureFixture[str], between: str
) -> None:
    """uv gives a member the root's [tool.uv.sources] only where no folder between the two
    holds a pyproject.toml (modelcontextprotocol/python-sdk: examples/ a member, and
    examples/clients/* members too): the lock uv writes passes, and a source edit in
    the member is drift as uv says."""
    members = '"examples", "examples/clients/*"' if between == "member" else '"examples/clients/*"'
    files = {
        "pyproject.toml": '[project]\nname = "mcp"\nversion = "1.0.0"\nrequires-python = ">=3.10"'
        f"\ndependencies = []\n\n[tool.uv.workspace]\nmembers = [{members}]\n\n"
        "[tool.uv.sources]\nmcp = { workspace = true }\n",
        "examples/clients/a/pyproject.toml": '[project]\nname = "client-a"\nversion = "0.1.0"\n'
        'requires-python = ">=3.10"\ndependencies = ["mcp"]\n',
    }
    if between != "none":
        files["examples/pyproject.toml"] = (
            '[project]\nname = "stories"\nversion = "0.1.0"\nrequires-python = ">=3.10"\n'
            'dependencies = ["mcp"]\n'
        )
    repo.write(files)
    uv = _tool("uv")
    assert uv is not None
    subprocess.run([uv, "lock", "--offline"], cwd=repo.path, capture_output=True, check=True)
    repo.commit("chore: lock")
    assert tool_accepts(repo, "uv")
    assert hook_verdict(capsys) == (True, "")
    if between != "none":
        # where the root's source did not apply, the member's own is a change uv re-locks
        manifest = files["examples/clients/a/pyproject.toml"] + (
            "\n[tool.uv.sources]\nmcp = { workspace = true }\n"
        )
        repo.write({"examples/clients/a/pyproject.toml": manifest})
        assert not tool_accepts(repo, "uv")
        assert hook_verdict(capsys)[0] is False


def test_an_npm_lock_of_a_pnpm_workspace_member_is_left_behind(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """pyright: packages/*/package-lock.json from before the move to pnpm. pnpm reads the
    workspace's pnpm-lock.yaml alone: the member's npm lock is named unchecked, not read
    for drift. A folder the workspace does not take in keeps its own npm project."""
    copy_fixture(repo, "pnpm-workspace")
    stale = (
        '{"name": "x", "lockfileVersion": 3, "packages": {"": {"name": "x", "version": "0.0.1"}}}'
    )
    members = [p.parent.name for p in (repo.path / "packages").glob("*/package.json")]
    repo.commit(
        files={
            f"packages/{members[0]}/package-lock.json": stale,
            "extra/package.json": '{"name": "tools", "version": "1.0.0"}',
            "extra/package-lock.json": stale,
        }
    )
    assert main([]) == 1
    out = capsys.readouterr().out.splitlines()
    assert (
        f"packages/{members[0]}/package-lock.json: warning: unchecked: its folder is a member "
        "of the pnpm workspace of pnpm-workspace.yaml, and pnpm reads no package-lock.json "
        "(left behind by another tool?)"
    ) in out
    assert [line for line in out if line.startswith("packages/")] == [
        line for line in out if "warning: unchecked" in line
    ]
    assert any(line.startswith("extra/package-lock.json: packages") for line in out)


def test_a_stale_workspace_dependency_of_an_inheriting_crate(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """[workspace.dependencies] a = { path = "crates/a", version = "1.2.0" } after the
    workspace's version moved to 2.0.0: a crate that inherits its version is a target too
    (cargo update refuses the requirement until it admits 2.0.0)."""
    crate = '[package]\nname = "{}"\nversion.workspace = true\nedition = "2021"\n'
    repo.commit(
        files={
            "Cargo.toml": '[workspace]\nmembers = ["crates/*"]\nresolver = "2"\n\n'
            '[workspace.package]\nversion = "2.0.0"\n\n[workspace.dependencies]\n'
            'a = { path = "crates/a", version = "1.2.0" }\n',
            "crates/a/Cargo.toml": crate.format("a"),
            "crates/a/src/lib.rs": "",
            "crates/b/Cargo.toml": crate.format("b") + "\n[dependencies]\na.workspace = true\n",
            "crates/b/src/lib.rs": "",
        }
    )
    assert main(["Cargo.toml"]) == 1
    assert capsys.readouterr().out == (
        "Cargo.toml:9: requires 'a' '1.2.0' but it is at '2.0.0' (Cargo.toml:6) — '2.0.0' "
        "admits it\n"
    )


def test_findings_point_at_the_line_that_says_otherwise(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """An extra added: the line of the extra, not of the project's name. A crate's version
    inherited from the workspace: the line that writes it, in the root Cargo.toml."""
    uv = _tool("uv")
    assert uv is not None
    pyproject = '[project]\nname = "app"\nversion = "0.1.0"\nrequires-python = ">=3.10"\n'
    repo.write({"py/pyproject.toml": pyproject})
    subprocess.run([uv, "lock", "--offline"], cwd=repo.path / "py", capture_output=True, check=True)
    crate = '[package]\nname = "a"\nversion.workspace = true\nedition = "2021"\n'
    repo.commit(
        files={
            "py/pyproject.toml": pyproject + "\n[project.optional-dependencies]\ncli = []\n",
            "Cargo.toml": '[workspace]\nmembers = ["crates/*"]\n\n[workspace.package]\n'
            'version = "1.3.0"\n',
            "crates/a/Cargo.toml": crate,
            "crates/a/src/lib.rs": "",
            "Cargo.lock": 'version = 4\n\n[[package]]\nname = "a"\nversion = "1.2.0"\n',
        }
    )
    assert main([]) == 1
    assert capsys.readouterr().out == (
        "Cargo.lock:5: version of 'a' is '1.2.0' but crates/a/Cargo.toml inherits '1.3.0' from "
        "Cargo.toml:5 — run `cargo update --workspace`\n"
        "py/uv.lock: provides-extras of 'app' is [] but py/pyproject.toml:7 declares ['cli'] — "
        "run `(cd py && uv lock)`\n"
    )


def test_a_dependency_marked_with_an_extra_reads_as_uv_locks_it(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """`lib>=0.1; extra == 'x'` in [project].dependencies: uv.lock holds the very marker;
    no "cannot verify" warning, and uv agrees."""
    uv = _tool("uv")
    assert uv is not None
    repo.write(
        {
            "pyproject.toml": '[project]\nname = "app"\nversion = "0.1.0"\n'
            'requires-python = ">=3.10"\ndependencies = ["lib>=0.1; extra == \'x\'"]\n'
            '[tool.uv.workspace]\nmembers = ["lib"]\n[tool.uv.sources]\nlib = { workspace = true }\n',
            "lib/pyproject.toml": '[project]\nname = "lib"\nversion = "0.1.0"\n'
            'requires-python = ">=3.10"\n',
        }
    )
    subprocess.run([uv, "lock", "--offline"], cwd=repo.path, capture_output=True, check=True)
    repo.commit("chore: lock")
    assert tool_accepts(repo, "uv")
    assert hook_verdict(capsys) == (True, "")
