"""A policy that apologises when a custom action failed, instead of leaving the user in silence.

When the action server is down, slow behind a proxy that gives up, or raises, Rasa's
processor logs "Encountered an exception while running action 'x'", drops the action's events
and carries on; the next prediction is usually `action_listen`, so the user gets no reply at
all. Rasa tells no policy that the action failed, so a logging filter on the processor's logger
notes the failed action's name in a context variable (the turn's own asyncio task: turns of
other users never see it), and this policy, asked for the next action in the same task, predicts
`utter_action_failed` (a response: it needs no action server), then `action_listen`.
"""

from __future__ import annotations

import contextvars
import logging
import re
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies.certain_action import CertainActionPolicy
from core.names import ACTION_FAILED_RESPONSE

#: Above GuardPolicy (7): a guard action that failed gets the apology too.
ACTION_FAILURE_PRIORITY = 8
#: What Rasa 3.6's MessageProcessor._run_action logs when an action raised.
_FAILED_RE = re.compile(r"^Encountered an exception while running action '([^']+)'")
_failed_action: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "vigie_failed_action", default=None
)


class _FailedActionFilter(logging.Filter):
    """Notes the action named in the processor's failure message; lets every record through."""

    def filter(self, record: logging.LogRecord) -> bool:
        found = _FAILED_RE.match(str(record.msg))
        if found:
            _failed_action.set(found.group(1))
        return True


_FILTER = _FailedActionFilter()


def watch_processor_log() -> None:
    """Installs the filter on Rasa's processor logger (once, however often it is called)."""
    processor_logger = logging.getLogger("rasa.core.processor")
    if _FILTER not in processor_logger.filters:
        processor_logger.addFilter(_FILTER)


def apology_next_action(tracker: DialogueStateTracker) -> str | None:
    """`utter_action_failed` right after a failed action, then `action_listen`; else None."""
    latest = tracker.latest_action_name
    failed = _failed_action.get()
    if failed is not None and failed == latest:
        _failed_action.set(None)
        return ACTION_FAILED_RESPONSE
    _failed_action.set(None)  # a failure of an earlier turn in this task is not this turn's
    if latest == ACTION_FAILED_RESPONSE:
        return ACTION_LISTEN_NAME
    return None


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False
)
class ActionFailurePolicy(CertainActionPolicy):
    """Predicts the apology after a failed custom action; predicts nothing otherwise."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"priority": ACTION_FAILURE_PRIORITY}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        watch_processor_log()

    def next_action(self, tracker: DialogueStateTracker) -> str | None:
        return apology_next_action(tracker)
