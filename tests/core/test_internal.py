from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from releaselint.core import internal
from releaselint.core.config import Config
from releaselint.core.errors import FatalError
from releaselint.core.inventory import packages_of
from releaselint.core.model import Package, Requirement
from releaselint.core.pep508 import package_name
from releaselint.core.tree import WorkTree
from releaselint.core.versions import SemVer
from tests.conftest import Repo


def _internal(ecosystem: str, spec: str) -> internal.Internal:
    manifest = {"node": "package.json", "rust": "Cargo.toml", "python": "pyproject.toml"}
    path = f"app/{manifest[ecosystem]}"
    # the span starts at 10 in its file: the edit is placed by the spec's own offsets
    requirement = Requirement(path, 4, "corelib", spec, 10, 10 + len(spec), "normal", "[deps]")
    return internal.Internal(
        requirement, Package(path, ecosystem, "app"), Package("Cargo.toml", ecosystem), spec
    )


@pytest.mark.parametrize(
    ("ecosystem", "spec", "version", "policy", "expected"),
    [
        # compatible: rewritten where the new version is not admitted, exact pins always
        ("rust", "1.4.0", "2.0.0", "compatible", "2.0.0"),
        ("rust", "1.4.0", "1.5.0", "compatible", None),
        ("rust", "1.4", "2.0.0", "compatible", "2.0.0"),
        ("rust", "^1.4.0", "2.0.0", "compatible", "^2.0.0"),
        ("rust", "~1.4.0", "1.5.0", "compatible", "~1.5.0"),
        ("rust", "=1.4.0", "1.4.1", "compatible", "=1.4.1"),
        ("rust", ">=1.4.0", "2.0.0", "compatible", None),
        ("rust", "1.4.0", "1.4.1-rc.0", "compatible", "1.4.1-rc.0"),
        ("rust", "0.4.0", "0.5.0", "compatible", "0.5.0"),
        ("node", "^1.4.0", "2.0.0", "compatible", "^2.0.0"),
        ("node", "^1.4.0", "1.9.0", "compatible", None),
        ("node", "~1.4.0", "1.5.0", "compatible", "~1.5.0"),
        ("node", "1.4.0", "1.4.1", "compatible", "1.4.1"),
        ("node", "=1.4.0", "1.4.1", "compatible", "=1.4.1"),
        ("node", "v1.4.0", "1.4.1", "compatible", "v1.4.1"),
        ("node", "1.4", "1.4.9", "compatible", None),  # the range 1.4.x, not a pin
        ("node", "^1.4.0", "1.4.1-rc.0", "compatible", "^1.4.1-rc.0"),
        ("node", "*", "9.0.0", "compatible", None),
        ("python", "==1.4.0", "1.4.1", "compatible", "==1.4.1"),
        ("python", "== 1.4.0", "1.4.1", "compatible", "== 1.4.1"),
        ("python", "==1.4.0", "1.4.1-rc.0", "compatible", "==1.4.1rc0"),
        ("python", ">=1.4", "2.0.0", "compatible", None),
        ("python", "~=1.4", "2.0.0", "compatible", "~=2.0.0"),
        ("python", "", "2.0.0", "compatible", None),
        # upgrade: every requirement that names one version moves
        ("rust", "1.4.0", "1.5.0", "upgrade", "1.5.0"),
        ("node", ">=1.4.0", "2.0.0", "upgrade", ">=2.0.0"),
        ("python", ">=1.4", "2.0.0", "upgrade", ">=2.0.0"),
        ("node", "*", "2.0.0", "upgrade", None),
        ("node", "^2.0.0", "2.0.0", "upgrade", None),
        # error: nothing is rewritten where nothing is left behind
        ("rust", "1.4.0", "1.5.0", "error", None),
        ("rust", "=1.5.0", "1.5.0", "error", None),
        ("python", "==1.5.0", "1.5.0", "compatible", None),
        ("python", ">=1.4", "2.0.0", "error", None),
    ],
)
def test_plan(ecosystem: str, spec: str, version: str, policy: str, expected: str | None) -> None:
    rewrites = internal.plan([_internal(ecosystem, spec)], SemVer(version), policy)
    if expected is None:
        assert rewrites == []
        return
    [rewrite] = rewrites
    assert (rewrite.old, rewrite.new) == (spec, expected)
    edit = rewrite.edit
    text = " " * 10 + spec
    assert text[: edit.start] + edit.new + text[edit.end :] == " " * 10 + expected
    assert text[edit.start : edit.end] == edit.old


