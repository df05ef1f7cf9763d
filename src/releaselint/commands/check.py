"""Run every check that applies here, one status line each, then a summary: the CI lint step."""

from __future__ import annotations

import argparse
import os
import sys

from releaselint.core import git, report
from releaselint.core.errors import FatalError
from releaselint.core.report import Finding

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any

ALIGNMENT = "check-version-alignment"
LOCKFILES = "check-lockfile-pins"
TAGS = "check-tag-semver"
COMMITS = "check-conventional-commit"
RELEASE_PLEASE = "check-release-please"
MODULES = {
    ALIGNMENT: "releaselint.hooks.check_version_alignment",
    LOCKFILES: "releaselint.hooks.check_lockfile_pins",
    TAGS: "releaselint.hooks.check_tag_semver",
    COMMITS: "releaselint.hooks.check_conventional_commit",
    RELEASE_PLEASE: "releaselint.hooks.check_release_please",
}

# Every variable read below, for tests that must start from a clean environment.
CI_VARIABLES = (
    "CI", "GITHUB_ACTIONS", "GITHUB_REF", "GITHUB_BASE_REF", "GITHUB_EVENT_NAME", "GITHUB_SHA",
    "GITLAB_CI", "CI_COMMIT_TAG", "CI_MERGE_REQUEST_DIFF_BASE_SHA",
    "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "CI_COMMIT_BEFORE_SHA", "CI_COMMIT_SHA",
    "BITBUCKET_BUILD_NUMBER", "BITBUCKET_TAG", "BITBUCKET_PR_DESTINATION_BRANCH",
    "BITBUCKET_COMMIT", "CIRCLECI", "CIRCLE_TAG", "TF_BUILD", "BUILD_SOURCEBRANCH",
    "SYSTEM_PULLREQUEST_TARGETBRANCH", "BUILDKITE", "BUILDKITE_TAG", "BUILDKITE_PULL_REQUEST",
    "BUILDKITE_PULL_REQUEST_BASE_BRANCH", "BUILDKITE_COMMIT", "JENKINS_URL", "TAG_NAME",
    "CHANGE_TARGET", "PRE_COMMIT_FROM_REF", "PRE_COMMIT_TO_REF", "NO_COLOR", "PRE_COMMIT_COLOR",
)  # fmt: skip


class Event:
    """What the environment says is being checked: a tag, a commit range, or neither (and
    why). ``start`` is a commit or a branch of the remote the CI cloned from."""

    def __init__(self, system: str | None) -> None:
        self.system = system
        self.tag: str | None = None
        self.start: str | None = None
        self.end = "HEAD"
        self.branch = False  # start is a branch name, which the remote has
        self.no_range = "not in CI: give --from REF [--to REF]"
        self.no_tag = "not in CI: give --tag NAME"
        if system is not None:
            self.no_range = "not a pull request or merge request: give --from REF"
            self.no_tag = "no tag in this event"

    def base(self, branch: str | None) -> None:
        """A pull request's base branch: its commits are not the request's."""
        self.start, self.branch = branch or None, bool(branch)

    def pushed_from(self, before: str, after: str | None) -> None:
        """A branch push: the commits after ``before``, which is zeros for a new branch."""
        if before in git.ZERO_OIDS:
            self.no_range = "first push of this branch, nothing to compare: give --from REF"
        elif before:
            self.start, self.end = before, after or "HEAD"


