"""The booking form's questions, each with its choices as buttons in the user's language:
services, sites offering the chosen service, and free times."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.booking import common, messages, slots
from actions.booking.common import HINT, SERVICE, SITE, TIME
from actions.booking.store import get_store
from actions.language import current_language

logger = logging.getLogger(__name__)
NEAREST = 3  # nearest free times offered: WhatsApp reply buttons
IN_PERIOD = 8  # free times offered for "tomorrow afternoon": a WhatsApp list


def time_buttons(starts: list[dt.datetime], language: str) -> list[dict[str, str]]:
    return messages.buttons(
        [
            (messages.short_when(s, language), common.payload("inform", **{TIME: common.iso(s)}))
            for s in starts
        ]
    )


class ActionAskService(Action):
    def name(self) -> str:
        return "action_ask_service"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        language = current_language(tracker)
        services = common.catalogue().services_at(tracker.get_slot(SITE))
        dispatcher.utter_message(
            response="utter_booking_ask_service",
            buttons=messages.buttons(
                [(s.name(language), common.payload("inform", **{SERVICE: s.id})) for s in services]
            ),
        )
        return []


class ActionAskSite(Action):
    def name(self) -> str:
        return "action_ask_site"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        language = current_language(tracker)
        catalogue = common.catalogue()
        service = catalogue.service(tracker.get_slot(SERVICE))
        sites = catalogue.sites_offering(service.id if service else None)
        dispatcher.utter_message(
            response="utter_booking_ask_site",
            service_name=service.name(language) if service else "",
            buttons=messages.buttons(
                [(s.name(language), common.payload("inform", **{SITE: s.id})) for s in sites]
            ),
        )
        return []


class ActionAskAppointmentTime(Action):
    """Offer free times: in the period asked for ("tomorrow afternoon"), around a time that
    could not be booked, or the next ones."""

    def name(self) -> str:
        return "action_ask_appointment_time"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        language = current_language(tracker)
        catalogue, now = common.catalogue(), common.now()
        service_id, site_id = tracker.get_slot(SERVICE), tracker.get_slot(SITE)
        booked = get_store().booked_counts
        hint = common.decode_hint(tracker.get_slot(HINT))
        service, site = catalogue.service(service_id), catalogue.site(site_id)
        names = {
            "service_name": service.name(language) if service else "",
            "site_name": site.name(language) if site else "",
        }

        if hint and hint.time is None:
            start, end = hint.bounds
            found = slots.free_slots(
                catalogue, service_id, site_id, start, end, now, booked, IN_PERIOD
            )
            if found:
                dispatcher.utter_message(
                    response="utter_booking_ask_time_in",
                    period=messages.period(hint.day, hint.window, language),
                    buttons=time_buttons(found, language),
                    **names,
                )
                return []
            dispatcher.utter_message(
                response="utter_booking_no_time_in",
                period=messages.period(hint.day, hint.window, language),
                **names,
            )
        if hint:
            found = slots.nearest_free(
                catalogue, service_id, site_id, hint.bounds[0], now, booked, NEAREST
            )
            response = "utter_booking_ask_time_nearest"
        else:
            found = slots.next_free(catalogue, service_id, site_id, now, booked, NEAREST)
            response = "utter_booking_ask_time"
        if not found:
            dispatcher.utter_message(response="utter_booking_no_free_time", **names)
            return []
        dispatcher.utter_message(response=response, buttons=time_buttons(found, language), **names)
        return []
