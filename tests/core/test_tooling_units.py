"""Evidence from release tooling's own configuration, tool by tool: the files it rewrites,
the names it keeps in lockstep and its own record of the current version."""

from __future__ import annotations

import pytest

from releaselint.core import tooling

INDEPENDENT = ".changeset/config.json: packages are versioned independently unless fixed"


def evidence(texts: dict[str, str]) -> list[tuple[object, ...]]:
    full: dict[str, str | None] = dict.fromkeys(tooling.FILES)
    full.update(texts)
    return [
        (e.reason, e.folders, e.files, e.names,
         [(d.path, d.line, d.value, d.field) for d in e.declarations], e.tag_prefixes)
        for e in tooling.evidence(full, {})
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("texts", "found"),
    [
        ({"pyproject.toml": '[tool.tbump.version]\ncurrent = "1.2.3"\n[[tool.tbump.file]]\nsrc = "a.txt"\n'},
         [("pyproject.toml: [tool.tbump] (tbump)", [], ["a.txt"], [], [("pyproject.toml", 2, "1.2.3", "tool.tbump.version.current")], [])]),
        # a current version that is no string is no record of the version
        ({"tbump.toml": '[version]\ncurrent = 1\n[[file]]\nsrc = "a"\n'},
         [("tbump.toml (tbump)", [], ["a"], [], [], [])]),
        ({".bumpversion.toml": '[tool.bumpversion]\ncurrent_version = "1.0.0"\n[[tool.bumpversion.files]]\nfilename = "a.txt"\n'},
         [(".bumpversion.toml: [tool.bumpversion]", [], ["a.txt"], [], [(".bumpversion.toml", 2, "1.0.0", "tool.bumpversion.current_version")], [])]),
        ({".bumpversion.toml": "x = 1\n"}, []),
        ({".bumpversion.cfg": "[bumpversion]\ncurrent_version_x = 2\ncurrent_version = 1.0.0\n[bumpversion:file:a.txt]\n"},
         [(".bumpversion.cfg: [bumpversion]", [], ["a.txt"], [], [(".bumpversion.cfg", 3, "1.0.0", "current_version")], [])]),
        # configparser's other delimiter, the first on the line
        ({".bumpversion.cfg": "[bumpversion]\ncurrent_version: 1.0.0\n[bumpversion:file:a.txt]\n"},
         [(".bumpversion.cfg: [bumpversion]", [], ["a.txt"], [], [(".bumpversion.cfg", 2, "1.0.0", "current_version")], [])]),
        ({".bumpversion.cfg": "[bumpversion]\ncurrent_version : 1.0.0\n"},
         [(".bumpversion.cfg: [bumpversion]", [], [], [], [(".bumpversion.cfg", 2, "1.0.0", "current_version")], [])]),
        ({".changeset/config.json": '{"fixed": [["a", "b"], ["c", 1], "d"]}'},
         [(INDEPENDENT, [], [], [], [], []), (".changeset/config.json: fixed[0]", [], [], ["a", "b"], [], [])]),
        ({".changeset/config.json": '{"fixed": "a"}'}, [(INDEPENDENT, [], [], [], [], [])]),
    ],
)  # fmt: skip
def test_evidence_of_each_tool(texts: dict[str, str], found: list[tuple[object, ...]]) -> None:
    assert evidence(texts) == found


@pytest.mark.parametrize(
    ("name", "patterns", "match"),
    [("@acme/api", ["@acme/*"], True), ("api", ["@acme/*"], False), ("x", ["y", "x"], True)],
)
def test_names_match(name: str, patterns: list[str], match: bool) -> None:
    assert tooling.names_match(name, patterns) is match
