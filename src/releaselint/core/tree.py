"""The files of a repository as they are now (work tree) or at one commit (blobs)."""

from __future__ import annotations

from collections.abc import Sequence

from releaselint.core import git
from releaselint.core.files import decode, read_file

TYPE_CHECKING = False
if TYPE_CHECKING:
    import builtins
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
    """The known files of many commits in three git calls, whatever their number: the paths
    are listed at the newest and oldest commits given (manifests rarely move), each
    ``<commit>:<path>`` is resolved in one ``cat-file --batch-check`` and each distinct blob
    read once in one ``cat-file --batch``."""
    if not commits:
        return {}
    paths: set[str] = set(extra)
    for sample in {commits[0], commits[-1]}:
        paths.update(git.ls_tree(root, sample, pathspecs))
    ordered = sorted(paths)
    names = [f"{commit}:{path}" for commit in commits for path in ordered]
    found = git.batch_check(root, names)
    oids = sorted({hit[0] for hit in found if hit is not None and hit[1] == "blob"})
    contents = dict(zip(oids, git.cat_files(root, oids), strict=True))
    trees = {}
    index = 0
    for commit in commits:
        blobs: dict[str, bytes] = {}
        for path in ordered:
            hit = found[index]
            index += 1
            data = contents.get(hit[0]) if hit is not None else None
            if data is not None:
                blobs[path] = data
        trees[commit] = PrefetchedTree(root, commit, blobs)
    return trees
