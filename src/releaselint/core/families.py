"""Tag families: the release tag formats a repository already uses, read from its tags.

A tag name splits into a literal prefix and a version: ``v1.2.3`` is ``v`` + ``1.2.3``,
``tokio-1.47.5`` is ``tokio-`` + ``1.47.5``, ``@acme/core@2.0.0`` is ``@acme/core@`` +
``2.0.0``. Tags that share a prefix form a family (``v{version}``, ``{version}``,
``tokio-{version}``, ``py-{version}``). Whether a family is a *release* family is decided
elsewhere, from evidence (the files at its tags, the configuration); a name with no
version in it (``stable``, ``nightly``), a one-number alias (``v1``, the floating major
tag of a GitHub Action) or the name of a line (``2.3.x``) is no release at all.
"""

from __future__ import annotations

from releaselint.core.lazyre import lazy
from releaselint.core.versions import is_semver, parse_pep440

# What follows the prefix: at least two dot-separated numbers, then any SemVer or PEP 440
# tail. Matched only from a boundary (start, separator, or a "v" after one).
_VERSION_HEAD_RE = lazy(r"[0-9]+(?:\.[0-9]+)+")
_SEPARATORS = frozenset("-_@/.=")


def split_tag(name: str) -> tuple[str, str] | None:
    """(prefix, version) of a tag name, or None where no version follows a boundary.

    The version starts at the first digit that follows the start of the name, a separator
    (``-``, ``_``, ``@``, ``/``, ``.``, ``=`` as in langgraph's ``checkpoint==2.1.0``), or a
    ``v`` that itself follows one of those, and
    begins with two dot-separated numbers; it runs to the end of the name, whatever follows
    (``v1.0.0\u2028`` is a malformed release tag, not a name without a version). Linear in
    the length of the name.
    """
    for index in range(len(name)):
        char = name[index]
        if not ("0" <= char <= "9"):
            continue
        before = name[index - 1] if index else ""
        boundary = not before or before in _SEPARATORS
        if before == "v":
            boundary = index == 1 or name[index - 2] in _SEPARATORS
        if not boundary:
            continue
        # a failed attempt reads one run of digits, which no later attempt reads again
        if _VERSION_HEAD_RE.match(name, index) is not None:
            if _is_line(name, index):
                return None
            return name[:index], name[index:]
    return None


def _is_line(name: str, start: int) -> bool:
    """``2.3.x``, ``v1.x``: a name for a line of releases (flask's maintenance tags), as
    ``v1`` is, not a release."""
    head, dot, last = name[start:].rpartition(".")
    return bool(dot) and last in ("x", "X", "*") and all(p.isdigit() for p in head.split("."))


def looks_like_date(version: str) -> bool:
    """``2026.07.30``, ``2026-07-30``, ``20260730.1``: calendar names, not releases."""
    head = version.replace("-", ".").split(".")
    if not head[0].isdigit():
        return False
    year = head[0]
    if len(year) == 8 and year.startswith(("19", "20")):
        return True
    return len(year) == 4 and year.startswith(("19", "20")) and len(head) >= 3


class Family:
    """Tags sharing a prefix: their template, their versions' grammar, the tags themselves."""

    __slots__ = ("calendar", "count", "grammar", "prefix", "tags")

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.tags: list[tuple[str, str]] = []  # (tag name, version), in the order given
        self.grammar = "semver"
        # what is kept of the tags once their evidence is read (cached): how many, and
        # whether every one of them is a calendar name
        self.count = 0
        self.calendar = False

    @property
    def template(self) -> str:
        return f"{self.prefix}{{version}}"

    def version_of(self, tag: str) -> str | None:
        split = split_tag(tag)
        return split[1] if split is not None and split[0] == self.prefix else None

    def __repr__(self) -> str:
        return f"<Family {self.template} {len(self.tags)} tags>"


def group_tags(names: list[str]) -> dict[str, Family]:
    """Families of the tags that carry a version, by prefix. A family whose versions are
    all SemVer has grammar "semver"; one where some are PEP 440 only (``v0.4.2rc0``) has
    "pep440"; calendar names stay in their family but never count as releases."""
    families: dict[str, Family] = {}
    for name in names:
        split = split_tag(name)
        if split is None:
            continue
        prefix, version = split
        family = families.get(prefix)
        if family is None:
            family = families[prefix] = Family(prefix)
        family.tags.append((name, version))
    for family in families.values():
        versions = [v for _, v in family.tags if not looks_like_date(v)]
        family.count = len(family.tags)
        family.calendar = not versions
        if any(python_release(v) for v in versions):
            family.grammar = "pep440"
    return families


def python_release(version: str) -> bool:
    """A PEP 440 version SemVer cannot spell, as Python projects tag them (``0.4.2rc0``,
    ``1.2.3.post1``); ``1.0`` alone is a malformed SemVer tag, not evidence of PEP 440."""
    if is_semver(version):
        return False
    parsed = parse_pep440(version)
    if parsed is None:
        return False
    marked = parsed.pre is not None or parsed.dev is not None or parsed.post is not None
    return len(parsed.release) >= 3 or marked


def name_prefixes(name: str) -> tuple[str, ...]:
    """The prefixes a package's own tags take: ``tokio-``, ``tokio-v``, ``tokio@``,
    ``tokio_v``, and for ``@scope/pkg`` also the same without the scope (Release Please's
    node component)."""
    names = [name]
    if name.startswith("@") and "/" in name:
        names.append(name.split("/", 1)[1])
    return tuple(f"{n}{sep}" for n in names for sep in ("-", "-v", "@", "_v", "/v", "/"))
