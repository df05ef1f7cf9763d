"""What a lockfile says, kept by its content (``core.lockcache``): the answer read back is
the answer the lockfile gives, and a lockfile that changed is read again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings

from releaselint.core import lockcache, pins
from releaselint.core.errors import FatalError
from releaselint.core.lockfiles import pnpm_lock, uv_lock
from releaselint.core.pins import npm as npmpins
from releaselint.core.pins import pnpm as pnpmpins
from releaselint.core.pins import poetry as poetrypins
from releaselint.hooks.check_lockfile_pins import main
from tests.conftest import Repo
from tests.core.test_pins import UV_LOCKS, _edited_uv
from tests.hooks.test_check_lockfile_pins import MUTATIONS

FIXTURES = Path(__file__).parent.parent / "data" / "lockfiles"
POETRY_LOCKS = sorted(p.read_text(encoding="utf-8") for p in FIXTURES.glob("*/poetry.lock"))
PNPM_LOCKS = sorted(p.read_text(encoding="utf-8") for p in FIXTURES.glob("*/pnpm-lock.yaml"))
NPM_LOCKS = sorted(p.read_text(encoding="utf-8") for p in FIXTURES.glob("*/package-lock.json"))


def round_trip(value: object, encode: object, decode: object) -> object:
    """What a later run reads back: the encoded answer through a JSON file."""
    encoded = encode(value)  # type: ignore[operator]
    if encoded is None or not lockcache.plain(encoded):
        return value  # not kept: read again
    return decode(json.loads(json.dumps(encoded)))  # type: ignore[operator]


def uv_answer(text: str) -> object:
    try:
        return uv_lock.own_document("uv.lock", text)
    except FatalError as e:
        return str(e)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_edited_uv())
def test_a_uv_document_reads_back_as_it_was(text: str) -> None:
    answer = uv_answer(text)
    if not isinstance(answer, str):
        assert round_trip(answer, pins._encode_document, pins._decode_document) == answer


def test_real_lockfiles_read_back_as_they_were() -> None:
    for text in UV_LOCKS:
        answer = uv_lock.own_document("uv.lock", text)
        assert lockcache.plain(pins._encode_document(answer))
        assert round_trip(answer, pins._encode_document, pins._decode_document) == answer
    for text in POETRY_LOCKS:
        document = poetrypins._poetry_metadata("poetry.lock", text)
        assert document[0]["metadata"]["content-hash"]
        assert round_trip(document, pins._encode_document, pins._decode_document) == document
    for text in NPM_LOCKS:
        projects = npmpins._projects("package-lock.json", text)
        assert "" in projects[0]["packages"]
        assert not any(npmpins._installed(k) for k in projects[0]["packages"])
        assert round_trip(projects, pins._encode_document, pins._decode_document) == projects
    for text in PNPM_LOCKS:
        found = pnpm_lock.read("pnpm-lock.yaml", text)
        assert found is not None
        assert round_trip(found, list, pnpmpins.decode_lock) == found


@pytest.mark.parametrize(
    ("value", "plain"),
    [
        ({"a": [1, "x", True, None, {"b": []}]}, True),
        ({"a": 1.5}, False),
        ({1: "x"}, False),
        ((1, 2), False),
        ([{"a": (1,)}], False),
    ],
)
def test_only_json_values_are_kept(value: object, plain: bool) -> None:
    assert lockcache.plain(value) is plain


def run(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main([])
    return code, capsys.readouterr().out


@pytest.mark.parametrize(
    ("fixture", "path", "old", "new"),
    [(m[0], m[2], m[3], m[4]) for m in MUTATIONS],
    ids=[f"{m[0]}:{m[2]}:{m[4][:24]}" for m in MUTATIONS],
)
def test_a_second_run_answers_as_the_first(
    repo: Repo, capsys: pytest.CaptureFixture[str], fixture: str, path: str, old: str, new: str
) -> None:
    """Every mutation of the lockfile suite, checked twice: the second run reads the
    cache the first wrote, and says the same."""
    shutil.copytree(FIXTURES / fixture, repo.path, dirs_exist_ok=True)
    repo.commit("chore: init")
    repo.write({path: repo.read(path).replace(old, new)})
    first = run(capsys)
    assert run(capsys) == first


def test_the_cache_is_read_and_a_changed_lockfile_is_not(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(FIXTURES / "uv-workspace", repo.path, dirs_exist_ok=True)
    repo.commit("chore: init")
    assert run(capsys) == (0, "")
    cache = repo.path / ".git" / "releaselint" / "lockfiles.json"
    entries = json.loads(cache.read_text())
    assert list(entries) == ["uv.lock"]
    # a cached answer that says another version: the next run reads it, not the lockfile
    value = entries["uv.lock"]["value"]
    own = value["data"]["package"]
    first = next(e for e in own if e["source"] == {"virtual": "."} or "editable" in e["source"])
    first["version"] = "9.9.9"
    cache.write_text(json.dumps(entries))
    code, out = run(capsys)
    assert code == 1
    assert "is '9.9.9' but" in out
    # the lockfile changed: its digest misses, it is read again
    repo.write({"uv.lock": repo.read("uv.lock") + "\n"})
    assert run(capsys) == (0, "")


@pytest.mark.parametrize("damage", ["", "[1]", '{"uv.lock": 3}', '{"uv.lock": {"key": 1}}', "\x00"])
def test_a_damaged_cache_is_read_past(
    repo: Repo, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    shutil.copytree(FIXTURES / "uv-workspace", repo.path, dirs_exist_ok=True)
    repo.commit("chore: init")
    cache = repo.path / ".git" / "releaselint" / "lockfiles.json"
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(damage)
    assert run(capsys) == (0, "")
    assert "uv.lock" in json.loads(cache.read_text())


def test_an_unchanged_settled_lockfile_is_not_read_again(
    repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lockfile whose status is the one recorded when it was read is not read again, where
    that status was settled then; any write since (the same size, the modification time
    put back) misses, and the lockfile is read."""
    import os

    shutil.copytree(FIXTURES / "uv-workspace", repo.path, dirs_exist_ok=True)
    repo.commit("chore: init")
    cache = repo.path / ".git" / "releaselint" / "lockfiles.json"
    # a lockfile written just now is not settled: no status is kept
    assert run(capsys) == (0, "")
    assert "status" not in json.loads(cache.read_text())["uv.lock"]
    monkeypatch.setattr(lockcache, "SETTLED_NS", 0)  # every file is settled
    assert run(capsys) == (0, "")
    entries = json.loads(cache.read_text())
    lock = repo.path / "uv.lock"
    assert entries["uv.lock"]["status"] == lockcache.status(str(lock))
    # the status answers: an answer kept under another digest is read back, not the file
    value = entries["uv.lock"]["value"]
    own = value["data"]["package"]
    first = next(e for e in own if e["source"] == {"virtual": "."} or "editable" in e["source"])
    first["version"] = "9.9.9"
    entries["uv.lock"]["key"] = entries["uv.lock"]["key"][:-4] + "0000"
    cache.write_text(json.dumps(entries))
    code, out = run(capsys)
    assert code == 1
    assert "is '9.9.9' but" in out
    # a write of the same size, its modification time put back: read again, the answer
    # is the file's
    before = os.stat(lock)
    text = repo.read("uv.lock")
    assert text.count('version = "1.0.0"') == 1
    repo.write({"uv.lock": text.replace('version = "1.0.0"', 'version = "1.0.1"')})
    os.utime(lock, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(lock).st_size == before.st_size
    code, out = run(capsys)
    assert code == 1
    assert "is '1.0.1' but pyproject.toml" in out


def test_a_cache_that_cannot_be_written_is_left_as_it_was(tmp_path: Path) -> None:
    from releaselint.core import cache as cachefile

    blocked = tmp_path / "file"
    blocked.write_text("x")
    cachefile.write_json(str(blocked / "cache.json"), {"a": 1})  # its folder is a file
    assert blocked.read_text() == "x"
    target = tmp_path / "cache.json"
    target.mkdir()  # a folder where the file goes: the rename fails
    cachefile.write_json(str(target), {"a": [1, "é", None, True]})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache.json", "file"]
    cachefile.write_json(str(tmp_path / "new.json"), {"a": [1, "é", None, True]})
    assert json.loads((tmp_path / "new.json").read_text()) == {"a": [1, "é", None, True]}
    assert lockcache.status(str(tmp_path / "missing")) is None
    assert lockcache.status(None) is None


@pytest.mark.parametrize(
    ("fixture", "lock", "damage"),
    [
        ("pnpm-workspace", "pnpm-lock.yaml", lambda v: v.__setitem__(0, {".": ["x"]})),
        ("pnpm-workspace", "pnpm-lock.yaml", lambda v: v.__setitem__(1, {"a": 1})),
        ("pnpm-workspace", "pnpm-lock.yaml", lambda v: v.__setitem__(2, {"default": {"a": []}})),
        (
            "pnpm-workspace",
            "pnpm-lock.yaml",
            lambda v: v.__setitem__(0, {".": {"dependencies": []}}),
        ),
        ("uv-workspace", "uv.lock", lambda v: v.__setitem__("data", [])),
        ("uv-workspace", "uv.lock", lambda v: v["spans"].append([["version"], "0", 1])),
    ],
)
def test_a_cache_entry_in_no_shape_is_read_past(
    repo: Repo, capsys: pytest.CaptureFixture[str], fixture: str, lock: str, damage: object
) -> None:
    """An entry edited by hand into another shape: the lockfile is read, no traceback."""
    shutil.copytree(FIXTURES / fixture, repo.path, dirs_exist_ok=True)
    repo.commit("chore: init")
    assert run(capsys) == (0, "")
    cache = repo.path / ".git" / "releaselint" / "lockfiles.json"
    entries = json.loads(cache.read_text())
    damage(entries[lock]["value"])  # type: ignore[operator]
    cache.write_text(json.dumps(entries))
    assert run(capsys) == (0, "")


def test_an_npm_project_in_a_node_modules_folder_is_read_from_the_whole_lock(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    """The cache keeps the projects' entries, not the installed packages'; a workspace whose
    folder a node_modules path names is looked up in the whole lock, as before."""
    lock = {
        "name": "root", "version": "1.0.0", "lockfileVersion": 3, "requires": True,
        "packages": {
            "": {"name": "root", "version": "1.0.0", "workspaces": ["vendor/node_modules/x"]},
            "vendor/node_modules/x": {"name": "x", "version": "2.0.0"},
            "node_modules/x": {"resolved": "vendor/node_modules/x", "link": True},
        },
    }  # fmt: skip
    repo.write(
        {
            "package.json": json.dumps(
                {"name": "root", "version": "1.0.0", "workspaces": ["vendor/node_modules/x"]}
            ),
            "vendor/node_modules/x/package.json": json.dumps({"name": "x", "version": "2.0.0"}),
            "package-lock.json": json.dumps(lock, indent=2),
        }
    )
    repo.git("add", "-f", "-A")
    assert run(capsys) == (0, "")
    assert run(capsys) == (0, "")  # the second run reads the cache
    repo.write(
        {"vendor/node_modules/x/package.json": json.dumps({"name": "x", "version": "2.1.0"})}
    )
    code, out = run(capsys)
    assert code == 1
    assert "packages[\"vendor/node_modules/x\"].version is '2.0.0'" in out
