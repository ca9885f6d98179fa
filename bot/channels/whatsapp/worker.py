"""Per-sender ordered processing in the background, so the webhook answers at once.

Each sender has a FIFO queue drained by one task: messages of a sender are processed one after
the other in the order they were recorded, while different senders proceed concurrently.

Rasa's NLU and policies run on the event loop, so turns that compute at the same time only
delay each other and the webhook's acknowledgements. A :class:`TurnGate` lets ``slots`` turns
compute at once; a turn gives its slot back while it waits on the Send API (retries included),
so a slow or rate-limited send never holds up other users.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from bot.channels.whatsapp.parsing import InboundMessage

logger = logging.getLogger(__name__)

_holding_slot: contextvars.ContextVar[bool] = contextvars.ContextVar("wa_slot", default=False)


class TurnGate:
    """At most ``slots`` turns compute at once; waits on I/O happen outside the gate.

    A turn coming back from an I/O wait gets the next free slot before any new turn starts:
    otherwise every send would queue behind the whole backlog and a turn would take seconds.
    """

    def __init__(self, slots: int = 1) -> None:
        self._free = slots
        self._resuming: deque[asyncio.Future[None]] = deque()
        self._starting: deque[asyncio.Future[None]] = deque()

    async def _acquire(self, resuming: bool) -> None:
        if self._free > 0 and not self._resuming and (resuming or not self._starting):
            self._free -= 1
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        (self._resuming if resuming else self._starting).append(waiter)
        try:
            await waiter  # the releasing turn hands its slot over directly
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self._release()  # handed over just before the cancellation: pass it on
            raise

    def _release(self) -> None:
        for waiters in (self._resuming, self._starting):
            while waiters:
                waiter = waiters.popleft()
                if not waiter.done():
                    waiter.set_result(None)
                    return
        self._free += 1

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Holds a slot for the whole turn (given back by :meth:`waiting`)."""
        await self._acquire(resuming=False)
        token = _holding_slot.set(True)
        try:
            yield
        finally:
            _holding_slot.reset(token)
            self._release()

    @asynccontextmanager
    async def waiting(self) -> AsyncIterator[None]:
        """Gives the slot back during an I/O wait of the current turn (no-op outside a turn)."""
        if not _holding_slot.get():
            yield
            return
        self._release()
        try:
            yield
        finally:
            await self._acquire(resuming=True)


class SenderQueues:
    """Runs ``process`` for every submitted message, in order per sender, through ``gate``.

    ``process`` must handle its own errors; an exception escaping it is logged and the queue
    goes on with the next message.
    """

    def __init__(
        self,
        process: Callable[[InboundMessage], Awaitable[None]],
        gate: TurnGate | None = None,
        gated: bool = True,
    ) -> None:
        """``gated=False``: ``process`` takes the gate itself (e.g. once per turn it runs)."""
        self._process = process
        self.gate = gate or TurnGate()
        self._gated = gated
        self._queues: dict[str, deque[InboundMessage]] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._in_flight: set[str] = set()
        self._idle = asyncio.Event()
        self._idle.set()

    @property
    def senders(self) -> list[str]:
        """Senders whose messages are queued or being processed."""
        return list(self._tasks)

    @property
    def in_flight(self) -> int:
        """Messages queued or being processed."""
        return len(self._in_flight)

    def submit(self, message: InboundMessage) -> bool:
        """Queues a message; returns False if the same id is already queued or running."""
        if message.message_id in self._in_flight:
            return False
        self._in_flight.add(message.message_id)
        self._idle.clear()
        self._queues.setdefault(message.sender_id, deque()).append(message)
        if message.sender_id not in self._tasks:
            task = asyncio.create_task(self._drain(message.sender_id))
            self._tasks[message.sender_id] = task
        return True

    async def _drain(self, sender_id: str) -> None:
        queue = self._queues[sender_id]
        try:
            while queue:
                message = queue[0]
                try:
                    if self._gated:
                        async with self.gate.turn():
                            await self._process(message)
                    else:
                        await self._process(message)
                except asyncio.CancelledError:
                    raise
                except Exception:
                    logger.exception("WhatsApp message %s: processing failed", message.message_id)
                queue.popleft()
                self._in_flight.discard(message.message_id)
        finally:
            # No await between the empty check and here: a new submit starts a new task.
            self._tasks.pop(sender_id, None)
            if not queue:
                self._queues.pop(sender_id, None)
            if not self._tasks:
                self._idle.set()

    async def join(self, timeout: float | None = None) -> None:
        """Waits until every queue is empty (tests and graceful stop)."""
        await asyncio.wait_for(self._idle.wait(), timeout)

    async def stop(self) -> None:
        """Cancels processing; unfinished messages stay pending in the inbox for replay."""
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._queues.clear()
        self._in_flight.clear()
        self._idle.set()
