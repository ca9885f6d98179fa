"""The side panel is read from the tracker's events: kinds only, never the numbers."""

from __future__ import annotations

from bot.simulator.panel import erasure_panel, turn_panel
from core.output_guard import BLOCKED_METADATA_KEY

MESSAGE_ID = "wamid.SIM1"


def user(text: str, message_id: str = MESSAGE_ID, **parse_data: object) -> dict:
    return {
        "event": "user",
        "text": text,
        "message_id": message_id,
        "metadata": {"message_id": message_id},
        "parse_data": parse_data,
    }


def action(name: str, policy: str | None = None) -> dict:
    return {"event": "action", "name": name, "policy": policy}


def bot(text: str, **metadata: object) -> dict:
    return {"event": "bot", "text": text, "metadata": metadata}


CARD_TURN = [
    {"event": "slot", "name": "language", "value": "fr"},
    user(
        "Ma carte est [payment_card]",
        intent={"name": "share_sensitive_number", "confidence": 1.0},
        guard={"findings": [{"kind": "payment_card", "start": 13, "end": 32}]},
    ),
    action("action_guard_sensitive_number", "GuardPolicy"),
    bot("Ne partagez jamais ici de numéro de carte."),
    action("action_listen", "GuardPolicy"),
]


def test_when_the_turn_is_saved_then_the_panel_shows_what_the_guards_did() -> None:
    panel = turn_panel(CARD_TURN, MESSAGE_ID)
    assert panel == {
        "kind": "turn",
        "message_id": MESSAGE_ID,
        "stored_text": "Ma carte est [payment_card]",
        "intent": "share_sensitive_number",
        "confidence": 1.0,
        "findings": ["payment_card"],
        "guard_actions": [{"name": "action_guard_sensitive_number", "policy": "GuardPolicy"}],
        "actions": ["action_guard_sensitive_number"],
        "blocked": [],
        "language": "fr",
    }


def test_when_the_bot_has_not_listened_again_then_the_turn_is_not_finished() -> None:
    assert turn_panel(CARD_TURN[:-1], MESSAGE_ID) is None


def test_when_the_message_is_not_in_the_tracker_then_there_is_no_panel() -> None:
    assert turn_panel(CARD_TURN, "wamid.OTHER") is None


def test_when_a_later_turn_exists_then_only_the_asked_turn_is_read() -> None:
    later = [user("bonjour", "wamid.SIM2", intent={"name": "greet", "confidence": 0.9})]
    later += [action("utter_greet", "RulePolicy"), action("action_listen", "RulePolicy")]
    panel = turn_panel(CARD_TURN + later, MESSAGE_ID)
    assert panel is not None and panel["actions"] == ["action_guard_sensitive_number"]
    second = turn_panel(CARD_TURN + later, "wamid.SIM2")
    assert second is not None
    assert (second["intent"], second["findings"], second["guard_actions"]) == ("greet", [], [])


def test_when_the_output_guard_replaced_a_message_then_its_kinds_are_shown() -> None:
    events = [
        user("promo ?", intent={"name": "faq/prices", "confidence": 0.71234}),
        bot("Désolé, je ne peux pas envoyer ce message.", **{BLOCKED_METADATA_KEY: ["promotion"]}),
        action("action_listen"),
    ]
    panel = turn_panel(events, MESSAGE_ID)
    assert panel is not None
    assert panel["blocked"] == [["promotion"]]
    assert panel["confidence"] == 0.712
    assert panel["language"] is None


def test_when_the_conversation_was_erased_then_the_receipt_has_counts_only() -> None:
    receipt = {"tracker_events": 31, "appointments_cancelled": 1, "whatsapp": 5}
    assert erasure_panel(MESSAGE_ID, receipt) == {
        "kind": "erasure",
        "message_id": MESSAGE_ID,
        "erased": receipt,
    }
