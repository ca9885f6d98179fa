"""A configured event broker only ever receives redacted events: proven on a real RabbitMQ.

A real `rasa run` publishes through Rasa's own Pika broker to the RabbitMQ of this machine
(`VIGIE_TEST_AMQP_URL`, default amqp://guest:guest@127.0.0.1:5672/); the test consumes the
queue. Numbers come over the REST channel, which does not redact at the door, so what the
broker gets is what Vigie's tracker store lets through.
"""

from __future__ import annotations

import asyncio
import json
import os
import urllib.request
import uuid

import pytest
from sqlalchemy.engine.url import make_url

from scripts.processes import (
    BIN,
    action_server_args,
    free_port,
    start,
    stop,
    wait_until_healthy,
)
from tests.privacy_scan import Scan

pytestmark = pytest.mark.model

AMQP_URL = os.environ.get("VIGIE_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")
NUMBERS = {
    "card": "4970 1012 3456 7893",
    "iban": "FR76 3000 6000 0112 3456 7890 189",
    "nir": "2 84 12 2A 004 123 70",
}


def post(port: int, sender: str, text: str) -> list[dict]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/webhooks/rest/webhook",
        data=json.dumps({"sender": sender, "message": text}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


async def drain(queue_name: str, sender: str, wanted: int, timeout: float = 60) -> list[bytes]:
    """Every message of the queue, until `wanted` user events of `sender` came (or timeout)."""
    import aio_pika

    connection = await aio_pika.connect_robust(AMQP_URL)
    bodies: list[bytes] = []
    try:
        channel = await connection.channel()
        queue = await channel.declare_queue(queue_name, durable=True)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            message = await queue.get(fail=False, no_ack=True)
            if message is None:
                users = [b for b in bodies if b'"event": "user"' in b and sender.encode() in b]
                if len(users) >= wanted:
                    break
                await asyncio.sleep(0.1)  # a poll interval
                continue
            bodies.append(message.body)
        await queue.delete(if_unused=False, if_empty=False)
    finally:
        await connection.close()
    return bodies


async def test_when_numbers_are_sent_then_rabbitmq_only_receives_placeholders(model_path, tmp_path):
    amqp = make_url(AMQP_URL.replace("amqp://", "postgresql://"))  # just to parse the parts
    queue_name = f"vigie-test-{uuid.uuid4().hex[:8]}"
    rasa_port, actions_port = free_port(), free_port()
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        f"""
action_endpoint:
  url: "http://127.0.0.1:{actions_port}/webhook"
tracker_store:
  type: bot.stores.tracker_store.VigieTrackerStore
  db: {tmp_path / "tracker.db"}
event_broker:
  type: pika
  url: {amqp.host}
  port: {amqp.port or 5672}
  username: {amqp.username}
  password: {amqp.password}
  queues:
    - {queue_name}
"""
    )
    credentials = tmp_path / "credentials.yml"
    credentials.write_text("rest:\n")
    log = (tmp_path / "rasa.log").open("w")
    actions = start("action server", action_server_args(actions_port))
    rasa = start(
        "rasa",
        [str(BIN / "rasa"), "run", "--model", str(model_path), "--endpoints", str(endpoints),
         "--credentials", str(credentials), "--port", str(rasa_port)],
        stdout=log, stderr=log,
    )  # fmt: skip
    sender = f"broker-{uuid.uuid4().hex[:8]}"
    try:
        wait_until_healthy(f"http://127.0.0.1:{actions_port}/health", actions, "actions", 120)
        wait_until_healthy(f"http://127.0.0.1:{rasa_port}/", rasa, "rasa", 240)
        for kind, number in NUMBERS.items():
            post(rasa_port, sender, f"my {kind} is {number}")
        bodies = await drain(queue_name, sender, wanted=len(NUMBERS))
    finally:
        stop(rasa)
        stop(actions)
        log.close()

    scan = Scan()
    for index, body in enumerate(bodies):
        scan.read(f"amqp message {index}", body, NUMBERS.values())
    print(f"\nbroker: {scan.places} messages, {scan.bytes_read} bytes scanned")
    published = b"\n".join(bodies)
    for placeholder in (b"[payment_card]", b"[iban]", b"[national_id]"):
        assert placeholder in published, placeholder
    assert scan.hits == []
