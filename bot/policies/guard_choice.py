"""Which guard action a user message imposes: no destructive action on a guess.

The guard annotator (`bot.nlu.guard_annotator`) writes the guard findings into the parse data;
the classifier may also predict a guard intent on its own. Both are evidence of different
strength, and only certain evidence may destroy anything:

- opt-out erases at once (`action_opt_out`) only on a `certain` finding ("STOP", "delete my
  data") or a button payload (`/opt_out`, the Yes of the question below: `/confirm_opt_out`).
  A likely finding ("STOP I'm not interested", a typo, "no more messages please") or the
  classifier alone asks, with Yes / No buttons (`utter_ask_opt_out`), and nothing is erased
  until the answer. A typed yes or no right after the question answers it too; a typed
  answer that is itself only likely ("yes, delete", but also "no, stop the reminders only")
  gets the question again rather than a guess.
- a product-sale refusal needs a certain `product_sale` finding (one of the library's rules:
  they never fire on a question about a medicine's use, dose, side effects or a device error).
  A finding of the library's model, or the classifier alone predicting `buy_product`, gets a
  referral to the pharmacist instead, which answers such a question and sells nothing either.
- a button payload (a text starting with "/") is judged by its intent alone: its words
  ("/keep_data", "/confirm_opt_out") are names, not what the user wrote.
"""

from __future__ import annotations

from typing import Any

from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.nlu.guard_annotator import GUARD_KEY, guard_findings, guard_intent
from core.names import (
    AFFIRM_INTENT,
    ASK_OPT_OUT_RESPONSE,
    DENY_INTENT,
    GUARD_ACTIONS,
    OPT_OUT_ACTION,
    OPT_OUT_INTENT,
    OPT_OUT_KEPT_RESPONSE,
    PHARMACIST_REFERRAL_RESPONSE,
    PRODUCT_SALE_INTENT,
)

#: Responses after which a form in progress asks its question again (it was not left).
RESUME_FORM_AFTER = frozenset({OPT_OUT_KEPT_RESPONSE, PHARMACIST_REFERRAL_RESPONSE})

#: What a typed answer right after the opt-out question means.
_ANSWERS = {AFFIRM_INTENT: OPT_OUT_ACTION, DENY_INTENT: OPT_OUT_KEPT_RESPONSE}


def is_payload(message: UserUttered) -> bool:
    """A button's payload (or the same typed by hand): `/intent{...}`."""
    return (message.text or "").startswith("/")


def findings_of(message: UserUttered) -> list[dict[str, Any]]:
    """The guard findings the annotator wrote into the message's parse data.

    A message the annotator never saw (`rasa test` rebuilds the user turns of test stories
    without their parse data) is checked here, the same way.
    """
    guard = message.parse_data.get(GUARD_KEY)
    if guard is None:
        return [] if is_payload(message) else guard_findings(message.text or "")
    return list(guard.get("findings") or [])


def certain_finding(message: UserUttered, kind: str) -> bool:
    """Whether the library found `kind` in the message and calls it certain."""
    return any(f.get("kind") == kind and f.get("certain", True) for f in findings_of(message))


def opt_out_is_certain(message: UserUttered) -> bool:
    """Certain evidence of an opt-out: a payload, or a finding the library calls certain."""
    return is_payload(message) or certain_finding(message, "opt_out")


def answers_the_opt_out_question(tracker: DialogueStateTracker) -> bool:
    """Whether the latest user message came right after `utter_ask_opt_out`."""
    seen_user = False
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            if seen_user:
                return False
            seen_user = True
        elif seen_user and isinstance(event, ActionExecuted):
            if event.action_name == ACTION_LISTEN_NAME:
                continue
            return event.action_name == ASK_OPT_OUT_RESPONSE
    return False


def triggered_guard(message: UserUttered) -> str | None:
    """The guard intent of a message: from its findings first, else its intent."""
    intent = (message.intent or {}).get("name")
    if not is_payload(message):
        from_findings = guard_intent({str(f.get("kind")) for f in findings_of(message)})
        if from_findings:
            return from_findings
    return intent if intent in GUARD_ACTIONS else None


def guard_action(tracker: DialogueStateTracker) -> str | None:
    """The first action the guards impose after the latest user message, or None."""
    message = tracker.latest_message
    if message is None:
        return None
    trigger = triggered_guard(message)
    answering = answers_the_opt_out_question(tracker)
    if trigger is None:
        intent = (message.intent or {}).get("name")
        return _ANSWERS.get(intent or "") if answering else None
    if trigger == OPT_OUT_INTENT:
        return OPT_OUT_ACTION if opt_out_is_certain(message) else ASK_OPT_OUT_RESPONSE
    sale_found = certain_finding(message, "product_sale")
    if trigger == PRODUCT_SALE_INTENT and not sale_found and not is_payload(message):
        return PHARMACIST_REFERRAL_RESPONSE
    return GUARD_ACTIONS[trigger]
