from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from releaselint.core import pins
from releaselint.core.errors import FatalError
from releaselint.core.lockfiles import pnpm_lock
from releaselint.core.pins import stale
from releaselint.core.pins import uv as uvpins
from tests.core.test_lockfiles import _uv_lockfiles

LOCKS = Path(__file__).parent.parent / "data" / "lockfiles"
PNPM_LOCKS = sorted(p.read_text(encoding="utf-8") for p in LOCKS.glob("*/pnpm-lock.yaml"))
V6 = """\
lockfileVersion: '6.0'

settings:
  autoInstallPeers: true

dependencies:
  is-odd:
    specifier: ^3.0.1
    version: 3.0.1

packages:

  /is-number@6.0.0:
    resolution: {integrity: sha512-Wu1VHeILBK8KAWJUAiSZQX94==}
    engines: {node: '>=0.10.0'}
    dev: false

  /is-odd@3.0.1:
    resolution: {integrity: sha512-CQpnWPrDwmP1+SMHXZ==}
    engines: {node: '>=4'}
    dependencies:
      is-number: 6.0.0
    dev: false
"""


def outcome(read: object, text: str) -> object:
    try:
        return read("pnpm-lock.yaml", text)  # type: ignore[operator]
    except FatalError as e:
        return ("error", str(e))


def test_the_scan_answers_on_real_lockfiles() -> None:
    for text in [*PNPM_LOCKS, V6]:
        # a lock of workspace links only has no packages: all of it is read by hand
        assert pnpm_lock._split("pnpm-lock.yaml", text) is not None
        assert pnpm_lock.read("pnpm-lock.yaml", text) == pnpm_lock.full_read("pnpm-lock.yaml", text)
    assert pnpm_lock.read("pnpm-lock.yaml", V6) == (
        {".": {"dependencies": {"is-odd": "^3.0.1"}}},
        {},
        {},
    )


# every character that means something to YAML, line breaks PyYAML knows, and others
_ALPHABET = st.sampled_from(
    [*" \t\n\r:'\"#-{}[],&*!|>%@`?~=<.^0123456789azAZ_/\\()", "\x85", "\u2028", "é", "\ufeff"]
)


@st.composite
def _edited(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from([*PNPM_LOCKS, V6]))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "duplicate"]))
        if kind == "insert":
            text = text[:at] + draw(st.text(_ALPHABET, min_size=1, max_size=4)) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 8)) :]
        else:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end < 0 else end + 1
            text = text[:end] + text[start:end] + text[end:]
    return text


