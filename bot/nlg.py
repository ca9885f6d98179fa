"""The NLG Rasa uses (endpoints.yml, `nlg: type: bot.nlg.GuardedNLG`).

It renders responses exactly as Rasa's own templated NLG does (variations, conditions, slot
filling), then passes the result through `core.output_guard` before any channel sees it. A
blocked message is replaced by the domain response `utter_guard_blocked`, rendered the same
way, so the safe text is written once, in `domain.yml`, in both languages.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from core.names import GUARD_BLOCKED_RESPONSE
from core.output_guard import blocked_kinds, record_block
from core.privacy.logs import install_log_redaction

logger = logging.getLogger(__name__)


class GuardedNLG(TemplatedNaturalLanguageGenerator):
    """Rasa's templated NLG followed by the runtime output guard."""

    def __init__(
        self, endpoint_config: EndpointConfig | None = None, domain: Domain | None = None
    ) -> None:
        install_log_redaction()
        super().__init__((domain or Domain.empty()).responses)

    async def generate(
        self,
        utter_action: str,
        tracker: DialogueStateTracker,
        output_channel: str,
        **kwargs: Any,
    ) -> dict[str, Any] | None:
        message = await super().generate(utter_action, tracker, output_channel, **kwargs)
        if message is None:
            return None
        kinds = blocked_kinds(message)
        if not kinds:
            return message
        record_block(kinds, f"response {utter_action}")
        return await self._safe_fallback(tracker, output_channel)

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
