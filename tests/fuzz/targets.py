"""The fuzz targets: for each kind of input, a strategy and a check that feeds one input to
the real entry point and asserts the answer's shape -- a value, a located ``FatalError``
(``InvalidVersion`` from a version parser), or a hook's exit 0/1 with its message (2 from
argparse) -- never another exception. Any other exception is the finding.

A check runs with the working directory at ``root``, a real git repository prepared by
``prepare_repo`` (the tests' ``repo`` fixture, or the fuzz script's own temp repository).
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import posixpath
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from releaselint.core import formats, git, report
from releaselint.core.errors import FatalError, InvalidVersion
from tests.fuzz import strategies as s

Check = Callable[[Path, Any], None]


@dataclass(frozen=True)
class Target:
    name: str
    strategy: st.SearchStrategy[Any]
    check: Check
    examples: int  # in the normal test run


def run_main(
    main: Callable[[Sequence[str]], int], argv: Sequence[str], stdin: bytes = b""
) -> tuple[int, str, str]:
    """A hook's or command's ``main(argv)`` in this process with ``stdin``: its status,
    stdout and stderr. argparse's exit (2) counts as a status; any other exception rises."""
    saved = sys.stdin, sys.stdout, sys.stderr
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout, sys.stderr = out, err
    try:
        try:
            status: object = main(list(argv))
        except SystemExit as e:
            # argparse's usage error; no other code may end the process
            status = "usage" if e.code == 2 else e.code
        out.flush()
        err.flush()
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    texts = [stream.buffer.getvalue().decode() for stream in (out, err)]
    status = 2 if status == "usage" else status
    assert status in (0, 1, 2), f"exit {status!r}"
    if status:
        assert texts[0] or texts[1], f"exit {status} without a word"
    return status, texts[0], texts[1]


def _located(error: Exception, path: str) -> None:
    assert str(error).startswith(path), f"{error} does not begin with {path}"


# --------------------------------------------------------------------------- readers
def _syntax(fmt: formats.Format) -> str:
    if fmt.name.endswith((".toml", ".lock")):
        return "toml"
    if fmt.name.endswith(".py"):
        return "python"
    return "jsonc" if fmt.name.endswith(".jsonc") else "json"


READER_INPUTS = st.sampled_from(formats.FORMATS).flatmap(
    lambda fmt: st.tuples(st.just(fmt), s.by_syntax(_syntax(fmt)), st.booleans())
)


def check_reader(root: Path, value: tuple[formats.Format, str, bool]) -> None:
    fmt, text, requirements = value
    path = f"sub/{fmt.name}"
    try:
        formats.reader(fmt).read(path, text, requirements=requirements)
    except FatalError as e:
        _located(e, path)


def check_reader_bytes(root: Path, value: tuple[formats.Format, bytes]) -> None:
    from releaselint.core.files import decode

    fmt, data = value
    try:
        formats.reader(fmt).read(fmt.name, decode(fmt.name, data), requirements=True)
    except FatalError as e:
        _located(e, fmt.name)


SYNTAX_INPUTS = st.sampled_from(["toml", "json", "jsonc", "yaml"]).flatmap(
    lambda syntax: st.tuples(st.just(syntax), s.by_syntax(syntax))
)


def check_syntax(root: Path, value: tuple[str, str]) -> None:
    """The parsers under the readers, with the span scanners the fixers use."""
    from releaselint.core import json as jsonfile
    from releaselint.core import toml
    from releaselint.core import yaml as yamlfile

    syntax, text = value
    try:
        if syntax == "toml":
            toml.load_with_spans("f.toml", text)
            toml.string_spans(text)
        elif syntax == "yaml":
            yamlfile.load("f.yaml", text)
        else:
            jsonfile.load("f.json", text, jsonc=syntax == "jsonc")
            jsonfile.string_spans(text, [("version",), ("packages", "", "version")])
    except FatalError as e:
        _located(e, "f.")


# --------------------------------------------------------------------------- configs
def _write(root: Path, name: str, text: str | bytes) -> None:
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    (root / name).write_bytes(data)