@settings(max_examples=500, deadline=None, derandomize=True)
@given(_edited())
@example("lockfileVersion: '9.0'\nimporters: {}\npackages:\n  a: 2001-13-45\n")
@example("lockfileVersion: '9.0'\nimporters: {}\npackages:\nimporters:\n  .: {}\n")
@example("lockfileVersion: '9.0'\nimporters: {}\npackages:\n  a:\n     b: 1\n    c: 2\n")
@example("lockfileVersion: '9.0'\nimporters: {}\npackages:\n  a: =\n")
@example("lockfileVersion: '9.0'\nimporters: {}\npackages:\n  '\x85a@1':\n    b: 1\n")
@example("lockfileVersion: '9.0'\nimporters: {}\n...\npackages:\n  a: 1\n")
def test_the_scan_gives_the_full_loads_answer(text: str) -> None:
    assert outcome(pnpm_lock.read, text) == outcome(pnpm_lock.full_read, text)


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        (None, ["uv.lock", "web/package-lock.json", "web/pnpm-lock.yaml", "yarn.lock"]),
        (["README.md"], []),
        (["uv.lock"], ["uv.lock"]),
        (["web/package.json"], ["web/package-lock.json", "web/pnpm-lock.yaml"]),
        (["web/pnpm-workspace.yaml"], ["web/pnpm-lock.yaml"]),
        (["pyproject.toml"], ["uv.lock"]),
        (["libs/a/pyproject.toml"], ["uv.lock"]),
        (["package.json"], []),  # no lockfile of npm's at the root
        (
            ["releaselint.toml"],
            ["uv.lock", "web/package-lock.json", "web/pnpm-lock.yaml", "yarn.lock"],
        ),
    ],
)
def test_lockfiles_to_check(changed: list[str] | None, expected: list[str]) -> None:
    listed = [
        "uv.lock", "pyproject.toml", "web/package-lock.json", "web/pnpm-lock.yaml",
        "web/package.json", "yarn.lock",
    ]  # fmt: skip
    assert pins.lockfiles_to_check(listed, changed) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("uv.lock", False),
        ("packages/a/uv.lock", False),
        ("docs/uv.lock", True),
        ("scripts/bench/package-lock.json", True),
        (".github/actions/x/package-lock.json", True),
        ("vendored/x/Cargo.lock", True),  # ignored by the configuration below
    ],
)
def test_development_projects_are_not_checked(path: str, expected: bool) -> None:
    assert pins.is_dev_project(path, ["vendored"]) is expected


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [
        (">=3.5", ">= 3.5", True),
        (">=2,<3", "<3, >=2", True),
        (">=3.5", ">=3.5.0", True),
        (">=3.5", ">=3.4", False),
        ("==1.*", "==1.*", True),
        ("==3.*", "==3.0.*", False),
        ("~=3.5", "~=3.5.0", False),
        ("", "", True),
    ],
)
def test_specifiers_compare_as_uv_normalises_them(left: str, right: str, same: bool) -> None:
    assert (uvpins._specifier_key(left) == uvpins._specifier_key(right)) is same


@pytest.mark.parametrize(
    ("manifest", "lock", "same"),
    [
        ("python_version < '3.11'", "python_full_version < '3.11'", True),
        ("python_version >= '3.10'", "python_full_version >= '3.10'", True),
        ("sys_platform=='win32'", "sys_platform == 'win32'", True),
        ("python_version <= '3.11'", "python_full_version < '3.12'", True),
        ("python_version > '3.11'", "python_full_version >= '3.12'", True),
        ("python_version == '3.11'", "python_full_version == '3.11.*'", True),
        ("python_version != '3.11'", "python_full_version != '3.11.*'", True),
        ("python_version == '3'", "python_full_version == '3.0.*'", True),
        ("python_version > '3'", "python_full_version >= '3.1'", True),
        ("python_version <= '3'", "python_full_version < '3.1'", True),
        ("python_version >= '3'", "python_full_version >= '3'", True),
        ("python_version < '3.11'", "python_full_version < '3.12'", False),
        # forms whose spelling by uv was not seen: compared as written, never decided equal
        ("python_version != '3'", "python_full_version != '3.0.*'", False),
        ("python_version < '3'", "python_full_version < '3'", False),
        (
            "python_version ~= '3.10'",
            "python_full_version >= '3.10' and python_full_version < '4'",
            False,
        ),
        ("python_version >= '3.10.0'", "python_full_version >= '3.10'", False),
        ("python_version >= '3.1000000000'", "python_full_version >= '3.1000000000'", False),
        # platform_system as the sys_platform uv writes for it
        ("platform_system == 'Windows'", "sys_platform == 'win32'", True),
        ("platform_system != 'Darwin'", "sys_platform != 'darwin'", True),
        ("platform_system == 'FreeBSD'", "sys_platform == 'freebsd'", False),
        ("platform_system == 'Windows'", "platform_system == 'Windows'", True),
        # clauses and terms in any order, parentheses distributed
        (
            "os_name == 'nt' and python_version >= '3.10'",
            "python_full_version >= '3.10' and os_name == 'nt'",
            True,
        ),
        ("'linux' == sys_platform", "sys_platform == 'linux'", True),
        ("'3.10' < python_version", "python_full_version >= '3.11'", False),
        ("a == 'x'", "sys_platform == 'x'", False),
        ("os_name == 'a' or os_name == 'b'", "os_name == 'b' or os_name == 'a'", True),
        (
            "os_name == 'a' and (sys_platform == 'b' or sys_platform == 'c')",
            "os_name == 'a' and sys_platform == 'c' or sys_platform == 'b' and os_name == 'a'",
            True,
        ),
        ("os_name == 'a' or os_name == 'b'", "os_name == 'a' and os_name == 'b'", False),
        ("os_name == 'a'", "os_name == 'a' and os_name == 'a'", True),
        ('os_name == "it\'s"', "os_name == 'its'", False),
    ],
)
def test_markers_in_uvs_spelling(manifest: str, lock: str, same: bool) -> None:
    assert (uvpins._marker_key(manifest) == uvpins._marker_key(lock)) is same


