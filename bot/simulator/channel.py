"""``SimulatorInput``: the simulator page and its API, under ``/simulator/`` of Rasa's server.

It is a Rasa input channel only to be mounted on Rasa's web server: it never hands messages to
Rasa itself. What the page's user does is posted as a signed webhook to the real WhatsApp
connector (``/webhooks/whatsapp/webhook``); what the bot sends reaches the Graph API stand-in,
which relays it here (``POST /simulator/api/outbox``); both are pushed to the page as
server-sent events (``GET /simulator/api/events``). Once the tracker store holds a turn, its
panel is pushed too.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.whatsapp import WhatsAppInput
from bot.simulator.hub import Hub, sse_frame
from bot.simulator.panel import erasure_panel, turn_panel
from bot.simulator.settings import (
    ENABLED_VARIABLE,
    is_loopback_host,
    is_loopback_url,
    simulator_enabled,
)
from bot.simulator.webhooks import SimulatedMessageError, build_webhook
from core.privacy.registry import privacy_registry

logger = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
ASSETS = {
    "simulator.css": "text/css; charset=utf-8",
    "simulator.js": "text/javascript; charset=utf-8",
    "favicon.svg": "image/svg+xml",
}
KEEPALIVE_SECONDS = 15.0
TURN_POLL_SECONDS = 0.2
TURN_TIMEOUT_SECONDS = 120.0
WEBHOOK_TIMEOUT_SECONDS = 30.0


class SimulatorInput(InputChannel):
    """The WhatsApp simulator page (local only; off unless ``VIGIE_SIMULATOR`` is on)."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = simulator_enabled() if enabled is None else enabled
        self.hub = Hub()
        self._session: aiohttp.ClientSession | None = None
        self._watchers: set[asyncio.Task[None]] = set()

    @classmethod
    def name(cls) -> str:
        return "simulator"

    def url_prefix(self) -> str:
        # Absolute: Rasa joins it to "/webhooks/", so the page is at /simulator/.
        return "/simulator"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> SimulatorInput:
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        simulator = Blueprint(f"simulator_{id(self)}", __name__)
        if not self.enabled:

            @simulator.route("/", methods=["GET"])
            async def off(_request: Request) -> HTTPResponse:
                return response.text(f"The simulator is off (set {ENABLED_VARIABLE}=on).", 404)

            return simulator

        @simulator.middleware("request")
        async def local_only(request: Request) -> HTTPResponse | None:
            if not is_loopback_host(request.ip):
                return response.text("The simulator answers this machine only.", status=403)
            return None

        @simulator.listener("before_server_stop")
        async def stop(_app: Any, _loop: Any) -> None:
            await self.shutdown()

        @simulator.route("/", methods=["GET"])
        async def page(_request: Request) -> HTTPResponse:
            return await response.file(STATIC / "index.html", mime_type="text/html; charset=utf-8")

        @simulator.route("/static/<name>", methods=["GET"])
        async def asset(_request: Request, name: str) -> HTTPResponse:
            if name not in ASSETS:
                return response.text("not found", status=404)
            return await response.file(STATIC / name, mime_type=ASSETS[name])

        @simulator.route("/api/status", methods=["GET"])
        async def status(request: Request) -> HTTPResponse:
            connector, problem = self._connector(request.app)
            agent = getattr(request.app.ctx, "agent", None)
            return response.json(
                {
                    "problem": problem,
                    "bot_ready": bool(agent is not None and agent.is_ready()),
                    "phone_number_id": connector.config.phone_number_id if connector else None,
                }
            )

        @simulator.route("/api/send", methods=["POST"])
        async def send(request: Request) -> HTTPResponse:
            return await self._send(request)

        @simulator.route("/api/outbox", methods=["POST"])
        async def outbox(request: Request) -> HTTPResponse:
            return self._outbox(request)

        @simulator.route("/api/events", methods=["GET"])
        async def events(request: Request) -> None:
            await self._stream(request)

        return simulator

    # ------------------------------------------------------------------ the connector
    @staticmethod
    def _connector(app: Any) -> tuple[WhatsAppInput | None, str | None]:
        """The WhatsApp connector to drive, or why the simulator cannot drive it."""
        channels = getattr(app.ctx, "input_channels", None) or []
        connector = next((c for c in channels if isinstance(c, WhatsAppInput)), None)
        if connector is None:
            return None, "the WhatsApp channel is not configured (credentials)"
        if not is_loopback_url(connector.config.api_base_url):
            # Simulated conversations must never reach Meta.
            return None, "the WhatsApp channel sends to a non-local Graph API"
        return connector, None

    async def _send(self, request: Request) -> HTTPResponse:
        """Posts what the page's user did to the connector as a signed Meta webhook."""
        connector, problem = self._connector(request.app)
        if connector is None:
            return response.json({"error": problem}, status=503)
        data = _json_object(request)
        user = str(data.get("user") or "")
        action = data["action"] if isinstance(data.get("action"), dict) else {}
        name = str(data.get("name") or "Simulator")[:64]
        try:
            message_id, body, headers = build_webhook(
                action,
                user,
                connector.config.phone_number_id,
                connector.config.app_secret,
                profile_name=name,
            )
        except SimulatedMessageError as error:
            return response.json({"error": str(error)}, status=400)
        erasures_before = len(await asyncio.to_thread(privacy_registry().erasures, user))
        self.hub.publish(user, {"type": "user", "message_id": message_id, "action": action})
        url = f"http://127.0.0.1:{request.server_port}/webhooks/whatsapp/webhook"
        try:
            async with self._client().post(url, data=body, headers=headers) as answer:
                status = answer.status
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            status, problem = 0, type(error).__name__
        if status != 200:
            self.hub.publish(user, {"type": "failure", "message_id": message_id, "status": status})
            return response.json({"error": f"webhook answered {status or problem}"}, status=502)
        self._watch(request.app, user, message_id, erasures_before)
        return response.json({"message_id": message_id})

    def _outbox(self, request: Request) -> HTTPResponse:
        """A body the bot sent, relayed by the Graph API stand-in, for the user's page."""
        connector, problem = self._connector(request.app)
        if connector is None:
            return response.json({"error": problem}, status=503)
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        if not hmac.compare_digest(token.encode(), connector.config.access_token.encode()):
            return response.json({"error": "unknown token"}, status=401)
        sent = _json_object(request)
        body = sent["body"] if isinstance(sent.get("body"), dict) else {}
        user = body.get("to") or body.get("recipient")
        if not isinstance(user, str) or not user:
            return response.json({"error": "no recipient"}, status=400)
        self.hub.publish(
            user,
            {
                "type": "bot",
                "wamid": sent.get("wamid"),
                "body": body,
                "errors": [str(e) for e in sent.get("errors") or []],
            },
        )
        return response.json({"ok": True})

    # ------------------------------------------------------------------ the page's stream
    async def _stream(self, request: Request) -> None:
        user = request.args.get("user", "")
        stream = await request.respond(
            content_type="text/event-stream; charset=utf-8",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )
        queue = self.hub.subscribe(user)
        try:
            for item in self.hub.history(user):
                await stream.send(sse_frame(item))
            while True:
                try:
                    next_item = await asyncio.wait_for(queue.get(), KEEPALIVE_SECONDS)
                except asyncio.TimeoutError:
                    await stream.send(": keep-alive\n\n")
                    continue
                if next_item is None:
                    break
                await stream.send(sse_frame(next_item))
        finally:
            self.hub.unsubscribe(user, queue)
        await stream.eof()

    # ------------------------------------------------------------------ panels
    def _watch(self, app: Any, user: str, message_id: str, erasures_before: int) -> None:
        task = asyncio.create_task(self._watch_turn(app, user, message_id, erasures_before))
        self._watchers.add(task)
        task.add_done_callback(self._watchers.discard)

    async def _watch_turn(self, app: Any, user: str, message_id: str, erasures: int) -> None:
        """Publishes the turn's panel once the tracker store holds it (or the erasure's)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + TURN_TIMEOUT_SECONDS
        try:
            while loop.time() < deadline:
                panel = await self._panel(app, user, message_id, erasures)
                if panel is not None:
                    self.hub.publish(user, {"type": "panel", **panel})
                    return
                await asyncio.sleep(TURN_POLL_SECONDS)
            self.hub.publish(user, {"type": "panel", "kind": "timeout", "message_id": message_id})
        except Exception:
            logger.exception("simulator: could not read the turn of %s", message_id)

    @staticmethod
    async def _panel(app: Any, user: str, message_id: str, erasures: int) -> dict | None:
        agent = getattr(app.ctx, "agent", None)
        if agent is None or not agent.is_ready():
            return None
        tracker = await agent.tracker_store.retrieve(user)
        if tracker is not None:
            panel = turn_panel([event.as_dict() for event in tracker.events], message_id)
            if panel is not None:
                return panel
        receipts = await asyncio.to_thread(privacy_registry().erasures, user)
        if len(receipts) > erasures:
            return erasure_panel(message_id, receipts[-1])
        return None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            timeout = aiohttp.ClientTimeout(total=WEBHOOK_TIMEOUT_SECONDS)
            self._session = aiohttp.ClientSession(timeout=timeout)
        return self._session

    async def shutdown(self) -> None:
        """Ends the page streams and the turn watchers, closes the HTTP session."""
        self.hub.close()
        for task in list(self._watchers):
            task.cancel()
        if self._session is not None:
            await self._session.close()
            self._session = None


def _json_object(request: Request) -> dict[str, Any]:
    """The request's JSON body when it is an object, else an empty one."""
    data = request.json
    return data if isinstance(data, dict) else {}
