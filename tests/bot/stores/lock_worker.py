"""A process that takes one conversation's lock many times (run by test_lock_store.py).

``python -m tests.bot.stores.lock_worker URL CONVERSATION TIMES LOG``: inside the lock it
appends ``enter <pid>`` then ``exit <pid>`` to LOG (small O_APPEND writes do not interleave), so
two holders at once show up as an ``enter`` followed by another process's line.
"""

from __future__ import annotations

import asyncio
import os
import sys

from bot.stores.lock_store import VigieLockStore


def append(log: str, line: str) -> None:
    descriptor = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    try:
        os.write(descriptor, f"{line} {os.getpid()}\n".encode())
    finally:
        os.close(descriptor)


async def main(url: str, conversation: str, times: int, log: str) -> None:
    store = VigieLockStore(url=url)
    for _ in range(times):
        async with store.lock(conversation):
            append(log, "enter")
            await asyncio.sleep(0.002)  # long enough for another holder to show up
            append(log, "exit")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]))
