"""The simulator's routes on Rasa's own app: off by default, self-contained, never without a
local WhatsApp connector to drive. Served for real on 127.0.0.1 (a loopback client)."""

from __future__ import annotations

import re

import pytest
from rasa.core.run import configure_app
from sanic_testing.testing import SanicTestClient

from bot.simulator import SimulatorInput
from bot.simulator.channel import ASSETS, STATIC


def client(enabled: bool) -> SanicTestClient:
    app = configure_app([SimulatorInput(enabled=enabled)], enable_api=False, port=0)
    return SanicTestClient(app, port=None)


def test_when_the_simulator_is_not_enabled_then_its_page_is_not_served() -> None:
    _, answer = client(enabled=False).get("/simulator/")
    assert answer.status == 404
    assert "VIGIE_SIMULATOR" in answer.text


def test_when_enabled_then_the_page_and_its_assets_are_served_from_the_package() -> None:
    simulator = client(enabled=True)
    _, page = simulator.get("/simulator/")
    assert page.status == 200 and "text/html" in page.headers["content-type"]
    for name, kind in ASSETS.items():
        _, asset = simulator.get(f"/simulator/static/{name}")
        assert (asset.status, asset.headers["content-type"]) == (200, kind)
    _, elsewhere = simulator.get("/simulator/static/channel.py")
    assert elsewhere.status == 404


@pytest.mark.parametrize("name", ["index.html", *ASSETS])
def test_the_page_loads_nothing_from_outside(name: str) -> None:
    text = (STATIC / name).read_text(encoding="utf-8")
    assert not re.search(r"(src|href)=[\"'](https?:)?//", text), "no CDN, no remote asset"
    assert "@import" not in text and "fonts.googleapis" not in text
    assert not re.search(r"fetch\([\"'`]https?:", text)


def test_when_there_is_no_whatsapp_channel_then_the_simulator_says_so() -> None:
    simulator = client(enabled=True)
    _, status = simulator.get("/simulator/api/status")
    assert status.json["problem"] == "the WhatsApp channel is not configured (credentials)"
    action = {"type": "text", "text": "Bonjour"}
    _, sent = simulator.post("/simulator/api/send", json={"user": "336", "action": action})
    assert sent.status == 503
