"""`validate_booking_form`: fills and checks the booking form's slots.

The four slots (service, site, appointment_time, patient_name) have custom mappings: the
`extract_<slot>` methods read them from button payloads (`/inform{"site": ...}`) and from the
typed text (catalogue aliases, date phrases), but only from messages that carry booking
details (see `common.may_extract`), so that "is the flu jab free?" in the middle of a booking
gets its FAQ answer instead of becoming the patient's name.

Validation runs in a fixed order, service, site, time, name, whatever was said first, and
re-checks the time when the service or site changes. A value that does not fit is refused with
the reason, and the slot is asked again with the nearest free times as buttons.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.booking import common, messages, slots
from actions.booking.common import FORM_SLOTS, HINT, NAME, SERVICE, SITE, TIME
from actions.booking.dates import parse_when
from actions.booking.store import get_store
from actions.language import current_language

logger = logging.getLogger(__name__)

_A = r"[’' ]?"  # an apostrophe, typed or not: "c'est", "c est", "cest"
_NAME_PREFIX = re.compile(
    r"^\s*(?:(?:hi|hello|bonjour|ok|okay|oui|yes)[\s,!.]+)?"
    rf"(?:my name is|my name{_A}s|the name is|name is|it{_A}s for|it is for|this is for|"
    rf"i am|i{_A}m|je m{_A}appelle|je suis|mon nom est|c{_A}est pour|c{_A}est au nom de|"
    rf"au nom de|pour|for|c{_A}est)\s+",
    re.IGNORECASE,
)
_EXPLICIT_NAME = re.compile(
    rf"\b(?:my name is|the name is|it{_A}s for|it is for|je m{_A}appelle|mon nom est|"
    rf"c{_A}est pour|au nom de)\s+(.+)$",
    re.IGNORECASE,
)
_NAME_CHARACTERS = re.compile(r"^[^\W\d_]+(?:[\s'’.-]+[^\W\d_]+)*$")


def clean_name(text: str, explicit_only: bool = False) -> str | None:
    """The person's name in `text`, without 'my name is' and the like, or None."""
    if explicit_only:
        match = _EXPLICIT_NAME.search(text)
        name = match.group(1) if match else ""
    else:
        name = _NAME_PREFIX.sub("", text)
    name = " ".join(name.split()).strip(" .,!?;:")
    return name or None


def name_problem(name: str) -> bool:
    """Whether this cannot be a person's name: digits, symbols, too short or too long."""
    return not (2 <= len(name) <= 80 and len(name.split()) <= 6 and _NAME_CHARACTERS.match(name))


