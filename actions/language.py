"""Keeps the `language` slot in step with the language the user writes in.

Runs as the custom slot mapping of `language` (see domain.yml), so Rasa calls it after every
user message. The NLU component `bot.nlu.language_detector` has already put its verdict in
the parse data; explicit requests ("in English please", "en français") are handled before this
by `from_intent` mappings.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from core.language import SUPPORTED_LANGUAGES

LANGUAGE_SLOT = "language"


def current_language(tracker: Tracker) -> str:
    """The language to answer in: the slot, else English."""
    language = tracker.get_slot(LANGUAGE_SLOT)
    return language if language in SUPPORTED_LANGUAGES else "en"


class ActionDetectLanguage(Action):
    """Sets `language` when the latest message clearly is in another language."""

    def name(self) -> str:
        return "action_detect_language"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[EventType]:
        detected = tracker.latest_message.get(LANGUAGE_SLOT)
        if detected not in SUPPORTED_LANGUAGES or detected == tracker.get_slot(LANGUAGE_SLOT):
            return []
        return [SlotSet(LANGUAGE_SLOT, detected)]
