"""`make run` / `make shell`: the action server and Rasa together, stopped together.

Ctrl-C stops both. If either one dies, the other is stopped and the exit code says which
died, so a crash is never hidden behind a process that still looks alive.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

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


def credentials_file() -> Path:
    """credentials.yml when WhatsApp is configured, else a REST-only copy (no secrets needed)."""
    missing = [name for name in WHATSAPP_REQUIRED if not os.environ.get(name)]
    if not missing:
        return ROOT / "credentials.yml"
    print(f"[vigie] WhatsApp channel off ({', '.join(missing)} not set); REST channel on")
    REST_ONLY_CREDENTIALS.parent.mkdir(exist_ok=True)
    REST_ONLY_CREDENTIALS.write_text("rest:\n")
    return REST_ONLY_CREDENTIALS


def rasa_args(shell: bool, port: int) -> list[str]:
    common = ["--model", str(MODEL), "--endpoints", "endpoints.yml"]
    if shell:
        return [str(BIN / "rasa"), "shell", *common]
    credentials = str(credentials_file())
    return [str(BIN / "rasa"), "run", *common, "--credentials", credentials, "--port", str(port)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shell", action="store_true", help="chat in this terminal")
    parser.add_argument("--port", type=int, default=5005, help="Rasa's HTTP port")
    parser.add_argument("--actions-port", type=int, default=5055, help="action server port")
    options = parser.parse_args()
    if not MODEL.exists():
        print(f"[vigie] no model at {MODEL}: run `make install` (or `make train`) first")
        return 2

    actions = start("action server", action_server_args(options.actions_port))
    rasa = None
    try:
        wait_until_healthy(
            f"http://127.0.0.1:{options.actions_port}/health", actions, "action server", 60
        )
        rasa = start("rasa", rasa_args(options.shell, options.port))
        if not options.shell:
            print(
                f"[vigie] REST channel: POST http://127.0.0.1:{options.port}/webhooks/rest/webhook"
                ' {"sender": "me", "message": "bonjour"}  (Ctrl-C stops both)',
                flush=True,
            )
        return supervise(
            {"action server": actions, "rasa": rasa}, quiet_exit="rasa" if options.shell else None
        )
    except KeyboardInterrupt:
        print("\n[vigie] stopping", flush=True)
        return 0
    except RuntimeError as error:
        print(f"[vigie] {error}", file=sys.stderr)
        return 1
    finally:
        for process in (rasa, actions):
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
