"""The load test's fault tools work on real processes: a Redis restart keeps the data, the
slow proxy relays every byte and holds requests back only while it is slow."""

from __future__ import annotations

import asyncio
import time

import pytest
import redis

from scripts.faults import PrivateRedis, SlowProxy, inject


def test_when_the_private_redis_restarts_then_its_data_is_still_there():
    server = PrivateRedis().start()
    try:
        client = redis.Redis.from_url(server.url)
        client.rpush("inbox:3399", "m1", "m2")
        client.close()
        server.stop()
        with pytest.raises(redis.ConnectionError):
            redis.Redis.from_url(server.url).ping()
        server.start()
        client = redis.Redis.from_url(server.url)
        assert client.lrange("inbox:3399", 0, -1) == [b"m1", b"m2"]
        client.close()
    finally:
        server.remove()


async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    writer.write((await reader.readline()).upper())
    await writer.drain()
    writer.close()


async def ask(port: int, line: bytes) -> tuple[bytes, float]:
    began = time.monotonic()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(line)
    await writer.drain()
    answer = await reader.read()
    writer.close()
    return answer, time.monotonic() - began


async def test_when_the_proxy_is_slow_then_requests_wait_and_arrive_intact():
    target = await asyncio.start_server(echo, "127.0.0.1", 0)
    proxy = await SlowProxy(target.sockets[0].getsockname()[1]).start()
    try:
        assert (await ask(proxy.port, b"action call\n"))[0] == b"ACTION CALL\n"
        proxy.delay = 0.3
        answer, waited = await ask(proxy.port, b"slow call\n")
        assert answer == b"SLOW CALL\n" and waited >= 0.3
    finally:
        await proxy.stop()
        target.close()


async def test_when_the_fault_is_unknown_then_it_says_which_exist():
    with pytest.raises(ValueError, match="rolling-restart"):
        await inject("flood", cluster=None, progress=lambda: 1.0)  # type: ignore[arg-type]
