"""WhatsApp Cloud API channel for Rasa: signed, idempotent, durable, and faithful to Meta's schema.

Use it in credentials.yml as ``bot.channels.whatsapp.WhatsAppInput``.
"""

from bot.channels.whatsapp.config import WhatsAppConfig, WhatsAppConfigError
from bot.channels.whatsapp.erasure import erase_whatsapp_sender
from bot.channels.whatsapp.input import WhatsAppInput
from bot.channels.whatsapp.output import WhatsAppOutput

__all__ = [
    "WhatsAppConfig",
    "WhatsAppConfigError",
    "WhatsAppInput",
    "WhatsAppOutput",
    "erase_whatsapp_sender",
]
