"""A custom action that failed ends in an apology, then the bot listens; other turns are not
affected. The end-to-end case (a real model, no action server) is in
tests/integration/test_action_server_down.py."""

from __future__ import annotations

import asyncio
import logging

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies.action_failure import ActionFailurePolicy, apology_next_action
from core.names import ACTION_FAILED_RESPONSE

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [list_appointments]
actions: [action_list_appointments]
responses:
  utter_action_failed: [{text: "Sorry, something went wrong."}]
"""
)
RASA_FAILURE = (
    "Encountered an exception while running action 'action_list_appointments'."
    "Bot will continue, but the actions events are lost."
)


@pytest.fixture
def policy(tmp_path) -> ActionFailurePolicy:
    return ActionFailurePolicy.create(
        ActionFailurePolicy.get_default_config(),
        LocalModelStorage(tmp_path),
        Resource("action_failure"),
        ExecutionContext(None),
    )


def after(*actions: str) -> DialogueStateTracker:
    events = [ActionExecuted(ACTION_LISTEN_NAME), UserUttered("my appointments?")]
    events += [ActionExecuted(action) for action in actions]
    return DialogueStateTracker.from_events("someone", events)


def predicted(policy: ActionFailurePolicy, tracker: DialogueStateTracker) -> str | None:
    prediction = policy.predict_action_probabilities(tracker, DOMAIN)
    if max(prediction.probabilities) < 1.0:
        return None
    return DOMAIN.action_names_or_texts[prediction.probabilities.index(1.0)]


async def test_when_rasa_logs_that_an_action_failed_then_the_bot_apologises_then_listens(
    policy,
):
    logging.getLogger("rasa.core.processor").error(RASA_FAILURE)

    assert predicted(policy, after("action_list_appointments")) == ACTION_FAILED_RESPONSE
    failed = after("action_list_appointments", ACTION_FAILED_RESPONSE)
    assert predicted(policy, failed) == ACTION_LISTEN_NAME


async def test_when_the_action_succeeded_then_the_policy_says_nothing(policy):
    assert predicted(policy, after("action_list_appointments")) is None


async def test_when_another_users_action_failed_then_this_turn_is_not_affected(policy):
    async def other_turn() -> None:
        logging.getLogger("rasa.core.processor").error(RASA_FAILURE)

    await asyncio.create_task(other_turn())

    assert predicted(policy, after("action_list_appointments")) is None


async def test_when_a_failure_was_noted_for_an_earlier_action_then_it_is_forgotten(policy):
    logging.getLogger("rasa.core.processor").error(RASA_FAILURE)

    assert apology_next_action(after("action_something_else")) is None
    assert apology_next_action(after("action_list_appointments")) is None
