"""Waiting on a condition with a deadline, never for a fixed time.

A test that sleeps "long enough" is slow when the machine is idle and flaky when it is busy.
These helpers poll a probe until it holds and fail with what was last seen when the deadline
passes. To prove that something did *not* happen, send a marker that is processed after it
(same sender, so in order) and wait for the marker instead.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")

POLL_SECONDS = 0.05


async def eventually(
    probe: Callable[[], Awaitable[T]],
    until: Callable[[T], bool] = bool,
    timeout: float = 30.0,
    what: str = "the condition",
) -> T:
    """Awaits ``probe()`` until ``until(value)`` holds; returns that value.

    Raises:
        AssertionError: with the last value seen, when ``timeout`` seconds pass first.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = await probe()
        if until(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not hold within {timeout} s; last seen: {value!r}")
        await asyncio.sleep(POLL_SECONDS)  # a poll interval, not a guess at how long work takes
