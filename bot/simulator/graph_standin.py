"""The simulator's Graph API stand-in: the bot's sends land here instead of at Meta's.

``make run`` starts it on 127.0.0.1 and points the WhatsApp connector at it. It answers the
Send API like Meta does (a ``wamid`` per message, error 190 without the access token, error 100
with the reason when a body breaks the schema) and relays every body, in order, with its schema
errors, to the simulator page's backend (``POST /simulator/api/outbox``, same bearer token).
Bodies are validated exactly as the test fake does (``bot.channels.whatsapp.contract``): against
Meta's spec when it is checked out next to the repository, else against the local schema.

Run alone: ``python -m bot.simulator.graph_standin --port 5006 --relay URL`` with the access
token in ``WHATSAPP_ACCESS_TOKEN``.
"""

from __future__ import annotations

import argparse
import asyncio
import hmac
import itertools
import json
import logging
import os
import signal
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from bot.channels.whatsapp.contract import default_schema_path, message_validator, schema_errors

logger = logging.getLogger(__name__)

RELAY_ATTEMPTS = 20
RELAY_RETRY_SECONDS = 0.5
HOST = "127.0.0.1"


class GraphStandIn:
    """The Send API stand-in and its in-order relay to the simulator page.

    Args:
        access_token: the bearer token the connector sends (and the relay presents).
        relay_url: where each sent body goes (the simulator's outbox), or ``None``.
        port: the port to listen on (0: any free one).
        schema_path: Meta's spec or a JSON schema; by default the spec, else the local schema.
    """

    def __init__(
        self,
        access_token: str,
        relay_url: str | None,
        port: int = 0,
        schema_path: str | None = None,
    ) -> None:
        self.access_token = access_token
        self.relay_url = relay_url
        self.port = port
        self.schema_path = schema_path or default_schema_path()
        self.relayed: list[dict[str, Any]] = []
        self._ids = itertools.count(1)
        self._queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._runner: web.AppRunner | None = None
        self._relay_task: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    async def _messages(self, request: web.Request) -> web.Response:
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if not token or not hmac.compare_digest(token.encode(), self.access_token.encode()):
            return _graph_error(401, 190, "Invalid OAuth access token")
        try:
            body = json.loads(await request.read())
        except ValueError:
            return _graph_error(400, 100, "the body is not JSON")
        errors = await asyncio.to_thread(schema_errors, body, self.schema_path)
        wamid = f"wamid.STANDIN{next(self._ids):08d}"
        self._queue.put_nowait({"wamid": wamid, "body": body, "errors": errors})
        if errors:
            return _graph_error(400, 100, "Invalid parameter: " + errors[0])
        to = body.get("to", "") if isinstance(body, dict) else ""
        return web.json_response(
            {
                "messaging_product": "whatsapp",
                "contacts": [{"input": to, "wa_id": to}],
                "messages": [{"id": wamid}],
            }
        )

    async def _media(self, request: web.Request) -> web.Response:
        """Meta's media upload (the booking's .ics): takes the file, answers an id."""
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if not token or not hmac.compare_digest(token.encode(), self.access_token.encode()):
            return _graph_error(401, 190, "Invalid OAuth access token")
        form = await request.post()
        if form.get("messaging_product") != "whatsapp" or not isinstance(
            form.get("file"), web.FileField
        ):
            return _graph_error(400, 100, "media upload needs messaging_product and file")
        return web.json_response({"id": f"STANDIN-MEDIA-{next(self._ids):08d}"})

    async def _relay_forever(self) -> None:
        """Relays each body to the page's backend, in the order the bot sent them."""
        while True:
            item = await self._queue.get()
            self.relayed.append(item)
            if self.relay_url:
                await self._relay(item)

    async def _relay(self, item: dict[str, Any]) -> None:
        assert self._session is not None and self.relay_url is not None
        headers = {"Authorization": f"Bearer {self.access_token}"}
        for _ in range(RELAY_ATTEMPTS):
            try:
                async with self._session.post(self.relay_url, json=item, headers=headers) as answer:
                    if answer.status < 500:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(RELAY_RETRY_SECONDS)
        logger.warning("Graph API stand-in: the simulator did not take message %s", item["wamid"])

    async def start(self) -> GraphStandIn:
        # Load the schema now (Meta's spec takes about a second), not inside the first send.
        await asyncio.to_thread(message_validator, self.schema_path)
        app = web.Application()
        app.router.add_post("/{version}/{phone_number_id}/messages", self._messages)
        app.router.add_post("/{version}/{phone_number_id}/media", self._media)
        app.router.add_get("/health", _health)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, HOST, self.port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        self._relay_task = asyncio.create_task(self._relay_forever())
        return self

    async def stop(self) -> None:
        if self._relay_task is not None:
            self._relay_task.cancel()
            self._relay_task = None
        if self._session is not None:
            await self._session.close()
            self._session = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> GraphStandIn:
        return await self.start()

    async def __aexit__(self, *_: Any) -> None:
        await self.stop()


async def _health(_request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def _graph_error(status: int, code: int, message: str) -> web.Response:
    payload = {"error": {"message": message, "type": "OAuthException", "code": code}}
    return web.json_response(payload, status=status)


async def _serve(port: int, relay_url: str, access_token: str) -> None:
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    # Stop cleanly on Ctrl-C and on SIGTERM, even when started with SIGINT ignored.
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopping.set)
    standin = await GraphStandIn(access_token, relay_url, port=port).start()
    schema = Path(standin.schema_path).name
    print(f"[vigie] Graph API stand-in on {standin.base_url} (checks: {schema})", flush=True)
    try:
        await stopping.wait()
    finally:
        await standin.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--relay", required=True, help="the simulator's outbox URL")
    options = parser.parse_args()
    token = os.environ.get("WHATSAPP_ACCESS_TOKEN", "")
    if not token:
        parser.error("WHATSAPP_ACCESS_TOKEN is not set")
    asyncio.run(_serve(options.port, options.relay, token))


if __name__ == "__main__":
    main()
