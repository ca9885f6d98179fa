"""Starts the fake Graph API and a real `rasa run` with the WhatsApp and REST channels.

Shared by the process tests and ``scripts/bench_webhook.py``; loopback only.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http_json(url: str, data: Any = None, timeout: float = 5.0) -> Any:
    body = None if data is None else json.dumps(data).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read() or b"null")


def wait_until_up(url: str, process: subprocess.Popen, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise RuntimeError(f"process exited with {process.returncode}:\n{tail}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise TimeoutError(f"{url} not up after {timeout} s; see {log}")


@dataclass
class Process:
    process: subprocess.Popen
    url: str
    log: Path

    def kill(self) -> None:
        """kill -9: no shutdown hook runs, as in a crash."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def start_fake(directory: Path) -> Process:
    port = free_port()
    log = directory / f"fake-graph-{port}.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.graph_api", "--port", str(port)],
        cwd=REPO_ROOT,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    wait_until_up(f"{url}/_control/requests", process, 60, log)
    return Process(process, url, log)


def write_config(
    directory: Path, fake_url: str, credentials: dict[str, str], **extra: str
) -> tuple[Path, Path]:
    """Writes credentials.yml (WhatsApp + REST) and endpoints.yml (no action server up)."""
    section = {
        **credentials,
        "api_base_url": fake_url,
        "inbox_url": f"sqlite:///{directory}/whatsapp_inbox.db",
        **extra,
    }
    lines = ["bot.channels.whatsapp.WhatsAppInput:"]
    lines += [f"  {key}: {json.dumps(value)}" for key, value in section.items()]
    lines.append("rest:")
    credentials_file = directory / "credentials.yml"
    credentials_file.write_text("\n".join(lines) + "\n")
    endpoints_file = directory / "endpoints.yml"
    # A closed port: the language-detection action fails fast and Rasa answers in English.
    endpoints_file.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{free_port()}/webhook"\n'
    )
    return credentials_file, endpoints_file


def start_rasa(
    model: Path, credentials: Path, endpoints: Path, directory: Path, timeout: float = 300
) -> Process:
    """Starts `rasa run` and returns once it serves the WhatsApp routes (model loaded)."""
    return wait_for_rasa(launch_rasa(model, credentials, endpoints, directory), timeout)


def wait_for_rasa(process: Process, timeout: float = 300) -> Process:
    try:
        wait_until_up(f"{process.url}/webhooks/whatsapp/", process.process, timeout, process.log)
    except Exception:
        process.kill()
        raise
    return process


def launch_rasa(
    model: Path, credentials: Path, endpoints: Path, directory: Path, *extra: str
) -> Process:
    """Starts `rasa run` (with ``extra`` arguments) without waiting for it (``wait_for_rasa``)."""
    port = free_port()
    log = directory / f"rasa-{port}.log"
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONDONTWRITEBYTECODE": "1"}
    rasa = Path(sys.executable).with_name("rasa")
    process = subprocess.Popen(
        [
            str(rasa),
            "run",
            "-m",
            str(model),
            "--credentials",
            str(credentials),
            "--endpoints",
            str(endpoints),
            "-i",
            "127.0.0.1",
            "-p",
            str(port),
            *extra,
        ],
        cwd=REPO_ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    return Process(process, f"http://127.0.0.1:{port}", log)
