"""A policy that sets the `language` slot from the NLU's verdict, inside the Rasa process.

`bot.nlu.language_detector` writes the language of each message into its parse data. The
slot used to be copied from there by a custom slot mapping, which cost a call to the action
server on every message. Rasa lets a policy attach events to its prediction
(`PolicyPrediction.events`), applied to the tracker before the next action runs and kept only
if that action runs: so right after a user message this policy predicts nothing (all zeros,
it never chooses an action) and sets the slot when the message is clearly in the other
language. An explicit request ("in English please", "en français") is left to the slot's
`from_intent` mappings in domain.yml, which `action_extract_slots` applies first.
"""

from __future__ import annotations

from typing import Any

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, SlotSet
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from core.language import SUPPORTED_LANGUAGES
from core.names import LANGUAGE_INTENTS, LANGUAGE_PARSE_KEY, LANGUAGE_SLOT

#: Below every Rasa policy (TED is 1); the prediction only carries events.
LANGUAGE_PRIORITY = 0


def language_events(tracker: DialogueStateTracker) -> list[Event]:
    """`SlotSet(language)` right after a message clearly in another language, else nothing."""
    message = tracker.latest_message
    if message is None or tracker.latest_action_name != ACTION_LISTEN_NAME:
        return []
    if (message.intent or {}).get("name") in LANGUAGE_INTENTS:
        return []
    detected = message.parse_data.get(LANGUAGE_PARSE_KEY)
    if detected not in SUPPORTED_LANGUAGES or detected == tracker.get_slot(LANGUAGE_SLOT):
        return []
    return [SlotSet(LANGUAGE_SLOT, detected)]


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False
)
class LanguagePolicy(Policy):
    """Predicts no action; carries the language slot event after each user message."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # The lowest priority: its all-zero prediction must never win a tie.
        return {"priority": LANGUAGE_PRIORITY}

    def train(
        self, training_trackers: list[TrackerWithCachedStates], domain: Domain, **kwargs: Any
    ) -> Resource:
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        has_slot = any(slot.name == LANGUAGE_SLOT for slot in domain.slots)
        events = language_events(tracker) if has_slot else []
        return self._prediction(self._default_predictions(domain), events=events)
