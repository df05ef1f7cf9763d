"""Print the version Release Please would propose next for each package, from its commits."""

from __future__ import annotations

import argparse

from releaselint.core import git, report
from releaselint.core import release_please as rp
from releaselint.core.errors import FatalError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any


class Proposal:
    """One package's next release as Release Please would propose it."""

    __slots__ = ("commits", "component", "current", "package", "release", "since", "tag", "version")

    def __init__(
        self,
        package: rp.Package,
        current: str | None,
        since: str | None,
        commits: int,
        version: str,
        release: bool,
    ) -> None:
        self.package = package.path
        self.component = package.component
        self.current = current  # None: never released
        self.since = since  # the release tag (or sha) the commits are counted from
        self.commits = commits
        self.version = version
        self.release = release  # False: Release Please opens no pull request for these
        self.tag = package.tag_name(version)

    def as_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


def propose(root: str, config: rp.Config, only: Sequence[str] = ()) -> list[Proposal]:
    """Each package's next version: its conventional commits since its newest release tag
    reachable from HEAD (else last-release-sha, bootstrap-sha, or all history), kept as
    release-please keeps them (by path, exclude-paths), bumped as it bumps them."""
    from releaselint.core.commits import CommitRange, log_range
    from releaselint.core.git import local_tags

    if git.rev_parse(root, "HEAD") is None:
        raise FatalError("the repository has no commits")
    tags = local_tags(root)
    paths = [p.path for p in config.packages]
    unknown = [p for p in only if p not in paths]
    if unknown:
        raise FatalError(f"{unknown[0]!r} is not a package of {rp.CONFIG_FILE}")
    history: dict[str | None, list[tuple[list[str], str]]] = {}
    owners = rp.Owners(paths)
    proposals = []
    for package in config.packages:
        since, start, current = _last_release(root, config, package, tags)
        if start not in history:
            messages = log_range(root, CommitRange(start, "HEAD"))
            files = _files(root, start)
            history[start] = [(files.get(sha, []), message) for sha, _, message in messages]
        kept = [m for f, m in history[start] if rp.keeps(f, package, paths, owners)]
        changes = [c for m in kept for c in rp.changes(m)]
        version = rp.next_version(package, current, changes)
        release = bool(changes) and rp.proposes_release(package, changes)
        proposals.append(Proposal(package, current, since, len(kept), version, release))
    _link_versions(config, proposals)
    return [p for p in proposals if not only or p.package in only]


def _link_versions(config: rp.Config, proposals: list[Proposal]) -> None:
    """The linked-versions plugin: when any package of a group releases, every package of
    the group releases the highest version proposed among them."""
    from releaselint.core.versions import SemVer, is_semver

    by_component = {p.component: p for p in proposals if p.component}
    packages = {p.path: p for p in config.packages}
    for _, components in config.linked_groups:
        members = [by_component[c] for c in components if c in by_component]
        releasing = [p.version for p in members if p.release and is_semver(p.version)]
        if not releasing:
            continue
        primary = max(releasing, key=SemVer)
        for member in members:
            member.version = primary
            member.release = True
            member.tag = packages[member.package].tag_name(primary)


def _last_release(
    root: str, config: rp.Config, package: rp.Package, tags: dict[str, Any]
) -> tuple[str | None, str | None, str | None]:
    """(what the range starts after, as shown; its commit; the current version)."""
    for version, name, commit in rp.releases(package, tags):
        if commit is not None and git.try_run(
            ("merge-base", "--is-ancestor", commit, "HEAD"), root
        ) is not None:  # fmt: skip
            return name, commit, str(version)
    entry = config.manifest_version(package)
    current = entry[0] if entry is not None and entry[0] != "0.0.0" else None
    for sha in (config.last_release_sha, config.bootstrap_sha):
        if sha is not None:
            commit = git.rev_parse(root, sha)
            if commit is None:
                raise FatalError(f"{rp.CONFIG_FILE}: {sha!r} is not a commit here")
            return sha, commit, current
    return None, None, current


def _files(root: str, start: str | None) -> dict[str, list[str]]:
    """The files each commit of the range changes (merges: against their first parent, as
    the GitHub API lists them)."""
    spec = f"{start}..HEAD" if start else "HEAD"
    out = git.run(
        ("log", "-z", "--format=%x1e%H", "--name-only", "--diff-merges=first-parent", spec, "--"),
        root,
    )
    files: dict[str, list[str]] = {}
    for record in out.decode("utf-8", "replace").split("\x1e")[1:]:
        sha, _, rest = record.partition("\0")
        sha = sha.strip()
        files[sha] = [p.strip("\n") for p in rest.split("\0") if p.strip("\n")]
    return files


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="releaselint next-version", description=__doc__)
    parser.add_argument("packages", nargs="*", metavar="PATH", help="only these packages")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    try:
        root = git.toplevel()
        from releaselint.core.tree import WorkTree

        config = rp.read(WorkTree(root))
        if config is None:
            raise FatalError(f"no {rp.CONFIG_FILE}: Release Please is not configured here")
        proposals = propose(root, config, [str(p) for p in args.packages])
    except FatalError as e:
        report.fatal(str(e), str(args.format))
        return 1
    if args.format == "json":
        import json

        print(json.dumps({"packages": [p.as_json() for p in proposals]}, indent=2))
        return 0
    for p in proposals:
        since = f"since {p.since}" if p.since else "since the first commit"
        if p.release:
            print(report.printable(f"{p.package}: {p.current or '(none)'} -> {p.version} "
                                   f"({p.tag}; {p.commits} commits {since})"))  # fmt: skip
        else:
            print(report.printable(f"{p.package}: {p.current or '(none)'}, no release "
                                   f"({p.commits} commits {since}, none that Release Please "
                                   "releases)"))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