def _config_dir(root: Path, name: str) -> Path:
    """An empty folder for one input's config files."""
    folder = root / ".fuzz" / name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def check_config(root: Path, value: tuple[bool, str]) -> None:
    """releaselint.toml or [tool.releaselint], loaded, then used: the tag formats on a few
    names and the commit rules on a message."""
    from releaselint.core import commit_config, commit_rules
    from releaselint.core import config as config_module
    from releaselint.core.tags import name_verdict

    in_pyproject, text = value
    folder = _config_dir(root, "config")
    name = "pyproject.toml" if in_pyproject else "releaselint.toml"
    if in_pyproject:
        text = text.replace("\n[", "\n[tool.releaselint.")
        text = "[project]\nname = 'x'\n\n[tool.releaselint]\n" + text
    _write(folder, name, text)
    try:
        config = config_module.load(str(folder))
        for tag in ("v1.0.0", "x-v1.2.3", "1.0", "x@1.0.0-rc.1", "v" + "9" * 5000 + ".0.0"):
            name_verdict(tag, config)
        rules = commit_config.load(str(folder), config.commits, f"{name}: commits")
        commit_rules.lint("feat(api): add a thing\n\nbody", rules.rules, rules.ignores)
    except FatalError as e:
        _located(e, name)


def check_commitlint(root: Path, value: tuple[tuple[str, str], str]) -> None:
    from releaselint.core import commit_config, commit_rules

    (name, text), message = value
    folder = _config_dir(root, "commitlint")
    if "/" not in name:
        _write(folder, name, text)
    try:
        config = commit_config.load(str(folder), None, "")
        commit_rules.lint(
            message, config.rules, config.ignores, default_ignores=config.default_ignores
        )
    except FatalError as e:
        _located(e, name)


# --------------------------------------------------------------------------- messages
GIT_SETTINGS = st.one_of(
    st.none(),
    st.tuples(
        st.sampled_from(["core.commentChar", "core.commentString", "i18n.commitEncoding"]),
        st.one_of(
            st.sampled_from(
                ["#", ";", "auto", "//", "idna", "punycode", "utf-16", "latin-1", "nope", "é"]
            ),
            s.SHORT.filter(lambda v: "\x00" not in v and "\n" not in v),
        ),
    ),
)


def check_message(root: Path, value: tuple[str, bool, tuple[str, str] | None]) -> None:
    """A commit-msg run on the message file, as git leaves it, under a git setting that
    changes how it is read."""
    from releaselint.hooks import check_conventional_commit

    message, json_format, setting = value
    folder = _config_dir(root, "message")
    path = folder / "COMMIT_EDITMSG"
    _write(path.parent, path.name, message)
    argv = ["--format", "json", str(path)] if json_format else [str(path)]
    if setting is None:
        run_main(check_conventional_commit.main, argv)
        return
    subprocess.run(["git", "config", "--", *setting], cwd=root, check=True)
    try:
        run_main(check_conventional_commit.main, argv)
    finally:
        subprocess.run(["git", "config", "--unset-all", "--", setting[0]], cwd=root, check=True)


def check_lint(root: Path, value: tuple[str, dict[str, Any]]) -> None:
    """The rules alone, on a message with a generated rule table."""
    from releaselint.core import commit_config, commit_rules

    message, rules = value
    try:
        config = commit_config.from_table({"rules": rules}, "t.toml: commits")
    except FatalError as e:
        _located(e, "t.toml")
        config = commit_config.CommitConfig()
    commit_rules.lint(message, config.rules, config.ignores)


# --------------------------------------------------------------------------- refs
@functools.lru_cache
def _head(root: Path) -> bytes:
    return subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, check=True
    ).stdout.strip()


def check_pre_push(root: Path, stdin: bytes) -> None:
    from releaselint.hooks import check_tag_semver

    stdin = stdin.replace(s.HEAD_OID.encode(), _head(root))
    lines = git.stdin_lines(stdin)
    check_tag_semver.parse_pre_push(lines)
    run_main(check_tag_semver.main, ["--pre-push"], stdin)


