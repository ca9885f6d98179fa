"""After the form: the summary to confirm, doing what was confirmed (book, move or cancel),
"my appointments", choosing the appointment to move or cancel, and "I changed my mind".

The person is the conversation's sender id: the bot never asks for an ID, card or insurance
number, and takes no payment.
"""

from __future__ import annotations

import datetime as dt
import logging
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.booking import calendar, common, messages, reminders, slots
from actions.booking.ask import NEAREST, time_buttons
from actions.booking.catalogue import CatalogueError
from actions.booking.common import (
    HINT,
    NAME,
    PENDING,
    RESCHEDULE_READY,
    SELECTED,
    SERVICE,
    SITE,
    TIME,
)
from actions.booking.forms import say_why
from actions.booking.store import Appointment, AppointmentNotFound, SlotTaken, get_store
from actions.language import current_language
from actions.responses import response_text

logger = logging.getLogger(__name__)
BOOK, RESCHEDULE, CANCEL = "book", "reschedule", "cancel"
MAX_LISTED_WITH_BUTTONS = 5  # two buttons each; WhatsApp shows at most 10


def details(appointment: Appointment | None, tracker: Tracker) -> dict[str, str]:
    """The values the booking responses are filled with, from an appointment or the slots."""
    catalogue, language = common.catalogue(), current_language(tracker)
    start: dt.datetime | None
    if appointment:
        service_id, site_id = appointment.service_id, appointment.site_id
        start, name = appointment.starts_at, appointment.patient_name
    else:
        service_id, site_id = tracker.get_slot(SERVICE), tracker.get_slot(SITE)
        start, name = common.from_iso(tracker.get_slot(TIME)), tracker.get_slot(NAME)
    service, site = catalogue.service(service_id), catalogue.site(site_id)
    return {
        "service_name": service.name(language) if service else str(service_id),
        "site_name": site.name(language) if site else str(site_id),
        "site_address": site.address if site else "",
        "bring": service.bring[language] if service else "",
        "when": messages.long_when(start, language) if start else "",
        "patient_name": name or "",
    }


