import pytest

from core.language import detect_language


@pytest.mark.parametrize(
    "text, expected",
    [
        ("hello", "en"),
        ("Where is the town hall?", "en"),
        ("in English please", "en"),
        ("when are the bins collected", "en"),
        ("bonjour", "fr"),
        ("Bonjour, où est la mairie ?", "fr"),
        ("ou est la mairie", "fr"),  # no accents
        ("en français svp", "fr"),
        ("FRANCAIS", "fr"),
        ("je voudrais des infos sur le vaccin", "fr"),
        ("merci beaucoup", "fr"),
        ("thanks a lot", "en"),
        ("ça coûte combien ?", "fr"),
    ],
)
def test_when_the_message_is_clear_then_its_language_is_detected(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["ok", "?", "", "123 456", "👍", "/menu_health", "Vaccination"])
def test_when_the_message_gives_no_signal_then_no_language_is_claimed(text):
    assert detect_language(text) is None