def check_transaction(root: Path, value: tuple[str, bytes]) -> None:
    from releaselint.hooks import check_tag_semver

    state, stdin = value
    stdin = stdin.replace(s.HEAD_OID.encode(), _head(root))
    run_main(check_tag_semver.main, ["--reference-transaction", state], stdin)


def check_tag_name(root: Path, name: str) -> None:
    """A tag name, alone (split into family and version, judged before it exists) and, where
    git takes it, as a real tag the hook checks."""
    from releaselint.core import config as config_module
    from releaselint.core.families import group_tags, split_tag
    from releaselint.core.tags import name_verdict
    from releaselint.hooks import check_tag_semver

    split_tag(name)
    group_tags([name, "v1.0.0"])
    config_module.ref_name_problem(name)
    report.printable(name)
    name_verdict(name, config_module.Config())
    created = subprocess.run(
        ["git", "tag", "--", name], cwd=root, capture_output=True, check=False
    ).returncode == 0 and not name.startswith("-")
    try:
        run_main(check_tag_semver.main, ["--ref", name])
    finally:
        if created:
            subprocess.run(
                ["git", "tag", "-d", "--", name], cwd=root, capture_output=True, check=True
            )


# --------------------------------------------------------------------------- bump
def check_versions(root: Path, value: tuple[str, str, str | None, str]) -> None:
    from releaselint.core import versions

    text, part, preid, other = value
    versions.is_semver(text)
    versions.is_pep440(text)
    versions.shown(text)
    versions.pep440_to_semver(text)
    for pep440 in (False, True):
        versions.same_version(text, other, pep440=pep440)
        versions.write_problem(text, pep440)
    try:
        version = versions.SemVer(text)
    except InvalidVersion:
        return
    versions.semver_to_pep440(version)
    with contextlib.suppress(InvalidVersion):
        versions.SemVer(other) < version  # noqa: B015 -- the comparison is the check
    refused = None
    try:
        version.bump(part, preid)
    except ValueError as e:  # InvalidVersion included
        refused = e
    if refused is not None:
        # only a part that is none, or a preid that is not one, is refused
        bad_preid = part == "prerelease" and preid and not versions.is_prerelease_identifier(preid)
        assert bad_preid or part not in versions.BUMP_PARTS, refused


def check_bump(root: Path, argv: list[str]) -> None:
    from releaselint.commands import bump

    run_main(bump.main, ["--dry-run", *argv])


# --------------------------------------------------------------------------- repositories
MANIFEST_FILES = st.sampled_from(
    ["pyproject.toml", "Cargo.toml", "package.json", "deno.jsonc", "uv.lock", "package-lock.json", "Cargo.lock", "src/demo/__init__.py", "releaselint.toml", "new\nline/package.json", "sp ace/Cargo.toml", "é/pyproject.toml", "\udcff\udcfe/package.json"]
)  # fmt: skip


def _file_text(name: str) -> st.SearchStrategy[str]:
    if name == "releaselint.toml":
        return s.CONFIG_TEXT
    fmt = formats.find(name.rsplit("/", 1)[-1])
    assert fmt is not None
    # mostly well formed: what comes after parsing is what this target is for
    well_formed = s.GRAMMARS[_syntax(fmt)]
    return st.one_of(well_formed, well_formed, s.by_syntax(_syntax(fmt)))


REPO_INPUTS = st.tuples(
    st.lists(MANIFEST_FILES.flatmap(lambda n: st.tuples(st.just(n), _file_text(n))), max_size=3),
    st.sampled_from(["alignment", "fix", "explain", "check", "bump", "tag"]),
)


