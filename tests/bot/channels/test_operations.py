"""``/metrics``, ``/health/live`` and ``/health/ready`` in the real Rasa app, after real traffic.

The WhatsApp connector and the operations channel are mounted with ``configure_app`` as
`rasa run` does, with the trained model; webhooks are signed as Meta signs them and the bot's
sends go to the fake Graph API. Metrics are process-wide, so each test compares the figures
before and after its own traffic.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.channels.operations import OperationsInput
from bot.channels.whatsapp import WhatsAppInput
from bot.channels.whatsapp.signature import SIGNATURE_HEADER
from scripts.processes import free_port
from tests.bot.channels import whatsapp_payloads as p
from tests.bot.channels.conftest import OneLifeASGIClient

WEBHOOK = "/webhooks/whatsapp/webhook"
pytestmark = pytest.mark.model

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


@pytest.fixture
def make_ops_app(agent: Any) -> Callable[[WhatsAppInput], Any]:
    """The real app with the WhatsApp channel and the operations channel, as credentials.yml."""
    from rasa.core.run import configure_app

    def build(channel: WhatsAppInput) -> Any:
        app = configure_app([channel, OperationsInput()], enable_api=False, port=0)
        app.ctx.agent = agent
        app.ctx.client = OneLifeASGIClient(app)
        return app

    return build


async def scrape(app: Any) -> tuple[Samples, str]:
    _, response = await app.ctx.client.get("/metrics")
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/plain")
    samples: Samples = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples, response.text


def names_and_labels(text: str) -> str:
    """The exposition without sample values: a timestamp such as 1.79618006404111e+09 is no leak."""
    return "\n".join(
        line if line.startswith("#") else line.rsplit(" ", 1)[0] for line in text.splitlines()
    )


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


async def post(app: Any, payload: Any, headers: dict[str, str] | None = None) -> int:
    body, signed_headers = p.signed(payload)
    _, response = await app.ctx.client.post(
        WEBHOOK, content=body, headers=signed_headers if headers is None else headers
    )
    return int(response.status)


async def test_when_webhooks_are_answered_then_metrics_count_them_without_personal_data(
    channel, make_ops_app, fake, sender
):
    app = make_ops_app(channel)
    before, _ = await scrape(app)
    hello = p.text("hello", sender=sender)
    card = p.text("my card is 4111 1111 1111 1111", sender=sender)
    again = p.text("hello again", sender=sender)

    fake.fail_next("131026")  # undeliverable: not retried, the first reply fails for good
    assert await post(app, p.webhook([hello])) == 200
    assert await post(app, p.webhook([hello])) == 200  # Meta's redelivery: a duplicate
    forged = {SIGNATURE_HEADER: "sha256=" + "0" * 64}
    assert await post(app, p.webhook([p.text("forged", sender=sender)]), forged) == 403
    assert await post(app, p.webhook([card, again])) == 200
    await channel.join(timeout=60)

    after, text = await scrape(app)

    def delta(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert delta("vigie_whatsapp_webhooks_total", outcome="accepted") == 3
    assert delta("vigie_whatsapp_webhooks_total", outcome="signature_invalid") == 1
    assert delta("vigie_whatsapp_webhook_ack_seconds_count") == 4
    assert delta("vigie_whatsapp_messages_total", outcome="received") == 3
    assert delta("vigie_whatsapp_messages_total", outcome="duplicate") == 1
    assert delta("vigie_whatsapp_messages_total", outcome="processed") == 3
    assert delta("vigie_whatsapp_turn_seconds_count") == 3
    assert delta("vigie_whatsapp_reply_delay_seconds_count") == 3
    assert delta("vigie_whatsapp_sends_total", outcome="failed", code="131026") == 1
    assert delta("vigie_whatsapp_sends_total", outcome="sent", code="") >= 1
    assert delta("vigie_guard_findings_total", kind="payment_card") == 1
    assert value(after, "vigie_whatsapp_inbox_pending_messages") == 0
    assert value(after, "vigie_whatsapp_inbox_oldest_pending_age_seconds") == 0
    for private in (sender, "4111", "hello"):
        assert private not in names_and_labels(text)


async def test_when_model_and_stores_answer_then_ready_and_live(channel, make_ops_app):
    app = make_ops_app(channel)
    _, ready = await app.ctx.client.get("/health/ready")
    _, live = await app.ctx.client.get("/health/live")
    assert (ready.status, ready.json["ready"]) == (200, True)
    assert set(ready.json["checks"]) == {"model", "tracker_store", "lock_store", "whatsapp_inbox"}
    assert set(ready.json["checks"].values()) == {"ok"}
    assert (live.status, live.json) == (200, {"live": True})
    samples, _ = await scrape(app)
    assert value(samples, "vigie_ready") == 1


async def test_when_the_inbox_does_not_answer_then_not_ready_but_live(make_config, make_ops_app):
    channel = WhatsAppInput(make_config(inbox_url=f"redis://127.0.0.1:{free_port()}/0"))
    app = make_ops_app(channel)
    try:
        _, ready = await app.ctx.client.get("/health/ready")
        _, live = await app.ctx.client.get("/health/live")
        samples, _ = await scrape(app)  # a down inbox leaves the scrape working
    finally:
        await channel.shutdown()
    assert ready.status == 503 and ready.json["ready"] is False
    assert ready.json["checks"]["whatsapp_inbox"].startswith("unreachable")
    assert ready.json["checks"]["tracker_store"] == "ok"
    assert live.status == 200
    assert value(samples, "vigie_ready") == 0


async def test_when_no_model_is_loaded_then_not_ready(channel, make_ops_app):
    app = make_ops_app(channel)
    app.ctx.agent = None
    _, ready = await app.ctx.client.get("/health/ready")
    assert (ready.status, ready.json["checks"]) == (503, {"model": "not loaded"})
