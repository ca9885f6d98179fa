"""The guard actions: replies by response name, forms left cleanly, erasure receipts."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, ReminderCancelled, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.booking import common
from actions.booking.store import get_store
from actions.guards import (
    ActionGuardProductSale,
    ActionGuardSensitiveNumber,
    ActionMyData,
    ActionOptIn,
    ActionOptOut,
)
from core.erasure import ErasureRequest
from core.privacy.registry import privacy_registry


def tracker(sender: str = "someone", active_loop: str | None = None) -> Tracker:
    return Tracker(
        sender_id=sender,
        slots={"service": "flu_vaccination", "requested_slot": "site"},
        latest_message={"text": "...", "intent": {"name": "opt_out"}},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


async def run(action, tracker: Tracker):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, {})
    return [m["response"] for m in dispatcher.messages], events


@pytest.mark.parametrize(
    "action, response",
    [
        (ActionGuardProductSale(), "utter_guard_product_sale"),
        (ActionGuardSensitiveNumber(), "utter_guard_sensitive_number"),
    ],
)
async def test_when_a_form_is_active_then_the_guard_leaves_it_but_keeps_its_slots(action, response):
    responses, events = await run(action, tracker(active_loop="booking_form"))

    assert responses == [response]
    assert events == [ActiveLoop(None), SlotSet("requested_slot", None)]


async def test_when_no_form_is_active_then_the_guard_only_replies():
    assert await run(ActionGuardSensitiveNumber(), tracker()) == (
        ["utter_guard_sensitive_number"],
        [],
    )


async def test_when_a_user_opts_out_then_their_appointments_are_deleted_and_counted():
    sender = f"opt-out-{uuid.uuid4().hex}"
    store = get_store()
    tomorrow = (common.now() + dt.timedelta(days=1)).replace(hour=10, minute=0)
    store.book(sender, "gp_consultation", "clinique_pasteur", tomorrow, "Marie Dupont", 2)
    store.book(sender, "blood_test", "clinique_pasteur", tomorrow, "Marie Dupont", 2)

    dispatcher = CollectingDispatcher()
    events = await ActionOptOut().run(dispatcher, tracker(sender, "booking_form"), {})

    assert dispatcher.messages[0]["response"] == "utter_opt_out_done"
    assert dispatcher.messages[0]["appointments"] == 2
    assert events == [
        ActiveLoop(None),
        SlotSet("requested_slot", None),
        ReminderCancelled(),
        SlotSet(
            "erasure_request",
            ErasureRequest(
                sender,
                {"appointments_cancelled": 2, "appointment_records": 2, "reminders": 0},
            ).to_slot(),
        ),
    ]
    assert store.list_upcoming(sender, common.now()) == []


async def test_when_a_user_says_start_then_the_suppression_is_lifted():
    sender = f"opt-in-{uuid.uuid4().hex}"
    privacy_registry().suppress(sender)

    responses, events = await run(ActionOptIn(), tracker(sender))

    assert responses == ["utter_opt_in_done"] and events == []
    assert not privacy_registry().is_suppressed(sender)


async def test_when_a_user_asks_what_is_kept_then_counts_and_period_without_content(
    monkeypatch,
):
    sender = f"access-{uuid.uuid4().hex}"
    tomorrow = (common.now() + dt.timedelta(days=1)).replace(hour=10, minute=0)
    get_store().book(sender, "gp_consultation", "clinique_pasteur", tomorrow, "Marie Dupont", 2)
    monkeypatch.setenv("VIGIE_RETENTION_CONVERSATION_DAYS", "30")
    dispatcher = CollectingDispatcher()

    events = await ActionMyData().run(dispatcher, tracker(sender), {})

    assert events == []
    [summary] = dispatcher.messages
    assert summary["response"] == "utter_my_data"
    assert summary["appointments"] == 1 and summary["retention_days"] == "30"


async def test_when_the_user_opted_out_then_the_summary_says_so():
    sender = f"access-{uuid.uuid4().hex}"
    privacy_registry().suppress(sender)

    responses, _ = await run(ActionMyData(), tracker(sender))

    assert responses == ["utter_my_data", "utter_my_data_opted_out"]
