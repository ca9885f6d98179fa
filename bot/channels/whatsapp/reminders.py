"""Sends due appointment reminders through the outbound gate, from every instance at once.

Each sweep claims at most `batch` due reminders (`core.reminders`: a conditional UPDATE, so two
instances never send the same one), then for each: an appointment already begun or a reminder
superseded by a closer one (both due after a downtime) is dropped; in the quiet hours it waits
for the next sweep; otherwise the gate decides: the interactive message with Confirm / Move /
Cancel inside the 24-hour window, the approved template with the same values and quick replies
outside it. Held by the gate (pacing), it is released for the next sweep; refused (opt-out,
no purpose, output guard), it is dropped with the reason.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

from bot import metrics
from bot.channels.whatsapp import outbound
from bot.channels.whatsapp.gate import APPOINTMENT_REMINDER, HOLD, SEND, OutboundGate
from core.reminders import Reminder, ReminderSettings, ReminderStore, reminder_store
from core.reminders.store import DROPPED, SENT
from core.reminders.timing import is_quiet

logger = logging.getLogger(__name__)

DEFAULT_LEASE_SECONDS = 300.0


async def agreed(user_id: str, purpose: str) -> bool:
    """The gate's consent check: a reminder's purpose is agreed while the user has an
    appointment ahead (booking it is the agreement); no other purpose is."""
    if purpose != APPOINTMENT_REMINDER:
        return False
    return await asyncio.to_thread(reminder_store().has_upcoming, user_id, time.time())


class ReminderSender:
    """One instance's sweeper.

    Args:
        gate: the outbound gate every reminder passes.
        owner: this instance's name in the claims (the inbox's owner).
        template_name: the approved utility template used outside the window ("" for none).
        settings: quiet hours, sweep period and batch; from the environment when not given.
        store: the reminders table; `reminder_store()` when not given.
        clock: Unix time (tests move it).
    """

    def __init__(
        self,
        gate: OutboundGate,
        owner: str,
        template_name: str,
        settings: ReminderSettings | None = None,
        store: Callable[[], ReminderStore] = reminder_store,
        lease_seconds: float = DEFAULT_LEASE_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.gate = gate
        self.owner = owner
        self.template_name = template_name
        self.settings = settings or ReminderSettings.from_environment()
        self._store = store
        self.lease_seconds = lease_seconds
        self._clock = clock

    async def sweep(self) -> dict[str, int]:
        """Handles what is due now; how many reminders ended in each outcome."""
        now = self._clock()
        store = self._store()
        claimed = await asyncio.to_thread(
            store.claim_due, self.owner, now, self.lease_seconds, self.settings.batch
        )
        outcomes: dict[str, int] = {}
        for reminder in claimed:
            outcome, reason = await self._handle(store, reminder, now)
            metrics.REMINDERS.labels(outcome, reason).inc()
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
        await asyncio.to_thread(store.purge, now)
        return outcomes

    async def run_forever(self) -> None:
        """Sweeps every `sweep_seconds` until cancelled; a failed sweep is logged, not fatal."""
        while True:
            try:
                await self.sweep()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("reminders: a sweep failed; the next one tries again")
            await asyncio.sleep(self.settings.sweep_seconds)

    async def _handle(
        self, store: ReminderStore, reminder: Reminder, now: float
    ) -> tuple[str, str]:
        if now >= reminder.starts_at:
            return await self._drop(store, reminder, "appointment_started")
        if await asyncio.to_thread(store.later_one_due, reminder, now):
            return await self._drop(store, reminder, "superseded")
        if is_quiet(now, self.settings.quiet, reminder.time_zone):
            await asyncio.to_thread(store.release, reminder, self.owner)
            return "held", "quiet_hours"
        decision = await self.gate.send(
            reminder.user_id,
            APPOINTMENT_REMINDER,
            self._free_form(reminder),
            self._template(reminder),
        )
        if decision.verdict == SEND:
            await asyncio.to_thread(store.finish, reminder, self.owner, SENT, decision.reason)
            return "sent", decision.reason
        if decision.verdict == HOLD:
            await asyncio.to_thread(store.release, reminder, self.owner)
            return "held", decision.reason
        return await self._drop(store, reminder, decision.reason)

    async def _drop(self, store: ReminderStore, reminder: Reminder, reason: str) -> tuple[str, str]:
        await asyncio.to_thread(store.finish, reminder, self.owner, DROPPED, reason)
        logger.info("reminders: one dropped (%s)", reason)
        return "dropped", reason

    @staticmethod
    def _free_form(reminder: Reminder) -> list[dict[str, Any]]:
        content = reminder.content
        return outbound.buttons_bodies(reminder.user_id, content["text"], content["buttons"])

    def _template(self, reminder: Reminder) -> dict[str, Any] | None:
        if not self.template_name:
            return None
        content = reminder.content
        return outbound.reminder_template_body(
            reminder.user_id,
            self.template_name,
            reminder.language,
            list(content["parameters"]),
            [button["payload"] for button in content["buttons"]],
        )
