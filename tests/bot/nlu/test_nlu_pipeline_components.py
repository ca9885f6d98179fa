"""The tokenizer, spelling corrector and guard floor on real Rasa messages and model storage."""

from pathlib import Path

from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.guard_intent_floor import GuardIntentFloor
from bot.nlu.normalising_tokenizer import NormalisingTokenizer
from bot.nlu.spelling_corrector import SpellingCorrector

CONTEXT = ExecutionContext(graph_schema=None, model_id="test")  # type: ignore[arg-type]


def tokenizer() -> NormalisingTokenizer:
    return NormalisingTokenizer({**NormalisingTokenizer.get_default_config()})


def tokens(message: Message) -> list[str]:
    return [token.text for token in message.get("text_tokens")]


def test_tokens_are_folded_but_the_text_is_kept_as_typed():
    message = Message(data={"text": "Jvoudrais un RDV à la Mairie stp 😀"})
    tokenizer().process([message])

    assert tokens(message) == ["je", "voudrais", "un", "rendez", "vous", "a", "la", "mairie", "svp"]
    assert message.get("text") == "Jvoudrais un RDV à la Mairie stp 😀"
    rdv = message.get("text_tokens")[3]
    assert message.get("text")[rdv.start : rdv.end] == "RDV"


def test_the_corrector_learns_the_training_words_and_reloads_them(tmp_path: Path):
    storage = LocalModelStorage(tmp_path)
    resource = Resource("spelling")
    examples = [Message(data={"text": t, "intent": "x"}) for t in ("cancel my appointment",)]
    training = tokenizer().process_training_data(TrainingData(examples))
    SpellingCorrector.create({}, storage, resource, CONTEXT).train(training)

    loaded = SpellingCorrector.load({}, storage, resource, CONTEXT)
    message = Message(data={"text": "cancle my apointment Dupont"})
    loaded.process(tokenizer().process([message]))

    assert tokens(message) == ["cancel", "my", "appointment", "dupont"]
    assert message.get("text") == "cancle my apointment Dupont"


def floor(intent: str, confidence: float) -> Message:
    ranking = [{"name": intent, "confidence": confidence}, {"name": "greet", "confidence": 0.1}]
    message = Message(data={"text": "...", "intent": ranking[0], "intent_ranking": ranking})
    GuardIntentFloor.create({"threshold": 0.7}, None, None, CONTEXT).process([message])  # type: ignore[arg-type]
    return message


def test_a_guard_intent_guessed_below_the_floor_becomes_a_fallback_with_its_ranking():
    message = floor("buy_product", 0.58)

    assert message.get("intent") == {"name": "nlu_fallback", "confidence": 0.7}
    assert [r["name"] for r in message.get("intent_ranking")] == [
        "nlu_fallback",
        "buy_product",
        "greet",
    ]


def test_an_opt_out_guessed_below_the_floor_is_kept_because_a_guess_only_asks():
    assert floor("opt_out", 0.45).get("intent") == {"name": "opt_out", "confidence": 0.45}


def test_certain_guard_intents_and_ordinary_topics_are_left_alone():
    assert floor("opt_out", 1.0).get("intent") == {"name": "opt_out", "confidence": 1.0}
    assert floor("buy_product", 0.9).get("intent")["name"] == "buy_product"
    assert floor("municipal_waste", 0.35).get("intent")["name"] == "municipal_waste"