def ci_event(env: Mapping[str, str]) -> Event:
    """The tag or commit range named by the CI system's own variables, as each documents
    them (GitHub Actions, GitLab CI, Bitbucket Pipelines, CircleCI, Azure Pipelines,
    Buildkite, Jenkins)."""
    if env.get("GITHUB_ACTIONS") == "true" or env.get("GITHUB_REF") or env.get("GITHUB_BASE_REF"):
        event = Event("GitHub Actions")
        ref = env.get("GITHUB_REF", "")
        if ref.startswith("refs/tags/"):
            event.tag = ref.removeprefix("refs/tags/")
        # GITHUB_BASE_REF is set for pull_request and pull_request_target events only
        event.base(env.get("GITHUB_BASE_REF"))
        return event
    if env.get("GITLAB_CI") == "true":
        event = Event("GitLab CI")
        event.tag = env.get("CI_COMMIT_TAG") or None
        after = env.get("CI_COMMIT_SHA")
        if env.get("CI_MERGE_REQUEST_DIFF_BASE_SHA"):
            event.start, event.end = env["CI_MERGE_REQUEST_DIFF_BASE_SHA"], after or "HEAD"
        elif env.get("CI_MERGE_REQUEST_TARGET_BRANCH_NAME"):
            event.base(env["CI_MERGE_REQUEST_TARGET_BRANCH_NAME"])
        elif event.tag is None:
            event.pushed_from(env.get("CI_COMMIT_BEFORE_SHA", ""), after)
        return event
    if env.get("BITBUCKET_BUILD_NUMBER"):
        event = Event("Bitbucket Pipelines")
        event.tag = env.get("BITBUCKET_TAG") or None
        event.base(env.get("BITBUCKET_PR_DESTINATION_BRANCH"))
        return event
    if env.get("CIRCLECI") == "true":
        event = Event("CircleCI")
        event.tag = env.get("CIRCLE_TAG") or None
        event.no_range = "CircleCI does not name a pull request's base: give --from REF"
        return event
    if env.get("TF_BUILD"):
        event = Event("Azure Pipelines")
        source = env.get("BUILD_SOURCEBRANCH", "")
        if source.startswith("refs/tags/"):
            event.tag = source.removeprefix("refs/tags/")
        target = env.get("SYSTEM_PULLREQUEST_TARGETBRANCH", "")
        event.base(target.removeprefix("refs/heads/"))
        return event
    if env.get("BUILDKITE") == "true":
        event = Event("Buildkite")
        event.tag = env.get("BUILDKITE_TAG") or None
        # BUILDKITE_PULL_REQUEST is the number, or "false" outside pull requests
        if env.get("BUILDKITE_PULL_REQUEST", "false") != "false":
            event.base(env.get("BUILDKITE_PULL_REQUEST_BASE_BRANCH"))
        return event
    if env.get("JENKINS_URL"):
        event = Event("Jenkins")
        event.tag = env.get("TAG_NAME") or None
        event.base(env.get("CHANGE_TARGET"))
        return event
    event = Event("CI" if env.get("CI") else None)
    if event.system is not None:
        event.no_tag = "a CI releaselint does not know: give --tag NAME"
        event.no_range = "a CI releaselint does not know: give --from REF"
    return event


class Check:
    """One check: how it is run, and how it ended."""

    def __init__(self, name: str, argv: list[str] | None, skipped: str | None = None) -> None:
        self.name = name
        self.argv = argv  # None: skipped, for the reason in `detail`
        self.status = "skipped" if argv is None else "passed"
        self.detail = skipped
        self.findings: list[Finding] = []
        self.hints: list[str] = []
        self.error: str | None = None
        self.stderr = ""

    @property
    def warnings(self) -> list[str]:
        """The ``warning: ...`` lines the hook printed on stderr, without the prefix."""
        lines = self.stderr.splitlines()
        return [line.removeprefix("warning: ") for line in lines if line.startswith("warning: ")]

    def record(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "status": self.status,
            "detail": self.detail,
            "findings": [report.record(f) for f in self.findings],
            "hints": self.hints,
            "warnings": self.warnings,
            "error": self.error,
        }