def check_repository(root: Path, value: tuple[list[tuple[str, str]], str]) -> None:
    """Fuzzed files in the work tree, read by a hook or a command that discovers them; for
    ``tag``, committed and tagged ``v1.0.1``, which the tag hook checks."""
    from releaselint.commands import bump, check, explain
    from releaselint.hooks import check_tag_semver, check_version_alignment

    files, command = value
    head = _head(root).decode()
    subprocess.run(["git", "reset", "-q", "--hard", head], cwd=root, check=True)
    subprocess.run(["git", "clean", "-qfdx", "-e", ".fuzz"], cwd=root, check=True)
    for name, text in files:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        _write(root, name, text)
    subprocess.run(["git", "add", "-A", "--", *[n for n, _ in files]], cwd=root, check=True)
    if command == "alignment":
        run_main(check_version_alignment.main, [])
    elif command == "fix":
        run_main(check_version_alignment.main, ["--fix"])
    elif command == "explain":
        run_main(explain.main, [])
    elif command == "check":
        run_main(check.main, ["--quiet"])
    elif command == "bump":
        run_main(bump.main, ["patch", "--dry-run", "--allow-dirty"])
    else:
        subprocess.run(["git", "commit", "-qm", "fix: x", "--allow-empty"], cwd=root, check=True)
        subprocess.run(["git", "tag", "v1.0.1"], cwd=root, check=True)
        try:
            run_main(check_tag_semver.main, ["--ref", "v1.0.1", "--format", "github"])
        finally:
            subprocess.run(
                ["git", "tag", "-d", "v1.0.1"], cwd=root, capture_output=True, check=True
            )


RELEASE_PLEASE_INPUTS = st.tuples(
    st.sampled_from(["consistency", "pre-push", "staged", "commit-msg"]),
    s.RP_CONFIG_TEXT,
    s.RP_MANIFEST_TEXT,
    st.one_of(s.pre_push_stdin(), s.messages().map(lambda m: m.encode("utf-8", "surrogatepass"))),
)


def check_release_please(root: Path, value: tuple[str, str, str, bytes]) -> None:
    """check-release-please in each of its modes, on fuzzed config and manifest files."""
    from releaselint.hooks import check_release_please

    mode, config_text, manifest_text, data = value
    subprocess.run(["git", "reset", "-q", "--hard"], cwd=root, check=True)
    subprocess.run(["git", "clean", "-qfdx", "-e", ".fuzz"], cwd=root, check=True)
    _write(root, "release-please-config.json", config_text)
    _write(root, ".release-please-manifest.json", manifest_text)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    data = data.replace(s.HEAD_OID.encode(), _head(root))
    if mode == "pre-push":
        run_main(check_release_please.main, ["--pre-push", "origin"], data)
    elif mode == "commit-msg":
        folder = _config_dir(root, "release-please")
        _write(folder, "COMMIT_EDITMSG", data)
        run_main(check_release_please.main, ["--commit-msg", str(folder / "COMMIT_EDITMSG")])
    elif mode == "staged":
        run_main(check_release_please.main, ["--staged"])
    else:
        run_main(check_release_please.main, [])


# --------------------------------------------------------------------------- lockfiles
LOCKFILES = ("pnpm-lock.yaml", "poetry.lock", "uv.lock", "package-lock.json", "Cargo.lock")


def _lines_in(data: str | bytes) -> int:
    return (data.count(b"\n") if isinstance(data, bytes) else data.count("\n")) + 1


def _write_files(folder: Path, files: dict[str, str | bytes]) -> None:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        _write(folder, name, data)


def _assert_located(message: str, files: dict[str, str | bytes]) -> None:
    """``path:line: message`` for one of ``files``, the line inside the file."""
    for path, data in files.items():
        head = f"{path}:"
        if message.startswith(head):
            number, sep, rest = message[len(head) :].partition(": ")
            assert sep, f"unlocated: {message!r}"
            assert number.isdigit(), f"unlocated: {message!r}"
            assert rest, f"no message: {message!r}"
            assert 1 <= int(number) <= _lines_in(data), f"line out of the file: {message!r}"
            return
    raise AssertionError(f"names none of the files: {message!r}")


