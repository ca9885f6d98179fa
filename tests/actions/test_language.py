from rasa_sdk import Tracker

from actions.language import current_language


def tracker_with(slot=None) -> Tracker:
    return Tracker(
        sender_id="someone",
        slots={"language": slot},
        latest_message={"text": "...", "intent": {"name": "greet"}},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def test_when_the_slot_is_empty_then_the_bot_answers_in_english():
    assert current_language(tracker_with(None)) == "en"
    assert current_language(tracker_with("fr")) == "fr"
    assert current_language(tracker_with("de")) == "en"
