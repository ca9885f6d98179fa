from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.language import ActionDetectLanguage, current_language


def tracker_with(detected, slot=None) -> Tracker:
    return Tracker(
        sender_id="someone",
        slots={"language": slot},
        latest_message={"text": "...", "intent": {"name": "greet"}, "language": detected},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


async def run(tracker: Tracker):
    dispatcher = CollectingDispatcher()
    events = await ActionDetectLanguage().run(dispatcher, tracker, {})
    assert dispatcher.messages == []
    return events


async def test_when_a_new_language_is_detected_then_the_slot_follows():
    assert await run(tracker_with("fr", slot="en")) == [SlotSet("language", "fr")]


async def test_when_the_language_is_unchanged_or_unclear_then_nothing_is_set():
    assert await run(tracker_with("fr", slot="fr")) == []
    assert await run(tracker_with(None, slot="fr")) == []
    assert await run(tracker_with("de", slot="fr")) == []


def test_when_the_slot_is_empty_then_the_bot_answers_in_english():
    assert current_language(tracker_with(None)) == "en"
    assert current_language(tracker_with(None, slot="fr")) == "fr"