@pytest.mark.parametrize(
    ("ecosystem", "spec", "version", "policy", "message"),
    [
        (
            "rust",
            "1.4.0",
            "2.0.0",
            "error",
            "app/Cargo.toml:4: corelib '1.4.0' ([deps]) does not admit 2.0.0 "
            "(dependent-pins = 'error')",
        ),
        (
            "node",
            "1.4.0",
            "1.4.1",
            "error",
            "app/package.json:4: corelib '1.4.0' ([deps]) does not admit 1.4.1 "
            "(dependent-pins = 'error')",
        ),
        (
            "rust",
            ">=1.4, <2",
            "2.0.0",
            "compatible",
            "app/Cargo.toml:4: corelib '>=1.4, <2' ([deps]) does not admit 2.0.0 and is not "
            "one comparator releaselint can rewrite; edit it by hand",
        ),
        (
            "node",
            "1.x",
            "2.0.0",
            "upgrade",
            "app/package.json:4: corelib '1.x' ([deps]) does not admit 2.0.0 and is not "
            "one comparator releaselint can rewrite; edit it by hand",
        ),
        (
            "python",
            "==1.4.*",
            "2.0.0",
            "compatible",
            "app/pyproject.toml:4: corelib '==1.4.*' ([deps]) does not admit 2.0.0 and is not "
            "one comparator releaselint can rewrite; edit it by hand",
        ),
    ],
)
def test_refusals(ecosystem: str, spec: str, version: str, policy: str, message: str) -> None:
    with pytest.raises(FatalError) as error:
        internal.plan([_internal(ecosystem, spec)], SemVer(version), policy)
    assert str(error.value) == message


def _found(repo: Repo, targets: list[str]) -> list[tuple[str, str, str]]:
    tree = WorkTree(str(repo.path))
    packages = packages_of(tree, Config())
    wanted = [p for p in packages if p.manifest in targets]
    return [
        (i.requirement.path, i.requirement.name, i.spec)
        for i in internal.find(tree, packages, wanted)
    ]


def test_only_requirements_the_repository_resolves(repo: Repo) -> None:
    repo.commit(
        files={
            "Cargo.toml": '[workspace]\nmembers = ["core", "app", "ext"]\n',
            "core/Cargo.toml": '[package]\nname = "core_lib"\nversion = "1.4.0"\n',
            "app/Cargo.toml": (
                '[package]\nname = "app"\nversion = "1.4.0"\n\n[dependencies]\n'
                'core-lib = { path = "../core", version = "1.4.0" }\n'
                '[dev-dependencies]\ncore_lib = "1.4.0"\n'  # from the registry
            ),
            "ext/Cargo.toml": (
                '[package]\nname = "ext"\nversion = "1.4.0"\n\n[dependencies]\n'
                'core_lib = { workspace = true }\nserde = "1.4.0"\n'
            ),
            "package.json": '{"name": "root", "private": true, "workspaces": ["js/*"]}',
            "js/core/package.json": '{"name": "core_lib", "version": "1.4.0"}',
            "js/app/package.json": (
                '{"name": "js-app", "version": "1.4.0", "dependencies": '
                '{"core_lib": "^1.4.0", "left-pad": "1.4.0"}}'
            ),
            # outside the workspace: its range is the registry's
            "site/package.json": (
                '{"name": "site", "version": "1.0.0", "dependencies": {"core_lib": "1.4.0"}}'
            ),
            "py/core/pyproject.toml": '[project]\nname = "Core.Lib"\nversion = "1.4.0"\n',
            "py/app/pyproject.toml": (
                '[project]\nname = "py-app"\nversion = "1.4.0"\n'
                "dependencies = [\"core-lib[x] == 1.4.0 ; python_version >= '3.10'\", "
                '"requests==1.4.0"]\n\n'
                "[tool.uv.sources]\ncore-lib = { path = '../core' }\n"
            ),
        }
    )
    found = _found(repo, ["core/Cargo.toml", "js/core/package.json", "py/core/pyproject.toml"])
    assert found == [
        ("app/Cargo.toml", "core-lib", "1.4.0"),
        ("py/app/pyproject.toml", "core-lib", "== 1.4.0"),
        ("js/app/package.json", "core_lib", "^1.4.0"),
    ]


