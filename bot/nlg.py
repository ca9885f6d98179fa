"""Response generation with the output guard: every templated response is checked.

Configured in endpoints.yml (`nlg: type: bot.nlg.GuardedNLG`). It renders domain responses
exactly as Rasa does (variations, conditions, slot filling; `{emergency_numbers}` is the list of
`bot.emergency`), then passes the result through `bot.output_guard` before any channel sees it.
"""

from __future__ import annotations

from typing import Any

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.emergency import TEMPLATE_VARIABLE, format_emergency_numbers
from bot.output_guard import guard_message
from bot.privacy.logs import install_log_redaction


class GuardedNLG(TemplatedNaturalLanguageGenerator):
    """Rasa's templated NLG followed by the runtime output guard."""

    def __init__(
        self, endpoint_config: EndpointConfig | None = None, domain: Domain | None = None
    ) -> None:
        install_log_redaction()
        format_emergency_numbers("en")  # a missing or malformed numbers file stops start-up
        super().__init__((domain or Domain.empty()).responses)

    async def generate(
        self,
        utter_action: str,
        tracker: DialogueStateTracker,
        output_channel: str,
        **kwargs: Any,
    ) -> dict[str, Any] | None:
        language = tracker.get_slot("language")
        kwargs.setdefault(TEMPLATE_VARIABLE, format_emergency_numbers(language))
        message = await super().generate(utter_action, tracker, output_channel, **kwargs)
        if message is None:
            return None
        return guard_message(message, language, f"response {utter_action}")
