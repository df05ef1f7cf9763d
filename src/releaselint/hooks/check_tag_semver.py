"""Check release tags: SemVer in the configured format, equal to the files at the tagged commit."""

from __future__ import annotations

import os
import sys

from releaselint.core import config as config_module
from releaselint.core import git, report
from releaselint.core.errors import FatalError
from releaselint.core.git import ZERO_OIDS, local_tags, stdin_lines
from releaselint.core.model import TagRecord
from releaselint.core.report import Finding, printable
from releaselint.core.tags import TagCheck, resolve
from releaselint.parsing import Command, Option

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence


COMMAND = Command(
    "check-tag-semver",
    __doc__,
    "args",
    [
        Option(
            "--ref", action="append", default=[], metavar="REF",
            help="check this tag (refs/tags/NAME or NAME); default: $GITHUB_REF in CI",
        ),
        Option(
            "--pre-push", action="store_true",
            help="read git's pre-push lines from stdin and check every tag being pushed",
        ),
        Option(
            "--reference-transaction", metavar="STATE",
            help="git's reference-transaction hook: refuse badly named new tags",
        ),
        Option("--format", choices=report.FORMATS, default="text"),
    ],
)  # fmt: skip


PRE_PUSH_LINE = "<local ref> <local oid> <remote ref> <remote oid>"
TRANSACTION_LINE = "<old value> <new value> <ref>"
TRANSACTION_STATES = ("prepared", "committed", "aborted")


def is_oid(text: str) -> bool:
    return len(text) in (40, 64) and not text.strip("0123456789abcdef")


def is_ref_value(text: str) -> bool:
    """An oid, or ``ref:<target>``: what git 2.46 and later write for a symbolic ref's side
    of a reference-transaction line (githooks(5))."""
    return is_oid(text) or text.startswith("ref:")


def _ignored(number: int, line: str, expected: str) -> str:
    return f"stdin line {number} ignored: '{printable(line)}' is not '{expected}'"


