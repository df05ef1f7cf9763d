"""Hypothesis strategies for every input releaselint reads: documents of each file format
(shaped like manifests, lockfiles and configs, then mutated), commit messages, pre-push and
reference-transaction lines, ref names and ``bump`` arguments. Shared by the fuzz tests and
``scripts/fuzz.py``."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

# Characters that break parsers and printers: quotes, brackets, escapes, the line breaks
# str.splitlines() knows and git does not, a BOM, NUL, a surrogate-free astral character.
NASTY = (
    "\"'\\{}[](),.:;=#-+_/@~^*?`\t\r\n\x00\x0b\x0c\x1b\x1c\x85\u2028\u2029\ufeff\u00e9\U0001f600"
)
NASTY_CHARS = st.sampled_from(NASTY)
ANY_TEXT = st.text(max_size=200)
# text without surrogates (what a file decoded as UTF-8 can hold)
FILE_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=200)
SHORT = st.text(st.one_of(NASTY_CHARS, st.characters(codec="ascii")), max_size=12)


def _expand(parts: tuple[str, str, int, str]) -> str:
    before, unit, times, after = parts
    return before + unit * times + after


def long(before: str, unit: str, times: int, after: str = "") -> st.SearchStrategy[str]:
    """``before + unit * times + after``, built when drawn (a short repr for Hypothesis)."""
    return st.just((before, unit, times, after)).map(_expand)


# Stands for an integer of 5,000 digits in generated data; each renderer writes it out.
BIG = "__BIG__"
BIG_DIGITS = "9" * 5000


def _big(text: str) -> str:
    return text.replace(f'"{BIG}"', BIG_DIGITS).replace(BIG, BIG_DIGITS)


VERSIONS = st.one_of(
    st.sampled_from(
        [
            "1.0.0",
            "0.1.0",
            "1.2.3-rc.1",
            "1.2.3-alpha.0.beta",
            "2.0.0+build.5",
            "1.0",
            "1.0.0rc1",
            "1!2.0.post1.dev3",
            "v1.2.3",
            "01.2.3",
            "1.2.3-",
            "1.2.3-01",
            "0.0.0-0",
            "",
            " 1.0.0 ",
            "1.0.0\n",
            "1.0.0\u2028",
            "latest",
            "*",
            "^1.2",
            "~=1.0",
            "=1.0.0",
            "1.0.0-\u0661",
            "\uff11.0.0",
            "1.0.0.post1+local",
        ]
    ),
    long("", "9", 5000, ".0.0"),
    long("1.", "2", 4400, ".3"),
    long("1.2.3-", "a.", 300, "b"),
    st.from_regex(
        r"\A[v=]?[0-9]{1,3}(\.[0-9]{1,3}){0,3}([-.]?(rc|a|b|alpha|dev|post)[0-9.]{0,3})?(\+[a-z0-9.]{0,5})?\Z"
    ),
    SHORT,
)
NAMES = st.one_of(
    st.sampled_from(["demo", "demo-core", "@scope/pkg", "a_b.c", "", "é", "-x"]),
    long("", "x", 300),
    SHORT,
)
KEYS = st.one_of(
    st.sampled_from(
        [
            "name",
            "version",
            "dependencies",
            "dev-dependencies",
            "optional-dependencies",
            "workspace",
            "package",
            "project",
            "tool",
            "releaselint",
            "members",
            "packages",
            "dynamic",
            "requires",
            "source",
            "path",
            "lockfileVersion",
            "devDependencies",
            "peerDependencies",
            "imports",
            "exports",
            "commitlint",
            "rules",
            "extends",
            "release-as",
            "tag-format",
            "groups",
            "extra-files",
            "pattern",
            "commits",
            "placeholders",
            "version-scheme",
            "ignore",
            "include",
            "hatch",
            "setuptools",
            "poetry",
            "maturin",
            "manifest-path",
            "editable",
            "registry",
            "sdist",
            "wheels",
        ]
    ),
    SHORT,
)


def _scalars() -> st.SearchStrategy[Any]:
    return st.one_of(
        VERSIONS,
        NAMES,
        st.booleans(),
        st.integers(),
        st.sampled_from([BIG, 2**64, -(2**63), 0]),
        st.floats(),
        st.none(),
    )


def values(max_leaves: int = 20) -> st.SearchStrategy[Any]:
    """Nested data as a manifest or a config holds it."""
    return st.recursive(
        _scalars(),
        lambda inner: st.one_of(
            st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)
        ),
        max_leaves=max_leaves,
    )


TABLES = st.dictionaries(KEYS, values(), max_size=6)


# --------------------------------------------------------------------------- TOML
def _toml_key(key: str) -> str:
    if key and all(c.isascii() and (c.isalnum() or c in "-_") for c in key):
        return key
    return json.dumps(key)


def _toml_value(value: Any, depth: int = 0) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        text = repr(value) if isinstance(value, float) else str(value)
        return {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(text, text)
    if isinstance(value, str):
        return json.dumps(value)
    if value is None:
        return '""'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v, depth + 1) for v in value) + "]"
    items = ", ".join(f"{_toml_key(k)} = {_toml_value(v, depth + 1)}" for k, v in value.items())
    return "{" + items + "}"


def toml_text(table: dict[str, Any], prefix: str = "") -> str:
    """A TOML document for ``table``: sub-tables as [headers], the rest as key = value (the
    rendering is loose on purpose: what it gets wrong is more input)."""
    lines = []
    nested = []
    for key, value in table.items():
        if isinstance(value, dict) and value:
            nested.append((key, value))
        else:
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    for key, value in nested:
        name = f"{prefix}.{_toml_key(key)}" if prefix else _toml_key(key)
        lines.append(f"\n[{name}]")
        lines.append(toml_text(value, name))
    return _big("\n".join(lines))


MANIFEST_TOML = st.one_of(
    st.builds(
        lambda name, version, extra: toml_text(
            {"project": {"name": name, "version": version, **extra}}
        ),
        NAMES,
        VERSIONS,
        TABLES,
    ),
    st.builds(
        lambda name, version, deps, ws: toml_text(
            {
                "package": {"name": name, "version": version},
                "dependencies": deps,
                "workspace": {"package": {"version": version}, "members": ws},
            }
        ),
        NAMES,
        st.one_of(VERSIONS, st.just({"workspace": True})),
        st.dictionaries(NAMES, st.one_of(VERSIONS, TABLES), max_size=3),
        st.lists(NAMES, max_size=3),
    ),
    st.builds(
        lambda packages: (
            "version = 1\n\n" + "\n\n".join(f"[[package]]\n{toml_text(p)}" for p in packages)
        ),
        st.lists(
            st.fixed_dictionaries(
                {"name": NAMES, "version": VERSIONS},
                optional={"source": values(4), "dependencies": values(6)},
            ),
            max_size=4,
        ),
    ),
    TABLES.map(toml_text),
)
DEEP = st.integers(1, 3000)


def deep(opener: str, closer: str, prefix: str = "") -> st.SearchStrategy[str]:
    """``opener`` n times, a value, ``closer`` n times: nesting that recursion cannot take."""
    return DEEP.map(lambda n: prefix + opener * n + "1" + closer * n)


# --------------------------------------------------------------------------- mutation
@st.composite
def mutated(draw: st.DrawFn, base: st.SearchStrategy[str]) -> str:
    """``base`` with a few random edits: a slice cut out, nasty characters inserted, a slice
    repeated, the text truncated."""
    text = draw(base)
    for _ in range(draw(st.integers(0, 4))):
        if not text:
            text = draw(SHORT)
            continue
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 20)))
        edit = draw(st.sampled_from(["cut", "insert", "repeat", "truncate"]))
        if edit == "cut":
            text = text[:i] + text[j:]
        elif edit == "insert":
            text = text[:i] + draw(SHORT) + text[i:]
        elif edit == "repeat":
            text = text[:j] + text[i:j] * draw(st.integers(1, 50)) + text[j:]
        else:
            text = text[:i]
    return text


def _json_text(data: Any, indent: int | None, crlf: bool) -> str:
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    text = _big(text)
    return text.replace("\n", "\r\n") if crlf else text


JSON_DATA = st.one_of(
    st.builds(
        lambda name, version, extra: {"name": name, "version": version, **extra},
        NAMES,
        VERSIONS,
        TABLES,
    ),
    st.builds(
        lambda name, version, packages: {
            "name": name,
            "version": version,
            "lockfileVersion": 3,
            "packages": {"": {"name": name, "version": version}, **packages},
        },
        NAMES,
        VERSIONS,
        st.dictionaries(
            st.one_of(NAMES, NAMES.map(lambda n: f"node_modules/{n}")),
            st.dictionaries(KEYS, values(6), max_size=4),
            max_size=4,
        ),
    ),
    values(),
)
JSON_TEXT = st.builds(_json_text, JSON_DATA, st.sampled_from([None, 2, 4]), st.booleans())
JSONC_TEXT = st.one_of(
    JSON_TEXT,
    JSON_TEXT.map(lambda t: "// comment\n" + t.replace(",", ", /* c */", 1) + "\n"),
    JSON_TEXT.map(lambda t: t.replace("}", ",}", 1)),
)


def _yaml_text(data: Any) -> str:
    import yaml

    return _big(str(yaml.safe_dump(data, allow_unicode=True)))


YAML_TEXT = st.one_of(
    JSON_DATA.map(_yaml_text),
    st.sampled_from(
        [
            "a: &x [1]\nb: *x\n",
            "!!python/object:os.system {}\n",
            "rules:\n  header-max-length: [2, always, .inf]\n",
            "rules:\n  header-max-length: [2, always, .nan]\n",
            "? [a]\n: b\n",
            'extends: ["@commitlint/config-conventional"]\n',
            "%YAML 1.1\n---\na: 1\n...\n---\nb: 2\n",
            "a: !!binary aGk=\n",
            "a: 2001-12-14t21:59:43.10-05:00\n",
        ]
    ),
)

PYTHON_TEXT = st.builds(
    lambda name, version, extra: f"{name} = {json.dumps(version)}\n{extra}",
    st.sampled_from(["__version__", "version", "VERSION", "__version_info__", "x"]),
    VERSIONS,
    st.sampled_from(["", "__all__ = ['x']\n", "if x:\n    __version__ = '2'\n", '"""doc\n']),
)


