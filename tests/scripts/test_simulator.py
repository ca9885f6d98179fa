"""`make run`'s simulator settings drive a real connector config that only talks to 127.0.0.1."""

from __future__ import annotations

from bot.channels.whatsapp.config import WhatsAppConfig
from bot.simulator.settings import is_loopback_url, simulator_enabled
from scripts.simulator import local_simulator


def test_the_local_credentials_make_a_valid_connector_that_sends_to_the_stand_in() -> None:
    simulator = local_simulator(port=5005, standin_port=5006)
    config = WhatsAppConfig.from_credentials(None, environ=simulator.environment)
    assert config.messages_url.startswith("http://127.0.0.1:5006/")
    assert is_loopback_url(config.api_base_url)
    assert simulator_enabled(simulator.environment)
    assert simulator.page_url == "http://127.0.0.1:5005/simulator/"
    assert "--relay" in simulator.standin_args()
    assert "http://127.0.0.1:5005/simulator/api/outbox" in simulator.standin_args()


def test_each_run_makes_up_its_own_secrets() -> None:
    first = local_simulator(5005, 5006).environment
    second = local_simulator(5005, 5006).environment
    for name in ("WHATSAPP_APP_SECRET", "WHATSAPP_ACCESS_TOKEN", "WHATSAPP_VERIFY_TOKEN"):
        assert first[name] != second[name] and len(first[name]) >= 16


def test_the_simulator_is_off_unless_turned_on() -> None:
    assert not simulator_enabled({})
    assert not simulator_enabled({"VIGIE_SIMULATOR": "off"})
    assert simulator_enabled({"VIGIE_SIMULATOR": "ON"})


def test_only_this_machine_counts_as_local() -> None:
    for url in ("http://127.0.0.1:5006", "http://localhost:1", "http://[::1]:8080/x"):
        assert is_loopback_url(url), url
    for url in ("https://graph.facebook.com", "http://10.0.0.2:5006", "http://127.0.0.1.nip.io"):
        assert not is_loopback_url(url), url
