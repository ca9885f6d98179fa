"""What the page is shown, per simulated user: a short history and live subscribers.

Every item (a bot message relayed by the Graph API stand-in, a panel, a user message) is kept
in the user's history, so a page that connects late or reloads sees the whole conversation,
then pushed to the user's open event streams. Lives on the web server's event loop.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections import defaultdict, deque
from typing import Any

HISTORY_LIMIT = 500


class Hub:
    """Per-user history and server-sent-event subscribers."""

    def __init__(self, history_limit: int = HISTORY_LIMIT) -> None:
        self._history: dict[str, deque[dict[str, Any]]] = defaultdict(
            lambda: deque(maxlen=history_limit)
        )
        self._subscribers: dict[str, set[asyncio.Queue[dict[str, Any] | None]]] = defaultdict(set)
        self._ids = itertools.count(1)

    def publish(self, user: str, item: dict[str, Any]) -> dict[str, Any]:
        """Records ``item`` for ``user`` and pushes it to the user's open streams."""
        item = {**item, "seq": next(self._ids)}
        self._history[user].append(item)
        for queue in self._subscribers.get(user, ()):
            queue.put_nowait(item)
        return item

    def history(self, user: str) -> list[dict[str, Any]]:
        return list(self._history.get(user, ()))

    def subscribe(self, user: str) -> asyncio.Queue[dict[str, Any] | None]:
        queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
        self._subscribers[user].add(queue)
        return queue

    def unsubscribe(self, user: str, queue: asyncio.Queue[dict[str, Any] | None]) -> None:
        subscribers = self._subscribers.get(user)
        if subscribers is not None:
            subscribers.discard(queue)
            if not subscribers:
                del self._subscribers[user]

    def close(self) -> None:
        """Ends every open stream (the server is stopping)."""
        for subscribers in self._subscribers.values():
            for queue in subscribers:
                queue.put_nowait(None)


def sse_frame(item: dict[str, Any]) -> str:
    """One server-sent event carrying ``item`` as JSON."""
    data = json.dumps(item, ensure_ascii=False, separators=(",", ":"))
    return f"id: {item.get('seq', '')}\nevent: {item.get('type', 'message')}\ndata: {data}\n\n"