def raw_text() -> st.SearchStrategy[str]:
    return st.one_of(FILE_TEXT, st.text(NASTY_CHARS, max_size=100))


GRAMMARS = {
    "toml": MANIFEST_TOML,
    "json": JSON_TEXT,
    "jsonc": JSONC_TEXT,
    "yaml": YAML_TEXT,
    "python": PYTHON_TEXT,
}


def by_syntax(syntax: str) -> st.SearchStrategy[str]:
    """Text for a reader of one syntax: well formed, mutated, deeply nested, or noise."""
    grammar = GRAMMARS[syntax]
    nesting = {
        "toml": st.one_of(deep("[", "]", "a = "), deep("{b = ", "}", "a = ")),
        "json": deep("[", "]"),
        "jsonc": deep('{"a":', "}"),
        "yaml": st.one_of(deep("[", "]"), deep("{a: ", "}")),
        "python": deep("(", ")"),
    }[syntax]
    return st.one_of(grammar, mutated(grammar), nesting, raw_text())


# --------------------------------------------------------------------------- configs
CONFIG_VALUES = {
    "placeholders": st.one_of(st.just(["0.0.0"]), st.lists(VERSIONS, min_size=1, max_size=3)),
    "version-scheme": st.sampled_from(["auto", "static", "vcs", "x"]),
    "ignore": st.lists(NAMES, max_size=3),
    "include": st.lists(NAMES, max_size=3),
    "tag-format": st.one_of(
        st.sampled_from(
            [
                "v{version}",
                "{name}-v{version}",
                "{component}@{version}",
                "{version}-{version}",
                "release",
                "-u{version}",
                "{name}/{version}",
                "{version}.lock",
                "{nope}{version}",
                "{{version}}",
                "{version",
                "a..{version}",
                "{version}\u2028",
                "@{version}",
            ]
        ),
        SHORT.map(lambda s: s + "{version}"),
        SHORT,
    ),
    "tag-version": st.sampled_from(["semver", "pep440", "calver"]),
    "allow-prerelease-tags": st.booleans(),
    "require-annotated-tags": st.booleans(),
    "tag-must-increase": st.booleans(),
    "one-tag-per-commit": st.booleans(),
    "release-please-only": st.booleans(),
}
GROUP = st.fixed_dictionaries(
    {},
    optional={
        "members": st.lists(NAMES, max_size=3),
        "source": NAMES,
        "tag-format": CONFIG_VALUES["tag-format"],
        "version-scheme": CONFIG_VALUES["version-scheme"],
    },
)
EXTRA_FILE = st.fixed_dictionaries(
    {},
    optional={
        "path": st.one_of(
            st.sampled_from(["VERSION", ".git/config", "../x", "/etc/passwd", "a/./b", ""]), NAMES
        ),
        "pattern": st.one_of(
            st.sampled_from(['version = "(.*)"', "(", "a", "(?P<version>x)", "(a)(b)"]), SHORT
        ),
        "group": NAMES,
    },
)
RULE_NAMES = st.sampled_from(
    [
        "type-enum", "type-case", "type-empty", "subject-empty", "scope-empty", "body-empty",
        "footer-empty", "subject-case", "subject-full-stop", "header-max-length",
        "header-min-length", "subject-max-length", "subject-min-length", "header-trim",
        "body-leading-blank", "footer-leading-blank", "body-max-line-length",
        "footer-max-line-length", "scope-enum", "scope-case", "release-as-semver", "nope",
    ]
)  # fmt: skip
RULE_VALUES = st.one_of(
    st.integers(-5, 200),
    st.sampled_from([float("inf"), float("nan"), -0.0, 1e308]),
    st.just(400).map(lambda n: 10**n),
    st.lists(
        st.one_of(
            NAMES,
            st.sampled_from(
                [
                    "lower-case",
                    "upper-case",
                    "sentence-case",
                    "kebab-case",
                    "camel-case",
                    "pascal-case",
                    "snake-case",
                    "start-case",
                    "api/v2",
                    "a,b",
                ]
            ),
        ),
        max_size=4,
    ),
    NAMES,
    st.none(),
    st.booleans(),
)
RULE_SETTINGS = st.one_of(
    st.tuples(
        st.one_of(st.sampled_from([0, 1, 2]), st.integers(), VERSIONS),
        st.one_of(st.sampled_from(["always", "never"]), NAMES),
        RULE_VALUES,
    ).map(list),
    st.lists(RULE_VALUES, max_size=4),
    RULE_VALUES,
)
RULES = st.dictionaries(RULE_NAMES, RULE_SETTINGS, max_size=6)
COMMITS_TABLE = st.fixed_dictionaries(
    {},
    optional={
        "types": st.lists(NAMES, max_size=4),
        "scopes": st.lists(NAMES, max_size=4),
        "scope": st.sampled_from(["optional", "required", "forbidden", "x"]),
        "rules": RULES,
        "ignores": st.lists(
            st.one_of(st.sampled_from(["(", "^WIP", "a{2,}", "(?i)x"]), SHORT), max_size=3
        ),
        "default-ignores": st.booleans(),
        "emoji": st.booleans(),
        "autosquash": st.sampled_from(["error", "warning", "off", 1]),
        "merge-commits": st.booleans(),
        "help-url": NAMES,
        "header-max-length": RULE_VALUES,
    },
)
CONFIG_TABLE = st.fixed_dictionaries(
    {},
    optional={
        **CONFIG_VALUES,
        "groups": st.dictionaries(NAMES, st.one_of(GROUP, values(4)), max_size=3),
        "extra-files": st.lists(st.one_of(EXTRA_FILE, values(3)), max_size=3),
        "commits": st.one_of(COMMITS_TABLE, values(4)),
    },
)
# a releaselint.toml: a generated table, rendered; sometimes mutated
CONFIG_TEXT = st.one_of(
    CONFIG_TABLE.map(toml_text),
    CONFIG_TABLE.map(toml_text),
    mutated(CONFIG_TABLE.map(toml_text)),
    st.builds(lambda t, k, v: toml_text({**t, k: v}), CONFIG_TABLE, KEYS, values(3)),
)

