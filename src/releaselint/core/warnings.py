"""Configuration that loads but cannot mean what it says: warnings, never errors."""

from __future__ import annotations

import os

from releaselint.core.config import Config
from releaselint.core.model import Group


def config_warnings(root: str, config: Config, groups: list[Group]) -> list[str]:
    """What the configuration of ``root`` says that nothing will act on: a ``releaselint.toml``
    that ``[tool.releaselint]`` shadows, group ``members`` globs that match no manifest.
    ``groups`` are the groups discovered with ``config``."""
    found = []
    where = config.source or "configuration"
    if config.source == "pyproject.toml" and os.path.isfile(os.path.join(root, "releaselint.toml")):
        found.append(
            "releaselint.toml is ignored: pyproject.toml has a [tool.releaselint] table, "
            "which takes precedence; move its settings there"
        )
    # (a tag format with an unknown placeholder is an error when the configuration loads)
    prefix = "tool.releaselint." if config.source == "pyproject.toml" else ""
    found.extend(_unmatched_members(root, config, groups, where, prefix))
    return found


def _unmatched_members(
    root: str, config: Config, groups: list[Group], where: str, prefix: str
) -> list[str]:
    from releaselint.core.folders import matches

    manifests = [p.manifest for g in groups for p in g.packages]
    unmatched = [
        (group.name, glob)
        for group in config.groups
        for glob in group.members
        if not any(matches(m, glob) for m in manifests)
    ]
    if not unmatched:
        return []
    # A group whose packages declare no version is not among ``groups``: its globs matched
    # files all the same. Only globs that match no manifest git knows of are reported.
    from releaselint.core import formats, git

    specs = [f":(glob)**/{name}" for name in formats.names(formats.MANIFEST)]
    listed = git.ls_files(root, specs)
    return [
        f"{where}: {prefix}groups.{name}.members: {glob!r} matches no manifest"
        for name, glob in unmatched
        if not any(matches(path, glob) for path in listed)
    ]
