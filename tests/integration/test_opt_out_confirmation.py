"""No destructive action on a guess, in the running bot over REST (real model, action server,
SQLite store): a likely opt-out asks first; medical "stop" and questions about a medicine's
use are never taken for an opt-out or a purchase."""

from __future__ import annotations

import uuid

import pytest
from rasa.core.agent import Agent
from rasa.core.channels.rest import RestInput
from rasa.core.run import configure_app
from rasa.utils.endpoints import EndpointConfig

from bot.stores.tracker_store import VigieTrackerStore
from tests.store_contents import raw_stored_text

pytestmark = pytest.mark.model

ASKED = {"en": "Do you want to stop receiving messages", "fr": "Voulez-vous ne plus recevoir"}
ERASED = {"en": "you will not receive any more messages", "fr": "vous ne recevrez plus"}
KEPT = {"en": "nothing has been deleted", "fr": "rien n'a été effacé"}
REFUSED = ("are not sold through this service", "ne sont pas vendus par ce service")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> VigieTrackerStore:
    folder = tmp_path_factory.mktemp("confirm")
    # The privacy registry is VIGIE_PRIVACY_DB_URL's, the same for the action server.
    return VigieTrackerStore(url=f"sqlite:///{folder / 'tracker.db'}")


@pytest.fixture(scope="module")
def app(model_path, action_server_url, store):
    agent = Agent.load(
        str(model_path),
        action_endpoint=EndpointConfig(url=action_server_url),
        tracker_store=store,
        generator=EndpointConfig(type="bot.nlg.GuardedNLG"),
    )
    app = configure_app([RestInput()], enable_api=False, port=0)
    app.ctx.agent = agent
    return app


async def say(app, sender: str, text: str) -> tuple[str, list[dict]]:
    _, response = await app.asgi_client.post(
        "/webhooks/rest/webhook", json={"sender": sender, "message": text}
    )
    assert response.status == 200
    return " ".join(r.get("text", "") for r in response.json), response.json


def payloads(replies: list[dict]) -> list[str]:
    return [b["payload"] for r in replies for b in r.get("buttons") or []]


@pytest.mark.parametrize(
    ("language", "greeting", "likely"),
    [("en", "hello", "no more messages please"), ("fr", "bonjour", "coupez les alertes svp")],
)
async def test_when_an_opt_out_is_likely_then_the_bot_asks_and_no_keeps_everything(
    app, store, language, greeting, likely
):
    sender = f"ask-no-{uuid.uuid4().hex}"
    await say(app, sender, greeting)

    text, replies = await say(app, sender, likely)
    assert ASKED[language] in text
    assert payloads(replies) == ["/confirm_opt_out", "/keep_data"]
    assert raw_stored_text(store, sender)

    text, _ = await say(app, sender, "/keep_data")
    assert KEPT[language] in text
    assert raw_stored_text(store, sender) and not store.privacy.is_suppressed(sender)


@pytest.mark.parametrize(
    ("language", "greeting", "likely"),
    [("en", "hello", "unsubcribe"), ("fr", "bonjour", "désabonez-moi")],
)
async def test_when_an_opt_out_is_likely_then_yes_erases(app, store, language, greeting, likely):
    sender = f"ask-yes-{uuid.uuid4().hex}"
    await say(app, sender, greeting)
    text, _ = await say(app, sender, likely)
    assert ASKED[language] in text and raw_stored_text(store, sender)

    text, _ = await say(app, sender, "/confirm_opt_out")

    assert ERASED[language] in text
    assert raw_stored_text(store, sender) == "" and store.privacy.is_suppressed(sender)


@pytest.mark.parametrize(
    "question",
    [
        "my nose won't stop running, what should I do?",
        "is it OK to quit the pills before the box is finished?",
        "which bus stops outside the clinic?",
        "the page keeps stopping",
        "je suis en arrêt maladie, comment prendre rendez-vous ?",
        "comment arrêter de fumer ?",
        "mon saignement de nez ne s'arrête pas",
    ],
)
async def test_when_a_question_says_stop_in_another_sense_then_nothing_is_erased(
    app, store, question
):
    sender = f"stop-sense-{uuid.uuid4().hex}"

    text, _ = await say(app, sender, question)

    assert not any(sign in text for sign in ERASED.values())
    assert raw_stored_text(store, sender) and not store.privacy.is_suppressed(sender)


@pytest.mark.parametrize(
    "question",
    [
        "how do I take ibuprofen with food?",
        "what dose of paracetamol for my son?",
        "is 3 g of paracetamol a day too much?",
        "my thermometer reads Lo, what does it mean?",
        "quels sont les effets secondaires du doliprane ?",
        "mon tensiomètre affiche Err, que faire ?",
    ],
)
async def test_when_a_question_is_about_a_medicines_use_then_it_is_not_refused_as_a_sale(
    app, question
):
    text, _ = await say(app, f"use-{uuid.uuid4().hex}", question)

    assert not any(refusal in text for refusal in REFUSED)
