"""One privacy database for every process: an opt-out over WhatsApp is seen everywhere.

A real `rasa run` (WhatsApp channel, fake Graph API) and a real action server share only the
environment (`VIGIE_PRIVACY_DB_URL`), as `make run` starts them. "STOP" is recorded by the
tracker store in the Rasa process; then a business-initiated message (Rasa's trigger_intent
API, sent through the WhatsApp output) is dropped because the user is suppressed; "START"
runs the opt-in action in the action server, which lifts the suppression the Rasa process
recorded; and the test process, reading the same variable, sees each state.

(An action server started with another `VIGIE_PRIVACY_DB_URL` fails this test: "START" then
lifts nothing, which is how this test was first seen failing.)
"""

from __future__ import annotations

import uuid

import aiohttp
import pytest

from core.privacy.registry import privacy_registry
from scripts.processes import action_server_args, free_port, start, stop, wait_until_healthy
from tests.bot.channels import whatsapp_payloads as p
from tests.bot.channels.rasa_process import http_json, launch_rasa, wait_for_rasa, write_config
from tests.waiting import eventually

pytestmark = pytest.mark.model

CREDENTIALS = {
    "verify_token": p.VERIFY_TOKEN,
    "app_secret": p.APP_SECRET,
    "access_token": p.ACCESS_TOKEN,
    "phone_number_id": p.PHONE_NUMBER_ID,
}


async def say(session: aiohttp.ClientSession, rasa, sender: str, text: str) -> None:
    body, headers = p.signed(p.webhook([p.text(text, sender=sender)]))
    url = f"{rasa.url}/webhooks/whatsapp/webhook"
    async with session.post(url, data=body, headers=headers) as response:
        assert response.status == 200


def replies(fake, sender: str) -> list[dict]:
    requests = http_json(f"{fake.url}/_control/requests")
    return [r["body"] for r in requests if (r["body"] or {}).get("to") == sender]


def metrics(rasa) -> dict[str, int]:
    return http_json(f"{rasa.url}/webhooks/whatsapp/")["metrics"]


async def test_when_a_user_opts_out_on_whatsapp_then_every_process_sees_it(
    model_path, graph_api_process, tmp_path, monkeypatch
):
    monkeypatch.setenv("VIGIE_PRIVACY_DB_URL", f"sqlite:///{tmp_path / 'privacy.db'}")
    monkeypatch.setenv("VIGIE_TRACKER_STORE_URL", f"sqlite:///{tmp_path / 'tracker.db'}")
    # Both processes get the environment set above, as `make run` starts them.
    action_server_port = free_port()
    actions = start("action server", action_server_args(action_server_port))
    wait_until_healthy(f"http://127.0.0.1:{action_server_port}/health", actions, "actions")
    credentials, endpoints = write_config(tmp_path, graph_api_process.url, CREDENTIALS)
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{action_server_port}/webhook"\n'
        "tracker_store:\n  type: bot.stores.tracker_store.VigieTrackerStore\n"
    )
    rasa = wait_for_rasa(launch_rasa(model_path, credentials, endpoints, tmp_path, "--enable-api"))
    sender = "338" + str(uuid.uuid4().int)[:8]
    registry = privacy_registry()  # what any other process reading the variable sees
    try:
        async with aiohttp.ClientSession() as session:
            await say(session, rasa, sender, "STOP")

            async def suppressed() -> bool:
                return registry.is_suppressed(sender)

            await eventually(suppressed, timeout=120, what="the opt-out recorded")
            confirmed = len(replies(graph_api_process, sender))
            # A business-initiated message: the WhatsApp output must drop it.
            dropped_before = metrics(rasa).get("suppressed_dropped", 0)
            trigger = f"{rasa.url}/conversations/{sender}/trigger_intent?output_channel=whatsapp"
            async with session.post(trigger, json={"name": "greet"}) as response:
                assert response.status == 200

            async def dropped() -> int:
                return metrics(rasa).get("suppressed_dropped", 0)

            await eventually(dropped, lambda n: n > dropped_before, 60, "the message dropped")
            assert len(replies(graph_api_process, sender)) == confirmed

            await say(session, rasa, sender, "START")  # the opt-in action, in the other process

            async def lifted() -> bool:
                return not registry.is_suppressed(sender)

            await eventually(lifted, timeout=120, what="the opt-in recorded")
    finally:
        rasa.stop()
        stop(actions)
    assert confirmed >= 1  # the opt-out was confirmed to the user before anything was dropped
