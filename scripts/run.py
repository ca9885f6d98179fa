"""`make run` / `make shell`: the action server and Rasa together, stopped together.

Without WhatsApp credentials, `make run` also serves the WhatsApp simulator page
(`scripts/simulator.py`): the Graph API stand-in is a third process and Rasa listens on
127.0.0.1 only. Ctrl-C stops them all. SIGTERM and SIGHUP (a service manager, a container
runtime, a closed terminal) are forwarded to every process, and the supervisor exits once they
have, so nothing is left holding the ports. If one dies, the others are stopped and the exit
code says which died, so a crash is never hidden behind a process that still looks alive.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml

from scripts import simulator as local_simulator
from scripts.processes import (
    BIN,
    MODEL,
    ROOT,
    action_server_args,
    start,
    stop_all,
    wait_until_healthy,
)

WHATSAPP_REQUIRED = (
    "WHATSAPP_VERIFY_TOKEN",
    "WHATSAPP_APP_SECRET",
    "WHATSAPP_ACCESS_TOKEN",
    "WHATSAPP_PHONE_NUMBER_ID",
)
REST_ONLY_CREDENTIALS = ROOT / ".vigie" / "credentials.rest.yml"
ENDPOINTS = ROOT / "endpoints.yml"
OTHER_PORT_ENDPOINTS = ROOT / ".vigie" / "endpoints.run.yml"
DEFAULT_ACTIONS_PORT = 5055
#: Signals passed on to the processes; each then has this long to finish before SIGKILL.
FORWARDED_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
STOP_TIMEOUT_SECONDS = 30.0


class Stopping(Exception):
    """A signal asked the supervisor to stop; `signum` is passed on to the processes."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def missing_whatsapp_settings() -> list[str]:
    return [name for name in WHATSAPP_REQUIRED if not os.environ.get(name)]


def credentials_file() -> Path:
    """credentials.yml when WhatsApp is configured, else a REST-only copy (no secrets needed)."""
    missing = missing_whatsapp_settings()
    if not missing:
        return ROOT / "credentials.yml"
    print(f"[vigie] WhatsApp channel off ({', '.join(missing)} not set); REST channel on")
    REST_ONLY_CREDENTIALS.parent.mkdir(exist_ok=True)
    REST_ONLY_CREDENTIALS.write_text("rest:\nbot.channels.operations.OperationsInput:\n")
    return REST_ONLY_CREDENTIALS


def endpoints_file(actions_port: int) -> Path:
    """endpoints.yml, or a copy calling the action server on `actions_port` instead of 5055."""
    if actions_port == DEFAULT_ACTIONS_PORT:
        return ENDPOINTS
    endpoints = yaml.safe_load(ENDPOINTS.read_text())
    endpoints["action_endpoint"]["url"] = f"http://127.0.0.1:{actions_port}/webhook"
    OTHER_PORT_ENDPOINTS.parent.mkdir(exist_ok=True)
    OTHER_PORT_ENDPOINTS.write_text(yaml.safe_dump(endpoints, sort_keys=False))
    return OTHER_PORT_ENDPOINTS


def rasa_args(
    shell: bool, port: int, simulator: local_simulator.Simulator | None, actions_port: int
) -> list[str]:
    common = ["--model", str(MODEL), "--endpoints", str(endpoints_file(actions_port))]
    if shell:
        return [str(BIN / "rasa"), "shell", *common]
    if simulator is not None:
        # Local only: the simulator's page and the REST channel answer this machine alone.
        credentials = str(simulator.credentials_file())
        common += ["--interface", "127.0.0.1"]
    else:
        credentials = str(credentials_file())
    return [str(BIN / "rasa"), "run", *common, "--credentials", credentials, "--port", str(port)]


def choose_simulator(options: argparse.Namespace) -> local_simulator.Simulator | None:
    """The simulator for this run, or None (shell, --no-simulator, or real WhatsApp settings)."""
    if options.shell or options.no_simulator:
        return None
    if not missing_whatsapp_settings():
        print("[vigie] WhatsApp simulator off: WhatsApp is configured for real (WHATSAPP_*)")
        return None
    simulator = local_simulator.local_simulator(options.port, options.simulator_port)
    local_simulator.apply(simulator)
    return simulator


