"""The exceptions raised by `guards`, in one hierarchy.

`GuardsError` is the root: catch it to handle anything this package raises on purpose.
"""

from __future__ import annotations

__all__ = ["GuardsError", "InvalidDirection", "LexiconError"]


class GuardsError(Exception):
    """Base class of every error raised by `guards`."""


class InvalidDirection(GuardsError, ValueError):
    """A direction other than ``"inbound"`` or ``"outbound"`` was given."""


class LexiconError(GuardsError):
    """A lexicon file under ``guards/data/`` is malformed (unknown section, bad group)."""
