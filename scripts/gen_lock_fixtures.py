"""Generate the lockfile fixtures of tests/data/lockfiles/ with the real lock tools.

Each fixture is a small project (manifests only) locked by its own tool: uv, Poetry, npm,
pnpm and Cargo. Workspace dependencies only, so that every tool locks offline, except the
``*-registry`` fixtures, which resolve from PyPI or npm. Run from the repository root:

    uv run python scripts/gen_lock_fixtures.py [NAME ...]

Needs ``uv``, ``npm``, ``pnpm``, ``cargo`` and ``poetry`` on PATH.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "lockfiles")
HATCH = '\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'


def _pkg(name: str, version: str, **maps: dict[str, str]) -> str:
    data: dict[str, object] = {"name": name, "version": version}
    data.update(maps)
    return json.dumps(data, indent=2) + "\n"


FIXTURES: dict[str, tuple[dict[str, str], list[list[str]]]] = {
    "uv-workspace": (
        {
            "pyproject.toml": textwrap.dedent(
                """\
                [project]
                name = "app"
                version = "1.0.0"
                requires-python = ">=3.9"
                dependencies = [
                    "liba>=0.3",
                    "libb[fast]; python_version >= '3.10'",
                ]

                [project.optional-dependencies]
                test = ["liba"]

                [dependency-groups]
                dev = ["libb"]
                lint = [{include-group = "dev"}, "liba"]

                [tool.uv.sources]
                liba = { workspace = true }
                libb = { workspace = true }

                [tool.uv.workspace]
                members = ["packages/*"]
                """
            )
            + HATCH,
            "packages/liba/pyproject.toml": '[project]\nname = "liba"\nversion = "0.3.0"\n'
            'requires-python = ">=3.9"\n' + HATCH,
            "packages/libb/pyproject.toml": '[project]\nname = "libb"\nversion = "0.1.0"\n'
            'requires-python = ">=3.9"\n\n[project.optional-dependencies]\nfast = []\n' + HATCH,
        },
        [["uv", "lock", "--offline"]],
    ),
    "uv-legacy-dev": (
        {
            "pyproject.toml": textwrap.dedent(
                """\
                [project]
                name = "tool"
                version = "0.1.0"
                requires-python = ">=3.11"

                [tool.uv]
                dev-dependencies = ["helper"]

                [tool.uv.sources]
                helper = { path = "helper", editable = true }
                """
            )
            + HATCH,
            "helper/pyproject.toml": '[project]\nname = "helper"\nversion = "2.0.0"\n'
            'requires-python = ">=3.11"\n' + HATCH,
        },
        [["uv", "lock", "--offline"]],
    ),
    "uv-registry": (
        {
            "pyproject.toml": textwrap.dedent(
                """\
                [project]
                name = "client"
                version = "2.1.0"
                requires-python = ">=3.10"
                dependencies = [
                    "idna>=3.5",
                    "iniconfig >=2, <3",
                ]

                [project.optional-dependencies]
                socks = ["PySocks>=1.7"]

                [tool.uv]
                constraint-dependencies = ["idna<4"]
                """
            )
            + HATCH,
        },
        [["uv", "lock"]],
    ),
    "poetry-project": (
        {
            "pyproject.toml": textwrap.dedent(
                """\
                [tool.poetry]
                name = "svc"
                version = "1.2.0"
                description = ""
                authors = []
                packages = [{ include = "svc" }]

                [tool.poetry.dependencies]
                python = "^3.10"
                core = { path = "core", develop = true }

                [tool.poetry.group.dev.dependencies]
                core = { path = "core" }

                [build-system]
                requires = ["poetry-core>=2.0"]
                build-backend = "poetry.core.masonry.api"
                """
            ),
            "core/pyproject.toml": '[project]\nname = "core"\nversion = "0.4.0"\n'
            'requires-python = ">=3.10"\n\n[build-system]\nrequires = ["poetry-core>=2.0"]\n'
            'build-backend = "poetry.core.masonry.api"\n',
            "core/core/__init__.py": "",
            "svc/__init__.py": "",
        },
        [["poetry", "lock"]],
    ),
    "poetry-registry": (
        {
            "pyproject.toml": textwrap.dedent(
                """\
                [project]
                name = "api"
                version = "0.9.0"
                requires-python = ">=3.10"
                dependencies = ["iniconfig>=2"]

                [project.optional-dependencies]
                cli = ["iniconfig"]

                [dependency-groups]
                dev = ["iniconfig>=2.0"]

                [tool.poetry]
                packages = [{ include = "api" }]

                # the index's simple API: Poetry's default source reads PyPI's JSON API
                [[tool.poetry.source]]
                name = "simple"
                url = "https://pypi.org/simple/"
                priority = "primary"

                [build-system]
                requires = ["poetry-core>=2.0"]
                build-backend = "poetry.core.masonry.api"
                """
            ),
            "api/__init__.py": "",
        },
        [["poetry", "lock"]],
    ),
    "npm-workspace": (
        {
            "package.json": json.dumps(
                {
                    "name": "root",
                    "version": "1.0.0",
                    "private": True,
                    "workspaces": ["packages/*"],
                    "dependencies": {"@x/a": "^1.0.0"},
                    "devDependencies": {"@x/b": "2.0.0"},
                },
                indent=2,
            )
            + "\n",
            "packages/a/package.json": _pkg("@x/a", "1.0.0"),
            "packages/b/package.json": _pkg(
                "@x/b",
                "2.0.0",
                dependencies={"@x/a": "^1.0.0"},
                peerDependencies={"@x/a": ">=1"},
            ),
        },
        [["npm", "install", "--package-lock-only", "--ignore-scripts", "--offline"]],
    ),
    "pnpm-workspace": (
        {
            "package.json": _pkg(
                "root",
                "1.0.0",
                dependencies={"a": "workspace:^"},
                devDependencies={"b": "workspace:*"},
            ),
            "pnpm-workspace.yaml": "packages:\n  - packages/*\noverrides:\n  b: workspace:*\n",
            "packages/a/package.json": _pkg("a", "1.0.0"),
            "packages/b/package.json": _pkg("b", "2.0.0", dependencies={"a": "workspace:^1.0.0"}),
        },
        [["pnpm", "install", "--lockfile-only", "--ignore-scripts", "--offline"]],
    ),
    # a peer no other map names: pnpm installs it (autoInstallPeers) and locks it as a
    # dependency
    "pnpm-peers": (
        {
            "package.json": _pkg("root", "1.0.0"),
            "pnpm-workspace.yaml": "packages:\n  - packages/*\n",
            "packages/a/package.json": _pkg("a", "1.0.0"),
            "packages/b/package.json": _pkg(
                "b", "1.0.0", peerDependencies={"a": "workspace:^"}, devDependencies={}
            ),
        },
        [["pnpm", "install", "--lockfile-only", "--ignore-scripts", "--offline"]],
    ),
    # lockfileVersion '6.0', written by pnpm 8
    "pnpm8-workspace": (
        {
            "package.json": _pkg(
                "root",
                "1.0.0",
                dependencies={"a": "workspace:^"},
                devDependencies={"b": "workspace:*"},
            ),
            "pnpm-workspace.yaml": "packages:\n  - packages/*\n",
            "packages/a/package.json": _pkg("a", "1.0.0"),
            "packages/b/package.json": _pkg("b", "2.0.0", dependencies={"a": "workspace:^1.0.0"}),
        },
        [["npx", "-y", "pnpm@8", "install", "--lockfile-only", "--ignore-scripts", "--offline"]],
    ),
    "pnpm8-registry": (
        {
            "package.json": _pkg(
                "site",
                "3.0.0",
                dependencies={"is-odd": "^3.0.1"},
                devDependencies={"ms": "2.1.3"},
                optionalDependencies={"is-number": "^7.0.0"},
            ),
        },
        [["npx", "-y", "pnpm@8", "install", "--lockfile-only", "--ignore-scripts"]],
    ),
    # lock-version 2.0, written by Poetry 1.8 (its hash rules predate [project])
    "poetry-legacy": (
        {
            "pyproject.toml": textwrap.dedent(
                """\
                [tool.poetry]
                name = "legacy"
                version = "1.2.0"
                description = ""
                authors = []
                packages = [{ include = "legacy" }]

                [tool.poetry.dependencies]
                python = "^3.10"
                shared = { path = "shared", develop = true }

                [build-system]
                requires = ["poetry-core>=1.0"]
                build-backend = "poetry.core.masonry.api"
                """
            ),
            "shared/pyproject.toml": '[tool.poetry]\nname = "shared"\nversion = "0.4.0"\n'
            'description = ""\nauthors = []\n\n[tool.poetry.dependencies]\npython = ">=3.10"\n\n'
            '[build-system]\nrequires = ["poetry-core>=1.0"]\n'
            'build-backend = "poetry.core.masonry.api"\n',
            "shared/shared/__init__.py": "",
            "legacy/__init__.py": "",
        },
        [["uvx", "--from", "poetry==1.8.5", "poetry", "lock", "--no-update"]],
    ),
    "npm-registry": (
        {
            "package.json": _pkg(
                "site",
                "3.0.0",
                dependencies={"is-odd": "^3.0.1", "semver": "^7.5.0"},
                devDependencies={"ms": "2.1.3"},
                optionalDependencies={"is-number": "^7.0.0"},
            ),
        },
        [["npm", "install", "--package-lock-only", "--ignore-scripts"]],
    ),
    "pnpm-registry": (
        {
            "package.json": _pkg(
                "site",
                "3.0.0",
                dependencies={"is-odd": "^3.0.1", "@babel/core": "^7.24.0", "glob": "^7.2.0"},
                devDependencies={"ms": "2.1.3"},
            ),
        },
        [["pnpm", "install", "--lockfile-only", "--ignore-scripts"]],
    ),
    "cargo-workspace": (
        {
            "Cargo.toml": textwrap.dedent(
                """\
                [workspace]
                members = ["crates/*"]
                resolver = "2"

                [workspace.package]
                version = "1.4.0"
                edition = "2021"

                [workspace.dependencies]
                corelib = { path = "crates/core", version = "1.4.0" }
                """
            ),
            "crates/core/Cargo.toml": '[package]\nname = "corelib"\nversion.workspace = true\n'
            "edition.workspace = true\n",
            "crates/core/src/lib.rs": "",
            "crates/cli/Cargo.toml": '[package]\nname = "cli"\nversion = "0.2.0"\n'
            'edition = "2021"\n\n[dependencies]\ncorelib.workspace = true\n\n'
            '[dev-dependencies]\nhelper = { path = "../helper", version = "0.1" }\n',
            "crates/cli/src/lib.rs": "",
            "crates/helper/Cargo.toml": '[package]\nname = "helper"\nversion = "0.1.3"\n'
            'edition = "2021"\n',
            "crates/helper/src/lib.rs": "",
        },
        [["cargo", "generate-lockfile", "--offline"]],
    ),
}


# uv-workspace, its groups bounded by [tool.uv.dependency-groups] requires-python: uv marks
# each of their requirements
_GROUPS = (
    "[tool.uv.dependency-groups]\n"
    'dev = { requires-python = ">=3.12" }\n'
    'lint = { requires-python = ">=3.9" }\n\n'
)
FIXTURES["uv-group-python"] = (
    {
        path: text.replace("[tool.uv.workspace]", _GROUPS + "[tool.uv.workspace]")
        for path, text in FIXTURES["uv-workspace"][0].items()
    },
    FIXTURES["uv-workspace"][1],
)
# markers uv writes in its own spelling: python_version as python_full_version,
# platform_system as sys_platform, clauses in its order (each requirement tagged by its
# specifier, which uv copies as it is)
FIXTURES["uv-markers"] = (
    {
        "pyproject.toml": textwrap.dedent(
            """\
            [project]
            name = "app"
            version = "1.0.0"
            requires-python = ">=3.9"
            dependencies = [
                'lib>=0.1; platform_python_implementation == "CPython" and python_version >= "3.10"',
                'lib>=0.2; python_version == "3.13" and implementation_name == "cpython"',
                'lib>=0.3; platform_system == "Windows"',
                'lib>=0.4; platform_system != "Darwin" and sys_platform != "linux"',
                'lib>=0.5; python_version > "3.10" and python_version <= "3.12"',
                'lib>=0.6; python_version < "3.12" or platform_system == "Linux"',
                'lib>=0.7; "win32" == sys_platform and (os_name == "nt" or python_version != "3.11")',
            ]

            [tool.uv.sources]
            lib = { path = "lib" }
            """
        )
        + HATCH,
        "lib/pyproject.toml": '[project]\nname = "lib"\nversion = "1.0.0"\n'
        'requires-python = ">=3.9"\n' + HATCH,
    },
    [["uv", "lock", "--offline"]],
)
# what pnpm does to a manifest before it compares it with the lock: a `!` glob leaves a
# folder out of the workspace, a name in two maps is compared in one, a relative `file:`
# override is written relative to each importer, an overridden peer joins a map
FIXTURES["pnpm-rewrites"] = (
    {
        "package.json": _pkg("root", "1.0.0"),
        "pnpm-workspace.yaml": "packages:\n  - packages/*\n  - '!packages/skipped'\n"
        "overrides:\n  d: 'file:local/d'\n",
        "local/d/package.json": _pkg("d", "1.0.0"),
        "packages/a/package.json": _pkg("a", "1.0.0"),
        "packages/b/package.json": _pkg(
            "b", "1.0.0", dependencies={"a": "workspace:*"}, devDependencies={"a": "workspace:*"}
        ),
        "packages/e/package.json": _pkg(
            "e", "1.0.0", devDependencies={"d": "^1.0.0"}, peerDependencies={"d": "*"}
        ),
        "packages/skipped/package.json": _pkg("skipped", "1.0.0"),
    },
    [["pnpm", "install", "--lockfile-only", "--ignore-scripts", "--offline"]],
)
# pnpm catalogs: the default one and a named one (pnpm 9.5+; resolved from npm)
FIXTURES["pnpm-catalog"] = (
    {
        "package.json": _pkg("root", "1.0.0", dependencies={"is-odd": "catalog:"}),
        "pnpm-workspace.yaml": "packages:\n  - packages/*\ncatalog:\n  is-odd: ^3.0.1\n"
        "catalogs:\n  tools:\n    ms: 2.1.3\n",
        "packages/a/package.json": _pkg("a", "1.0.0", dependencies={"ms": "catalog:tools"}),
    },
    [["pnpm", "install", "--lockfile-only", "--ignore-scripts"]],
)


def generate(name: str) -> None:
    files, commands = FIXTURES[name]
    folder = os.path.join(ROOT, name)
    shutil.rmtree(folder, ignore_errors=True)
    for path, text in files.items():
        full = os.path.join(folder, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text)
    for argv in commands:
        subprocess.run(argv, cwd=folder, check=True)
    for leftover in ("node_modules", "target", ".venv"):
        shutil.rmtree(os.path.join(folder, leftover), ignore_errors=True)
    for base, dirs, _ in os.walk(folder):
        if "node_modules" in dirs:
            shutil.rmtree(os.path.join(base, "node_modules"))


def main(argv: list[str]) -> int:
    for name in argv or list(FIXTURES):
        generate(name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
