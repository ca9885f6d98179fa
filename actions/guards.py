"""Guard actions: what the bot does when the guards fire (see bot/policies/guard_policy.py).

Each replies in the user's language with a domain response, and leaves a form in progress
cleanly: the form is deactivated, the slots already filled are kept, so "book" picks up
where the user was.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, ReminderCancelled, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.booking import common
from actions.booking import reminders as booking_reminders
from actions.booking.store import get_store
from core import names
from core.erasure import ErasureRequest
from core.privacy.registry import privacy_registry
from core.privacy.retention import RetentionPolicy

logger = logging.getLogger(__name__)


def leave_form(tracker: Tracker) -> list[EventType]:
    """Deactivate the active form, if any, without touching what it already collected."""
    if not tracker.active_loop_name:
        return []
    return [ActiveLoop(None), SlotSet(names.REQUESTED_SLOT, None)]


class ActionGuardProductSale(Action):
    """Products are not sold here: say so, with no advice and no price, and offer services."""

    def name(self) -> str:
        return names.PRODUCT_SALE_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_guard_product_sale")
        return leave_form(tracker)


class ActionGuardSensitiveNumber(Action):
    """Warn the user never to share card, bank or ID numbers here; it was not stored."""

    def name(self) -> str:
        return names.SENSITIVE_NUMBER_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_guard_sensitive_number")
        return leave_form(tracker)


class ActionOptOut(Action):
    """Cancel and delete the user's appointments, cancel reminders, confirm once.

    The conversation itself is erased by the tracker store when it saves this turn (see
    bot/stores/tracker_store.py): the action hands it a `core.erasure.ErasureRequest` as the
    value of the `erasure_request` slot, with what was erased here.
    """

    def name(self) -> str:
        return names.OPT_OUT_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        store = get_store()
        upcoming = len(store.list_upcoming(tracker.sender_id, common.now()))
        deleted = store.erase_sender(tracker.sender_id)
        reminders_deleted = booking_reminders.erase(tracker.sender_id)
        dispatcher.utter_message(response="utter_opt_out_done", appointments=upcoming)
        request = ErasureRequest(
            tracker.sender_id,
            {
                "appointments_cancelled": upcoming,
                "appointment_records": deleted,
                "reminders": reminders_deleted,
            },
        )
        return [
            *leave_form(tracker),
            ReminderCancelled(),
            SlotSet(names.ERASURE_REQUEST_SLOT, request.to_slot()),
        ]


class ActionOptIn(Action):
    """START: the user wants messages again; lift the suppression."""

    def name(self) -> str:
        return names.OPT_IN_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        privacy_registry().lift(tracker.sender_id)
        dispatcher.utter_message(response="utter_opt_in_done")
        return []


class ActionMyData(Action):
    """The right of access: what is kept about this sender, in plain words.

    Counts and periods only: the summary never quotes the conversation, so it cannot echo a
    sensitive number (the store keeps placeholders anyway).
    """

    def name(self) -> str:
        return names.MY_DATA_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        upcoming = len(get_store().list_upcoming(tracker.sender_id, common.now()))
        days = RetentionPolicy.from_environ().conversation_days
        dispatcher.utter_message(
            response="utter_my_data", appointments=upcoming, retention_days=f"{days:g}"
        )
        if privacy_registry().is_suppressed(tracker.sender_id):
            dispatcher.utter_message(response="utter_my_data_opted_out")
        return []


class ActionPrivacyRegistry(Action):
    """Which privacy registry this action server uses, for Rasa's start-up check.

    Not in the domain, so no conversation can run it: Rasa calls it once when it loads its
    model (`bot.privacy.startup`) and refuses to start when the identities differ, since an
    opt-out recorded by one process would then be unknown to the other.
    """

    def name(self) -> str:
        return names.PRIVACY_REGISTRY_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return [SlotSet(names.PRIVACY_REGISTRY_KEY, privacy_registry().identity())]
