"""`make run`'s WhatsApp simulator: local credentials, the Graph API stand-in, the channel list.

Without Meta credentials `make run` still serves WhatsApp, to the simulator page only: it makes
up local secrets for this run (never written to disk), starts the Graph API stand-in on
127.0.0.1 and points the real WhatsApp connector at it, with its own inbox. With real
credentials in the environment the simulator stays off: simulated users must never be messaged
through Meta.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from scripts.processes import BIN, ROOT

CREDENTIALS = ROOT / ".vigie" / "credentials.simulator.yml"
INBOX_URL_VARIABLE = "VIGIE_SIMULATOR_INBOX_URL"
DEFAULT_INBOX_URL = "sqlite:///.vigie/simulator_inbox.db"
PHONE_NUMBER_ID = "100000000000002"
STANDIN_PORT_VARIABLE = "VIGIE_SIMULATOR_GRAPH_PORT"
DEFAULT_STANDIN_PORT = 5006
CHANNELS = """\
# Written by `make run` for the simulator: REST, WhatsApp (local stand-in) and the page.
rest:
bot.channels.whatsapp.WhatsAppInput:
bot.simulator.SimulatorInput:
bot.channels.operations.OperationsInput:
"""


@dataclass(frozen=True)
class Simulator:
    """What `make run` needs to serve the simulator."""

    port: int  # Rasa's port: the page is at /simulator/
    standin_port: int
    environment: dict[str, str]

    @property
    def page_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/simulator/"

    @property
    def standin_url(self) -> str:
        return f"http://127.0.0.1:{self.standin_port}"

    def standin_args(self) -> list[str]:
        relay = f"http://127.0.0.1:{self.port}/simulator/api/outbox"
        return [
            str(BIN / "python"), "-m", "bot.simulator.graph_standin",
            "--port", str(self.standin_port), "--relay", relay,
        ]  # fmt: skip

    def credentials_file(self) -> Path:
        CREDENTIALS.parent.mkdir(exist_ok=True)
        CREDENTIALS.write_text(CHANNELS)
        return CREDENTIALS


def default_standin_port() -> int:
    return int(os.environ.get(STANDIN_PORT_VARIABLE) or DEFAULT_STANDIN_PORT)


def local_simulator(port: int, standin_port: int) -> Simulator:
    """Local secrets for this run and the variables that point the connector at the stand-in."""
    environment = {
        "VIGIE_SIMULATOR": "on",
        "WHATSAPP_VERIFY_TOKEN": secrets.token_urlsafe(16),
        "WHATSAPP_APP_SECRET": secrets.token_hex(32),
        "WHATSAPP_ACCESS_TOKEN": secrets.token_urlsafe(32),
        "WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID,
        "WHATSAPP_API_BASE_URL": f"http://127.0.0.1:{standin_port}",
        # Its own inbox, never a production one.
        "WHATSAPP_INBOX_URL": os.environ.get(INBOX_URL_VARIABLE) or DEFAULT_INBOX_URL,
        # The simulator is one user at a time: no template is configured, no lease to share.
        "WHATSAPP_INSTANCE_ID": "simulator",
    }
    return Simulator(port, standin_port, environment)


def apply(simulator: Simulator) -> None:
    """Exports the simulator's variables to the processes `make run` starts next."""
    os.environ.update(simulator.environment)
