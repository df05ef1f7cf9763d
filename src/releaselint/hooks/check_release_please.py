"""Guard Release Please: no tags or edits of its files by hand; config, manifest, tags agree."""

from __future__ import annotations

import os
import re
import sys

from releaselint.core import config as config_module
from releaselint.core import git, report
from releaselint.core import release_please as rp
from releaselint.core.errors import FatalError
from releaselint.core.git import ZERO_OIDS
from releaselint.core.lazyre import lazy
from releaselint.core.report import Finding
from releaselint.parsing import Command, Option

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any

HOOK_ID = "check-release-please"
HINT_TAG = (
    "Release Please tags a release when its release pull request is merged: delete the tag "
    "(git tag -d <tag>) and merge the release pull request instead"
)
HINT_STAGED = (
    "Release Please sets these in its release pull request: drop the edit "
    "(git restore --staged --worktree <path>), or, for a deliberate repair, "
    f"SKIP={HOOK_ID} git commit"
)
HINT_TITLE = "give the commit a title of its own: this one would read as a release"
HINT_VERSION = (
    "Release Please sets the versions in its release pull request, from its manifest: put "
    "back the version the manifest records"
)


COMMAND = Command(
    HOOK_ID,
    __doc__,
    "args",
    [
        Option(
            "--config-file", default=rp.CONFIG_FILE, metavar="PATH",
            help="the Release Please config, as release-please names it "
            f"(default: {rp.CONFIG_FILE})",
        ),
        Option(
            "--manifest-file", default=rp.MANIFEST_FILE, metavar="PATH",
            help=f"its manifest (default: {rp.MANIFEST_FILE})",
        ),
        Option("--format", choices=report.FORMATS, default="text"),
    ],
    exclusive=[
        Option(
            "--pre-push", action="store_true",
            help="git's pre-push hook (args: remote name and url; pushed refs on stdin)",
        ),
        Option(
            "--staged", action="store_true",
            help="pre-commit: refuse staged edits of the files Release Please writes",
        ),
        Option(
            "--commit-msg", action="store_true",
            help="commit-msg (arg: the message file): refuse release pull request titles",
        ),
    ],
)  # fmt: skip


class Files:
    """Where the Release Please files are, as release-please's --config-file and
    --manifest-file name them."""

    def __init__(self, config: str = rp.CONFIG_FILE, manifest: str = rp.MANIFEST_FILE) -> None:
        self.config = config
        self.manifest = manifest


# ------------------------------------------------------------------------------ reading
def _blobs(root: str, names: Sequence[str]) -> dict[str, str | None]:
    """Texts of ``<rev>:<path>`` objects (``:path`` is the index) in one git call."""
    found = git.cat_files(root, list(names))
    return {
        name: data.decode("utf-8", "replace") if data is not None else None
        for name, data in zip(names, found, strict=True)
    }


def _load_at(root: str, files: Files, rev: str) -> rp.Config | None:
    """The config as committed (``rev`` "HEAD") or staged (``rev`` "")."""
    texts = _blobs(root, [f"{rev}:{files.config}", f"{rev}:{files.manifest}"])
    text = texts[f"{rev}:{files.config}"]
    if text is None:
        return None
    config = rp.parse(text, texts[f"{rev}:{files.manifest}"])
    names = [p.name_file for p in config.packages if p.name_file]
    blobs = _blobs(root, [f"{rev}:{n}" for n in names])
    config.resolve_components(rp.package_names({n: blobs[f"{rev}:{n}"] for n in names}))
    return config


def load_work_tree(root: str, files: Files) -> rp.Config | None:
    from releaselint.core.tree import WorkTree

    tree = WorkTree(root)
    texts = tree.read_many([files.config, files.manifest])
    if texts[files.config] is None:
        return None
    return rp.load(tree, texts[files.config] or "", texts[files.manifest])


def current_branch(root: str) -> str | None:
    # the full name (--short gives `heads/main` where a tag is named `main`), not decoded
    # strictly: a branch name may hold any byte
    out = git.try_run(("symbolic-ref", "--quiet", "HEAD"), root)
    return os.fsdecode(out).rstrip("\n").removeprefix("refs/heads/") if out else None


