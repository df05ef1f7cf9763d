from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from releaselint.core.config import load as load_config
from releaselint.core.history import discover_with_history
from releaselint.core.tree import WorkTree
from releaselint.hooks.check_version_alignment import main
from tests.conftest import Repo
from tests.layouts import released, rust_with_bindings, vcs_dynamic

HINT = (
    "hint: run 'releaselint check-version-alignment --fix' to set group 'corelib' to '1.5.0' "
    "(Cargo.toml:3)\n"
)


def discovered(repo: Repo) -> dict[str, list[str]]:
    """Group name -> where its declarations are: what the passing tests rest on."""
    root = str(repo.path)
    groups = discover_with_history(root, WorkTree(root), load_config(root))
    return {g.name: [d.where for d in g.declarations] for g in groups}


SIX = [
    "Cargo.toml:3",
    "bindings/python/Cargo.toml:3",
    "bindings/python/pyproject.toml:7",
    "bindings/node/package.json:3",
    "bindings/node/package-lock.json:3",
    "bindings/node/package-lock.json:9",
]


def test_aligned_bindings_pass(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    released(repo, rust_with_bindings)
    repo.commit(files=rust_with_bindings())
    assert discovered(repo) == {"corelib": SIX}
    assert main([]) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    ("path", "old", "new", "line", "value"),
    [
        (
            "bindings/python/Cargo.toml",
            'version = "1.5.0"\nedition',
            'version = "1.4.9"\nedition',
            3,
            "1.4.9",
        ),
        (
            "bindings/python/pyproject.toml",
            'version = "1.5.0"',
            'version = "1.5.0rc1"',
            7,
            "1.5.0rc1",
        ),
        ("bindings/node/package.json", '"version": "1.5.0"', '"version": "1.4.0"', 3, "1.4.0"),
        (
            "bindings/node/package-lock.json",
            '"version": "1.5.0",\n  "lockfileVersion"',
            '"version": "1.4.0",\n  "lockfileVersion"',
            3,
            "1.4.0",
        ),
        (
            "bindings/node/package-lock.json",
            '"version": "1.5.0",\n      "dependencies"',
            '"version": "1.4.0",\n      "dependencies"',
            9,
            "1.4.0",
        ),
    ],
)
def test_each_drifted_field_is_found_and_fixed(
    repo: Repo,
    capsys: pytest.CaptureFixture[str],
    path: str,
    old: str,
    new: str,
    line: int,
    value: str,
) -> None:
    released(repo, rust_with_bindings)
    files = rust_with_bindings()
    assert old in files[path]
    files[path] = files[path].replace(old, new, 1)
    repo.commit(files=files)
    assert main([]) == 1
    assert capsys.readouterr().out == (
        f"{path}:{line}: version '{value}' != '1.5.0' (Cargo.toml:3; lockstep at tags v1.3.0…v1.4.0)\n"
        + HINT
    )
    assert main(["--fix"]) == 1
    assert capsys.readouterr().out == f"Fixing {path}\n"
    assert repo.read(path) == rust_with_bindings()[path]
    assert main(["--fix"]) == 0
    assert capsys.readouterr().out == ""