@pytest.mark.parametrize(
    ("bounds", "expected"),
    [
        ([">=3.9"], ">=3.9"),
        ([">=3.9", ">=3.10"], ">=3.10"),
        ([">=3.9,<4", ">=3.9,<4"], ">=3.9,<4"),
        ([">=3.9,<4", ">=3.10"], None),
        ([">=3.9", None], None),
        ([], None),
    ],
)
def test_workspace_requires_python(bounds: list[str | None], expected: str | None) -> None:
    assert uvpins._python_bound(bounds) == expected


@pytest.mark.parametrize(
    ("parts", "pattern", "expected"),
    [
        ("packages/a", "packages/*", True),
        ("packages/a/b", "packages/*", False),
        ("packages/a/b", "packages/**", True),
        ("crates/x/y", "crates/**/y", True),
        ("apps/web", "packages/*", False),
    ],
)
def test_workspace_globs(parts: str, pattern: str, expected: bool) -> None:
    from releaselint.core.folders import workspace_glob

    assert workspace_glob(parts, pattern) is expected


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("uv.lock:3: invalid TOML", ("uv.lock", 3, "invalid TOML")),
        ("pyproject.toml:1: bad: value", ("pyproject.toml", 1, "bad: value")),
        ("uv.lock: truncated", ("uv.lock", None, "truncated")),
    ],
)
def test_reader_errors_become_located_findings(
    message: str, expected: tuple[str, int | None, str]
) -> None:
    finding = pins._damaged("uv.lock", message)
    assert (finding.path, finding.line, finding.message) == expected


def test_uv_relock_upgrades_the_changed_pins() -> None:
    assert pins.relock_argv("uv.lock", ["idna"]) == ["uv", "lock", "--upgrade-package", "idna"]
    assert pins.relock_argv("a/Cargo.lock", ["idna"]) == ["cargo", "update", "--workspace"]


UV_LOCKS = sorted(p.read_text(encoding="utf-8") for p in LOCKS.glob("*/uv.lock"))


def _own(text: str, scan: bool) -> object:
    from releaselint.core.lockfiles import uv_lock

    try:
        return uv_lock._own_document("uv.lock", text, scan=scan)
    except FatalError as e:
        return ("error", str(e))


def _edit_lines(draw: st.DrawFn, lines: list[str], edits: int) -> None:
    """``edits`` lines of a uv.lock inserted, deleted, doubled or edited, in place."""
    for _ in range(edits):
        at = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["insert", "delete", "duplicate", "edit"]))
        if kind == "insert":
            lines.insert(at, draw(_UV_LINES))
        elif kind == "delete":
            del lines[at]
        elif kind == "duplicate":
            lines.insert(at, lines[at])
        else:
            cut = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:cut] + draw(st.text(_ALPHABET, max_size=3)) + lines[at][cut:]


@st.composite
def _edited_uv(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(UV_LOCKS)).split("\n")
    _edit_lines(draw, lines, draw(st.integers(1, 3)))
    return "\n".join(lines)


_UV_LINES = st.sampled_from(
    [
        "[[package]]", "[manifest]", "[options]", "[package.metadata]", "[package.source]",
        'name = "x"', 'source = { registry = "https://pypi.org/simple" }',
        'source = { editable = "." }', 'source = { virtual = "." }', "version = 2",
        'requires-python = ">=3.12"', "members = [", "]", '    "a",', "package = 1",
        "[manifest.dependency-metadata]", '[package.metadata.requires-dev]', "dev = []",
        "conflicts = [[", "], [", "]]", "]],", '    { package = "a", extra = "x" },',
    ]
)  # fmt: skip


