"""Strict SemVer 2.0.0 values, and the mapping to and from PEP 440 versions."""

from __future__ import annotations

import re

from releaselint.core.errors import InvalidVersion
from releaselint.core.lazyre import lazy

TYPE_CHECKING = False

if TYPE_CHECKING:
    from packaging.version import Version as Pep440Version

# The grammar of semver.org, spelled with [0-9] instead of \d so that no non-ASCII digit
# (U+0660 ARABIC-INDIC ZERO and friends) is accepted, and matched with fullmatch so that a
# trailing newline is not silently accepted the way "$" accepts it.
_NUM = r"0|[1-9][0-9]*"
_PRE_ID = r"0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*"
_SEMVER = (
    rf"({_NUM})\.({_NUM})\.({_NUM})"
    rf"(?:-((?:{_PRE_ID})(?:\.(?:{_PRE_ID}))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?"
)
# compiled on first use: a hook whose declarations are all equal never parses one
_SEMVER_RE = lazy(_SEMVER)


def _semver_match(text: str) -> re.Match[str] | None:
    return _SEMVER_RE.fullmatch(text) if text.isascii() else None


BUMP_PARTS = ("major", "minor", "patch", "prerelease")


class SemVer:
    """A SemVer 2.0.0 version: immutable, ordered by precedence (build metadata ignored).

    Equality follows precedence too, so ``1.0.0+a == 1.0.0+b``; ``str()`` keeps the build.
    """

    __slots__ = ("build", "major", "minor", "patch", "prerelease")

    major: int
    minor: int
    patch: int
    prerelease: tuple[str, ...]
    build: tuple[str, ...]

    def __init__(self, version: str) -> None:
        match = _semver_match(version)
        if match is None:
            raise InvalidVersion(f"Invalid version: {version!r}")
        major, minor, patch, pre, build = match.groups()
        object.__setattr__(self, "major", int(major))
        object.__setattr__(self, "minor", int(minor))
        object.__setattr__(self, "patch", int(patch))
        object.__setattr__(self, "prerelease", tuple(pre.split(".")) if pre else ())
        object.__setattr__(self, "build", tuple(build.split(".")) if build else ())

    @classmethod
    def from_parts(
        cls,
        major: int,
        minor: int,
        patch: int,
        prerelease: tuple[str, ...] = (),
        build: tuple[str, ...] = (),
    ) -> SemVer:
        text = f"{major}.{minor}.{patch}"
        if prerelease:
            text += "-" + ".".join(prerelease)
        if build:
            text += "+" + ".".join(build)
        return cls(text)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __str__(self) -> str:
        text = f"{self.major}.{self.minor}.{self.patch}"
        if self.prerelease:
            text += "-" + ".".join(self.prerelease)
        if self.build:
            text += "+" + ".".join(self.build)
        return text

    def __repr__(self) -> str:
        return f"<SemVer({str(self)!r})>"

    def _key(self) -> tuple[int, int, int, int, tuple[tuple[int, int, str], ...]]:
        # A version without prerelease ranks above every prerelease of it (spec item 11.3);
        # numeric identifiers rank below alphanumeric ones and compare as numbers (11.4).
        pre = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in self.prerelease)
        return (self.major, self.minor, self.patch, 0 if pre else 1, pre)

    def __hash__(self) -> int:
        return hash(self._key())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SemVer):
            return NotImplemented
        return self._key() == other._key()

    def __lt__(self, other: SemVer) -> bool:
        return self._key() < other._key()

    def __le__(self, other: SemVer) -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: SemVer) -> bool:
        return self._key() > other._key()

    def __ge__(self, other: SemVer) -> bool:
        return self._key() >= other._key()

    @property
    def is_prerelease(self) -> bool:
        return bool(self.prerelease)

    def bump(self, part: str, preid: str | None = None) -> SemVer:
        """The next version, with npm's ``semver.inc`` rules.

        A prerelease is finished by the part it is a prerelease of (``1.3.0-rc.1`` bumped
        ``minor`` is ``1.3.0``); ``prerelease`` counts up the last number, or starts
        ``<patch+1>-<preid>.0``; build metadata is dropped.
        """
        major, minor, patch, pre = self.major, self.minor, self.patch, self.prerelease
        if part == "major":
            if not (pre and minor == 0 and patch == 0):
                major += 1
            return SemVer.from_parts(major, 0, 0)
        if part == "minor":
            if not (pre and patch == 0):
                minor += 1
            return SemVer.from_parts(major, minor, 0)
        if part == "patch":
            if not pre:
                patch += 1
            return SemVer.from_parts(major, minor, patch)
        if part == "prerelease":
            if preid is not None:
                SemVer(f"0.0.0-{preid}")  # validates the identifier
            if not pre:
                return SemVer.from_parts(major, minor, patch + 1, _start(preid))
            if preid is not None and pre[0] != preid:
                return SemVer.from_parts(major, minor, patch, _start(preid))
            if pre[-1].isdigit():
                return SemVer.from_parts(major, minor, patch, (*pre[:-1], str(int(pre[-1]) + 1)))
            return SemVer.from_parts(major, minor, patch, (*pre, "0"))
        raise ValueError(f"unknown part {part!r}: expected one of {', '.join(BUMP_PARTS)}")