COMMITLINT_DATA = st.fixed_dictionaries(
    {},
    optional={
        "extends": st.one_of(
            st.just(["@commitlint/config-conventional"]), st.lists(NAMES, max_size=2), NAMES
        ),
        "rules": st.one_of(RULES, values(4)),
        "ignores": st.lists(SHORT, max_size=2),
        "defaultIgnore": st.booleans(),
        "helpUrl": NAMES,
        "parserPreset": values(3),
        "prompt": values(3),
    },
)


def _js_literal(data: Any) -> str:
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _big(text).replace('"rules"', "rules").replace('"extends"', "extends")


JS_CONFIG = st.one_of(
    st.builds(lambda d: f"module.exports = {_js_literal(d)};\n", COMMITLINT_DATA),
    st.builds(lambda d: f"export default {_js_literal(d)};\n", COMMITLINT_DATA),
    st.builds(
        lambda d: (
            "import { defineConfig } from 'cz-git';\nexport default defineConfig("
            + _js_literal(d)
            + ")\n"
        ),
        COMMITLINT_DATA,
    ),
    st.sampled_from(
        [
            "module.exports = { rules: 'x' };",
            "module.exports = { rules: { 'header-max-length': [2, 'always', Infinity] } };",
            "module.exports = { rules: { 'header-max-length': [2, 'always', NaN] } };",
            "module.exports = { rules: { a: `x${y}` }, ...z, [k]: 1, f() { return 1 } };",
            "module.exports = " + "{a:" * 60 + "1" + "}" * 60,
            "module.exports = /re/g;",
            "module.exports = { 'type-enum': [2, 'always', [...types]] }",
        ]
    ),
)
COMMITLINT_FILE = st.one_of(
    st.tuples(st.just("package.json"), COMMITLINT_DATA.map(lambda d: _big(json.dumps({"commitlint": d})))),
    st.tuples(st.sampled_from([".commitlintrc", ".commitlintrc.json"]), COMMITLINT_DATA.map(lambda d: _big(json.dumps(d)))),
    st.tuples(st.sampled_from([".commitlintrc.yaml", ".commitlintrc.yml", ".commitlintrc"]), COMMITLINT_DATA.map(_yaml_text)),
    st.tuples(st.sampled_from([".commitlintrc.js", ".commitlintrc.cjs", ".commitlintrc.mjs", "commitlint.config.js", "commitlint.config.ts"]), JS_CONFIG),
)  # fmt: skip