def test_the_uv_fast_path_reads_the_own_entries() -> None:
    from releaselint.core.lockfiles import uv_lock

    for text in UV_LOCKS:
        assert uv_lock._scan("uv.lock", text) is not None
        assert _own(text, True) == _own(text, False)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(_edited_uv())
def test_the_uv_fast_path_gives_the_full_parses_answer(text: str) -> None:
    assert _own(text, True) == _own(text, False)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_uv_lockfiles())
def test_the_uv_fast_path_on_generated_lockfiles(text: str) -> None:
    assert _own(text, True) == _own(text, False)


# registry entries as uv writes them, and near misses: each key optional, in uv's order or
# not, strings with what TOML refuses in them, extras named twice
_UV_VALUE = st.sampled_from(
    [
        *["a", "1.0.0", "", "x y", "t\tab", "é", "https://pypi.org/simple", "k = 1", "{ a = 1 }"]
        * 5,
        *['q"', "b\\s", "c\x01", "\x7f"],
    ]
)


@st.composite
def _uv_registry_entry(draw: st.DrawFn) -> list[str]:
    def string() -> str:
        return '"' + draw(_UV_VALUE) + '"'

    def dependency() -> str:
        parts = [f"name = {string()}"]
        for key, value in (
            ("version", string()),
            ("source", "{ registry = " + string() + " }"),
            ("extra", f"[{string()}]"),
            ("marker", string()),
        ):
            if draw(st.booleans()):
                parts.append(f"{key} = {value}")
        if draw(st.integers(0, 9)) == 0:
            parts = draw(st.permutations(parts))
        return "{ " + ", ".join(parts) + " }"

    def array(key: str, item: Callable[[], str]) -> list[str]:
        return [f"{key} = [", *(f"    {item()}," for _ in range(draw(st.integers(0, 2)))), "]"]

    def file() -> str:
        size = draw(st.sampled_from(["0", "12", "012", "1" * 19]))
        upload = f", upload-time = {string()}" if draw(st.booleans()) else ""
        return f"{{ url = {string()}, hash = {string()}, size = {size}{upload} }}"

    keys: list[list[str]] = [[f"name = {string()}"]]
    if draw(st.booleans()):
        keys.append([f"version = {string()}"])
    source = draw(st.sampled_from(["registry", "registry", "editable", "virtual", "git"]))
    keys.append([f"source = {{ {source} = {string()} }}"])
    if draw(st.booleans()):
        keys.append(array("resolution-markers", string))
    if draw(st.booleans()):
        keys.append(array("dependencies", dependency))
    if draw(st.booleans()):
        keys.append([f"sdist = {file()}"])
    if draw(st.booleans()):
        keys.append(array("wheels", file))
    if draw(st.integers(0, 9)) == 0:
        keys = draw(st.permutations(keys))

    def requirement() -> str:
        parts = [f"name = {string()}"]
        for key in ("extras", "marker", draw(st.sampled_from(["specifier", "editable", "git"]))):
            if draw(st.booleans()):
                parts.append(f"{key} = [{string()}]" if key == "extras" else f"{key} = {string()}")
        return "{ " + ", ".join(parts) + " }"

    def inline(item: Callable[[], str]) -> str:
        return "[" + ", ".join(item() for _ in range(draw(st.integers(0, 2)))) + "]"

    lines = ["[[package]]", *(line for key in keys for line in key)]
    tables = [
        ("optional-dependencies", dependency),
        ("dev-dependencies", dependency),
        ("metadata", requirement),
        ("metadata.requires-dev", requirement),
    ]
    for table, item in tables:
        if draw(st.booleans()):
            continue
        lines += ["", f"[package.{table}]"]
        if table == "metadata":
            if draw(st.booleans()):
                lines += array("requires-dist", item)
            if draw(st.booleans()):
                lines.append(f"provides-extras = {inline(string)}")
            continue
        for _ in range(draw(st.integers(1, 3))):
            key = draw(st.sampled_from(["a", "b", "c-d"]))
            if draw(st.booleans()):
                lines += array(key, item)
            else:
                lines.append(f"{key} = {inline(item)}")
    return lines


