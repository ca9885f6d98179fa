"""The first stage of the fallback: when the NLU is unsure, offer the likeliest topics.

A message the FallbackClassifier could not settle (`nlu_fallback`: low confidence, or two
intents too close) usually has the right topic among the classifier's top few. Instead of
"Sorry, I didn't understand", the bot asks "Did you mean...?" with a button for each of the
two or three likeliest topics, plus "Something else". A topic can be offered only when
domain.yml gives it a button title, the response `utter_suggest_<intent>` (in English and
French, up to 20 characters): conversation designers choose there what may be suggested, and
intents with no title (the guards, yes/no, greetings) are never offered. When no topic is
likely enough the bot asks to rephrase, as before; a second fallback in a row gives up with
the main menu or a person (rules in data/rules/basics.yml).

Imports only rasa_sdk, so it runs on any action server.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

FALLBACK_INTENT = "nlu_fallback"
TITLE_PREFIX = "utter_suggest_"
QUESTION_RESPONSE = "utter_suggest_topics"
SOMETHING_ELSE_RESPONSE = "utter_suggest_something_else"
SOMETHING_ELSE_PAYLOAD = "/something_else"
REPHRASE_RESPONSE = "utter_ask_rephrase"
LANGUAGE_SLOT = "language"

#: At most this many topics besides "Something else" (four buttons make a WhatsApp list).
MAX_SUGGESTIONS = 3
#: A topic this unlikely is noise, not a suggestion.
MIN_CONFIDENCE = 0.05


def _matches_language(variation: dict[str, Any], language: str | None) -> bool:
    conditions = variation.get("condition") or []
    return any(
        c.get("type") == "slot" and c.get("name") == LANGUAGE_SLOT and c.get("value") == language
        for c in conditions
    )


def response_text(domain: dict[str, Any], name: str, language: str | None) -> str | None:
    """The text of response `name` in `language`, else its unconditioned (English) text."""
    variations = (domain.get("responses") or {}).get(name) or []
    for variation in variations:
        if _matches_language(variation, language) and variation.get("text"):
            return str(variation["text"])
    for variation in variations:
        if not variation.get("condition") and variation.get("text"):
            return str(variation["text"])
    return None


def likeliest_topics(ranking: list[dict[str, Any]], domain: dict[str, Any]) -> list[str]:
    """The intents to offer, likeliest first: titled in the domain and likely enough."""
    responses = domain.get("responses") or {}
    topics: list[str] = []
    for row in ranking:
        name = str(row.get("name") or "")
        confidence = float(row.get("confidence") or 0.0)
        if name == FALLBACK_INTENT or name in topics or confidence < MIN_CONFIDENCE:
            continue
        if f"{TITLE_PREFIX}{name}" in responses:
            topics.append(name)
        if len(topics) == MAX_SUGGESTIONS:
            break
    return topics


def suggestion_buttons(
    topics: list[str], domain: dict[str, Any], language: str | None
) -> list[dict[str, str]]:
    """One button per topic, then "Something else"; titles from the domain responses."""
    buttons = []
    for topic in topics:
        title = response_text(domain, f"{TITLE_PREFIX}{topic}", language)
        if title:
            buttons.append({"title": title, "payload": f"/{topic}"})
    other = response_text(domain, SOMETHING_ELSE_RESPONSE, language)
    if buttons and other:
        buttons.append({"title": other, "payload": SOMETHING_ELSE_PAYLOAD})
    return buttons


class ActionSuggestTopics(Action):
    """Answers an unsure parse with the likeliest topics as buttons, else asks to rephrase."""

    def name(self) -> str:
        return "action_suggest_topics"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[EventType]:
        ranking = tracker.latest_message.get("intent_ranking") or []
        language = tracker.get_slot(LANGUAGE_SLOT)
        buttons = suggestion_buttons(likeliest_topics(ranking, domain), domain, language)
        if buttons:
            dispatcher.utter_message(response=QUESTION_RESPONSE, buttons=buttons)
        else:
            dispatcher.utter_message(response=REPHRASE_RESPONSE)
        return []
