from rasa.shared.nlu.training_data.message import Message

from bot.nlu.language_detector import LanguageDetector


def test_when_messages_are_processed_then_each_gets_its_language_in_the_output():
    detector = LanguageDetector()
    messages = [Message(data={"text": t}) for t in ("bonjour", "hello there", "ok")]

    detector.process(messages)

    assert [m.get("language") for m in messages] == ["fr", "en", None]
    assert "language" in messages[0].as_dict(only_output_properties=True)