@st.composite
def _uv_registry_lock(draw: st.DrawFn) -> str:
    lines = ["version = 1", "revision = 3"]
    if draw(st.booleans()):  # conflicting extras and groups, as uv writes them
        groups = draw(st.lists(st.integers(0, 2), max_size=3))
        lines.append("conflicts = [[")
        for number, size in enumerate(groups):
            if number:
                lines.append("], [")
            lines += [f'    {{ package = "a", extra = "x{i}" }},' for i in range(size)]
        lines.append("]]")
    for _ in range(draw(st.integers(1, 4))):
        lines += ["", *draw(_uv_registry_entry())]
    _edit_lines(draw, lines, draw(st.sampled_from([0, 0, 0, 1, 2])))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


def _uv_scan(text: str, blocks: bool) -> object:
    from releaselint.core.lockfiles import uv_lock

    try:
        return uv_lock._scan("uv.lock", text, blocks=blocks)
    except FatalError as e:
        return ("error", str(e))


def _own_by(text: str, blocks: bool) -> object:
    from releaselint.core.lockfiles import uv_lock

    try:
        return uv_lock._own_document("uv.lock", text, scan=True, blocks=blocks)
    except FatalError as e:
        return ("error", str(e))


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(_uv_registry_lock())
@example('version = 1\n\n[[package]]\nname = "a"\nsource = { registry = "r" }\n')
@example(
    'version = 1\n[[package]]\nname = "a"\nsource = { registry = "r" }\n\n'
    "[package.optional-dependencies]\nx = [\n]\nx = [\n]\n"
)
def test_an_entry_matched_whole_is_the_line_scans_answer(text: str) -> None:
    """``_BLOCK_RE`` takes an entry at once where the line scan would take it line by line:
    the same entries, spans and refusals, and the same own document as the full parse."""
    from releaselint.core.lockfiles import damage, uv_lock

    assert _uv_scan(text, True) == _uv_scan(text, False)
    assert _own_by(text, True) == _own_by(text, False) == _own(text, False)
    scanned = _uv_scan(text, True)
    if isinstance(scanned, tuple) and not isinstance(scanned[0], str):
        entries, spans = damage.load_toml_packages("uv.lock", text, uv_lock.KNOWN_VERSIONS)
        expected = uv_lock._own("uv.lock", text, entries, spans, False)
        found_entries, found_spans = scanned
        assert uv_lock._own("uv.lock", text, found_entries, found_spans, False) == expected


@st.composite
def _mixed_line_ends(draw: st.DrawFn) -> str:
    """A uv.lock some of whose lines end in CRLF (TOML allows any mix)."""
    text = draw(st.sampled_from(UV_LOCKS) | _uv_registry_lock())
    lines = text.split("\n")
    crlf = draw(st.sets(st.integers(0, max(len(lines) - 2, 0)), max_size=4))
    headers = [i for i, line in enumerate(lines) if line == "[[package]]"]
    with_header = draw(st.booleans())
    if headers and with_header:  # a [[package]] line among them
        crlf.add(draw(st.sampled_from(headers)))
    return "\n".join(
        f"{line}\r" if i in crlf and i < len(lines) - 1 else line for i, line in enumerate(lines)
    )


@settings(max_examples=400, deadline=None, derandomize=True)
@given(_mixed_line_ends())
@example(
    'version = 1\n\n[[package]]\r\nname = "a"\nversion = "1"\nsource = { registry = "r" }\n\n'
    '[[package]]\nname = "mine"\nversion = "0.1.0"\nsource = { editable = "." }\nfoo = 1\n'
)
def test_lines_ending_in_crlf_among_lf_ones_give_the_full_parses_answer(text: str) -> None:
    assert _own_by(text, True) == _own_by(text, False) == _own(text, False)