class ValidateBookingForm(FormValidationAction):
    def name(self) -> str:
        return "validate_booking_form"

    # ---------------------------------------------------------------- extraction

    @staticmethod
    def _entity(tracker: Tracker, entity: str) -> str | None:
        return next(tracker.get_latest_entity_values(entity), None)

    @staticmethod
    def _asked(tracker: Tracker, slot: str) -> bool:
        return tracker.get_slot("requested_slot") == slot

    async def extract_service(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        chosen = self._entity(tracker, SERVICE)
        if chosen is not None:
            return {SERVICE: chosen}
        if not common.may_extract(tracker) and not (
            self._asked(tracker, SERVICE) and common.short_answer(tracker)
        ):
            return {}
        found = common.catalogue().match_service(common.latest_text(tracker))
        if not common.may_extract(tracker):
            return {SERVICE: found} if found else {}
        if found:
            return {SERVICE: found}
        if self._asked(tracker, SERVICE) and not _mentions_other_details(tracker):
            dispatcher.utter_message(response="utter_booking_service_not_understood")
            return {SERVICE: None}
        return {}

    async def extract_site(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        chosen = self._entity(tracker, SITE)
        if chosen is not None:
            return {SITE: chosen}
        if not common.may_extract(tracker) and not (
            self._asked(tracker, SITE) and common.short_answer(tracker)
        ):
            return {}
        found = common.catalogue().match_site(common.latest_text(tracker))
        if not common.may_extract(tracker):
            return {SITE: found} if found else {}
        if found:
            return {SITE: found}
        if self._asked(tracker, SITE) and not _mentions_other_details(tracker):
            dispatcher.utter_message(response="utter_booking_site_not_understood")
            return {SITE: None}
        return {}

    async def extract_appointment_time(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        chosen = self._entity(tracker, TIME)
        if chosen is not None:
            return {TIME: chosen}
        text = common.latest_text(tracker)
        bare_answer = self._asked(tracker, TIME) and common.short_answer(tracker)
        if not text or not (common.may_extract(tracker) or bare_answer):
            return {}
        hint = common.decode_hint(tracker.get_slot(HINT))
        when = parse_when(text, common.now(), default_day=hint.day if hint else None)
        if when is None:
            if not common.may_extract(tracker):
                return {}  # a short digression ("menu"): its rule answers
            if self._asked(tracker, TIME) and not _mentions_other_details(tracker):
                dispatcher.utter_message(response="utter_booking_time_not_understood")
                return {TIME: None}
            return {}
        if when.exact:
            return {TIME: common.iso(when.exact)}
        # a day or part of a day: ask again, offering the free times of that period
        return {TIME: None, HINT: common.encode_hint(when)}

    async def extract_patient_name(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = common.latest_text(tracker)
        if not text or not common.may_extract(tracker):
            return {}
        if self._asked(tracker, NAME):
            catalogue = common.catalogue()
            if catalogue.match_service(text) or catalogue.match_site(text):
                return {}  # "rather at the station pharmacy": a change, not a name
            name = clean_name(text)
        else:
            # not asked yet: only "my name is ..." / "c'est pour ..." in a booking message
            name = clean_name(text, explicit_only=True)
            if name:
                name = re.split(r"\s+(?:at|on|tomorrow|a|le|demain|pour)\s", name)[0]
        return {NAME: name} if name else {}

    # ---------------------------------------------------------------- validation

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Validate in the order service, site, time, name; re-check a time already given
        when the service or site changes."""
        candidates = tracker.slots_to_validate()
        result = {k: v for k, v in candidates.items() if k not in FORM_SLOTS}
        if self._starting_a_new_booking(tracker):
            result.update({common.PENDING: None, common.SELECTED: None})
        for slot in FORM_SLOTS:
            recheck = (
                slot == TIME
                and tracker.get_slot(TIME) is not None
                and (SERVICE in candidates or SITE in candidates)
            )
            if slot not in candidates and not recheck:
                continue
            validate = getattr(self, f"validate_{slot}")
            output = await validate(tracker.get_slot(slot), dispatcher, tracker, domain)
            result.update(output)
            tracker.slots.update(output)
        return [SlotSet(slot, value) for slot, value in result.items()]

    @staticmethod
    def _starting_a_new_booking(tracker: Tracker) -> bool:
        intent, _ = common.latest_intent(tracker)
        return intent == "book_appointment" and not (tracker.active_loop or {}).get("name")

    async def validate_service(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {SERVICE: None}
        catalogue, language = common.catalogue(), current_language(tracker)
        service = catalogue.service(value)
        if service is None:
            dispatcher.utter_message(response="utter_booking_service_not_understood")
            return {SERVICE: None}
        site = catalogue.site(tracker.get_slot(SITE))
        if site and not site.offers(service.id):
            dispatcher.utter_message(
                response="utter_booking_reason_not_offered",
                service_name=service.name(language),
                site_name=site.name(language),
            )
            return {SERVICE: service.id, SITE: None}
        return {SERVICE: service.id}

    async def validate_site(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {SITE: None}
        catalogue, language = common.catalogue(), current_language(tracker)
        site = catalogue.site(value)
        if site is None:
            dispatcher.utter_message(response="utter_booking_site_not_understood")
            return {SITE: None}
        service = catalogue.service(tracker.get_slot(SERVICE))
        if service and not site.offers(service.id):
            dispatcher.utter_message(
                response="utter_booking_reason_not_offered",
                service_name=service.name(language),
                site_name=site.name(language),
            )
            return {SITE: None}
        return {SITE: site.id}

    async def validate_appointment_time(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {TIME: None}
        start = common.from_iso(value)
        if start is None:
            dispatcher.utter_message(response="utter_booking_time_not_understood")
            return {TIME: None}
        now = common.now()
        service_id, site_id = tracker.get_slot(SERVICE), tracker.get_slot(SITE)
        if service_id and site_id:
            reason = slots.check_slot(
                common.catalogue(), service_id, site_id, start, now, get_store().booked_counts
            )
        else:
            reason = slots.PAST if start <= now else None  # the rest once service and site known
        if reason is None:
            return {TIME: common.iso(start)}
        say_why(dispatcher, tracker, reason, start)
        return {TIME: None, HINT: common.iso(start)}

    async def validate_patient_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {NAME: None}
        name = " ".join(str(value).split())
        if name_problem(name):
            dispatcher.utter_message(response="utter_booking_name_invalid")
            return {NAME: None}
        return {NAME: name}


def _mentions_other_details(tracker: Tracker) -> bool:
    """Whether the latest message names a service, a site or a date (or is empty): then it
    is not a misunderstood answer to the question asked."""
    text = common.latest_text(tracker)
    catalogue = common.catalogue()
    return (
        not text
        or catalogue.match_service(text) is not None
        or catalogue.match_site(text) is not None
        or parse_when(text, common.now()) is not None
    )


def say_why(dispatcher: CollectingDispatcher, tracker: Tracker, reason: str, start: Any) -> None:
    """Tell the user why this time cannot be booked (the reasons of `slots.check_slot`)."""
    catalogue, language = common.catalogue(), current_language(tracker)
    service = catalogue.service(tracker.get_slot(SERVICE))
    site = catalogue.site(tracker.get_slot(SITE))
    values = {
        "when": messages.long_when(start, language),
        "day": messages.day_name(start.date(), language),
        "service_name": service.name(language) if service else "",
        "site_name": site.name(language) if site else "",
        "hours": messages.opening_hours(site, start.date(), language) if site else "",
    }
    dispatcher.utter_message(response=f"utter_booking_reason_{reason}", **values)
