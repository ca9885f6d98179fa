"""The runtime output guard inside the action server.

Responses sent by name (`dispatcher.utter_message(response=...)`) are rendered and guarded
by Rasa (`bot.nlg.GuardedNLG`). Text a custom action writes itself never goes through
Rasa's NLG, so it is checked here, where every action's messages are collected: rasa_sdk
creates its `CollectingDispatcher` inside the executor, so the check wraps that class's
`utter_message` once, when the action package is imported. Every argument is checked, given by
keyword or position: text, buttons, image, attachment, elements, `json_message`, and the
template variables. (The Rasa process checks the same messages again before any send:
`bot.output_guard`; this keeps a blocked text out of the action server's reply.)
"""

from __future__ import annotations

import functools
import inspect
from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from core.names import GUARD_BLOCKED_RESPONSE
from core.output_guard import BLOCKED_METADATA_KEY, blocked_kinds, record_block

BLOCKED_RESPONSE = GUARD_BLOCKED_RESPONSE
_installed = False


def install_output_guard() -> None:
    """Check every message custom actions send, whatever its arguments (idempotent)."""
    global _installed
    if _installed:
        return
    original = CollectingDispatcher.utter_message
    signature = inspect.signature(original)

    @functools.wraps(original)
    def guarded_utter_message(self: CollectingDispatcher, *args: Any, **kwargs: Any) -> None:
        arguments = signature.bind(self, *args, **kwargs).arguments
        arguments.pop("self", None)
        kinds = blocked_kinds(arguments)
        if not kinds:
            return original(self, *args, **kwargs)
        record_block(kinds, "a custom action message")
        # The kinds ride along to Rasa, which keeps them in the bot event's metadata.
        return original(self, response=BLOCKED_RESPONSE, **{BLOCKED_METADATA_KEY: kinds})

    CollectingDispatcher.utter_message = guarded_utter_message
    _installed = True
