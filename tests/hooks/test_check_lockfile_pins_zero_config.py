"""Zero config stays quiet where the lock tools are: layouts taken from public repositories
where a first reading of the lockfiles reported what the tools accept."""

from __future__ import annotations

import json

import pytest

from releaselint.hooks.check_lockfile_pins import find_findings, main
from tests.conftest import Repo


def messages(repo: Repo) -> list[str]:
    findings, _ = find_findings(str(repo.path), None)
    return [f"{f.location}: {f.message}" for f in findings if f.severity == "error"]


CRATE = '[package]\nname = "{name}"\nversion = "{version}"\nedition = "2021"\n{rest}'


def test_a_members_own_cargo_lock_is_not_read(repo: Repo) -> None:
    """cargo reads the workspace's Cargo.lock: one left in a member's folder is no lock."""
    repo.commit(
        files={
            "Cargo.toml": '[workspace]\nmembers = ["crates/*"]\n',
            "Cargo.lock": 'version = 4\n\n[[package]]\nname = "a"\nversion = "1.0.0"\n',
            "crates/a/Cargo.toml": CRATE.format(name="a", version="1.0.0", rest=""),
            "crates/a/src/lib.rs": "",
            "crates/a/Cargo.lock": "version = 4\n",  # no entry for `a`: stale, and unused
        }
    )
    assert messages(repo) == []
    # outside the workspace, the same lockfile is the crate's own, and it is stale
    repo.write({"Cargo.toml": '[workspace]\nmembers = ["crates/*"]\nexclude = ["crates/a"]\n'})
    assert messages(repo) == [
        "crates/a/Cargo.lock: no entry for 'a' (crates/a/Cargo.toml) — run `(cd crates/a && "
        "cargo update --workspace)`"
    ]


def test_a_path_dependency_outside_the_workspace_locks_only_what_is_used(repo: Repo) -> None:
    """cargo locks the optional dependencies of members, and of a crate the workspace only
    depends on, those its features pull in."""
    lock = (
        'version = 4\n\n[[package]]\nname = "app"\nversion = "0.1.0"\n'
        'dependencies = [\n "helper",\n]\n\n'
        '[[package]]\nname = "helper"\nversion = "0.2.0"\n'
    )
    helper = CRATE.format(
        name="helper",
        version="0.2.0",
        rest='[dependencies]\nlog = { version = "0.4", optional = true }\n',
    )
    repo.commit(
        files={
            "app/Cargo.toml": CRATE.format(
                name="app",
                version="0.1.0",
                rest='[dependencies]\nhelper = { path = "../helper" }\n',
            )
            + "[workspace]\n",
            "app/src/main.rs": "",
            "app/Cargo.lock": lock,
            "helper/Cargo.toml": helper,
            "helper/src/lib.rs": "",
        }
    )
    assert messages(repo) == []
    # a member's dependency missing from its entry is still drift
    app = repo.read("app/Cargo.toml").replace("[workspace]", 'serde = "1"\n[workspace]')
    repo.write({"app/Cargo.toml": app})
    assert messages(repo) == [
        "app/Cargo.lock: 'app' depends on 'serde' (app/Cargo.toml) but its entry does not list "
        "it — run `(cd app && cargo update --workspace)`"
    ]


def test_a_fuzz_crate_is_a_development_project(repo: Repo) -> None:
    """cargo-fuzz's crate locks the repository's crates at whatever it last built."""
    repo.commit(
        files={
            "Cargo.toml": CRATE.format(name="core", version="2.0.0", rest=""),
            "src/lib.rs": "",
            "fuzz/Cargo.toml": CRATE.format(
                name="core-fuzz", version="0.0.0", rest='[dependencies]\ncore = { path = ".." }\n'
            )
            + "[workspace]\nmembers = ['.']\n",
            "fuzz/Cargo.lock": (
                'version = 4\n\n[[package]]\nname = "core"\nversion = "1.0.0"\n\n'
                '[[package]]\nname = "core-fuzz"\nversion = "0.0.0"\ndependencies = [\n "core",\n]\n'
            ),
        }
    )
    assert messages(repo) == []