@st.composite
def commitlint_files(draw: st.DrawFn) -> tuple[str, str]:
    name, text = draw(COMMITLINT_FILE)
    if draw(st.integers(0, 3)) == 0:
        text = draw(mutated(st.just(text)))
    return name, text


# --------------------------------------------------------------------------- messages
TYPES = st.one_of(st.sampled_from(["feat", "fix", "chore", "docs", "FEAT", "feat!", "", "revert", "Merge", "fixup! feat"]), SHORT)  # fmt: skip
LINE_BREAKS = st.sampled_from(["\n", "\r\n", "\n\n", "\u2028", "\u2029", "\x85", "\r", "\x0c"])
WORDS = st.one_of(
    st.sampled_from(
        [
            "add thing",
            "Add Thing.",
            "file:///x",
            "BREAKING CHANGE: x",
            "Closes #1",
            "Release-As: 1.2.3",
            "-- context --",
            "--- End of stack trace ---",
            "Signed-off-by: A <a@b>",
            "# comment",
            "1.2.3 [skip ci]",
            "Merge branch 'x'",
            'Revert "feat: x"',
            "fixup! x",
            "😀 emoji",
        ]
    ),
    long("", "a", 120),
    long("", "a.", 40000),
    long("https://x.y/", "a", 200),
    long("a(", "): ", 20000, "\u2028"),
    ANY_TEXT,
)


@st.composite
def messages(draw: st.DrawFn) -> str:
    """A commit message: a Conventional-Commit-shaped header (or noise), then body and
    footer paragraphs joined with any line break."""
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return draw(ANY_TEXT)
    scope = draw(st.one_of(st.none(), SHORT, st.sampled_from(["api", "api/v2", "a,b", ""])))
    header = draw(TYPES)
    if scope is not None:
        header += f"({scope})"
    header += draw(st.sampled_from(["", "!"])) + draw(st.sampled_from([": ", ":", " : ", ""]))
    header += draw(WORDS)
    parts = [header]
    for _ in range(draw(st.integers(0, 4))):
        parts.append(draw(LINE_BREAKS))
        parts.append(draw(WORDS))
    return "".join(parts)


# --------------------------------------------------------------------------- refs
REF_CHARS = st.one_of(
    st.sampled_from("v0123456789.-+_/@{}~^:?*[]\\ \t\x7f\u2028\u2029\x85é"),
    st.characters(codec="ascii"),
)
TAG_NAMES = st.one_of(
    st.sampled_from(
        [
            "v1.0.0",
            "1.0.0",
            "pkg-v1.2.3",
            "pkg@1.2.3",
            "@scope/pkg@1.0.0",
            "v1.2",
            "v1.0.0\u2028",
            "v1.0.0-rc.1",
            "release-2026.07.30",
            "stable",
            "v0.4.2rc0",
            "a/b/v1.0.0",
        ]
    ),
    long("v", "9", 5000, ".0.0"),
    st.text(REF_CHARS, max_size=30),
    st.builds(lambda p, v: p + v, st.text(REF_CHARS, max_size=8), VERSIONS),
)
# what git can carry in a ref name: any byte but NUL and LF (check-ref-format refuses more;
# a pre-push line may hold anything a remote sent)
TAG_BYTES = st.one_of(
    TAG_NAMES.map(lambda t: t.encode("utf-8", "surrogateescape").replace(b"\n", b"")),
    st.binary(max_size=30).map(lambda b: b.replace(b"\n", b"").replace(b"\x00", b"")),
)
# stands for the oid of the repository's HEAD commit (the check writes it in)
HEAD_OID = "<head>"
OIDS = st.one_of(
    st.just(HEAD_OID),
    st.sampled_from(["0" * 40, "0" * 64, "a" * 40, "A" * 40, "0" * 39, "ref:refs/heads/main"]),
    st.text("0123456789abcdef", min_size=40, max_size=40),
    st.text("0123456789abcdef", min_size=64, max_size=64),
    SHORT,
)


@st.composite
def pre_push_stdin(draw: st.DrawFn, fields: int = 4) -> bytes:
    """git's hook stdin: lines of ``<ref> <oid> <ref> <oid>`` (or the three fields of a
    reference transaction), some broken, with bytes that are not UTF-8 in the names."""
    lines = []
    for _ in range(draw(st.integers(0, 4))):
        if draw(st.integers(0, 5)) == 0:
            lines.append(draw(st.binary(max_size=100)))
            continue
        tag = draw(TAG_BYTES)
        ref = draw(st.sampled_from([b"refs/tags/", b"refs/heads/", b""])) + tag
        oids = [draw(OIDS).encode("utf-8", "surrogateescape") for _ in range(2)]
        if fields == 4:
            parts = [ref, oids[0], ref, oids[1]]
        else:
            parts = [oids[0], oids[1], ref]
        sep = draw(st.sampled_from([b" ", b" ", b" ", b"\t", b"  "]))
        lines.append(sep.join(parts))
    ending = draw(st.sampled_from([b"\n", b"\r\n", b""]))
    return b"\n".join(lines) + (ending if lines else b"")


# --------------------------------------------------------------------------- bump
BUMP_PARTS = st.sampled_from(["major", "minor", "patch", "prerelease", "premajor", ""])
PREIDS = st.one_of(
    st.none(),
    st.sampled_from(["rc", "alpha.beta", "dev", "rc+x", "0", "01", "-", "a..b", "1e5", "Infinity"]),
    long("", "9", 5000),
    SHORT,
)  # fmt: skip


