"""Reading repository files as exact text and writing planned edits as one transaction.

Every path is checked before it is opened: nothing outside the work tree or inside the git
directory is read through a symbolic link, and nothing is ever written through one. A
multi-file write is journaled in the git directory so that a write cut short (SIGKILL, a
power cut) is completed or undone by the next releaselint command.
"""

from __future__ import annotations

import os
import posixpath
import stat
import time

from releaselint.core.errors import FatalError
from releaselint.core.records import record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any, NamedTuple

    class Edit(NamedTuple):
        """Replace ``text[start:end]`` of ``path`` (indices into the decoded text) by ``new``;
        ``old`` is what the span must hold when the edit is planned (None: not checked)."""

        path: str
        start: int
        end: int
        new: str
        old: str | None = None
else:
    Edit = record("Edit", "path start end new old", defaults=(None,))

JOURNAL = "releaselint-journal"
TEMP_PREFIX = ".releaselint-"
# What a span edit may write: a version, never a quote, backslash, newline or control
# character that could end the string it sits in.
PLAIN_VERSION = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.+!_-")


def decode(path: str, data: bytes) -> str:
    """UTF-8 text of a file, with a located error instead of a UnicodeDecodeError. A Python
    module that declares another encoding (PEP 263: ``# -*- coding: latin-1 -*-``) is read
    with its other bytes kept as surrogate escapes: its version line is ASCII, and a write
    gives every other byte back as it was."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        if path.endswith(".py") and _declares_encoding(data):
            return data.decode("utf-8", "surrogateescape")
        line = data.count(b"\n", 0, e.start) + 1
        raise FatalError(f"{path}:{line}: not valid UTF-8 ({e.reason})") from None


def _declares_encoding(data: bytes) -> bool:
    """A PEP 263 encoding declaration on the first or second line, naming no UTF-8."""
    import re  # a module that is not UTF-8: rare

    for line in data.split(b"\n", 2)[:2]:
        match = re.match(rb"[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", line)
        if match is not None:
            return match.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8")
    return False


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def git_dirs(root: str) -> tuple[str, str]:
    """The real paths of the work tree's git directory and of the common one (they differ
    in a linked worktree, ``git worktree add``)."""
    from releaselint.core import git

    out = git.run(("rev-parse", "--absolute-git-dir", "--git-common-dir"), root)
    own, common = os.fsdecode(out).split("\n")[:2]
    return os.path.realpath(own), os.path.realpath(os.path.join(root, common))


def _first_link(root: str, path: str) -> str:
    """The first component of ``path`` that is a symbolic link (repository-relative)."""
    parts = os.path.normpath(path).split(os.sep)
    for index in range(1, len(parts) + 1):
        prefix = os.path.join(*parts[:index])
        if os.path.islink(os.path.join(root, prefix)):
            return prefix.replace(os.sep, "/")
    return path


def locate(
    root: str, path: str, *, write: bool = False, dirs: tuple[str, ...] | None = None
) -> str:
    """The full path of repository file ``path``, once checked: a symbolic link on the way
    may be read through only where it ends inside the work tree and outside the git
    directory, and is never written through (a write would replace the link, or reach a
    file the repository names elsewhere). ``dirs``: the git directories, where known."""
    if "\0" in path:  # from a config value: no file has such a name, and os.* would raise
        raise FatalError(f"{path!r}: not a file name (it holds a NUL byte)")
    full = os.path.join(root, path)
    top = os.path.realpath(root)
    real = os.path.realpath(full)
    plain = real == os.path.normpath(os.path.join(top, path))
    if not plain and write:
        link = _first_link(root, path)
        raise FatalError(f"{link}: is a symbolic link; releaselint does not write through it")
    if not _inside(real, top):
        raise FatalError(f"{path}: leads outside the repository; releaselint does not read it")
    if dirs is None:
        # a plain read asks no git: where .git says the git directory is will do
        dirs = _dot_git_dirs(top) if plain and not write else git_dirs(root)
    if any(_inside(real, d) for d in dirs):
        verb = "write" if write else "read"
        raise FatalError(f"{path}: is inside the git directory; releaselint does not {verb} it")
    return full


_DOT_GIT_DIRS: dict[str, tuple[str, ...]] = {}


def _dot_git_dirs(top: str) -> tuple[str, ...]:
    """The git directories ``.git`` names, read as git's read_gitfile and get_common_dir do
    (setup.c): ``.git`` itself, or the ``gitdir:`` of a ``.git`` file and its ``commondir``;
    and those ``GIT_DIR`` and ``GIT_COMMON_DIR`` name, which git uses over them (a dotfiles
    repository whose git directory is a folder of the work tree, under another name)."""
    found = _DOT_GIT_DIRS.get(top)
    if found is not None:
        return found
    dot_git = os.path.join(top, ".git")
    found = (dot_git,)
    if not os.path.isdir(dot_git):
        line = _first_line(dot_git)
        if line is not None and line.startswith("gitdir: "):
            own = os.path.realpath(os.path.join(top, line[len("gitdir: ") :]))
            common = _first_line(os.path.join(own, "commondir"))
            found = (own, os.path.realpath(os.path.join(own, common))) if common else (own,)
    named = [os.environ.get(v) for v in ("GIT_DIR", "GIT_COMMON_DIR")]
    found += tuple(os.path.realpath(d) for d in named if d)
    _DOT_GIT_DIRS[top] = found
    return found


def _first_line(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as f:
            return f.readline().rstrip("\r\n")
    except (OSError, UnicodeDecodeError):
        return None


def read_file(root: str, path: str) -> str | None:
    """The text of a repository file, None where there is none (or a folder stands); only
    regular files are opened for reading (a FIFO would block)."""
    full = locate(root, path)
    try:
        fd = os.open(full, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None
    except OSError as e:
        raise FatalError(f"{path}: cannot read: {e.strerror}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
    except OSError as e:
        raise FatalError(f"{path}: cannot read: {e.strerror}") from None
    finally:
        os.close(fd)
    return decode(path, b"".join(chunks))


def read_text(root: str, path: str) -> str:
    text = read_file(root, path)
    if text is None:
        raise FatalError(f"{path}: no such file")
    return text


# The line breaks of the text asked about most recently, once it has been asked about
# often: a manifest of 100,000 requirements asks once for each (37 s where each call
# counts from the start, quadratic)
_LINES: list[Any] = [None, 0, None]  # the text, the calls on it, its line breaks' offsets
_INDEX_FROM = 16
_COUNT_BELOW = 4096  # an offset this near the start is counted to


def line_of(text: str, offset: int) -> int:
    """The line (from 1) of ``offset`` in ``text``."""
    cache = _LINES
    if cache[0] is not text:
        cache[0], cache[1], cache[2] = text, 0, None
    cache[1] += 1
    if cache[2] is None:
        if cache[1] < _INDEX_FROM or offset < _COUNT_BELOW:
            return text.count("\n", 0, offset) + 1
        from itertools import accumulate

        # the offset of each line break: the lengths of the lines up to it, and the breaks
        # before it, summed
        ends = accumulate(len(line) + 1 for line in text.split("\n"))
        cache[2] = [end - 1 for end in ends][:-1]
    from bisect import bisect_left

    breaks: list[int] = cache[2]
    return bisect_left(breaks, offset) + 1  # the breaks before the offset, plus one


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping span edits to one file's text; the spans index the original."""
    out = []
    pos = 0
    for edit in sorted(edits, key=lambda e: e.start):
        if edit.start < pos:
            raise ValueError(f"{edit.path}: overlapping edits at offset {edit.start}")
        out.append(text[pos : edit.start])
        out.append(edit.new)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def plan_writes(root: str, edits: Iterable[Edit]) -> dict[str, tuple[str, str]]:
    """Group edits by file and compute each file's new text: path -> (old, new).

    An edit is refused where its span no longer holds the declared value -- the value is
    spelled with escape sequences (``"1.0\\u002E0"``), or the file changed -- and where the
    new text is not a plain version."""
    by_path: dict[str, list[Edit]] = {}
    for edit in edits:
        by_path.setdefault(posixpath.normpath(edit.path), []).append(edit)
    plan = {}
    # each file once: two names of one file (a hard link, a link inside the tree) planned
    # apart would each be written from the old text, the last undoing the other's edits
    seen: dict[tuple[int, int], str] = {}
    for path, file_edits in sorted(by_path.items()):
        old = read_text(root, path)
        try:
            found = os.stat(os.path.join(root, path))
        except OSError:
            found = None
        if found is not None:
            other = seen.setdefault((found.st_dev, found.st_ino), path)
            if other != path:
                raise FatalError(
                    f"{path}: the same file as {other}; releaselint does not write one file "
                    "under two names: name it once in the configuration"
                )
        for edit in file_edits:
            where = f"{path}:{line_of(old, edit.start)}"
            if not edit.new or not PLAIN_VERSION.issuperset(edit.new):
                raise FatalError(f"{where}: refusing to write {edit.new!r}: not a plain version")
            if edit.old is not None and old[edit.start : edit.end] != edit.old:
                raise FatalError(
                    f"{where}: the version is not written as plain text here (escape "
                    "sequences?); releaselint does not rewrite it: edit it by hand"
                )
        try:
            new = apply_edits(old, file_edits)
        except ValueError:
            start = min(e.start for e in file_edits)
            raise FatalError(
                f"{path}:{line_of(old, start)}: two of the versions to write overlap (an "
                "extra-files pattern that matches inside its own match?); releaselint does "
                "not rewrite them: edit the file by hand"
            ) from None
        if new != old:
            plan[path] = (old, new)
    return plan


