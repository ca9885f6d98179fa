"""The turn loop: coroutines and callbacks run on another thread's loop, in order, and stop."""

from __future__ import annotations

import asyncio
import threading

import pytest

from bot.channels.whatsapp.turn_loop import TurnLoop


@pytest.fixture
async def turns():
    loop = TurnLoop(name="test-turns")
    loop.start()
    yield loop
    await loop.stop()


async def test_when_a_coroutine_runs_then_on_the_turn_thread_with_its_result(turns):
    async def where() -> str:
        await asyncio.sleep(0)
        return threading.current_thread().name

    assert await turns.run(where()) == "test-turns"
    assert threading.current_thread().name != "test-turns"


async def test_when_a_coroutine_fails_then_the_caller_gets_the_exception(turns):
    async def fail() -> None:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        await turns.run(fail())


async def test_when_callbacks_are_scheduled_then_they_run_in_the_order_made(turns):
    seen: list[int] = []
    for index in range(200):
        turns.call(seen.append, index)
    await turns.run(asyncio.sleep(0))
    assert seen == list(range(200))


async def test_when_stopped_then_running_tasks_are_cancelled_and_calls_refused(turns):
    cancelled = threading.Event()

    async def forever() -> None:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    turns.call(lambda: asyncio.ensure_future(forever()))
    await turns.run(asyncio.sleep(0.01))
    await turns.stop()
    assert cancelled.is_set() and not turns.running
    with pytest.raises(RuntimeError, match="not running"):
        turns.call(print)
    pending = asyncio.sleep(0)
    with pytest.raises(RuntimeError, match="not running"):
        await turns.run(pending)


async def test_when_started_twice_or_restarted_then_one_thread_at_a_time(turns):
    turns.start()
    names = [t.name for t in threading.enumerate()]
    assert names.count("test-turns") == 1
    await turns.stop()
    turns.start()
    assert await turns.run(asyncio.sleep(0, result="again")) == "again"
