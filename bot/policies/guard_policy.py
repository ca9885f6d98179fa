"""A policy that makes the guard actions win, whatever stories, rules or ML policies say.

Right after a user message with a guard finding (an emergency first of all), or a guard intent
(the opt-out button or a less direct opt-out phrasing), it predicts the guard action that
`bot.policies.guard_choice` chooses (it asks before erasing on a guess) with certainty, as a
"no user" prediction with the highest priority: Rasa's ensemble lets such predictions overrule
all others. Right after a guard action it predicts `action_listen`, so no story or form
carries on from the message that triggered it; after "No, keep my data" or a referral to the
pharmacist, a form in progress asks its question again. The emergency response is not a
custom action (so it goes out even when the action server is down) and cannot leave a form
itself: Rasa's own `action_deactivate_loop` follows it when a form was active.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_DEACTIVATE_LOOP_NAME, ACTION_LISTEN_NAME
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies.certain_action import CertainActionPolicy
from bot.policies.guard_choice import RESUME_FORM_AFTER, guard_action
from core.names import EMERGENCY_RESPONSE

#: Above RulePolicy (6), so a tie between certain "no user" predictions goes to the guard.
GUARD_PRIORITY = 7


def guard_next_action(tracker: DialogueStateTracker) -> str | None:
    """The action the guards impose now, or None when they have nothing to say."""
    first = guard_action(tracker)
    if first is None:
        return None
    latest_action = tracker.latest_action_name
    if latest_action == ACTION_LISTEN_NAME:
        return first
    if latest_action == first:
        # The guard actions leave a form themselves; the emergency response cannot.
        if first == EMERGENCY_RESPONSE and tracker.active_loop_name:
            return ACTION_DEACTIVATE_LOOP_NAME
        # "No, keep my data" or a referral: a form in progress asks its question again.
        if first in RESUME_FORM_AFTER and tracker.active_loop_name:
            return tracker.active_loop_name
        return ACTION_LISTEN_NAME
    if first == EMERGENCY_RESPONSE and latest_action == ACTION_DEACTIVATE_LOOP_NAME:
        return ACTION_LISTEN_NAME
    return None


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False
)
class GuardPolicy(CertainActionPolicy):
    """Predicts the guard actions; predicts nothing (all zeros) otherwise."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"priority": GUARD_PRIORITY}

    def next_action(self, tracker: DialogueStateTracker) -> str | None:
        return guard_next_action(tracker)