# ----------------------------------------------------------------------------- pre-push
def pushed_tags(lines: Sequence[str]) -> list[tuple[str, str]]:
    """(tag name, local object) of each tag a push creates or moves; deletions pass."""
    found = []
    for line in lines:
        # a ref name holds no space, but may hold U+2028 or U+0085, which split() splits at
        parts = line.split(" ")
        if len(parts) != 4:
            continue
        _, local_oid, remote_ref, remote_oid = parts
        if not remote_ref.startswith("refs/tags/") or local_oid in ZERO_OIDS:
            continue
        if local_oid != remote_oid:
            found.append((remote_ref.removeprefix("refs/tags/"), local_oid))
    return found


def owner_of_tag(config: rp.Config | None, tag: str) -> rp.Package | None:
    for package in config.packages if config is not None else []:
        if package.version_of_tag(tag) is not None:
            return package
    return None


def refuse_manual_tags(
    root: str,
    config: rp.Config | None,
    tags: Sequence[tuple[str, str]],
    remote: str,
    only: bool,
    config_file: str = rp.CONFIG_FILE,
) -> list[Finding]:
    """Release tags being pushed that Release Please did not make: every tag in the format
    of a configured package (or any version tag, with release-please-only and no config),
    unless the remote holds that very tag already (a mirror)."""
    candidates = []
    for name, oid in tags:
        package = owner_of_tag(config, name)
        if package is not None:
            where = f"the tag format of package {package.path!r} ({config_file}:{package.line})"
        elif only and config is None and rp.TAG_RE.fullmatch(name):
            where = "a release tag (release-please-only = true)"
        else:
            continue
        candidates.append((name, oid, where))
    if not candidates:
        return []
    on_remote = remote_tags(root, remote, [name for name, _, _ in candidates])
    return [
        Finding(
            f"refs/tags/{name}",
            None,
            f"{where}: Release Please makes these tags, this one was made by hand",
            hint=HINT_TAG,
        )
        for name, oid, where in candidates
        if oid not in on_remote.get(name, ())
    ]


def remote_tags(root: str, remote: str, names: Sequence[str]) -> dict[str, set[str]]:
    """The objects (tag and peeled commit) each of ``names`` has on ``remote``."""
    if not remote or remote.startswith("-"):
        raise FatalError(f"not a remote: {remote!r}")
    # git compares each remote ref with each pattern: past a thousand names (a mirror
    # push of every tag), all the remote's tags are listed and looked up
    wanted = set(names)
    patterns = [f"refs/tags/{n}" for n in names] if len(wanted) <= 1000 else []
    out = git.run(("ls-remote", "--tags", remote, *patterns), root)
    found: dict[str, set[str]] = {}
    # names as the local listing decodes them (any byte, U+2028 too): split on LF alone
    for line in os.fsdecode(out).split("\n"):
        oid, _, ref = line.partition("\t")
        name = ref.removeprefix("refs/tags/").removesuffix("^{}")
        if name in wanted:
            found.setdefault(name, set()).add(oid)
    return found


# ---------------------------------------------------------------------------- pre-commit
def staged_paths(root: str) -> list[str]:
    out = git.run(("diff", "--cached", "--name-only", "-z", "--no-renames"), root)
    return [os.fsdecode(p) for p in out.split(b"\0") if p]


