"""Poetry's ``metadata.content-hash``: the sha256 of the parts of pyproject.toml that the
lock depends on, recomputed as Poetry does (``Locker._get_content_hash`` and
``Locker.is_fresh`` in python-poetry/poetry ``src/poetry/packages/locker.py``).

Poetry dumps the relevant tables with ``json.dumps(..., sort_keys=True)`` (default
separators, ASCII escapes) and hashes the UTF-8 bytes. Which tables are relevant changed
twice: Poetry 2.0 added ``[project]`` (``requires-python``, ``dependencies``,
``optional-dependencies``), and Poetry 2.3 added ``[dependency-groups]``. A lock written by
Poetry < 2.3 (its first line names the version) is still fresh when it matches the hash
without ``[dependency-groups]``, as Poetry itself accepts.
"""

from __future__ import annotations

from releaselint.core import cache as cachefile
from releaselint.core import json as jsonfile
from releaselint.core.lazyre import lazy

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Locker._legacy_keys / _relevant_keys / _relevant_project_keys
_LEGACY_KEYS = ("dependencies", "source", "extras", "dev-dependencies")
_RELEVANT_KEYS = (*_LEGACY_KEYS, "group")
_PROJECT_KEYS = ("requires-python", "dependencies", "optional-dependencies")
# Locker.is_fresh: re.search("Poetry ([^ ]+)", <first line>)
_WRITER_RE = lazy(r"Poetry ([^ ]+)")
# Locker._READ_VERSION_RANGE = ">=1,<3": the lock-version majors Poetry reads
LOCK_VERSIONS = range(1, 3)


def readable_lock_version(value: object) -> bool:
    """Whether a ``metadata.lock-version`` is one Poetry reads (and so the hash rule here):
    ASCII digits in dot-separated parts (as `[0-9]+(?:[.][0-9]+)*` would, told without ``re``)."""
    if not isinstance(value, str):
        return False
    if not all(part.isascii() and part.isdigit() for part in value.split(".")):
        return False
    major = value.partition(".")[0]
    return len(major) < 5 and int(major) in LOCK_VERSIONS


def content_hash(pyproject: dict[str, Any], *, with_dependency_groups: bool = True) -> str:
    """The hash Poetry writes for this pyproject.toml (parsed)."""
    project = pyproject.get("project", {})
    groups = pyproject.get("dependency-groups", {}) if with_dependency_groups else {}
    tool = pyproject.get("tool", {})
    poetry = tool.get("poetry", {}) if isinstance(tool, dict) else {}
    relevant_project = {}
    for key in _PROJECT_KEYS:
        data = project.get(key) if isinstance(project, dict) else None
        if data is not None:
            relevant_project[key] = data
    relevant_poetry = {}
    for key in _RELEVANT_KEYS:
        data = poetry.get(key) if isinstance(poetry, dict) else None
        # the legacy keys are hashed even when absent (as null), for locks written before
        # [project] was read, unless [project] or [dependency-groups] has content
        if data is None and (key not in _LEGACY_KEYS or relevant_project or groups):
            continue
        relevant_poetry[key] = data
    relevant: dict[str, Any] = {}
    if relevant_project:
        relevant["project"] = relevant_project
    if groups:
        relevant["dependency-groups"] = groups
    if relevant:
        relevant["tool"] = {"poetry": relevant_poetry}
    else:
        relevant = relevant_poetry
    return cachefile.sha256_hex(jsonfile.dumps(relevant, sort_keys=True).encode())


def written_before_groups(first_line: str) -> bool:
    """Whether the ``@generated`` first line names a Poetry older than 2.3.0 (pre-releases
    of 2.3.0 included, as Poetry compares)."""
    match = _WRITER_RE.search(first_line)
    if match is None:
        return False
    from packaging.version import Version

    try:
        return Version(match.group(1)) < Version("2.3.0")
    except ValueError:  # InvalidVersion, or a part past int()'s 4,300 digits
        return False


def is_fresh(pyproject: dict[str, Any], lock_hash: str, first_line: str) -> bool:
    """Whether ``poetry check --lock`` accepts a lock whose content-hash is ``lock_hash``."""
    if content_hash(pyproject) == lock_hash:
        return True
    if not written_before_groups(first_line):
        return False
    return content_hash(pyproject, with_dependency_groups=False) == lock_hash
