"""The 24-hour customer service window: free-form messages only within 24 h of the last inbound.

The last inbound time is durable in the inbox (shared by every process using it); a small
in-memory cache answers the common case, an open window, without a database round trip.
"""

from __future__ import annotations

import time

from bot.channels.whatsapp.inbox import Inbox

WINDOW_SECONDS = 24 * 3600


class ConversationWindow:
    """Answers whether a free-form message may be sent to a user now."""

    def __init__(self, inbox: Inbox, window_seconds: float = WINDOW_SECONDS) -> None:
        self._inbox = inbox
        self.window_seconds = window_seconds
        self._last_inbound: dict[str, int] = {}

    def note_inbound(self, sender_id: str, timestamp: int) -> None:
        """Remembers an inbound message (already recorded durably by the inbox)."""
        if timestamp > self._last_inbound.get(sender_id, 0):
            self._last_inbound[sender_id] = timestamp

    def forget(self, sender_id: str) -> None:
        """Drops the cached time (after an erasure)."""
        self._last_inbound.pop(sender_id, None)

    async def is_open(self, sender_id: str, now: float | None = None) -> bool:
        """True when the user's last inbound message is less than 24 hours old."""
        now = time.time() if now is None else now
        cached = self._last_inbound.get(sender_id)
        if cached is not None and now - cached < self.window_seconds:
            return True
        # Another process may have seen a newer message: the durable record decides.
        stored = await self._inbox.last_inbound(sender_id)
        if stored is None:
            return False
        self.note_inbound(sender_id, stored)
        return now - stored < self.window_seconds
