"""Erasers: every place outside the tracker that keeps per-sender data registers one here.

On opt-out the tracker store erases the conversation, then runs every registered eraser
(for example the WhatsApp connector's inbox and de-duplication records) and audits the
counts. Erasers are plain callables `sender_id -> number of records removed`, sync or async.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable

logger = logging.getLogger(__name__)

Eraser = Callable[[str], "int | Awaitable[int]"]
_erasers: dict[str, Eraser] = {}


def register_eraser(name: str, eraser: Eraser) -> None:
    """Add (or replace) the eraser called `name`."""
    _erasers[name] = eraser


def unregister_eraser(name: str) -> None:
    _erasers.pop(name, None)


async def run_erasers(sender_id: str) -> dict[str, int]:
    """Run every eraser; a failing one is logged and reported as -1, the others still run."""
    counts: dict[str, int] = {}
    for name, eraser in list(_erasers.items()):
        try:
            result = eraser(sender_id)
            counts[name] = int(await result) if inspect.isawaitable(result) else int(result)
        except Exception:
            logger.exception("eraser %r failed", name)
            counts[name] = -1
    return counts