def plan(
    env: Mapping[str, str],
    tags: Sequence[str] = (),
    from_ref: str | None = None,
    to_ref: str | None = None,
    root: str | None = None,
) -> list[Check]:
    """The checks, each with the arguments it runs with or the reason it is skipped. A
    base branch is taken from the remote the CI cloned from (``origin/<base>``) where
    ``root`` has it, as CI clones have no local branch but the one checked out."""
    event = ci_event(env)
    checks = [Check(ALIGNMENT, []), Check(LOCKFILES, [])]
    names = list(tags) or ([event.tag] if event.tag else [])
    if names:
        checks.append(
            Check(TAGS, [f"--ref=refs/tags/{n.removeprefix('refs/tags/')}" for n in names])
        )
    else:
        checks.append(Check(TAGS, None, event.no_tag))
    if from_ref or to_ref:
        start, end = from_ref, to_ref or "HEAD"
    elif env.get("PRE_COMMIT_FROM_REF") and env.get("PRE_COMMIT_TO_REF"):
        checks.append(Check(COMMITS, ["--range"]))
        return checks
    else:
        start, end = event.start, event.end
        if event.branch and root is not None and git.rev_parse(root, f"origin/{start}"):
            start = f"origin/{start}"
    if start is None and event.tag:
        checks.append(Check(COMMITS, None, "no commit range in a tag event: give --from REF"))
    elif start in git.ZERO_OIDS:
        checks.append(Check(COMMITS, None, "first push of this branch, nothing to compare"))
    elif start is None:
        checks.append(Check(COMMITS, None, event.no_range))
    else:
        checks.append(Check(COMMITS, [f"--from={start}", f"--to={end}"]))
    if root is not None and _releases_through_release_please(root):
        checks.append(Check(RELEASE_PLEASE, []))
    return checks


def _releases_through_release_please(root: str) -> bool:
    """Where Release Please makes the releases, its consistency check runs too."""
    from releaselint.core import config as config_module
    from releaselint.core import release_please

    if any(os.path.exists(os.path.join(root, name)) for name in release_please.FILES):
        return True
    try:
        return config_module.load(root).release_please_only
    except FatalError:
        return False  # the alignment check reports the configuration's error


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="releaselint check", description=__doc__)
    parser.add_argument("--format", choices=report.FORMATS, default="text")
    parser.add_argument(
        "-q", "--quiet", action="store_true",
        help="print only findings and errors: no status lines, no summary",
    )  # fmt: skip
    parser.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto",
        help="colour the statuses (auto: on a terminal, unless NO_COLOR is set)",
    )  # fmt: skip
    parser.add_argument(
        "--from", dest="from_ref", metavar="REF",
        help="lint the commits after REF (default: the pull request's base in CI)",
    )  # fmt: skip
    parser.add_argument("--to", dest="to_ref", metavar="REF", help="... up to REF (default HEAD)")
    parser.add_argument(
        "--tag", action="append", default=[], metavar="NAME",
        help="check this tag (default: the tag a CI tag event names)",
    )  # fmt: skip
    return parser


def run(check: Check, root: str, env: Mapping[str, str]) -> None:
    """Run one hook in this process, its JSON output captured, and record how it ended."""
    import contextlib
    import importlib
    import io
    import json

    assert check.argv is not None
    try:
        module = importlib.import_module(MODULES[check.name])
    except ImportError as e:
        check.status, check.error = "error", f"cannot import {MODULES[check.name]}: {e}"
        return
    # the hook's own main, not its entry point's wrapper: Ctrl-C must stop every check
    hook_main = getattr(module.main, "__wrapped__", module.main)
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = hook_main([*check.argv, "--format", "json"])
    except SystemExit as e:  # argparse: a usage error
        code = e.code if isinstance(e.code, int) else 2
    check.stderr = err.getvalue()
    try:
        document = json.loads(out.getvalue())
    except ValueError:
        document = None
    if not isinstance(document, dict):
        check.status = "error"
        check.error = f"{check.name} exited {code}" + (" with no report" if code else "")
        return
    if "error" in document:
        check.status, check.error = "error", str(document["error"])
        return
    check.findings = [
        Finding(f["path"], f["line"], f["message"], f.get("severity", "error"), f.get("hint"))
        for f in document.get("findings", [])
    ]
    hints = [f.hint for f in check.findings if f.hint]
    check.hints = [h for h in document.get("hints", []) if h not in hints]
    failed = code != 0 or any(f.severity == "error" for f in check.findings)
    check.status = "failed" if failed else "passed"
    if check.name == TAGS and git.is_shallow(root):
        # the checks against earlier tags see only the tags this clone fetched
        fetch = "GIT_DEPTH: 0" if env.get("GITLAB_CI") == "true" else "fetch-depth: 0"
        check.detail = f"history checks skipped: shallow clone; use {fetch}"


