"""Past appointments are deleted once they are past plus a grace period.

`VIGIE_RETENTION_APPOINTMENT_GRACE_DAYS` (30 by default, `core.privacy.retention`) after its
start time, an appointment, booked or cancelled, is deleted: the user no longer needs it, and
"my appointments" only ever shows upcoming ones. The action server owns the appointments
database, so it sweeps it, every `VIGIE_RETENTION_SWEEP_SECONDS`, from a daemon thread started
with the store. Several action servers may share the database: each period is claimed in the
privacy registry with the same conditional update the tracker store's sweep uses
(`PrivacyRegistry.claim_sweep`), so exactly one instance sweeps per period; the delete is
idempotent anyway. Only counts are logged, never who.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time

from actions.booking.store import AppointmentStore
from core.privacy.registry import privacy_registry
from core.privacy.retention import RetentionPolicy

logger = logging.getLogger(__name__)

SWEEP_NAME = "appointment-retention"


def sweep_appointments(
    store: AppointmentStore, policy: RetentionPolicy, now: float, local_now: dt.datetime
) -> int | None:
    """Delete the appointments past their grace period; None when another instance swept.

    Args:
        now: the wall clock (seconds since the epoch), for the claim of the period.
        local_now: the sites' local time, as appointments are stored.
    """
    if not privacy_registry().claim_sweep(SWEEP_NAME, policy.sweep_seconds, now):
        return None
    deleted = store.delete_started_before(
        local_now - dt.timedelta(days=policy.appointment_grace_days)
    )
    logger.info("appointment retention sweep: deleted %d past appointment(s)", deleted)
    return deleted


def _sweep_periodically(store: AppointmentStore, policy: RetentionPolicy) -> None:
    from actions.booking import common

    while True:
        try:
            sweep_appointments(store, policy, time.time(), common.now())
        except Exception:
            logger.exception("appointment retention sweep failed; retried at the next period")
        time.sleep(policy.sweep_seconds)


def start_sweeping(store: AppointmentStore) -> None:
    """Sweep `store` now and every period, in a daemon thread, for the life of the process."""
    policy = RetentionPolicy.from_environ()
    threading.Thread(
        target=_sweep_periodically,
        args=(store, policy),
        name="vigie-appointment-retention",
        daemon=True,
    ).start()
