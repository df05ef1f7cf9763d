"""Whether a version satisfies a requirement, offline, by each ecosystem's own rules.

- ``node`` (npm, pnpm, yarn; ``deno`` reads npm ranges alike): node-semver 7 without
  ``includePrerelease`` -- ``^``, ``~``, X-ranges (``1.x``, ``1.2.*``, ``*``, ``""``), hyphen
  ranges, ``||``, comparators, partial versions; a prerelease satisfies a comparator set
  only where one of its comparators is a prerelease of the same ``major.minor.patch``
  (semver/classes/range.js ``testSet``).
- ``rust``: Cargo requirements (the ``semver`` crate's ``VersionReq``): a bare ``1.4.0``
  means ``^1.4.0``; ``=``, ``~``, ``^``, ``*``/``1.*``, comparators, comma lists; the same
  prerelease rule, by the crate's ``pre_is_compatible``.
- ``python``: PEP 440 specifiers through ``packaging.specifiers`` (imported on first use);
  a prerelease is compared like any version, as an installed package is (PEP 440: tools
  accept already present pre-releases for every specifier).

``satisfies`` answers None where it cannot decide: a requirement it does not read
(``workspace:*``, a URL, a dist-tag), or a version that is not one.

Both tables in ``tests/core/data/`` were computed by the real implementations
(``scripts/gen_ranges.py``: npm's ``semver`` package and ``cargo metadata``).
"""

from __future__ import annotations

import re

from releaselint.core.lazyre import lazy
from releaselint.core.versions import SemVer, is_semver, semver_to_pep440

TYPE_CHECKING = False
if TYPE_CHECKING:
    # (operator, version): operator one of "=", ">", ">=", "<", "<="
    Comparator = tuple[str, SemVer]
    # a part of a partial version: its digits, or None for a wildcard or a missing part
    Part = str | None

_NUM = r"0|[1-9][0-9]*"
_X = r"[xX*]"
_PRE_ID = r"0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*"
_PRE = rf"(?:{_PRE_ID})(?:\.(?:{_PRE_ID}))*"
_BUILD = r"[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*"
# node-semver's XRANGEPLAIN: v?M(.m(.p(-pre)?(+build)?)?)?, each number or x/X/*
_NODE_PARTIAL = lazy(
    rf"v?({_NUM}|{_X})(?:\.({_NUM}|{_X})(?:\.({_NUM}|{_X})(?:-?({_PRE}))?(?:\+{_BUILD})?)?)?"
)
_NODE_OPERATOR = lazy(r"(\^|~>?|[<>]?=?)\s*(.*)", re.DOTALL)
_NODE_HYPHEN = lazy(r"(\S+)\s+-\s+(\S+)")
# the semver crate's comparator: M(.m(.p(-pre)?)?)?, with * or x for a missing part
_CARGO_COMPARATOR = lazy(
    rf"(=|>=|>|<=|<|~|\^)?\s*({_NUM}|{_X})(?:\.({_NUM}|{_X})(?:\.({_NUM}|{_X})(?:-({_PRE}))?)?)?"
)
_MAX_SAFE = 2**53 - 1


def satisfies(ecosystem: str, requirement_text: str, version: str) -> bool | None:
    """Whether ``version`` satisfies ``requirement_text`` in ``ecosystem`` ("node", "deno",
    "rust", "python"); None where either cannot be read."""
    try:
        return _satisfies(ecosystem, requirement_text, version)
    except ValueError:  # a number past int()'s 4,300 digits: no tool reads it either
        return None


def _satisfies(ecosystem: str, requirement_text: str, version: str) -> bool | None:
    if ecosystem == "python":
        return _python(requirement_text, version)
    if not is_semver(version):
        return None
    parsed = SemVer(version)
    if ecosystem in ("node", "deno"):
        sets = node_range(requirement_text)
        if sets is None:
            return None
        return any(_node_test(comparators, parsed) for comparators in sets)
    if ecosystem == "rust":
        return _cargo(requirement_text, parsed)
    return None


# ----------------------------------------------------------------------------------- node
def node_range(text: str) -> list[list[Comparator]] | None:
    """A node-semver range as comparator sets (any set may match; all of one set must), or
    None where node-semver would not read it (``validRange`` null)."""
    if len(text) > 256 or not text.isascii():
        return None
    sets = []
    for alternative in text.split("||"):
        comparators = _node_set(" ".join(alternative.split()))
        if comparators is None:
            return None
        sets.append(comparators)
    return sets


def _node_set(text: str) -> list[Comparator] | None:
    hyphen = _NODE_HYPHEN.fullmatch(text)
    if hyphen is not None:
        return _node_hyphen(hyphen.group(1), hyphen.group(2))
    # node-semver joins an operator to its version ("> = 1" is not read, ">= 1" is)
    tokens: list[str] = []
    for token in text.split(" ") if text else []:
        if tokens and tokens[-1] in ("^", "~", "~>", "<", ">", "<=", ">=", "="):
            tokens[-1] += token
        else:
            tokens.append(token)
    found: list[Comparator] = []
    for token in tokens:
        comparators = _node_comparator(token)
        if comparators is None:
            return None
        found.extend(comparators)
    return found