def check_lock_project(root: Path, value: tuple[str, dict[str, str | bytes]]) -> None:
    """A project's files around a fuzzed lockfile, checked by the lockfile's rule: the
    findings name the project's files (with a line inside them), an unreadable file is a
    located ``FatalError``; for pnpm, the scan that reads the importers alone gives the
    answer of the full load."""
    from releaselint.core import pins
    from releaselint.core.files import decode
    from releaselint.core.lockfiles import pnpm_lock
    from releaselint.core.tree import WorkTree

    lockfile, files = value
    lock = next(p for p in files if posixpath.basename(p) == lockfile)
    data = files[lock]
    if lockfile == "pnpm-lock.yaml":
        try:
            text = decode(lock, data) if isinstance(data, bytes) else data
        except FatalError as e:
            _assert_located(str(e), files)
        else:
            answers: list[object] = []
            for read in (pnpm_lock.read, pnpm_lock.full_read):
                try:
                    answers.append(read(lock, text))
                except FatalError as e:
                    _assert_located(str(e), files)
                    answers.append(str(e))
            assert answers[0] == answers[1], answers
    folder = _config_dir(root, "lockfile")
    _write_files(folder, files)
    reader = pins.Reader(WorkTree(str(folder)), list(files))
    try:
        findings = pins.check(lockfile, reader, lock)
    except FatalError as e:
        _assert_located(str(e), files)
        return
    for finding in findings:
        assert finding.path in files, finding
        if "cannot hash" in finding.message:
            # only a TOML date or time stops Poetry's json.dumps: the manifest holds one
            assert _holds_a_date(files[finding.path]), finding
        assert finding.line is None or 1 <= finding.line <= _lines_in(files[finding.path])
        assert finding.message, finding
        assert "\n" not in finding.message, finding


def _holds_a_date(data: str | bytes) -> bool:
    import datetime

    import tomli

    def walk(value: object) -> bool:
        if isinstance(value, (datetime.date, datetime.time)):
            return True
        if isinstance(value, dict):
            return any(walk(v) for v in value.values())
        return isinstance(value, list) and any(walk(v) for v in value)

    text = data.decode() if isinstance(data, bytes) else data
    return walk(tomli.loads(text))


def _lock_project_inputs(lockfile: str) -> st.SearchStrategy[tuple[str, dict[str, str | bytes]]]:
    return st.tuples(st.just(lockfile), s.lock_projects(lockfile))


LOCK_HOOK_INPUTS = st.tuples(
    st.sampled_from(LOCKFILES).flatmap(_lock_project_inputs),
    st.sampled_from(["all", "changed", "lockfile", "github"]),
)


def check_lockfile_pins(root: Path, value: tuple[tuple[str, dict[str, str | bytes]], str]) -> None:
    """check-lockfile-pins in a repository whose work tree holds a fuzzed project: exit 0
    or 1, each line a finding ``path:line: message`` or ``path: message`` on one of the
    repository's files (the line inside it), a hint, or ``error: ...`` on stderr."""
    from releaselint.core.report import printable
    from releaselint.hooks import check_lockfile_pins

    (lockfile, files), mode = value
    head = _head(root).decode()
    subprocess.run(["git", "reset", "-q", "--hard", head], cwd=root, check=True)
    subprocess.run(["git", "clean", "-qfdx", "-e", ".fuzz"], cwd=root, check=True)
    _write_files(root, files)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    argv = {"all": [], "changed": list(files), "github": ["--format", "github"]}.get(
        mode, [p for p in files if posixpath.basename(p) == lockfile]
    )
    status, out, err = run_main(check_lockfile_pins.main, argv)
    if status == 2 and mode != "github":
        # a file name that looks like an option (pre-commit passes names without `--`)
        assert any(a.startswith("-") for a in argv), (status, out, err)
        assert err.startswith("usage: "), err
        return
    assert status in (0, 1), (status, out, err)
    if mode == "github":
        assert all(line.startswith("::") for line in out.split("\n")[:-1]), out
        return
    assert out.endswith("\n") or not out, out
    sizes = {printable(p): _lines_in(d) for p, d in files.items()}
    for base in ("pyproject.toml", "src/demo/__init__.py", ".gitignore"):  # prepare_repo's
        sizes.setdefault(base, 2)
    # one finding a line, at LF: the report escapes the line breaks git and terminals know
    # (CR, NEL, U+2028...), not every one str.splitlines() splits at (\x1c-\x1e)
    for line in out.split("\n")[:-1]:
        if line.startswith("hint: "):
            continue
        path = next((p for p in sizes if line.startswith((f"{p}: ", f"{p}:"))), None)
        assert path is not None, f"names no file of the repository: {line!r}"
        number, _, rest = line[len(path) + 1 :].partition(": ")
        if number.isdigit():
            assert 1 <= int(number) <= sizes[path], line
            assert rest, line
        else:
            assert line[len(path) : len(path) + 2] == ": ", line
    for line in err.split("\n")[:-1]:
        assert line.startswith(("error: ", "warning: ")), f"stderr: {line!r}"
    if status == 1:
        assert out or err.startswith("error: ")