def test_workspace_protocol_without_a_version_is_left_alone(repo: Repo) -> None:
    repo.commit(
        files={
            "pnpm-workspace.yaml": "packages:\n  - 'packages/*'\n  - '!packages/skip'\n",
            "packages/core/package.json": '{"name": "core", "version": "1.4.0"}',
            "packages/app/package.json": (
                '{"name": "app", "version": "1.4.0", "dependencies": {"core": "workspace:*"}, '
                '"devDependencies": {"core": "workspace:^"}, '
                '"peerDependencies": {"core": "workspace:^1.4.0"}, '
                '"optionalDependencies": {"core": "file:../core"}}'
            ),
        }
    )
    assert _found(repo, ["packages/core/package.json"]) == [
        ("packages/app/package.json", "core", "^1.4.0")
    ]


def test_nothing_to_find_without_named_targets(repo: Repo) -> None:
    repo.commit(files={"deno.json": '{"version": "1.0.0"}', "Cargo.toml": "[workspace]\n"})
    tree = WorkTree(str(repo.path))
    packages = packages_of(tree, Config())
    assert internal.find(tree, packages, packages) == []


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        ([], []),
        (["crates/a/Cargo.toml"], [("", internal.LOCK_COMMANDS["Cargo.lock"])]),
        (
            ["web/app/package.json", "py/pyproject.toml"],
            [
                ("py", internal.LOCK_COMMANDS["uv.lock"]),
                ("web", internal.LOCK_COMMANDS["package-lock.json"]),
            ],
        ),
        (["README.md"], []),
    ],
)
def test_lock_commands(
    repo: Repo, changed: list[str], expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    repo.commit(
        files={
            "Cargo.lock": "version = 4\n",
            "package-lock.json": "{}",  # the root's, not the nearest to web/app
            "web/package-lock.json": "{}",
            "py/uv.lock": "version = 1\n",
            "py/sub/pnpm-lock.yaml": "",  # below the manifest: not its lockfile
        }
    )
    assert internal.lock_commands(WorkTree(str(repo.path)), changed) == expected


@pytest.mark.parametrize(
    ("ecosystem", "name", "expected"),
    [
        ("python", "Core.Lib__x", "core-lib-x"),
        ("rust", "core_lib", "core-lib"),
        ("node", "A_b", "A_b"),
    ],
)
def test_canonical(ecosystem: str, name: str, expected: str) -> None:
    assert package_name(ecosystem, name) == expected


_SEPARATORS = st.sampled_from(["-", "_", ".", "--", "_.", "-_-"])


@st.composite
def _spellings(draw: st.DrawFn) -> tuple[str, str]:
    """A distribution name, and another spelling of it that PEP 503 reads as the same."""
    words = draw(st.lists(st.text("abcxyz019", min_size=1, max_size=4), min_size=1, max_size=4))
    name = "-".join(words)
    spelled = ""
    for index, word in enumerate(words):
        if index:
            spelled += draw(_SEPARATORS)
        spelled += "".join(c.upper() if draw(st.booleans()) else c for c in word)
    return name, spelled


@given(_spellings(), st.sampled_from(["==1.4.0", " >= 1.4", "[x]==1.4 ; python_version>'3'"]))
def test_the_name_filter_never_drops_a_requirement_the_parse_finds(
    spellings: tuple[str, str], tail: str
) -> None:
    """The fast filter in front of the requirement parse (differential: the parse is the
    slow twin): wherever the parse finds a requirement on a target, the filter lets the
    file through."""
    from releaselint.core.manifests import pyproject

    name, spelled = spellings
    text = f'[project]\nname = "app-zz"\nversion = "1.0.0"\ndependencies = ["{spelled}{tail}"]\n'
    package = pyproject.read("app/pyproject.toml", text, requirements=True)
    target = Package("core/pyproject.toml", "python", name)
    by_name = {("python", package_name("python", name)): target}
    [requirement] = package.requirements
    assert package_name("python", requirement.name) == package_name("python", name)
    assert internal._may_name(package, text, by_name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[project]\nname = "app"\ndependencies = ["requests"]\n', False),
        ('[project]\nname = "app"\ndependencies = ["Core_Lib>=1"]\n', True),
    ],
)
def test_a_file_that_names_no_target_is_not_parsed(text: str, expected: bool) -> None:
    package = Package("app/pyproject.toml", "python", "app")
    target = Package("core/pyproject.toml", "python", "core-lib")
    assert internal._may_name(package, text, {("python", "core-lib"): target}) is expected
    # a package never requires itself: its own name lets nothing through
    assert not internal._may_name(target, text, {("python", "core-lib"): target})