def test_drift_in_the_source_names_every_other_file(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    released(repo, rust_with_bindings)
    files = rust_with_bindings()
    files["Cargo.toml"] = files["Cargo.toml"].replace('version = "1.5.0"', 'version = "1.6.0"', 1)
    repo.commit(files=files)
    assert main(["--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["path"], f["line"]) for f in found] == [
        ("bindings/python/Cargo.toml", 3),
        ("bindings/python/pyproject.toml", 7),
        ("bindings/node/package.json", 3),
        ("bindings/node/package-lock.json", 3),
        ("bindings/node/package-lock.json", 9),
    ]


def test_github_format(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    released(repo, rust_with_bindings)
    files = rust_with_bindings()
    files["bindings/node/package.json"] = files["bindings/node/package.json"].replace(
        "1.5.0", "1.4.0", 1
    )
    repo.commit(files=files)
    assert main(["--format", "github"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "::error file=bindings/node/package.json,line=3::version '1.4.0' != '1.5.0' (Cargo.toml:3; lockstep at tags v1.3.0…v1.4.0)"
    )


def test_pep440_spelling_of_the_same_version_is_aligned(repo: Repo) -> None:
    files = rust_with_bindings("2.0.0-rc.1")
    assert 'version = "2.0.0-rc.1"' in files["bindings/python/pyproject.toml"]
    files["bindings/python/pyproject.toml"] = files["bindings/python/pyproject.toml"].replace(
        'version = "2.0.0-rc.1"', 'version = "2.0.0rc1"'
    )
    released(repo, rust_with_bindings)
    repo.commit(files=files)
    assert discovered(repo) == {"corelib": SIX}
    assert main([]) == 0


def test_workspace_members_private_and_examples_are_independent(repo: Repo) -> None:
    repo.commit(
        files={
            "package.json": '{"name": "mono", "private": true, "version": "0.0.1", "workspaces": ["packages/*"]}',
            "packages/a/package.json": '{"name": "a", "version": "1.0.0"}',
            "packages/b/package.json": '{"name": "b", "version": "3.2.0"}',
            "examples/demo/package.json": '{"name": "demo", "version": "0.1.0"}',
            "tests/fixtures/Cargo.toml": '[package]\nname = "fx"\nversion = "9.9.9"\n',
            "Cargo.toml": '[workspace]\nmembers = ["crates/*"]\n',
            "crates/x/Cargo.toml": '[package]\nname = "x"\nversion = "0.3.0"\n',
            "crates/y/Cargo.toml": '[package]\nname = "y"\nversion = "0.9.0"\n',
        }
    )
    assert discovered(repo) == {
        "mono": ["package.json:1"],
        "x": ["crates/x/Cargo.toml:3"],
        "y": ["crates/y/Cargo.toml:3"],
        "a": ["packages/a/package.json:1"],
        "b": ["packages/b/package.json:1"],
    }
    assert main([]) == 0


def test_configured_group_joins_workspace_members(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(
        files={
            "releaselint.toml": '[groups.sdk]\nmembers = ["packages/*"]\nsource = "packages/a/package.json"\n',
            "package.json": '{"name": "mono", "private": true, "workspaces": ["packages/*"]}',
            "packages/a/package.json": '{"name": "a", "version": "1.0.0"}',
            "packages/b/package.json": '{"name": "b", "version": "3.2.0"}',
        }
    )
    assert main([]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "packages/b/package.json:1: version '3.2.0' != '1.0.0' (packages/a/package.json:1; "
        "releaselint.toml: groups.sdk)"
    )


@pytest.mark.parametrize("root", [".", "./", "pyproject.toml"])
def test_a_group_member_dot_is_the_root_package_alone(
    repo: Repo, capsys: pytest.CaptureFixture[str], root: str
) -> None:
    """``.`` names the root folder's own package, as Release Please's ``packages`` do; the
    root folder holds every file, but the nested package joins only by its own name."""
    repo.commit(
        files={
            "releaselint.toml": f'[groups.all]\nmembers = ["{root}", "js"]\n',
            "pyproject.toml": '[project]\nname = "pkg"\nversion = "1.2.0"\n',
            "js/package.json": '{\n  "name": "pkg",\n  "version": "1.1.0"\n}\n',
            "other/package.json": '{\n  "name": "other",\n  "version": "7.0.0"\n}\n',
        }
    )
    assert main([]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "js/package.json:3: version '1.1.0' != '1.2.0' (pyproject.toml:3; "
        "releaselint.toml: groups.all)"
    )


def test_extra_regex_file(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    released(repo, rust_with_bindings)
    files = rust_with_bindings()
    files["README.md"] = "Install:\n\n    pip install corelib==1.4.0\n"
    files["releaselint.toml"] = (
        '[[extra-files]]\npath = "README.md"\npattern = "pip install corelib==(?P<version>\\\\S+)"\n'
    )
    repo.commit(files=files)
    assert main([]) == 1
    assert (
        capsys.readouterr().out.splitlines()[0]
        == "README.md:3: version '1.4.0' != '1.5.0' (Cargo.toml:3; lockstep at tags v1.3.0…v1.4.0)"
    )
    assert main(["--fix"]) == 1
    assert repo.read("README.md") == "Install:\n\n    pip install corelib==1.5.0\n"


def test_ignored_file(repo: Repo) -> None:
    released(repo, rust_with_bindings)
    files = rust_with_bindings()
    files["bindings/node/package.json"] = files["bindings/node/package.json"].replace(
        "1.5.0", "0.1.0", 1
    )
    files["pyproject.toml"] = '[tool.releaselint]\nignore = ["bindings/node/package.json"]\n'
    repo.commit(files=files)
    assert discovered(repo) == {"corelib": [w for w in SIX if "bindings/node" not in w]}
    assert main([]) == 0


def test_vcs_dynamic_repo_passes(repo: Repo) -> None:
    repo.commit(files=vcs_dynamic())
    root = str(repo.path)
    groups = discover_with_history(root, WorkTree(root), load_config(root))
    assert [(g.name, g.vcs) for g in groups] == [
        ("tagged", "hatch-vcs in pyproject.toml"),
        ("tagged-web", None),
    ]
    assert main([]) == 0


def test_vcs_dynamic_fallback_placeholder_passes(repo: Repo) -> None:
    files = vcs_dynamic(
        "try:\n    __version__ = version('tagged')\nexcept Exception:\n    __version__ = '0.0.0.dev0'"
    )
    repo.commit(files=files)
    assert discovered(repo) == {
        "tagged": ["src/tagged/__init__.py:6"],
        "tagged-web": ["web/package.json:3"],
    }
    assert main([]) == 0


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            (
                "src/tagged/__init__.py",
                "from importlib.metadata import version\n\n__version__ = '1.2.3'\n",
            ),
            "src/tagged/__init__.py:3: static __version__ '1.2.3' but the version comes from git tags "
            "(hatch-vcs in pyproject.toml); read it with importlib.metadata.version() instead",
        ),
        (
            (
                "src/tagged/__init__.py",
                "from importlib.metadata import version\ntry:\n    __version__ = version('tagged')\n"
                "except Exception:\n    __version__ = '1.0.0'\n",
            ),
            "src/tagged/__init__.py:5: version '1.0.0' but the version comes from git tags "
            "(hatch-vcs in pyproject.toml); expected the placeholder '0.0.0.dev0'",
        ),
    ],
)
def test_vcs_dynamic_static_versions_are_findings(
    repo: Repo, capsys: pytest.CaptureFixture[str], change: tuple[str, str], expected: str
) -> None:
    files = vcs_dynamic()
    files[change[0]] = change[1]
    repo.commit(files=files)
    assert main([]) == 1
    assert capsys.readouterr().out.splitlines()[0] == expected


def test_configured_placeholder(repo: Repo) -> None:
    files = vcs_dynamic(
        "try:\n    __version__ = version('tagged')\nexcept Exception:\n    __version__ = '0.0.0'"
    )
    repo.commit(files=files)
    assert main([]) == 1
    files["pyproject.toml"] += '\n[tool.releaselint]\nplaceholders = ["0.0.0"]\n'
    repo.commit(files=files)
    assert main([]) == 0


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"package.json": b'{"version": "1.0.0", "d": "\xff"}'},
            "error: package.json:1: not valid UTF-8",
        ),
        ({"releaselint.toml": "colour = 1\n"}, "error: releaselint.toml: colour: unknown key"),
        (
            {"releaselint.toml": "placeholders = 'x'\n"},
            "error: releaselint.toml: placeholders: expected an array",
        ),
        (
            {"pyproject.toml": "[tool.releaselint.groups.a]\nmembers = 1\n"},
            "error: pyproject.toml: [tool.releaselint].groups.a.members: expected an array",
        ),
        (
            {"pyproject.toml": '[project]\nname = "x"\n\n[[tool.releaselint]]\nignore = 1\n'},
            "error: pyproject.toml:4: [tool.releaselint] must be a table",
        ),
        (
            {"pyproject.toml": '[project]\nname = "x"\n[tool]\nreleaselint = "x"\n'},
            "error: pyproject.toml:4: [tool.releaselint] must be a table",
        ),
        (
            {"releaselint.toml": '[[extra-files]]\npath = "../x"\npattern = "(?P<version>.*)"\n'},
            "error: releaselint.toml: extra-files[0].path: '../x' is outside the repository",
        ),
        (
            {"releaselint.toml": '[[extra-files]]\npath = "NOPE"\npattern = "(?P<version>.*)"\n'},
            "error: NOPE: no such file",
        ),
    ],
)
def test_bad_input_is_a_clear_error(
    repo: Repo, capsys: pytest.CaptureFixture[str], files: dict[str, str | bytes], message: str
) -> None:
    repo.commit(files=files)
    assert main([]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(message)
    assert "Traceback" not in captured.err


def test_repository_without_commits(repo: Repo) -> None:
    repo.write(rust_with_bindings())
    assert len(discovered(repo)) == 4  # no history: each package alone
    assert main([]) == 0


def test_outside_a_repository(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(str(tmp_path))
    assert main([]) == 1
    assert capsys.readouterr().err == "error: not inside a git repository\n"


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {
                "package.json": '{"name": "a", "version": "1.0.0"}',
                "package-lock.json": '{"packages": {',
            },
            "package-lock.json:1: invalid JSON",
        ),
        (
            {
                "Cargo.toml": '[package]\nname = "a"\nversion = "1.0.0"\n',
                "Cargo.lock": "[[package]\n",
            },
            "Cargo.lock:1: invalid TOML",
        ),
        (
            {
                "pyproject.toml": '[build-system]\nrequires = ["hatchling"]\n\n'
                '[project]\nname = "a"\nversion = "1.0.0"\n',
                "uv.lock": "package = 3\n",
            },
            "uv.lock:1: invalid lockfile",
        ),
    ],
)
def test_a_lockfile_its_package_needs_is_a_located_finding(
    repo: Repo, capsys: pytest.CaptureFixture[str], files: dict[str, str], message: str
) -> None:
    repo.commit(files=files)
    assert main([]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(message), out
    assert err == ""


@pytest.mark.parametrize(
    "files",
    [
        {"deno.jsonc": "{ // x\n  version: }\n"},
        {"Cargo.toml": '[package]\nname = "x"\nversion = "1.0\n'},
        {"package.json": '{"version": "1.0.0",}'},
    ],
)
def test_a_file_no_group_needs_stops_nothing(
    repo: Repo, capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    from releaselint.commands.explain import main as explain

    repo.commit(
        files={**files, "crates/ok/Cargo.toml": '[package]\nname = "ok"\nversion = "1.0.0"\n'}
    )
    assert main([]) == 0
    assert capsys.readouterr() == ("", "")
    assert explain([]) == 0
    (path,) = files
    assert f"left out {path}: cannot be read: {path}" in capsys.readouterr().out


def test_an_unreadable_manifest_the_history_names_is_a_finding(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    released(repo, rust_with_bindings)
    repo.commit(files={"bindings/node/package.json": '{"name": "corelib", "version": '})
    assert main([]) == 1
    out = capsys.readouterr().out
    assert out.startswith("bindings/node/package.json:1: invalid JSON: ")


def test_detached_head(repo: Repo) -> None:
    released(repo, rust_with_bindings)
    repo.commit(files=rust_with_bindings())
    repo.commit("chore: second")
    repo.git("checkout", "-q", "--detach", "HEAD~1")
    assert discovered(repo) == {"corelib": SIX}
    assert main([]) == 0


# -- nothing gets in -------------------------------------------------------------------------

INJECTED = "1.0\\\"\\n__import__('os').system('touch PWNED')\\n#"  # as TOML writes it


def _injection_layout() -> dict[str, str]:
    return {
        "Cargo.toml": f'[package]\nname = "corelib"\nversion = "{INJECTED}"\n',
        "pyproject.toml": (
            '[build-system]\nrequires = ["maturin>=1.5"]\nbuild-backend = "maturin"\n\n'
            '[project]\nname = "corelib"\nversion = "1.0.0"\n'
        ),
        "src/corelib/__init__.py": '__version__ = "1.0.0"\n',
        "package.json": '{\n  "name": "corelib",\n  "version": "1.0.0"\n}\n',
    }


def test_fix_never_writes_a_value_that_is_not_a_version(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _injection_layout()
    repo.commit(files=files)
    assert main(["--fix"]) == 1
    assert capsys.readouterr().out == (
        "Cargo.toml:3: version '1.0\"\\n__import__(\\'os\\').system(\\'touch PWNED\\')\\n#' "
        "is not a valid SemVer version\n"
    )
    assert {p: repo.read(p) for p in files} == files
    assert not (repo.path / "PWNED").exists()


def test_a_placeholder_without_a_spelling_is_a_finding_not_a_write(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    files = vcs_dynamic()
    files["releaselint.toml"] = (
        'placeholders = ["1.0.0.post1"]\n[groups.tagged]\nmembers = ["pyproject.toml", "web"]\n'
    )
    repo.commit(files=files)
    assert main(["--fix"]) == 1
    assert capsys.readouterr().out == (
        "web/package.json:3: version '0.0.0-dev' but the version comes from git tags "
        "(hatch-vcs in pyproject.toml); expected the placeholder '1.0.0.post1', "
        "which has no SemVer spelling\n"
        "hint: a tag-versioned package reads its version at run time: "
        "__version__ = importlib.metadata.version('<distribution>')\n"
    )
    assert repo.read("web/package.json") == files["web/package.json"]


def test_a_version_spelled_with_escapes_is_not_rewritten(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    released(repo, rust_with_bindings)
    files = rust_with_bindings()
    files["bindings/node/package.json"] = files["bindings/node/package.json"].replace(
        '"version": "1.5.0"', '"version": "1.4\\u002e0"'
    )
    repo.commit(files=files)
    assert main(["--fix"]) == 1
    assert capsys.readouterr().err == (
        "error: bindings/node/package.json:3: the version is not written as plain text here "
        "(escape sequences?); releaselint does not rewrite it: edit it by hand\n"
    )
    assert repo.read("bindings/node/package.json") == files["bindings/node/package.json"]
    assert repo.read("Cargo.toml") == files["Cargo.toml"]


@pytest.mark.parametrize(
    ("cargo", "npm"),
    [
        ("1.0.0-rc1", "1.0.0-rc.1"),
        ("1.2.3-alpha", "1.2.3-alpha.0"),
        ("1.2.3-RC.1", "1.2.3-rc.1"),
    ],
)
def test_two_semver_files_compare_as_semver(
    repo: Repo, capsys: pytest.CaptureFixture[str], cargo: str, npm: str
) -> None:
    repo.commit(
        files={
            "Cargo.toml": f'[package]\nname = "x"\nversion = "{cargo}"\n',
            "package.json": f'{{\n  "name": "x",\n  "version": "{npm}"\n}}\n',
            "releaselint.toml": '[groups.x]\nmembers = ["Cargo.toml", "package.json"]\n',
        }
    )
    assert main([]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f"package.json:3: version '{npm}' != '{cargo}' (Cargo.toml:3; releaselint.toml: groups.x)"
    )
    assert main(["--fix"]) == 1
    assert repo.read("package.json") == f'{{\n  "name": "x",\n  "version": "{cargo}"\n}}\n'


def _outside(repo: Repo) -> Path:
    secret = repo.path.parent / "outside"
    secret.mkdir()
    (secret / "VERSION").write_text("version 1.5.0 SECRET\n")
    return secret


def test_extra_file_through_a_symlinked_folder_to_outside_is_not_read(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = _outside(repo)
    (repo.path / "meta").symlink_to(outside)
    files = rust_with_bindings()
    files["releaselint.toml"] = (
        '[[extra-files]]\npath = "meta/VERSION"\npattern = "version (?P<version>.*) SECRET"\n'
    )
    repo.commit(files=files)
    for argv in ([], ["--fix"]):
        assert main(argv) == 1
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err == (
            "error: meta/VERSION: leads outside the repository; releaselint does not read it\n"
        )
    assert (outside / "VERSION").read_text() == "version 1.5.0 SECRET\n"


def test_symlinked_manifest_inside_is_read_but_never_replaced(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    released(repo, rust_with_bindings)
    files = rust_with_bindings()
    files["bindings/node/package.json"] = files["bindings/node/package.json"].replace(
        "1.5.0", "1.4.0", 1
    )
    repo.write(files)
    shared = repo.path / "bindings/node/package.json"
    (repo.path / "shared").mkdir()
    shared.rename(repo.path / "shared/node.json")
    shared.symlink_to("../../shared/node.json")
    repo.commit()
    assert main([]) == 1
    assert capsys.readouterr().out.startswith(
        "bindings/node/package.json:3: version '1.4.0' != '1.5.0' "
        "(Cargo.toml:3; lockstep at tags v1.3.0…v1.4.0)\n"
    )
    assert main(["--fix"]) == 1
    assert capsys.readouterr().err == (
        "error: bindings/node/package.json: is a symbolic link; "
        "releaselint does not write through it\n"
    )
    assert shared.is_symlink()
    assert (repo.path / "shared/node.json").read_text() == files["bindings/node/package.json"]
    assert repo.read("Cargo.toml") == files["Cargo.toml"]


def test_symlinked_manifest_to_outside_is_not_read(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = _outside(repo)
    (outside / "package.json").write_text('{"name": "x", "version": "SECRET"}')
    (repo.path / "package.json").symlink_to(outside / "package.json")
    repo.commit()
    assert main([]) == 1
    assert capsys.readouterr().err == (
        "error: package.json: leads outside the repository; releaselint does not read it\n"
    )


def test_extra_file_through_a_symlinked_folder_inside_is_not_written(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    files = rust_with_bindings()
    files["docs-real/VERSION"] = "1.4.0\n"
    files["releaselint.toml"] = (
        '[[extra-files]]\npath = "meta/VERSION"\npattern = "(?P<version>.+)"\n'
    )
    repo.write(files)
    (repo.path / "meta").symlink_to("docs-real")
    repo.commit()
    assert main(["--fix"]) == 1
    assert capsys.readouterr().err == (
        "error: meta: is a symbolic link; releaselint does not write through it\n"
    )
    assert repo.read("docs-real/VERSION") == "1.4.0\n"


@pytest.mark.parametrize(
    "path", [".git/config", ".git/hooks/commit-msg", "sub/.GIT/config", "./.git./HEAD"]
)
def test_nothing_under_the_git_directory_is_a_version_file(
    repo: Repo, capsys: pytest.CaptureFixture[str], path: str
) -> None:
    files = rust_with_bindings()
    files["releaselint.toml"] = f'[[extra-files]]\npath = "{path}"\npattern = "(?P<version>.+)"\n'
    repo.commit(files=files)
    before = (repo.path / ".git/config").read_bytes()
    assert main(["--fix"]) == 1
    assert capsys.readouterr().err == (
        f"error: releaselint.toml: extra-files[0].path: '{path}' is inside the git directory\n"
    )
    assert (repo.path / ".git/config").read_bytes() == before


def test_a_symlink_into_the_git_directory_is_not_read(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    files = rust_with_bindings()
    files["releaselint.toml"] = (
        '[[extra-files]]\npath = "settings"\npattern = "bare = (?P<version>.+)"\n'
    )
    repo.write(files)
    (repo.path / "settings").symlink_to(".git/config")
    repo.commit()
    before = (repo.path / ".git/config").read_bytes()
    assert main(["--fix"]) == 1
    assert capsys.readouterr().err == (
        "error: settings: is inside the git directory; releaselint does not read it\n"
    )
    assert (repo.path / ".git/config").read_bytes() == before


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            'tag-format = "{version}-{version}"\n',
            "tag-format: '{version}-{version}' must hold {version} exactly once",
        ),
        ('tag-format = "release"\n', "tag-format: 'release' must hold {version} exactly once"),
        # a placeholder matches any run but `/`: side by side, or a name twice, a tag splits
        # many ways (polynomial time)
        (
            'tag-format = "{component}-{name}-v{version}"\n',
            "tag-format: '{component}-{name}-v{version}' may hold {component} or {name} once",
        ),
        (
            'tag-format = "{component}{version}"\n',
            "tag-format: '{component}{version}' must separate its placeholders with text "
            "(as in {component}-v{version})",
        ),
        (
            'tag-format = "-u{version}"\n',
            "tag-format: '-u{version}' does not make a valid tag name: it begins with '-'",
        ),
        (
            'tag-format = "v{version}.lock"\n',
            "tag-format: 'v{version}.lock' does not make a valid tag name: "
            "a part ends with '.lock' ('v1.0.0.lock')",
        ),
        (
            'tag-format = "{project}-{version}"\n',
            "tag-format: '{project}-{version}' has the unknown placeholder {project} "
            "(known: {version}, {name}, {component})",
        ),
        (
            '[groups.a]\nmembers = ["x"]\ntag-format = "a v{version}"\n',
            "groups.a.tag-format: 'a v{version}' does not make a valid tag name: it contains ' '",
        ),
        (
            'tag-format = "{component}-v{version}"\n[groups."a b"]\nmembers = ["x"]\n',
            "groups.a b: the group's tags ({component}-v{version}) would not be valid tag "
            "names: it contains ' '",
        ),
        (
            "placeholders = []\n",
            "placeholders: expected at least one version (the first is the one --fix writes)",
        ),
        (
            'placeholders = ["0.0.0\\"\\n"]\n',
            "placeholders: '0.0.0\"\\n' is not a SemVer or PEP 440 version",
        ),
        (
            '[[extra-files]]\npath = "README.md"\npattern = "(?P<ver>.+)"\n',
            "extra-files[0].pattern: regex '(?P<ver>.+)' has no named group 'version'",
        ),
    ],
)
def test_configuration_that_would_crash_later_is_refused_at_load(
    repo: Repo, capsys: pytest.CaptureFixture[str], config: str, message: str
) -> None:
    files = rust_with_bindings()
    files["releaselint.toml"] = config
    repo.commit(files=files)
    assert main([]) == 1
    assert capsys.readouterr().err == f"error: releaselint.toml: {message}\n"


@pytest.mark.parametrize(
    ("folder", "shown"),
    [(b"new\nline", "new\\nline"), (b"\xff\xfe", "\\xff\\xfe"), (b"a\xe2\x80\xa8b", "a\\u2028b")],
)
def test_a_path_git_allows_is_shown_on_one_line(
    repo: Repo, capsys: pytest.CaptureFixture[str], folder: bytes, shown: str
) -> None:
    # a newline or bytes that are not UTF-8 in a tracked file name: printed escaped, never
    # a forged line or a UnicodeEncodeError
    target = repo.path / os.fsdecode(folder)
    target.mkdir()
    (target / "package.json").write_text('{"name": "x", "version": "1.0.0"}')
    (target / "package-lock.json").write_text('{"version": "0.9.0", "lockfileVersion": 3}')
    repo.commit("chore: x")
    assert main([]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == (
        f"{shown}/package-lock.json:1: version '0.9.0' != '1.0.0' ({shown}/package.json:1)"
    )
    assert err == ""


def test_release_please_manifest_is_the_source_a_hand_edit_is_fixed_against(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """The manifest records the last release: package.json edited by hand to 1.1.0 is the
    declaration that differs, and --fix puts it back, never the manifest forward."""
    manifest = '{\n  ".": "1.0.0"\n}\n'
    repo.commit(
        "chore: release 1.0.0",
        files={
            "release-please-config.json": '{"packages": {".": {"release-type": "node"}}}\n',
            ".release-please-manifest.json": manifest,
            "package.json": '{\n  "name": "app",\n  "version": "1.0.0"\n}\n',
        },
    )
    repo.commit(files={"package.json": '{\n  "name": "app",\n  "version": "1.1.0"\n}\n'})
    assert main([]) == 1
    out = capsys.readouterr().out
    assert out.startswith(
        "package.json:3: version '1.1.0' != '1.0.0' (.release-please-manifest.json:2; "
    )
    assert out.endswith(
        "hint: run 'releaselint check-version-alignment --fix' to set group 'app' to '1.0.0' "
        "(.release-please-manifest.json:2)\n"
    )
    assert main(["--fix"]) == 1
    assert repo.read("package.json") == '{\n  "name": "app",\n  "version": "1.0.0"\n}\n'
    assert repo.read(".release-please-manifest.json") == manifest
    capsys.readouterr()
    assert main([]) == 0


def test_fix_with_json_prints_one_json_document(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--fix --format json`: stdout is the JSON document, whatever was fixed (named on
    stderr), even where nothing is left to report."""
    import json

    repo.commit(
        files={
            "pyproject.toml": '[project]\nname = "a"\nversion = "1.0.0"\n',
            "src/a/__init__.py": '__version__ = "0.9.0"\n',
        }
    )
    assert main(["--fix", "--format", "json"]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out) == {"findings": [], "hints": []}
    assert err == "Fixing src/a/__init__.py\n"


PDV_PYPROJECT = (
    '[project]\nname = "foo"\ndynamic = ["version"]\n\n[tool.poetry]\nversion = "0.0.0"\n\n'
    "[tool.poetry-dynamic-versioning]\nenable = true\n\n[build-system]\n"
    'requires = ["poetry-core>=1.0.0", "poetry-dynamic-versioning>=1.0.0,<2.0.0"]\n'
    'build-backend = "poetry_dynamic_versioning.backend"\n'
)


@pytest.mark.parametrize(
    ("init", "out"),
    [
        # poetry-dynamic-versioning's README setup: "0.0.0" is its placeholder, and its
        # substitution writes the version over __version__ at build time
        ('__version__ = "0.0.0"\n', ""),
        ('__version__ = "0.0.0.dev0"\n', ""),
        (
            '__version__ = "1.2.0"\n',
            "foo/__init__.py:1: static __version__ '1.2.0' but the version comes from git tags "
            "(poetry-dynamic-versioning in pyproject.toml); read it with "
            "importlib.metadata.version() instead\n",
        ),
    ],
)
def test_poetry_dynamic_versioning_placeholders(
    repo: Repo, capsys: pytest.CaptureFixture[str], init: str, out: str
) -> None:
    repo.commit("feat: x", files={"pyproject.toml": PDV_PYPROJECT, "foo/__init__.py": init})
    repo.git("tag", "v1.2.0")
    assert main([]) == (1 if out else 0)
    assert capsys.readouterr().out.split("hint:")[0] == out


def test_fix_rewrites_the_lockfiles_copy_of_a_pin_it_raises(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """--fix raises @x/b to its fixed group's 1.1.0 and @x/c's exact pin on it, and, as
    bump does, the pin's copy in package-lock.json: the next run is clean, lockfiles too."""
    import shutil
    import subprocess

    from releaselint.cli import main as cli

    npm = shutil.which("npm")
    assert npm is not None, "npm is one of the lock tools the tests run"
    package = '{{\n  "name": "{}",\n  "version": "{}"{}\n}}\n'
    repo.write(
        {
            ".changeset/config.json": '{\n  "fixed": [["@x/a", "@x/b"]]\n}\n',
            "package.json": '{\n  "name": "root",\n  "private": true,\n'
            '  "workspaces": ["packages/*"]\n}\n',
            "packages/a/package.json": package.format("@x/a", "1.1.0", ""),
            "packages/b/package.json": package.format("@x/b", "1.0.0", ""),
            "packages/c/package.json": package.format(
                "@x/c", "0.1.0", ',\n  "dependencies": {\n    "@x/b": "1.0.0"\n  }'
            ),
        }
    )
    subprocess.run(
        (npm, "install", "--package-lock-only", "--ignore-scripts", "--offline"),
        cwd=repo.path, capture_output=True, check=True,
    )  # fmt: skip
    repo.commit("chore: init")
    assert main(["--fix"]) == 1
    capsys.readouterr()
    assert '"@x/b": "1.1.0"' in repo.read("packages/c/package.json")
    assert cli(["check"]) == 0, capsys.readouterr().out