# -- transactions ---------------------------------------------------------------------------


def _sha256(data: bytes) -> str:
    from releaselint.core.cache import sha256_hex  # writers and recovery only

    return sha256_hex(data)


def _fsync_dir(directory: str) -> None:
    fd = os.open(directory or ".", os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_new(full: str, data: bytes, mode: int, *, exclusive: bool = True) -> None:
    """Write ``data`` to a file that must not exist (or is ours), then fsync it."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(full, flags | (os.O_EXCL if exclusive else 0), 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fchmod(fd, mode)
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp_name(path: str) -> str:
    """A new name beside ``path``: no longer than a file name may be (255 bytes), however
    long the name of the file it stands for."""
    folder, _, name = path.rpartition("/")
    temp = f"{TEMP_PREFIX}{os.urandom(6).hex()}-"
    room = 255 - len(os.fsencode(temp))
    while len(os.fsencode(name)) > room:
        name = name[1:]  # the end of the name, which says what kind of file it is
    temp += name
    return f"{folder}/{temp}" if folder else temp


def _read_bytes(full: str) -> bytes | None:
    try:
        with open(full, "rb") as f:
            return f.read()
    except OSError:
        return None


class _Signals:
    """Blocks Ctrl-C (and TERM, HUP) while files are written: a signal that arrives then
    is delivered once every file is written or restored."""

    def __enter__(self) -> None:
        import signal

        self._mask = signal.pthread_sigmask(
            signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
        )

    def __exit__(self, *exc: object) -> None:
        import signal

        signal.pthread_sigmask(signal.SIG_SETMASK, self._mask)


def write_atomically(root: str, plan: dict[str, tuple[str, str]]) -> None:
    """Write each planned file (path -> (old, new)) so that all change or none does.

    1. the journal (in the git directory) records each file, its temp file, its old text
       and the digest of its new text; 2. each temp file is written and fsynced beside its
       target; 3. each temp file is renamed onto its target; 4. the
       journal is removed. A failure before 3 removes the temp files; a failure during 3
       restores the files already renamed. A process killed at any point leaves a journal
       that ``recover`` completes (every temp file whole) or undoes. Ctrl-C waits for the
       end of the transaction.
    """
    if not plan:
        return
    dirs = git_dirs(root)
    for path in plan:
        locate(root, path, write=True, dirs=dirs)
    entries: list[dict[str, Any]] = []
    for path, (old, new) in plan.items():
        # surrogate escapes: the bytes of a module in another encoding (``decode``)
        old_bytes = old.encode("utf-8", "surrogateescape")
        new_bytes = new.encode("utf-8", "surrogateescape")
        entries.append(
            {
                "path": path,
                "temp": _temp_name(path),
                "old": old,
                "old_sha256": _sha256(old_bytes),
                "new_sha256": _sha256(new_bytes),
                "new": new_bytes,  # not journaled: the temp file holds it
            }
        )
    # Ctrl-C, TERM and HUP wait for the transaction: it takes milliseconds, and a signal in
    # its middle would leave a journal for the next command to settle
    with _Signals():
        _transact(root, dirs[0], entries)


def _transact(root: str, git_dir: str, entries: list[dict[str, Any]]) -> None:
    journal = _write_journal(git_dir, entries)
    try:
        # the journal serialises releaselint's writes: each file must still be what the
        # plan read (another bump, an editor's save since, would be lost)
        for entry in entries:
            found = _read_bytes(os.path.join(root, entry["path"]))
            # (a file that cannot be read is not written either: that error says why)
            if found is not None and _sha256(found) != entry["old_sha256"]:
                raise FatalError(
                    f"{entry['path']}: changed since releaselint read it (another write, "
                    "an editor?); no file was changed: run the command again"
                )
        for entry in entries:
            full = os.path.join(root, entry["path"])
            try:
                mode = stat.S_IMODE(os.stat(full).st_mode)
                _write_new(os.path.join(root, entry["temp"]), entry["new"], mode)
            except OSError as e:
                raise FatalError(
                    f"{entry['path']}: cannot write: {e.strerror}; no file was changed"
                ) from None
    except BaseException:
        _remove_temps(root, entries)
        os.unlink(journal)
        raise
    done = []
    try:
        for entry in entries:
            os.replace(os.path.join(root, entry["temp"]), os.path.join(root, entry["path"]))
            done.append(entry)
    except OSError as e:
        failed = entry["path"]
        try:
            _restore(root, done)
        except OSError:
            raise FatalError(
                f"{failed}: cannot write: {e.strerror}; the files already written could "
                "not be restored: the next releaselint command undoes the write"
            ) from None
        _remove_temps(root, entries)
        os.unlink(journal)
        raise FatalError(f"{failed}: cannot write: {e.strerror}; no file was changed") from None
    for folder in {os.path.dirname(os.path.join(root, e["path"])) for e in entries}:
        _fsync_dir(folder)
    os.unlink(journal)


def _write_journal(git_dir: str, entries: list[dict[str, Any]]) -> str:
    """Write the journal whole, then give it its name: ``os.link`` fails where a journal
    exists, so two releaselint writes never run at once in one work tree."""
    import json

    journal = os.path.join(git_dir, JOURNAL)
    record = [{k: v for k, v in e.items() if k != "new"} for e in entries]
    text = json.dumps({"releaselint-journal": 1, "pid": os.getpid(), "files": record})
    data = text.encode("utf-8")
    temp = f"{journal}.{os.getpid()}.tmp"
    _write_new(temp, data, 0o600, exclusive=False)
    try:
        os.link(temp, journal)
    except FileExistsError:
        raise FatalError(
            f"{journal}: another releaselint write is under way (or was cut short: "
            "run the command again to complete it)"
        ) from None
    finally:
        os.unlink(temp)
    _fsync_dir(git_dir)
    return journal


def _remove_stale_journals(git_dir: str) -> None:
    """Remove the journals that processes killed while writing them left behind."""
    try:
        names = os.listdir(git_dir)
    except OSError:
        return
    for name in names:
        pid = name[len(JOURNAL) + 1 : -4]
        if name.startswith(f"{JOURNAL}.") and name.endswith(".tmp") and not _alive(pid):
            os.unlink(os.path.join(git_dir, name))


def _alive(pid: str) -> bool:
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: alive, someone else's
        return True
    return True


def _remove_temps(root: str, entries: Iterable[dict[str, Any]]) -> None:
    for entry in entries:
        if os.path.lexists(path := os.path.join(root, entry["temp"])):
            os.unlink(path)


def _restore(root: str, entries: Iterable[dict[str, Any]]) -> None:
    """Put back the old text of files already renamed, each through its temp file."""
    for entry in entries:
        full = os.path.join(root, entry["path"])
        temp = os.path.join(root, entry["temp"])
        mode = stat.S_IMODE(os.stat(full).st_mode)
        _write_new(temp, entry["old"].encode("utf-8", "surrogateescape"), mode, exclusive=False)
        os.replace(temp, full)


def journal_path(root: str) -> str:
    """Where a journal of this work tree would be, found without running git."""
    return os.path.join(_dot_git_dirs(os.path.realpath(root))[0], JOURNAL)


def recover(root: str, *, exact: bool = False) -> str | None:
    """Complete or undo a write that was cut short; a sentence saying which, or None
    where there was none. Completes it where every file is either renamed already or has
    its whole temp file beside it (and was not edited since); undoes it otherwise.

    ``exact`` asks git where the git directory is (writers do, before they plan); without
    it the journal is looked for where ``.git`` says, which costs no git call."""
    journal = os.path.join(git_dirs(root)[0], JOURNAL) if exact else journal_path(root)
    _remove_stale_journals(os.path.dirname(journal))
    if not os.path.exists(journal):
        return None
    import json

    try:
        with open(journal, "rb") as f:
            record = json.loads(f.read())
        entries, pid = record["files"], str(record.get("pid"))
        paths = [str(e["path"]) for e in entries]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise FatalError(
            f"{journal}: unreadable releaselint journal; remove it and check `git status`"
        ) from None
    # a live writer's journal is its own: a transaction takes milliseconds, so one older
    # than a minute is a dead writer's whose process id was reused
    if _alive(pid) and time.time() - os.stat(journal).st_mtime < 60:
        raise FatalError(f"a releaselint write is under way (process {pid}); try again")
    dirs = git_dirs(root)
    for entry in entries:
        # the journal names repository paths only; check them as any other write
        locate(root, entry["path"], write=True, dirs=dirs)
        if os.path.dirname(entry["temp"]) != os.path.dirname(entry["path"]):
            raise FatalError(f"{journal}: a temp file outside its target's folder")
    states = []
    for entry in entries:
        temp = _read_bytes(os.path.join(root, entry["temp"]))
        target = _read_bytes(os.path.join(root, entry["path"]))
        target_sha = _sha256(target) if target is not None else None
        temp_whole = temp is not None and _sha256(temp) == entry["new_sha256"]
        states.append((temp is not None, temp_whole, target_sha))
    forward = all(
        (temp_whole and sha in (e["old_sha256"], e["new_sha256"]))
        or (not has_temp and sha == e["new_sha256"])
        for e, (has_temp, temp_whole, sha) in zip(entries, states, strict=True)
    )
    with _Signals():
        if forward:
            for entry, (has_temp, _, _) in zip(entries, states, strict=True):
                if has_temp:
                    os.replace(os.path.join(root, entry["temp"]), os.path.join(root, entry["path"]))
        else:
            written = [e for e, s in zip(entries, states, strict=True) if s[2] == e["new_sha256"]]
            _restore(root, written)
            _remove_temps(root, entries)
        for folder in {os.path.dirname(os.path.join(root, p)) for p in paths}:
            _fsync_dir(folder)
        os.unlink(journal)
    done = "completed" if forward else "undid"
    return f"{done} a write that was cut short: {', '.join(paths)}"
