"""Release Please: the files that mark a repository as released through it."""

from __future__ import annotations

# release-please's defaults for --config-file and --manifest-file
CONFIG_FILE = "release-please-config.json"
MANIFEST_FILE = ".release-please-manifest.json"
FILES = (CONFIG_FILE, MANIFEST_FILE)