class BookingAction(Action, ABC):
    """Says sorry instead of failing when the catalogue or the database is broken.
    Abstract, so that the action server does not register it."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        try:
            return await self.act(dispatcher, tracker, domain)
        except (CatalogueError, SQLAlchemyError):
            logger.exception("booking unavailable in %s", self.name())
            dispatcher.utter_message(response="utter_booking_unavailable")
            return common.reset_events()

    @abstractmethod
    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """What the action does."""


class ActionBookingSummary(BookingAction):
    """The completed form as a summary with Confirm / Cancel buttons."""

    def name(self) -> str:
        return "action_booking_summary"

    async def act(self, dispatcher, tracker, domain):
        moving = tracker.get_slot(PENDING) == RESCHEDULE and tracker.get_slot(SELECTED)
        if moving:
            old = get_store().get(tracker.sender_id, int(tracker.get_slot(SELECTED)))
            if old is not None:
                dispatcher.utter_message(
                    response="utter_booking_summary_reschedule",
                    old_when=messages.long_when(old.starts_at, current_language(tracker)),
                    **details(None, tracker),
                )
                return [SlotSet(PENDING, RESCHEDULE)]
        dispatcher.utter_message(response="utter_booking_summary", **details(None, tracker))
        return [SlotSet(PENDING, BOOK), SlotSet(SELECTED, None)]


class ActionHandleConfirmation(BookingAction):
    """Yes or no to the pending operation: book, move or cancel, or drop it."""

    def name(self) -> str:
        return "action_handle_confirmation"

    async def act(self, dispatcher, tracker, domain):
        operation = tracker.get_slot(PENDING)
        intent, _ = common.latest_intent(tracker)
        if operation not in (BOOK, RESCHEDULE, CANCEL):
            dispatcher.utter_message(response="utter_nothing_to_confirm")
            return common.reset_events()
        if intent != "affirm":
            dispatcher.utter_message(response=f"utter_{operation}_dropped")
            return common.reset_events()
        if operation == CANCEL:
            return self._cancel(dispatcher, tracker)
        return self._book_or_move(dispatcher, tracker, domain, operation)

    def _cancel(self, dispatcher, tracker) -> list[EventType]:
        try:
            cancelled = get_store().cancel(tracker.sender_id, int(tracker.get_slot(SELECTED)))
        except (AppointmentNotFound, TypeError, ValueError):
            dispatcher.utter_message(response="utter_appointment_not_found")
        else:
            dispatcher.utter_message(response="utter_cancel_done", **details(cancelled, tracker))
            _follow_up(lambda: reminders.cancel(cancelled.id))
        return common.reset_events()

    def _book_or_move(self, dispatcher, tracker, domain, operation: str) -> list[EventType]:
        catalogue, store = common.catalogue(), get_store()
        service_id, site_id = tracker.get_slot(SERVICE), tracker.get_slot(SITE)
        start = common.from_iso(tracker.get_slot(TIME))
        site = catalogue.site(site_id)
        reason = (
            slots.check_slot(catalogue, service_id, site_id, start, common.now())
            if start
            else slots.PAST
        )
        try:
            if reason is not None or start is None or site is None:
                raise SlotTaken()
            places = site.places[service_id]
            if operation == RESCHEDULE:
                done = store.reschedule(
                    tracker.sender_id,
                    int(tracker.get_slot(SELECTED)),
                    start,
                    places,
                    service_id=service_id,
                    site_id=site_id,
                )
            else:
                done = store.book(
                    tracker.sender_id, service_id, site_id, start, tracker.get_slot(NAME), places
                )
        except SlotTaken:
            return self._offer_other_times(dispatcher, tracker, reason or slots.FULL, start)
        except (AppointmentNotFound, TypeError, ValueError):
            dispatcher.utter_message(response="utter_appointment_not_found")
            return common.reset_events()
        response = "utter_booking_rescheduled" if operation == RESCHEDULE else "utter_booking_done"
        values = details(done, tracker)
        dispatcher.utter_message(response=response, **values)
        service = catalogue.service(done.service_id)
        duration = service.duration if service else dt.timedelta(minutes=15)
        text = calendar.ics(done, values, duration, catalogue.timezone.key)
        file = calendar.attachment(text)
        dispatcher.utter_message(response="utter_calendar_file", attachment=file)
        if operation == RESCHEDULE:
            _follow_up(lambda: reminders.cancel(int(tracker.get_slot(SELECTED))))
        _follow_up(lambda: reminders.schedule(done, values, tracker, domain))
        return common.reset_events()

    def _offer_other_times(self, dispatcher, tracker, reason, start) -> list[EventType]:
        """The time went (taken meanwhile, or now past): keep the rest, offer the nearest."""
        if start is not None:
            say_why(dispatcher, tracker, reason, start)
        found = slots.nearest_free(
            common.catalogue(),
            tracker.get_slot(SERVICE),
            tracker.get_slot(SITE),
            start or common.now(),
            common.now(),
            get_store().booked_counts,
            NEAREST,
        )
        language = current_language(tracker)
        if found:
            dispatcher.utter_message(
                response="utter_booking_ask_time_nearest", buttons=time_buttons(found, language)
            )
        else:
            dispatcher.utter_message(
                response="utter_booking_no_free_time", **details(None, tracker)
            )
        keep = tracker.get_slot(PENDING) if tracker.get_slot(PENDING) == RESCHEDULE else None
        return [SlotSet(TIME, None), SlotSet(HINT, common.iso(start) if start else None)] + (
            [] if keep else [SlotSet(PENDING, None)]
        )


def _follow_up(step: Callable[[], int]) -> None:
    """Reminders follow the appointment; a failure there is logged, never turned into
    "booking unavailable" when the appointment itself was booked, moved or cancelled."""
    try:
        step()
    except (SQLAlchemyError, ValueError):
        logger.exception("appointment reminders could not be updated")


def _appointment_buttons(
    appointments: list[Appointment],
    tracker: Tracker,
    domain: dict[str, Any],
    modes: tuple[str, ...],
) -> list[dict[str, str]]:
    """A button per appointment and mode; its word ("Cancel", "Déplacer") is the domain's
    `utter_button_<mode>` response, followed by the date when there are several."""
    language = current_language(tracker)
    words = {mode: response_text(domain, f"utter_button_{mode}", language) for mode in modes}
    pairs = []
    for appointment in appointments[:MAX_LISTED_WITH_BUTTONS]:
        when = appointment.starts_at.strftime("%d/%m %H:%M")
        for mode in modes:
            title = f"{words[mode]} {when}" if len(appointments) > 1 else words[mode]
            pairs.append((title, common.payload(mode, appointment_id=str(appointment.id))))
    return messages.buttons(pairs)


def _listing(appointments: list[Appointment], tracker: Tracker) -> str:
    catalogue, language = common.catalogue(), current_language(tracker)
    return messages.numbered(
        [messages.appointment_line(a, catalogue, language) for a in appointments]
    )


class ActionListAppointments(BookingAction):
    """ "My appointments": the sender's upcoming appointments, each with Move / Cancel."""

    def name(self) -> str:
        return "action_list_appointments"

    async def act(self, dispatcher, tracker, domain):
        upcoming = get_store().list_upcoming(tracker.sender_id, common.now())
        if not upcoming:
            dispatcher.utter_message(response="utter_no_appointments")
            return []
        dispatcher.utter_message(
            response="utter_appointments_list",
            appointments=_listing(upcoming, tracker),
            buttons=_appointment_buttons(
                upcoming, tracker, domain, ("reschedule_appointment", "cancel_appointment")
            ),
        )
        return []