def _node_partial(text: str) -> tuple[Part, Part, Part, str] | None:
    match = _NODE_PARTIAL.fullmatch(text)
    if match is None:
        return None
    major, minor, patch, pre = match.groups()
    parts = [None if p is None or p in "xX*" else p for p in (major, minor, patch)]
    if any(p is not None and int(p) > _MAX_SAFE for p in parts):
        return None
    return parts[0], parts[1], parts[2], pre or ""


def _v(major: object, minor: object, patch: object, pre: str = "") -> SemVer:
    return SemVer(f"{major}.{minor}.{patch}" + (f"-{pre}" if pre else ""))


def _inc(digits: str) -> int:
    return int(digits) + 1


def _node_comparator(token: str) -> list[Comparator] | None:
    match = _NODE_OPERATOR.fullmatch(token)
    assert match is not None
    operator, rest = match.groups()
    if not rest and not operator:
        return []
    partial = _node_partial(rest) if rest else (None, None, None, "")
    if partial is None:
        return None
    major, minor, patch, pre = partial
    if operator in ("~", "~>"):
        return _node_tilde(major, minor, patch, pre)
    if operator == "^":
        return _node_caret(major, minor, patch, pre)
    return _node_xrange(operator, major, minor, patch, pre)


def _node_tilde(major: Part, minor: Part, patch: Part, pre: str) -> list[Comparator]:
    if major is None:
        return []
    if minor is None:
        return [(">=", _v(major, 0, 0)), ("<", _v(_inc(major), 0, 0, "0"))]
    low = _v(major, minor, 0) if patch is None else _v(major, minor, patch, pre)
    return [(">=", low), ("<", _v(major, _inc(minor), 0, "0"))]


def _node_caret(major: Part, minor: Part, patch: Part, pre: str) -> list[Comparator]:
    if major is None:
        return []
    if minor is None:
        return [(">=", _v(major, 0, 0)), ("<", _v(_inc(major), 0, 0, "0"))]
    if patch is None:
        high = _v(_inc(major), 0, 0, "0") if major != "0" else _v(0, _inc(minor), 0, "0")
        return [(">=", _v(major, minor, 0)), ("<", high)]
    if major != "0":
        high = _v(_inc(major), 0, 0, "0")
    elif minor != "0":
        high = _v(0, _inc(minor), 0, "0")
    else:
        high = _v(0, 0, _inc(patch), "0")
    return [(">=", _v(major, minor, patch, pre)), ("<", high)]


def _node_xrange(
    operator: str, major: Part, minor: Part, patch: Part, pre: str
) -> list[Comparator] | None:
    if major is None:
        # ">*" and "<*" match nothing; "*", ">=*", "<=*", "=*" anything
        return [("<", _v(0, 0, 0, "0"))] if operator in ("<", ">") else []
    if minor is not None and patch is not None:
        return [(operator or "=", _v(major, minor, patch, pre))]
    if operator in ("", "="):
        if minor is None:
            return [(">=", _v(major, 0, 0)), ("<", _v(_inc(major), 0, 0, "0"))]
        return [(">=", _v(major, minor, 0)), ("<", _v(major, _inc(minor), 0, "0"))]
    new_major, new_minor = int(major), int(minor or 0)
    if operator == ">":
        operator = ">="
        if minor is None:
            new_major, new_minor = new_major + 1, 0
        else:
            new_minor += 1
    elif operator == "<=":
        operator = "<"
        if minor is None:
            new_major += 1
        else:
            new_minor += 1
    suffix = "0" if operator == "<" else ""
    return [(operator, _v(new_major, new_minor, 0, suffix))]


def _node_hyphen(low_text: str, high_text: str) -> list[Comparator] | None:
    low = _node_partial(low_text)
    high = _node_partial(high_text)
    if low is None or high is None:
        return None
    found: list[Comparator] = []
    major, minor, patch, pre = low
    if major is not None:
        found.append((">=", _v(major, minor or 0, patch or 0, pre if patch is not None else "")))
    major, minor, patch, pre = high
    if major is None:
        return found
    if minor is None:
        found.append(("<", _v(_inc(major), 0, 0, "0")))
    elif patch is None:
        found.append(("<", _v(major, _inc(minor), 0, "0")))
    else:
        found.append(("<=", _v(major, minor, patch, pre)))
    return found


def _compare(operator: str, version: SemVer, bound: SemVer) -> bool:
    if operator == "=":
        return version == bound
    if operator == ">":
        return version > bound
    if operator == ">=":
        return version >= bound
    if operator == "<":
        return version < bound
    return version <= bound


