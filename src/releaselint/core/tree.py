"""The files of a repository as they are now (work tree) or at one commit (blobs)."""

from __future__ import annotations

import os

from releaselint.core import git
from releaselint.core.files import decode, read_file

TYPE_CHECKING = False
if TYPE_CHECKING:
    import builtins
    from collections.abc import Sequence
    from typing import Protocol

    class Tree(Protocol):
        """Where discovery reads files: the work tree, or the blobs of one commit."""

        root: str
        commit: str | None

        def list(self, pathspecs: Sequence[str]) -> builtins.list[str]: ...

        def read_many(self, paths: Sequence[str]) -> dict[str, str | None]: ...


class WorkTree:
    """Tracked and untracked-but-not-ignored files, read from the disk."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.commit: str | None = None

    def list(self, pathspecs: Sequence[str]) -> list[str]:
        return git.ls_files(self.root, pathspecs)

    def read_many(self, paths: Sequence[str]) -> dict[str, str | None]:
        """Each file's text (None where there is none), read only where it lies inside the
        work tree and outside the git directory, symbolic links resolved."""
        return {path: read_file(self.root, path) for path in paths}


class PrefetchedTree:
    """One commit's files, read ahead with many others (see ``prefetch``)."""

    def __init__(self, root: str, commit: str, blobs: dict[str, bytes]) -> None:
        self.root = root
        self.commit: str | None = commit
        self._blobs = blobs

    def list(self, pathspecs: Sequence[str]) -> list[str]:
        return sorted(self._blobs)

    def read_many(self, paths: Sequence[str]) -> dict[str, str | None]:
        return {p: decode(p, self._blobs[p]) if p in self._blobs else None for p in paths}


def prefetch(
    root: str, commits: Sequence[str], pathspecs: Sequence[str], extra: Sequence[str] = ()
) -> dict[str, PrefetchedTree]:
    """The known files of many commits: each commit's own list (one ``git ls-tree`` each, so
    a file that moved between them is found at every commit), then each distinct blob read
    once, all in one ``cat-file --batch``. Every commit gets the tree it would get alone."""
    # an extra file may be written "./VERSION", as the work tree and git's "<commit>:<path>"
    # accept: it is listed under its normal form and found under the name it was given
    spelled = {os.path.normpath(path): path for path in extra}
    specs = [*pathspecs, *(f":(literal){path}" for path in spelled)]
    listed = {commit: git.ls_tree(root, commit, specs) for commit in dict.fromkeys(commits)}
    oids = sorted({oid for blobs in listed.values() for oid in blobs.values()})
    contents = dict(zip(oids, git.cat_files(root, oids), strict=True))
    trees = {}
    for commit, blobs in listed.items():
        found = {}
        for path, oid in blobs.items():
            data = contents[oid]
            if data is not None:
                found[path] = found[spelled.get(path, path)] = data
        trees[commit] = PrefetchedTree(root, commit, found)
    return trees
