"""Discovery's configured inputs, through the alignment hook: extra files, groups whose
source or target is wrong, and the version scheme a configuration forces."""

from __future__ import annotations

import pytest

from releaselint.commands.explain import main as explain
from releaselint.hooks.check_version_alignment import main
from tests.conftest import Repo

CARGO = '[package]\nname = "core"\nversion = "1.0.0"\n'


def package_json(name: str, version: str) -> str:
    return f'{{"name": "{name}", "version": "{version}"}}\n'


@pytest.mark.parametrize(
    ("files", "out", "err"),
    [
        ({"Cargo.toml": CARGO, "VERSION": "1.0.0\n",
          "releaselint.toml": 'extra-files = [{path = "VERSION", pattern = "v(?P<version>.*)"}]\n'},
         "", "error: VERSION: pattern 'v(?P<version>.*)' matches nothing\n"),
        ({"Cargo.toml": CARGO, "VERSION": "1.0.0\n",
          "releaselint.toml": 'extra-files = [{path = "VERSION", pattern = "(?P<version>.*)", group = "nope"}]\n'},
         "", "error: extra-files: no group named 'nope' to add VERSION to\n"),
        ({"Cargo.toml": CARGO, "VERSION": "1.1.0\n",
          "releaselint.toml": 'extra-files = [{path = "VERSION", pattern = "(?P<version>.+)"}]\n'},
         "VERSION:1: version '1.1.0' != '1.0.0' (Cargo.toml:3; one package (Cargo.toml))\n"
         "hint: run 'releaselint check-version-alignment --fix' to set group 'core' to '1.0.0' (Cargo.toml:3)\n", ""),
        ({"a/package.json": package_json("a", "1.0.0"), "b/package.json": package_json("b", "1.1.0"),
          "releaselint.toml": '[groups.x]\nmembers = ["a", "b"]\nsource = "c/package.json"\n'},
         "", "error: group 'x': source 'c/package.json' declares no version in the group\n"),
        ({"pyproject.toml": '[project]\nname = "x"\nversion = "1.0.0"\n', "releaselint.toml": 'version-scheme = "vcs"\n'},
         "pyproject.toml:3: static [project].version '1.0.0' but the version comes from git tags (version-scheme = 'vcs' in releaselint.toml); declare dynamic = [\"version\"] instead\n"
         "hint: a tag-versioned package reads its version at run time: __version__ = importlib.metadata.version('<distribution>')\n", ""),
    ],
)  # fmt: skip
def test_configured_discovery(
    repo: Repo, capsys: pytest.CaptureFixture[str], files: dict[str, str], out: str, err: str
) -> None:
    repo.commit("chore: files", files=files)
    code = main([])
    assert (code, *capsys.readouterr()) == (1 if out or err else 0, out, err)


@pytest.mark.parametrize(
    ("config", "explained"),
    [
        ("", "group 'x' (the repository's own: bump and tag act on it)\n"
             "  versioned by git tags (setuptools-scm in pyproject.toml)\n"
             "  because: one package (pyproject.toml)\n"),
        # a static scheme: the tool's tag versioning is not believed, nothing is declared
        ('version-scheme = "static"\n', "no version declarations found\n"),
    ],
)  # fmt: skip
def test_a_static_scheme_overrides_the_tools_vcs_versioning(
    repo: Repo, capsys: pytest.CaptureFixture[str], config: str, explained: str
) -> None:
    files = {
        "pyproject.toml": '[project]\nname = "x"\ndynamic = ["version"]\n[tool.setuptools_scm]\n'
    }
    if config:
        files["releaselint.toml"] = config
    repo.commit("chore: files", files=files)
    assert explain([]) == 0
    assert capsys.readouterr().out == explained


def test_source_code_a_tool_rewrites_does_not_join_its_crate(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """pixi's tbump rewrites a string constant in crates/consts/src/lib.rs: a crate declares
    its version in Cargo.toml only, and consts stays at 0.1.0 through every release."""
    crate = '[package]\nname = "{}"\nversion = "{}"\nedition = "2021"\n'
    repo.commit(
        "chore: files",
        files={
            "Cargo.toml": '[workspace]\nmembers = ["crates/*"]\n',
            "crates/app/Cargo.toml": crate.format("app", "0.77.0"),
            "crates/consts/Cargo.toml": crate.format("consts", "0.1.0"),
            "crates/consts/src/lib.rs": 'pub const VERSION: &str = "0.77.0";\n',
            "pyproject.toml": '[tool.tbump.version]\ncurrent = "0.77.0"\n'
            "regex = '(?P<major>\\d+)\\.(?P<minor>\\d+)\\.(?P<patch>\\d+)'\n"
            '[tool.tbump.git]\nmessage_template = "v{new_version}"\ntag_template = "v{new_version}"\n'
            '[[tool.tbump.file]]\nsrc = "crates/app/Cargo.toml"\n'
            '[[tool.tbump.file]]\nsrc = "crates/consts/src/lib.rs"\n',
        },
    )
    assert main([]) == 0
    assert capsys.readouterr().out == ""
    assert explain([]) == 0
    groups = [line for line in capsys.readouterr().out.splitlines() if line.startswith("group")]
    assert "group 'consts'" in groups


def test_a_file_a_tool_rewrites_joins_the_package_whose_folder_holds_it(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """bump-my-version rewrites pkg/src/version.txt: the package of pkg/ (the deepest folder
    holding it), not the root's, shares the tool's version."""
    repo.commit(
        "chore: files",
        files={
            "pyproject.toml": '[project]\nname = "root"\nversion = "1.0.0"\n',
            "pkg/package.json": package_json("pkg", "1.0.0"),
            "pkg/src/version.txt": "1.0.0\n",
            "other/package.json": package_json("other", "2.0.0"),
            ".bumpversion.toml": '[tool.bumpversion]\ncurrent_version = "1.0.0"\n'
            '[[tool.bumpversion.files]]\nfilename = "pkg/src/version.txt"\n',
        },
    )
    assert explain([]) == 0
    assert capsys.readouterr().out == (
        "group 'root' (the repository's own: bump and tag act on it)\n"
        "  version 1.0.0 from pyproject.toml:3\n"
        "  because: one package (pyproject.toml)\n"
        "    pyproject.toml:3: [project].version = '1.0.0'\n"
        "group 'other'\n"
        "  version 2.0.0 from other/package.json:1\n"
        "  because: one package (other/package.json)\n"
        "    other/package.json:1: .version = '2.0.0'\n"
        "group 'pkg'\n"
        "  version 1.0.0 from pkg/package.json:1\n"
        "  because: .bumpversion.toml: [tool.bumpversion]\n"
        "    pkg/package.json:1: .version = '1.0.0'\n"
        "    .bumpversion.toml:2: tool.bumpversion.current_version = '1.0.0'\n"
    )