@st.composite
def bump_argv(draw: st.DrawFn) -> list[str]:
    """Arguments of ``releaselint bump``, valid and not: a part or ``--to``, ``--preid``,
    ``--group``, options that look like values and values that look like options."""
    argv: list[str] = []
    mode = draw(st.sampled_from(["part", "part", "prerelease", "to", "to", "both", "none"]))
    if mode in ("part", "both"):
        argv.append(draw(BUMP_PARTS))
    if mode == "prerelease":
        argv.append("prerelease")
    if mode in ("to", "both"):
        argv += ["--to", draw(VERSIONS)]
    preid = draw(PREIDS) if mode in ("prerelease", "none") else None
    if preid is not None:
        argv += ["--preid", preid]
    if draw(st.integers(0, 3)) == 0:
        argv += ["--group", draw(st.one_of(st.just("demo"), NAMES))]
    if draw(st.integers(0, 5)) == 0:
        argv.append(draw(SHORT))
    return [a.replace("\x00", "") for a in argv]


# --------------------------------------------------------------------------- Release Please
RP_PACKAGE = st.fixed_dictionaries(
    {},
    optional={
        "release-type": st.sampled_from(["python", "rust", "node", "simple", "x"]),
        "package-name": NAMES,
        "component": NAMES,
        "include-component-in-tag": st.booleans(),
        "include-v-in-tag": st.booleans(),
        "tag-separator": st.sampled_from(["-", "/", "@", "", "..", " "]),
        "extra-files": st.lists(
            st.one_of(NAMES, st.dictionaries(KEYS, values(3), max_size=3)), max_size=2
        ),
        "version-file": NAMES,
        "release-as": VERSIONS,
        "initial-version": VERSIONS,
        "changelog-path": NAMES,
        "exclude-paths": st.lists(NAMES, max_size=2),
        "bootstrap-sha": NAMES,
    },
)
RP_PATHS = st.one_of(st.sampled_from([".", "pkg", "src/demo", "../x", ".git", ""]), NAMES)
RP_CONFIG = st.builds(
    lambda packages, top: _json_text({**top, "packages": packages}, 2, False),
    st.dictionaries(RP_PATHS, st.one_of(RP_PACKAGE, values(3)), max_size=3),
    RP_PACKAGE,
)
RP_MANIFEST = st.dictionaries(RP_PATHS, st.one_of(VERSIONS, values(2)), max_size=3).map(
    lambda d: _json_text(d, 2, False)
)
# mostly well formed: the checks after parsing are what this target is for
RP_CONFIG_TEXT = st.one_of(RP_CONFIG, RP_CONFIG, RP_CONFIG, mutated(RP_CONFIG), raw_text())
RP_MANIFEST_TEXT = st.one_of(RP_MANIFEST, RP_MANIFEST, RP_MANIFEST, mutated(RP_MANIFEST))


# --------------------------------------------------------------------------- lockfiles
# Real projects locked by the real tools (scripts/gen_lock_fixtures.py): the seeds
LOCK_FIXTURES = Path(__file__).parent.parent / "data" / "lockfiles"


def _fixture_files(lockfile: str) -> list[dict[str, str]]:
    found = []
    for lock in sorted(LOCK_FIXTURES.glob(f"*/{lockfile}")):
        folder = lock.parent
        found.append(
            {
                p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
                for p in sorted(folder.rglob("*"))
                if p.is_file()
            }
        )
    return found


DEP_NAMES = st.one_of(
    st.sampled_from(["a", "b", "is-odd", "@babel/core", "ms", "glob", "@x/a", "core", "idna"]),
    NAMES,
)
NODE_RANGES = st.one_of(
    st.sampled_from(
        [
            "^1.0.0", "workspace:^", "workspace:*", "workspace:^1.0.0", "workspace:~", "2.1.3",
            "link:../a", "npm:ms@2", "latest", "*", ">=1 <2", "1.x || 2", "file:../b",
            "github:a/b#main", "", "~1.0", "catalog:",
        ]
    ),
    VERSIONS,
)  # fmt: skip


def _plain(text: str) -> bool:
    return bool(
        text
        and (text[0].isascii() and (text[0].isalnum() or text[0] in "./^~_"))
        and all(c.isascii() and (c.isalnum() or c in "./^~_@:<>=+|*() -") for c in text)
        and not text.endswith((" ", ":"))
        and ": " not in text
        and text not in ("null", "true", "false", "~", "yes", "no", "on", "off")
    )