def test_entries_in_uvs_shape_are_matched_whole() -> None:
    from releaselint.core.lockfiles import uv_lock

    text = (LOCKS / "uv-registry" / "uv.lock").read_text(encoding="utf-8")
    pieces = list(uv_lock._pieces(text, blocks=True))
    assert [block is not None for _, _, block in pieces] == [False, True, True, True, True]
    extras = (
        'version = 1\n\n[[package]]\nname = "a"\nversion = "1"\nsource = { registry = "r" }\n'
        '\n[package.optional-dependencies]\nx = [\n    { name = "b" },\n]\ny = [\n]\n'
    )
    (_, _, head), (_, _, entry) = list(uv_lock._pieces(extras, blocks=True))
    assert head is None
    assert entry is not None
    found = _uv_scan(extras, True)
    assert found == _uv_scan(extras, False)
    assert isinstance(found, tuple)
    entries, spans = found
    assert entries == [{"name": "a", "version": "1", "source": {"registry": "r"}}]
    name, version = spans[("package", 0, "name")], spans[("package", 0, "version")]
    assert (extras[name[0] - 8 : name[1]], extras[version[0] - 11 : version[1]]) == (
        'name = "a',
        'version = "1',
    )
    twice = extras.replace("y = [", "x = [")
    assert list(uv_lock._pieces(twice, blocks=True))[1][2] is None
    assert _uv_scan(twice, True) is None


@pytest.mark.parametrize(
    ("ecosystem", "wanted", "version", "expected"),
    [
        ("python", ">=0.3", "0.3.0", True),
        ("python", ">=0.2", "0.3.0", False),
        ("python", "==0.3.0", "0.3", True),
        ("node", "^0.3.0", "0.3.0", True),
        ("node", "~0.3", "0.3.0", True),
        ("node", "^0.2.0", "0.3.0", False),
        ("node", "^1.0.0-rc.1", "1.0.0-rc.1", True),
        ("rust", "0.3", "0.3.0", True),
        ("rust", "0.3", "0.3.1", False),
    ],
)
def test_pins_that_name_the_current_version(
    ecosystem: str, wanted: str, version: str, expected: bool
) -> None:
    assert stale._pins_exactly(ecosystem, wanted, version) is expected


_WHEEL_PARTS = st.text(st.sampled_from([*'az09"\\ ,={}#\x00\x1f\x7fé', "\t"]), max_size=6)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(
    _WHEEL_PARTS,
    _WHEEL_PARTS,
    st.sampled_from(["0", "7", "012", "1" * 19, "-1", "1_0"]),
    st.booleans(),
)
@example("a", "b", "1", True)
def test_a_wheel_line_is_an_item_the_scan_accepts(
    url: str, hash_: str, size: str, upload: bool
) -> None:
    from releaselint.core.lockfiles import uv_lock

    line = f'    {{ url = "{url}", hash = "{hash_}", size = {size}'
    line += ', upload-time = "2024" },' if upload else " },"
    if uv_lock._WHEEL_RE.fullmatch(line) is not None:
        item = line[4:-1]
        match = uv_lock._VALUE_RE.fullmatch(item)
        assert match is not None
        assert match.group(1) == item
        assert uv_lock._unique_pairs(item)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.text(st.sampled_from([*'"\\0123456789a #{}[],\t', "é", "٣"]), max_size=8))
@example('"a"')
@example("12")
def test_a_plain_value_is_one_the_value_pattern_takes_whole(value: str) -> None:
    from releaselint.core.lockfiles import uv_lock

    if uv_lock._plain(value):
        match = uv_lock._VALUE_RE.fullmatch(value)
        assert match is not None
        assert match.group(1) == value
        assert uv_lock._unique_pairs(value)
    assert uv_lock._plain('"a"')
    assert uv_lock._plain("12")


