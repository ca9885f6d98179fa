"""Fixtures of the WhatsApp connector tests: the fake Graph API, a trained model, a real app."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from sanic import Sanic
from sanic_testing.testing import (
    ASGI_HOST,
    ASGI_PORT,
    SanicASGITestClient,
    TestingResponse,
)

from bot.channels.whatsapp import WhatsAppConfig, WhatsAppInput
from tests.bot.channels import whatsapp_payloads as p
from tests.fakes.graph_api import FakeGraphApi

REPO_ROOT = Path(__file__).resolve().parents[3]
# VIGIE_TEST_MODEL lets a developer point at another model; `make test` uses the trained one.
MODEL_PATH = Path(os.environ.get("VIGIE_TEST_MODEL", REPO_ROOT / "models" / "vigie.tar.gz"))
MODEL_MISSING = f"no trained model at {MODEL_PATH}: run `make train` first"

Sanic.test_mode = True  # several apps per process, as Rasa's own tests do


class OneLifeASGIClient(SanicASGITestClient):
    """sanic-testing's ASGI client without the server stop events it runs after every request.

    A real server runs them once, at exit; here the channel fixtures shut the channel down.
    """

    async def request(self, method, url, gather_request=True, *args, **kwargs):  # type: ignore
        self.sanic_app.router.reset()
        self.sanic_app.signal_router.reset()
        await self.sanic_app._startup()
        await self.sanic_app._server_event("init", "before")
        await self.sanic_app._server_event("init", "after")
        url = f"http://{ASGI_HOST}:{ASGI_PORT}{url}"
        self.gather_request = gather_request
        response = await httpx.AsyncClient.request(self, method, url, *args, **kwargs)
        response.__class__ = TestingResponse
        return None, response


@pytest.fixture(scope="session")
def model_path() -> Path:
    if not MODEL_PATH.is_file():
        pytest.skip(MODEL_MISSING)
    return MODEL_PATH


@pytest.fixture(scope="session")
def agent(model_path: Path) -> Any:
    """The real model, loaded once (no action server: Rasa warns and answers in English)."""
    from rasa.core.agent import Agent

    return Agent.load(str(model_path))


@pytest.fixture(autouse=True)
def no_eraser_left_behind():
    """A mounted channel registers an opt-out eraser globally; other test packages count them."""
    yield
    from bot.channels.whatsapp.input import ERASER_NAME
    from core.privacy.erasure import unregister_eraser

    unregister_eraser(ERASER_NAME)


@pytest.fixture
async def fake():
    async with FakeGraphApi() as server:
        yield server


@pytest.fixture
def make_config(fake: FakeGraphApi, tmp_path: Path) -> Callable[..., WhatsAppConfig]:
    def build(**overrides: Any) -> WhatsAppConfig:
        values: dict[str, Any] = {
            "verify_token": p.VERIFY_TOKEN,
            "app_secret": p.APP_SECRET,
            "access_token": p.ACCESS_TOKEN,
            "phone_number_id": p.PHONE_NUMBER_ID,
            "api_base_url": fake.base_url,
            "inbox_url": f"sqlite:///{tmp_path}/inbox.db",
            "send_max_attempts": 3,
            "max_body_bytes": 64 * 1024,
        }
        values.update(overrides)
        return WhatsAppConfig.from_credentials(values, environ={})

    return build


@pytest.fixture
def make_app(agent: Any) -> Callable[[WhatsAppInput], Sanic]:
    """``rasa.core.run.configure_app`` with the channel and the real agent, as `rasa run` does."""
    from rasa.core.run import configure_app

    def build(channel: WhatsAppInput) -> Sanic:
        app = configure_app([channel], enable_api=False, port=0)
        app.ctx.agent = agent
        app.ctx.client = OneLifeASGIClient(app)
        return app

    return build


@pytest.fixture
def sender() -> str:
    """A fresh WhatsApp id per test, so conversations of the shared agent never mix."""
    return "336" + str(uuid.uuid4().int)[:8]


@pytest.fixture
async def channel(make_config):
    whatsapp = WhatsAppInput(make_config())
    # Fast back-off in tests; the delays themselves are tested in test_client.py.
    whatsapp.client.base_delay = 0.01
    yield whatsapp
    await whatsapp.shutdown()


@pytest.fixture(scope="module")
def graph_api_process(tmp_path_factory):
    """The fake Graph API in a process of its own, for tests that run `rasa run`."""
    from tests.bot.channels.rasa_process import start_fake

    fake = start_fake(tmp_path_factory.mktemp("fake"))
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def action_server_port():
    """A real action server (`rasa run actions`) for tests that run `rasa run`; its port."""
    from scripts.processes import action_server_args, free_port, start, stop, wait_until_healthy

    port = free_port()
    process = start("action server", action_server_args(port))
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}/health", process, "action server")
        yield port
    finally:
        stop(process)
