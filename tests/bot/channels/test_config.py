import pytest

from bot.channels.whatsapp import WhatsAppInput
from bot.channels.whatsapp.config import REQUIRED_KEYS, WhatsAppConfig, WhatsAppConfigError

FULL = {
    "verify_token": "v",
    "app_secret": "s",
    "access_token": "a",
    "phone_number_id": "123",
}


def test_when_all_required_keys_given_then_defaults_fill_the_rest():
    config = WhatsAppConfig.from_credentials(FULL, environ={})
    assert config.api_base_url == "https://graph.facebook.com"
    assert config.api_version == "v23.0"
    assert config.messages_url == "https://graph.facebook.com/v23.0/123/messages"
    assert config.inbox_url.startswith("sqlite:///")
    assert config.dedup_ttl_seconds == 7 * 24 * 3600


@pytest.mark.parametrize("key", REQUIRED_KEYS)
def test_when_a_required_key_is_missing_then_the_error_names_it(key):
    credentials = {k: v for k, v in FULL.items() if k != key}
    with pytest.raises(WhatsAppConfigError, match=f"'{key}'.*WHATSAPP_{key.upper()}"):
        WhatsAppConfig.from_credentials(credentials, environ={})


def test_when_keys_are_empty_then_environment_variables_are_used():
    environ = {
        "WHATSAPP_VERIFY_TOKEN": "ev",
        "WHATSAPP_APP_SECRET": "es",
        "WHATSAPP_ACCESS_TOKEN": "ea",
        "WHATSAPP_PHONE_NUMBER_ID": "999",
        "WHATSAPP_API_VERSION": "v24.0",
        "WHATSAPP_DEDUP_TTL_SECONDS": "60",
    }
    config = WhatsAppConfig.from_credentials({"verify_token": "", "app_secret": None}, environ)
    assert (config.verify_token, config.app_secret, config.phone_number_id) == ("ev", "es", "999")
    assert config.api_version == "v24.0"
    assert config.dedup_ttl_seconds == 60


def test_when_a_number_is_not_a_number_then_the_error_names_the_key():
    with pytest.raises(WhatsAppConfigError, match="dedup_ttl_seconds"):
        WhatsAppConfig.from_credentials({**FULL, "dedup_ttl_seconds": "soon"}, environ={})


def test_when_rasa_builds_the_channel_from_credentials_then_it_is_named_whatsapp(monkeypatch):
    for key in REQUIRED_KEYS:
        monkeypatch.delenv(f"WHATSAPP_{key.upper()}", raising=False)
    with pytest.raises(WhatsAppConfigError, match="verify_token"):
        WhatsAppInput.from_credentials(None)
    channel = WhatsAppInput.from_credentials({**FULL, "inbox_url": "sqlite:///:memory:"})
    assert channel.name() == "whatsapp"
    assert channel.url_prefix() == "whatsapp"


def test_when_no_instance_id_is_set_then_the_host_name_names_the_instance():
    import socket

    required = {"verify_token": "v", "app_secret": "s", "access_token": "a", "phone_number_id": "1"}
    assert WhatsAppConfig.from_credentials(required, environ={}).owner == socket.gethostname()
    named = WhatsAppConfig.from_credentials(required, environ={"WHATSAPP_INSTANCE_ID": "bot-2"})
    assert named.owner == "bot-2"