def refuse_staged_edits(
    root: str, files: Files, branch: str | None, staged: Sequence[str]
) -> list[Finding]:
    """Staged changes to what Release Please writes: changelogs, the manifest, and the
    version values of the files its release types update (an edit elsewhere in them
    passes). Allowed on its own branches and for packages configured in this commit."""
    if rp.is_release_branch(branch) or not staged:
        return []
    staged_config = _load_at(root, files, "")
    if staged_config is None:
        return []
    head_config = _load_at(root, files, "HEAD")
    known = {p.path for p in head_config.packages} if head_config is not None else set()
    findings: list[Finding] = []
    staged_set = set(staged)
    if files.manifest in staged_set and head_config is not None:
        findings += _manifest_edits(files, staged_config, head_config)
    listed = _listed(root)
    pyproject_names = _pyproject_names(root, staged_config.packages)
    for package in staged_config.packages:
        if package.path not in known:
            continue  # newly configured: its files are being set up
        reason = f"package {package.path!r} ({files.config}:{package.line})"
        changelog = package.within(package.changelog_path)
        if not package.skip_changelog and changelog in staged_set:
            findings.append(
                Finding(
                    changelog,
                    None,
                    f"changelog of {reason}: Release Please writes it",
                    hint=HINT_STAGED,
                )
            )
        owned = rp.version_files(package, listed, pyproject_names.get(package.path))
        findings += _value_edits(root, package, [p for p in owned if p in staged_set], reason)
    return findings


def _listed(root: str) -> list[str]:
    out = git.run(("ls-files", "-z", "--cached"), root)
    return [os.fsdecode(p) for p in out.split(b"\0") if p]


def _pyproject_names(root: str, packages: Sequence[rp.Package]) -> dict[str, str | None]:
    paths = {p.path: p.within("pyproject.toml") for p in packages if p.release_type == "python"}
    blobs = _blobs(root, [f":{path}" for path in paths.values()])
    names: dict[str, str | None] = {}
    for package_path, path in paths.items():
        text = blobs[f":{path}"]
        names[package_path] = _pyproject_name(path, text) if text is not None else None
    return names


def _pyproject_name(path: str, text: str) -> str | None:
    from releaselint.core import toml

    try:
        data = toml.load(path, text)
    except FatalError:
        return None
    name = toml.get(data, "project", "name") or toml.get(data, "tool", "poetry", "name")
    return name if isinstance(name, str) else None


def _manifest_edits(files: Files, staged: rp.Config, head: rp.Config) -> list[Finding]:
    """Changed or removed manifest entries; entries added for packages configured in this
    commit are the bootstrap, and pass."""
    findings = []
    configured = {p.path for p in staged.packages}
    new = configured - {p.path for p in head.packages}
    for key in sorted(set(head.manifest) | set(staged.manifest), key=str):
        before, after = head.manifest.get(key), staged.manifest.get(key)
        if before == after or (before is None and key in new):
            continue
        span = staged.manifest_spans.get((key,))
        text = staged.manifest_text or ""
        line = text.count("\n", 0, span[0]) + 1 if span else None
        what = (
            f"entry {key!r} removed" if after is None
            else f"entry {key!r} added for a package configured before this commit"
            if before is None else f"{key!r}: {before!r} -> {after!r}"
        )  # fmt: skip
        findings.append(
            Finding(
                files.manifest, line, f"{what}: Release Please keeps this file", hint=HINT_STAGED
            )
        )
    return findings


def _value_edits(
    root: str, package: rp.Package, paths: Sequence[str], reason: str
) -> list[Finding]:
    if not paths:
        return []
    blobs = _blobs(root, [name for p in paths for name in (f"HEAD:{p}", f":{p}")])
    findings = []
    for path in paths:
        before, after = blobs[f"HEAD:{path}"], blobs[f":{path}"]
        if before is None or after is None:
            continue  # a file added or removed: not a version edit
        extra = rp.extra_file(package, path)
        old = rp.version_values(path, before, extra)
        new = rp.version_values(path, after, extra)
        if [v for v, _ in old] == [v for v, _ in new]:
            continue
        changed = next(
            ((v, line) for i, (v, line) in enumerate(new) if i >= len(old) or old[i][0] != v),
            new[0] if new else ("", None),
        )
        value, line = changed
        message = (
            f"version {value!r} of {reason}: Release Please sets it"
            if extra is None
            else f"release-please-managed line of {reason} changed: Release Please sets it"
        )
        findings.append(Finding(path, line, message, hint=HINT_STAGED))
    return findings


# ---------------------------------------------------------------------------- commit-msg
_MAX_TITLE = 300


