"""Median wall time of check-lockfile-pins beside each lock tool's own offline check, on
real-sized projects: a uv.lock of 300+ packages (also locked by Poetry) and a
package-lock.json of 1,000+ packages (also locked by pnpm).

    uv run python scripts/bench_lockfiles.py [--runs 7] [--keep DIR]

The projects are locked once from PyPI and npm (network), in a temporary folder, and each
tool's files copied into a repository of their own; then every command runs ``--runs``
times in its tree. The figure is the median wall time, start-up included (the hook as
pre-commit runs it, ``releaselint-hook check-lockfile-pins``: a fresh interpreter; and by
the console script pip writes, which imports ``re`` first). The hook runs on the two commits it meets: a
manifest edited with the lockfile as it was (its cache answers), and the project re-locked
(both changed: nothing cached). Last, the floor of any Python hook on the uv and pnpm trees,
and of one whose lockfile changed (``FLOOR``, ``RELOCKED_FLOOR``). Needs uv,
npm, pnpm and poetry on PATH (a missing tool's row says so).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

PYTHON_DEPENDENCIES = [
    "jupyterlab", "sphinx", "boto3", "pandas", "scikit-learn", "dask[complete]",
    "fastapi[all]", "django", "celery[redis]", "sqlalchemy", "matplotlib", "mkdocs-material",
    "black", "mypy", "pytest", "httpx", "pydantic-settings", "apache-beam", "ansible",
    "google-cloud-storage", "requests-oauthlib", "nox", "tox",
]  # fmt: skip
NODE_DEPENDENCIES = {
    "react-scripts": "5.0.1", "webpack": "^5.90.0", "eslint": "^8.57.0", "jest": "^29.7.0",
    "typescript": "^4.9.0", "@babel/core": "^7.24.0", "rollup": "^4.14.0", "vite": "^5.2.0",
}  # fmt: skip


def run(argv: list[str], cwd: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)
    if check and proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed in {cwd}:\n{proc.stdout}\n{proc.stderr}")
    return proc


def median_wall(argv: list[str], cwd: str, runs: int, cold: bool = False) -> tuple[float, int]:
    """After one warm-up run (the hook's bytecode written, as in an installed hook
    environment; the tools' caches filled). ``cold``: releaselint's lockfile cache removed
    before each run (the run after the lockfile changed)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(argv, cwd=cwd, capture_output=True, check=False, env=env)
    times = []
    code = 0
    for _ in range(runs):
        if cold:
            shutil.rmtree(os.path.join(cwd, ".git", "releaselint"), ignore_errors=True)
        start = time.perf_counter()
        code = subprocess.run(argv, cwd=cwd, capture_output=True, check=False, env=env).returncode
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, code


def python_tree(base: str) -> str:
    folder = os.path.join(base, "python")
    os.makedirs(os.path.join(folder, "app"))
    requirements = ",\n".join(f'    "{d}"' for d in PYTHON_DEPENDENCIES)
    with open(os.path.join(folder, "pyproject.toml"), "w", encoding="utf-8") as f:
        f.write(
            f'[project]\nname = "app"\nversion = "1.0.0"\nrequires-python = ">=3.10"\n'
            f"dependencies = [\n{requirements},\n]\n\n"
            '[[tool.poetry.source]]\nname = "simple"\nurl = "https://pypi.org/simple/"\n'
            'priority = "primary"\n\n[tool.poetry]\npackages = [{ include = "app" }]\n\n'
            '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
        )
    open(os.path.join(folder, "app", "__init__.py"), "w").close()
    run(["uv", "lock"], folder)
    if shutil.which("poetry"):
        run(["poetry", "lock"], folder, check=False)
    return folder


def node_tree(base: str) -> str:
    folder = os.path.join(base, "node")
    os.makedirs(folder)
    package = {
        "name": "site",
        "version": "1.0.0",
        "private": True,
        "dependencies": NODE_DEPENDENCIES,
    }
    with open(os.path.join(folder, "package.json"), "w", encoding="utf-8") as f:
        f.write(json.dumps(package, indent=2) + "\n")
    run(["npm", "install", "--package-lock-only", "--ignore-scripts"], folder)
    if shutil.which("pnpm"):
        run(["pnpm", "install", "--lockfile-only", "--ignore-scripts"], folder)
        # fill pnpm's store, so that its offline check has what it needs
        run(["pnpm", "install", "--frozen-lockfile", "--ignore-scripts"], folder, check=False)
    return folder


def init_git(folder: str) -> None:
    """A repository of the tree, its installed packages ignored as any project ignores
    them (the hook lists the tracked files)."""
    if os.path.isdir(os.path.join(folder, ".git")):
        return
    with open(os.path.join(folder, ".gitignore"), "w", encoding="utf-8") as f:
        f.write("node_modules/\n.venv/\n")
    run(["git", "init", "-q"], folder)
    run(["git", "add", "-A"], folder)


def one_tool_tree(base: str, source: str, name: str, keep: list[str]) -> str:
    """A copy of ``source`` with only the files one tool reads (``keep``), in a repository
    of its own: a changed manifest then moves that tool's lockfile alone."""
    folder = os.path.join(base, name)
    if not os.path.isdir(folder):
        os.makedirs(folder)
        for entry in keep:
            src = os.path.join(source, entry)
            if os.path.isdir(src):
                shutil.copytree(src, os.path.join(folder, entry), symlinks=True)
            elif os.path.exists(src):
                shutil.copy2(src, os.path.join(folder, entry))
    init_git(folder)
    return folder


# The least a Python hook does on the pnpm tree: the two gits (the work tree's top, its
# files), the manifest read, the lockfile's status taken, the cache read; nothing compared.
FLOOR = """
import os, sys
def run(argv):
    out = os.memfd_create("out")
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, out, 1)])
    os.waitpid(pid, 0)
    os.lseek(out, 0, 0)
    data = os.read(out, 1 << 20)
    os.close(out)
    return data
top = run(["git", "rev-parse", "--show-toplevel"]).decode().strip()
run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "*MANIFEST",
     "*LOCK"])
with open(os.path.join(top, "MANIFEST"), "rb") as f:
    f.read()
os.stat(os.path.join(top, "LOCK"))
try:
    with open(os.path.join(top, ".git", "releaselint", "lockfiles.json"), "rb") as f:
        f.read()
except OSError:
    pass
"""
# The least a hook does where the lockfile changed: the floor above, then the lockfile read
# and each of its lines looked at once (a lockfile broken anywhere fails the tool's own
# check, so every line must be seen), nothing checked.
RELOCKED_FLOOR = """
with open(os.path.join(top, "LOCK"), "rb") as f:
    for line in f.read().decode().split("\\n"):
        pass
"""


# The console script pip (distlib) writes for an entry point
PIP_SCRIPT = """#!{python}
# -*- coding: utf-8 -*-
import re
import sys
from releaselint.hooks.check_lockfile_pins import main
if __name__ == '__main__':
    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])
    sys.exit(main())
"""


def floor(lock: str, relocked: bool = False) -> str:
    manifest = "pyproject.toml" if lock in ("uv.lock", "poetry.lock") else "package.json"
    code = FLOOR + (RELOCKED_FLOOR if relocked else "")
    return code.replace("MANIFEST", manifest).replace("LOCK", lock)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", help="build the trees here and keep them")
    args = parser.parse_args(argv)
    base = args.keep or tempfile.mkdtemp(prefix="bench-lockfiles-")
    python = os.path.join(base, "python")
    node = os.path.join(base, "node")
    if not os.path.isdir(python):
        python_tree(base)
    if not os.path.isdir(node):
        node_tree(base)
    trees = {
        "uv.lock": one_tool_tree(base, python, "uv", ["pyproject.toml", "app", "uv.lock"]),
        "poetry.lock": one_tool_tree(
            base, python, "poetry", ["pyproject.toml", "app", "poetry.lock"]
        ),
        "package-lock.json": one_tool_tree(
            base, node, "npm", ["package.json", "package-lock.json"]
        ),
        "pnpm-lock.yaml": one_tool_tree(
            base, node, "pnpm", ["package.json", "pnpm-lock.yaml", "node_modules"]
        ),
    }
    with open(trees["uv.lock"] + "/uv.lock", encoding="utf-8") as f:
        uv_packages = f.read().count("[[package]]")
    with open(trees["package-lock.json"] + "/package-lock.json", encoding="utf-8") as f:
        npm_packages = len(json.load(f)["packages"]) - 1
    print(f"uv.lock: {uv_packages} packages; package-lock.json: {npm_packages} packages")
    # the hook as .pre-commit-hooks.yaml runs it (``python -m`` would add runpy's imports),
    # and by the console script pip writes, which imports ``re`` first
    runner = os.path.join(os.path.dirname(sys.executable), "releaselint-hook")
    hook = [runner, "check-lockfile-pins"]
    pip_hook = os.path.join(base, "check-lockfile-pins-pip")
    with open(pip_hook, "w", encoding="utf-8") as f:
        f.write(PIP_SCRIPT.format(python=sys.executable))
    os.chmod(pip_hook, 0o755)
    tools = {
        "uv.lock": ["uv", "lock", "--check", "--offline"],
        "poetry.lock": ["poetry", "check", "--lock"],
        "package-lock.json": ["npm", "ci", "--dry-run", "--ignore-scripts"],
        "pnpm-lock.yaml": ["pnpm", "install", "--frozen-lockfile", "--offline", "--ignore-scripts"],
    }
    bare = median_wall([sys.executable, "-c", "pass"], base, args.runs)[0]
    print(f"{'python -c pass':58} {bare:8.1f} ms")
    for lock, folder in trees.items():
        manifest = "pyproject.toml" if lock in ("uv.lock", "poetry.lock") else "package.json"
        # the two commits the hook runs on: a manifest edited and the lockfile not (the
        # lockfile as the last run read it: its cache answers), and the project re-locked
        rows = [
            (f"check-lockfile-pins, {manifest} changed", [*hook, manifest], False),
            (f"  the same, {manifest} and {lock} changed", [*hook, manifest, lock], True),
            ("  by pip's console script: manifest changed", [pip_hook, manifest], False),
            ("    and both changed", [pip_hook, manifest, lock], True),
            (" ".join(tools[lock]), tools[lock], False),
        ]
        for label, command, cold in rows:
            if shutil.which(command[0]) is None:
                print(f"{label:58} not installed")
                continue
            wall, code = median_wall(command, folder, args.runs, cold=cold)
            print(f"{label:58} {wall:8.1f} ms  (exit {code})")
    for lock in ("uv.lock", "pnpm-lock.yaml"):
        for relocked in (False, True):
            label = f"floor of a Python hook, {lock}{' re-locked' if relocked else ''}"
            wall = median_wall(
                [sys.executable, "-c", floor(lock, relocked)], trees[lock], args.runs
            )[0]
            print(f"{label:58} {wall:8.1f} ms")
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