def test_a_uv_workspace_members_own_lock_is_not_read(repo: Repo) -> None:
    repo.commit(
        files={
            "pyproject.toml": '[project]\nname = "app"\nversion = "1.0.0"\n\n'
            '[tool.uv.workspace]\nmembers = ["core"]\n',
            "core/pyproject.toml": '[project]\nname = "core"\nversion = "1.0.0"\n'
            'dependencies = ["idna>=3"]\n',
            # a lock from before core joined the workspace: uv reads the root's
            "core/uv.lock": 'version = 1\nrevision = 3\nrequires-python = ">=3.9"\n\n'
            '[[package]]\nname = "core"\nversion = "0.9.0"\nsource = { editable = "." }\n',
        }
    )
    assert messages(repo) == []


UV_GROUPS = """version = 1
revision = 3
requires-python = ">=3.9"

[[package]]
name = "app"
version = "1.0.0"
source = { virtual = "." }

[package.dev-dependencies]
dev = [
    { name = "pytest" },
]
tests = [
    { name = "pytest" },
]

[package.metadata]

[package.metadata.requires-dev]
dev = [{ name = "pytest", specifier = ">=8" }]
tests = [{ name = "pytest", specifier = ">=8" }]
"""


def test_a_requirement_named_twice_through_an_included_group_is_locked_once(
    repo: Repo,
) -> None:
    repo.commit(
        files={
            "pyproject.toml": '[project]\nname = "app"\nversion = "1.0.0"\n\n'
            '[dependency-groups]\ntests = ["pytest>=8"]\n'
            'dev = [{ include-group = "tests" }, "pytest>=8"]\n',
            "uv.lock": UV_GROUPS,
        }
    )
    assert messages(repo) == []
    repo.write(
        {"pyproject.toml": repo.read("pyproject.toml").replace('"pytest>=8"]\n', '"pytest>=9"]\n')}
    )
    assert messages(repo)[0].startswith("uv.lock: requires-dev.tests for 'pytest' is '>=8'")


def pnpm_lock(importers: str, overrides: str = "", head: str = "") -> str:
    return (
        f"{head}lockfileVersion: '9.0'\n\nsettings:\n  autoInstallPeers: true\n"
        f"  excludeLinksFromLockfile: false\n\n{overrides}importers:\n\n{importers}"
    )


def package(name: str, **maps: dict[str, str]) -> str:
    return json.dumps({"name": name, "version": "1.0.0", **maps}, indent=2) + "\n"


def test_pnpm_peers_overrides_catalogs_and_the_package_manager_document(repo: Repo) -> None:
    """Peers pnpm installs itself (autoInstallPeers), overrides with a version selector or a
    catalog entry, a project under node_modules (never a workspace project), and the
    document pnpm 11 writes before the lockfile."""
    importers = (
        "  .:\n    dependencies:\n      react:\n        specifier: ^18.0.0\n"
        "        version: 18.3.1\n"
        "    devDependencies:\n      '@types/node':\n        specifier: ^22.19.0\n"
        "        version: 22.19.1\n      rolldown:\n        specifier: 1.2.5\n"
        "        version: 1.2.5\n"
    )
    overrides = "overrides:\n  '@types/node@22': ^22.19.0\n  rolldown: 1.2.5\n\n"
    head = (
        "---\nlockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    configDependencies: {}\n\n"
        "packages:\n\n  pnpm@11.0.0: {}\n\n---\n"
    )
    repo.commit(
        files={
            "package.json": package(
                "site",
                peerDependencies={"react": "^18.0.0"},
                devDependencies={"@types/node": "^22.10.6", "rolldown": "catalog:"},
            ),
            "pnpm-workspace.yaml": "packages:\n  - 'packages/**'\ncatalog:\n  rolldown: 1.2.5\n"
            "overrides:\n  '@types/node@22': ^22.19.0\n  rolldown: 'catalog:'\n",
            "pnpm-lock.yaml": pnpm_lock(importers, overrides, head),
            "packages/x/node_modules/y/package.json": package("y"),
        }
    )
    assert messages(repo) == []
    # a peer whose range changed is drift
    repo.write({"package.json": repo.read("package.json").replace('"^18.0.0"', '"^19.0.0"')})
    assert messages(repo) == [
        "pnpm-lock.yaml: importers['.'].dependencies for 'react' is '^18.0.0' but "
        "package.json:5 says '^19.0.0' — run `pnpm install`"
    ]


