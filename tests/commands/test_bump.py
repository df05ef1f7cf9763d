from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from releaselint.commands.bump import main
from releaselint.core.alignment import group_edits
from releaselint.core.config import Config
from releaselint.core.errors import FatalError
from releaselint.core.files import plan_writes, write_atomically
from releaselint.core.history import discover_with_history
from releaselint.core.tree import WorkTree
from releaselint.hooks.check_version_alignment import main as check
from tests.conftest import Repo
from tests.layouts import released, rust_with_bindings


def test_bump_minor_rewrites_every_declaration_and_no_pin(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    released(repo, rust_with_bindings)
    repo.commit(files=rust_with_bindings())
    assert main(["minor"]) == 0
    assert capsys.readouterr().out == (
        "corelib: 1.5.0 -> 1.6.0\n"
        "  Cargo.toml:3: [package].version '1.5.0' -> '1.6.0'\n"
        "  bindings/node/package-lock.json:3: .version '1.5.0' -> '1.6.0'\n"
        "  bindings/node/package-lock.json:9: packages[\"\"].version '1.5.0' -> '1.6.0'\n"
        "  bindings/node/package.json:3: .version '1.5.0' -> '1.6.0'\n"
        "  bindings/python/Cargo.toml:3: [package].version '1.5.0' -> '1.6.0'\n"
        "  bindings/python/pyproject.toml:7: [project].version '1.5.0' -> '1.6.0'\n"
        "Updating Cargo.toml\n"
        "Updating bindings/node/package-lock.json\n"
        "Updating bindings/node/package.json\n"
        "Updating bindings/python/Cargo.toml\n"
        "Updating bindings/python/pyproject.toml\n"
    )
    expected = rust_with_bindings("1.6.0")
    for path, text in rust_with_bindings().items():
        # the external pins that happen to hold 1.5.0 keep it, and so does the internal
        # requirement corelib = "1.5.0" (^1.5.0), which 1.6.0 satisfies
        assert repo.read(path) == expected[path].replace("1.6.0", "1.5.0").replace(
            "1.5.0", "1.6.0", text.count("1.5.0") - _pins(path)
        )
    assert check([]) == 0


def _pins(path: str) -> int:
    return {
        "Cargo.toml": 1,
        "bindings/python/Cargo.toml": 1,
        "bindings/python/pyproject.toml": 0,
        "bindings/node/package.json": 1,
        "bindings/node/package-lock.json": 3,
    }[path]


def test_pins_are_untouched_exactly(repo: Repo) -> None:
    released(repo, rust_with_bindings)
    repo.commit(files=rust_with_bindings())
    assert main(["--to", "2.0.0"]) == 0
    # the internal requirement moves (^1.5.0 does not admit 2.0.0); the external pins stay
    assert repo.read("bindings/python/Cargo.toml").endswith(
        '[dependencies]\ncorelib = { path = "../..", version = "2.0.0" }\n'
    )
    assert repo.read("Cargo.toml").endswith('[dependencies]\nserde = { version = "1.5.0" }\n')
    assert '"left-pad": "1.5.0"' in repo.read("bindings/node/package.json")
    lock = repo.read("bindings/node/package-lock.json")
    assert lock.count('"version": "2.0.0"') == 2
    assert lock.count("1.5.0") == 3


def test_prerelease_writes_pep440_into_python_files(repo: Repo) -> None:
    released(repo, rust_with_bindings)
    repo.commit(files=rust_with_bindings())
    assert main(["prerelease", "--preid", "rc"]) == 0
    assert 'version = "1.5.1rc0"' in repo.read("bindings/python/pyproject.toml")
    assert 'version = "1.5.1-rc.0"' in repo.read("Cargo.toml")
    assert check([]) == 0
    repo.commit()
    assert main(["patch"]) == 0
    assert 'version = "1.5.1"' in repo.read("bindings/python/pyproject.toml")


def test_dry_run_prints_a_diff_and_writes_nothing(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(files={"package.json": '{\n    "name": "x",\n    "version": "0.1.0"\n}'})
    assert main(["major", "--dry-run"]) == 0
    assert capsys.readouterr().out == (
        "x: 0.1.0 -> 1.0.0\n"
        "  package.json:3: .version '0.1.0' -> '1.0.0'\n"
        "--- a/package.json\n+++ b/package.json\n@@ -1,4 +1,4 @@\n {\n"
        '     "name": "x",\n-    "version": "0.1.0"\n+    "version": "1.0.0"\n }'
    )
    assert repo.read("package.json") == '{\n    "name": "x",\n    "version": "0.1.0"\n}'


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        (
            "Cargo.toml",
            "[package]\r\nname = 'x'\r\nversion = '0.1.0'\r\n",
            "[package]\r\nname = 'x'\r\nversion = '0.2.0'\r\n",
        ),
        ("package.json", '{\n\t"version": "0.1.0"\n}', '{\n\t"version": "0.2.0"\n}'),
        (
            "pyproject.toml",
            "[project]\nname = 'x'\nversion = '0.1.0'  # bumped by releaselint",
            "[project]\nname = 'x'\nversion = '0.2.0'  # bumped by releaselint",
        ),
    ],
)
def test_byte_exact_and_idempotent(repo: Repo, name: str, before: str, after: str) -> None:
    repo.commit(files={name: before})
    assert main(["--to", "0.2.0"]) == 0
    assert (repo.path / name).read_bytes() == after.encode()
    assert main(["--to", "0.2.0"]) == 0
    assert (repo.path / name).read_bytes() == after.encode()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_rollback_when_one_file_cannot_be_written(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    _rollback(repo, capsys)


def test_rollback_when_a_target_is_replaced_by_a_folder(repo: Repo) -> None:
    """Works as root too: os.replace of a file onto a non-empty folder always fails."""
    released(repo, rust_with_bindings)
    files = rust_with_bindings()
    repo.commit(files=files)
    before = {p: repo.read(p) for p in files}
    groups = discover_with_history(str(repo.path), WorkTree(str(repo.path)), Config())
    plan = plan_writes(str(repo.path), group_edits(groups[0], "2.0.0", Config()))
    # planned from the files; then one target becomes impossible to replace
    target = repo.path / "bindings/python/pyproject.toml"
    target.unlink()
    target.mkdir()
    (target / "keep").write_text("x")
    with pytest.raises(FatalError) as error:
        write_atomically(str(repo.path), plan)
    assert str(error.value).startswith("bindings/python/pyproject.toml: cannot write: ")
    assert str(error.value).endswith("; no file was changed")
    for path, text in before.items():
        if path != "bindings/python/pyproject.toml":
            assert repo.read(path) == text, path
    assert _leftovers(repo) == []


def _leftovers(repo: Repo) -> list[str]:
    """Temp files and journals a write left behind."""
    found = [str(p.relative_to(repo.path)) for p in repo.path.rglob(".releaselint-*")]
    found += [p.name for p in (repo.path / ".git").glob("releaselint-journal*")]
    return sorted(found)


def _rollback(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    released(repo, rust_with_bindings)
    files = rust_with_bindings()
    repo.commit(files=files)
    before = {p: repo.read(p) for p in files}
    os.chmod(repo.path / "bindings/python", 0o555)
    try:
        assert main(["major"]) == 1
    finally:
        os.chmod(repo.path / "bindings/python", 0o755)
    assert "no file was changed" in capsys.readouterr().err
    assert {p: repo.read(p) for p in files} == before


def test_refuses_unstaged_changes(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    released(repo, rust_with_bindings)
    repo.commit(files=rust_with_bindings())
    repo.write({"bindings/node/package.json": repo.read("bindings/node/package.json") + "\n"})
    assert main(["patch"]) == 1
    assert capsys.readouterr().err == (
        "error: unstaged changes in bindings/node/package.json; commit or stage them, "
        "or pass --allow-dirty\n"
    )
    assert 'version = "1.5.0"' in repo.read("Cargo.toml")
    assert main(["patch", "--allow-dirty"]) == 0
    assert 'version = "1.5.1"' in repo.read("Cargo.toml")


def test_refuses_while_a_manifest_cannot_be_read(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """The root manifest decides which group is the repository's own: without it a bump
    would move another group (a workspace member's) and leave the rest behind."""
    root = '[project]\nname = "app"\nversion = "1.0.0"\n'
    member = '[project]\nname = "app-api"\nversion = "1.0.0"\n'
    repo.commit(files={"pyproject.toml": root, "api/pyproject.toml": member})
    repo.commit(files={"pyproject.toml": "\ufeff" + root})
    assert main(["--to", "2.0.0"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: pyproject.toml:1: invalid TOML: it starts with a byte order mark")
    assert err.endswith("; bump reads every manifest before it writes one\n"), err
    assert repo.read("api/pyproject.toml") == member
    assert repo.read("pyproject.toml") == "\ufeff" + root
    assert repo.git("status", "--porcelain") == ""


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--group", "nope", "patch"], "error: no group named 'nope' (groups: corelib)\n"),
        (
            ["--to", "1.2"],
            "error: --to: '1.2' is not a SemVer version (nor PEP 440 with a SemVer spelling)\n",
        ),
        (
            ["--to", "1.0.0-foo.bar"],
            "error: bindings/python/pyproject.toml:7: '1.0.0-foo.bar' has no PEP 440 spelling\n",
        ),
    ],
)
def test_errors(
    repo: Repo, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    released(repo, rust_with_bindings)
    repo.commit(files=rust_with_bindings())
    assert main(argv) == 1
    assert capsys.readouterr().err == message


@pytest.mark.parametrize("argv", [[], ["patch", "--to", "1.0.0"], ["patch", "--preid", "rc"]])
def test_usage_errors_exit_2(repo: Repo, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2


def test_vcs_group_cannot_be_bumped(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.layouts import vcs_dynamic

    repo.commit(files=vcs_dynamic())
    assert main(["patch"]) == 1
    assert "the version comes from git tags" in capsys.readouterr().err


def test_prerelease_on_a_python_package_names_the_preid_to_use(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    released(repo, rust_with_bindings)
    repo.commit(files=rust_with_bindings())
    assert main(["prerelease"]) == 1
    assert capsys.readouterr().err == (
        "error: bindings/python/pyproject.toml:7: '1.5.1-0' has no PEP 440 spelling; "
        "a Python package takes --preid alpha, beta, rc or dev (bump prerelease --preid rc)\n"
    )
    assert repo.read("Cargo.toml") == rust_with_bindings()["Cargo.toml"]


@pytest.mark.parametrize(
    ("current", "argv", "expected"),
    [
        ("1.2.3-alpha.0.beta", ["prerelease"], "1.2.3-alpha.1.beta"),
        ("3.0.0-alpha.beta.5.4", ["prerelease", "--preid", "alpha.beta"], "3.0.0-alpha.beta.5.5"),
        ("1.2.3-dev.bar", ["prerelease", "--preid", "dev"], "1.2.3-dev.0"),
    ],
)
def test_prerelease_follows_npm(repo: Repo, current: str, argv: list[str], expected: str) -> None:
    repo.commit(files={"package.json": f'{{"name": "x", "version": "{current}"}}'})
    assert main(argv) == 0
    assert repo.read("package.json") == f'{{"name": "x", "version": "{expected}"}}'


@pytest.mark.parametrize("preid", ["rc+x", "01", "a..b", "r c", "é"])
def test_preid_that_is_not_an_identifier_is_refused(
    repo: Repo, capsys: pytest.CaptureFixture[str], preid: str
) -> None:
    repo.commit(files={"package.json": '{"name": "x", "version": "1.2.0"}'})
    assert main(["prerelease", "--preid", preid]) == 1
    assert capsys.readouterr().err == (
        f"error: --preid {preid!r}: not a prerelease identifier (dot-separated [0-9A-Za-z-] "
        "parts, numbers without leading zeros)\n"
    )
    assert repo.read("package.json") == '{"name": "x", "version": "1.2.0"}'


def test_a_huge_version_is_a_located_error(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    released(repo, rust_with_bindings)
    repo.commit(files=rust_with_bindings())
    huge = "1.0." + "7" * 5000
    assert main(["--to", huge]) == 1
    assert capsys.readouterr().err == (
        "error: --to: '1.0.777777777777777777777777777777777777'...'7777777777' "
        "(5004 characters) is longer than 256 characters (npm's limit)\n"
    )
    assert main(["--to", "1.0.9007199254740992"]) == 1
    assert capsys.readouterr().err == (
        "error: --to: '1.0.9007199254740992' has a number over 9007199254740991 (npm's limit)\n"
    )


def test_a_huge_declared_version_bumps_without_a_traceback(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = "1.0." + "9" * 5000
    repo.commit(files={"package.json": f'{{"name": "x", "version": "{huge}"}}'})
    assert main(["patch"]) == 1
    assert capsys.readouterr().err == (
        "error: package.json:1: '1.0.999999999999999999999999999999999999'...'9999999999' "
        "(5004 characters) is longer than 256 characters (npm's limit)\n"
    )


def test_bump_never_writes_through_a_symlink(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write({"shared/package.json": '{"name": "x", "version": "1.0.0"}'})
    (repo.path / "package.json").symlink_to("shared/package.json")
    repo.commit()
    assert main(["--to", "2.0.0"]) == 1
    assert capsys.readouterr().err == (
        "error: package.json: is a symbolic link; releaselint does not write through it\n"
    )
    assert (repo.path / "package.json").is_symlink()
    assert repo.read("shared/package.json") == '{"name": "x", "version": "1.0.0"}'
    assert _leftovers(repo) == []


def test_a_temp_file_that_cannot_be_created_names_the_target(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """Works as root too: a temp file cannot be created under a path that is a file."""
    released(repo, rust_with_bindings)
    files = rust_with_bindings()
    repo.commit(files=files)
    groups = discover_with_history(str(repo.path), WorkTree(str(repo.path)), Config())
    plan = plan_writes(str(repo.path), group_edits(groups[0], "2.0.0", Config()))
    folder = repo.path / "bindings/node"
    for name in ("package.json", "package-lock.json"):
        (folder / name).rename(repo.path / name.replace(".json", ".keep"))
    folder.rmdir()
    folder.write_text("a file where a folder was")
    with pytest.raises(FatalError) as error:
        write_atomically(str(repo.path), plan)
    assert str(error.value) == (
        "bindings/node/package-lock.json: cannot write: Not a directory; no file was changed"
    )
    assert repo.read("Cargo.toml") == files["Cargo.toml"]
    assert _leftovers(repo) == []


def test_a_group_whose_declarations_disagree_is_not_bumped(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    released(repo, rust_with_bindings)
    files = rust_with_bindings()
    files["bindings/node/package.json"] = rust_with_bindings("1.4.0")["bindings/node/package.json"]
    repo.commit(files=files)
    assert main(["minor"]) == 1
    assert capsys.readouterr().err == (
        "error: bindings/node/package.json:3: version '1.4.0' != '1.5.0' (Cargo.toml:3; "
        "lockstep at tags v1.3.0…v1.4.0); the group's declarations disagree: "
        "run releaselint check-version-alignment --fix first\n"
    )
    assert repo.read("Cargo.toml") == files["Cargo.toml"]


def test_an_extra_files_pattern_never_rewrites_releaselints_own_configuration(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    config = (
        '# corelib 1.5.0\n[[extra-files]]\npath = "releaselint.toml"\n'
        "pattern = 'corelib (?P<version>[0-9.]+)'\n"
    )
    repo.commit(
        files={
            "package.json": '{"name": "corelib", "version": "1.5.0"}',
            "releaselint.toml": config,
        }
    )
    assert main(["major"]) == 1
    assert capsys.readouterr().err == (
        "error: releaselint.toml:1: an extra-files pattern matches inside releaselint's own "
        "configuration; anchor the pattern so that it matches the version only\n"
    )
    assert repo.read("releaselint.toml") == config


def test_an_extra_files_pattern_inside_tool_releaselint_is_refused(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    pyproject = (
        '[project]\nname = "x"\nversion = "1.5.0"\n\n[tool.releaselint]\n# since 1.5.0\n'
        "extra-files = [{ path = \"pyproject.toml\", pattern = '(?P<version>[0-9]+[.][0-9.]+)' }]\n"
    )
    repo.commit(files={"pyproject.toml": pyproject})
    assert main(["major"]) == 1
    assert capsys.readouterr().err == (
        "error: pyproject.toml:6: an extra-files pattern matches inside releaselint's own "
        "configuration; anchor the pattern so that it matches the version only\n"
    )
    assert repo.read("pyproject.toml") == pyproject


def test_an_extra_files_pattern_on_a_manifest_declaration_is_one_edit(repo: Repo) -> None:
    pyproject = (
        '[project]\nname = "x"\nversion = "1.5.0"\n\n[tool.releaselint]\n'
        "extra-files = [{ path = \"pyproject.toml\", pattern = '(?P<version>1[.]5[.]0)' }]\n"
    )
    repo.commit(files={"pyproject.toml": pyproject})
    assert main(["major"]) == 0
    assert repo.read("pyproject.toml") == pyproject.replace('"1.5.0"', '"2.0.0"')


def test_an_extra_files_pattern_must_match_the_version_only(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {
        "package.json": '{"name": "x", "version": "1.5.0"}',
        "README.md": "Install x 1.5.0 (needs node 20.1.0)\n",
        "releaselint.toml": (
            "[[extra-files]]\npath = \"README.md\"\npattern = '(?P<version>[0-9]+[.][0-9.]+)'\n"
        ),
    }
    repo.commit(files=files)
    assert main(["major"]) == 1
    assert capsys.readouterr().err == (
        "error: README.md:1: the extra-files pattern matches '20.1.0', not the group's "
        "version '1.5.0' (package.json:1); make the pattern match the version only\n"
    )
    assert repo.read("README.md") == files["README.md"]


def test_dependent_pins_error_refuses(
    repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    released(repo, rust_with_bindings)
    repo.commit(files={**rust_with_bindings(), "releaselint.toml": 'dependent-pins = "error"\n'})
    assert main(["minor"]) == 0  # ^1.5.0 admits 1.6.0: nothing to refuse
    repo.commit()
    assert main(["major"]) == 1
    assert capsys.readouterr().err == (
        "error: bindings/python/Cargo.toml:7: corelib '1.5.0' ([dependencies]) does not "
        "admit 2.0.0 (dependent-pins = 'error')\n"
    )


def test_dependent_pins_upgrade_moves_every_internal_requirement(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    released(repo, rust_with_bindings)
    repo.commit(files={**rust_with_bindings(), "releaselint.toml": 'dependent-pins = "upgrade"\n'})
    assert main(["patch"]) == 0
    assert repo.read("bindings/python/Cargo.toml").endswith(
        'corelib = { path = "../..", version = "1.5.1" }\n'
    )
    # an external pin never moves
    assert repo.read("Cargo.toml").endswith('serde = { version = "1.5.0" }\n')


def test_major_moves_the_internal_requirement_and_names_no_lock_without_one(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    released(repo, rust_with_bindings)
    repo.commit(files=rust_with_bindings())
    assert main(["major"]) == 0
    out = capsys.readouterr().out
    assert "  bindings/python/Cargo.toml:7: [dependencies] corelib '1.5.0' -> '2.0.0'\n" in out
    assert "relock" not in out
    assert check([]) == 0


def test_relock_names_a_missing_tool(
    repo: Repo,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    released(repo, rust_with_bindings)
    lock = 'version = 4\n\n[[package]]\nname = "corelib"\nversion = "1.5.0"\n'
    repo.commit(files={**rust_with_bindings(), "Cargo.lock": lock})
    # a PATH with git on it, and no cargo
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "git").symlink_to(shutil.which("git") or "git")
    monkeypatch.setenv("PATH", str(tools))
    assert main(["major", "--relock"]) == 1
    out, err = capsys.readouterr()
    assert out.endswith(
        "  then relock: cargo update --workspace --offline\n"
        "Updating Cargo.lock\n"
        "Updating Cargo.toml\n"
        "Updating bindings/node/package-lock.json\n"
        "Updating bindings/node/package.json\n"
        "Updating bindings/python/Cargo.toml\n"
        "Updating bindings/python/pyproject.toml\n"
        "Running cargo update --workspace --offline\n"
    )
    assert err == "error: cargo is not installed or not on PATH\n"
    # the bump itself is written; the lockfile is left to the named command
    assert repo.read("Cargo.lock") == lock.replace("1.5.0", "2.0.0")


def test_relock_and_dry_run_exclude_each_other(repo: Repo) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["major", "--relock", "--dry-run"])
    assert exc.value.code == 2


@pytest.mark.parametrize("spelling", ["./package.json", "package.json/", "x/../package.json"])
def test_a_file_named_two_ways_is_written_once_with_every_edit(
    repo: Repo, capsys: pytest.CaptureFixture[str], spelling: str
) -> None:
    package = '{\n  "name": "foo",\n  "description": "foo v1.0.0",\n  "version": "1.0.0"\n}\n'
    config = f"[[extra-files]]\npath = {spelling!r}\npattern = 'foo v(?P<version>[0-9.]+)'\n"
    repo.commit(files={"package.json": package, "releaselint.toml": config})
    assert main(["--to", "1.0.1"]) == 0
    assert repo.read("package.json") == package.replace("1.0.0", "1.0.1")
    assert capsys.readouterr().out == (
        "foo: 1.0.0 -> 1.0.1\n"
        "  package.json:3: pattern '1.0.0' -> '1.0.1'\n"
        "  package.json:4: .version '1.0.0' -> '1.0.1'\n"
        "Updating package.json\n"
    )
    assert check([]) == 0


def test_two_names_of_one_file_are_refused_not_written_twice(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = "foo v1.0.0\n"
    config = (
        "[[extra-files]]\npath = 'README.md'\npattern = 'foo v(?P<version>[0-9.]+)'\n"
        "[[extra-files]]\npath = 'README.txt'\npattern = 'foo v(?P<version>[0-9.]+)'\n"
    )
    repo.commit(
        files={
            "package.json": '{"name": "foo", "version": "1.0.0"}\n',
            "README.md": readme,
            "releaselint.toml": config,
        }
    )
    os.link(repo.path / "README.md", repo.path / "README.txt")  # a hard link git cannot see
    assert main(["--to", "1.0.1"]) == 1
    assert capsys.readouterr().err == (
        "error: README.txt: the same file as README.md; releaselint does not write one file "
        "under two names: name it once in the configuration\n"
    )
    assert repo.read("README.md") == readme
    assert repo.read("package.json") == '{"name": "foo", "version": "1.0.0"}\n'


def test_a_python_post_release_spelled_with_a_hyphen_is_no_prerelease_to_bump_from(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """``1.0.0-post1`` in pyproject.toml is PEP 440's 1.0.0.post1, after 1.0.0: a patch
    bump read as SemVer would write 1.0.0, a step back. It has no SemVer spelling: refused."""
    files = {
        "pyproject.toml": '[project]\nname = "foo"\nversion = "1.0.0-post1"\n',
        "src/foo/__init__.py": '__version__ = "1.0.0.post1"\n',
    }
    repo.commit(files=files)
    assert check([]) == 0
    assert main(["patch"]) == 1
    assert capsys.readouterr().err == (
        "error: pyproject.toml:3: '1.0.0-post1' is not a SemVer version (nor PEP 440 with a "
        "SemVer spelling)\n"
    )
    assert repo.read("pyproject.toml") == files["pyproject.toml"]


def test_a_pin_written_with_escapes_is_refused_not_left_behind(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """`"corelib==1.4.0; python_version >= \\"3.8\\""`: the pin has no span releaselint can
    rewrite; bump refuses, as for a version spelled with escapes, and writes nothing."""
    app = (
        '[project]\nname = "app"\nversion = "0.1.0"\n'
        'dependencies = ["corelib==1.4.0; python_version >= \\"3.8\\""]\n'
    )
    files = {
        "packages/corelib/pyproject.toml": '[project]\nname = "corelib"\nversion = "1.4.0"\n',
        "packages/app/pyproject.toml": app,
    }
    repo.commit(files=files)
    assert main(["--group", "corelib", "major"]) == 1
    assert capsys.readouterr().err == (
        "error: packages/app/pyproject.toml: corelib '==1.4.0' ([project].dependencies) is "
        "written with escape sequences; releaselint does not rewrite it: edit it by hand\n"
    )
    assert repo.read("packages/corelib/pyproject.toml") == files["packages/corelib/pyproject.toml"]


def test_a_package_name_written_with_escapes_is_still_its_pin(repo: Repo) -> None:
    """`{"@acme\\/core": "1.4.0"}` (PHP's json_encode writes the slash so) names @acme/core."""
    repo.commit(
        files={
            "package.json": '{"name": "root", "private": true, "workspaces": ["packages/*"]}',
            "packages/core/package.json": '{"name": "@acme/core", "version": "1.4.0"}',
            "packages/app/package.json": '{"name": "app", "version": "0.1.0", '
            '"dependencies": {"@acme\\/core": "1.4.0"}}',
        }
    )
    assert main(["--group", "@acme/core", "major"]) == 0
    assert repo.read("packages/app/package.json").endswith('{"@acme\\/core": "2.0.0"}}')


def test_a_module_in_another_declared_encoding_is_read_and_written_byte_for_byte(
    repo: Repo,
) -> None:
    """PEP 263: `# -*- coding: latin-1 -*-` and a Latin-1 byte in a comment. Python imports
    it; releaselint reads its version and writes the new one, every other byte as it was."""
    module = b'# -*- coding: latin-1 -*-\n# Auteur: Ren\xe9\n__version__ = "1.0.0"\n'
    repo.commit(
        files={
            "pyproject.toml": '[project]\nname = "foo"\nversion = "1.0.0"\n',
            "src/foo/__init__.py": module,
        }
    )
    assert check([]) == 0
    assert main(["patch"]) == 0
    assert (repo.path / "src/foo/__init__.py").read_bytes() == module.replace(b"1.0.0", b"1.0.1")
    # without the declaration, the same byte is still no UTF-8: a located error
    repo.commit(files={"src/foo/__init__.py": module.split(b"\n", 1)[1]})
    assert check([]) == 1
