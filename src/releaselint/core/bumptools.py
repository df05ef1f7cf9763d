"""bump-my-version and tbump beside releaselint: their own record of the current version.

``[tool.bumpversion] current_version`` (``pyproject.toml``, ``.bumpversion.toml``),
``[bumpversion] current_version`` (``.bumpversion.cfg``, ``setup.cfg``) and tbump's
``[version] current`` must move with a bump, or the tool fails next time (``Did not find
'1.2.3'``). Their file lists are read by discovery as evidence of the group
(``core/tooling.py``); here only the records that hold the group's version are taken.
"""

from __future__ import annotations

from releaselint.core import tooling
from releaselint.core.versions import same_version

TYPE_CHECKING = False
if TYPE_CHECKING:
    from releaselint.core.model import Declaration
    from releaselint.core.tree import Tree


def current_versions(tree: Tree, old: str) -> list[Declaration]:
    """The tools' current-version records that hold ``old`` (a record of another version
    belongs to something else and is left alone)."""
    texts = tooling.read_configs(tree)
    found = []
    for item in tooling.evidence(texts, {}):
        if "bumpversion" not in item.reason and "(tbump)" not in item.reason:
            continue
        for declaration in item.declarations:
            if declaration.value == old or same_version(declaration.value, old, pep440=True):
                found.append(declaration)
    return found
