"""Check commit messages against Conventional Commits, with commitlint's rules and verdicts."""

from __future__ import annotations

import os
import sys

from releaselint.core import config as config_module
from releaselint.core import git, report
from releaselint.core.commit_config import CommitConfig
from releaselint.core.commit_config import load as load_commit_config
from releaselint.core.commit_rules import AUTOSQUASH_RE, Problem, compile_rules, lint
from releaselint.core.commits import CommitRange, log_range, resolve_range
from releaselint.core.conventional import SCISSORS, strip_message
from releaselint.core.errors import FatalError
from releaselint.core.lazyre import lazy
from releaselint.core.report import Finding
from releaselint.parsing import Command, Option

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

DOCS = "https://github.com/releaselint/releaselint/blob/main/docs/check-conventional-commit.md"
# git's candidates for core.commentChar=auto, in the order it tries them (builtin/commit.c)
AUTO_COMMENT_CHARS = "#;@!$%^&|:"
_GIT_COMMENT_SIGNS = ("Please enter the commit message", SCISSORS, "On branch ", "Changes to be")
# one leading emoji (with its variation selectors and joiners) or :gitmoji: code
_EMOJI_RE = lazy(
    r"(?::[a-z0-9_+-]+:|[\u2190-\u2bff\U0001f000-\U0001faff][\ufe0f\u200d"
    r"\u2190-\u2bff\U0001f000-\U0001faff]*) +"
)


COMMAND = Command(
    "check-conventional-commit",
    __doc__,
    "files",
    [
        Option("--from", dest="from_ref", metavar="REF", help="lint the commits after REF"),
        Option("--to", dest="to_ref", metavar="REF", help="... up to REF (default HEAD)"),
        Option(
            "--from-last-tag", action="store_true", help="lint the commits since the newest tag"
        ),
        Option(
            "--range",
            action="store_true",
            help="lint the range pre-commit (PRE_COMMIT_FROM_REF/TO_REF) "
            "or a CI pull request names",
        ),
        Option("--format", choices=report.FORMATS, default="text"),
    ],
    positional_help="the message file (commit-msg stage)",
)


# ------------------------------------------------------------------------ message files
def comment_char(configured: str | None, text: str) -> str | None:
    """The character git starts comment lines with in this message, per core.commentChar."""
    if configured is None:
        return "#"
    if configured != "auto":
        # git 2.45 and later accept a string here (core.commentString is its synonym)
        return configured or "#"
    # With "auto", git picked the first candidate that started no line of the message
    # before it added its comments; find the one its own comment lines use.
    lines = text.split("\n")
    for char in AUTO_COMMENT_CHARS:
        starting = [line for line in lines if line.startswith(char)]
        if not starting:
            return char
        if any(line[1:].lstrip().startswith(_GIT_COMMENT_SIGNS) for line in starting):
            return char
    return "#"


