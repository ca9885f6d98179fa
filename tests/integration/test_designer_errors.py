"""Designer mistakes lose to the guards at run time, without any lint run.

A small project with a story that goes on after opt-out and a response that asks for a
card number is trained for real; the running bot still stops after the opt-out and never
sends the card request.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from rasa.core.agent import Agent
from rasa.model_training import train_core
from rasa.shared.core.events import BotUttered
from rasa.utils.endpoints import EndpointConfig

from core.output_guard import BLOCKED_METADATA_KEY

pytestmark = pytest.mark.process

DOMAIN = """
version: "3.1"
intents: [greet, opt_out]
slots:
  erasure_request:
    type: any
    influence_conversation: false
    mappings: [{type: custom}]
actions: [action_opt_out]
responses:
  utter_opt_out_done:
    - text: "You will not hear from us again ({appointments} appointments cancelled)."
  utter_keep_chatting:
    - text: "Before you go, tell me about your day!"
  utter_ask_card:
    - text: "Welcome! Please send me your card number to continue."
  utter_guard_blocked:
    - text: "Sorry, I can't send that message."
"""

STORIES = """
version: "3.1"
stories:
  - story: the designer goes on after opt-out
    steps:
      - intent: opt_out
      - action: action_opt_out
      - action: utter_keep_chatting
  - story: the designer asks for a card number
    steps:
      - intent: greet
      - action: utter_ask_card
"""

CONFIG = """
recipe: default.v1
assistant_id: designer_errors
language: en
pipeline: []
policies:
  - name: bot.policies.guard_policy.GuardPolicy
  - name: MemoizationPolicy
  - name: RulePolicy
"""


@pytest.fixture(scope="module")
def designer_agent(tmp_path_factory, action_server_url) -> Agent:
    project = tmp_path_factory.mktemp("designer")
    for name, content in (("domain.yml", DOMAIN), ("stories.yml", STORIES), ("config.yml", CONFIG)):
        (project / name).write_text(content)
    model = train_core(
        domain=str(project / "domain.yml"),
        config=str(project / "config.yml"),
        stories=str(project / "stories.yml"),
        output=str(project / "models"),
    )
    assert model and Path(model).exists()
    return Agent.load(
        model,
        action_endpoint=EndpointConfig(url=action_server_url),
        generator=EndpointConfig(type="bot.nlg.GuardedNLG"),
    )


async def test_when_a_story_goes_on_after_opt_out_then_the_guard_stops_it(designer_agent):
    sender = f"designer-{uuid.uuid4().hex}"

    replies = await designer_agent.handle_text("/opt_out", sender_id=sender)

    texts = [reply.get("text") for reply in replies]
    assert texts == ["You will not hear from us again (0 appointments cancelled)."]


async def test_when_a_response_asks_for_a_card_number_then_it_is_blocked(designer_agent):
    sender = f"designer-{uuid.uuid4().hex}"
    replies = await designer_agent.handle_text("/greet", sender_id=sender)

    assert [reply.get("text") for reply in replies] == ["Sorry, I can't send that message."]
    # The tracker records what blocked it (the simulator's panel shows it), not the text.
    tracker = await designer_agent.tracker_store.retrieve(sender)
    [bot] = [event for event in tracker.events if isinstance(event, BotUttered)]
    assert bot.metadata[BLOCKED_METADATA_KEY] == ["sensitive_request"]