def refuse_release_title(
    message: str, numbers: Sequence[int], config: rp.Config | None, branch: str | None,
    path: str,
) -> list[Finding]:  # fmt: skip
    """A commit titled like a release pull request, off a release-please branch;
    ``message`` is what git keeps of the file, ``numbers`` the file's line of each line."""
    if config is None or rp.is_release_branch(branch):
        return []
    title = message.split("\n", 1)[0]
    # GitHub keeps a pull request's title to 256 characters (a squash merge adds " (#N)"):
    # a longer one is no release pull request's, and a title pattern's `.*` may meet the
    # text after it many ways in it (quadratic)
    if len(title) > _MAX_TITLE:
        return []
    if not any(p.fullmatch(title) for p in rp.title_patterns(config)):
        return []
    return [
        Finding(
            path,
            numbers[0] if numbers else 1,
            f"'{title}' is the title of a Release Please release pull request, on branch "
            f"{branch or '(detached)'!r}: its merge would be taken for a release",
            hint=HINT_TITLE,
        )
    ]


# ---------------------------------------------------------------------------- consistency
def check_consistency(root: str, files: Files, only: bool) -> list[Finding]:
    """The config against release-please's schema, the manifest against the packages,
    the files and the release tags; warnings for settings left over after a release."""
    config = load_work_tree(root, files)
    if config is None:
        if only:
            return [Finding(files.config, None, "release-please-only = true, but there is "
                            "no Release Please config")]  # fmt: skip
        return []
    findings = _schema(config, files)
    if config.manifest_text is None:
        findings.append(Finding(files.manifest, None, f"missing: {files.config} needs it"))
    listed = _listed(root)
    from releaselint.core.git import local_tags

    tags = local_tags(root)
    target = _target_branch(root)
    released = {package.path: rp.releases(package, tags) for package in config.packages}
    on_target = _on_target(root, target, [r[0] for r in released.values() if r])
    for package in config.packages:
        findings += _package_findings(
            root, config, package, files, listed, tags, released[package.path], target, on_target
        )
    configured = {p.path for p in config.packages}
    for key in config.manifest:
        if key not in configured:
            findings.append(
                Finding(
                    files.manifest,
                    _manifest_line(config, str(key)),
                    f"{key!r} is not a package of {files.config}",
                )
            )
    findings += _leftover_shas(root, config, files, tags)
    return findings


def _schema(config: rp.Config, files: Files) -> list[Finding]:
    findings = []
    for error in rp.schema_errors(config.raw):
        key = error.split(":", 1)[0].rsplit(".", 1)[-1].split("[", 1)[0]
        offset = config.text.find(f'"{key}"')
        line = config.text.count("\n", 0, offset) + 1 if offset >= 0 else None
        findings.append(Finding(files.config, line, error))
    return findings


def _manifest_line(config: rp.Config, key: str) -> int | None:
    from releaselint.core import json as jsonfile

    text = config.manifest_text
    return jsonfile.locate(text, (key,)) if text is not None else None


def _target_branch(root: str) -> str:
    """The branch Release Please releases from: the remote's default branch, else main or
    master, else HEAD."""
    out = git.try_run(("symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"), root)
    if out:
        return os.fsdecode(out).rstrip("\n")
    for name in ("main", "master"):
        if git.rev_parse(root, f"refs/heads/{name}"):
            return f"refs/heads/{name}"
    return "HEAD"


# release-please's PythonFileWithVersion rewrites only these spellings of __version__
_RP_PY_VERSION_RE = lazy(r"[0-9]+\.[0-9]+\.[0-9]+(?:-\w+)?", re.ASCII)