def _node_test(comparators: list[Comparator], version: SemVer) -> bool:
    if not all(_compare(op, version, bound) for op, bound in comparators):
        return False
    if not version.prerelease:
        return True
    return any(bound.prerelease and bound.release == version.release for _, bound in comparators)


# ---------------------------------------------------------------------------------- cargo
def _cargo(text: str, version: SemVer) -> bool | None:
    if not text.isascii() or len(text) > 1024:
        return None
    stripped = text.strip()
    if stripped == "*":
        return not version.prerelease
    comparators = []
    for item in stripped.split(","):
        match = _CARGO_COMPARATOR.fullmatch(item.strip())
        if match is None:
            return None
        operator, major, minor, patch, pre = match.groups()
        if major in "xX*":
            return None
        minor = None if minor is None or minor in "xX*" else minor
        wildcard = match.group(3) in ("x", "X", "*") or match.group(4) in ("x", "X", "*")
        if wildcard and (operator not in (None, "=") or pre or len(stripped.split(",")) > 1):
            return None
        if minor is None and match.group(4) not in (None, "x", "X", "*"):
            return None  # "1.*.3"
        patch = None if patch is None or patch in "xX*" else patch
        if pre and patch is None:
            return None
        operator = "=" if wildcard else (operator or "^")
        comparators.append((operator, int(major), _int(minor), _int(patch), pre or ""))
    if not all(_cargo_matches(c, version) for c in comparators):
        return False
    if not version.prerelease:
        return True
    # pre_is_compatible: a prerelease only where a comparator names its release with a pre
    return any(
        (major, minor, patch) == (version.major, version.minor, version.patch) and pre
        for _, major, minor, patch, pre in comparators
    )


def _int(digits: str | None) -> int | None:
    return None if digits is None else int(digits)


def _pre_key(pre: str) -> SemVer:
    return SemVer(f"0.0.0-{pre}") if pre else SemVer("0.0.0")


def _cargo_matches(
    comparator: tuple[str, int, int | None, int | None, str], version: SemVer
) -> bool:
    """The semver crate's ``matches_impl`` (src/eval.rs), operator by operator."""
    operator, major, minor, patch, pre = comparator
    ver_pre = _pre_key(".".join(version.prerelease))
    cmp_pre = _pre_key(pre)
    if operator == "=":
        return _cargo_exact(major, minor, patch, version) and ver_pre == cmp_pre
    if operator in (">", ">=", "<", "<="):
        if operator in (">=", "<=") and (
            _cargo_exact(major, minor, patch, version) and ver_pre == cmp_pre
        ):
            return True
        ordered = _cargo_order(major, minor, patch, version, ver_pre, cmp_pre)
        return ordered == (1 if operator.startswith(">") else -1)
    if version.major != major:
        return False
    if operator == "~":
        if minor is not None and version.minor != minor:
            return False
        if patch is not None and version.patch != patch:
            return version.patch > patch
        return ver_pre >= cmp_pre
    # caret
    if minor is None:
        return True
    if patch is None:
        return version.minor >= minor if major > 0 else version.minor == minor
    if major > 0:
        if version.minor != minor:
            return version.minor > minor
        if version.patch != patch:
            return version.patch > patch
    elif minor > 0:
        if version.minor != minor:
            return False
        if version.patch != patch:
            return version.patch > patch
    elif version.minor != minor or version.patch != patch:
        return False
    return ver_pre >= cmp_pre


def _cargo_exact(major: int, minor: int | None, patch: int | None, version: SemVer) -> bool:
    return (
        version.major == major
        and (minor is None or version.minor == minor)
        and (patch is None or version.patch == patch)
    )


def _cargo_order(
    major: int,
    minor: int | None,
    patch: int | None,
    version: SemVer,
    ver_pre: SemVer,
    cmp_pre: SemVer,
) -> int:
    """1 where ``version`` is above the comparator, -1 below, 0 where a missing part
    leaves it inside (``>1`` does not match ``1.5.0``)."""
    for have, want in ((version.major, major), (version.minor, minor), (version.patch, patch)):
        if want is None:
            return 0
        if have != want:
            return 1 if have > want else -1
    if ver_pre == cmp_pre:
        return 0
    return 1 if ver_pre > cmp_pre else -1


# --------------------------------------------------------------------------------- python
def _python(text: str, version: str) -> bool | None:
    from packaging.specifiers import InvalidSpecifier, SpecifierSet
    from packaging.version import InvalidVersion, Version

    if is_semver(version):
        spelled = semver_to_pep440(SemVer(version))
        if spelled is None:
            return None
        version = spelled
    try:
        return SpecifierSet(text).contains(Version(version), prereleases=True)
    except (InvalidSpecifier, InvalidVersion):
        return None