def use_color(setting: str, env: Mapping[str, str]) -> bool:
    """``--color``; else off under NO_COLOR (https://no-color.org: any non-empty value), as
    pre-commit's PRE_COMMIT_COLOR says where it is set, on where stdout is a terminal.
    pre-commit runs a hook on a terminal of its own only when it shows colour itself
    (pre_commit/xargs.py: "color: Make a pty"), so a hook it runs is plain unless it asks."""
    if setting != "auto":
        return setting == "always"
    if env.get("NO_COLOR"):
        return False
    if env.get("PRE_COMMIT_COLOR") in ("always", "never"):
        return env["PRE_COMMIT_COLOR"] == "always"
    return sys.stdout.isatty() and env.get("TERM") != "dumb"


_COLORS = {"passed": "32", "failed": "31", "error": "31", "skipped": "33"}


def status_line(check: Check, color: bool) -> str:
    status = check.status
    if color:
        status = f"\033[{_COLORS[status]}m{status}\033[0m"
    detail = f" ({check.detail})" if check.detail else ""
    return f"{check.name} ... {status}{detail}"


def summary(checks: Sequence[Check]) -> str:
    counts = []
    for status in ("passed", "failed", "error", "skipped"):
        n = sum(c.status == status for c in checks)
        if n:
            counts.append(f"{n} {status}" if status != "error" else _plural(n, "error"))
    # a warning (a lockfile left unchecked) is said, not counted as a finding
    warnings = sum(f.severity == "warning" for c in checks for f in c.findings)
    findings = sum(len(c.findings) for c in checks) - warnings
    said = _plural(findings, "finding") + (f", {_plural(warnings, 'warning')}" if warnings else "")
    return f"{_plural(len(checks), 'check')}: {', '.join(counts)}; {said}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def emit_check(check: Check, fmt: str, quiet: bool, color: bool) -> None:
    """One check's status line, its findings and hints, then what it said on stderr."""
    if not quiet:
        print(status_line(check, color))
    report.emit(check.findings, check.hints, fmt)
    stderr = check.stderr
    if fmt == "github" and check.warnings:
        # configuration warnings become annotations of the run, like the findings
        stderr = "".join(f"{s}\n" for s in stderr.splitlines() if not s.startswith("warning: "))
        for warning in check.warnings:
            print(f"::warning::{report.escape_data(warning)}")
    # flushed check by check: a CI log shows each line as its check ends, and the lines on
    # stderr stay under their check's line
    sys.stdout.flush()
    sys.stderr.write(stderr)
    if check.error:
        report.fatal(check.error, fmt)


@report.entry_point
def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    env = os.environ
    fmt = str(args.format)
    try:
        root = git.toplevel()
    except FatalError as e:
        report.fatal(str(e), fmt)
        return 1
    checks = plan(env, args.tag, args.from_ref, args.to_ref, root)
    color = use_color(str(args.color), env)
    for check in checks:
        if check.argv is not None:
            run(check, root, env)
        if fmt != "json":
            emit_check(check, fmt, args.quiet, color)
    if fmt == "json":
        import json

        sys.stderr.write("".join(c.stderr for c in checks))
        document = {"checks": [c.record() for c in checks], "summary": summary(checks)}
        print(json.dumps(document, indent=2))
    elif not args.quiet:
        print(summary(checks))
    return 1 if any(c.status in ("failed", "error") for c in checks) else 0


if __name__ == "__main__":
    raise SystemExit(main())
