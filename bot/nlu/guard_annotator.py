"""NLU component that runs the policy guards on every user message, on every channel.

It writes the findings (kinds and character spans, never the numbers) into the parse data
under `guard`, and when the guards are sure, it sets the intent to the matching guard
intent with confidence 1.0, so what the NLU reports agrees with what the bot will do:

- `opt_out` for an opt-out request,
- `share_sensitive_number` for a card, IBAN or national ID number,
- `buy_product` for a request to buy medicines or medical devices,
- `emergency`, before all of them, for a message that describes an emergency happening now
  (`guards.detect_emergency`): the emergency numbers go first, whatever else the message says.

A message that is, whole, the opt-in keyword (`START`, the counterpart of `STOP`) is `opt_in`
with confidence 1.0 too: one word is too little for the classifier to be sure of, and a user
who opted out must always be able to come back.

A channel that redacts at the door (the WhatsApp channel) hands Rasa the text with
placeholders (`[iban]`) and the kinds it replaced in the message metadata
(`core.names.REDACTED_KINDS_KEY`); those count as findings too, so the guard action fires for
a number the bot never saw.

`bot.policies.guard_policy.GuardPolicy` turns these into guard actions.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, METADATA, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

import guards
from bot import metrics
from bot.output_guard import install as install_output_guard
from bot.privacy.door import install as install_redaction_at_the_door
from bot.privacy.startup import check_this_process
from core.names import (
    EMERGENCY_INTENT,
    OPT_IN_INTENT,
    OPT_IN_KEYWORDS,
    OPT_OUT_INTENT,
    PRODUCT_SALE_INTENT,
    REDACTED_KINDS_KEY,
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


def is_opt_in_keyword(text: str) -> bool:
    """Whether the whole message is an opt-in keyword ("START", "start!", " Start. ")."""
    return text.strip().strip(".!?").strip().lower() in OPT_IN_KEYWORDS


def redacted_findings(text: str, metadata: Any) -> list[guards.Finding]:
    """Findings for the numbers a channel already replaced by placeholders in `text`.

    Each kind listed under `REDACTED_KINDS_KEY` in the metadata gives one finding per
    placeholder of that kind in the text (its span), or one without a span when the text no
    longer shows the placeholder. Unknown kinds are ignored.
    """
    kinds = metadata.get(REDACTED_KINDS_KEY) if isinstance(metadata, dict) else None
    if not isinstance(kinds, list):
        return []
    findings = []
    for kind in sorted({kind for kind in kinds if kind in guards.NUMBER_KINDS}):
        marker = guards.placeholder(kind)
        starts = [index for index in range(len(text)) if text.startswith(marker, index)]
        findings += [guards.Finding(kind, start, start + len(marker)) for start in starts]
        if not starts:
            findings.append(guards.Finding(kind))
    return sorted(findings, key=lambda finding: finding.start or 0)


def guard_findings(text: str, metadata: Any = None) -> list[dict[str, Any]]:
    """The findings of a user message as the parse data holds them, an emergency first, then
    the numbers a channel already redacted (`redacted_findings`), then what the guards find."""
    findings = redacted_findings(text, metadata) + guards.check(text, "inbound")
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
        # Loaded in every Rasa process that serves this model, inside the processor that will
        # serve it: the place to refuse a tracker store or event broker that would keep raw
        # numbers, or an action server on another privacy registry (`bot.privacy.startup`),
        # and to redact every user message at the processor's door (`bot.privacy.door`).
        check_this_process()
        install_redaction_at_the_door()
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
        findings = guard_findings(message.get(TEXT) or "", message.get(METADATA))
        for finding in findings:
            metrics.GUARD_FINDINGS.labels(str(finding["kind"])).inc()
        message.set(GUARD_KEY, {"findings": findings}, add_to_output=True)
        intent = guard_intent({str(f["kind"]) for f in findings})
        if intent is None and is_opt_in_keyword(message.get(TEXT) or ""):
            intent = OPT_IN_INTENT
        if intent is None:
            return
        guarded = {"name": intent, "confidence": 1.0}
        ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent]
        message.set(INTENT, guarded, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [guarded, *ranking], add_to_output=True)
