"""How long personal data is kept, and one sweep per period however many instances run.

Periods come from the environment (documented in `.env.example`):
- `VIGIE_RETENTION_CONVERSATION_DAYS` [90]: a conversation with no event for that long is
  deleted (SQL stores by the sweep; Redis keys expire by themselves: the store sets Rasa's
  `record_exp` to the period unless endpoints.yml sets it);
- `VIGIE_RETENTION_AUDIT_DAYS` [365]: erasure audit rows (keyed hash, time, counts) older
  than that are deleted;
- `VIGIE_RETENTION_APPOINTMENT_GRACE_DAYS` [30]: an appointment (booked or cancelled) is
  deleted that long after its start time (the action server's sweep,
  `actions.booking.retention`);
- `VIGIE_RETENTION_SWEEP_SECONDS` [3600]: how often the sweeps run.
WhatsApp inbox records expire after `WHATSAPP_DEDUP_TTL_SECONDS` (the channel's hourly purge).

Several instances may share the databases: before sweeping, an instance claims the period in
the privacy database with one conditional UPDATE (`PrivacyRegistry.claim_sweep`), so exactly
one instance sweeps per period; the deletes themselves are idempotent anyway. The action
server's appointment sweep claims its own period the same way.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

DAY_SECONDS = 86400
CONVERSATION_DAYS_VARIABLE = "VIGIE_RETENTION_CONVERSATION_DAYS"
AUDIT_DAYS_VARIABLE = "VIGIE_RETENTION_AUDIT_DAYS"
APPOINTMENT_GRACE_DAYS_VARIABLE = "VIGIE_RETENTION_APPOINTMENT_GRACE_DAYS"
SWEEP_SECONDS_VARIABLE = "VIGIE_RETENTION_SWEEP_SECONDS"
DEFAULT_CONVERSATION_DAYS = 90.0
DEFAULT_AUDIT_DAYS = 365.0
DEFAULT_APPOINTMENT_GRACE_DAYS = 30.0
DEFAULT_SWEEP_SECONDS = 3600.0


class RetentionConfigError(ValueError):
    """A retention period is not a positive number."""


@dataclass(frozen=True)
class RetentionPolicy:
    """The retention periods, in days, and the sweep interval, in seconds."""

    conversation_days: float = DEFAULT_CONVERSATION_DAYS
    audit_days: float = DEFAULT_AUDIT_DAYS
    sweep_seconds: float = DEFAULT_SWEEP_SECONDS
    appointment_grace_days: float = DEFAULT_APPOINTMENT_GRACE_DAYS

    @property
    def conversation_seconds(self) -> float:
        return self.conversation_days * DAY_SECONDS

    @property
    def audit_seconds(self) -> float:
        return self.audit_days * DAY_SECONDS

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> RetentionPolicy:
        """The periods of the environment; a missing or empty variable keeps its default."""
        environ = os.environ if environ is None else environ
        return cls(
            _positive(environ, CONVERSATION_DAYS_VARIABLE, DEFAULT_CONVERSATION_DAYS),
            _positive(environ, AUDIT_DAYS_VARIABLE, DEFAULT_AUDIT_DAYS),
            _positive(environ, SWEEP_SECONDS_VARIABLE, DEFAULT_SWEEP_SECONDS),
            _positive(environ, APPOINTMENT_GRACE_DAYS_VARIABLE, DEFAULT_APPOINTMENT_GRACE_DAYS),
        )


def _positive(environ: Mapping[str, str], variable: str, default: float) -> float:
    raw = environ.get(variable, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise RetentionConfigError(f"{variable} must be a number of days, not {raw!r}") from None
    if value <= 0:
        raise RetentionConfigError(f"{variable} must be positive, not {raw!r}")
    return value
