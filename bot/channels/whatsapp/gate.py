"""The outbound gate: the one way a business-initiated WhatsApp message goes out.

Business-initiated means anything that does not answer the user's latest message: reminders,
templates, pushes. Before each one the gate decides, in this order, and says why:

1. suppression: never to a user who opted out (the suppression list);
2. purpose: only for a purpose the user agreed to; a booking implies appointment reminders and
   nothing else (`AGREED_PURPOSES`, the evidence checked by a callback);
3. the 24-hour window: the free-form message inside it, the approved template outside it;
4. the output guard: no message that asks for sensitive data, promotes or sells;
5. pacing: at most one message per user every `user_interval` seconds (WhatsApp's pair rate
   limit, error 131056) and `number_rate` messages per second for the number.

Each decision is logged with its reason and purpose (never the user id or the text) and
counted in `bot.metrics.OUTBOUND_DECISIONS`. Pacing is per instance: a deployment of N
instances sets `number_rate` to its share of the number's rate.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot import metrics
from bot.channels.whatsapp.client import GraphClient
from bot.channels.whatsapp.identity import address_body
from bot.channels.whatsapp.inbox import Inbox
from bot.channels.whatsapp.window import ConversationWindow
from core.output_guard import blocked_kinds
from core.privacy.registry import privacy_registry

logger = logging.getLogger(__name__)

APPOINTMENT_REMINDER = "appointment_reminder"
#: A message Rasa pushes on its own (trigger_intent, a scheduled event) in a conversation the
#: user is having: agreed only while they wrote less than 24 hours ago, never by template.
CONVERSATION_FOLLOW_UP = "conversation_follow_up"
#: Each purpose a user can agree to, and what agreeing is.
AGREED_PURPOSES = {
    APPOINTMENT_REMINDER: "booking an appointment (while it is ahead)",
    CONVERSATION_FOLLOW_UP: "writing to us in the last 24 hours",
}

USER_INTERVAL_VARIABLE = "VIGIE_OUTBOUND_USER_INTERVAL_SECONDS"
NUMBER_RATE_VARIABLE = "VIGIE_OUTBOUND_NUMBER_RATE"
DEFAULT_USER_INTERVAL = 6.0  # WhatsApp's pair rate limit: about one message per 6 s per user
DEFAULT_NUMBER_RATE = 20.0  # messages per second; Meta's default ceiling is 80 per number
OUTSIDE_WINDOW_CODE = 131047
PAIR_RATE_LIMIT_CODE = 131056

SEND, HOLD, REFUSE = "send", "hold", "refuse"

Consent = Callable[[str, str], Awaitable[bool]]


@dataclass(frozen=True)
class Decision:
    """What the gate decided: `send` the `bodies`, `hold` (try again later) or `refuse`."""

    verdict: str
    reason: str
    bodies: list[dict[str, Any]] = field(default_factory=list)
    retry_after: float = 0.0


class Pacing:
    """Per-user and per-number spacing of sends, thread-safe (sends come from two loops)."""

    def __init__(
        self,
        user_interval: float = DEFAULT_USER_INTERVAL,
        number_rate: float = DEFAULT_NUMBER_RATE,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.user_interval = user_interval
        self.number_gap = 1.0 / number_rate
        self._clock = clock
        self._last_user: dict[str, float] = {}
        self._last_number = float("-inf")
        self._lock = threading.Lock()

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Pacing:
        environ = os.environ if environ is None else environ
        values = []
        for variable, default in (
            (USER_INTERVAL_VARIABLE, DEFAULT_USER_INTERVAL),
            (NUMBER_RATE_VARIABLE, DEFAULT_NUMBER_RATE),
        ):
            raw = environ.get(variable, "").strip()
            try:
                value = float(raw) if raw else default
            except ValueError:
                raise ValueError(f"{variable}={raw!r}: not a number") from None
            if value <= 0:
                raise ValueError(f"{variable}={raw!r}: must be positive")
            values.append(value)
        return cls(values[0], values[1])

    def reserve(self, user_id: str, count: int = 1) -> tuple[str, float] | None:
        """Takes the slots for `count` messages to `user_id` now, or says why not and how long
        to wait (`paced_user`, `paced_number`)."""
        with self._lock:
            now = self._clock()
            user_wait = self._last_user.get(user_id, float("-inf")) + self.user_interval - now
            if user_wait > 0:
                return "paced_user", user_wait
            number_wait = self._last_number + self.number_gap - now
            if number_wait > 0:
                return "paced_number", number_wait
            self._last_user[user_id] = now
            self._last_number = now + self.number_gap * (count - 1)
            return None

    def forget(self, user_id: str) -> None:
        with self._lock:
            self._last_user.pop(user_id, None)


class OutboundGate:
    """Decides and sends business-initiated messages (see the module doc).

    Args:
        client: the Send API client.
        inbox: where sends that failed for good are kept.
        window: the 24-hour window.
        consent: says whether a user agreed to a purpose (e.g. has an appointment ahead).
        pacing: per-user and per-number spacing.
        counts: the channel's counters (shown on its health route).
    """

    def __init__(
        self,
        client: GraphClient,
        inbox: Inbox,
        window: ConversationWindow,
        consent: Consent,
        pacing: Pacing | None = None,
        counts: Counter[str] | None = None,
    ) -> None:
        self._client = client
        self._inbox = inbox
        self._window = window
        self._consent = consent
        self.pacing = pacing or Pacing.from_environment()
        self.counts: Counter[str] = Counter() if counts is None else counts

    async def decide(
        self,
        user_id: str,
        purpose: str,
        free_form: list[dict[str, Any]],
        template: dict[str, Any] | None,
    ) -> Decision:
        """The decision for one message, given as free-form bodies and its template."""
        if await asyncio.to_thread(privacy_registry().is_suppressed, user_id):
            return self._record(purpose, Decision(REFUSE, "suppressed"))
        if not await self._agreed(user_id, purpose):
            return self._record(purpose, Decision(REFUSE, "purpose_not_agreed"))
        if await self._window.is_open(user_id):
            bodies, reason = free_form, "free_form_in_window"
        elif template is not None:
            bodies, reason = [template], "template_outside_window"
        else:
            return self._record(purpose, Decision(REFUSE, "outside_window_no_template"))
        if blocked_kinds(bodies):
            return self._record(purpose, Decision(REFUSE, "output_guard"))
        paced = self.pacing.reserve(user_id, len(bodies))
        if paced is not None:
            return self._record(purpose, Decision(HOLD, paced[0], retry_after=paced[1]))
        return self._record(purpose, Decision(SEND, reason, bodies))

    async def send(
        self,
        user_id: str,
        purpose: str,
        free_form: list[dict[str, Any]],
        template: dict[str, Any] | None,
    ) -> Decision:
        """Decides, then sends what was allowed; the decision, with how the send went.

        The number's pacing is waited for here (fractions of a second); a user's pacing (6 s)
        is left to the caller, who tries again later.
        """
        decision = await self.decide(user_id, purpose, free_form, template)
        while decision.verdict == HOLD and decision.reason == "paced_number":
            await asyncio.sleep(decision.retry_after)
            decision = await self.decide(user_id, purpose, free_form, template)
        if decision.verdict != SEND:
            return decision
        address = await self._inbox.address(user_id)  # a phone number, else a BSUID
        for planned in decision.bodies:
            body = address_body(planned, address)
            result = await self._client.send(body)
            if result.ok:
                continue
            if (
                result.code == OUTSIDE_WINDOW_CODE
                and template is not None
                and planned is not template
            ):
                # The window closed meanwhile (another instance's view was older): the template.
                self._record(purpose, Decision(SEND, "template_after_131047"))
                result = await self._client.send(address_body(template, address))
                if result.ok:
                    return Decision(SEND, "template_after_131047", [template])
            await self._inbox.record_failed_send(user_id, body, result.code, result.reason)
            if result.code == PAIR_RATE_LIMIT_CODE:
                return self._record(purpose, Decision(HOLD, "meta_131056", retry_after=6.0))
            return self._record(purpose, Decision(REFUSE, f"send_failed_{result.code}"))
        return decision

    async def _agreed(self, user_id: str, purpose: str) -> bool:
        if purpose == CONVERSATION_FOLLOW_UP:
            return await self._window.is_open(user_id)
        return purpose in AGREED_PURPOSES and await self._consent(user_id, purpose)

    def _record(self, purpose: str, decision: Decision) -> Decision:
        metrics.OUTBOUND_DECISIONS.labels(purpose, decision.verdict, decision.reason).inc()
        self.counts[f"outbound_{decision.verdict}_{decision.reason}"] += 1
        log = logger.warning if decision.verdict == REFUSE else logger.info
        log("outbound gate: %s (%s), purpose %s", decision.verdict, decision.reason, purpose)
        return decision
