"""Check release tags: SemVer in the configured format, equal to the files at the tagged commit."""

from __future__ import annotations

import argparse
import os
import sys

from releaselint.core import config as config_module
from releaselint.core import git, report
from releaselint.core.errors import FatalError
from releaselint.core.git import ZERO_OIDS
from releaselint.core.report import Finding
from releaselint.core.tags import TagCheck, TagRecord, local_tags, resolve

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="check-tag-semver", description=__doc__)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument(
        "--ref", action="append", default=[], metavar="REF",
        help="check this tag (refs/tags/NAME or NAME); default: $GITHUB_REF in CI",
    )  # fmt: skip
    parser.add_argument(
        "--pre-push", action="store_true",
        help="read git's pre-push lines from stdin and check every tag being pushed",
    )  # fmt: skip
    parser.add_argument(
        "--reference-transaction", metavar="STATE",
        help="git's reference-transaction hook: refuse badly named new tags",
    )  # fmt: skip
    parser.add_argument("--format", choices=report.FORMATS, default="text")
    return parser


def tags_from_pre_push(
    root: str, lines: Iterable[str], existing: dict[str, TagRecord] | None = None
) -> list[TagRecord]:
    """Tags created or moved by a push: ``<local ref> <local oid> <remote ref> <remote oid>``
    lines (zero oids, 40 or 64 of them, for new refs and deletions). Deletions pass.
    A local tag pushed under its own name is known already; others are peeled in batch."""
    named = []
    for line in lines:
        parts = line.split()
        if len(parts) != 4:
            continue
        _, local_oid, remote_ref, remote_oid = parts
        if not remote_ref.startswith("refs/tags/") or local_oid in ZERO_OIDS:
            continue
        if local_oid == remote_oid:
            continue
        named.append((remote_ref.removeprefix("refs/tags/"), local_oid))
    known = existing or {}
    records = {}
    unknown = []
    for name, oid in named:
        record = known.get(name)
        if record is not None and record.oid == oid:
            records[name] = record
        else:
            unknown.append((name, oid))
    records.update((r.name, r) for r in (resolve(root, unknown) if unknown else []))
    return [records[name] for name, _ in named]


def tags_from_refs(
    root: str, refs: Sequence[str], existing: dict[str, TagRecord]
) -> list[TagRecord]:
    records = []
    for ref in refs:
        name = ref.removeprefix("refs/tags/")
        if name not in existing:
            raise FatalError(f"refs/tags/{name}: no such tag in this repository")
        records.append(existing[name])
    return records


def tags_in_pushed_range(root: str, existing: dict[str, TagRecord]) -> list[TagRecord]:
    """Under pre-commit's pre-push stage: the tags pointing at the commits being pushed."""
    start = os.environ.get("PRE_COMMIT_FROM_REF", "")
    end = os.environ.get("PRE_COMMIT_TO_REF", "")
    if not end:
        return []
    spec = [end] if start in ("", *ZERO_OIDS) else [f"{start}..{end}"]
    commits = set(git.run(("rev-list", *spec, "--"), root).decode().split())
    return [t for t in existing.values() if t.commit in commits]


# git commands that create tags made elsewhere: a fetch must never fail on a remote's tags
_RECEIVING = frozenset(("fetch", "pull", "clone", "remote", "receive-pack", "fetch-pack", "push"))


def git_subcommand(pid: int) -> str | None:
    """The subcommand of the git process ``pid`` (``git -c x=y tag v1`` -> ``tag``)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            argv = f.read().decode("utf-8", "replace").split("\0")
    except OSError:
        argv = _ps_args(pid)
    words = iter(argv[1:])
    for word in words:
        if word in ("-c", "-C", "--git-dir", "--work-tree", "--namespace"):
            next(words, None)
        elif word and not word.startswith("-"):
            return word
    return None


def _ps_args(pid: int) -> list[str]:
    # no /proc (macOS): ask ps; the command line is split on spaces, enough for the verb
    try:
        code, out, _ = git._spawn(("ps", "-o", "args=", "-p", str(pid)))
    except OSError:
        return []
    return out.decode("utf-8", "replace").split() if code == 0 else []


def reference_transaction(
    state: str, lines: Sequence[str], config: config_module.Config
) -> list[Finding]:
    """Veto the creation of badly named tags while git prepares the transaction: name
    format and version grammar only (the files are checked when the tag is pushed).
    Tags a fetch or clone brings in are never refused."""
    if state != "prepared":
        return []
    pid = os.environ.get("RELEASELINT_GIT_PID", "")
    if pid.isdigit() and git_subcommand(int(pid)) in _RECEIVING:
        return []
    from releaselint.core.tags import name_verdict

    findings = []
    for line in lines:
        parts = line.split()
        if len(parts) != 3:
            continue
        old, new, ref = parts
        if not ref.startswith("refs/tags/") or old not in ZERO_OIDS or new in ZERO_OIDS:
            continue
        name = ref.removeprefix("refs/tags/")
        finding = name_verdict(name, config)
        if finding is not None:
            findings.append(finding)
    return findings


@report.entry_point
def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    fmt = str(args.format)
    refs = [str(r) for r in args.ref]
    try:
        root = git.toplevel()
        config = config_module.load(root)
        if args.reference_transaction:
            findings = reference_transaction(
                str(args.reference_transaction), sys.stdin.read().splitlines(), config
            )
            report.emit(findings, [], fmt)
            return 1 if findings else 0
        existing = local_tags(root)
        if args.pre_push:
            tags = tags_from_pre_push(root, sys.stdin.read().splitlines(), existing)
        elif refs:
            tags = tags_from_refs(root, refs, existing)
        elif os.environ.get("GITHUB_REF", "").startswith("refs/tags/"):
            tags = tags_from_refs(root, [os.environ["GITHUB_REF"]], existing)
        else:
            tags = tags_in_pushed_range(root, existing)
        findings = TagCheck(root, config, existing).check(tags)
    except FatalError as e:
        report.fatal(str(e), fmt)
        return 1
    report.emit(findings, [], fmt)
    return 1 if findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
