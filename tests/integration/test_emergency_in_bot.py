"""Emergencies in the running bot: the real model, action server and NLG.

A certain emergency gets the numbers in place of the answer; one the rule does not know but
the emergency classifier recognises gets them in the first line, before the answer; an
everyday question gets no numbers at all.
"""

from __future__ import annotations

import uuid

import pytest
from rasa.core.agent import Agent
from rasa.utils.endpoints import EndpointConfig

import guards

pytestmark = pytest.mark.model

# Not in the rule's patterns (checked below): a child with a cleaning product round his mouth.
UNKNOWN_TO_THE_RULE = (
    "my toddler got into the cupboard under the sink and there's blue stuff round his mouth"
)


@pytest.fixture(scope="module")
def bot(model_path, action_server_url) -> Agent:
    return Agent.load(
        str(model_path),
        action_endpoint=EndpointConfig(url=action_server_url),
        generator=EndpointConfig(type="bot.nlg.GuardedNLG"),
    )


async def texts(bot: Agent, message: str) -> list[str]:
    replies = await bot.handle_text(message, sender_id=f"emergency-{uuid.uuid4().hex[:8]}")
    return [reply.get("text") or "" for reply in replies or []]


async def test_a_certain_emergency_gets_the_numbers_first(bot):
    replies = await texts(bot, "my husband collapsed and he's not breathing")

    assert replies and "15" in replies[0] and "112" in replies[0]


async def test_an_emergency_the_rule_does_not_know_still_gets_the_numbers_first(bot):
    assert guards.detect_emergency(UNKNOWN_TO_THE_RULE) is None
    replies = await texts(bot, UNKNOWN_TO_THE_RULE)

    assert replies and replies[0].startswith("If someone is in danger now, call 15")


async def test_an_everyday_question_gets_no_numbers(bot):
    replies = await texts(bot, "what time does the town hall open on saturday?")

    assert replies and not any("112" in reply for reply in replies)
