"""The Graph API stand-in answers like Meta and relays every send, in order, to the page."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from bot.channels.whatsapp import outbound
from bot.simulator.graph_standin import GraphStandIn

TOKEN = "local-access-token"
USER = "33612345678"


class Outbox:
    """The simulator's outbox, as the stand-in sees it: it records what it is given."""

    def __init__(self) -> None:
        self.received: list[tuple[str, dict[str, Any]]] = []
        self.changed = asyncio.Condition()
        self.url = ""

    async def take(self, request: web.Request) -> web.Response:
        self.received.append((request.headers.get("Authorization", ""), await request.json()))
        async with self.changed:
            self.changed.notify_all()
        return web.json_response({"ok": True})

    async def wait_for(self, count: int) -> list[dict[str, Any]]:
        async with self.changed:
            await asyncio.wait_for(self.changed.wait_for(lambda: len(self.received) >= count), 10)
        return [item for _, item in self.received]


@pytest.fixture
async def outbox() -> AsyncIterator[Outbox]:
    box = Outbox()
    app = web.Application()
    app.router.add_post("/simulator/api/outbox", box.take)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    box.url = f"http://127.0.0.1:{port}/simulator/api/outbox"
    yield box
    await runner.cleanup()


@pytest.fixture
async def standin(outbox: Outbox) -> AsyncIterator[GraphStandIn]:
    async with GraphStandIn(TOKEN, outbox.url) as server:
        yield server


async def post(standin: GraphStandIn, body: Any, token: str = TOKEN) -> tuple[int, dict]:
    url = f"{standin.base_url}/v23.0/100000000000002/messages"
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json=body, headers={"Authorization": f"Bearer {token}"}) as answer,
    ):
        return answer.status, await answer.json()


async def test_when_the_bot_sends_then_it_gets_a_wamid_and_the_page_gets_the_body(
    standin: GraphStandIn, outbox: Outbox
) -> None:
    bodies = [
        *outbound.text_bodies(USER, "Bonjour !"),
        *outbound.buttons_bodies(USER, "Confirmer ?", [{"title": "Oui", "payload": "/affirm"}]),
    ]
    answers = [await post(standin, body) for body in bodies]
    assert [status for status, _ in answers] == [200, 200]
    wamids = [answer["messages"][0]["id"] for _, answer in answers]
    relayed = await outbox.wait_for(2)
    assert [item["body"] for item in relayed] == bodies
    assert [item["wamid"] for item in relayed] == wamids
    assert all(item["errors"] == [] for item in relayed)
    assert {auth for auth, _ in outbox.received} == {f"Bearer {TOKEN}"}


async def test_when_the_token_is_wrong_then_it_answers_error_190_and_relays_nothing(
    standin: GraphStandIn, outbox: Outbox
) -> None:
    status, answer = await post(standin, outbound.text_bodies(USER, "hi")[0], token="stolen")
    assert (status, answer["error"]["code"]) == (401, 190)
    assert standin.relayed == [] and outbox.received == []


async def test_when_a_body_breaks_the_schema_then_it_is_refused_and_the_page_sees_why(
    standin: GraphStandIn, outbox: Outbox
) -> None:
    too_many = {"type": "reply", "reply": {"id": "x", "title": "a title far beyond twenty"}}
    body = outbound.envelope(
        USER,
        "interactive",
        {"type": "button", "body": {"text": "?"}, "action": {"buttons": [too_many]}},
    )
    status, answer = await post(standin, body)
    assert (status, answer["error"]["code"]) == (400, 100)
    (relayed,) = await outbox.wait_for(1)
    assert relayed["body"] == body and relayed["errors"]
