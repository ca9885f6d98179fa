"""With the action server down, a message that needs a custom action gets an apology in the
user's language, not silence (bot/policies/action_failure.py); the emergency numbers, a
response, still go out."""

from __future__ import annotations

import uuid

import pytest
from rasa.core.agent import Agent
from rasa.core.channels.rest import RestInput
from rasa.core.run import configure_app
from rasa.utils.endpoints import EndpointConfig

from scripts.processes import free_port

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def app_without_actions(model_path):
    dead = EndpointConfig(url=f"http://127.0.0.1:{free_port()}/webhook")
    app = configure_app([RestInput()], enable_api=False, port=0)
    app.ctx.agent = Agent.load(
        str(model_path),
        action_endpoint=dead,
        generator=EndpointConfig(type="bot.nlg.GuardedNLG"),  # as endpoints.yml
    )
    return app


async def replies(app, message: str) -> str:
    sender = f"down-{uuid.uuid4().hex}"
    _, response = await app.asgi_client.post(
        "/webhooks/rest/webhook", json={"sender": sender, "message": message}
    )
    assert response.status == 200
    return " ".join(reply.get("text", "") for reply in response.json)


@pytest.mark.parametrize(
    ("message", "apology"),
    [
        ("show me my appointments", "something went wrong on our side"),
        ("je veux voir mes rendez-vous", "un problème de notre côté"),
    ],
)
async def test_when_the_action_server_is_down_then_the_user_gets_an_apology(
    app_without_actions, message, apology
):
    assert apology in await replies(app_without_actions, message)


async def test_when_the_action_server_is_down_then_an_emergency_still_gets_the_numbers(
    app_without_actions,
):
    answer = await replies(app_without_actions, "my husband collapsed and is not breathing")

    assert "15: SAMU" in answer and "112" in answer
