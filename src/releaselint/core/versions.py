"""Strict SemVer 2.0.0 values, and the mapping to and from PEP 440 versions."""

from __future__ import annotations

from releaselint.core.errors import InvalidVersion
from releaselint.core.lazyre import lazy

TYPE_CHECKING = False

if TYPE_CHECKING:
    from packaging.version import Version as Pep440Version

# The grammar of semver.org, read without a regular expression: a hook that compares
# versions must not pay for importing ``re`` (~4 ms with what it imports). ASCII only, so
# that no non-ASCII digit (U+0660 ARABIC-INDIC ZERO and friends) is accepted, and the whole
# text, so that a trailing newline is not accepted the way "$" accepts it. The test suite
# holds it to the semver.org regular expression.
_IDENTIFIER_CHARS = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-")


def _number(text: str) -> bool:
    """``0|[1-9][0-9]*``, on ASCII text."""
    return text.isdigit() and (text[0] != "0" or len(text) == 1)


def _identifiers(text: str, prerelease: bool) -> bool:
    """Dot-separated identifiers ``[0-9a-zA-Z-]+`` on ASCII text; in a prerelease, a numeric
    one has no leading zero."""
    for identifier in text.split("."):
        if not identifier or not _IDENTIFIER_CHARS.issuperset(identifier):
            return False
        if prerelease and identifier.isdigit() and not _number(identifier):
            return False
    return True


def _semver_parts(text: str) -> tuple[str, str, str, str | None, str | None] | None:
    """(major, minor, patch, prerelease, build) of a SemVer version, or None."""
    if not text.isascii():
        return None
    # the core and the prerelease hold no "+", the core no "-"
    rest, plus, build = text.partition("+")
    core, dash, pre = rest.partition("-")
    numbers = core.split(".")
    if len(numbers) != 3 or not all(_number(n) for n in numbers):
        return None
    if (dash and not _identifiers(pre, True)) or (plus and not _identifiers(build, False)):
        return None
    return numbers[0], numbers[1], numbers[2], pre if dash else None, build if plus else None


BUMP_PARTS = ("major", "minor", "patch", "prerelease")

# npm's limits (semver/internal/constants.js): a longer version or a larger number is not a
# version npm reads. Every version releaselint writes into a SemVer file fits them.
NPM_MAX_LENGTH = 256
NPM_MAX_SAFE_INTEGER = 2**53 - 1


def number_key(digits: str) -> tuple[int, str]:
    """Order of two numeric identifiers without ``int()``: Python refuses to convert more
    than 4,300 digits, and an identifier has no leading zero, so the longer is the larger."""
    return (len(digits), digits)


def _increment(digits: str) -> str:
    """``digits`` plus one, for numbers of any length (linear in their length)."""
    stripped = digits.rstrip("9")
    nines = len(digits) - len(stripped)
    if not stripped:
        return "1" + "0" * nines
    return stripped[:-1] + str(int(stripped[-1]) + 1) + "0" * nines


def _js_number(identifier: str) -> bool:
    """Whether npm's ``semver`` holds a prerelease identifier as a number: digits only,
    below ``Number.MAX_SAFE_INTEGER`` (larger ones stay strings, semver/classes/semver.js)."""
    if not (identifier.isascii() and identifier.isdigit()):
        return False
    return len(identifier) < 17 and int(identifier) < NPM_MAX_SAFE_INTEGER


# What JavaScript's ``Number()`` reads from an identifier-shaped string (``isNaN`` is false):
# decimals with an exponent, Infinity and 0x/0b/0o literals -- ``semver.inc`` tests the
# identifier after ``--preid`` with ``isNaN``.
_JS_NUMERIC = r"-?(?:Infinity|[0-9]+(?:[eE]-?[0-9]+)?)|0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+"
_JS_NUMERIC_RE = lazy(_JS_NUMERIC)


def is_prerelease_identifier(text: str) -> bool:
    """Whether ``text`` is a dot-separated SemVer prerelease (what ``--preid`` accepts)."""
    return text.isascii() and _identifiers(text, True)


