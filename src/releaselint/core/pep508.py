"""The plain PEP 508 requirements most manifests and lockfiles hold -- a name, extras,
clauses of plain release numbers, no marker, no URL -- and PEP 503 names, read by hand:
no ``re`` to import, and anything else left to packaging, whose import costs a hook run
~30 ms. The test suite holds these readers to the patterns they stand for, and their
answers to packaging's."""

from __future__ import annotations

from releaselint.core.lazyre import lazy

_SEPARATORS = frozenset("-_.")


def canonical_name(name: str) -> str:
    """PEP 503's normal form: each run of ``-``, ``_`` and ``.`` as one ``-``, lower case."""
    if "_" not in name and "." not in name and "--" not in name:
        return name.lower()
    out = []
    in_run = False
    for char in name:
        if char not in _SEPARATORS:
            out.append(char)
        elif not in_run:
            out.append("-")
        in_run = char in _SEPARATORS
    return "".join(out).lower()


def package_name(ecosystem: str, name: str) -> str:
    """Names that are one package: PEP 503 for Python, Cargo's ``-``/``_`` equivalence."""
    if ecosystem == "python":
        return canonical_name(name)
    if ecosystem == "rust":
        return name.replace("_", "-")
    return name


_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_NAME_CHARS = _ALNUM | _SEPARATORS
_DIGITS = frozenset("0123456789")
_OPERATORS = ("~=", "==", "!=", "<=", ">=")
_BLANKS = " \t"  # what packaging's tokenizer takes for blanks (no other whitespace)


def _is_name(text: str) -> bool:
    """``[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?``"""
    return bool(text) and text[0] in _ALNUM and text[-1] in _ALNUM and _NAME_CHARS.issuperset(text)


def clause(text: str) -> tuple[str, str] | None:
    """(operator, version) of ``[ \t]*(~=|==|!=|<=|>=|<|>)[ \t]*N(.N)*[ \t]*``, each
    number of 1 to 18 ASCII digits; None for any other text."""
    text = text.strip(_BLANKS)
    operator = text[:2] if text[:2] in _OPERATORS else text[:1]
    if operator not in _OPERATORS and operator not in ("<", ">"):
        return None
    version = text[len(operator) :].lstrip(_BLANKS)
    numbers = version.split(".")
    if not all(0 < len(n) <= 18 and _DIGITS.issuperset(n) for n in numbers):
        return None
    return operator, version


def requirement_parts(value: str) -> tuple[str, str | None, str | None] | None:
    """(name, extras, specifier) of ``name [extras] clauses`` as ``clause`` reads them,
    blanks around each part; None for any other text (a marker, a URL, ...)."""
    text = value.strip(_BLANKS)
    end = 0
    while end < len(text) and text[end] in _NAME_CHARS:
        end += 1
    name = text[:end]
    if not _is_name(name):
        return None  # what follows a name never starts with ".", "_" or "-"
    rest = text[end:].lstrip(_BLANKS)
    extras = None
    if rest.startswith("["):
        close = rest.find("]")
        if close < 0:
            return None
        inside = rest[1:close].strip(_BLANKS)
        if inside:
            if not all(_is_name(e.strip(_BLANKS)) for e in inside.split(",")):
                return None
            extras = inside
        rest = rest[close + 1 :].lstrip(_BLANKS)
    if not rest:
        return name, extras, None
    if not all(clause(c) is not None for c in rest.split(",")):
        return None
    return name, extras, rest


_EXTRA_CLAUSE_RE = lazy(r"(?:^| and )extra == '([^']*)'$")  # the slow twin of extra_clause
_EXTRA_CLAUSE = "extra == '"


def extra_clause(marker: str) -> tuple[str, str] | None:
    """The extra of the clause ``extra == '...'`` that ends a marker (alone, or after
    `` and ``), and the marker without it; None where no such clause ends it."""
    if "\n" in marker:  # "$" matches before a final newline: the pattern decides
        match = _EXTRA_CLAUSE_RE.search(marker)
        return None if match is None else (match.group(1), _EXTRA_CLAUSE_RE.sub("", marker))
    if not marker.endswith("'"):
        return None
    quote = marker.rfind("'", 0, len(marker) - 1)
    start = quote + 1 - len(_EXTRA_CLAUSE)
    if start < 0 or not marker.startswith(_EXTRA_CLAUSE, start):
        return None
    extra = marker[quote + 1 : -1]
    if start == 0:
        return extra, ""
    if marker.endswith(" and ", 0, start):
        return extra, marker[: start - len(" and ")]
    return None