def test_another_tools_lockfile_left_behind(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    """zustand: a package-lock.json committed beside the pnpm-lock.yaml of a project whose
    packageManager is pnpm. It is named as unchecked, not drift, and its versions are no
    declarations (a tag of the project is not held to them)."""
    from releaselint.hooks.check_tag_semver import main as check_tags
    from releaselint.hooks.check_version_alignment import main as check_alignment

    manifest = {
        "name": "demo",
        "version": "1.0.1",
        "packageManager": "pnpm@9.0.0",
        "devDependencies": {"left-pad": "^1.3.0"},
    }
    stray = {
        "name": "demo",
        "version": "1.0.0",
        "lockfileVersion": 3,
        "packages": {
            "": {"name": "demo", "version": "1.0.0", "devDependencies": {"left-pad": "^1.1.0"}}
        },
    }
    pnpm = (
        "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    devDependencies:\n      left-pad:\n"
        "        specifier: ^1.3.0\n        version: 1.3.0\n"
    )
    repo.commit(
        "chore: release 1.0.1",
        files={
            "package.json": json.dumps(manifest, indent=2) + "\n",
            "package-lock.json": json.dumps(stray, indent=2) + "\n",
            "pnpm-lock.yaml": pnpm,
        },
    )
    repo.git("tag", "-a", "v1.0.1", "-m", "1.0.1")
    assert main([]) == 0
    assert capsys.readouterr().out == (
        "package-lock.json: warning: unchecked: package.json's packageManager is 'pnpm@9.0.0', "
        "which does not read package-lock.json (left behind by another tool?)\n"
    )
    assert check_alignment([]) == 0
    assert check_tags(["--ref", "v1.0.1"]) == 0


def test_the_lock_pnpm_reads_decides_what_is_internal(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pnpm workspace whose lock fetches `is-number` from the registry for packages/b
    (pnpm 9 and later link a plain range only where told to): no internal pin, stale or
    to bump, even beside a package-lock.json another tool left behind."""
    from releaselint.commands.bump import main as bump

    lock = (
        "lockfileVersion: '9.0'\n\nimporters:\n\n  .: {}\n\n  packages/b:\n"
        "    dependencies:\n      is-number:\n        specifier: ^1.0.0\n"
        "        version: 1.1.2\n\n  packages/is-number: {}\n"
    )
    member = '{"name": "b", "version": "1.0.0", "dependencies": {"is-number": "^1.0.0"}}\n'
    repo.commit(
        files={
            "package.json": '{"name": "root", "private": true, "packageManager": "pnpm@12.21.0"}\n',
            "pnpm-workspace.yaml": "packages:\n  - packages/*\n",
            "pnpm-lock.yaml": lock,
            "package-lock.json": '{"lockfileVersion": 3, "packages": {"node_modules/is-number": '
            '{"link": true, "resolved": "packages/is-number"}}}\n',
            "packages/b/package.json": member,
            "packages/is-number/package.json": '{"name": "is-number", "version": "1.0.0"}\n',
        }
    )
    assert bump(["--group", "is-number", "--to", "2.0.0"]) == 0
    capsys.readouterr()
    assert repo.read("packages/b/package.json") == member
    assert main(["packages/is-number/package.json"]) == 0
    assert "requires 'is-number'" not in capsys.readouterr().out
