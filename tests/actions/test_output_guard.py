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
