"""Every Prometheus metric of a Rasa instance, defined once (names ``vigie_*``).

Code increments these where the event happens; ``bot.channels.operations`` serves them at
``GET /metrics`` (documented in ``docs/deployment.md``). Each Rasa instance exposes its own
figures: a scraper sums counters over instances. The inbox gauges are read from the shared
inbox at scrape time, so every instance reports the same backlog.

Labels have a few bounded values (an outcome, a kind, a Graph error code): never a user id, a
phone number or message text, so the metrics carry no personal data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from prometheus_client import Counter, Gauge, Histogram

#: Acknowledgement times are a few milliseconds; Meta wants a median under 250 ms.
_FAST_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
#: A turn takes tens of milliseconds to seconds (model, action server, sends with retries).
_TURN_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0)

# --- WhatsApp webhook (bot/channels/whatsapp/input.py) ---
WEBHOOKS = Counter(
    "vigie_whatsapp_webhooks_total",
    "WhatsApp webhook POSTs by outcome: accepted, signature_missing, signature_invalid, "
    "too_large, malformed, inbox_unavailable.",
    ["outcome"],
)
WEBHOOK_ACK_SECONDS = Histogram(
    "vigie_whatsapp_webhook_ack_seconds",
    "Time from a webhook POST's arrival to its answer (acknowledgement), any outcome.",
    buckets=_FAST_BUCKETS,
)
MESSAGES = Counter(
    "vigie_whatsapp_messages_total",
    "Inbound WhatsApp messages by outcome: received (new, recorded), duplicate (already known), "
    "processed, failed (the bot raised), retried (a store was unreachable: left pending, tried "
    "again).",
    ["outcome"],
)

# --- Turns (bot/channels/whatsapp/runtime.py) ---
TURN_SECONDS = Histogram(
    "vigie_whatsapp_turn_seconds",
    "Time the bot took on one message: from its hand-over to Rasa to the end of its sends.",
    buckets=_TURN_BUCKETS,
)
REPLY_DELAY_SECONDS = Histogram(
    "vigie_whatsapp_reply_delay_seconds",
    "Time from a message's acknowledgement to the end of its turn, queueing included (turns "
    "of messages this instance acknowledged itself).",
    buckets=_TURN_BUCKETS,
)

# --- Inbox (read at scrape time, bot/channels/operations.py) ---
INBOX_PENDING = Gauge(
    "vigie_whatsapp_inbox_pending_messages",
    "Messages acknowledged but not processed yet, in the inbox shared by every instance.",
)
INBOX_OLDEST_PENDING_AGE = Gauge(
    "vigie_whatsapp_inbox_oldest_pending_age_seconds",
    "Age of the oldest unprocessed message (from its WhatsApp timestamp); 0 when none.",
)

# --- Send API (bot/channels/whatsapp/client.py) ---
SENDS = Counter(
    "vigie_whatsapp_sends_total",
    "Messages sent to the Graph API after all attempts, by outcome (sent, failed) and Graph "
    "error code (the code, http_<status> or network when Meta gave none; empty when sent).",
    ["outcome", "code"],
)

# --- Guards (bot/nlu/guard_annotator.py, bot/nlg.py, bot/output_guard.py) ---
GUARD_FINDINGS = Counter(
    "vigie_guard_findings_total",
    "Guard findings in users' messages, by kind (card_number, opt_out, emergency...).",
    ["kind"],
)
OUTPUT_GUARD_BLOCKS = Counter(
    "vigie_output_guard_blocks_total",
    "Bot messages the output guard replaced before sending, by kind of finding.",
    ["kind"],
)

# --- Privacy (bot/stores/tracker_store.py) ---
OPT_OUTS = Counter(
    "vigie_opt_outs_total",
    "Opt-outs carried out: the conversation erased and the user put on the suppression list.",
)
ERASURES = Counter(
    "vigie_erasures_total",
    "Erasure steps of opt-outs, by part (tracker_events or an eraser's name: whatsapp...) and "
    "outcome (done, failed).",
    ["part", "outcome"],
)


# --- Conversation locks (the lock store) ---
LOCK_WAIT_SECONDS = Histogram(
    "vigie_lock_wait_seconds",
    "Time a turn waited for its conversation's lock (another turn of the same user held it).",
    buckets=_FAST_BUCKETS,
)

# --- Readiness (bot/channels/operations.py) ---
READY = Gauge(
    "vigie_ready",
    "1 when the last readiness check passed (model loaded, stores reachable), else 0.",
)


def count_blocks(kinds: Iterable[str]) -> None:
    """One blocked bot message: each kind of finding that blocked it."""
    for kind in kinds:
        OUTPUT_GUARD_BLOCKS.labels(kind).inc()


def count_erasure(erased: Mapping[str, int]) -> None:
    """One opt-out carried out, with its parts' record counts (-1: that part failed)."""
    OPT_OUTS.inc()
    for part, count in erased.items():
        ERASURES.labels(part, "failed" if count < 0 else "done").inc()


# --- Outbound gate and reminders (bot/channels/whatsapp/gate.py, reminders.py) ---
OUTBOUND_DECISIONS = Counter(
    "vigie_outbound_decisions_total",
    "Business-initiated messages by the outbound gate's decision (send, hold: try later, "
    "refuse), purpose (appointment_reminder...) and reason (suppressed, purpose_not_agreed, "
    "template_outside_window, free_form_in_window, paced_user, paced_number, output_guard...).",
    ["purpose", "decision", "reason"],
)
REMINDERS = Counter(
    "vigie_reminders_total",
    "Due reminders handled by a sweep, by outcome (sent, held, dropped) and reason.",
    ["outcome", "reason"],
)
