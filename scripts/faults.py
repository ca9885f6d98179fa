"""Faults injected into a running load test: ``make load-test LOAD_TEST_ARGS="--fault kill"``.

Each fault starts once a third of the messages have been acknowledged, while the instances
still have a backlog of turns, and the load test then checks as always that every acknowledged
message was answered once, in order (issue 12):

- ``kill``: kill -9 of instance 0 (a crash: no shutdown hook), started again 10 s later;
- ``rolling-restart``: SIGTERM to each instance in turn, restarted and ready before the next;
- ``drop-connections``: every connection to the shared database dropped, twice (PostgreSQL
  ``pg_terminate_backend``, Redis ``CLIENT KILL``);
- ``store-restart``: the Redis server stopped (SIGTERM, as ``systemctl restart`` does) and
  started again 10 s later on the same data; the load test runs its own ``redis-server``
  for this, with append-only persistence as production should;
- ``slow-actions``: every call to the action server delayed 3 s for 20 s.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import redis
import sqlalchemy as sa

from scripts.cluster import Cluster, is_redis
from scripts.processes import free_port

FAULTS = ("kill", "rolling-restart", "drop-connections", "store-restart", "slow-actions")
DOWNTIME_SECONDS = 10.0  # how long a killed instance or a restarted Redis stays away
SLOW_ACTION_SECONDS = 3.0  # added to each action call while the action server is slow
SLOW_WINDOW_SECONDS = 20.0
STOP_TIMEOUT_SECONDS = 60.0  # a SIGTERM'd instance must be gone by then


def drop_all_connections(url: str) -> None:
    """pg_terminate_backend of every other connection to this database, or CLIENT KILL of
    every client of this Redis database (never another database's: others share the server)."""
    if is_redis(url):
        client = redis.Redis.from_url(url)
        db = client.connection_pool.connection_kwargs.get("db", 0)
        me = client.client_id()
        for entry in client.client_list():
            if int(entry.get("db", -1)) == db and int(entry["id"]) != me:
                client.client_kill_filter(_id=entry["id"])
        client.close()
        return
    engine = sa.create_engine(url.split("?")[0])
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
    engine.dispose()


@dataclass
class PrivateRedis:
    """A redis-server of our own (append-only file, loopback) that can be restarted at will."""

    port: int = field(default_factory=free_port)
    data_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="vigie-redis-")))
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> PrivateRedis:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("store-restart needs redis-server on the PATH")
        args = [binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", ""]
        args += ["--appendonly", "yes", "--dir", str(self.data_dir)]
        self.process = subprocess.Popen(
            args, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True
        )
        client = redis.Redis.from_url(self.url)
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(redis.ConnectionError, redis.BusyLoadingError):
                if client.ping():
                    break
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start on port {self.port}")
            time.sleep(0.05)
        client.close()
        return self

    def stop(self) -> None:
        """SIGTERM: Redis writes its append-only file and exits, as on a service restart."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(30)

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)


@dataclass
class SlowProxy:
    """A TCP relay in front of the action server that can hold each request back."""

    target_port: int
    delay: float = 0.0
    port: int = 0
    _server: asyncio.Server | None = None

    async def start(self) -> SlowProxy:
        self._server = await asyncio.start_server(self._relay, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(
                "127.0.0.1", self.target_port
            )
        except OSError:
            writer.close()
            return
        await asyncio.gather(
            self._pipe(reader, upstream_writer, slow=True),
            self._pipe(upstream_reader, writer, slow=False),
        )

    async def _pipe(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, slow: bool
    ) -> None:
        try:
            while chunk := await reader.read(65536):
                if slow and self.delay:
                    await asyncio.sleep(self.delay)
                writer.write(chunk)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()


@dataclass
class Injection:
    """What happened and when, for the report (seconds since the fault started)."""

    fault: str
    log: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    def note(self, what: str, progress: float) -> None:
        elapsed = time.monotonic() - self.started
        self.log.append(f"+{elapsed:5.1f} s ({progress:4.0%} acknowledged): {what}")


async def inject(
    fault: str,
    cluster: Cluster,
    progress: Callable[[], float],
    redis_server: PrivateRedis | None = None,
    proxy: SlowProxy | None = None,
) -> Injection:
    """Waits until a third of the load is acknowledged, then applies ``fault``."""
    while progress() < 1 / 3:
        await asyncio.sleep(0.05)
    injection = Injection(fault)
    if fault == "kill":
        await asyncio.to_thread(cluster.kill, 0)
        injection.note("instance 0 killed (SIGKILL)", progress())
        await asyncio.sleep(DOWNTIME_SECONDS)
        await asyncio.to_thread(cluster.restart, 0)
        injection.note("instance 0 restarted and ready", progress())
    elif fault == "rolling-restart":
        for index in range(len(cluster.members)):
            began = time.monotonic()
            code = await asyncio.to_thread(cluster.terminate, index, STOP_TIMEOUT_SECONDS)
            injection.note(
                f"instance {index} stopped by SIGTERM in {time.monotonic() - began:.1f} s "
                f"(exit code {code})",
                progress(),
            )
            await asyncio.to_thread(cluster.restart, index)
            injection.note(f"instance {index} restarted and ready", progress())
    elif fault == "drop-connections":
        for share in (1 / 3, 2 / 3):
            while progress() < share:
                await asyncio.sleep(0.05)
            await asyncio.to_thread(drop_all_connections, cluster.store)
            injection.note("every connection to the store dropped", progress())
    elif fault == "store-restart":
        assert redis_server is not None
        await asyncio.to_thread(redis_server.stop)
        injection.note("Redis stopped (SIGTERM)", progress())
        await asyncio.sleep(DOWNTIME_SECONDS)
        await asyncio.to_thread(redis_server.start)
        injection.note("Redis started again on the same data", progress())
    elif fault == "slow-actions":
        assert proxy is not None
        proxy.delay = SLOW_ACTION_SECONDS
        injection.note(f"action calls delayed by {SLOW_ACTION_SECONDS:.0f} s", progress())
        await asyncio.sleep(SLOW_WINDOW_SECONDS)
        proxy.delay = 0.0
        injection.note("action server fast again", progress())
    else:
        raise ValueError(f"unknown fault {fault!r}; known: {', '.join(FAULTS)}")
    return injection
