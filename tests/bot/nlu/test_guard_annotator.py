import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.guard_annotator import GuardAnnotator

CARD = "4970 1012 3456 7893"


def annotate(text: str, intent: str = "greet") -> Message:
    message = Message(
        data={
            "text": text,
            "intent": {"name": intent, "confidence": 0.8},
            "intent_ranking": [{"name": intent, "confidence": 0.8}],
        }
    )
    GuardAnnotator().process([message])
    return message


@pytest.mark.parametrize(
    "text, intent",
    [
        ("STOP", "opt_out"),
        ("je ne veux plus recevoir vos messages", "opt_out"),
        (f"my card is {CARD}", "share_sensitive_number"),
        ("IBAN FR76 3000 6000 0112 3456 7890 189", "share_sensitive_number"),
        ("can I buy paracetamol from you?", "buy_product"),
        ("je voudrais commander un tensiomètre", "buy_product"),
        ("my dad fell and he's breathing strangely, who do I call?", "emergency"),
        ("STOP il ne respire plus", "emergency"),  # a life before an opt-out
    ],
)
def test_when_a_guard_fires_then_the_intent_says_so_with_certainty(text, intent):
    message = annotate(text)

    assert message.get("intent") == {"name": intent, "confidence": 1.0}
    assert message.get("intent_ranking")[0]["name"] == intent
    assert message.get("guard")["findings"]


def test_when_a_number_is_found_then_its_span_is_kept_but_not_its_digits():
    message = annotate(f"card {CARD} ok")

    [finding] = message.get("guard")["findings"]
    assert finding == {"kind": "payment_card", "start": 5, "end": 5 + len(CARD)}
    assert "4970" not in str(message.as_dict(only_output_properties=True)["guard"])


@pytest.mark.parametrize("text", ["can I stop by tomorrow?", "what is paracetamol for?", "hello"])
def test_when_nothing_is_found_then_the_intent_is_left_alone(text):
    message = annotate(text, intent="faq")

    assert message.get("intent")["name"] == "faq"
    assert message.get("guard") == {"findings": []}


def test_when_a_message_describes_an_emergency_then_its_finding_comes_first():
    message = annotate(f"my card is {CARD} and my son is unconscious")

    findings = message.get("guard")["findings"]
    assert findings[0] == {"kind": "emergency"}
    assert [f["kind"] for f in findings[1:]] == ["payment_card"]


def test_when_a_message_has_only_danger_words_then_the_finding_is_kept_but_not_the_intent():
    message = annotate("my son is bleeding from the knee, which pharmacy is open?", intent="faq")

    assert message.get("intent")["name"] == "faq"
    assert message.get("guard")["findings"] == [{"kind": "possible_emergency"}]


def annotate_redacted(text: str, kinds: list[str]) -> Message:
    """A message as a redacting channel hands it over: placeholders, kinds in the metadata."""
    message = Message(
        data={
            "text": text,
            "metadata": {"redacted_kinds": kinds},
            "intent": {"name": "greet", "confidence": 0.8},
            "intent_ranking": [{"name": "greet", "confidence": 0.8}],
        }
    )
    GuardAnnotator().process([message])
    return message


def test_when_a_channel_redacted_a_number_then_the_guard_still_fires_on_the_placeholder():
    message = annotate_redacted("my iban is [iban]", ["iban"])

    assert message.get("intent") == {"name": "share_sensitive_number", "confidence": 1.0}
    assert message.get("guard")["findings"] == [{"kind": "iban", "start": 11, "end": 17}]


def test_when_the_metadata_lists_unknown_kinds_then_they_are_ignored():
    message = annotate_redacted("hello", ["opt_out", "nonsense"])

    assert message.get("intent")["name"] == "greet"
    assert message.get("guard") == {"findings": []}


@pytest.mark.parametrize("text", ["START", "start!", " Start. ", "UNSTOP"])
def test_when_the_whole_message_is_the_opt_in_keyword_then_the_intent_is_opt_in(text):
    message = annotate(text, intent="nlu_fallback")

    assert message.get("intent") == {"name": "opt_in", "confidence": 1.0}
    assert message.get("intent_ranking")[0]["name"] == "opt_in"


@pytest.mark.parametrize("text", ["start over", "when does the vaccination start?", "restart"])
def test_when_start_is_part_of_a_question_then_the_intent_is_left_alone(text):
    message = annotate(text, intent="faq")

    assert message.get("intent")["name"] == "faq"
