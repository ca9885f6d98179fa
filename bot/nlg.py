"""The NLG Rasa uses (endpoints.yml, `nlg: type: bot.nlg.GuardedNLG`).

It renders responses exactly as Rasa's own templated NLG does (variations, conditions, slot
filling; `{emergency_numbers}` and `{first_emergency_numbers}` come from `bot.emergency`), then
passes the result through `core.output_guard` before any channel sees it. A blocked message is
replaced by the domain response `utter_guard_blocked`, rendered the same way, so the safe text
is written once, in `domain.yml`, in both languages. When the user's message had danger words
without being a certain emergency (`possible_emergency`), the first answer of the turn starts
with a one-line reminder of the emergency numbers.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

import guards
from bot.emergency import emergency_template_variables, format_emergency_numbers
from bot.metrics import count_blocks
from bot.output_guard import install as install_output_guard
from core.names import GUARD_BLOCKED_RESPONSE
from core.output_guard import BLOCKED_METADATA_KEY, blocked_kinds, record_block
from core.privacy.logs import install_log_redaction

logger = logging.getLogger(__name__)

#: Put before the first answer of a turn whose message has danger words but no certain emergency.
EMERGENCY_REMINDER = "utter_emergency_reminder"
#: Responses that already show the numbers.
_SHOW_THE_NUMBERS = frozenset({"utter_emergency", "utter_health_emergency", EMERGENCY_REMINDER})


class GuardedNLG(TemplatedNaturalLanguageGenerator):
    """Rasa's templated NLG followed by the runtime output guard."""

    def __init__(
        self, endpoint_config: EndpointConfig | None = None, domain: Domain | None = None
    ) -> None:
        install_log_redaction()
        install_output_guard()  # also done at model load; whichever Rasa builds first
        format_emergency_numbers("en")  # a missing or malformed numbers file stops start-up
        super().__init__((domain or Domain.empty()).responses)

    async def generate(
        self,
        utter_action: str,
        tracker: DialogueStateTracker,
        output_channel: str,
        **kwargs: Any,
    ) -> dict[str, Any] | None:
        kwargs = {**emergency_template_variables(tracker.get_slot("language")), **kwargs}
        message = await super().generate(utter_action, tracker, output_channel, **kwargs)
        if message is None:
            return None
        kinds = blocked_kinds(message)
        if kinds:
            record_block(kinds, f"response {utter_action}")
            count_blocks(kinds)
            fallback = await self._safe_fallback(tracker, output_channel)
            return None if fallback is None else {**fallback, BLOCKED_METADATA_KEY: kinds}
        if utter_action not in _SHOW_THE_NUMBERS and _needs_reminder(tracker):
            reminder = await super().generate(EMERGENCY_REMINDER, tracker, output_channel, **kwargs)
            if reminder and reminder.get("text"):
                message = {**message, "text": f"{reminder['text']}\n\n{message.get('text') or ''}"}
        return message

    async def _safe_fallback(
        self, tracker: DialogueStateTracker, output_channel: str
    ) -> dict[str, Any] | None:
        """`utter_guard_blocked` in the user's language; nothing if the domain lacks it."""
        fallback = await super().generate(GUARD_BLOCKED_RESPONSE, tracker, output_channel)
        if fallback is None or blocked_kinds(fallback):
            logger.error(
                "%s is missing from the domain or blocked: sent nothing", GUARD_BLOCKED_RESPONSE
            )
            return None
        return fallback


def _needs_reminder(tracker: DialogueStateTracker) -> bool:
    """Whether the latest user message had danger words (a possible emergency) and the bot has
    not answered it yet: the emergency numbers then come first, before the answer."""
    for event in reversed(tracker.events):
        if isinstance(event, BotUttered):
            return False
        if isinstance(event, UserUttered):
            findings = (event.parse_data.get("guard") or {}).get("findings") or []
            return any(f.get("kind") == guards.POSSIBLE_EMERGENCY_KIND for f in findings)
    return False
