"""The guards in the running bot: the real model, action server and stores.

After opt-out, nothing of the sender remains in SQLite, PostgreSQL or Redis; a card number
sent by a user never reaches the store's raw rows and values.
"""

from __future__ import annotations

import uuid

import pytest
from rasa.core.agent import Agent
from rasa.core.channels.rest import RestInput
from rasa.core.run import configure_app
from rasa.shared.core.events import UserUttered
from rasa.utils.endpoints import EndpointConfig

from bot.stores.tracker_store import VigieTrackerStore
from tests.services import require_postgres, require_redis
from tests.store_contents import raw_stored_text

pytestmark = pytest.mark.model

CARD = "4970 1012 3456 7893"


@pytest.fixture(
    scope="module",
    params=[
        "sqlite",
        pytest.param("postgresql", marks=pytest.mark.postgres),
        pytest.param("redis", marks=pytest.mark.redis),
    ],
)
def store(request, tmp_path_factory) -> VigieTrackerStore:
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'tracker.db'}"
    else:
        url = require_postgres() if request.param == "postgresql" else require_redis()
    return VigieTrackerStore(url=url)  # the privacy database of every process (conftest)


@pytest.fixture(scope="module")
def app(model_path, action_server_url, store):
    """One agent per backend: loading the model is the slow part."""
    agent = Agent.load(
        str(model_path),
        action_endpoint=EndpointConfig(url=action_server_url),
        tracker_store=store,
        generator=EndpointConfig(type="bot.nlg.GuardedNLG"),
    )
    app = configure_app([RestInput()], enable_api=False, port=0)
    app.ctx.agent = agent
    return app


async def say(app, sender: str, text: str) -> list[dict]:
    _, response = await app.asgi_client.post(
        "/webhooks/rest/webhook", json={"sender": sender, "message": text}
    )
    assert response.status == 200
    return response.json


async def test_when_a_user_sends_a_card_number_then_it_is_warned_about_and_never_stored(app, store):
    sender = f"guard-{uuid.uuid4().hex}"

    replies = await say(app, sender, f"hello, my card is {CARD}, can you book for me?")

    assert "never share" in " ".join(r.get("text", "") for r in replies)
    raw = raw_stored_text(store, sender)
    assert raw, "the conversation should be stored"
    assert CARD not in raw and CARD.replace(" ", "") not in raw


async def test_when_a_user_opts_out_then_zero_rows_remain_and_a_new_chat_starts(app, store):
    sender = f"optout-{uuid.uuid4().hex}"
    await say(app, sender, "bonjour")
    assert raw_stored_text(store, sender)

    replies = await say(app, sender, "STOP")

    assert "vous ne recevrez plus" in " ".join(r.get("text", "") for r in replies)
    assert raw_stored_text(store, sender) == ""
    registry = store.privacy
    assert registry.is_suppressed(sender)
    assert registry.erasures(sender)[-1]["tracker_events"] > 0

    await say(app, sender, "hello")
    tracker = await store.retrieve(sender)
    texts = [event.text for event in tracker.events if isinstance(event, UserUttered)]
    assert texts == ["hello"]


async def test_when_a_user_wants_to_buy_medicine_then_the_sale_is_refused(app):
    replies = await say(app, f"buy-{uuid.uuid4().hex}", "how much is a box of doliprane?")

    text = " ".join(r.get("text", "") for r in replies)
    assert "medicines and medical devices are not sold" in text


@pytest.mark.parametrize(
    "question, summary, period",
    [
        ("what data do you have about me?", "What Vigie keeps about you", "90 days"),
        ("quelles données avez-vous sur moi ?", "Ce que Vigie conserve sur vous", "90 jours"),
    ],
)
async def test_when_a_user_asks_what_is_kept_then_a_plain_summary_never_echoing_a_number(
    app, question, summary, period
):
    sender = f"access-{uuid.uuid4().hex}"
    await say(app, sender, f"my card is {CARD}")

    replies = await say(app, sender, question)

    text = " ".join(r.get("text", "") for r in replies)
    assert summary in text and period in text
    digits = CARD.replace(" ", "")
    assert all(digits[i : i + 6] not in text.replace(" ", "") for i in range(len(digits) - 5))