def parse_pre_push(lines: Sequence[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """(tag name, local oid) of each tag a push creates or moves, and a warning for each
    line that is not ``<local ref> <local oid> <remote ref> <remote oid>``. git writes one
    such line per ref (zero oids, 40 or 64 of them, for new refs and deletions); deletions
    pass. Fields are split on spaces only: a ref name holds no space, any other whitespace."""
    named = []
    warnings = []
    for number, line in enumerate(lines, 1):
        parts = line.split(" ")
        if len(parts) != 4 or not (is_oid(parts[1]) and is_oid(parts[3])):
            warnings.append(_ignored(number, line, PRE_PUSH_LINE))
            continue
        _, local_oid, remote_ref, remote_oid = parts
        if not remote_ref.startswith("refs/tags/") or local_oid in ZERO_OIDS:
            continue
        if local_oid == remote_oid:
            continue
        named.append((remote_ref.removeprefix("refs/tags/"), local_oid))
    return named, warnings


def tags_from_pre_push(
    root: str, named: Sequence[tuple[str, str]], existing: dict[str, TagRecord] | None = None
) -> list[TagRecord]:
    """The tags a push creates or moves (from ``parse_pre_push``), each object's kind and
    commit read in one batch (the local listing does not say what a tag peels to)."""
    return resolve(root, named)


def tags_from_refs(
    root: str, refs: Sequence[str], existing: dict[str, TagRecord]
) -> list[TagRecord]:
    named = []
    for ref in refs:
        name = ref.removeprefix("refs/tags/")
        if name not in existing:
            raise FatalError(f"refs/tags/{name}: no such tag in this repository")
        named.append((name, existing[name].oid))
    return resolve(root, named)


def tags_in_pushed_range(root: str, existing: dict[str, TagRecord]) -> list[TagRecord]:
    """Under pre-commit's pre-push stage: the tags pointing at the commits being pushed."""
    start = os.environ.get("PRE_COMMIT_FROM_REF", "")
    end = os.environ.get("PRE_COMMIT_TO_REF", "")
    if not end:
        return []
    spec = [end] if start in ("", *ZERO_OIDS) else [f"{start}..{end}"]
    out = git.run(("rev-list", "--end-of-options", *spec, "--"), root)
    commits = set(out.decode("ascii").split())
    return [t for t in existing.values() if t.commit in commits]


# git commands that create tags made elsewhere: a fetch must never fail on a remote's tags
_RECEIVING = frozenset(("fetch", "pull", "clone", "remote", "receive-pack", "fetch-pack", "push"))


_GIT_VALUED = frozenset(
    ("-c", "-C", "--git-dir", "--work-tree", "--namespace", "--config-env", "--super-prefix",
     "--attr-source")
)  # fmt: skip


def git_subcommand(pid: int) -> str | None:
    """The subcommand of the git process ``pid`` (``git -c x=y tag v1`` -> ``tag``)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            argv = f.read().decode("utf-8", "replace").split("\0")
    except OSError:
        argv = _ps_args(pid)
    words = iter(argv[1:])
    for word in words:
        # git.c handle_options: the global options whose value is the next word
        if word in _GIT_VALUED:
            next(words, None)
        elif word and not word.startswith("-"):
            return word
    return None


def _ps_args(pid: int) -> list[str]:
    # no /proc (macOS): ask ps; the command line is split on spaces, enough for the verb
    try:
        code, out, _ = git.capture(("ps", "-o", "args=", "-p", str(pid)), timeout=5)
    except git.ProcessError:
        return []
    return out.decode("utf-8", "replace").split() if code == 0 else []


def reference_transaction(
    state: str, lines: Sequence[str], config: config_module.Config
) -> tuple[list[Finding], list[str]]:
    """Veto the creation of badly named tags while git prepares the transaction: name
    format and version grammar only (the files are checked when the tag is pushed).
    Tags a fetch or clone brings in are never refused. Also a warning for an unknown state
    and for each line that is not ``<old value> <new value> <ref>``."""
    if state not in TRANSACTION_STATES:
        expected = ", ".join(TRANSACTION_STATES)
        return [], [f"unknown reference-transaction state '{printable(state)}' ({expected})"]
    if state != "prepared":
        return [], []
    pid = os.environ.get("RELEASELINT_GIT_PID", "")
    if pid.isdigit() and git_subcommand(int(pid)) in _RECEIVING:
        return [], []
    from releaselint.core.tags import name_verdict

    findings = []
    warnings = []
    for number, line in enumerate(lines, 1):
        parts = line.split(" ")
        if len(parts) != 3 or not (is_ref_value(parts[0]) and is_ref_value(parts[1])):
            warnings.append(_ignored(number, line, TRANSACTION_LINE))
            continue
        old, new, ref = parts
        # a creation: no old value, a new one (git 2.39 sends a deletion as zeros on both
        # sides, and the tag it deletes may be the bad one its hint says to delete)
        created = old in ZERO_OIDS and is_oid(new) and new not in ZERO_OIDS
        if not ref.startswith("refs/tags/") or not created:
            continue
        name = ref.removeprefix("refs/tags/")
        finding = name_verdict(name, config)
        if finding is not None:
            findings.append(finding)
    return findings, warnings


def _emit(findings: list[Finding], warnings: list[str], fmt: str) -> int:
    for warning in warnings:
        sys.stderr.write(f"warning: {warning}\n")
    shown = [
        f._replace(
            path=printable(f.path),
            message=printable(f.message),
            hint=printable(f.hint) if f.hint else None,
        )
        for f in findings
    ]
    report.emit(shown, [], fmt)
    return 1 if findings else 0


@report.entry_point
def main(argv: Sequence[str] | None = None) -> int:
    args = COMMAND.parse(argv)
    fmt = str(args.format)
    refs = [str(r) for r in args.ref]
    warnings: list[str] = []
    try:
        root = git.toplevel()
        config = config_module.load(root)
        if args.reference_transaction:
            state = str(args.reference_transaction)
            lines = stdin_lines(sys.stdin.buffer.read())
            findings, warnings = reference_transaction(state, lines, config)
            return _emit(findings, warnings, fmt)
        existing = local_tags(root)
        if args.pre_push:
            named, warnings = parse_pre_push(stdin_lines(sys.stdin.buffer.read()))
            tags = tags_from_pre_push(root, named, existing)
        elif refs:
            tags = tags_from_refs(root, refs, existing)
        elif os.environ.get("GITHUB_REF", "").startswith("refs/tags/"):
            tags = tags_from_refs(root, [os.environ["GITHUB_REF"]], existing)
        else:
            tags = tags_in_pushed_range(root, existing)
        findings = TagCheck(root, config, existing).check(tags)
    except FatalError as e:
        report.fatal(printable(str(e)), fmt)
        return 1
    return _emit(findings, warnings, fmt)


if __name__ == "__main__":
    raise SystemExit(main())
