"""The one exception that means "releaselint cannot run here"."""

from __future__ import annotations


class FatalError(RuntimeError):
    """An actionable condition that stops a hook: printed as ``error: <message>``, exit 1."""


class InvalidVersion(ValueError):
    """A string that is not a valid version in the grammar asked for."""
