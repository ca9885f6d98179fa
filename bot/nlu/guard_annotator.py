"""NLU component that runs the policy guards on every user message, on every channel.

It writes the findings (kinds and character spans, never the numbers) into the parse data
under `guard`, and when the guards are sure, it sets the intent to the matching guard
intent with confidence 1.0, so what the NLU reports agrees with what the bot will do:

- `opt_out` for an opt-out request,
- `share_sensitive_number` for a card, IBAN or national ID number,
- `buy_product` for a request to buy medicines or medical devices,
- `emergency`, before all of them, for a message that describes an emergency happening now
  (`guards.detect_emergency`): the emergency numbers go first, whatever else the message says.

`bot.policies.guard_policy.GuardPolicy` turns these into guard actions.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

import guards
from bot.output_guard import install as install_output_guard
from core.names import (
    EMERGENCY_INTENT,
    OPT_OUT_INTENT,
    PRODUCT_SALE_INTENT,
    SENSITIVE_NUMBER_INTENT,
)
from core.privacy.logs import install_log_redaction

GUARD_KEY = "guard"


def guard_intent(kinds: set[str]) -> str | None:
    """The intent the findings imply, most important first: a life in danger, opt-out, numbers,
    products."""
    if guards.EMERGENCY_KIND in kinds:
        return EMERGENCY_INTENT
    if "opt_out" in kinds:
        return OPT_OUT_INTENT
    if kinds & set(guards.NUMBER_KINDS):
        return SENSITIVE_NUMBER_INTENT
    if "product_sale" in kinds:
        return PRODUCT_SALE_INTENT
    return None


def guard_findings(text: str) -> list[dict[str, Any]]:
    """The findings of a user message as the parse data holds them, an emergency first."""
    findings = guards.check(text, "inbound")
    emergency = guards.detect_emergency(text)
    if emergency is not None:
        findings.insert(0, emergency)
    return [f.to_dict() for f in findings]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class GuardAnnotator(GraphComponent):
    """Adds `guard` findings to each message and overrides the intent when they are certain."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GuardAnnotator:
        install_log_redaction()
        # The Rasa process loads the model at start-up: build the guards' lexicons now (about
        # 1.4 s of CPU) rather than in the first user's turn, and check every bot message at
        # the last step before any channel sends it.
        guards.preload()
        install_output_guard()
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._annotate(message)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    @staticmethod
    def _annotate(message: Message) -> None:
        findings = guard_findings(message.get(TEXT) or "")
        message.set(GUARD_KEY, {"findings": findings}, add_to_output=True)
        intent = guard_intent({str(f["kind"]) for f in findings})
        if intent is None:
            return
        guarded = {"name": intent, "confidence": 1.0}
        ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent]
        message.set(INTENT, guarded, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [guarded, *ranking], add_to_output=True)