@pytest.mark.parametrize(
    ("first_line", "expected"),
    [
        ("# This file is automatically @generated by Poetry 1.8.5 and should not be", True),
        ("# This file is automatically @generated by Poetry 2.3.0rc1 and should not be", True),
        ("# This file is automatically @generated by Poetry 2.5.1 and should not be", False),
        ("# @generated by Poetry x", False),
        # a version part int() refuses (past 4,300 digits): no Poetry wrote it
        ("# @generated by Poetry " + "9" * 5000, False),
        ("# @generated by Poetry 1." + "9" * 5000, False),
    ],
)
def test_the_writer_of_a_poetry_lock(first_line: str, expected: bool) -> None:
    from releaselint.core import poetry_hash

    assert poetry_hash.written_before_groups(first_line) is expected
    # a stale hash stays stale whoever wrote the lock
    assert poetry_hash.is_fresh({"project": {"dependencies": ["a"]}}, "0" * 64, first_line) is False


_SCALARS = [
    "a", "yes", "No", "ON", "off", "TRUE", "false", "y", "n", "~", "~1.2", "null", "Null", "nul",
    "0", "-0", "+7", "12", "007", "08", "0x1F", "0b10", "1_000", "1:30", "-1", "1.5", ".5", "1.",
    ".inf", "-.Inf", ".NaN", "1e3", "1.0e+3", "2001-01-01", "2001-1-1 1:02:03", "<<", "=",
    "a b", "^1.0.0", "1.2.3", "'q''x'", "'yes'", '"1.0"', "'@x/y'", "7.29.13(a@8.1.1)",
    "9" * 4001, "workspace:^", "link:../a", "a:b:c", "1:30", "12:30:45", "a:", "{a: b:c}",
    "catalog:x", "'catalog:'", "é", "测试", "a#b", "a #b", "it's", "a, b", "x,y", "a  b", "-a",
    "?a", ":a", "a :b", "a\u2028b", "a\x85b", "a\tb", "'é''s'", '"a\'b"', "{a: https://x/y}",
    "[a?b]", "{a: b#c}", "{a: b:c}", "[x,y]", "{a: b, c: 'd, e'}", "{a: b}", "{integrity: sha512-x==, yes: no}", "[x, 1, 'y']", "{}", "[]",
]  # fmt: skip


@st.composite
def _heads(draw: st.DrawFn) -> str:
    """Lines in pnpm's shape, nested or not as YAML allows, with scalars YAML reads as
    strings, booleans, null, integers of every spelling, floats and dates."""
    lines = []
    indent = 0
    for _ in range(draw(st.integers(1, 12))):
        indent = draw(st.sampled_from(sorted({0, max(indent - 2, 0), indent, indent + 2})))
        key = draw(st.sampled_from([s for s in _SCALARS if s[0] not in "{["]))
        if draw(st.integers(0, 9)) == 0:
            lines.append(f"{' ' * draw(st.integers(0, 6))}# {key}")
        elif draw(st.booleans()):
            lines.append(f"{' ' * indent}{key}:")
        elif draw(st.integers(0, 5)) == 0:
            lines.append(f"{' ' * indent}- {draw(st.sampled_from(_SCALARS))}")
        else:
            lines.append(f"{' ' * indent}{key}: {draw(st.sampled_from(_SCALARS))}")
        if draw(st.integers(0, 7)) == 0:
            lines[-1] += draw(st.sampled_from([" # c", "  #c: d", " #", "# c", " # \x85"]))
    return "\n".join(lines) + "\n"


@settings(max_examples=2000, deadline=None, derandomize=True)
@given(_heads())
def test_the_head_is_built_as_pyyaml_builds_it(head: str) -> None:
    """Where the hand-built head answers, it is PyYAML's document."""
    from releaselint.core import yaml

    built = pnpm_lock.block_document(head)
    if built is not None:
        assert built == yaml.load("pnpm-lock.yaml", head)


def test_the_head_of_real_lockfiles_is_built_without_pyyaml() -> None:
    for text in [*PNPM_LOCKS, V6]:
        at = pnpm_lock._tail_start(text)
        head = text if at is None else text[:at]
        assert pnpm_lock.block_document(pnpm_lock.main_document(head)) is not None, head[:200]


