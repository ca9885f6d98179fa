"""Vigie's WhatsApp Business Policy guards: fast, pure Python, no Rasa.

>>> import guards
>>> [f.kind for f in guards.check("my card: 4111 1111 1111 1111")]
['payment_card']
>>> guards.redact("my card: 4111 1111 1111 1111")
'my card: [payment_card]'
>>> [f.kind for f in guards.check("Please send us your IBAN", "outbound")]
['sensitive_request']

Inbound kinds: ``payment_card``, ``iban``, ``national_id`` (with character spans),
``opt_out``, ``product_sale``. Outbound kinds: ``sensitive_request``, ``promotion``,
``product_sale``. ``detect_emergency`` finds a message that describes an emergency
happening now (someone not breathing, unconscious, suicidal...). Command line:
``python -m guards check`` and ``python -m guards lint``.
"""

from guards.api import check, check_message, placeholder, preload, redact, texts_of
from guards.emergency import EMERGENCY_KIND, POSSIBLE_EMERGENCY_KIND, detect_emergency
from guards.errors import GuardsError, InvalidDirection, LexiconError
from guards.findings import INBOUND_KINDS, KINDS, NUMBER_KINDS, OUTBOUND_KINDS, Direction, Finding
from guards.numbers import detect_numbers

__all__ = [
    "EMERGENCY_KIND",
    "POSSIBLE_EMERGENCY_KIND",
    "INBOUND_KINDS",
    "KINDS",
    "NUMBER_KINDS",
    "OUTBOUND_KINDS",
    "Direction",
    "Finding",
    "GuardsError",
    "InvalidDirection",
    "LexiconError",
    "check",
    "check_message",
    "detect_emergency",
    "detect_numbers",
    "placeholder",
    "preload",
    "redact",
    "texts_of",
]