def decode_message(data: bytes, encoding: str | None) -> str:
    """Message bytes as text: UTF-8, else i18n.commitEncoding, never an exception."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if encoding:
        # Any name can be configured: an unknown one (LookupError), a codec that is not for
        # text, or one whose decoder refuses "replace" (idna raises UnicodeError) falls back.
        try:
            return data.decode(encoding, errors="replace")
        except (LookupError, UnicodeError, ValueError, TypeError):
            pass
    return data.decode("utf-8", errors="replace")


def strip_emoji(message: str) -> str:
    match = _EMOJI_RE.match(message)
    return message[match.end() :] if match else message


# ----------------------------------------------------------------------------- hints
def header_hint(config: CommitConfig) -> str:
    types = config.rules.get("type-enum", (0, "", []))[2]
    example = ", ".join(types) if isinstance(types, list) and types else "feat, fix, ..."
    return (
        f"expected '<type>(<scope>): <subject>' with a type of {example}, "
        "e.g. 'fix(parser): handle empty input'"
    )


# the rules whose fix is one edit of a well-formed header (their finding names the case):
# saying the whole format there would send a writer looking for what is already right
_SPECIFIC: dict[str, str | None] = {
    "subject-case": None,
    "type-case": None,
    "scope-case": None,
    "subject-full-stop": "drop the full stop at the end of the subject",
    "header-trim": "remove the blank space around the header",
}


def rule_hint(rule: str, config: CommitConfig) -> str | None:
    """What fixes a finding of ``rule``: each finding gets the hint for its own part."""
    if rule in _SPECIFIC:
        return _SPECIFIC[rule]
    if rule == "header-max-length":
        limit = config.rules.get(rule, (0, "", 100))[2]
        return f"shorten the header to {limit} characters; say the rest in the body"
    if rule.startswith(("type-", "scope-", "subject-", "header-")) or rule == "message-empty":
        return header_hint(config)
    part = rule.split("-", 1)[0]
    if rule.endswith("-max-line-length"):
        return f"wrap the {part} (a line holding an http(s):// URL may stay long)"
    if rule.endswith("-leading-blank"):
        return f"leave an empty line before the {part}"
    if rule == "release-as-semver":
        return "give Release Please a SemVer version: 'Release-As: 1.2.3'"
    return None


def _findings(
    problems: list[Problem], path: str, numbers: list[int] | None, config: CommitConfig
) -> list[Finding]:
    found = []
    for problem in problems:
        line = problem.line
        if numbers is not None and 0 < line <= len(numbers):
            line = numbers[line - 1]
        severity = "warning" if problem.level == 1 else "error"
        message = f"{problem.message} [{problem.rule}]"
        found.append(Finding(path, line, message, severity, rule_hint(problem.rule, config)))
    return sorted(found, key=lambda f: f.line or 0)


# ------------------------------------------------------------------------ message files
def judged_message(path: str, root: str | None) -> tuple[str, list[int]]:
    """The message git keeps from the file, and the file's line number of each kept line."""
    import stat

    try:
        # not blocking on a FIFO, and not reading one: only a regular file is a message
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        raise FatalError(f"{path}: cannot read: {e.strerror}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise FatalError(f"{path}: cannot read: not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read()
    except OSError as e:
        raise FatalError(f"{path}: cannot read: {e.strerror}") from None
    finally:
        os.close(fd)
    keys = ("core.commentChar", "core.commentString", "i18n.commitEncoding")
    settings = git.config_values(root, *keys) if root else {}
    text = decode_message(data, settings.get("i18n.commitencoding"))
    configured = settings.get("core.commentstring", settings.get("core.commentchar"))
    return strip_message(text, comment_char(configured, text))


def lint_message(
    path: str, message: str, numbers: list[int], config: CommitConfig
) -> list[Finding]:
    if not message.strip():
        text = "message is empty: git would abort the commit [message-empty]"
        return [Finding(path, None, text, "error", rule_hint("message-empty", config))]
    if config.emoji:
        message = strip_emoji(message)
    problems = lint(message, config.rules, config.ignores, default_ignores=config.default_ignores)
    return _findings(problems or [], path, numbers, config)


# ------------------------------------------------------------------------------- ranges
def lint_range(
    root: str, commits: CommitRange, config: CommitConfig
) -> tuple[list[Finding], list[str]]:
    """Findings and, for each commit with findings, its heading (short sha and header).
    ``fixup!``/``squash!``/``amend!`` commits are errors against the target branch but
    only warnings in a push: there they are how a review is updated."""
    findings: list[Finding] = []
    headings: list[str] = []
    rules = compile_rules(config.rules)
    autosquash = min(config.autosquash, 1) if commits.pre_push else config.autosquash
    log = log_range(root, commits)
    for sha, parents, message in log:
        if parents > 1 and not config.merge_commits:
            continue
        short = sha[:7]
        header = message.split("\n", 1)[0]
        found: list[Finding] = []
        if AUTOSQUASH_RE.match(header):
            if autosquash:
                severity = "warning" if autosquash == 1 else "error"
                text = (
                    f"{header.split('!', 1)[0]}! commit must be squashed before merge [autosquash]"
                )
                base = _rebase_base(commits, log)
                hint = f"git rebase -i --autosquash {base}"
                target = AUTOSQUASH_RE.sub("", header, count=1).strip()
                # git's own matching: the subject it begins, or a commit's sha
                in_range = any(
                    m.split("\n", 1)[0].startswith(target) or sha.startswith(target)
                    for sha, _, m in log
                    if not AUTOSQUASH_RE.match(m)
                )
                if target and not in_range:
                    # its target is older than the range: autosquash has nothing to fold
                    # it into, and the rebase leaves it as it is
                    hint = (
                        f"the commit it fixes is not among those since {base}: reword it as "
                        f"a commit of its own (git rebase -i {base}, then 'reword')"
                    )
                found.append(Finding(short, 1, text, severity, hint))
        elif parents == 0 and header.strip() == "Initial commit":
            continue
        else:
            if config.emoji:
                message = strip_emoji(message)
            problems = lint(message, rules, config.ignores, default_ignores=config.default_ignores)
            found = _findings(problems or [], short, None, config)
        if found:
            headings.append(f"{short} {header}")
            findings.extend(found)
    return findings, headings


def _rebase_base(commits: CommitRange, log: list[tuple[str, int, str]]) -> str:
    """What ``git rebase -i --autosquash`` starts from to reach every commit of the range."""
    if commits.start:
        return commits.start
    oldest, parents, _ = log[-1]  # git log lists the newest first
    return f"{oldest[:7]}^" if parents else "--root"


# --------------------------------------------------------------------------------- main
def load_config(root: str | None) -> CommitConfig:
    base = root or os.getcwd()
    repo_config = config_module.load(base)
    where = f"{repo_config.source}: commits" if repo_config.source else "commits"
    config = load_commit_config(base, repo_config.commits, where)
    if config.workspace_scopes and root is not None:
        config.rules["scope-enum"] = (2, "always", workspace_scopes(root, repo_config))
    return config


def workspace_scopes(root: str, repo_config: config_module.Config) -> list[str]:
    from releaselint.core.inventory import discover
    from releaselint.core.tree import WorkTree

    names: set[str] = set()
    for group in discover(WorkTree(root), repo_config):
        for package in group.packages:
            if package.name:
                names.add(package.name.rsplit("/", 1)[-1])
            if package.directory:
                names.add(package.directory.rsplit("/", 1)[-1])
    return sorted(names)


@report.entry_point
def main(argv: Sequence[str] | None = None) -> int:
    args = COMMAND.parse(argv)
    files = [str(f) for f in args.files]
    if len(files) > 1:
        COMMAND.error("at most one message file")
    fmt = str(args.format)
    try:
        if files:
            # git runs commit-msg hooks at the top of the work tree: no git call needed
            # to find it there
            root = os.getcwd() if os.path.exists(".git") else git.try_toplevel()
            config = load_config(root)
            message, numbers = judged_message(files[0], root)
            findings = lint_message(files[0], message, numbers, config)
            if fmt == "text":
                _write(_text(config, findings, [(None, message.split("\n", 1)[0])]))
            else:
                report.emit(config.warnings + findings, fmt=fmt)
        else:
            root = git.toplevel()
            config = load_config(root)
            commits = resolve_range(
                root, args.from_ref, args.to_ref, from_last_tag=args.from_last_tag
            )
            findings, headings = lint_range(root, commits, config)
            if fmt == "text":
                groups: list[tuple[str | None, str]] = [(h.split(" ", 1)[0], h) for h in headings]
                _write(_text(config, findings, groups))
            else:
                report.emit(config.warnings + findings, fmt=fmt)
    except FatalError as e:
        report.fatal(str(e), fmt)
        return 1
    return 1 if any(f.severity == "error" for f in findings) else 0


def _text(
    config: CommitConfig, findings: list[Finding], groups: list[tuple[str | None, str]]
) -> str:
    """Text output: the configuration's warnings, then each message judged (commitlint's
    ``⧗ input:`` line in commit-msg mode, short sha and header in range mode) with its
    findings, the hints, commitlint's count and where to get help."""
    out = [
        f"{report.printable(f.location)}: warning: {report.printable(f.message)}"
        for f in config.warnings
    ]
    if not findings:
        return "\n".join(out)
    for key, heading in groups:
        mine = [f for f in findings if key is None or f.path == key]
        if not mine:
            continue
        # a header is the committer's text: ESC, CR and the like shown as escapes
        heading = report.printable(heading)
        out.append(f"⧗ input: {heading}" if key is None else heading)
        for f in mine:
            prefix = "warning: " if f.severity == "warning" else ""
            out.append(f"{report.printable(f.location)}: {prefix}{report.printable(f.message)}")
    # hints name the configuration's types and scopes, help its helpUrl: its text, escaped
    hints = dict.fromkeys(f.hint for f in findings if f.hint)
    out.extend(f"hint: {report.printable(h)}" for h in hints)
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    sign = "✖" if errors else "⚠"
    # commitlint's summary, word for word ("1 problems" included), so people and tools
    # that know it recognise it
    out.append(f"{sign} found {errors} problems, {warnings} warnings")
    out.append(f"ⓘ Get help: {report.printable(config.help_url or DOCS)}")
    return "\n".join(out)


def _write(text: str) -> None:
    if not text:
        return
    encoding = sys.stdout.encoding or "ascii"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        # a terminal or pipe that cannot show the signs still gets every word
        text = text.encode(encoding, "replace").decode(encoding)
    except LookupError:
        pass
    sys.stdout.write(text + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