class ActionChooseAppointment(BookingAction):
    """Which appointment to cancel: the one named by a button, the only one, or a list to
    choose from; then asks for confirmation."""

    mode = "cancel_appointment"

    def name(self) -> str:
        return "action_choose_appointment"

    async def act(self, dispatcher, tracker, domain):
        mode = self.mode
        store = get_store()
        upcoming = store.list_upcoming(tracker.sender_id, common.now())
        wanted = next(tracker.get_latest_entity_values("appointment_id"), None)
        chosen = None
        if wanted is not None:
            chosen = next((a for a in upcoming if str(a.id) == str(wanted)), None)
            if chosen is None:
                dispatcher.utter_message(response="utter_appointment_not_found")
                return self._not_chosen(mode)
        elif len(upcoming) == 1:
            chosen = upcoming[0]
        if chosen is None and not upcoming:
            dispatcher.utter_message(response="utter_no_appointments")
            return self._not_chosen(mode)
        if chosen is None:
            dispatcher.utter_message(
                response=f"utter_choose_{mode}",
                appointments=_listing(upcoming, tracker),
                buttons=_appointment_buttons(upcoming, tracker, domain, (mode,)),
            )
            return self._not_chosen(mode)
        if mode == "cancel_appointment":
            dispatcher.utter_message(response="utter_cancel_confirm", **details(chosen, tracker))
            return [SlotSet(PENDING, CANCEL), SlotSet(SELECTED, str(chosen.id))]
        dispatcher.utter_message(response="utter_reschedule_start", **details(chosen, tracker))
        return [
            SlotSet(SERVICE, chosen.service_id),
            SlotSet(SITE, chosen.site_id),
            SlotSet(NAME, chosen.patient_name),
            SlotSet(TIME, None),
            SlotSet(HINT, None),
            SlotSet(PENDING, RESCHEDULE),
            SlotSet(SELECTED, str(chosen.id)),
            SlotSet(RESCHEDULE_READY, True),
        ]

    @staticmethod
    def _not_chosen(mode: str) -> list[EventType]:
        if mode == "reschedule_appointment":
            return [SlotSet(RESCHEDULE_READY, False)]
        return []


class ActionChooseAppointmentToMove(ActionChooseAppointment):
    """Which appointment to move; once chosen, the booking form runs with the service, site
    and name already filled (rule: reschedule_ready true -> booking_form). A separate action
    from the cancel one, so that only this one sets reschedule_ready (rules must be complete).
    """

    mode = "reschedule_appointment"

    def name(self) -> str:
        return "action_choose_appointment_to_move"


class ActionAbandonBooking(Action):
    """ "I changed my mind": stop the form, forget the booking in progress, say so."""

    def name(self) -> str:
        return "action_abandon_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_booking_abandoned")
        return [ActiveLoop(None), SlotSet("requested_slot", None), *common.reset_events()]