class SemVer:
    """A SemVer 2.0.0 version: immutable, ordered by precedence (build metadata ignored).

    Equality follows precedence too, so ``1.0.0+a == 1.0.0+b``; ``str()`` keeps the build.
    The numbers are kept as digits: SemVer sets no limit on them, and comparing or bumping
    a 5,000-digit number must not fail where ``int()`` would.
    """

    __slots__ = ("_release", "build", "prerelease")

    _release: tuple[str, str, str]
    prerelease: tuple[str, ...]
    build: tuple[str, ...]

    def __init__(self, version: str) -> None:
        parts = _semver_parts(version)
        if parts is None:
            raise InvalidVersion(f"Invalid version: {version!r}")
        major, minor, patch, pre, build = parts
        object.__setattr__(self, "_release", (major, minor, patch))
        object.__setattr__(self, "prerelease", tuple(pre.split(".")) if pre else ())
        object.__setattr__(self, "build", tuple(build.split(".")) if build else ())

    @classmethod
    def from_parts(
        cls,
        major: int | str,
        minor: int | str,
        patch: int | str,
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

    @property
    def major(self) -> int:
        return int(self._release[0])

    @property
    def minor(self) -> int:
        return int(self._release[1])

    @property
    def patch(self) -> int:
        return int(self._release[2])

    @property
    def release(self) -> str:
        """``major.minor.patch``, as written."""
        return ".".join(self._release)

    def __str__(self) -> str:
        text = self.release
        if self.prerelease:
            text += "-" + ".".join(self.prerelease)
        if self.build:
            text += "+" + ".".join(self.build)
        return text

    def __repr__(self) -> str:
        return f"<SemVer({str(self)!r})>"

    def _key(self) -> tuple[object, ...]:
        return _precedence(self._release, self.prerelease)

    def __hash__(self) -> int:
        return hash(self._key())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SemVer):
            return NotImplemented
        return self._key() == other._key()

    # Like packaging's Version: another type is NotImplemented, so `<` raises TypeError.
    def __lt__(self, other: SemVer) -> bool:
        if not isinstance(other, SemVer):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: SemVer) -> bool:
        if not isinstance(other, SemVer):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: SemVer) -> bool:
        if not isinstance(other, SemVer):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: SemVer) -> bool:
        if not isinstance(other, SemVer):
            return NotImplemented
        return self._key() >= other._key()

    @property
    def is_prerelease(self) -> bool:
        return bool(self.prerelease)

    def bump(self, part: str, preid: str | None = None) -> SemVer:
        """The next version, exactly as npm's ``semver.inc(version, part, preid)``.

        A prerelease is finished by the part it is a prerelease of (``1.3.0-rc.1`` bumped
        ``minor`` is ``1.3.0``); ``prerelease`` counts up the last number, or starts
        ``<patch+1>-<preid>.0``; build metadata is dropped.
        """
        major, minor, patch = self._release
        pre = self.prerelease
        if part == "major":
            if not (pre and minor == "0" and patch == "0"):
                major = _increment(major)
            return SemVer.from_parts(major, 0, 0)
        if part == "minor":
            if not (pre and patch == "0"):
                minor = _increment(minor)
            return SemVer.from_parts(major, minor, 0)
        if part == "patch":
            if not pre:
                patch = _increment(patch)
            return SemVer.from_parts(major, minor, patch)
        if part == "prerelease":
            if preid and not is_prerelease_identifier(preid):
                raise InvalidVersion(f"invalid prerelease identifier {preid!r}")
            if not pre:
                patch = _increment(patch)
            return SemVer.from_parts(major, minor, patch, _next_prerelease(pre, preid))
        raise ValueError(f"unknown part {part!r}: expected one of {', '.join(BUMP_PARTS)}")


def _next_prerelease(pre: tuple[str, ...], preid: str | None) -> tuple[str, ...]:
    """The ``pre`` step of semver.inc (semver/classes/semver.js, ``case 'pre'``)."""
    ids = list(pre) if pre else []
    if not ids:
        ids = ["0"]
    else:
        for index in range(len(ids) - 1, -1, -1):
            if _js_number(ids[index]):
                ids[index] = _increment(ids[index])
                break
        else:
            ids.append("0")
    if preid:  # an empty --preid is no identifier, as in npm
        wanted = preid.split(".")
        restart = [*wanted, "0"]
        if ids[: len(wanted)] != wanted:
            return tuple(restart)
        # same identifier: keep counting unless what follows it is not a number to JavaScript
        following = ids[len(wanted)] if len(ids) > len(wanted) else None
        if following is None or _JS_NUMERIC_RE.fullmatch(following) is None:
            return tuple(restart)
    return tuple(ids)


def _precedence(release: tuple[str, str, str], prerelease: tuple[str, ...]) -> tuple[object, ...]:
    # A version without prerelease ranks above every prerelease of it (spec item 11.3);
    # numeric identifiers rank below alphanumeric ones and compare as numbers (11.4).
    pre = tuple((0, number_key(p), "") if p.isdigit() else (1, (0, ""), p) for p in prerelease)
    return (*(number_key(n) for n in release), 0 if pre else 1, pre)


def precedence_key(text: str) -> tuple[object, ...] | None:
    """The order of a SemVer version, as ``SemVer(text)`` compares, without building one
    (sorting tens of thousands of tags); None where ``text`` is not SemVer."""
    parts = _semver_parts(text)
    if parts is None:
        return None
    major, minor, patch, pre, _ = parts
    return _precedence((major, minor, patch), tuple(pre.split(".")) if pre else ())


def is_semver(text: str) -> bool:
    return _semver_parts(text) is not None


# SemVer prerelease labels that PEP 440 spells as a/b/rc, and back.
_PEP440_PRE = {"a": "a", "alpha": "a", "b": "b", "beta": "b", "c": "rc", "rc": "rc"}
_SEMVER_PRE = {"a": "alpha", "b": "beta", "rc": "rc"}
_LABEL_NUM_RE = lazy(r"([a-z]+)([0-9]+)?")