def _yaml_scalar(value: Any) -> str:
    """A scalar as pnpm writes it: plain where it can be, else single-quoted (or
    double-quoted with escapes where a character needs one)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    text = str(value)
    if _plain(text):
        return text
    if all(" " <= c <= "~" for c in text):
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text, ensure_ascii=False)


_FLOW_KEYS = ("resolution", "engines")


def _yaml_block(data: Any, indent: int) -> list[str]:
    pad = " " * indent
    lines = []
    for key, value in data.items():
        name = _yaml_scalar(key)
        if isinstance(value, dict) and value and key in _FLOW_KEYS:
            pairs = ", ".join(f"{_yaml_scalar(k)}: {_yaml_scalar(v)}" for k, v in value.items())
            lines.append(f"{pad}{name}: {{{pairs}}}")
        elif isinstance(value, dict) and value:
            lines.append(f"{pad}{name}:")
            lines.extend(_yaml_block(value, indent + 2))
        elif isinstance(value, dict):
            lines.append(f"{pad}{name}: {{}}")
        elif isinstance(value, list) and value:
            lines.append(f"{pad}{name}:")
            lines.extend(
                f"{pad}  - {json.dumps(v) if isinstance(v, (list, dict)) else _yaml_scalar(v)}"
                for v in value
            )
        elif isinstance(value, list):
            lines.append(f"{pad}{name}: []")
        else:
            lines.append(f"{pad}{name}: {_yaml_scalar(value)}")
    return lines


def pnpm_yaml(data: dict[str, Any]) -> str:
    """A document in pnpm's layout: a blank line between top-level keys and between the
    entries of ``importers``, ``packages`` and ``snapshots``."""
    parts = []
    for key, value in data.items():
        if key in ("importers", "packages", "snapshots") and isinstance(value, dict) and value:
            entries = ["\n".join(_yaml_block({k: v}, 2)) for k, v in value.items()]
            parts.append(f"{_yaml_scalar(key)}:\n\n" + "\n\n".join(entries))
        else:
            parts.append("\n".join(_yaml_block({key: value}, 0)))
    return _big("\n\n".join(parts) + "\n")


PNPM_VERSIONS = st.one_of(
    st.sampled_from(
        ["'6.0'", "'9.0'", "'7.0'", "'5.4'", "'10.0'", "9.0", "6", "'9'", "'x'", "''", "null",
         "'9.0-beta'", "[9]", "{}", "'\u0669.0'", "' 9.0'"]
    ),
    long("'", "9", 5000, ".0'"),
)  # fmt: skip
PNPM_ENTRY = st.one_of(
    st.builds(lambda s, v: {"specifier": s, "version": v}, NODE_RANGES, VERSIONS),
    st.builds(lambda s: {"specifier": s, "version": "link:../a"}, NODE_RANGES),
    values(4),
)
PNPM_MAPS = st.dictionaries(
    st.sampled_from(["dependencies", "devDependencies", "optionalDependencies"]),
    st.dictionaries(DEP_NAMES, PNPM_ENTRY, max_size=3),
    max_size=3,
)
# lockfileVersion 5.x: a `specifiers` map beside maps of versions
PNPM_V5_MAPS = st.builds(
    lambda specs, field: {
        "specifiers": dict(specs),
        field: {name: "1.0.0" for name, _ in specs},
    },
    st.lists(st.tuples(DEP_NAMES, NODE_RANGES), max_size=3),
    st.sampled_from(["dependencies", "devDependencies"]),
)
IMPORTER_KEYS = st.one_of(
    st.sampled_from([".", "packages/a", "packages/b", "apps/web", "../x", "", "packages/*"]),
    NAMES,
)
PNPM_PACKAGES = st.dictionaries(
    st.one_of(
        st.builds(lambda n, v: f"{n}@{v}", DEP_NAMES, VERSIONS),
        st.builds(lambda n, v: f"/{n}@{v}", DEP_NAMES, VERSIONS),
    ),
    st.fixed_dictionaries(
        {"resolution": st.just({"integrity": "sha512-CQpnWPrDwmP1+SMHXZ=="})},
        optional={
            "engines": st.just({"node": ">=4"}),
            "dependencies": st.dictionaries(DEP_NAMES, VERSIONS, max_size=2),
            "dev": st.booleans(),
            "peerDependencies": st.dictionaries(DEP_NAMES, NODE_RANGES, max_size=2),
        },
    ),
    max_size=3,
)


@st.composite
def pnpm_lock_data(draw: st.DrawFn) -> dict[str, Any]:
    """A pnpm-lock.yaml's data: importers (or one project's maps at the top level),
    settings, overrides, packages and snapshots, in pnpm's key order."""
    data: dict[str, Any] = {}
    if draw(st.booleans()):
        data["settings"] = {"autoInstallPeers": True, "excludeLinksFromLockfile": False}
    if draw(st.integers(0, 3)) == 0:
        data["overrides"] = draw(st.dictionaries(DEP_NAMES, NODE_RANGES, max_size=2))
    shape = draw(st.sampled_from(["importers", "importers", "top", "v5", "junk"]))
    if shape == "importers":
        keys = draw(st.lists(IMPORTER_KEYS, min_size=1, max_size=3, unique=True))
        data["importers"] = {k: draw(PNPM_MAPS) for k in keys}
    elif shape == "top":
        data.update(draw(PNPM_MAPS))
    elif shape == "v5":
        data["importers"] = {".": draw(PNPM_V5_MAPS)}
    else:
        data["importers"] = draw(values(6))
    if draw(st.booleans()):
        data["packages"] = draw(PNPM_PACKAGES)
    if draw(st.integers(0, 2)) == 0:
        data["snapshots"] = draw(PNPM_PACKAGES)
    return data