def test_fix_moves_the_pins_on_the_package_it_aligns(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    from releaselint.hooks.check_version_alignment import main as check

    repo.commit(
        files={
            "Cargo.toml": (
                '[workspace]\nmembers = ["py", "app"]\n\n'
                '[package]\nname = "corelib"\nversion = "1.5.0"\n'
            ),
            "py/Cargo.toml": '[package]\nname = "corelib-py"\nversion = "1.4.0"\n',
            "app/Cargo.toml": (
                '[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\n'
                'corelib-py = { path = "../py", version = "=1.4.0" }\n'
                'corelib = { path = "..", version = "1.2" }\n'
            ),
            "releaselint.toml": (
                '[groups.corelib]\nmembers = ["Cargo.toml", "py/Cargo.toml"]\n'
                'source = "Cargo.toml"\n'
            ),
        }
    )
    assert check(["--fix"]) == 1
    assert capsys.readouterr().out == "Fixing app/Cargo.toml\nFixing py/Cargo.toml\n"
    assert repo.read("app/Cargo.toml").endswith(
        'corelib-py = { path = "../py", version = "=1.5.0" }\n'
        'corelib = { path = "..", version = "1.2" }\n'
    )
    assert check(["--fix"]) == 0
    assert capsys.readouterr().out == ""


def test_a_pnpm_lock_is_parsed_once_however_many_pins_ask(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each plain range between members asks the lock whether it links the package: one
    parse of a lockfile of megabytes, not one per range (pnpm's own repository: 90 s)."""
    from releaselint.core.lockfiles import pnpm_lock
    from releaselint.hooks.check_lockfile_pins import main

    files = {
        "package.json": '{"name": "root", "private": true, "packageManager": "pnpm@10.0.0"}\n',
        "pnpm-workspace.yaml": 'packages:\n  - "packages/*"\n',
        "packages/lib/package.json": '{"name": "lib", "version": "1.0.0"}\n',
    }
    importers = ["importers:", "", "  .: {}", "", "  packages/lib: {}", ""]
    for i in range(6):
        files[f"packages/p{i}/package.json"] = (
            f'{{"name": "p{i}", "version": "1.0.0", "dependencies": {{"lib": "^1.0.0"}}}}\n'
        )
        importers += [f"  packages/p{i}:", "    dependencies:", "      lib:",
                      "        specifier: ^1.0.0", "        version: link:../lib", ""]  # fmt: skip
    files["pnpm-lock.yaml"] = "lockfileVersion: '9.0'\n\n" + "\n".join(importers)
    repo.commit(files=files)
    calls = []
    parse = pnpm_lock.lock_document

    def counted(path: str, text: str) -> object:
        calls.append(path)
        return parse(path, text)

    monkeypatch.setattr(pnpm_lock, "lock_document", counted)
    assert main([]) == 0
    assert calls == ["pnpm-lock.yaml"]
