"""The output guard at the last step before any send, one implementation for every channel.

Rasa sends every bot message of a turn from one place, `MessageProcessor._send_bot_messages`
(responses, custom actions' messages, forms, reminders, external events), which hands each
message to `send_response` of the turn's output channel: REST's collector, the shell's, the
WhatsApp channel, socket.io or any other. `install()` routes that call through
`GuardedOutputChannel`, which checks the whole message with `core.output_guard.blocked_kinds`
(every string: body, buttons by keyword or position, list rows, quick replies, captions,
attachments, custom and `json_message` payloads, template parameters) and replaces a blocked
one with `utter_guard_blocked` rendered in the user's language, logged without its text and
counted. The replacement also goes into the turn's `BotUttered` event, so the tracker store
never keeps the blocked text. A channel that sends outside a turn (the WhatsApp channel's
reply to media) wraps its output channel the same way.

Rasa 3.6 has no hook there, so `install()` replaces that one method of `MessageProcessor`
(idempotent; `tests/bot/test_output_guard_channels.py` fails if Rasa stops calling it).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.actions.action import create_bot_utterance
from rasa.core.channels.channel import OutputChannel
from rasa.core.nlg import NaturalLanguageGenerator
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import BotUttered, Event
from rasa.shared.core.trackers import DialogueStateTracker

from bot.metrics import count_blocks
from core.names import GUARD_BLOCKED_RESPONSE
from core.output_guard import BLOCKED_METADATA_KEY, blocked_kinds, record_block

logger = logging.getLogger(__name__)

#: Renders the safe message (`utter_guard_blocked` in the user's language), None if it cannot.
Fallback = Callable[[], Awaitable["dict[str, Any] | None"]]


class GuardedOutputChannel(OutputChannel):
    """Wraps any output channel; nothing reaches it without the output guard.

    Every `send_*` method builds the message Rasa's dispatch would have built and goes through
    `send_response`, so a message is checked whole, once, whichever method a caller uses.

    Args:
        inner: the channel that really sends.
        fallback: renders the message that replaces a blocked one.
    """

    def __init__(self, inner: OutputChannel, fallback: Fallback) -> None:
        self.inner = inner
        self._fallback = fallback

    def name(self) -> str:
        return self.inner.name()

    async def screen(self, message: dict[str, Any]) -> dict[str, Any] | None:
        """The message to send in place of `message`: itself, the safe fallback, or None."""
        kinds = blocked_kinds(message)
        if not kinds:
            return message
        source = message.get("utter_action") or "text written by an action"
        record_block(kinds, f"{source} on the {self.inner.name()} channel")
        count_blocks(kinds)
        fallback = await self._fallback()
        if fallback is None or blocked_kinds(fallback):
            logger.error("%s is missing or blocked: sent nothing", GUARD_BLOCKED_RESPONSE)
            return None
        return {**fallback, BLOCKED_METADATA_KEY: kinds}

    async def deliver(self, recipient_id: str, message: dict[str, Any]) -> dict[str, Any] | None:
        """Screen `message`, send what may be sent, and return it (None: nothing was sent)."""
        safe = await self.screen(message)
        if safe is not None:
            await self.inner.send_response(recipient_id, dict(safe))
        return safe

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        await self.deliver(recipient_id, message)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {**kwargs, "text": text})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self.send_response(recipient_id, {**kwargs, "text": text, "buttons": buttons})

    async def send_quick_replies(
        self, recipient_id: str, text: str, quick_replies: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        message = {**kwargs, "text": text, "quick_replies": quick_replies}
        await self.send_response(recipient_id, message)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {**kwargs, "image": image})

    async def send_attachment(self, recipient_id: str, attachment: Any, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {**kwargs, "attachment": attachment})

    async def send_elements(
        self, recipient_id: str, elements: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self.send_response(recipient_id, {**kwargs, "elements": elements})

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        await self.send_response(recipient_id, {**kwargs, "custom": json_message})


def blocked_fallback(
    nlg: NaturalLanguageGenerator, tracker: DialogueStateTracker, channel_name: str
) -> Fallback:
    """`utter_guard_blocked`, rendered by Rasa's NLG for this conversation (its language)."""

    async def render() -> dict[str, Any] | None:
        return await nlg.generate(GUARD_BLOCKED_RESPONSE, tracker, channel_name)

    return render


def _replace(event: BotUttered, sent: dict[str, Any] | None) -> None:
    """Make the turn's event say what was really sent (nothing, or the safe message)."""
    if sent is None:
        replacement = BotUttered()
    else:
        replacement = create_bot_utterance({"utter_action": GUARD_BLOCKED_RESPONSE, **sent})
    event.text, event.data = replacement.text, replacement.data
    event.metadata = replacement.metadata


async def _send_guarded_bot_messages(
    self: MessageProcessor,
    events: list[Event],
    tracker: DialogueStateTracker,
    output_channel: OutputChannel,
) -> None:
    """`MessageProcessor._send_bot_messages`, each message through the output guard.

    Like Rasa's own loop, it touches the channel only when there is a message to send: Rasa
    runs the session-start action of `trigger_intent` with no output channel at all.
    """
    utterances = [event for event in events if isinstance(event, BotUttered)]
    if not utterances:
        return
    guarded = GuardedOutputChannel(
        output_channel, blocked_fallback(self.nlg, tracker, output_channel.name())
    )
    for event in utterances:
        message = event.message()
        sent = await guarded.deliver(tracker.sender_id, message)
        if sent is not message:
            _replace(event, sent)


def install() -> None:
    """Route every bot message Rasa sends through the output guard (idempotent)."""
    current = MessageProcessor.__dict__.get("_send_bot_messages")
    if current is _send_guarded_bot_messages:
        return
    MessageProcessor._send_bot_messages = _send_guarded_bot_messages