def _package_json(name: str, version: str, maps: dict[str, Any]) -> str:
    data: dict[str, Any] = {"name": name, "version": version}
    for field, entries in maps.items():
        if field == "specifiers" or not isinstance(entries, dict):
            continue
        data[field] = {
            k: (v.get("specifier") if isinstance(v, dict) else v) for k, v in entries.items()
        }
    return _big(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _folder_name(folder: str) -> bool:
    """Whether a file system holds a folder of that name (and git a file inside it)."""
    parts = folder.split("/")
    return not folder.startswith("/") and all(
        0 < len(p.encode("utf-8", "surrogatepass")) <= 100
        and p not in ("..", ".git")
        and "\x00" not in p
        and "\n" not in p
        for p in parts
    )


@st.composite
def pnpm_projects(draw: st.DrawFn) -> dict[str, str]:
    """A pnpm project: pnpm-lock.yaml, each importer's package.json (mostly as the lock
    says: drift is the exception), pnpm-workspace.yaml."""
    data = draw(pnpm_lock_data())
    version = draw(PNPM_VERSIONS)
    if draw(st.booleans()):
        body = pnpm_yaml(data)
    else:
        body = _yaml_text(data)
    files = {"pnpm-lock.yaml": f"lockfileVersion: {version}\n\n{body}"}
    importers = data.get("importers")
    if not isinstance(importers, dict):
        importers = {".": {k: v for k, v in data.items() if k.endswith("ependencies")}}
    for key, maps in importers.items():
        if not isinstance(key, str) or not isinstance(maps, dict):
            continue
        folder = posixpath.normpath(key) if key else "."
        if not _folder_name(folder):
            continue
        path = "package.json" if folder == "." else f"{folder}/package.json"
        files[path] = _package_json(folder.rsplit("/", 1)[-1], "1.0.0", maps)
        if draw(st.integers(0, 4)) == 0:
            files[path] = draw(mutated(st.just(files[path])))
    if draw(st.booleans()):
        workspace: dict[str, Any] = {"packages": draw(st.sampled_from([["packages/*"], ["packages/**", "apps/*"], ["*"], [], "x"]))}  # fmt: skip
        if "overrides" in data and draw(st.booleans()):
            workspace["overrides"] = data["overrides"]
        files["pnpm-workspace.yaml"] = pnpm_yaml(workspace)
        if draw(st.integers(0, 4)) == 0:
            files["pnpm-workspace.yaml"] = draw(by_syntax("yaml"))
    return files


POETRY_SPECS = st.one_of(
    st.sampled_from(["^3.10", ">=2", "*", "~1.2", "==1.0.0", ">=1,<2", "", "latest"]),
    VERSIONS,
)
POETRY_DEPENDENCY = st.one_of(
    POETRY_SPECS,
    st.fixed_dictionaries(
        {},
        optional={
            "version": POETRY_SPECS,
            "path": st.sampled_from(["core", "../x", "."]),
            "develop": st.booleans(),
            "extras": st.lists(NAMES, max_size=2),
            "optional": st.booleans(),
            "source": NAMES,
            "markers": st.sampled_from(["python_version < '3.11'", "sys_platform == 'win32'"]),
        },
    ),
    values(3),
)
POETRY_DEPENDENCIES = st.dictionaries(DEP_NAMES, POETRY_DEPENDENCY, max_size=3)
PEP508 = st.one_of(
    st.sampled_from(
        ["iniconfig>=2", "idna>=3.5", "core @ file:///x", "a[b]; python_version < '3.11'", "x"]
    ),
    NAMES,
)


@st.composite
def pyproject_for_poetry(draw: st.DrawFn) -> dict[str, Any]:
    """pyproject.toml data as Poetry reads it: [tool.poetry] and/or [project] and
    [dependency-groups]."""
    data: dict[str, Any] = {}
    if draw(st.booleans()):
        data["project"] = draw(
            st.fixed_dictionaries(
                {"name": NAMES, "version": VERSIONS},
                optional={
                    "requires-python": POETRY_SPECS,
                    "dependencies": st.lists(PEP508, max_size=3),
                    "optional-dependencies": st.dictionaries(
                        NAMES, st.lists(PEP508, max_size=2), max_size=2
                    ),
                },
            )
        )
    poetry: dict[str, Any] = draw(
        st.fixed_dictionaries(
            {},
            optional={
                "name": NAMES,
                "version": VERSIONS,
                "dependencies": POETRY_DEPENDENCIES.map(lambda d: {"python": "^3.10", **d}),
                "group": st.dictionaries(
                    st.sampled_from(["dev", "test", "docs"]),
                    st.fixed_dictionaries({"dependencies": POETRY_DEPENDENCIES}),
                    max_size=2,
                ),
                "dev-dependencies": POETRY_DEPENDENCIES,
                "extras": st.dictionaries(NAMES, st.lists(NAMES, max_size=2), max_size=2),
                "source": st.lists(
                    st.fixed_dictionaries(
                        {"name": NAMES, "url": st.just("https://pypi.org/simple/")},
                        optional={"priority": st.sampled_from(["primary", "supplemental"])},
                    ),
                    max_size=2,
                ),
            },
        )
    )
    if poetry or "project" not in data:
        data["tool"] = {"poetry": poetry}
    if draw(st.integers(0, 2)) == 0:
        data["dependency-groups"] = draw(
            st.dictionaries(NAMES, st.lists(PEP508, max_size=2), max_size=2)
        )
    return data


POETRY_HEADERS = st.sampled_from(
    [
        "# This file is automatically @generated by Poetry 2.5.1 and should not be changed by hand.",
        "# This file is automatically @generated by Poetry 2.2.0 and should not be changed by hand.",
        "# This file is automatically @generated by Poetry 1.8.5 and should not be changed by hand.",
        "# This file is automatically @generated by Poetry 2.3.0rc1 and should not be changed by hand.",
        "# This file is automatically @generated by Poetry x and should not be changed by hand.",
        "# @generated by Poetry " + "9" * 5000,
        "",
    ]
)
LOCK_VERSIONS = st.one_of(
    st.sampled_from(['"2.1"', '"2.0"', '"1.1"', '"1.0"', '"3.0"', '"9.0"', "2.1", "2", '""',
                     '"x"', '"2.1.0"', "[2]", '"\u0662.1"']),
    long('"', "9", 5000, '.0"'),
)  # fmt: skip


@st.composite
def poetry_projects(draw: st.DrawFn) -> dict[str, str]:
    """A Poetry project: pyproject.toml and a poetry.lock whose content-hash is mostly the
    one Poetry would write for it."""
    import tomli

    from releaselint.core import poetry_hash

    pyproject = toml_text(draw(pyproject_for_poetry()))
    if draw(st.integers(0, 9)) == 0:
        # a TOML date where Poetry hashes: its json.dumps fails on it
        pyproject += "\n\n[tool.poetry.extras]\nwhen = [1979-05-27T07:32:00Z]\n"
    try:
        parsed = tomli.loads(pyproject)
        hashes = [
            poetry_hash.content_hash(parsed),
            poetry_hash.content_hash(parsed, with_dependency_groups=False),
        ]
    except (ValueError, TypeError, RecursionError):
        hashes = []
    content_hash = draw(
        st.one_of(
            *(st.just(f'"{h}"') for h in hashes),
            st.text("0123456789abcdef", min_size=64, max_size=64).map(lambda h: f'"{h}"'),
            st.sampled_from(['""', "1", "[]", '"x"', "{a = 1}"]),
        )
    )
    packages = draw(
        st.lists(
            st.fixed_dictionaries(
                {"name": DEP_NAMES, "version": VERSIONS},
                optional={
                    "description": NAMES,
                    "optional": st.booleans(),
                    "python-versions": POETRY_SPECS,
                    "groups": st.lists(st.sampled_from(["main", "dev"]), max_size=2),
                    "files": st.just([]),
                    "develop": st.booleans(),
                    "source": st.just({"type": "directory", "url": "core"}),
                },
            ),
            max_size=3,
        )
    )
    lines = [draw(POETRY_HEADERS), ""]
    lines += [f"[[package]]\n{toml_text(p, 'package')}\n" for p in packages]
    metadata = [f"lock-version = {draw(LOCK_VERSIONS)}", 'python-versions = "^3.10"']
    if draw(st.integers(0, 9)):
        metadata.append(f"content-hash = {content_hash}")
    lines.append("[metadata]\n" + "\n".join(draw(st.permutations(metadata))) + "\n")
    return {"pyproject.toml": pyproject, "poetry.lock": _big("\n".join(lines))}


CONFLICT_SIDES = st.sampled_from(
    [
        ("<<<<<<< HEAD\n", "=======\n", ">>>>>>> feature\n"),
        ("<<<<<<< ours\n", "||||||| base\n=======\n", ">>>>>>> theirs\n"),
        ("<<<<<<< HEAD\r\n", "=======\r\n", ">>>>>>> b\r\n"),
        ("<<<<<<<\n", "=======\n", ">>>>>>>\n"),
    ]
)


@st.composite
def damaged(draw: st.DrawFn, text: str, syntax: str) -> str | bytes:
    """A lockfile with the damage one meets in the wild: cut short, a merge conflict left
    in, a byte order mark, tabs, CRLF, an anchor and aliases, nesting too deep for a
    recursive parser, a huge scalar, another format version, a document that is not a
    mapping or more than one, bytes that are not UTF-8; or the generic mutations."""
    kind = draw(
        st.sampled_from(
            ["truncate", "conflict", "bom", "tabs", "crlf", "alias", "deep", "huge", "version",
             "document", "documents", "bytes", "mutated", "none"]
        )
    )  # fmt: skip
    lines = text.splitlines(keepends=True) or [""]
    at = draw(st.integers(0, len(lines)))
    if kind == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    if kind == "conflict":
        start, middle, end = draw(CONFLICT_SIDES)
        stop = draw(st.integers(at, min(len(lines), at + 5)))
        ours = "".join(lines[at:stop])
        theirs = draw(mutated(st.just(ours)))
        if theirs and not theirs.endswith("\n"):
            theirs += "\n"
        return "".join([*lines[:at], start, ours, middle, theirs, end, *lines[stop:]])
    if kind == "bom":
        return "\ufeff" + text
    if kind == "tabs":
        return text.replace("  ", "\t")
    if kind == "crlf":
        return text.replace("\n", "\r\n")
    if kind == "deep":
        depth = draw(st.integers(50, 3000))
        nest = {"toml": f"deep = {'[' * depth}1{']' * depth}\n", "yaml": f"deep: {'[' * depth}1{']' * depth}\n",
                "json": f'"deep": {"[" * depth}1{"]" * depth},\n'}[syntax]  # fmt: skip
        if syntax == "yaml" and draw(st.booleans()):
            nest = "deep:\n" + "".join(f"{'  ' * (i + 1)}k{i}:\n" for i in range(depth)) + "  " * (depth + 1) + "x: 1\n"  # fmt: skip
        return "".join([*lines[:at], nest, *lines[at:]])
    if kind == "huge":
        value = draw(st.sampled_from(["9" * 5000, "x" * 200_000, "1." + "0" * 5000]))
        quoted = value if value.isdigit() else json.dumps(value)
        line = {"toml": f"huge = {quoted}\n", "yaml": f"huge: {quoted}\n", "json": f'"huge": {quoted},\n'}[syntax]  # fmt: skip
        return "".join([*lines[:at], line, *lines[at:]])
    if kind == "alias":
        if syntax != "yaml":
            return draw(mutated(st.just(text)))
        bomb = "".join(f"b{i}: &b{i + 1} [*b{i}, *b{i}, *b{i}, *b{i}]\n" for i in range(draw(st.integers(1, 12))))  # fmt: skip
        line = draw(st.sampled_from(["x: &a {y: *a}\n", "x: &a [1]\ny: *a\n", "<<: *nope\n", f"a: &b0 [1]\n{bomb}"]))  # fmt: skip
        return "".join([*lines[:at], line, *lines[at:]])
    if kind == "version":
        other = draw(st.sampled_from(["99", '"99"', "'99.0'", "-1", "0", "1.5", "null"]))
        for key in ("lockfileVersion: ", "lock-version = ", '"lockfileVersion": ', "version = "):
            if key in text:
                begin = text.index(key) + len(key)
                close = text.find("\n", begin)
                close = len(text) if close < 0 else close
                comma = "," if text[begin:close].rstrip().endswith(",") else ""
                return text[:begin] + other + comma + text[close:]
        return text
    if kind == "document":
        return draw(st.sampled_from(["", "\n", "- a\n- b\n", "42\n", "null\n", "[]\n", "'x'\n", "~\n", "a\n", "---\n", "{}\n"]))  # fmt: skip
    if kind == "documents":
        return draw(st.sampled_from(["---\n", "%YAML 1.2\n---\n"])) + text + "\n---\n" + text
    if kind == "bytes":
        data = text.encode("utf-8", "surrogatepass")
        cut = draw(st.integers(0, len(data)))
        bad = draw(st.sampled_from([b"\xff", b"\xc3(", b"\xe2\x82", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80"]))  # fmt: skip
        return data[:cut] + bad + data[cut:]
    if kind == "mutated":
        return draw(mutated(st.just(text)))
    return text


@st.composite
def lock_projects(draw: st.DrawFn, lockfile: str) -> dict[str, str | bytes]:
    """The files of one project around ``lockfile``: a real fixture or a generated project,
    the lockfile damaged (or not), now and then under a subfolder."""
    seeds = _fixture_files(lockfile)
    generated = {"pnpm-lock.yaml": pnpm_projects(), "poetry.lock": poetry_projects()}.get(lockfile)
    choices = [st.sampled_from(seeds)] if seeds else []
    if generated is not None:
        choices.append(generated)
    files: dict[str, str | bytes] = dict(draw(st.one_of(*choices)))
    syntax = {"pnpm-lock.yaml": "yaml", "package-lock.json": "json"}.get(lockfile, "toml")
    lock = files[lockfile]
    assert isinstance(lock, str)
    files[lockfile] = draw(damaged(lock, syntax))
    if draw(st.integers(0, 3)) == 0:
        files = {f"web/{path}": text for path, text in files.items()}
    return files
