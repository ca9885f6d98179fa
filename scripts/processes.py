"""Start, watch and stop the bot's processes (Rasa and the action server) together."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MODEL = ROOT / "models" / "vigie.tar.gz"


def bot_environment() -> dict[str, str]:
    """The environment for Rasa processes: no telemetry, the project importable."""
    env = dict(os.environ)
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(name: str, args: Sequence[str], **popen: Any) -> subprocess.Popen[bytes]:
    """Start one of the bot's processes in its own process group."""
    print(f"[vigie] starting {name}: {' '.join(args)}", flush=True)
    return subprocess.Popen(
        list(args), cwd=ROOT, env=bot_environment(), start_new_session=True, **popen
    )


def stop(process: subprocess.Popen, timeout: float = 10.0) -> None:
    """Stop a process group politely, then firmly."""
    stop_all([process], signal.SIGINT, timeout)


def stop_all(
    processes: Sequence[subprocess.Popen], first: int = signal.SIGTERM, timeout: float = 10.0
) -> None:
    """Send `first` to every process group at once, give them `timeout` seconds together to
    exit, then SIGKILL the groups still there: stopping N processes takes one timeout, not N."""
    running = [process for process in processes if process.poll() is None]
    for process in running:
        _signal_group(process, first)
    deadline = time.monotonic() + timeout
    for process in running:
        with suppress(subprocess.TimeoutExpired):
            process.wait(max(0.0, deadline - time.monotonic()))
    for process in running:
        # The leader may be gone while children of its group still hold ports: kill the group.
        _signal_group(process, signal.SIGKILL)
        try:
            process.wait(5.0)
        except subprocess.TimeoutExpired:
            print(f"[vigie] process {process.pid} did not die after SIGKILL", file=sys.stderr)


def _signal_group(process: subprocess.Popen, sig: int) -> None:
    with suppress(ProcessLookupError, PermissionError):  # the whole group is gone already
        os.killpg(process.pid, sig)


def wait_until_healthy(
    url: str, process: subprocess.Popen, name: str, timeout: float = 180.0
) -> None:
    """Poll `url` until it answers 200; fail early if the process dies."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with code {process.returncode} while starting")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{name} did not answer on {url} within {timeout:.0f} s")


def action_server_args(port: int) -> list[str]:
    return [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(port)]


@contextmanager
def running_action_server(port: int) -> Iterator[subprocess.Popen]:
    """An action server on `port` for the duration of the block."""
    process = start("action server", action_server_args(port))
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}/health", process, "action server")
        yield process
    finally:
        stop(process)