def _package_findings(
    root: str,
    config: rp.Config,
    package: rp.Package,
    files: Files,
    listed: list[str],
    tags: dict[str, Any],
    released: list[tuple[Any, str, str | None]],
    target: str,
    on_target: Callable[[str], bool],
) -> list[Finding]:
    """``released``: the package's release tags, newest first (``rp.releases``);
    ``on_target``: whether a tag is on the branch Release Please releases from."""
    from releaselint.core.versions import SemVer, is_semver

    where = f"{files.config}:{package.line}"
    findings = []
    if package.folder and not os.path.isdir(os.path.join(root, package.folder)):
        findings.append(Finding(files.config, package.line,
                                f"package {package.path!r}: no such folder"))  # fmt: skip
        return findings
    if package.requires_name_file and package.name_file not in rp.listing(listed)[0]:
        findings.append(Finding(files.config, package.line, f"package {package.path!r}: "
                                f"release-type {package.release_type!r} needs "
                                f"{package.name_file} for its component"))  # fmt: skip
    entry = config.manifest_version(package)
    if entry is None:
        if config.manifest_text is not None:
            findings.append(Finding(files.config, package.line, f"package {package.path!r} "
                                    f"has no entry in {files.manifest}"))  # fmt: skip
        return findings
    current, line = entry
    if not is_semver(current):
        findings.append(Finding(files.manifest, line,
                                f"{current!r} is not a semantic version"))  # fmt: skip
        return findings
    python = package.release_type == "python"
    names = _pyproject_names_at(root, package) if python else None
    for path in rp.version_files(package, listed, names):
        findings += _file_findings(root, package, path, current, python, where, files)
    release_as = package.release_as
    if release_as and is_semver(release_as) and SemVer(release_as) <= SemVer(current):
        findings.append(Finding(files.config, package.line, f"package {package.path!r}: "
            f"release-as {release_as!r} is not above {current!r} ({files.manifest}:{line}): "
            "remove it now that it is released", "warning"))  # fmt: skip
    if package.initial_version and package.tag_name(package.initial_version) in tags:
        name = package.tag_name(package.initial_version)
        findings.append(Finding(files.config, package.line, f"package {package.path!r}: "
            f"initial-version {package.initial_version!r} is tagged already ({name})",
            "warning"))  # fmt: skip
    if released:
        newest, name, commit = released[0]
        if SemVer(current) < newest:
            findings.append(Finding(files.manifest, line,
                f"{package.path!r}: {current!r} is behind the release tag {name!r}: "
                "Release Please would propose a version that exists",
                hint=f"set {package.path!r} to '{newest}' in {files.manifest} "
                "on a release-please branch"))  # fmt: skip
        elif commit is not None and not on_target(name):
            findings.append(Finding(f"refs/tags/{name}", None,
                f"the newest release of {package.path!r} is not on "
                f"{target.removeprefix('refs/heads/').removeprefix('refs/remotes/')}: "
                "Release Please looks for its last release there"))  # fmt: skip
    return findings


def _on_target(
    root: str, target: str, newest: Sequence[tuple[Any, str, str | None]]
) -> Callable[[str], bool]:
    """Whether each package's newest release tag is on ``target``: one ``for-each-ref
    --merged`` for every package (one ``merge-base`` each cost 1.6 s over 72 packages).
    On HEAD, all are taken to be."""
    names = [name for _, name, commit in newest if commit is not None]
    if target == "HEAD" or not names:
        return lambda name: True
    try:
        merged = git.merged_tags(root, target, names)
    except git.ProcessError as e:
        if e.returncode is None:  # git did not run at all: not an answer
            raise
        merged = set()  # a target git does not know: no release is on it
    return merged.__contains__


def _is_ancestor(root: str, commit: str, target: str) -> bool:
    return git.try_run(("merge-base", "--is-ancestor", commit, target), root) is not None


def _pyproject_names_at(root: str, package: rp.Package) -> str | None:
    from releaselint.core.tree import WorkTree

    path = package.within("pyproject.toml")
    text = WorkTree(root).read_many([path])[path]
    return _pyproject_name(path, text) if text is not None else None