def semver_to_pep440(version: SemVer) -> str | None:
    """The PEP 440 spelling of ``version`` (``1.2.3-rc.1`` -> ``1.2.3rc1``), or None.

    Only prereleases of one known label with an optional number map (``alpha``, ``beta``,
    ``rc``, ``dev``, as ``rc.1`` or ``rc1``); anything else has no PEP 440 counterpart
    and is reported rather than guessed.
    """
    text = version.release
    pre = version.prerelease
    if pre:
        first = _LABEL_NUM_RE.fullmatch(pre[0].lower())
        if first is None or len(pre) > 2:
            return None
        label, number = first.groups()
        if len(pre) == 2:
            if number is not None or not pre[1].isdigit():
                return None
            number = pre[1]
        number = (number.lstrip("0") or "0") if number is not None else "0"
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
    """A PEP 440 version, or None. packaging accepts whitespace around the version, Unicode
    line separators (U+2028, U+0085) included; a version written in a tag or a file has
    none, and a tag ``v1.0.0\u2028`` is not the release ``v1.0.0``."""
    if not text.isascii() or text.strip() != text:
        return None
    from packaging.version import InvalidVersion as PackagingInvalid
    from packaging.version import Version

    try:
        return Version(text)
    except PackagingInvalid:
        return None
    except ValueError:  # a number over Python's 4,300-digit int() limit
        return None


def is_pep440(text: str) -> bool:
    """Whether ``text`` is a PEP 440 version, without importing packaging where it is a
    SemVer version with a PEP 440 spelling (such text is itself valid PEP 440: the same
    labels, separators and local part). Numbers past Python's 4,300-digit ``int()`` limit
    go to packaging, which refuses them."""
    if len(text) < 4300 and is_semver(text) and semver_to_pep440(SemVer(text)) is not None:
        return True
    return parse_pep440(text) is not None


def same_version(declared: str, expected: str, *, pep440: bool, both_pep440: bool = False) -> bool:
    """Whether a declared version string means ``expected`` (a SemVer or PEP 440 string).

    ``pep440`` says one side is a Python declaration (or a PEP 440 tag): only then do
    spellings that map to the same PEP 440 version count as one. Two SemVer declarations
    compare as SemVer: equal precedence and equal build is equal text (no leading zeros,
    case-sensitive), so ``1.0.0-rc1`` is not ``1.0.0-rc.1`` and ``RC`` is not ``rc``.

    For Python, exact text first, then the PEP 440 spellings our own mapping gives
    (``1.2.3rc1`` for ``1.2.3-rc.1``) -- both without importing packaging -- and only for
    other spellings (``1.2.3-RC1``, ``v1.2``) PEP 440 equality through packaging.
    """
    if declared == expected:
        return True
    if not pep440:
        return False
    left_semver, right_semver = is_semver(declared), is_semver(expected)
    left = semver_to_pep440(SemVer(declared)) if left_semver else declared
    right = semver_to_pep440(SemVer(expected)) if right_semver else expected
    if left is not None and left == right:
        return True
    if left_semver and right_semver:
        return False
    parsed = _as_pep440(declared)
    if parsed is not None and parsed == _as_pep440(expected):
        return True
    if both_pep440:
        # two Python declarations: each is PEP 440 as written (`1.0.0-post1` is a post
        # release to packaging, a prerelease to SemVer)
        parsed = parse_pep440(declared)
        return parsed is not None and parsed == parse_pep440(expected)
    return False


def shown(text: str, limit: int = 60) -> str:
    """``repr(text)`` for messages, cut short where it is long (a 5,000-digit version)."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[: limit - 20]!r}...{text[-10:]!r} ({len(text)} characters)"


# What a version written into a PEP 440 file may hold: packaging accepts surrounding
# whitespace (a newline included) and a leading "v"; releaselint writes none of that.
_PLAIN_PEP440_RE = lazy(r"[0-9A-Za-z.!+_-]+")


def write_problem(version: str, pep440: bool) -> str | None:
    """Why ``version`` may not be written into a file of the given grammar (PEP 440 for
    Python files, SemVer within npm's limits elsewhere), or None where it may."""
    if pep440:
        if _PLAIN_PEP440_RE.fullmatch(version) is None or not is_pep440(version):
            return "is not a valid PEP 440 version"
        return None
    if not is_semver(version):
        return "is not a valid SemVer version"
    if len(version) > NPM_MAX_LENGTH:
        return f"is longer than {NPM_MAX_LENGTH} characters (npm's limit)"
    if any(number_key(n) > number_key(str(NPM_MAX_SAFE_INTEGER)) for n in SemVer(version)._release):
        return f"has a number over {NPM_MAX_SAFE_INTEGER} (npm's limit)"
    return None


def pep440_key(text: str) -> Pep440Version | None:
    """The PEP 440 version ``same_version`` compares ``text`` as (through the SemVer
    mapping where ``text`` is SemVer), or None."""
    return _as_pep440(text)


def _as_pep440(text: str) -> Pep440Version | None:
    if is_semver(text):
        mapped = semver_to_pep440(SemVer(text))
        return parse_pep440(mapped) if mapped is not None else None
    return parse_pep440(text)
