"""Reading commitlint's JavaScript and TypeScript configs without running them."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from releaselint.core.commit_config import read_js_config
from releaselint.core.errors import FatalError
from tests.conftest import Repo


@pytest.mark.parametrize(
    ("text", "data", "unreadable"),
    [
        ("module.exports = {rules: {'a': [2, 'always', 72]}}", {"rules": {"a": [2, "always", 72]}}, []),
        ('export default {"x": "\\u00e9\\n", y: `t`, z: -1.5e3, w: 0x1F, v: null, u: true}',
         {"x": "é\n", "y": "t", "z": -1500.0, "w": 31, "v": None, "u": True}, []),
        ("export default {a: Infinity, b: -Infinity, c: 1_000}",
         {"a": math.inf, "b": -math.inf, "c": 1000}, []),
        ("export default {a: [RuleConfigSeverity.Warning, RuleConfigSeverity.Disabled]}",
         {"a": [1, 0]}, []),
        ("export default {a: [1, x], b: 2}", {"b": 2}, [(1, "a")]),
        ("export default {a: f(1, {b: 2}), b: /,}]/g, c: 3}", {"c": 3}, [(1, "a"), (1, "b")]),
        ("export default {\n  m() { return 1 },\n  [k]: 2,\n  short,\n  ...rest,\n  ok: 1,\n}",
         {"ok": 1}, [(2, "m"), (3, "an entry"), (4, "short"), (5, "the config: a spread")]),
        ("export default {a: `x ${`y ${z}`}`, b: 1}", {"b": 1}, [(1, "a")]),
        ("export default {a: [...base, 'x'], b: 'y'}", {"b": "y"}, [(1, "a")]),
        ("export default {a: {b: {c: () => 1}}}", {"a": {"b": {}}}, [(1, "a.b.c")]),
        ("export default {a: 1} as const;", {"a": 1}, []),
        ("const c = {a: 1}\nmodule.exports = c", {"a": 1}, []),
        ("let c: UserConfig = defineConfig({a: 1});\nexport default c;", {"a": 1}, []),
        ("module.exports = require('./base')", None, [(1, "the exported config")]),
        ("module.exports = base", None, [(1, "the exported config")]),
        ("const x = 1;", None, [(None, "the exported config")]),
        ("// export default {a: 1}\nexport default {b: 2}", {"b": 2}, []),
        ("export default {a: " + "9" * 5000 + ", b: -" + "1" * 400 + "}",
         {"a": math.inf, "b": -math.inf}, []),
    ],
)  # fmt: skip
def test_read_js_config(
    text: str, data: dict[str, object] | None, unreadable: list[tuple[int | None, str]]
) -> None:
    assert read_js_config("c.js", text) == (data, unreadable)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("export default {a: 'x}", "c.js:1: unterminated string"),
        ("export default {a: 1 b: 2}", "c.js:1: expected ',' or '}', found 'b'"),
        ("export default {a: [1 2]}", "c.js:1: expected ',' or ']', found '2'"),
        ("export default {\n/* x", "c.js:2: unterminated comment"),
        ("export default {a: f(]}", "c.js:1: unexpected ']'"),
        ("export default {a: f(", "c.js:1: unexpected end of file"),
        ("export default {a: /x", "c.js:1: unterminated regular expression"),
        ("export default {a: " + "[" * 80 + "]" * 80 + "}", "c.js:1: nested deeper than 64 levels"),
        (
            "export default {a: f(" + "(" * 80 + ")" * 80 + ")}",
            "c.js:1: nested deeper than 64 levels",
        ),
    ],
)
def test_read_js_config_errors(text: str, error: str) -> None:
    with pytest.raises(FatalError) as raised:
        read_js_config("c.js", text)
    assert str(raised.value) == error


@settings(derandomize=True, max_examples=400)
@given(
    st.lists(
        st.sampled_from([*"{}[](),:;'\"`/\\*$ \n.-0aex", "export default", "=>", "${"]),
        max_size=40,
    ).map("".join)
)
def test_any_text_is_read_or_a_located_error(text: str) -> None:
    error = None
    try:
        read_js_config("c.js", "export default " + text)
    except FatalError as e:
        error = str(e)
    assert error is None or error.startswith("c.js:")


# Each would take minutes with a scan or a backtrack per occurrence; they must finish.
HOSTILE = [
    "export default {a: " + "1" * 400_000 + "a}",
    "const X " * 100_000 + "\nexport default X",
    "/* export default */ // export default\n" * 50_000 + "export default {}",
    "'export default" * 100_000 + "\nexport default {}",
    "export default {" + "...a,\n" * 50_000 + "}",
    "export default {a: f(" + "'x', /x/, `y`," * 25_000 + ")}",
    "export default {a: [" + "1, " * 200_000 + "]}",
    "export default {" + " " * 400_000 + "}",
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:16]))
def test_hostile_configs_are_read_in_linear_time(text: str) -> None:
    data, unreadable = read_js_config("c.js", text)
    assert data is None or isinstance(data, dict)
    assert all(line is None or line >= 1 for line, _ in unreadable)


@pytest.mark.parametrize(
    "files",
    [
        {"pyproject.toml": '[tool.commitizen]\nname = "cz_conventional_commits"\n'},
        {".cz.toml": '[tool.commitizen]\nversion = "4.1.0"\n'},
    ],
)
def test_commitizens_bump_commits_where_commitizen_is_configured(
    repo: Repo, files: dict[str, str]
) -> None:
    """commitizen writes `bump: version 4.1.0 → 4.2.0`: with no commitlint config, the type
    `bump` is taken where commitizen is configured, and only there."""
    from releaselint.core.commit_config import load

    plain = load(str(repo.path), None, "").rules["type-enum"][2]
    assert isinstance(plain, list)
    assert "bump" not in plain
    repo.commit(files=files)
    types = load(str(repo.path), None, "").rules["type-enum"][2]
    assert isinstance(types, list)
    assert "bump" in types
    assert "feat" in types