def on_signal(signum: int, _frame: object) -> None:
    raise Stopping(signum)


def main() -> int:
    for signum in FORWARDED_SIGNALS:
        signal.signal(signum, on_signal)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shell", action="store_true", help="chat in this terminal")
    parser.add_argument("--port", type=int, default=5005, help="Rasa's HTTP port")
    parser.add_argument(
        "--actions-port", type=int, default=DEFAULT_ACTIONS_PORT, help="action server port"
    )
    parser.add_argument(
        "--simulator-port",
        type=int,
        default=local_simulator.default_standin_port(),
        help="the simulator's Graph API stand-in port",
    )
    parser.add_argument(
        "--no-simulator", action="store_true", help="REST only, no WhatsApp simulator page"
    )
    options = parser.parse_args()
    if not MODEL.exists():
        print(f"[vigie] no model at {MODEL}: run `make install` (or `make train`) first")
        return 2

    simulator = choose_simulator(options)
    forwarded: int = signal.SIGTERM  # what the processes get when no signal stops them
    started: list[subprocess.Popen] = []
    standin = None
    try:
        actions = launch("action server", action_server_args(options.actions_port), started)
        processes = {"action server": actions}
        if simulator is not None:
            standin = processes["Graph API stand-in"] = launch(
                "Graph API stand-in", simulator.standin_args(), started
            )
        rasa_command = rasa_args(options.shell, options.port, simulator, options.actions_port)
        if not options.shell:
            # Rasa loads its model meanwhile: it calls the action server only once a user writes.
            processes["rasa"] = launch("rasa", rasa_command, started)
        wait_until_healthy(
            f"http://127.0.0.1:{options.actions_port}/health", actions, "action server", 60
        )
        if simulator is not None and standin is not None:
            wait_until_healthy(f"{simulator.standin_url}/health", standin, "Graph API stand-in", 60)
        if options.shell:
            processes["rasa"] = launch("rasa", rasa_command, started)
        else:
            print(
                f"[vigie] REST channel: POST http://127.0.0.1:{options.port}/webhooks/rest/webhook"
                ' {"sender": "me", "message": "bonjour"}  (Ctrl-C stops all)',
                flush=True,
            )
        if simulator is not None:
            print(f"[vigie] WhatsApp simulator: {simulator.page_url}", flush=True)
        return supervise(processes, quiet_exit="rasa" if options.shell else None)
    except (Stopping, KeyboardInterrupt) as stopping:
        forwarded = stopping.signum if isinstance(stopping, Stopping) else signal.SIGINT
        print(f"\n[vigie] stopping ({signal.Signals(forwarded).name})", flush=True)
        return 0
    except RuntimeError as error:
        print(f"[vigie] {error}", file=sys.stderr)
        return 1
    finally:
        stop_children(started, forwarded)


def launch(name: str, args: list[str], started: list[subprocess.Popen]) -> subprocess.Popen:
    """Starts a process and records it in `started` with the forwarded signals held back
    meanwhile, so a signal cannot arrive between the start and the record (and leak it)."""
    signal.pthread_sigmask(signal.SIG_BLOCK, FORWARDED_SIGNALS)
    try:
        process = start(name, args)
        started.append(process)
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, FORWARDED_SIGNALS)
    return process


def stop_children(processes: list, signum: int) -> None:
    """Passes `signum` on to every process and returns once all have exited (SIGKILL after
    STOP_TIMEOUT_SECONDS). Further signals meanwhile are ignored: stopping is under way."""
    for other in FORWARDED_SIGNALS:
        signal.signal(other, signal.SIG_IGN)
    stop_all(processes, signum, STOP_TIMEOUT_SECONDS)


def supervise(processes: dict, quiet_exit: str | None) -> int:
    """Wait until one process exits; report it unless it is the shell ending normally."""
    while True:
        for name, process in processes.items():
            code = process.poll()
            if code is None:
                continue
            if name == quiet_exit and code == 0:
                return 0
            print(f"[vigie] {name} exited with code {code}; stopping the others", file=sys.stderr)
            return code or 1
        time.sleep(0.5)


if __name__ == "__main__":
    sys.exit(main())