def test_a_marker_whose_normal_form_grows_past_the_bound_is_compared_as_written() -> None:
    """Distributing ``and`` over ``or`` multiplies terms: two groups of a thousand would be a
    million. Past 64 terms the marker is compared as packaging writes it."""
    first = " or ".join(f"os_name == 'a{i}'" for i in range(1000))
    second = " or ".join(f"sys_platform == 'b{i}'" for i in range(1000))
    assert uvpins._marker_key(f"({first}) and ({second})").startswith("as written: (")
    six = " and ".join(f"(os_name == '{i}' or sys_platform == '{i}')" for i in range(6))
    assert uvpins._marker_key(six).count(" or ") == 63
    seven = f"{six} and (os_name == '6' or sys_platform == '6')"
    assert uvpins._marker_key(seven).startswith("as written: ")
    # a conjunction of more than 64 clauses: each step would copy the term (quadratic)
    many = " and ".join(f"os_name == 'a{i}'" for i in range(65))
    assert uvpins._marker_key(many).startswith("as written: ")
    assert uvpins._marker_key(many.rsplit(" and ", 1)[0]).count(" and ") == 63


# clauses whose uv spellings meet: python_version and python_full_version, platform_system
# and sys_platform, a value on either side
_CLAUSES = [
    "python_version >= '3.10'", "python_full_version >= '3.10'", "python_version < '3.12'",
    "python_full_version < '3.12'", "python_version == '3.11'", "python_version > '3.10'",
    "python_version <= '3.11'", "platform_system == 'Windows'", "sys_platform == 'win32'",
    "platform_system != 'Linux'", "sys_platform != 'linux'", "os_name == 'nt'",
    "'darwin' == sys_platform", "implementation_name == 'cpython'",
]  # fmt: skip
# environments as an interpreter gives them: python_version is python_full_version's
# major.minor, and platform_system goes with sys_platform
_ENVIRONMENTS = [
    {"python_full_version": full, "python_version": full.rsplit(".", 1)[0],
     "platform_system": system, "sys_platform": platform, "os_name": os_name,
     "implementation_name": implementation}
    for full in ("3.9.1", "3.10.0", "3.11.4", "3.12.2", "3.13.0")
    for system, platform, os_name in (("Windows", "win32", "nt"), ("Linux", "linux", "posix"),
                                      ("Darwin", "darwin", "posix"))
    for implementation in ("cpython", "pypy")
]  # fmt: skip


def _marker(draw: st.DrawFn, depth: int = 0) -> str:
    if depth > 2 or draw(st.booleans()):
        return draw(st.sampled_from(_CLAUSES))
    parts = [_marker(draw, depth + 1) for _ in range(draw(st.integers(2, 3)))]
    joined = f" {draw(st.sampled_from(['and', 'or']))} ".join(parts)
    return f"({joined})" if draw(st.booleans()) else joined


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_markers_with_one_key_are_one_function(data: st.DataObject) -> None:
    """Differential: ``_marker_key`` calls two markers the same only where they agree in
    every environment (packaging evaluates them); a conjunction in another order has the
    same key."""
    from packaging.markers import Marker

    first = data.draw(st.composite(_marker)())
    second = data.draw(st.composite(_marker)())
    if uvpins._marker_key(first) == uvpins._marker_key(second):
        for environment in _ENVIRONMENTS:
            assert Marker(first).evaluate(environment) == Marker(second).evaluate(environment)
    clauses = data.draw(st.lists(st.sampled_from(_CLAUSES), min_size=1, max_size=4))
    shuffled = data.draw(st.permutations(clauses))
    assert uvpins._marker_key(" and ".join(clauses)) == uvpins._marker_key(" and ".join(shuffled))


def test_clauses_with_one_key_are_one_function() -> None:
    """Every pair of the clauses above: one key, one function."""
    from packaging.markers import Marker

    for one in _CLAUSES:
        for other in _CLAUSES:
            if uvpins._marker_key(one) == uvpins._marker_key(other):
                for environment in _ENVIRONMENTS:
                    assert Marker(one).evaluate(environment) == Marker(other).evaluate(environment)