# --------------------------------------------------------------------------- the table
TARGETS = {
    t.name: t
    for t in [
        Target("reader", READER_INPUTS, check_reader, 300),
        Target(
            "reader-bytes",
            st.tuples(st.sampled_from(formats.FORMATS), st.binary(max_size=300)),
            check_reader_bytes,
            150,
        ),
        Target("syntax", SYNTAX_INPUTS, check_syntax, 200),
        Target("config", st.tuples(st.booleans(), s.CONFIG_TEXT), check_config, 200),
        Target("commitlint", st.tuples(s.commitlint_files(), s.messages()), check_commitlint, 200),
        Target("lint", st.tuples(s.messages(), s.RULES), check_lint, 300),
        Target("message", st.tuples(s.messages(), st.booleans(), GIT_SETTINGS), check_message, 80),
        Target("pre-push", s.pre_push_stdin(), check_pre_push, 60),
        Target(
            "transaction",
            st.tuples(
                st.one_of(
                    st.sampled_from(["prepared", "committed", "aborted"]),
                    s.SHORT.filter(lambda x: "\x00" not in x),
                ),
                s.pre_push_stdin(fields=3),
            ),
            check_transaction,
            60,
        ),
        Target("tag-name", s.TAG_NAMES.filter(lambda n: "\x00" not in n), check_tag_name, 50),
        Target(
            "versions",
            st.tuples(s.VERSIONS, s.BUMP_PARTS, s.PREIDS, s.VERSIONS),
            check_versions,
            400,
        ),
        Target("bump", s.bump_argv(), check_bump, 30),
        Target("repository", REPO_INPUTS, check_repository, 25),
        Target("release-please", RELEASE_PLEASE_INPUTS, check_release_please, 40),
        Target("pnpm-lock", _lock_project_inputs("pnpm-lock.yaml"), check_lock_project, 80),
        Target("poetry-lock", _lock_project_inputs("poetry.lock"), check_lock_project, 100),
        Target("lockfile-pins", LOCK_HOOK_INPUTS, check_lockfile_pins, 40),
    ]
}


def prepare_repo(path: Path) -> None:
    """A repository with one released Python package, the ground every hook run stands on."""

    def run(*args: str) -> None:
        subprocess.run(["git", *args], cwd=path, check=True, capture_output=True)

    run("init", "-q")
    (path / "src" / "demo").mkdir(parents=True, exist_ok=True)
    (path / "pyproject.toml").write_text('[project]\nname = "demo"\nversion = "1.0.0"\n')
    (path / "src" / "demo" / "__init__.py").write_text('__version__ = "1.0.0"\n')
    (path / ".gitignore").write_text(".fuzz/\n")
    run("add", "-A")
    run("commit", "-q", "-m", "feat: first")
    run("tag", "-a", "-m", "v1.0.0", "v1.0.0")


def isolate_git(home: Path) -> None:
    """The environment of tests/conftest.py's ``isolated_git``, for a process of its own."""
    for name in list(os.environ):
        if name.startswith(("GIT_", "PRE_COMMIT")) or name in (
            "GITHUB_REF",
            "GITHUB_BASE_REF",
            "CI",
            "GITHUB_ACTIONS",
            "GITHUB_HEAD_REF",
        ):
            del os.environ[name]
    home.mkdir(parents=True, exist_ok=True)
    (home / "templates").mkdir(exist_ok=True)
    os.environ.update(
        HOME=str(home),
        GIT_CONFIG_GLOBAL=str(home / ".gitconfig"),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_TEMPLATE_DIR=str(home / "templates"),
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.com",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.com",
    )
    (home / ".gitconfig").write_text("[init]\n\tdefaultBranch = main\n")