def _file_findings(
    root: str,
    package: rp.Package,
    path: str,
    current: str,
    python: bool,
    where: str,
    files: Files,
) -> list[Finding]:
    from releaselint.core.files import read_text
    from releaselint.core.versions import same_version

    text = read_text(root, path)
    extra = rp.extra_file(package, path)
    values = rp.version_values(path, text, extra)
    expected = f"{current!r} ({files.manifest}, package {package.path!r} at {where})"
    if extra is not None:
        if extra.kind in ("json", "toml", "yaml") and not values:
            if rp.parse_jsonpath(extra.selector or "") is None:
                return []  # a path not read here (`$..version`): nothing is claimed
            return [Finding(path, None, f"extra-files: {extra.selector!r} is not in this file "
                            f"(package {package.path!r} at {where})")]  # fmt: skip
        if extra.kind == "generic" and not values:
            return [Finding(path, None, "extra-files: no x-release-please marker in this file "
                            f"(package {package.path!r} at {where})")]  # fmt: skip
        if extra.kind in ("json", "toml", "yaml"):
            return [Finding(path, line, f"version {value!r} != {expected}")
                    for value, line in values if value != current]  # fmt: skip
        return [
            Finding(path, line, f"x-release-please-version line does not hold {expected}")
            for value, line in values
            if "x-release-please-version" in value and current not in value
        ]
    findings = []
    for value, line in values:
        if same_version(value, current, pep440=True) if python else value == current:
            continue
        message = f"version {value!r} != {expected}"
        if python and path.endswith(".py") and not _RP_PY_VERSION_RE.fullmatch(value):
            message += (": release-please leaves this spelling untouched (it rewrites "
                        "X.Y.Z and X.Y.Z-word only), so it will not follow")  # fmt: skip
        findings.append(Finding(path, line, message, hint=HINT_VERSION))
    return findings


def _leftover_shas(
    root: str, config: rp.Config, files: Files, tags: dict[str, Any]
) -> list[Finding]:
    """last-release-sha still set after a release was tagged past it: Release Please reads
    it whatever it released since ("never ignored", its manifest-releaser docs). Not
    bootstrap-sha, which it ignores once a release pull request was made."""
    findings = []
    for key, sha in (("last-release-sha", config.last_release_sha),):
        if sha is None or git.rev_parse(root, sha) is None:
            continue
        for package in config.packages:
            released = rp.releases(package, tags)
            after = [n for _, n, c in released if c and c != sha and _is_ancestor(root, sha, c)]
            if after:
                offset = config.text.find(f'"{key}"')
                findings.append(Finding(files.config, config.text.count("\n", 0, offset) + 1,
                    f"{key} is left after the release {after[0]!r}: release-please keeps "
                    "reading history from it, whatever it released since; remove it",
                    "warning"))  # fmt: skip
                break
    return findings


@report.entry_point
def main(argv: Sequence[str] | None = None) -> int:
    args = COMMAND.parse(argv)
    fmt = str(args.format)
    files = Files(str(args.config_file), str(args.manifest_file))
    try:
        root = git.toplevel()
        config = config_module.load(root)
        only = rp.release_please_only(config)
        if args.pre_push:
            remote = ([*list(args.args), ""])[0]
            lines = git.stdin_lines(sys.stdin.buffer.read())
            tags = pushed_tags(lines)
            rp_config = load_work_tree(root, files) if tags else None
            findings = refuse_manual_tags(root, rp_config, tags, remote, only, files.config)
        elif args.staged:
            findings = refuse_staged_edits(root, files, current_branch(root), staged_paths(root))
        elif args.commit_msg:
            if len(args.args) != 1:
                raise FatalError("--commit-msg takes the message file")
            path = str(args.args[0])
            # the message as git keeps it: comment lines, scissors, the commit encoding
            from releaselint.hooks.check_conventional_commit import judged_message

            message, numbers = judged_message(path, root)
            rp_config = load_work_tree(root, files)
            findings = refuse_release_title(message, numbers, rp_config, current_branch(root), path)
        else:
            findings = check_consistency(root, files, only)
    except FatalError as e:
        report.fatal(str(e), fmt)
        return 1
    report.emit(findings, [], fmt)
    return 1 if any(f.severity == "error" for f in findings) else 0


if __name__ == "__main__":
    raise SystemExit(main())
