from rasa_sdk.executor import CollectingDispatcher

import actions  # noqa: F401  (installs the output guard, as the action server does)
from core.output_guard import BLOCKED_METADATA_KEY


def test_when_an_action_writes_a_request_for_an_iban_then_the_blocked_response_is_sent():
    dispatcher = CollectingDispatcher()

    dispatcher.utter_message(text="Please give me your IBAN to finish the booking.")
    dispatcher.utter_message(text="Your appointment is confirmed.")

    assert [m["response"] for m in dispatcher.messages] == ["utter_guard_blocked", None]
    assert dispatcher.messages[1]["text"] == "Your appointment is confirmed."
    assert dispatcher.messages[0][BLOCKED_METADATA_KEY] == ["sensitive_request"]
    assert BLOCKED_METADATA_KEY not in dispatcher.messages[1]


def test_when_an_action_passes_text_buttons_or_json_in_any_way_then_each_is_checked():
    dispatcher = CollectingDispatcher()
    offer = [{"title": "20% off masks this week only", "payload": "/menu"}]

    dispatcher.utter_message("Hello", None, None, None, None, None, offer)  # positional buttons
    dispatcher.utter_message(json_message={"body": "Reply with your card number to confirm"})
    dispatcher.utter_message(image="https://example.org/a.png", caption="Order our vitamin C today")
    dispatcher.utter_message(elements=[{"title": "Send us your IBAN"}])
    dispatcher.utter_message(text="See you at the town hall.", buttons=[{"title": "Menu"}])

    assert [m["response"] for m in dispatcher.messages] == ["utter_guard_blocked"] * 4 + [None]
