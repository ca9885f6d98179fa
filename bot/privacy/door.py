"""Redact at the door on every channel: REST, the shell, and any other.

The WhatsApp channel redacts when it parses the webhook, before its inbox (see
`bot.channels.whatsapp.parsing`). Rasa's REST channel (and `rasa shell`, which posts to it)
hands the raw text straight to the processor, which would build the `UserUttered` event, run
the NLU and log it with the number in it. So every user message Rasa logs
(`MessageProcessor.log_message`, the first step of `handle_message`, whatever the channel) is
redacted first: card, IBAN and national ID numbers become placeholders in the text, and the
kinds replaced go into the metadata (`core.names.REDACTED_KINDS_KEY`), as WhatsApp does, so
the guard annotator still sees them and the guard action still fires. A message already
redacted (WhatsApp) passes unchanged, its kinds kept. Metadata is the channel's, not the
user's typing: the tracker store redacts it with every event before saving.
"""

from __future__ import annotations

from rasa.core.channels.channel import UserMessage
from rasa.core.processor import MessageProcessor
from rasa.shared.core.trackers import DialogueStateTracker

import guards
from core.names import REDACTED_KINDS_KEY

_log_message = MessageProcessor.log_message


def redact_message(message: UserMessage) -> None:
    """Replace the sensitive numbers of `message` in place; record their kinds."""
    findings = guards.detect_numbers(message.text) if message.text else []
    if findings:
        message.text = guards.redact(message.text, findings)
    if not findings:
        return
    metadata = dict(message.metadata or {})
    known = metadata.get(REDACTED_KINDS_KEY)
    kinds = set(known) if isinstance(known, list) else set()
    metadata[REDACTED_KINDS_KEY] = sorted(kinds | {finding.kind for finding in findings})
    message.metadata = metadata


async def _log_redacted_message(
    self: MessageProcessor, message: UserMessage, should_save_tracker: bool = True
) -> DialogueStateTracker:
    """`MessageProcessor.log_message` on the message with its numbers already replaced."""
    redact_message(message)
    return await _log_message(self, message, should_save_tracker)


def install() -> None:
    """Redact every user message at the processor's door from now on (idempotent)."""
    MessageProcessor.log_message = _log_redacted_message
