"""The language the actions answer in: the `language` slot, else English.

The slot is set in the Rasa process (`bot.policies.language_policy` follows the language the
user writes in; `lang_en`/`lang_fr` set it on request), so no action runs for it.
"""

from __future__ import annotations

from rasa_sdk import Tracker

from core.language import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES
from core.names import LANGUAGE_SLOT


def current_language(tracker: Tracker) -> str:
    """The language to answer in: the slot, else English."""
    language = tracker.get_slot(LANGUAGE_SLOT)
    return language if language in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE
