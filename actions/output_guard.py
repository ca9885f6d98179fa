"""The runtime output guard inside the action server.

Responses sent by name (`dispatcher.utter_message(response=...)`) are rendered and guarded
by Rasa (`bot.nlg.GuardedNLG`). Text a custom action writes itself never goes through
Rasa's NLG, so it is checked here, where every action's messages are collected: rasa_sdk
creates its `CollectingDispatcher` inside the executor, so the check wraps that class's
`utter_message` once, when the action package is imported.
"""

from __future__ import annotations

import functools
from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from core.names import GUARD_BLOCKED_RESPONSE
from core.output_guard import BLOCKED_METADATA_KEY, blocked_kinds, record_block

BLOCKED_RESPONSE = GUARD_BLOCKED_RESPONSE
_installed = False


def install_output_guard() -> None:
    """Check every text and button title custom actions send (idempotent)."""
    global _installed
    if _installed:
        return
    original = CollectingDispatcher.utter_message

    @functools.wraps(original)
    def guarded_utter_message(self: CollectingDispatcher, *args: Any, **kwargs: Any) -> None:
        text = kwargs.get("text") if "text" in kwargs else (args[0] if args else None)
        kinds = blocked_kinds({"text": text, "buttons": kwargs.get("buttons")})
        if not kinds:
            return original(self, *args, **kwargs)
        record_block(kinds, "a custom action message")
        # The kinds ride along to Rasa, which keeps them in the bot event's metadata.
        return original(self, response=BLOCKED_RESPONSE, **{BLOCKED_METADATA_KEY: kinds})

    CollectingDispatcher.utter_message = guarded_utter_message
    _installed = True
