"""A second event loop, in its own thread, where the connector's Rasa turns run.

Rasa's NLU and policies compute on the event loop that runs the turn, in steps of tens of
milliseconds. On Sanic's loop each step delays every webhook acknowledgement that arrives
meanwhile (measured with ``scripts/bench_webhook.py``: p95 74 ms at 50 requests/s). Here the
webhook's loop only checks, records and acknowledges; turns compute in this thread, and the
interpreter hands the lock over to the webhook's thread often (see `bot.process_settings`,
which sets the switch interval once the model is loaded; TensorFlow's kernels release it anyway).

Everything a turn touches is safe to use from this thread: Rasa's agent and stores (blocking
clients or loop-independent coroutines), the inbox (its own thread pool, whichever loop calls)
and the Send API client (one HTTP session per loop).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")


class TurnLoop:
    """Runs coroutines and callbacks on an event loop in a dedicated daemon thread.

    A daemon thread: if the process is killed, unfinished messages stay pending in the inbox
    and are replayed at the next start, so nothing is lost by not waiting for them.
    """

    def __init__(self, name: str = "whatsapp-turns") -> None:
        self.name = name
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Starts the thread and its loop (no-op when running)."""
        if self.running:
            return
        ready = threading.Event()
        self._thread = threading.Thread(
            target=self._run_forever, args=(ready,), name=self.name, daemon=True
        )
        self._thread.start()
        ready.wait()

    def _run_forever(self, ready: threading.Event) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self._loop = loop
        ready.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    def _require_loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None or not self.running:
            raise RuntimeError(f"the {self.name} loop is not running")
        return self._loop

    def call(self, function: Callable[..., Any], *args: Any) -> None:
        """Schedules ``function(*args)`` on the turn loop; calls run in the order made."""
        self._require_loop().call_soon_threadsafe(function, *args)

    async def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Runs ``coroutine`` on the turn loop and returns its result to the calling loop."""
        try:
            future = asyncio.run_coroutine_threadsafe(coroutine, self._require_loop())
        except RuntimeError:
            coroutine.close()
            raise
        return await asyncio.wrap_future(future)

    async def stop(self, timeout: float = 10.0) -> None:
        """Cancels what still runs on the turn loop, stops it and waits for the thread."""
        if not self.running:
            return
        loop, thread = self._require_loop(), self._thread
        assert thread is not None
        await self.run(_cancel_other_tasks())
        loop.call_soon_threadsafe(loop.stop)
        await asyncio.to_thread(thread.join, timeout)
        if thread.is_alive():
            logger.warning("WhatsApp: the turn thread did not stop within %.0f s", timeout)
        self._thread = None
        self._loop = None


async def _cancel_other_tasks() -> None:
    current = asyncio.current_task()
    tasks = [task for task in asyncio.all_tasks() if task is not current]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
