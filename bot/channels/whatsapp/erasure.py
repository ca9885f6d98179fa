"""Erasure of a user's WhatsApp data from a process without the channel (policy rule 3).

Inside `rasa run` the channel registers itself with ``core.privacy.erasure`` and the tracker
store's opt-out erasure calls it. Tools and other processes use this function instead: it opens
the inbox from the same settings (``WHATSAPP_INBOX_URL``, default SQLite file).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Mapping

from bot.channels.whatsapp.config import DEFAULTS, ENV_PREFIX
from bot.channels.whatsapp.inbox import Inbox, create_inbox
from core.databases import configured_url
from core.privacy.registry import privacy_registry


async def erase_user(inbox: Inbox, sender_id: str) -> int:
    """Erases what ``inbox`` keeps about the user whose conversation is ``sender_id``.

    Every other identifier of the user (their phone number or BSUID, from the identity map)
    joins the suppression list first (an HMAC, as the sender id does, which the tracker store
    suppresses itself): should the user come back under one of them alone, the map no longer
    knows them, yet nothing business-initiated reaches them.
    """
    aliases = [i for i in await inbox.identifiers(sender_id) if i != sender_id]
    registry = privacy_registry()
    for alias in aliases:
        await asyncio.to_thread(registry.suppress, alias)
    return await inbox.erase_sender(sender_id)


async def erase_whatsapp_sender(
    sender_id: str,
    inbox_url: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> int:
    """Deletes the sender's pending messages, last-inbound time, statuses and failed sends.

    Message ids stay (without sender or content) until they expire, so that a late redelivery
    by Meta is still recognised as a duplicate. Run from the working directory of `rasa run`
    when the inbox URL is a relative SQLite path.

    Args:
        sender_id: the Rasa sender id of the user's conversation (their phone number, or their
            BSUID for a user first seen without one; see `bot.channels.whatsapp.identity`).
        inbox_url: the inbox; else ``WHATSAPP_INBOX_URL``; else the default SQLite file.
        environ: environment variables; ``os.environ`` when not given.
    """
    environ = os.environ if environ is None else environ
    url = configured_url(inbox_url, ENV_PREFIX + "INBOX_URL", DEFAULTS["inbox_url"], environ)
    ttl = float(environ.get(ENV_PREFIX + "DEDUP_TTL_SECONDS") or DEFAULTS["dedup_ttl_seconds"])
    inbox = create_inbox(url, ttl)
    try:
        return await erase_user(inbox, sender_id)
    finally:
        await inbox.close()
