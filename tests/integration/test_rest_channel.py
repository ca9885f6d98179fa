"""The trained bot over Rasa's REST channel: the real app, model and action server."""

from __future__ import annotations

import uuid

import pytest
from rasa.core.channels.rest import RestInput
from rasa.core.run import configure_app

pytestmark = pytest.mark.model


@pytest.fixture
def rest_app(agent):
    app = configure_app([RestInput()], enable_api=False, port=0)
    app.ctx.agent = agent
    return app


async def conversation(app, *messages: str) -> list[list[dict]]:
    """Send messages as one new user; return the bot's replies to each."""
    sender = f"rest-{uuid.uuid4().hex}"
    replies = []
    for message in messages:
        _, response = await app.asgi_client.post(
            "/webhooks/rest/webhook", json={"sender": sender, "message": message}
        )
        assert response.status == 200
        replies.append(response.json)
    return replies


def texts(replies: list[dict]) -> str:
    return " ".join(reply.get("text", "") for reply in replies)


async def test_when_asked_in_french_then_the_answer_is_in_french(rest_app):
    [replies] = await conversation(rest_app, "Bonjour, quels sont les horaires de la mairie ?")

    assert "ouverte du lundi au vendredi" in texts(replies)


async def test_when_asked_in_english_then_the_answer_is_in_english(rest_app):
    [replies] = await conversation(rest_app, "what are the opening hours of the town hall?")

    assert "open Monday to Friday" in texts(replies)


async def test_when_the_user_asks_to_switch_then_the_language_changes_and_stays(rest_app):
    greeting, switched, after_button = await conversation(
        rest_app, "hello", "en français s'il vous plaît", "/menu"
    )

    assert "Hello" in texts(greeting)
    assert "je continue en français" in texts(switched)
    assert "Choisissez un thème" in texts(after_button)
    assert after_button[0]["buttons"][0]["title"] == "Santé publique"


async def test_when_the_user_greets_then_the_main_menu_offers_topics_and_appointments(rest_app):
    [replies] = await conversation(rest_app, "hello")

    assert replies[0]["text"].startswith("Hello! I'm Vigie")
    assert [b["payload"] for b in replies[-1]["buttons"]] == [
        "/menu_health",
        "/menu_economy",
        "/menu_social",
        "/menu_municipal",
        "/book_appointment",
        "/list_appointments",
    ]


async def test_when_the_language_changes_mid_conversation_then_replies_follow(rest_app):
    first, second = await conversation(
        rest_app, "when are the bins collected?", "et quand passe le ramassage des encombrants ?"
    )

    assert "Waste collection" in texts(first)
    assert "Collecte des déchets" in texts(second)
