"""WhatsApp channel settings: credentials.yml first, then WHATSAPP_* variables, then defaults.

Rasa substitutes ``${VAR}`` in credentials.yml and fails when the variable is unset, so optional
settings are never written that way: a missing or empty key falls back to the environment variable
``WHATSAPP_<KEY>`` and then to the default here. A required setting missing from both fails at
start-up with an error naming the key and the variable.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rasa.shared.exceptions import RasaException

from bot.channels.whatsapp.inbox import DEFAULT_LEASE_SECONDS

ENV_PREFIX = "WHATSAPP_"
REQUIRED_KEYS = ("verify_token", "app_secret", "access_token", "phone_number_id")
DEFAULTS: dict[str, Any] = {
    "api_base_url": "https://graph.facebook.com",
    "api_version": "v23.0",
    "inbox_url": "sqlite:///.vigie/whatsapp_inbox.db",
    "dedup_ttl_seconds": 7 * 24 * 3600,
    "max_body_bytes": 512 * 1024,
    "template_name": "",
    "template_language": "en",
    # The approved utility template of reminders outside the 24-hour window: body parameters
    # {{1}} service, {{2}} date and time, {{3}} site, {{4}} address, {{5}} what to bring;
    # quick replies Confirm, Move, Cancel (bot/channels/whatsapp/reminders.py).
    "reminder_template": "vigie_appointment_reminder",
    "send_max_attempts": 5,
    "request_timeout_seconds": 10.0,
    "max_concurrent_turns": 1,
    "instance_id": "",
    "claim_lease_seconds": DEFAULT_LEASE_SECONDS,
}


class WhatsAppConfigError(RasaException):
    """A setting of the WhatsApp channel is missing or invalid."""


@dataclass(frozen=True)
class WhatsAppConfig:
    """Every setting the connector needs, validated once at start-up."""

    verify_token: str
    app_secret: str
    access_token: str
    phone_number_id: str
    api_base_url: str = DEFAULTS["api_base_url"]
    api_version: str = DEFAULTS["api_version"]
    inbox_url: str = DEFAULTS["inbox_url"]
    dedup_ttl_seconds: int = DEFAULTS["dedup_ttl_seconds"]
    max_body_bytes: int = DEFAULTS["max_body_bytes"]
    template_name: str = DEFAULTS["template_name"]
    template_language: str = DEFAULTS["template_language"]
    reminder_template: str = DEFAULTS["reminder_template"]
    send_max_attempts: int = DEFAULTS["send_max_attempts"]
    request_timeout_seconds: float = DEFAULTS["request_timeout_seconds"]
    max_concurrent_turns: int = DEFAULTS["max_concurrent_turns"]
    instance_id: str = DEFAULTS["instance_id"]
    claim_lease_seconds: float = DEFAULTS["claim_lease_seconds"]

    @property
    def owner(self) -> str:
        """This instance's name in the shared inbox: ``instance_id``, or the host name.

        A restarted instance with the same name takes its unprocessed messages back at once;
        those of an instance that does not come back are taken over when its lease expires.
        """
        return self.instance_id or socket.gethostname()

    @property
    def messages_url(self) -> str:
        """The Send API endpoint of the configured phone number."""
        base = self.api_base_url.rstrip("/")
        return f"{base}/{self.api_version}/{self.phone_number_id}/messages"

    @classmethod
    def from_credentials(
        cls,
        credentials: Mapping[str, Any] | None,
        environ: Mapping[str, str] | None = None,
    ) -> WhatsAppConfig:
        """Builds the settings, naming the first missing required key in the error.

        Args:
            credentials: the channel's section of credentials.yml (may be ``None``).
            environ: environment variables; ``os.environ`` when not given.

        Raises:
            WhatsAppConfigError: a required key is missing or a number is not a number.
        """
        credentials = credentials or {}
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for key in (*REQUIRED_KEYS, *DEFAULTS):
            raw = credentials.get(key)
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                raw = environ.get(ENV_PREFIX + key.upper(), "")
            if isinstance(raw, str):
                raw = raw.strip()
            if raw == "" or raw is None:
                if key in REQUIRED_KEYS:
                    raise WhatsAppConfigError(
                        f"WhatsApp channel: missing required setting '{key}'. Set it in the "
                        f"'bot.channels.whatsapp.WhatsAppInput' section of credentials.yml or in "
                        f"the environment variable {ENV_PREFIX}{key.upper()}."
                    )
                continue
            values[key] = _coerce(key, raw)
        return cls(**values)


def _coerce(key: str, raw: Any) -> Any:
    default = DEFAULTS.get(key, "")
    if isinstance(default, bool) or not isinstance(default, int | float):
        return str(raw)
    try:
        number = type(default)(raw)
    except (TypeError, ValueError):
        raise WhatsAppConfigError(
            f"WhatsApp channel: setting '{key}' must be a number, got {raw!r}."
        ) from None
    if number <= 0:
        raise WhatsAppConfigError(f"WhatsApp channel: setting '{key}' must be positive.")
    return number
