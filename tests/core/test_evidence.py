"""Groups and tag families come from the repository's own evidence, and only from it.

Each layout is built as a real repository; the assertions are on the model discovery forms
(which files must agree, and why), not only on the absence of findings.
"""

from __future__ import annotations

import json

import pytest

from releaselint.core import config as config_module
from releaselint.core.families import group_tags, looks_like_date, split_tag
from releaselint.core.history import RepositoryModel, repository_model
from releaselint.core.tree import WorkTree
from releaselint.hooks.check_tag_semver import main as check_tags
from releaselint.hooks.check_version_alignment import main as check_alignment
from tests.conftest import Repo
from tests.layouts import release, released, rust_node_and_python_crate, rust_with_bindings


def model(repo: Repo) -> RepositoryModel:
    root = str(repo.path)
    return repository_model(root, WorkTree(root), config_module.load(root))


def groups(repo: Repo) -> dict[str, list[str]]:
    """Group name -> the paths of its declarations (each path once, in order)."""
    return {g.name: list(dict.fromkeys(d.path for d in g.declarations)) for g in model(repo).groups}


def evidence(repo: Repo, name: str) -> list[str]:
    return next(g.evidence for g in model(repo).groups if g.name == name)


# ---------------------------------------------------------------------------- tag names
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("v1.2.3", ("v", "1.2.3")),
        ("1.2.3", ("", "1.2.3")),
        ("tokio-1.47.5", ("tokio-", "1.47.5")),
        ("core-v1.2.0", ("core-v", "1.2.0")),
        ("@acme/core@2.0.0", ("@acme/core@", "2.0.0")),
        ("oxc_v0.1.0", ("oxc_v", "0.1.0")),
        ("py-1.2.3", ("py-", "1.2.3")),
        ("v0.4.2rc0", ("v", "0.4.2rc0")),
        ("v1.2", ("v", "1.2")),
        ("pkg2-1.0.0", ("pkg2-", "1.0.0")),
        ("release-2026.07.30", ("release-", "2026.07.30")),
        ("checkpoint==2.1.0", ("checkpoint==", "2.1.0")),  # langgraph's
        ("v1", None),  # a floating major alias (GitHub Actions), not a release
        ("2.3.x", None),  # a line of releases (flask), not a release
        ("v1.x", None),
        ("pkg-1.2.*", None),
        ("v1.2.x1", ("v", "1.2.x1")),  # a malformed release, refused as one
        ("stable", None),
        ("nightly-build", None),
        ("", None),
    ],
)
def test_split_tag(name: str, expected: tuple[str, str] | None) -> None:
    assert split_tag(name) == expected


def test_split_tag_is_linear_on_hostile_names() -> None:
    # each would take minutes if every boundary rescanned the rest of the name
    for name in ("-1" * 200_000 + "!", "v" * 300_000, "v-" * 200_000 + "1"):
        assert split_tag(name) is None
    name = "x-1" * 100_000 + "-1.1"
    assert split_tag(name) == (name[:-3], "1.1")


@pytest.mark.parametrize(
    ("version", "date"),
    [("2026.07.30", True), ("20260730.1", True), ("1.2.3", False), ("2026.1", False)],
)
def test_calendar_names(version: str, date: bool) -> None:
    assert looks_like_date(version) is date


def test_families_and_their_grammar() -> None:
    families = group_tags(["v1.0.0", "v1.1.0", "v0.4.2rc0", "py-1.0.0", "v1.0", "stable"])
    assert sorted(families) == ["py-", "v"]
    assert families["v"].grammar == "pep440"  # a Python prerelease tag, not "1.0" alone
    assert group_tags(["v1.0", "v1.0.0"])["v"].grammar == "semver"
    assert families["py-"].template == "py-{version}"


# ----------------------------------------------------------------------------- one package
def test_without_evidence_every_package_is_its_own_group(repo: Repo) -> None:
    repo.commit(files=rust_with_bindings())
    assert groups(repo) == {
        "corelib (Cargo.toml)": ["Cargo.toml"],
        "corelib-py": ["bindings/python/Cargo.toml"],
        "corelib (bindings/python/pyproject.toml)": ["bindings/python/pyproject.toml"],
        "corelib (bindings/node/package.json)": [
            "bindings/node/package.json",
            "bindings/node/package-lock.json",
        ],
    }
    assert evidence(repo, "corelib-py") == ["one package (bindings/python/Cargo.toml)"]
    assert check_alignment([]) == 0


# ------------------------------------------------------------------------------- history
def test_history_joins_what_was_released_together(repo: Repo) -> None:
    released(repo, rust_with_bindings)
    repo.commit(files=rust_with_bindings("1.5.0"))
    found = model(repo)
    (group,) = found.groups
    assert group.name == "corelib"
    assert group.evidence == ["lockstep at tags v1.3.0…v1.4.0"]
    assert group.families == ["v{version}"]
    assert group.primary
    assert len(group.declarations) == 6
    (family,) = found.families
    assert (family.family.template, family.is_release) == ("v{version}", True)


def test_one_lagging_release_does_not_drop_a_member(repo: Repo) -> None:
    def layout(version: str, node: str | None = None) -> dict[str, str]:
        files = rust_with_bindings(version)
        files["bindings/node/package.json"] = files["bindings/node/package.json"].replace(
            f'"version": "{version}"', f'"version": "{node or version}"', 1
        )
        return files

    for version, node in (("1.1.0", None), ("1.2.0", "1.1.0"), ("1.3.0", None)):
        repo.commit(files=layout(version, node))
        repo.git("tag", f"v{version}")
    repo.commit(files=layout("1.4.0", "1.3.0"))
    assert "bindings/node/package.json" in groups(repo)["corelib"]
    assert check_alignment([]) == 1


def test_two_packages_that_agreed_once_are_not_lockstep(repo: Repo) -> None:
    files = {
        "Cargo.toml": '[package]\nname = "a"\nversion = "1.0.0"\n',
        "web/package.json": '{"name": "web", "version": "1.0.0"}',
    }
    repo.commit(files=files)
    repo.git("tag", "v1.0.0")
    repo.commit(files={"web/package.json": '{"name": "web", "version": "2.0.0"}'})
    assert groups(repo) == {"a": ["Cargo.toml"], "web": ["web/package.json"]}
    assert check_alignment([]) == 0


