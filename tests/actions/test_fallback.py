from pathlib import Path

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import (
    MAX_SUGGESTIONS,
    ActionSuggestTopics,
    likeliest_topics,
    response_text,
)

DOMAIN = yaml.safe_load((Path(__file__).parents[2] / "domain.yml").read_text(encoding="utf-8"))
GUARD_INTENTS = ("opt_out", "opt_in", "buy_product", "share_sensitive_number")


def ranking(*rows: tuple[str, float]) -> list[dict]:
    return [{"name": name, "confidence": confidence} for name, confidence in rows]


def tracker_with(rows: list[dict], language: str | None = "en") -> Tracker:
    return Tracker(
        sender_id="someone",
        slots={"language": language},
        latest_message={
            "text": "...",
            "intent": {"name": "nlu_fallback", "confidence": 0.45},
            "intent_ranking": rows,
        },
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


async def run(tracker: Tracker) -> list[dict]:
    dispatcher = CollectingDispatcher()
    assert await ActionSuggestTopics().run(dispatcher, tracker, DOMAIN) == []
    return dispatcher.messages


UNSURE = ranking(
    ("nlu_fallback", 0.45),
    ("list_appointments", 0.32),
    ("book_appointment", 0.23),
    ("reschedule_appointment", 0.11),
    ("municipal_civil_registry", 0.08),
)


async def test_when_unsure_then_the_three_likeliest_topics_and_something_else_are_offered():
    [message] = await run(tracker_with(UNSURE, "en"))
    assert message["response"] == "utter_suggest_topics"
    assert message["buttons"] == [
        {"title": "My appointments", "payload": "/list_appointments"},
        {"title": "Book appointment", "payload": "/book_appointment"},
        {"title": "Move appointment", "payload": "/reschedule_appointment"},
        {"title": "Something else", "payload": "/something_else"},
    ]


async def test_when_the_user_writes_french_then_the_titles_are_french():
    [message] = await run(tracker_with(UNSURE, "fr"))
    assert [b["title"] for b in message["buttons"]] == [
        "Mes rendez-vous",
        "Prendre rendez-vous",
        "Déplacer rendez-vous",
        "Autre chose",
    ]


async def test_guard_and_untitled_intents_are_never_offered():
    rows = ranking(
        ("nlu_fallback", 0.45),
        ("opt_out", 0.39),
        ("share_sensitive_number", 0.2),
        ("affirm", 0.15),
        ("social_contact", 0.12),
        ("inform", 0.1),
    )
    [message] = await run(tracker_with(rows))
    assert [b["payload"] for b in message["buttons"]] == ["/social_contact", "/something_else"]


async def test_when_no_topic_is_likely_enough_then_the_bot_asks_to_rephrase():
    rows = ranking(("nlu_fallback", 0.45), ("goodbye", 0.3), ("municipal_waste", 0.01))
    [message] = await run(tracker_with(rows))
    assert message["response"] == "utter_ask_rephrase"
    assert message["buttons"] == []


async def test_a_typed_nlu_fallback_payload_has_no_ranking_and_asks_to_rephrase():
    [message] = await run(tracker_with(ranking(("nlu_fallback", 1.0))))
    assert message["response"] == "utter_ask_rephrase"


def test_never_more_than_the_maximum_of_topics():
    rows = ranking(*[(intent, 0.1) for intent in ("health_testing", "social_housing")] * 3)
    assert likeliest_topics(rows, DOMAIN) == ["health_testing", "social_housing"]
    many = ranking(
        ("health_testing", 0.3),
        ("social_housing", 0.2),
        ("municipal_waste", 0.2),
        ("economy_apply", 0.1),
    )
    assert len(likeliest_topics(many, DOMAIN)) == MAX_SUGGESTIONS


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_title_fits_a_whatsapp_button_in_both_languages(language: str):
    titles = [name for name in DOMAIN["responses"] if name.startswith("utter_suggest_")]
    titles.remove("utter_suggest_topics")
    assert len(titles) > 20
    for name in titles:
        text = response_text(DOMAIN, name, language)
        assert text and len(text) <= 20, name
    for intent in GUARD_INTENTS:
        assert f"utter_suggest_{intent}" not in DOMAIN["responses"]


def test_every_suggested_topic_is_an_intent_of_the_domain():
    intents = set(DOMAIN["intents"])
    for name in DOMAIN["responses"]:
        if name.startswith("utter_suggest_") and name not in (
            "utter_suggest_topics",
            "utter_suggest_something_else",
        ):
            assert name.removeprefix("utter_suggest_") in intents, name
