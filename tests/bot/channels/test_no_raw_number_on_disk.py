"""Redaction at the door: a number sent over WhatsApp is never written anywhere, even briefly.

A real `rasa run` (WhatsApp channel, fake Graph API) and a real action server receive a card
number, an IBAN and a French NIR. The user gets the sensitive-number warning for each (the
guard action still fires though Rasa only ever saw placeholders), and, while the bot runs and
after it stops, no fragment of the numbers is found in any byte of any file of the data
folder (SQLite databases, WAL and journal files, logs), in any page of the PostgreSQL inbox's
tables (dead tuples included), or in any Redis value.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
import yaml

from scripts.processes import free_port, running_action_server
from tests.bot.channels import whatsapp_payloads as p
from tests.bot.channels.rasa_process import (
    REPO_ROOT,
    http_json,
    launch_rasa,
    wait_for_rasa,
    write_config,
)
from tests.bot.channels.stores import postgres_inbox_url, redis_inbox_url
from tests.privacy_scan import (
    Scan,
    postgres_pages,
    redis_values,
    scan_folder,
    scan_postgres,
    scan_redis,
)
from tests.waiting import eventually

pytestmark = pytest.mark.model

CREDENTIALS = {
    "verify_token": p.VERIFY_TOKEN,
    "app_secret": p.APP_SECRET,
    "access_token": p.ACCESS_TOKEN,
    "phone_number_id": p.PHONE_NUMBER_ID,
}
NUMBERS = {
    "card": "4970 1012 3456 7893",
    "iban": "FR76 3000 6000 0112 3456 7890 189",
    "nir": "2 84 12 2A 004 123 70",  # French social security number, Corsica, valid key
}
MESSAGES = [
    f"my card number is {NUMBERS['card']}",
    f"voici mon IBAN {NUMBERS['iban']}",
    f"my social security number is {NUMBERS['nir']}",
]


def sensitive_number_warnings() -> set[str]:
    domain = yaml.safe_load((REPO_ROOT / "domain.yml").read_text(encoding="utf-8"))
    return {v["text"] for v in domain["responses"]["utter_guard_sensitive_number"]}


def inbox_url(backend: str, data: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{data / 'whatsapp_inbox.db'}"
    return postgres_inbox_url() if backend == "postgresql" else redis_inbox_url()


def scan_everything(backend: str, url: str, data: Path) -> Scan:
    numbers = NUMBERS.values()
    scan = scan_folder(data, numbers)
    if backend == "postgresql":
        scan += scan_postgres(url.split("?")[0], url.rsplit("%3D", 1)[1], numbers)
    elif backend == "redis":
        scan += scan_redis(url, numbers)
    return scan


async def replies_to(fake, sender: str) -> list[str]:
    requests = http_json(f"{fake.url}/_control/requests")
    bodies = [r["body"] or {} for r in requests]
    return [b.get("text", {}).get("body", "") for b in bodies if b.get("to") == sender]


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    """The data folder scanned, and the stores in it, for Rasa and the action server."""
    data = tmp_path / "data"
    data.mkdir()
    for variable, name in (
        ("VIGIE_TRACKER_STORE_URL", "tracker.db"),
        ("VIGIE_PRIVACY_DB_URL", "privacy.db"),
        ("VIGIE_APPOINTMENTS_DB_URL", "appointments.db"),
    ):
        monkeypatch.setenv(variable, f"sqlite:///{data / name}")
    return data


@pytest.fixture
def action_server_port(data) -> Iterator[int]:
    """An action server started after `data` set the variables: it shares Rasa's privacy
    registry (start-up refuses two different registries)."""
    port = free_port()
    with running_action_server(port):
        yield port


@pytest.mark.parametrize("backend", ["sqlite", "postgresql", "redis"])
async def test_when_numbers_come_over_whatsapp_then_no_byte_of_them_is_stored(
    backend, model_path, graph_api_process, action_server_port, data, monkeypatch
):
    url = inbox_url(backend, data)
    if backend != "sqlite":  # an inbox on a server: start-up requires a shared lock store
        monkeypatch.setenv("VIGIE_LOCK_STORE_URL", url)
    credentials, endpoints = write_config(data, graph_api_process.url, CREDENTIALS, inbox_url=url)
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{action_server_port}/webhook"\n'
        "tracker_store:\n  type: bot.stores.tracker_store.VigieTrackerStore\n"
    )
    rasa = wait_for_rasa(launch_rasa(model_path, credentials, endpoints, data))
    sender = "339" + str(uuid.uuid4().int)[:8]
    warnings = sensitive_number_warnings()
    try:
        async with aiohttp.ClientSession() as session:
            for text in MESSAGES:
                body, headers = p.signed(p.webhook([p.text(text, sender=sender)]))
                async with session.post(
                    f"{rasa.url}/webhooks/whatsapp/webhook", data=body, headers=headers
                ) as response:
                    assert response.status == 200

        async def warned() -> list[str]:
            replies = await replies_to(graph_api_process, sender)
            return [text for text in replies if text in warnings]

        await eventually(warned, lambda got: len(got) == len(MESSAGES), 120, "3 warnings")
        running = scan_everything(backend, url, data)
    finally:
        rasa.stop()
    stopped = scan_everything(backend, url, data)

    print(
        f"\n{backend}: scanned {running.places} places / {running.bytes_read} bytes while "
        f"running, {stopped.places} / {stopped.bytes_read} after stopping"
    )
    assert running.hits == [] and stopped.hits == []
    # The scans read what they should: the conversation is in the tracker, as placeholders.
    tracker = b"".join(path.read_bytes() for path in data.glob("tracker.db*"))
    assert b"[payment_card]" in tracker and b"[iban]" in tracker and b"[national_id]" in tracker
    assert running.bytes_read > 0 and stopped.places >= 3
    assert sender.encode() in inbox_bytes(backend, url, data)  # the inbox scanned is the one used


def inbox_bytes(backend: str, url: str, data: Path) -> bytes:
    """Everything the inbox holds, raw: its SQLite files, its PostgreSQL pages or Redis values."""
    if backend == "postgresql":
        return b"".join(postgres_pages(url.split("?")[0], url.rsplit("%3D", 1)[1]).values())
    if backend == "redis":
        return b"".join(redis_values(url).values())
    return b"".join(path.read_bytes() for path in data.glob("whatsapp_inbox.db*"))
