"""Every program releaselint runs, git first: one process each, never a shell, never the network."""

from __future__ import annotations

import os

from releaselint.core.errors import FatalError
from releaselint.core.model import TagRecord

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

# The "no object" id git writes for new refs and deletions: 40 zeros, 64 in SHA-256 repositories.
ZERO_OIDS = frozenset(("0" * 40, "0" * 64))

# Variables a hook inherits from the git process that runs it. They must reach our own git
# calls on the repository being checked unchanged (GIT_DIR and GIT_INDEX_FILE point at the
# repository being committed to), so ``run`` passes them on; calls aimed at another
# repository use ``no_git_env()`` instead.

# What ``no_git_env()`` keeps: how to reach remotes and which config files to read, never
# where a repository, its index or its work tree is (pre-commit issue #300: an inherited
# GIT_DIR makes ``git clone`` clone the wrong repository, GIT_INDEX_FILE breaks commits).
_SAFE_GIT_VARIABLES = frozenset(
    (
        "GIT_EXEC_PATH",
        "GIT_SSH",
        "GIT_SSH_COMMAND",
        "GIT_SSL_CAINFO",
        "GIT_SSL_NO_VERIFY",
        "GIT_CONFIG_COUNT",
        "GIT_CONFIG_GLOBAL",
        "GIT_CONFIG_SYSTEM",
        "GIT_CONFIG_NOSYSTEM",
        "GIT_HTTP_PROXY_AUTHMETHOD",
        "GIT_ALLOW_PROTOCOL",
        "GIT_ASKPASS",
    )
)


class ProcessError(FatalError):
    """A program that failed: its command, its exit code (None when it could not start or
    was killed at its timeout) and its whole stderr. The message names the line that says
    why."""

    def __init__(
        self, message: str, argv: Sequence[str], returncode: int | None, stderr: bytes = b""
    ) -> None:
        super().__init__(message)
        self.argv = tuple(argv)
        self.returncode = returncode
        self.stderr = stderr


def no_git_env(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for a git call aimed at another repository: ``env`` (default: ours)
    without the GIT_* variables that point git at the repository whose hook is running."""
    source = os.environ if env is None else env
    return {
        name: value
        for name, value in source.items()
        if not name.startswith("GIT_")
        or name in _SAFE_GIT_VARIABLES
        or name.startswith(("GIT_CONFIG_KEY_", "GIT_CONFIG_VALUE_"))
    }


def _reason(stderr: bytes) -> str | None:
    """The lines of a failure's stderr that say why: git's ``fatal:``/``error:`` lines and
    its ``! [rejected]`` push lines (``git log nope`` ends with a usage line, a failed push
    with "failed to push some refs"); else the last line."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").split("\n")]
    lines = [line for line in lines if line]
    said = [
        line.removeprefix("fatal: ").removeprefix("error: ")
        for line in lines
        if line.startswith(("fatal: ", "error: ", "! "))
    ]
    if said:
        return "; ".join(dict.fromkeys(said))
    return lines[-1] if lines else None


def _memfd(name: str, data: bytes = b"") -> int:
    fd = os.memfd_create(name)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.lseek(fd, 0, os.SEEK_SET)
    return fd


