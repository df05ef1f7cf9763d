"""Repository layouts the tests build: real manifests as the tools write them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tests.conftest import Repo


def rust_with_bindings(version: str = "1.5.0") -> dict[str, str]:
    """A Rust crate with Python (maturin) and Node bindings: six declarations."""
    return {
        "Cargo.toml": (
            '[package]\nname = "corelib"\nversion = "%s"\nedition = "2021"\n\n'
            '[dependencies]\nserde = { version = "%s" }\n' % (version, version)
        ),
        "bindings/python/Cargo.toml": (
            '[package]\nname = "corelib-py"\nversion = "%s"\nedition = "2021"\n\n'
            '[dependencies]\ncorelib = { path = "../..", version = "%s" }\n' % (version, version)
        ),
        "bindings/python/pyproject.toml": (
            '[build-system]\nrequires = ["maturin>=1.5"]\nbuild-backend = "maturin"\n\n'
            '[project]\nname = "corelib"\nversion = "%s"\nrequires-python = ">=3.10"\n' % version
        ),
        "bindings/node/package.json": (
            '{\n  "name": "corelib",\n  "version": "%s",\n  "dependencies": {\n'
            '    "left-pad": "%s"\n  }\n}\n' % (version, version)
        ),
        "bindings/node/package-lock.json": (
            '{\n  "name": "corelib",\n  "version": "%s",\n  "lockfileVersion": 3,\n'
            '  "requires": true,\n  "packages": {\n    "": {\n      "name": "corelib",\n'
            '      "version": "%s",\n      "dependencies": {\n        "left-pad": "%s"\n'
            '      }\n    },\n    "node_modules/left-pad": {\n      "version": "%s",\n'
            '      "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-%s.tgz"\n'
            "    }\n  }\n}\n" % (version, version, version, version, version)
        ),
    }


def vcs_dynamic(version_line: str = '__version__ = version("tagged")') -> dict[str, str]:
    return {
        "pyproject.toml": (
            '[build-system]\nrequires = ["hatchling", "hatch-vcs"]\nbuild-backend = "hatchling.build"\n\n'
            '[project]\nname = "tagged"\ndynamic = ["version"]\n\n'
            '[tool.hatch.version]\nsource = "vcs"\n'
        ),
        "src/tagged/__init__.py": (
            "from importlib.metadata import version\n\n" + version_line + "\n"
        ),
        "web/package.json": '{\n  "name": "tagged-web",\n  "version": "0.0.0-dev"\n}\n',
    }


def released(
    repo: Repo,
    layout: Callable[[str], dict[str, str]],
    versions: Sequence[str] = ("1.3.0", "1.4.0"),
    prefix: str = "v",
) -> None:
    """Commit ``layout`` at each version and tag it, as a release history: the evidence
    that the layout's declarations move in lockstep."""
    for version in versions:
        repo.commit(f"chore(release): {version}", files=layout(version))
        repo.git("tag", "-a", f"{prefix}{version}", "-m", f"Release {version}")


def rust_node_and_python_crate(
    version: str, python: str, node_lock: str | None = None, python_lock: str | None = None
) -> dict[str, str]:
    """lancedb's shape: a Rust crate and its Node binding released as one (``v*`` tags),
    and a Python binding built by maturin from a crate of its own, with its own version;
    the lockfiles may lag their manifests."""
    locked = node_lock or version
    return {
        "Cargo.lock": (
            f'version = 4\n\n[[package]]\nname = "lancedb"\nversion = "{version}"\n\n'
            f'[[package]]\nname = "lancedb-python"\nversion = "{python_lock or python}"\n'
        ),
        "rust/lancedb/Cargo.toml": (
            f'[package]\nname = "lancedb"\nversion = "{version}"\nedition = "2021"\n'
        ),
        "nodejs/package.json": f'{{\n  "name": "@lancedb/lancedb",\n  "version": "{version}"\n}}\n',
        "nodejs/package-lock.json": (
            f'{{\n  "name": "@lancedb/lancedb",\n  "version": "{locked}",\n'
            '  "lockfileVersion": 3,\n  "requires": true,\n  "packages": {\n    "": {\n'
            f'      "name": "@lancedb/lancedb",\n      "version": "{locked}"\n    }}\n  }}\n}}\n'
        ),
        "python/Cargo.toml": (
            f'[package]\nname = "lancedb-python"\nversion = "{python}"\nedition = "2021"\n'
            "publish = false\n"
        ),
        "python/pyproject.toml": (
            '[build-system]\nrequires = ["maturin>=1.4"]\nbuild-backend = "maturin"\n\n'
            '[project]\nname = "lancedb"\ndynamic = ["version"]\n'
        ),
    }


def release(repo: Repo, files: dict[str, str], tags: Sequence[str], merged: bool = True) -> None:
    """Commit ``files`` and tag the commit with each of ``tags``; where not ``merged``, as
    release workflows that tag a commit of their own do: the tagged commit stays off the
    branch, which gets the same files in a commit of its own."""
    if not merged:
        repo.git("checkout", "-q", "--detach")
    name = tags[0] if tags else "untagged"
    repo.commit(f"chore(release): {name}", files=files)
    for tag in tags:
        repo.git("tag", "-a", tag, "-m", f"Release {tag}")
    if not merged:
        repo.git("checkout", "-q", "-")
        repo.commit(f"chore: {name} released", files=files)