def test_prefix_families_bind_their_own_packages(repo: Repo) -> None:
    # polars: py- tags release the Python package, rs- tags the crate
    def layout(py: str, rs: str) -> dict[str, str]:
        return {
            "crates/polars/Cargo.toml": f'[package]\nname = "polars"\nversion = "{rs}"\n',
            "py-polars/pyproject.toml": f'[project]\nname = "polars"\nversion = "{py}"\n',
        }

    for py, rs in (("1.0.0", "0.40.0"), ("1.1.0", "0.41.0")):
        repo.commit(files=layout(py, rs))
        repo.git("tag", f"py-{py}")
        repo.git("tag", f"rs-{rs}")
    found = {g.name: g.families for g in model(repo).groups}
    assert found == {
        "polars (crates/polars/Cargo.toml)": ["rs-{version}"],
        "polars (py-polars/pyproject.toml)": ["py-{version}"],
    }
    # a tag on a commit that declares another version of its own family's package
    repo.commit(files=layout("1.2.0", "0.41.0"))
    repo.git("tag", "rs-0.42.0")
    assert check_tags(["--ref", "rs-0.42.0"]) == 1
    repo.git("tag", "py-1.2.0")
    assert check_tags(["--ref", "py-1.2.0"]) == 0


def test_date_tags_and_names_are_no_releases(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(files={"Cargo.toml": '[package]\nname = "a"\nversion = "1.0.0"\n'})
    for tag in ("release-2026.07.30", "stable", "docs-2024.01.02"):
        repo.git("tag", tag)
        assert check_tags(["--ref", tag]) == 0
    assert capsys.readouterr().out == ""
    families = {f.family.template: f.is_release for f in model(repo).families}
    assert families == {"release-{version}": False, "docs-{version}": False}


# ----------------------------------------------------------------------------- the build
def test_cargo_workspace_inheritance(repo: Repo) -> None:
    repo.commit(
        files={
            "Cargo.toml": '[workspace]\nmembers = ["./crates/*"]\n\n'
            '[workspace.package]\nversion = "0.8.0"\n',
            "crates/a/Cargo.toml": '[package]\nname = "a"\nversion.workspace = true\n',
            "crates/b/Cargo.toml": '[package]\nname = "b"\nversion = "2.0.0"\n',
            "Cargo.lock": "version = 4\n\n"
            '[[package]]\nname = "a"\nversion = "0.7.0"\n\n'
            '[[package]]\nname = "b"\nversion = "2.0.0"\n',
        }
    )
    found = groups(repo)
    assert found["a"] == ["Cargo.toml", "Cargo.lock"]
    assert evidence(repo, "a") == ["crates/a/Cargo.toml: version.workspace = true"]
    assert found["b"] == ["crates/b/Cargo.toml", "Cargo.lock"]
    assert check_alignment([]) == 1


def test_maturin_dynamic_version_is_the_crates(repo: Repo) -> None:
    repo.commit(
        files={
            "Cargo.toml": '[package]\nname = "fastlib"\nversion = "0.3.0"\n',
            "pyproject.toml": '[build-system]\nrequires = ["maturin"]\nbuild-backend = "maturin"\n\n'
            '[project]\nname = "fastlib"\ndynamic = ["version"]\n',
            "python/fastlib/__init__.py": '__version__ = "0.2.0"\n',
        }
    )
    (group,) = model(repo).groups
    assert group.evidence == ['pyproject.toml: maturin dynamic = ["version"] from Cargo.toml']
    assert check_alignment([]) == 1


def test_napi_platform_packages_and_optional_dependencies(repo: Repo) -> None:
    platform = '{"name": "@acme/core-%s", "version": "1.4.0", "os": ["%s"]}'
    repo.commit(
        files={
            "package.json": json.dumps(
                {
                    "name": "@acme/core",
                    "version": "1.5.0",
                    "napi": {"binaryName": "core"},
                    "optionalDependencies": {
                        "@acme/core-linux-x64-gnu": "1.4.0",
                        "left-pad": "1.3.0",
                    },
                },
                indent=2,
            ),
            "npm/linux-x64-gnu/package.json": platform % ("linux-x64-gnu", "linux"),
        }
    )
    (group,) = model(repo).groups
    fields = sorted(f"{d.path}:{d.field}" for d in group.declarations)
    assert fields == [
        "npm/linux-x64-gnu/package.json:.version",
        "package.json:.version",
        'package.json:optionalDependencies["@acme/core-linux-x64-gnu"]',
    ]
    assert check_alignment([]) == 1


def test_napi_platform_packages_the_package_does_not_name_hold_placeholders(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """tauri, tokenizers: ``napi prepublish`` writes the platform packages' versions at
    publish time, and the committed ones stay ``0.0.0``: with no optionalDependencies
    naming them, nothing says they must agree."""
    platform = '{"name": "@acme/core-%s", "version": "0.0.0", "os": ["%s"]}'
    repo.commit(
        files={
            "package.json": json.dumps(
                {"name": "@acme/core", "version": "1.5.0", "napi": {"binaryName": "core"}},
                indent=2,
            ),
            "npm/linux-x64-gnu/package.json": platform % ("linux-x64-gnu", "linux"),
            "npm/darwin-arm64/package.json": platform % ("darwin-arm64", "darwin"),
        }
    )
    assert check_alignment([]) == 0
    assert capsys.readouterr().out == ""


def test_napi_platform_packages_named_by_a_workspace_protocol_declare_no_version(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """tailwindcss: ``"workspace:*"`` in optionalDependencies, which pnpm replaces with
    the platform package's version at publish: no version declared there, and --fix must
    not write one over the protocol. The platform package itself still agrees or not."""
    manifest = json.dumps(
        {
            "name": "@acme/oxide",
            "version": "1.2.0",
            "napi": {"binaryName": "oxide"},
            "optionalDependencies": {
                "@acme/oxide-linux-x64-gnu": "workspace:*",
                "@acme/oxide-darwin-arm64": "workspace:^",
            },
        },
        indent=2,
    )
    platform = '{"name": "@acme/oxide-%s", "version": "%s"}'
    repo.commit(
        files={
            "package.json": manifest,
            "npm/linux-x64-gnu/package.json": platform % ("linux-x64-gnu", "1.2.0"),
            "npm/darwin-arm64/package.json": platform % ("darwin-arm64", "1.2.0"),
        }
    )
    (group,) = model(repo).groups
    assert sorted(d.field for d in group.declarations) == [".version"] * 3
    assert check_alignment([]) == 0
    repo.commit(files={"npm/darwin-arm64/package.json": platform % ("darwin-arm64", "1.1.0")})
    capsys.readouterr()
    assert check_alignment(["--fix"]) == 1
    assert repo.read("package.json") == manifest
    assert '"version": "1.2.0"' in repo.read("npm/darwin-arm64/package.json")


def test_a_private_package_in_a_subfolder_is_not_the_repositorys_own(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """huggingface_hub: a setup.py project (no manifest read at the root) with a private
    package.json for its widgets. Its ``v*`` tags do not release the widgets: the tag is
    not compared with them. A public package alone in a subfolder still is."""
    repo.commit(
        "chore: release 0.1.0",
        files={
            "setup.py": 'from setuptools import setup\nsetup(name="pkg", version="0.1.0")\n',
            "widgets/package.json": '{"name": "w", "version": "0.0.1", "private": true}\n',
        },
    )
    repo.git("tag", "-a", "v0.1.0", "-m", "0.1.0")
    (group,) = model(repo).groups
    assert not group.primary
    assert check_tags(["--ref", "v0.1.0"]) == 0
    assert capsys.readouterr().out == ""
    repo.commit(files={"widgets/package.json": '{"name": "w", "version": "0.0.1"}\n'})
    repo.git("tag", "-a", "v0.2.0", "-m", "0.2.0")
    assert check_tags(["--ref", "v0.2.0"]) == 1
    assert "version 0.2.0 != 0.0.1 declared in widgets/package.json" in capsys.readouterr().out


def test_a_folder_named_by_a_tag_prefix_is_released_alone(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """langchain-google: ``libs/community/v*`` and ``libs/genai/v*`` release the package in
    each folder. genai said community's number at some of community's tags, its own release
    of that number tagged on a commit nearby: no lockstep, and community's next tag is not
    held to genai's version."""

    def manifest(folder: str, version: str) -> dict[str, str]:
        text = f'[project]\nname = "pkg-{folder}"\nversion = "{version}"\n'
        return {f"libs/{folder}/pyproject.toml": text}

    def release(folder: str, version: str, files: dict[str, str] | None = None) -> None:
        repo.commit(f"chore: release {folder} {version}", files=files)
        repo.git("tag", "-a", f"libs/{folder}/v{version}", "-m", version)

    # both bumped in one commit, each tagged on a commit of its own
    for first, second, version in (("a", "b", "1.0.0"), ("a", "b", "1.0.1")):
        release(first, version, {**manifest("a", version), **manifest("b", version)})
        release(second, version)
    for version in ("1.0.2", "1.0.3"):  # b first, then a catches up
        release("b", version, manifest("b", version))
        release("a", version, manifest("a", version))
    release("b", "1.0.4", manifest("b", "1.0.4"))
    release("b", "1.0.5", manifest("b", "1.0.5"))
    release("a", "1.0.4", manifest("a", "1.0.4"))
    groups = model(repo).groups
    assert sorted(len(g.packages) for g in groups) == [1, 1]
    assert check_tags(["--ref", "libs/a/v1.0.4"]) == 0
    assert check_alignment([]) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    ("prefix", "manifests", "named"),
    [
        ("libs/genai/v", {"libs/genai/pyproject.toml": "g", "libs/genaix/pyproject.toml": "x"}, "g"),
        ("checkpointpostgres==", {"libs/checkpoint-postgres/pyproject.toml": "p"}, "p"),
        ("python-v", {"python/pyproject.toml": "py", "Cargo.toml": "rs"}, "py"),
        ("nav-", {"nav/package.json": "n"}, "n"),  # a name ending in v keeps its v
        ("v", {"v/package.json": "x"}, None),
        ("core-v", {"core/package.json": "a", "core/Cargo.toml": "b"}, None),  # two packages
        ("core-v", {"packages/core-js/package.json": "a"}, None),
        # a name a package of another folder bears too would find either again
        ("python-v", {"python/pyproject.toml": "mylib", "js/package.json": "mylib"}, None),
    ],
)  # fmt: skip
def test_the_package_a_prefix_names_by_its_folder(
    prefix: str, manifests: dict[str, str], named: str | None
) -> None:
    from releaselint.core.history import _named_by_folder

    assert _named_by_folder(prefix, manifests) == named


def test_release_please_packages_are_versioned_apart(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """aigne: Release Please keeps a version per package, linked only by linked-versions.
    core and lib were released at 1.2.0 and 1.3.0 together, beside an example deleted
    since whose tags bridge them: history joins nothing across them."""

    def release(core: str, lib: str, demo: str | None, tags: list[str]) -> None:
        files = {
            "packages/core/package.json": f'{{"name": "@x/core", "version": "{core}"}}\n',
            "packages/lib/package.json": f'{{"name": "@x/lib", "version": "{lib}"}}\n',
            ".release-please-manifest.json": json.dumps(
                {"packages/core": core, "packages/lib": lib}
            ),
        }
        if demo is not None:
            files["examples/demo/package.json"] = f'{{"name": "@x/demo", "version": "{demo}"}}\n'
        repo.commit("chore: release main", files=files)
        for tag in tags:
            repo.git("tag", tag)

    repo.write(
        {
            "package.json": '{"name": "root", "private": true, '
            '"workspaces": ["packages/*", "examples/*"]}\n',
            "release-please-config.json": '{"release-type": "node", "plugins": '
            '["node-workspace"], "packages": {"packages/core": {}, "packages/lib": {}}}\n',
        }
    )
    for version in ("1.2.0", "1.3.0"):
        release(version, version, version, [f"{p}-v{version}" for p in ("core", "lib", "demo")])
    repo.git("rm", "-rq", "examples/demo")
    for version in ("1.4.0", "1.5.0", "1.6.0"):
        release(version, "1.3.0", None, [f"core-v{version}"])
    release("1.6.0", "1.4.0", None, ["lib-v1.4.0"])
    assert sorted(len(g.packages) for g in model(repo).groups) == [1, 1]
    assert check_alignment([]) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    "workspace",
    [
        {"pnpm-workspace.yaml": "packages:\n  - packages/*\n"},
        {"package.json": '{"name": "root", "private": true, "workspaces": ["packages/*"]}\n'},
    ],
)
def test_a_workspace_member_named_test(
    repo: Repo, capsys: pytest.CaptureFixture[str], workspace: dict[str, str]
) -> None:
    """remix's packages/test (@remix-run/test), pinia's packages/testing: members its
    workspace names by `packages/*`, not test folders. Its tags release it (not a sibling
    whose versions coincided); a test folder the workspace does not name stays out."""

    def release(name: str, version: str, both: bool) -> None:
        files = {
            f"packages/{name}/package.json": f'{{"name": "@x/{name}", "version": "{version}"}}\n'
        }
        if both:
            files["packages/assets/package.json"] = (
                f'{{"name": "@x/assets", "version": "{version}"}}\n'
            )
        repo.commit(f"chore: release {version}", files={**workspace, **files})
        repo.git("tag", "-a", "-m", "r", f"{name}@{version}")
        if both:
            repo.git("tag", "-a", "-m", "r", f"assets@{version}")

    for version in ("0.1.0", "0.2.0", "0.3.0"):
        release("test", version, both=True)
    release("test", "0.4.0", both=False)
    repo.commit(files={"tests/fixtures/app/package.json": '{"name": "app", "version": "9.0.0"}\n'})
    left_out = dict(model(repo).left_out)
    assert "packages/test/package.json" not in left_out
    assert "tests/fixtures/app/package.json" in left_out
    assert check_tags(["--ref", "test@0.4.0"]) == 0
    repo.commit(files={"packages/test/package.json": '{"name": "@x/test", "version": "0.4.1"}\n'})
    repo.git("tag", "-a", "-m", "r", "test@0.5.0")
    assert check_tags(["--ref", "test@0.5.0"]) == 1
    assert "0.5.0 != 0.4.1 declared in packages/test/package.json" in capsys.readouterr().out


@pytest.mark.parametrize("placeholder", ["0.0.0-development", "0.0.0-semantically-released"])
def test_semantic_releases_placeholder_is_a_version_from_tags(
    repo: Repo, capsys: pytest.CaptureFixture[str], placeholder: str
) -> None:
    """semantic-release: package.json holds `0.0.0-development` and the version is the
    tag's, written at publish. Its tags are not held to the placeholder."""
    repo.commit(files={"package.json": f'{{"name": "demo", "version": "{placeholder}"}}\n'})
    repo.git("tag", "v25.0.8")
    repo.commit("fix: x")
    repo.git("tag", "v25.0.9")
    (group,) = model(repo).groups
    assert group.vcs == "semantic-release in package.json"
    assert check_alignment([]) == 0
    assert check_tags(["--ref", "v25.0.9"]) == 0
    assert capsys.readouterr().out == ""


# -------------------------------------------------------------------------- release tooling
def test_release_please_packages_manifest_and_linked_versions(repo: Repo) -> None:
    repo.commit(
        files={
            "release-please-config.json": json.dumps(
                {
                    "packages": {
                        "packages/core": {"release-type": "node"},
                        "packages/cli": {"release-type": "node"},
                        "packages/docs": {"release-type": "node"},
                    },
                    "plugins": [
                        {
                            "type": "linked-versions",
                            "groupName": "sdk",
                            "components": ["core", "cli"],
                        }
                    ],
                }
            ),
            ".release-please-manifest.json": json.dumps(
                {"packages/core": "1.2.0", "packages/cli": "1.2.0", "packages/docs": "0.4.0"}
            ),
            "packages/core/package.json": '{"name": "@acme/core", "version": "1.2.0"}',
            "packages/cli/package.json": '{"name": "@acme/cli", "version": "1.2.0"}',
            "packages/docs/package.json": '{"name": "@acme/docs", "version": "0.4.0"}',
        }
    )
    found = {g.name: g for g in model(repo).groups}
    assert sorted(found) == ["@acme/cli", "@acme/docs"]
    sdk = found["@acme/cli"]
    assert [p.manifest for p in sdk.packages] == [
        "packages/cli/package.json",
        "packages/core/package.json",
    ]
    assert "release-please-config.json: linked-versions 'sdk'" in sdk.evidence
    assert sorted(sdk.tag_prefixes) == ["cli-v", "core-v"]
    assert check_alignment([]) == 0
    repo.write({".release-please-manifest.json": json.dumps({"packages/core": "1.3.0"})})
    assert check_alignment([]) == 1


def test_changesets_fixed_groups(repo: Repo) -> None:
    repo.commit(
        files={
            ".changeset/config.json": '{"fixed": [["@acme/*"]], "linked": []}',
            "packages/a/package.json": '{"name": "@acme/a", "version": "2.0.0"}',
            "packages/b/package.json": '{"name": "@acme/b", "version": "2.1.0"}',
            "packages/c/package.json": '{"name": "other", "version": "0.1.0"}',
        }
    )
    assert groups(repo) == {
        "@acme/a": ["packages/a/package.json", "packages/b/package.json"],
        "other": ["packages/c/package.json"],
    }
    assert evidence(repo, "@acme/a") == [".changeset/config.json: fixed[0]"]
    assert check_alignment([]) == 1


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        (
            {
                ".bumpversion.toml": '[tool.bumpversion]\ncurrent_version = "1.2.0"\n\n'
                '[[tool.bumpversion.files]]\nfilename = "pyproject.toml"\n',
            },
            ".bumpversion.toml: [tool.bumpversion]",
        ),
        (
            {
                ".bumpversion.cfg": "[bumpversion]\ncurrent_version = 1.2.0\n\n"
                "[bumpversion:file:pyproject.toml]\n",
            },
            ".bumpversion.cfg: [bumpversion]",
        ),
        (
            {
                "tbump.toml": '[version]\ncurrent = "1.2.0"\nregex = "x"\n\n'
                '[[file]]\nsrc = "pyproject.toml"\n',
            },
            "tbump.toml (tbump)",
        ),
    ],
)
def test_bump_tools_current_version(repo: Repo, files: dict[str, str], reason: str) -> None:
    repo.commit(files={**files, "pyproject.toml": '[project]\nname = "p"\nversion = "1.2.0"\n'})
    (group,) = model(repo).groups
    assert group.evidence == [reason]
    assert len(group.declarations) == 2
    assert check_alignment([]) == 0
    repo.write({"pyproject.toml": '[project]\nname = "p"\nversion = "1.3.0"\n'})
    assert check_alignment([]) == 1


# --------------------------------------------------------------------------------- left out
@pytest.mark.parametrize(
    ("files", "left_out"),
    [
        (
            {"templates/app/package.json": '{"name": "{{ name }}", "version": "0.1.0"}'},
            "templates/app/package.json",
        ),
        (
            {"{{cookiecutter.slug}}/pyproject.toml": '[project]\nname = "x"\nversion = "9"\n'},
            "{{cookiecutter.slug}}/pyproject.toml",
        ),
        (
            {"parser/package.json": '{"name": "p", "version": "PARSER_VERSION"}'},
            "parser/package.json",
        ),
        (
            {
                "scripts/release/package.json": '{"name": "s", "private": true, "version": "1.0.0"}',
                "scripts/release/package-lock.json": '{"version": "0.9.0", "packages": {}}',
            },
            "scripts/release/package.json",
        ),
        (
            {
                "bench-suite/pyproject.toml": '[project]\nname = "b"\nversion = "0.0.0"\n',
                "bench-suite/uv.lock": "version = 1\n",
            },
            "bench-suite/pyproject.toml",
        ),
    ],
)
def test_templates_and_development_projects_are_left_out(
    repo: Repo, files: dict[str, str], left_out: str
) -> None:
    repo.commit(files={"Cargo.toml": '[package]\nname = "a"\nversion = "1.0.0"\n', **files})
    found = model(repo)
    assert [g.name for g in found.groups] == ["a"]
    assert [path for path, _ in found.left_out] == [left_out]
    assert check_alignment([]) == 0


def test_deno_zero_version_is_filled_at_publish(repo: Repo) -> None:
    repo.commit(
        files={
            "jsr.json": '{"name": "@acme/x", "version": "0.0.0", "exports": "./mod.ts"}',
            "deno.json": '{"name": "@acme/x", "version": "0.0.0"}',
        }
    )
    assert model(repo).groups == []
    assert check_alignment([]) == 0


# ------------------------------------------------------------------------ tags and history
def test_maintenance_release_on_an_older_line_passes(repo: Repo) -> None:
    def crate(version: str) -> dict[str, str]:
        return {"Cargo.toml": f'[package]\nname = "tokio"\nversion = "{version}"\n'}

    repo.commit(files=crate("1.47.0"))
    repo.git("tag", "tokio-1.47.0")
    repo.git("branch", "lts")
    repo.commit(files=crate("1.53.0"))
    repo.git("tag", "tokio-1.53.0")
    repo.git("checkout", "-q", "lts")
    repo.commit(files=crate("1.47.5"))
    repo.git("tag", "tokio-1.47.5")
    assert check_tags(["--ref", "tokio-1.47.5"]) == 0
    repo.git("checkout", "-q", "main")
    repo.commit(files=crate("1.50.0"))
    repo.git("tag", "tokio-1.50.0")
    assert check_tags(["--ref", "tokio-1.50.0"]) == 1


def test_refused_local_tag_does_not_count_and_hint_deletes_it(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(files={"Cargo.toml": '[package]\nname = "a"\nversion = "1.4.0"\n'})
    repo.git("tag", "v1.4")
    assert check_tags(["--ref", "v1.4"]) == 1
    assert capsys.readouterr().out == (
        "refs/tags/v1.4: '1.4' is not a valid semantic version (tags v{version})\n"
        "hint: git tag -a v1.4.0 -m 'Release v1.4.0' 'v1.4^{commit}' && git tag -d v1.4\n"
    )
    repo.git("tag", "v1.4.0")
    assert check_tags(["--ref", "v1.4.0"]) == 0


def test_a_tag_whose_binding_lags_is_refused(repo: Repo) -> None:
    # tree-sitter v0.21.0: lib/binding_web/package.json still said 0.20.9
    def layout(version: str, web: str | None = None) -> dict[str, str]:
        return {
            "Cargo.toml": f'[package]\nname = "tree-sitter"\nversion = "{version}"\n',
            "lib/binding_web/package.json": f'{{"name": "web-tree-sitter", "version": "{web or version}"}}',
        }

    released(repo, layout, ("0.20.8", "0.20.9"))
    repo.commit(files=layout("0.21.0", web="0.20.9"))
    repo.git("tag", "v0.21.0")
    assert check_tags(["--ref", "v0.21.0"]) == 1


def test_explain_prints_the_model(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    from releaselint.commands.explain import main as explain

    released(repo, rust_with_bindings)
    repo.commit(files={"templates/x/package.json": '{"name": "{{ name }}", "version": "1.0.0"}'})
    repo.git("tag", "release-2026.07.30")
    assert explain([]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == [
        "group 'corelib' (the repository's own: bump and tag act on it)",
        "  version 1.4.0 from Cargo.toml:3",
        "  because: lockstep at tags v1.3.0…v1.4.0",
    ]
    assert (
        "tags release-{version} (1 tag, semver): not release tags: calendar dates, not versions"
        in out
    )
    assert "left out templates/x/package.json: a template, filled in by a generator" in out
    assert explain(["--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [g["name"] for g in data["groups"]] == ["corelib"]
    assert data["groups"][0]["evidence"] == ["lockstep at tags v1.3.0…v1.4.0"]
    assert {f["template"]: f["release"] for f in data["tag-families"]} == {
        "release-{version}": False,
        "v{version}": True,
    }


def test_explain_prints_a_path_that_is_not_utf8(
    repo: Repo, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    from releaselint.commands.explain import main as explain

    repo.commit(files={"\udcff/package.json": '{"name": "demo", "version": "1.0.0"}'})
    assert explain([]) == 0
    assert b"  version 1.0.0 from \\xff/package.json:1\n" in capsysbinary.readouterr().out


@pytest.mark.parametrize(
    ("tag", "refused"),
    [("v1.2", True), ("1.2", True), ("v1.2.0", False), ("v0.4.2rc0", False), ("stable", False),
     ("release-2026.07.30", False), ("v1", False), ("api-1.0", False)],
)  # fmt: skip
def test_tag_names_refused_at_creation(tag: str, refused: bool) -> None:
    from releaselint.core.config import Config
    from releaselint.core.tags import name_verdict

    assert (name_verdict(tag, Config()) is not None) is refused


# ------------------------------------------------------- what real repositories taught
def crate(name: str, version: str, extra: str = "") -> str:
    return f'[package]\nname = "{name}"\nversion = "{version}"\n{extra}'


def test_a_packages_own_tags_do_not_join_others_of_the_same_version(repo: Repo) -> None:
    # ripgrep: grep-matcher and grep-printer both said 0.1.5..0.1.7 at grep-matcher tags
    for version in ("0.1.5", "0.1.6", "0.1.7"):
        repo.commit(
            files={
                "crates/matcher/Cargo.toml": crate("grep-matcher", version),
                "crates/printer/Cargo.toml": crate("grep-printer", version),
            }
        )
        repo.git("tag", f"grep-matcher-{version}")
    repo.commit(files={"crates/printer/Cargo.toml": crate("grep-printer", "0.3.1")})
    found = {g.name: g.families for g in model(repo).groups}
    assert found == {"grep-matcher": ["grep-matcher-{version}"], "grep-printer": []}
    assert check_alignment([]) == 0


def test_tags_of_a_package_that_is_gone_join_nothing(repo: Repo) -> None:
    # astro: @astrojs/webapi@ tags, the package long removed, once matched two others
    layout = {
        "packages/solid/package.json": '{"name": "@astrojs/solid-js", "version": "2.0.%s"}',
        "packages/svelte/package.json": '{"name": "@astrojs/svelte", "version": "2.0.%s"}',
        "packages/webapi/package.json": '{"name": "@astrojs/webapi", "version": "2.0.%s"}',
    }
    for patch in ("1", "2"):
        repo.commit(files={path: text % patch for path, text in layout.items()})
        repo.git("tag", f"@astrojs/webapi@2.0.{patch}")
    repo.git("rm", "-q", "-r", "packages/webapi")
    repo.commit(
        files={
            "packages/solid/package.json": '{"name": "@astrojs/solid-js", "version": "7.0.2"}',
            "packages/svelte/package.json": '{"name": "@astrojs/svelte", "version": "9.0.1"}',
        }
    )
    assert sorted(g.name for g in model(repo).groups) == ["@astrojs/solid-js", "@astrojs/svelte"]
    assert check_alignment([]) == 0


def test_independent_release_tooling_joins_nothing_through_history(repo: Repo) -> None:
    def layout(version: str) -> dict[str, str]:
        return {
            ".changeset/config.json": '{"fixed": []}',
            "packages/a/package.json": f'{{"name": "a", "version": "{version}"}}',
            "packages/b/package.json": f'{{"name": "b", "version": "{version}"}}',
        }

    released(repo, layout, ("1.0.0", "1.1.0"))
    repo.commit(files={"packages/b/package.json": '{"name": "b", "version": "3.0.0"}'})
    assert sorted(g.name for g in model(repo).groups) == ["a", "b"]
    assert check_alignment([]) == 0


def test_a_virtual_uv_root_is_left_out_and_version_files_are_history(repo: Repo) -> None:
    # opentelemetry-python: the root says 0.0.0 ("not used"); the API package's version
    # lives in a file its [tool.hatch.version].path names
    def layout(version: str) -> dict[str, str]:
        return {
            "pyproject.toml": '[project]\nname = "root"\nversion = "0.0.0"\n\n'
            '[tool.uv.workspace]\nmembers = ["api"]\n',
            "uv.lock": "version = 1\n",
            "api/pyproject.toml": '[build-system]\nrequires = ["hatchling"]\n'
            'build-backend = "hatchling.build"\n\n'
            '[project]\nname = "api"\ndynamic = ["version"]\n\n'
            '[tool.hatch.version]\npath = "src/api/version.py"\n',
            "api/src/api/version.py": f'__version__ = "{version}"\n',
        }

    released(repo, layout, ("1.43.0", "1.44.0"))
    found = model(repo)
    assert [g.name for g in found.groups] == ["api"]
    assert found.groups[0].families == ["v{version}"]
    assert ("pyproject.toml", "a virtual uv project (no [build-system])") in found.left_out
    assert check_tags(["--ref", "v1.44.0"]) == 0


@pytest.mark.parametrize("tag", ["9.2.0.dev0", "21.4.0.post1"])
def test_pep440_tags_of_a_tag_versioned_package(repo: Repo, tag: str) -> None:
    # pytest tags MAJOR.MINOR.0.dev0 by design; attrs once tagged 21.4.0.post1
    repo.commit(
        files={
            "pyproject.toml": '[build-system]\nrequires = ["setuptools", "setuptools-scm"]\n\n'
            '[project]\nname = "p"\ndynamic = ["version"]\n\n[tool.setuptools_scm]\n'
        }
    )
    repo.git("tag", "9.1.0")
    repo.commit("feat: next")
    repo.git("tag", tag)
    assert check_tags(["--ref", tag]) == 0


def test_the_workspace_version_is_not_the_root_crates(repo: Repo) -> None:
    # maturin's test crate: [package] 0.1.0 beside [workspace.package] 0.10.2-dev
    repo.commit(
        files={
            "Cargo.toml": crate("root", "0.1.0", '\n[workspace]\nmembers = ["a"]\n\n'
                                '[workspace.package]\nversion = "0.10.2-dev"\n'),
            "a/Cargo.toml": '[package]\nname = "a"\nversion.workspace = true\n',
        }
    )  # fmt: skip
    found = groups(repo)
    assert found["root"] == ["Cargo.toml"]
    assert check_alignment([]) == 0


def test_a_custom_bumpversion_notation_and_files_of_one_language(repo: Repo) -> None:
    # jupyterlab: current_version = 4, 7, 0, "alpha", 1 under a custom parse/serialize
    repo.commit(
        files={
            ".bumpversion.cfg": '[bumpversion]\ncurrent_version = 4, 7, 0, "alpha", 1\n'
            "parse = x\n\n[bumpversion:file:jl/_version.py]\n",
            "jl/_version.py": 'version_info = (4, 7, 0, "alpha", 1)\n'
            '__version__ = "{}.{}.{}{}".format(*version_info)\n',
            "package.json": '{"name": "@jl/repo-top", "private": true, "version": "0.0.1"}',
            "pyproject.toml": '[build-system]\nrequires = ["hatchling"]\n\n'
            '[project]\nname = "jl"\nversion = "4.7.0a1"\n',
        }
    )
    found = model(repo)
    assert [(g.name, g.evidence) for g in found.groups] == [
        ("jl", [".bumpversion.cfg: [bumpversion]"]),
        ("@jl/repo-top", ["one package (package.json)"]),
    ]
    assert check_alignment([]) == 0


def test_a_crate_made_unpublished_does_not_hold_back_its_family(repo: Repo) -> None:
    # oxc: a crate switched to publish = false is no longer bumped with crates_v* releases
    def layout(version: str, compiler: str, private: bool) -> dict[str, str]:
        publish = "publish = false\n" if private else ""
        return {
            "crates/a/Cargo.toml": crate("oxc_a", version),
            "crates/b/Cargo.toml": crate("oxc_b", version),
            "crates/c/Cargo.toml": crate("oxc_compiler", compiler, publish),
        }

    for version, compiler, private in (
        ("0.140.0", "0.140.0", False), ("0.141.0", "0.141.0", False),
        ("0.142.0", "0.142.0", False), ("0.143.0", "0.142.0", True),
        ("0.144.0", "0.142.0", True),
    ):  # fmt: skip
        repo.commit(files=layout(version, compiler, private))
        repo.git("tag", f"crates_v{version}")
    assert check_tags(["--ref", "crates_v0.144.0"]) == 0
    assert check_alignment([]) == 0


def test_an_old_tag_is_checked_against_its_own_family(repo: Repo) -> None:
    # lancedb: python joined the v* releases at 0.37; its python-v0.36.0 tag predates that
    def layout(node: str, python: str) -> dict[str, str]:
        return {
            "nodejs/package.json": f'{{"name": "lancedb", "version": "{node}"}}',
            "python/pyproject.toml": '[build-system]\nrequires = ["maturin"]\n\n'
            f'[project]\nname = "lancedb-py"\nversion = "{python}"\n',
        }

    repo.commit(files=layout("0.30.0", "0.35.0"))
    repo.git("tag", "python-v0.35.0")
    repo.commit(files=layout("0.31.0", "0.36.0"))
    repo.git("tag", "python-v0.36.0")
    repo.git("tag", "v0.31.0")
    for version in ("0.37.0", "0.38.0"):
        repo.commit(files=layout(version, version))
        repo.git("tag", f"v{version}")
        repo.git("tag", f"python-v{version}")
    assert check_tags(["--ref", "python-v0.36.0"]) == 0


def test_an_unpublished_crate_that_makes_a_wheel_is_released(repo: Repo) -> None:
    # lancedb: python/Cargo.toml has publish = false, and maturin builds the wheel from it
    def layout(version: str, locked: str | None = None) -> dict[str, str]:
        return {
            "python/Cargo.toml": crate("lancedb-python", version, "publish = false\n"),
            "python/pyproject.toml": '[build-system]\nrequires = ["maturin"]\n'
            'build-backend = "maturin"\n\n[project]\nname = "lancedb"\ndynamic = ["version"]\n',
            "Cargo.lock": 'version = 4\n\n[[package]]\nname = "lancedb-python"\n'
            f'version = "{locked or version}"\n',
        }

    released(repo, layout, ("0.35.0", "0.36.0"), prefix="python-v")
    repo.commit(files=layout("0.37.0", locked="0.36.0"))
    repo.git("tag", "python-v0.37.0")
    assert check_tags(["--ref", "python-v0.37.0"]) == 1
    assert check_alignment([]) == 1


@pytest.mark.parametrize("merged", [True, False], ids=["merged back", "tagged off the branch"])
def test_a_tag_is_checked_against_the_members_of_its_own_time(
    repo: Repo, capsys: pytest.CaptureFixture[str], merged: bool
) -> None:
    from releaselint.commands.explain import main as explain

    # lancedb: python/Cargo.toml had python-v* tags of its own, then joined the v* releases
    # at 0.37; its release workflow tags commits that never reach main
    repo.commit("feat: first")
    for version, python in (("0.30.0", "0.33.0"), ("0.31.0", "0.34.0"), ("0.32.0", "0.35.0")):
        files = rust_node_and_python_crate(version, python)
        release(repo, files, [f"v{version}", f"python-v{python}"], merged)
    files = rust_node_and_python_crate("0.33.0", "0.36.0", node_lock="0.32.0")
    release(repo, files, ["v0.33.0", "python-v0.36.0"], merged)
    for version in ("0.37.0", "0.38.0"):
        release(repo, rust_node_and_python_crate(version, version), [f"v{version}"], merged)
    files = rust_node_and_python_crate("0.39.0", "0.39.0", python_lock="0.38.0")
    release(repo, files, ["v0.39.0"], merged)
    release(repo, rust_node_and_python_crate("0.40.0", "0.39.0"), ["v0.40.0"], merged)

    def messages(tag: str) -> list[str]:
        check_tags(["--ref", tag, "--format", "json"])
        short = repo.git("rev-parse", "--short=7", f"{tag}^{{commit}}").strip()
        found = json.loads(capsys.readouterr().out)["findings"]
        return [f["message"].replace(short, "<commit>") for f in found]

    assert explain([]) == 0
    model_before = capsys.readouterr().out
    assert "  because: lockstep at tags v0.33.0…v0.40.0" in model_before
    # the python crate is no member of the releases before it joined: only the real lag
    assert messages("v0.33.0") == [
        "version 0.33.0 != 0.32.0 declared in nodejs/package-lock.json:3 at <commit> (and 1 more)"
    ]
    assert messages("v0.32.0") == []
    # the first release, judged by its own files alone
    assert messages("v0.30.0") == []
    # from 0.37 on it is: its lockfile entry lags at v0.39.0, the crate itself at v0.40.0
    assert messages("v0.39.0") == ["version 0.39.0 != 0.38.0 declared in Cargo.lock:9 at <commit>"]
    assert messages("v0.40.0") == [
        "version 0.40.0 != 0.39.0 declared in python/Cargo.toml:3 at <commit> (and 1 more)"
    ]
    # the work tree's model is that of the newest releases, python crate included, and
    # reading older releases (cached beside the newest) leaves it as it was
    assert explain([]) == 0
    assert capsys.readouterr().out == model_before
    assert groups(repo) == {
        "lancedb-python": [
            "python/Cargo.toml", "Cargo.lock", "nodejs/package.json",
            "nodejs/package-lock.json", "rust/lancedb/Cargo.toml",
        ]
    }  # fmt: skip


def test_a_member_that_moved_is_judged_by_the_familys_newest_evidence(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    # lancedb python-v0.7.0: pyproject.toml stopped declaring its version ("version in
    # Cargo.toml"), the crate took it over; the crate joined the v* releases later
    def layout(version: str, python: str | None, crate_version: str) -> dict[str, str]:
        files = rust_node_and_python_crate(version, crate_version)
        files["python/Cargo.toml"] = crate("lancedb-python", crate_version)
        declared = "# version in Cargo.toml" if python is None else f'version = "{python}"'
        files["python/pyproject.toml"] = (
            '[build-system]\nrequires = ["maturin>=1.4"]\nbuild-backend = "maturin"\n\n'
            f'[project]\nname = "lancedb"\n{declared}\n'
        )
        return files

    for version, python in (("0.4.0", "0.6.0"), ("0.4.1", "0.6.1"), ("0.4.2", "0.6.2")):
        release(repo, layout(version, python, "0.4.10"), [f"v{version}", f"python-v{python}"])
    for version, python in (("0.4.3", "0.7.0"), ("0.4.4", "0.8.0"), ("0.4.5", "0.9.0")):
        release(repo, layout(version, None, python), [f"v{version}", f"python-v{python}"])
    for version in ("0.10.0", "0.11.0", "0.12.0"):
        release(repo, layout(version, None, version), [f"v{version}"])
    # the releases before python-v0.7.0 released pyproject.toml, which declares no version
    # there: the crate is checked, as the newest python-v releases say, not the v* group
    # it joined later
    assert check_tags(["--ref", "python-v0.7.0"]) == 0
    assert check_tags(["--ref", "python-v0.6.2", "--ref", "v0.4.3"]) == 0
    assert capsys.readouterr().out == ""


def test_lockstep_on_a_branch_not_merged_joins_nothing_here(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """drizzle-orm: main releases orm (`0.x.y`) and kit (`kit@0.x.y`) apart; a beta branch,
    never merged, moves both to 1.0.0-beta.N at `v1.0.0-beta.N`. On main that lockstep is
    no evidence: orm 0.43.0 and kit 0.30.2 are not compared."""

    def release(orm: str, kit: str, *tags: str) -> None:
        repo.commit(
            f"chore: release {orm} {kit}",
            files={
                "orm/package.json": f'{{"name": "orm", "version": "{orm}"}}\n',
                "kit/package.json": f'{{"name": "kit", "version": "{kit}"}}\n',
            },
        )
        for tag in tags:
            repo.git("tag", tag)

    release("0.40.0", "0.30.0", "0.40.0", "kit@0.30.0")
    release("0.41.0", "0.30.1", "0.41.0", "kit@0.30.1")
    release("0.42.0", "0.30.2", "0.42.0", "kit@0.30.2")
    repo.git("checkout", "-q", "-b", "beta")
    for n in (1, 2, 3):
        release(f"1.0.0-beta.{n}", f"1.0.0-beta.{n}", f"v1.0.0-beta.{n}")
    repo.git("checkout", "-q", "main")
    release("0.43.0", "0.30.2", "0.43.0")
    assert check_alignment([]) == 0
    assert capsys.readouterr().out == ""
    assert groups(repo) == {"kit": ["kit/package.json"], "orm": ["orm/package.json"]}
    family = next(f for f in model(repo).families if f.family.template == "v{version}")
    assert family.off_branch
    # on the beta branch, the same tags are its own lockstep
    repo.git("checkout", "-q", "beta")
    assert groups(repo) == {"kit": ["kit/package.json", "orm/package.json"]}


def test_a_crate_without_a_version_has_no_lock_declaration(repo: Repo) -> None:
    """No `version` in Cargo.toml: 0.0.0 to Cargo, never published. Its Cargo.lock entry
    copies nothing a release sets: bumping it alone would break `cargo build --locked`."""
    repo.commit(
        files={
            "Cargo.toml": '[package]\nname = "foo"\nedition = "2021"\npublish = false\n',
            "Cargo.lock": 'version = 4\n\n[[package]]\nname = "foo"\nversion = "0.0.0"\n',
        }
    )
    assert groups(repo) == {}
    assert check_alignment([]) == 0


def test_a_family_with_a_tag_on_the_branch_keeps_its_lockstep(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """nuxt: the newest v-tags were cut on the 4.x branch, older ones are on main: the
    family is main's too, and a and b stay in step there (run twice: the second run reads
    the history from its cache)."""

    def release(version: str, tag: str | None = None) -> None:
        repo.commit(
            f"chore: release {version}",
            files={
                "packages/a/package.json": f'{{"name": "a", "version": "{version}"}}\n',
                "packages/b/package.json": f'{{"name": "b", "version": "{version}"}}\n',
            },
        )
        if tag:
            repo.git("tag", tag)

    repo.write({"package.json": '{"name": "root", "private": true, "workspaces": ["packages/*"]}'})
    release("1.0.0", "v1.0.0")
    release("1.1.0", "v1.1.0")
    repo.git("checkout", "-q", "-b", "1.x")
    for minor in range(2, 8):
        release(f"1.{minor}.0", f"v1.{minor}.0")
    repo.git("checkout", "-q", "main")
    release("2.0.0-0")
    repo.write({"packages/a/package.json": '{"name": "a", "version": "2.0.1"}\n'})
    for _ in range(2):
        assert check_alignment([]) == 1
        assert "lockstep at tags v1.3.0…v1.7.0" in capsys.readouterr().out


def test_the_evidence_is_printed_in_one_order_whatever_the_hash_seed(repo: Repo) -> None:
    """Three maturin bindings joined by the build and by the tags: `explain` prints their
    reasons in the order of the files, not in a set's order of the day."""
    import os
    import subprocess
    import sys

    def files(version: str) -> dict[str, str]:
        found = {}
        for name in ("alpha", "beta", "gamma"):
            found[f"{name}/pyproject.toml"] = (
                '[build-system]\nrequires = ["maturin>=1"]\nbuild-backend = "maturin"\n\n'
                f'[project]\nname = "{name}"\ndynamic = ["version"]\n'
            )
            found[f"{name}/Cargo.toml"] = f'[package]\nname = "{name}"\nversion = "{version}"\n'
        return found

    repo.commit("release 0.9.0", files=files("0.9.0"))
    repo.git("tag", "v0.9.0")
    repo.commit("release 1.0.0", files=files("1.0.0"))
    repo.git("tag", "v1.0.0")
    outputs = set()
    for seed in ("0", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            (sys.executable, "-m", "releaselint", "explain"),
            cwd=repo.path, capture_output=True, text=True, env=env, check=True,
        )  # fmt: skip
        outputs.add(result.stdout)
    assert len(outputs) == 1