def _read_memfd(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


# Python ignores SIGPIPE and SIGXFSZ, and a spawned program inherits what is ignored: reset
# them, as subprocess does (restore_signals), or a ``yes | head`` in a program's script ends
# with "Broken pipe" errors instead of quietly. Their numbers on Linux, the one system with
# memfd_create (``signal`` would cost the hook an import).
_DEFAULT_SIGNALS = (13, 25)


class _TimedOut(Exception):
    pass


def _wait(pid: int, timeout: float | None) -> int:
    if timeout is None:
        return os.waitpid(pid, 0)[1]
    import time  # already loaded by the interpreter: costs nothing

    # waitpid has no timeout: poll with a growing pause, as CPython's Popen.wait does
    deadline = time.monotonic() + timeout
    pause = 0.0005
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        left = deadline - time.monotonic()
        if left <= 0:
            raise _TimedOut
        time.sleep(min(pause, left))
        pause = min(pause * 2, 0.05)


def _kill(pid: int, group: bool) -> None:
    import signal

    try:
        if group:
            os.killpg(pid, signal.SIGKILL)  # the program and whatever it started
        else:
            os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _which(name: str, env: Mapping[str, str]) -> str:
    """The program ``name`` runs, found on the PATH of the environment it is given (as a
    shell and subprocess do; posix_spawnp would search ours)."""
    if "/" in name:
        return name
    # os.get_exec_path would import warnings to read a bytes PATH no str mapping holds
    for folder in env.get("PATH", os.defpath).split(os.pathsep):
        path = os.path.join(folder, name)
        if os.access(path, os.X_OK) and not os.path.isdir(path):
            return path
    raise FileNotFoundError(name)


def _spawn(
    argv: Sequence[str], env: Mapping[str, str], timeout: float | None, input: bytes | None
) -> tuple[int, bytes, bytes]:
    """Run a program through ``os.posix_spawn``, its input, output and errors in memory
    files (``memfd_create``).

    `subprocess` costs a hook ~9 ms to import (signal, threading, selectors, locale) -- a
    fifth of its budget -- for what three files and a wait do here. Files, not pipes: the
    program writes stdout and stderr at its own pace, as much as it likes, in any order, and
    nothing it starts can keep a pipe open behind it, so no side ever waits on the other.
    """
    fds = [
        os.open(os.devnull, os.O_RDONLY) if input is None else _memfd("releaselint-in", input),
        _memfd("releaselint-out"),
        _memfd("releaselint-err"),
    ]
    # with a timeout, in a process group of its own: killed whole (with what it started)
    group = timeout is not None
    try:
        path = _which(argv[0], env)
        actions = [(os.POSIX_SPAWN_DUP2, fd, n) for n, fd in enumerate(fds)]
        signals = _DEFAULT_SIGNALS
        if group:
            pid = os.posix_spawn(
                path, list(argv), env, file_actions=actions, setsigdef=signals, setpgroup=0
            )
        else:
            pid = os.posix_spawn(path, list(argv), env, file_actions=actions, setsigdef=signals)
        try:
            status = _wait(pid, timeout)
        except BaseException as e:  # the timeout, or Ctrl-C: leave no child behind
            # (a Ctrl-C from the terminal reaches the program as well: its whole foreground
            # process group gets SIGINT, also in the instant before ``pid`` is known)
            _kill(pid, group)
            os.waitpid(pid, 0)
            if isinstance(e, _TimedOut):
                raise _TimedOut(_read_memfd(fds[2])) from None
            raise
        return os.waitstatus_to_exitcode(status), _read_memfd(fds[1]), _read_memfd(fds[2])
    finally:
        for fd in fds:
            os.close(fd)


def _subprocess(
    argv: Sequence[str],
    cwd: str | None,
    env: Mapping[str, str],
    timeout: float | None,
    input: bytes | None,
) -> tuple[int, bytes, bytes]:
    """The portable twin of ``_spawn``, for a working directory other than ours (posix_spawn
    has no chdir) and for systems without ``memfd_create``; ``communicate`` reads stdout and
    stderr together."""
    import subprocess

    group = timeout is not None
    with subprocess.Popen(
        argv,
        executable=_which(argv[0], env),
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL if input is None else subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=group,
    ) as proc:
        try:
            out, err = proc.communicate(input, timeout)
        except BaseException as e:  # the timeout, or Ctrl-C: leave no child behind
            _kill(proc.pid, group)
            proc.wait()  # Popen does not on KeyboardInterrupt (CPython issue 25942)
            if isinstance(e, subprocess.TimeoutExpired):
                raise _TimedOut(e.stderr or b"") from None
            raise
    return proc.returncode, out, err


def capture(
    argv: Sequence[str],
    *,
    cwd: str | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float | None = None,
    input: bytes | None = None,
) -> tuple[int, bytes, bytes]:
    """Run a program with ``input`` (or nothing) on its stdin: (exit code, stdout, stderr).
    Raises ProcessError when it cannot start or outlives ``timeout`` seconds (it is killed
    then). The program is looked up on the PATH of ``env``."""
    return _capture(argv, os.path.basename(argv[0]), cwd, env, timeout, input)


def _capture(
    argv: Sequence[str],
    shown: str,
    cwd: str | None,
    env: Mapping[str, str] | None,
    timeout: float | None,
    input: bytes | None,
) -> tuple[int, bytes, bytes]:
    environ = os.environ if env is None else env
    try:
        if cwd is None and hasattr(os, "memfd_create") and hasattr(os, "posix_spawn"):
            return _spawn(argv, environ, timeout, input)
        return _subprocess(argv, cwd, environ, timeout, input)
    except _TimedOut as e:
        raise ProcessError(
            f"{shown} timed out after {timeout:g} s", argv, None, e.args[0]
        ) from None
    except FileNotFoundError:
        if cwd is not None and not os.path.isdir(cwd):
            raise ProcessError(f"{shown}: no such directory {cwd!r}", argv, None) from None
        raise ProcessError(
            f"{os.path.basename(argv[0])} is not installed or not on PATH", argv, None
        ) from None
    except OSError as e:
        raise ProcessError(f"{shown}: cannot run: {e.strerror}", argv, None) from None


def _checked(argv: Sequence[str], result: tuple[int, bytes, bytes], shown: str) -> bytes:
    code, out, err = result
    if code == 0:
        return out
    detail = _reason(err) or (f"killed by signal {-code}" if code < 0 else f"exit {code}")
    raise ProcessError(f"{shown} failed: {detail}", argv, code, err)


# a lock tool (uv lock, npm install --package-lock-only...) reaches a registry: it may take
# minutes on a large project, and is stopped past this, not waited on without end
RELOCK_TIMEOUT = 600.0


def run_program(
    argv: Sequence[str],
    *,
    cwd: str | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float | None = None,
    input: bytes | None = None,
) -> bytes:
    """A program's stdout; ProcessError if it fails (exit code other than 0)."""
    shown = os.path.basename(argv[0])
    return _checked(argv, _capture(argv, shown, cwd, env, timeout, input), shown)


def run(
    args: Sequence[str],
    cwd: str | None = None,
    *,
    input: bytes | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float | None = None,
) -> bytes:
    """``git [-C cwd] args``: its stdout, or ProcessError ("git log failed: ...")."""
    argv = ["git", "-C", cwd, *args] if cwd else ["git", *args]
    if args and args[0] in ("log", "show"):
        # log.showSignature=true (set by those who sign commits) puts gpg's output among
        # theirs, whatever --format asks
        argv[1:1] = ("-c", "log.showSignature=false")
    shown = f"git {args[0]}" if args else "git"
    if any("\0" in arg for arg in args):
        # an argument is a C string: one with a NUL (from a config value) names nothing git
        # has, as git would say were it given the chance
        raise ProcessError(f"{shown} failed: an argument holds a NUL byte", argv, 128)
    source = os.environ if env is None else env
    if any(name in source for name in _PATHSPEC_VARIABLES):
        # every pathspec releaselint writes says its own magic (`:(literal)`, `:(glob)`):
        # GIT_LITERAL_PATHSPECS=1 would make `:(literal)x` a file named so, and a check
        # that no file is dirty pass
        env = {k: v for k, v in source.items() if k not in _PATHSPEC_VARIABLES}
    return _checked(argv, _capture(argv, shown, None, env, timeout, input), shown)


def run_in_other_repository(
    args: Sequence[str],
    cwd: str,
    *,
    input: bytes | None = None,
    timeout: float | None = None,
) -> bytes:
    """``git -C cwd args`` for a repository other than the one whose hook may be running:
    nothing inherited from that hook's git (GIT_DIR, GIT_INDEX_FILE...) reaches it."""
    return run(args, cwd, input=input, env=no_git_env(), timeout=timeout)


def try_run(args: Sequence[str], cwd: str | None = None) -> bytes | None:
    """Like run, but None where git says no (an unknown ref, a missing config key)."""
    try:
        return run(args, cwd)
    except ProcessError as e:
        if e.returncode is None:  # git did not run at all: not an answer
            raise
        return None


# the git directory shared by every work tree of each top found (one rev-parse gives both:
# a hook pays ~2 ms for each git it starts)
_COMMON_DIRS: dict[str, str] = {}


def try_toplevel(cwd: str | None = None) -> str | None:
    """The work tree's top, or None (a message file linted outside a repository, or where
    git is not installed)."""
    try:
        out = run(("rev-parse", "--show-toplevel", "--git-common-dir"), cwd)
    except ProcessError:
        return None
    top, _, common = os.fsdecode(out).rstrip("\n").partition("\n")
    if top and common:
        # relative to where git ran (`../.git` from a subfolder), or absolute
        here = os.path.abspath(cwd or os.curdir)
        _COMMON_DIRS[top] = os.path.normpath(os.path.join(here, common))
    return top or None


def common_dir(root: str) -> str | None:
    """The git directory every work tree of ``root`` shares (where caches and journals go)."""
    found = _COMMON_DIRS.get(root)
    if found is None:
        out = try_run(("rev-parse", "--git-common-dir"), root)
        if not out:
            return None
        found = _COMMON_DIRS[root] = os.path.normpath(
            os.path.join(root, os.fsdecode(out.rstrip(b"\n")))
        )
    return found


def toplevel(cwd: str | None = None) -> str:
    root = try_toplevel(cwd)
    if root is None:
        where = try_run(("rev-parse", "--is-bare-repository", "--is-inside-git-dir"), cwd)
        bare, inside_git_dir = (where or b"false false").split()[:2]
        if bare == b"true":
            raise FatalError("not inside a work tree (this is a bare repository)")
        if inside_git_dir == b"true":
            raise FatalError("not inside a work tree (this is the git directory)")
        raise FatalError("not inside a git repository")
    return root


def _split_z(out: bytes) -> list[str]:
    return [os.fsdecode(p) for p in out.split(b"\0") if p]


# Variables that change how git reads a pathspec: ours are written for git's defaults.
_PATHSPEC_VARIABLES = (
    "GIT_GLOB_PATHSPECS", "GIT_NOGLOB_PATHSPECS", "GIT_LITERAL_PATHSPECS", "GIT_ICASE_PATHSPECS",
)  # fmt: skip
_GLOB_CHARS = frozenset("*?[\\")


def ls_files(root: str, pathspecs: Iterable[str], *, by_name: bool = True) -> list[str]:
    """Tracked and untracked-but-not-ignored files matching the pathspecs.

    Git matches ``:(glob)**/NAME`` with wildmatch, path by path: on ruff's 11,000 files, 13
    such pathspecs cost ``ls-files`` 37 ms. ``*NAME`` (git's default matching, where ``*``
    crosses ``/``) is a comparison of the path's tail (17 ms there), and finds each file
    named NAME and more (``xNAME``): those are dropped here. ``by_name=False`` asks git as
    written, the twin the test suite holds this to. Where any pathspec is of another form,
    all are asked as written."""
    specs = list(pathspecs)
    names: set[str] = set()
    for spec in specs if by_name else ():
        name = spec.removeprefix(":(glob)**/")
        if name == spec or not name or "/" in name or _GLOB_CHARS.intersection(name):
            names = set()
            break
        names.add(name)
    args = ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--"]
    args += [f"*{name}" for name in sorted(names)] if names else specs
    found = set(_split_z(run(args, root)))  # run() drops the pathspec variables
    if names:
        found = {path for path in found if path.rpartition("/")[2] in names}
    return sorted(found)


def ls_tree(root: str, commit: str, pathspecs: Iterable[str]) -> dict[str, str]:
    """The files of a commit matching the pathspecs: path -> blob id (symlinks included,
    submodules not). ``git ls-tree`` knows no pathspec magic, so ``:(glob)**/NAME`` and
    ``:(literal)PATH`` (the two forms releaselint uses) are matched here."""
    names, paths = set(), set()
    for spec in pathspecs:
        if spec.startswith(":(glob)**/"):
            names.add(spec.removeprefix(":(glob)**/"))
        elif spec.startswith(":(literal)"):
            paths.add(spec.removeprefix(":(literal)"))
        else:
            raise ValueError(f"unsupported pathspec {spec!r}")
    out = run(("ls-tree", "-r", "-z", "--full-tree", "--end-of-options", commit), root)
    blobs = {}
    for record in out.split(b"\0"):
        # "<mode> SP <type> SP <oid> TAB <path>"; the path may hold any byte but NUL
        info, _, raw = record.partition(b"\t")
        fields = info.split(b" ")
        if len(fields) != 3 or fields[1] != b"blob":
            continue
        path = os.fsdecode(raw)
        if path in paths or path.rsplit("/", 1)[-1] in names:
            blobs[path] = fields[2].decode("ascii")
    return blobs


def _batch_input(objects: Sequence[str]) -> tuple[bytes, list[int]]:
    """``cat-file --batch`` input for the objects it can be asked about, and their indexes.
    It reads one name a line and drops a CR before the LF (strbuf_getline), so a name
    holding LF or ending in CR cannot be asked: it is left out (reported missing)."""
    asked = [i for i, o in enumerate(objects) if o and "\n" not in o and not o.endswith("\r")]
    return b"".join(os.fsencode(objects[i]) + b"\n" for i in asked), asked


def cat_files(root: str, objects: Sequence[str]) -> list[bytes | None]:
    """Contents of many objects (``<commit>:<path>`` or oids) in one ``git cat-file --batch``;
    None for a missing one."""
    results: list[bytes | None] = [None] * len(objects)
    data, asked = _batch_input(objects)
    if not asked:
        return results
    out = run(("cat-file", "--batch"), root, input=data)
    pos = 0
    for index in asked:
        eol = out.index(b"\n", pos)
        # "<oid> <type> <size>" then the content and LF; else "<name> missing" (or
        # "ambiguous"), where the name may hold spaces
        header = out[pos:eol].split(b" ")
        pos = eol + 1
        if len(header) == 3 and header[2].isdigit():
            size = int(header[2])
            results[index] = out[pos : pos + size]
            pos += size + 1
    return results


def batch_check(root: str, objects: Sequence[str]) -> list[tuple[str, str] | None]:
    """(oid, type) of many objects in one ``git cat-file --batch-check``; None if missing.
    Object names may use any revision syntax (``v1^{commit}``, ``<commit>:<path>``)."""
    results: list[tuple[str, str] | None] = [None] * len(objects)
    data, asked = _batch_input(objects)
    if not asked:
        return results
    out = run(("cat-file", "--batch-check=%(objectname) %(objecttype)"), root, input=data)
    # one LF-terminated line per name asked: split on LF only (a missing name is echoed back)
    for index, line in zip(asked, out.split(b"\n"), strict=False):
        oid, _, kind = line.decode("utf-8", "replace").partition(" ")
        if kind in ("blob", "tree", "commit", "tag"):
            results[index] = (oid, kind)
    return results


def rev_parse(root: str, rev: str) -> str | None:
    out = try_run(
        ("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"), root
    )
    return out.decode().strip() if out else None


def config_values(root: str, *keys: str) -> dict[str, str]:
    """Several config values in one call: lower-cased key -> value (last one wins)."""
    pattern = "^(" + "|".join(k.lower().replace(".", "\\.") for k in keys) + ")$"
    out = try_run(("config", "-z", "--get-regexp", pattern), root)
    values = {}
    for record in (out or b"").split(b"\0"):
        key, _, value = record.decode("utf-8", "replace").partition("\n")
        if key:
            values[key] = value
    return values


def dirty_paths(root: str, paths: Iterable[str]) -> list[str]:
    """Of ``paths``, those with changes not yet staged (what ``git diff`` shows)."""
    paths = list(paths)
    if not paths:
        return []
    return _split_z(run(("diff", "--name-only", "-z", "--", *literal(paths)), root))


def literal(paths: Iterable[str]) -> list[str]:
    """Pathspecs that name exactly these paths: ``[a]/x`` and ``*.toml`` are names here, not
    patterns (git reads a pathspec as a pattern unless told)."""
    return [f":(literal){path}" for path in paths]


def is_shallow(root: str) -> bool:
    return run(("rev-parse", "--is-shallow-repository"), root).strip() == b"true"


def stdin_lines(data: bytes) -> list[str]:
    """A git hook's stdin, split on LF only (``str.splitlines`` also splits at U+2028, U+0085,
    form feed..., which ref names may hold), each line decoded as file names are."""
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    return [os.fsdecode(line) for line in lines]


# git matches every ref against every pattern it is given: quadratic over thousands of
# names (70 s for 50,000 of them among 50,000 tags, git 2.39), where listing every tag
# costs one pass (under a second); at 1,000 names the two cost about the same
_MANY_REFS = 1000


def merged_tags(root: str, commit: str, names: Sequence[str]) -> set[str]:
    """Of the tags ``names``, those reachable from ``commit`` (``for-each-ref
    --merged``); ProcessError where git cannot tell (an unknown commit)."""
    refs = ["refs/tags/"] if len(names) > _MANY_REFS else [f"refs/tags/{n}" for n in names]
    out = run(("for-each-ref", f"--merged={commit}", "--format=%(refname:strip=2)", *refs), root)
    return {os.fsdecode(name) for name in out.split(b"\n") if name}


def local_tags(root: str) -> dict[str, TagRecord]:
    """Every tag of the repository by name. A ref name may hold any byte but NUL, LF and a
    few others (``git check-ref-format``), U+2028 and invalid UTF-8 included: the output is
    split on LF only and names decoded as file names are (surrogate escapes), so that each
    name is given back to git byte for byte."""
    # `show-ref -d` takes the peeled commits that packed-refs records (`^` lines) where
    # `for-each-ref --format=%(*objectname)` reads every tag object: on 48,000 annotated
    # tags, a quarter of a second against six. A tag is annotated where a peeled line
    # follows it; what it peels to is taken as its commit (a tag of a tree or a blob is read
    # as the commit it is not, and matches no release).
    out = try_run(("show-ref", "--tags", "-d"), root)
    tags: dict[str, TagRecord] = {}
    # decoded once, as file names are (surrogate escapes keep every byte), then split on
    # LF alone: a name may hold U+2028 or U+0085
    for line in os.fsdecode(out or b"").split("\n"):
        oid, _, ref = line.partition(" ")
        if not ref.startswith("refs/tags/"):
            continue
        if ref.endswith("^{}"):
            name = ref[10:-3]
            known = tags.get(name)
            if known is not None:
                tags[name] = TagRecord(name, known.oid, "tag", oid)
            continue
        name = ref[10:]
        tags[name] = TagRecord(name, oid, "commit", oid)
    return tags
