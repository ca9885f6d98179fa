"""``OperationsInput``: what an orchestrator and a scraper ask a Rasa instance, at its root.

- ``GET /metrics``: the Prometheus metrics of ``bot.metrics`` (text exposition format); the
  inbox backlog gauges are read from the shared inbox first.
- ``GET /health/live``: 200 while the web server answers and the WhatsApp turn thread, once
  started, is alive (a dead one would never process a message again: restart the instance).
- ``GET /health/ready``: 200 once the model is loaded and the tracker store, the lock store and
  the WhatsApp inbox answer; 503 with the failing checks otherwise (a load balancer then sends
  webhooks elsewhere). Each check has a deadline, so a hung database makes it fail, not hang.

It is a Rasa input channel only to be mounted on Rasa's web server (credentials.yml:
``bot.channels.operations.OperationsInput:``); it never hands messages to Rasa. The answers
hold no personal data, only check names, states and error class names.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

import sqlalchemy as sa
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.lock_store import LockStore
from rasa.core.tracker_store import InMemoryTrackerStore, RedisTrackerStore, SQLTrackerStore
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import metrics
from bot.channels.whatsapp import WhatsAppInput
from bot.stores.lock_store import VigieLockStore

logger = logging.getLogger(__name__)

CHECK_TIMEOUT_SECONDS = 3.0
OK = "ok"


class OperationsInput(InputChannel):
    """``/metrics``, ``/health/live`` and ``/health/ready`` of one Rasa instance."""

    @classmethod
    def name(cls) -> str:
        return "operations"

    def url_prefix(self) -> str:
        # Absolute: Rasa joins it to "/webhooks/", so the routes are at the server's root.
        return "/"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> OperationsInput:
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        operations = Blueprint(f"operations_{id(self)}", __name__)

        @operations.route("/metrics", methods=["GET"])
        async def scrape(request: Request) -> HTTPResponse:
            await update_inbox_gauges(whatsapp_channels(request.app))
            return response.raw(generate_latest(), content_type=CONTENT_TYPE_LATEST)

        @operations.route("/health/live", methods=["GET"])
        async def live(request: Request) -> HTTPResponse:
            dead = [c.name() for c in whatsapp_channels(request.app) if turn_thread_died(c)]
            if dead:
                return response.json({"live": False, "dead_turn_threads": dead}, status=503)
            return response.json({"live": True})

        @operations.route("/health/ready", methods=["GET"])
        async def ready(request: Request) -> HTTPResponse:
            checks = await readiness(request.app)
            is_ready = all(state == OK for state in checks.values())
            metrics.READY.set(1 if is_ready else 0)
            return response.json(
                {"ready": is_ready, "checks": checks}, status=200 if is_ready else 503
            )

        return operations


def whatsapp_channels(app: Any) -> list[WhatsAppInput]:
    channels = getattr(app.ctx, "input_channels", None) or []
    return [channel for channel in channels if isinstance(channel, WhatsAppInput)]


def turn_thread_died(channel: WhatsAppInput) -> bool:
    """Started (it has queues) but its thread is gone: no message would be processed again."""
    return channel.runtime.queues is not None and not channel.turns.running


async def update_inbox_gauges(channels: list[WhatsAppInput]) -> None:
    """Sets the backlog gauges from the (shared) inbox; left as they were if it does not answer."""
    if not channels:
        return
    try:
        pending = await asyncio.wait_for(channels[0].inbox.pending(), CHECK_TIMEOUT_SECONDS)
    except Exception as error:  # a down inbox must not break the scrape of everything else
        logger.warning("metrics: inbox backlog unknown (%s)", type(error).__name__)
        return
    metrics.INBOX_PENDING.set(len(pending))
    oldest = min((message.timestamp for message in pending), default=None)
    metrics.INBOX_OLDEST_PENDING_AGE.set(0 if oldest is None else max(0.0, time.time() - oldest))


async def readiness(app: Any) -> dict[str, str]:
    """Each check's state: ``ok`` or why not (an error class name, never data)."""
    agent = getattr(app.ctx, "agent", None)
    if agent is None or not agent.is_ready():
        return {"model": "not loaded"}
    checks: dict[str, Callable[[], Awaitable[Any]]] = {
        "tracker_store": lambda: check_tracker_store(agent.tracker_store),
        "lock_store": lambda: check_lock_store(agent.lock_store),
    }
    for channel in whatsapp_channels(app):
        checks[f"{channel.name()}_inbox"] = channel.inbox.pending
    states = await asyncio.gather(*(_state(check) for check in checks.values()))
    return {"model": OK, **dict(zip(checks, states, strict=True))}


async def _state(check: Callable[[], Awaitable[Any]]) -> str:
    try:
        await asyncio.wait_for(check(), CHECK_TIMEOUT_SECONDS)
    except asyncio.TimeoutError:
        return f"no answer within {CHECK_TIMEOUT_SECONDS:.0f} s"
    except Exception as error:
        return f"unreachable ({type(error).__name__})"
    return OK


async def check_tracker_store(store: Any) -> None:
    """A round trip to the database behind the tracker store (Rasa's fail-safe wrapper and
    Vigie's redacting store unwrapped: the wrapper would hide a failure)."""
    store = getattr(store, "_tracker_store", store)
    backend = getattr(store, "backend", store)
    if isinstance(backend, SQLTrackerStore):
        await asyncio.to_thread(_select_one, backend.engine)
    elif isinstance(backend, RedisTrackerStore):
        await asyncio.to_thread(backend.red.ping)
    elif not isinstance(backend, InMemoryTrackerStore):
        await backend.keys()


async def check_lock_store(store: LockStore) -> None:
    """A round trip to the lock store: Vigie's own check, else ``get_lock`` (Rasa's stores)."""
    if isinstance(store, VigieLockStore):
        await store.check_reachable()
    else:
        await asyncio.to_thread(store.get_lock, "vigie-readiness-check")


def _select_one(engine: sa.engine.Engine) -> None:
    with engine.connect() as connection:
        connection.execute(sa.text("SELECT 1"))
