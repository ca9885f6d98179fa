"""`make run`'s supervisor (`scripts/run.py`) under the signals a service manager sends.

systemd and container runtimes stop a service with SIGTERM (SIGHUP when its terminal closes):
the supervisor must pass it on to Rasa and the action server and exit only once they have,
leaving nothing that holds the ports.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from scripts.processes import MODEL, ROOT, bot_environment, free_port, stop, wait_until_healthy

pytestmark = [pytest.mark.model, pytest.mark.process]


def children_of(pid: int) -> set[int]:
    """Process ids whose parent is `pid` (from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # exited meanwhile
        # Fields after the command name (which may hold spaces) in parentheses: state, ppid.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def start_supervisor(rasa_port: int, actions_port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "scripts.run", "--no-simulator"]
    command += ["--port", str(rasa_port), "--actions-port", str(actions_port)]
    return subprocess.Popen(command, cwd=ROOT, env=bot_environment())


@pytest.mark.parametrize(
    ("signum", "wait_for_rasa"),
    [(signal.SIGTERM, True), (signal.SIGHUP, False)],
    ids=["sigterm-when-serving", "sighup-while-rasa-loads"],
)
def test_when_the_supervisor_gets_a_stop_signal_then_no_process_is_left_holding_its_ports(
    signum: int, wait_for_rasa: bool
) -> None:
    assert MODEL.exists(), "no trained model: run `make train`"
    rasa_port, actions_port = free_port(), free_port()
    supervisor = start_supervisor(rasa_port, actions_port)
    try:
        wait_until_healthy(f"http://127.0.0.1:{actions_port}/health", supervisor, "supervisor")
        if wait_for_rasa:
            # Ready once the model is loaded; /metrics is served too (credentials of make run).
            ready = f"http://127.0.0.1:{rasa_port}/health/ready"
            wait_until_healthy(ready, supervisor, "supervisor", 300)
            with urllib.request.urlopen(f"http://127.0.0.1:{rasa_port}/metrics") as scraped:
                assert b"vigie_whatsapp_webhooks_total" in scraped.read()
        children = children_of(supervisor.pid)
        assert len(children) == 2, f"expected Rasa and the action server, found {children}"

        supervisor.send_signal(signum)
        code = supervisor.wait(timeout=90)

        assert code == 0
        assert [pid for pid in children if alive(pid)] == []
        assert not listening(rasa_port), f"port {rasa_port} (Rasa) still answers"
        assert not listening(actions_port), f"port {actions_port} (actions) still answers"
    finally:
        stop(supervisor)
