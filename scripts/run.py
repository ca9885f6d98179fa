"""`make run` / `make shell`: the action server and Rasa together, stopped together.

Without WhatsApp credentials, `make run` also serves the WhatsApp simulator page
(`scripts/simulator.py`): the Graph API stand-in is a third process and Rasa listens on
127.0.0.1 only. Ctrl-C stops them all. If one dies, the others are stopped and the exit code
says which died, so a crash is never hidden behind a process that still looks alive.
"""

from __future__ import annotations

import argparse
import os
import signal
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
    stop,
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


def missing_whatsapp_settings() -> list[str]:
    return [name for name in WHATSAPP_REQUIRED if not os.environ.get(name)]


def credentials_file() -> Path:
    """credentials.yml when WhatsApp is configured, else a REST-only copy (no secrets needed)."""
    missing = missing_whatsapp_settings()
    if not missing:
        return ROOT / "credentials.yml"
    print(f"[vigie] WhatsApp channel off ({', '.join(missing)} not set); REST channel on")
    REST_ONLY_CREDENTIALS.parent.mkdir(exist_ok=True)
    REST_ONLY_CREDENTIALS.write_text("rest:\n")
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


def interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    # SIGTERM (and SIGINT, even when started in the background) stops everything cleanly.
    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGINT, interrupt)
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
    actions = start("action server", action_server_args(options.actions_port))
    rasa = standin = None
    try:
        processes = {"action server": actions}
        if simulator is not None:
            standin = processes["Graph API stand-in"] = start(
                "Graph API stand-in", simulator.standin_args()
            )
        rasa_command = rasa_args(options.shell, options.port, simulator, options.actions_port)
        if not options.shell:
            # Rasa loads its model meanwhile: it calls the action server only once a user writes.
            rasa = processes["rasa"] = start("rasa", rasa_command)
        wait_until_healthy(
            f"http://127.0.0.1:{options.actions_port}/health", actions, "action server", 60
        )
        if simulator is not None and standin is not None:
            wait_until_healthy(f"{simulator.standin_url}/health", standin, "Graph API stand-in", 60)
        if options.shell:
            rasa = processes["rasa"] = start("rasa", rasa_command)
        else:
            print(
                f"[vigie] REST channel: POST http://127.0.0.1:{options.port}/webhooks/rest/webhook"
                ' {"sender": "me", "message": "bonjour"}  (Ctrl-C stops all)',
                flush=True,
            )
        if simulator is not None:
            print(f"[vigie] WhatsApp simulator: {simulator.page_url}", flush=True)
        return supervise(processes, quiet_exit="rasa" if options.shell else None)
    except KeyboardInterrupt:
        print("\n[vigie] stopping", flush=True)
        return 0
    except RuntimeError as error:
        print(f"[vigie] {error}", file=sys.stderr)
        return 1
    finally:
        for process in (rasa, standin, actions):
            if process is not None:
                stop(process)


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
