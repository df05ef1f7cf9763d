"""The files of a repository as they are now (work tree) or at one commit (blobs)."""

from __future__ import annotations

import os
from collections.abc import Sequence

from releaselint.core import git
from releaselint.core.errors import FatalError
from releaselint.core.files import decode


class WorkTree:
    """Tracked and untracked-but-not-ignored files, read from the disk."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.commit: str | None = None

    def list(self, pathspecs: Sequence[str]) -> list[str]:
        return git.ls_files(self.root, pathspecs)

    def read_many(self, paths: Sequence[str]) -> dict[str, str | None]:
        found: dict[str, str | None] = {}
        for path in paths:
            try:
                with open(os.path.join(self.root, path), "rb") as f:
                    found[path] = decode(path, f.read())
            except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
                found[path] = None
            except OSError as e:
                raise FatalError(f"{path}: cannot read: {e.strerror}") from None
        return found


class CommitTree:
    """The blobs of one commit, read in one ``git cat-file --batch`` per call."""

    def __init__(self, root: str, commit: str) -> None:
        self.root = root
        self.commit: str | None = commit

    def list(self, pathspecs: Sequence[str]) -> list[str]:
        assert self.commit is not None
        return git.ls_tree(self.root, self.commit, pathspecs)

    def read_many(self, paths: Sequence[str]) -> dict[str, str | None]:
        blobs = git.cat_files(self.root, [f"{self.commit}:{p}" for p in paths])
        pairs = zip(paths, blobs, strict=True)
        return {p: decode(p, b) if b is not None else None for p, b in pairs}