def _start(preid: str | None) -> tuple[str, ...]:
    return (preid, "0") if preid else ("0",)


def is_semver(text: str) -> bool:
    return _semver_match(text) is not None


# SemVer prerelease labels that PEP 440 spells as a/b/rc, and back.
_PEP440_PRE = {"a": "a", "alpha": "a", "b": "b", "beta": "b", "c": "rc", "rc": "rc"}
_SEMVER_PRE = {"a": "alpha", "b": "beta", "rc": "rc"}
_LABEL_NUM = r"([a-z]+)([0-9]+)?"


def semver_to_pep440(version: SemVer) -> str | None:
    """The PEP 440 spelling of ``version`` (``1.2.3-rc.1`` -> ``1.2.3rc1``), or None.

    Only prereleases of one known label with an optional number map (``alpha``, ``beta``,
    ``rc``, ``dev``, as ``rc.1`` or ``rc1``); anything else has no PEP 440 counterpart
    and is reported rather than guessed.
    """
    text = f"{version.major}.{version.minor}.{version.patch}"
    pre = version.prerelease
    if pre:
        first = re.fullmatch(_LABEL_NUM, pre[0].lower())
        if first is None or len(pre) > 2:
            return None
        label, number = first.groups()
        if len(pre) == 2:
            if number is not None or not pre[1].isdigit():
                return None
            number = pre[1]
        number = str(int(number)) if number is not None else "0"
        if label == "dev":
            text += f".dev{number}"
        elif label in _PEP440_PRE:
            text += f"{_PEP440_PRE[label]}{number}"
        else:
            return None
    if version.build:
        local = ".".join(version.build).lower()
        if "-" in local:
            return None
        text += f"+{local}"
    return text


def pep440_to_semver(text: str) -> SemVer | None:
    """The SemVer spelling of a PEP 440 version (``1.2.3rc1`` -> ``1.2.3-rc.1``), or None.

    Epochs, post releases, other than three release numbers and a prerelease combined with a
    dev release have no SemVer counterpart. ``X.Y.Z.dev0`` maps to ``X.Y.Z-dev``.
    """
    version = parse_pep440(text)
    if version is None or version.epoch or version.post is not None or len(version.release) != 3:
        return None
    if version.pre is not None and version.dev is not None:
        return None
    release = version.release
    pre: tuple[str, ...] = ()
    if version.pre is not None:
        pre = (_SEMVER_PRE[version.pre[0]], str(version.pre[1]))
    elif version.dev is not None:
        pre = ("dev",) if version.dev == 0 else ("dev", str(version.dev))
    build = tuple(version.local.split(".")) if version.local else ()
    return SemVer.from_parts(*release, pre, build)


def parse_pep440(text: str) -> Pep440Version | None:
    from packaging.version import InvalidVersion as PackagingInvalid
    from packaging.version import Version

    try:
        return Version(text)
    except PackagingInvalid:
        return None


def same_version(declared: str, expected: str) -> bool:
    """Whether a declared version string means ``expected`` (a SemVer or PEP 440 string).

    Exact text first, then the PEP 440 spellings our own mapping gives (``1.2.3rc1`` for
    ``1.2.3-rc.1``) -- both without importing packaging -- and only for other spellings
    (``1.2.3-RC1``, ``v1.2``) PEP 440 equality through packaging.
    """
    if declared == expected:
        return True
    left_semver, right_semver = is_semver(declared), is_semver(expected)
    left = semver_to_pep440(SemVer(declared)) if left_semver else declared
    right = semver_to_pep440(SemVer(expected)) if right_semver else expected
    if left is not None and left == right:
        return True
    if left_semver and right_semver:
        return False
    parsed = _as_pep440(declared)
    return parsed is not None and parsed == _as_pep440(expected)


def _as_pep440(text: str) -> Pep440Version | None:
    if is_semver(text):
        mapped = semver_to_pep440(SemVer(text))
        return parse_pep440(mapped) if mapped is not None else None
    return parse_pep440(text)
