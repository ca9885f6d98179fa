"""Two real `rasa run` instances on one shared store, webhooks sent to either at random.

Per store (PostgreSQL, Redis): 10 users × 5 messages, then faults (kill -9 of an instance
mid-load, every database connection dropped mid-load). Judged by what the shared tracker store
and the fake Graph API hold: each user's messages are in the conversation exactly once, in the
order sent, each answered, and every reply the conversation records was sent once.
"""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

import aiohttp
import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from sqlalchemy.engine.url import make_url

from bot.channels.whatsapp.inbox import create_inbox
from bot.channels.whatsapp.runtime import STOP_GRACE_SECONDS
from bot.stores.config import BackendConfig
from bot.stores.tracker_store import create_backend
from scripts.cluster import CREDENTIALS, Cluster
from scripts.faults import drop_all_connections
from tests.bot.channels import whatsapp_payloads as p
from tests.bot.channels.rasa_process import http_json, launch_rasa, write_config
from tests.bot.channels.stores import postgres_inbox_url, redis_inbox_url
from tests.waiting import eventually

pytestmark = [pytest.mark.model, pytest.mark.process]
# In `make test`: the 10 x 5 load and dropped connections on each store. The kill -9 and SIGTERM
# tests restart Rasa instances (minutes here): `make test-faults`.

TEXTS = [
    "hello",
    "when are the bins collected?",
    "what are the opening hours of the town hall?",
    "how do I report a broken street light?",
    "thank you",
]
LEASE_SECONDS = "4"  # a dead instance's users are taken over within seconds, not 30


@dataclass
class Load:
    """What was sent: each user's message ids, in the order WhatsApp sent them."""

    sent: dict[str, list[str]] = field(default_factory=dict)


@pytest.fixture(
    scope="module",
    params=[
        pytest.param("postgres", marks=pytest.mark.postgres),
        pytest.param("redis", marks=pytest.mark.redis),
    ],
)
def cluster(request, model_path) -> Iterator[Cluster]:
    store = postgres_inbox_url() if request.param == "postgres" else redis_inbox_url()
    with Cluster(
        instances=2, store=store, extra_env={"WHATSAPP_CLAIM_LEASE_SECONDS": LEASE_SECONDS}
    ) as running:
        yield running


def new_user() -> str:
    return "338" + str(uuid.uuid4().int)[:9]


async def play(cluster: Cluster, users: int, per_user: int, during=None) -> Load:
    """Each user sends ``per_user`` messages 50-150 ms apart, each to a random live instance;
    ``during`` (a coroutine function) runs once the load is under way."""
    load = Load()

    async def user(session: aiohttp.ClientSession, sender: str) -> None:
        load.sent[sender] = []
        for index in range(per_user):
            raw = p.text(TEXTS[index % len(TEXTS)], sender=sender)
            body, headers = p.signed(p.webhook([raw]))
            while True:  # Meta retries until a 200; so does this user
                live = [m for m in cluster.members if m.running] or cluster.members
                url = random.choice(live).webhook_url
                try:
                    async with session.post(url, data=body, headers=headers) as response:
                        if response.status == 200:
                            break
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.1)
            load.sent[sender].append(raw["id"])
            await asyncio.sleep(random.uniform(0.05, 0.15))

    async with aiohttp.ClientSession() as session:
        tasks = [asyncio.create_task(user(session, new_user())) for _ in range(users)]
        if during is not None:
            await asyncio.sleep(0.5)
            await during()
        await asyncio.gather(*tasks)
    return load


async def settled(cluster: Cluster, load: Load, timeout: float = 240) -> dict[str, list]:
    """Waits until no message is pending and every user's turns are in the tracker store."""
    inbox = create_inbox(cluster.store, 3600)
    store = create_backend(BackendConfig(make_url(cluster.store)), Domain.empty(), None)

    async def state() -> tuple[int, dict[str, list]]:
        events = {}
        for sender in load.sent:
            tracker = await store.retrieve(sender)
            events[sender] = list(tracker.events) if tracker else []
        return len(await inbox.pending()), events

    def done(seen: tuple[int, dict[str, list]]) -> bool:
        pending, events = seen
        return pending == 0 and all(
            sum(isinstance(e, UserUttered) for e in events[s]) >= len(ids)
            for s, ids in load.sent.items()
        )

    try:
        _, events = await eventually(state, done, timeout, "every message answered (no stall)")
    finally:
        await inbox.close()
    return events


def bodies_to(cluster: Cluster, sender: str) -> list[dict]:
    requests = http_json(f"{cluster.fake_url}/_control/requests")
    return [r["body"] for r in requests if (r["body"] or {}).get("to") == sender]


def check(cluster: Cluster, load: Load, events: dict[str, list], duplicates_allowed=()) -> None:
    """0 lost, 0 duplicated, 0 out of order; each turn answered; each recorded reply sent."""
    for sender, ids in load.sent.items():
        turns = [e.message_id for e in events[sender] if isinstance(e, UserUttered)]
        assert turns == ids, f"{sender}: turns {turns} != sent {ids}"
        answered = [False] * len(ids)
        turn = -1
        for event in events[sender]:
            if isinstance(event, UserUttered):
                turn += 1
            elif isinstance(event, BotUttered) and turn >= 0:
                answered[turn] = True
        assert all(answered), f"{sender}: unanswered turns {answered}"
        replies = sum(isinstance(e, BotUttered) for e in events[sender])
        sent = len(bodies_to(cluster, sender))
        if sender in duplicates_allowed:
            assert sent >= replies
        else:
            assert sent == replies, f"{sender}: {sent} sends for {replies} replies"


async def test_when_webhooks_go_to_either_instance_then_each_user_is_served_in_order_once(
    cluster,
):
    load = await play(cluster, users=10, per_user=5)
    check(cluster, load, await settled(cluster, load))
    violations = [
        e for r in http_json(f"{cluster.fake_url}/_control/requests") for e in r["errors"]
    ]
    assert violations == []


@pytest.mark.faults
async def test_when_an_instance_is_killed_mid_load_then_nothing_is_lost_or_reordered(cluster):
    async def crash() -> None:
        cluster.kill(0)

    load = await play(cluster, users=6, per_user=4, during=crash)
    try:
        # The survivor takes the dead instance's users over once their leases expire.
        events = await settled(cluster, load)
    finally:
        cluster.restart(0)
    # A reply in flight when the process died may have reached Meta before the crash and be
    # sent again by the survivor: at-least-once for that one send, never lost.
    check(cluster, load, events, duplicates_allowed=set(load.sent))


async def test_when_every_database_connection_drops_mid_load_then_nothing_is_lost(cluster):
    async def drop_connections() -> None:
        await asyncio.to_thread(drop_all_connections, cluster.store)

    load = await play(cluster, users=6, per_user=4, during=drop_connections)
    check(cluster, load, await settled(cluster, load), duplicates_allowed=set(load.sent))


@pytest.mark.faults
async def test_when_an_instance_gets_sigterm_mid_load_then_it_stops_in_time_losing_nothing(
    cluster,
):
    """A rolling restart's first half: the stopping instance finishes its turns in flight and
    gives its users back; the other serves them at once (no lease to wait out)."""
    stopped: list[float] = []

    async def terminate() -> None:
        started = time.monotonic()
        await asyncio.to_thread(cluster.terminate, 1, STOP_GRACE_SECONDS + 30)
        stopped.append(time.monotonic() - started)

    load = await play(cluster, users=6, per_user=4, during=terminate)
    try:
        events = await settled(cluster, load)
    finally:
        cluster.restart(1, wait=False)  # the module's cluster is whole again for what follows
    check(cluster, load, events)  # no turn was cut short, so no reply is sent twice
    assert stopped and stopped[0] < STOP_GRACE_SECONDS + 30
    cluster.wait_ready(cluster.members[1])


def test_when_stores_are_shared_and_no_lock_store_is_set_then_rasa_refuses_to_start(
    model_path, tmp_path, monkeypatch
):
    monkeypatch.delenv("VIGIE_LOCK_STORE_URL", raising=False)
    inbox = postgres_inbox_url()
    credentials, endpoints = write_config(
        tmp_path, "http://127.0.0.1:9", CREDENTIALS, inbox_url=inbox
    )
    rasa = launch_rasa(model_path, credentials, endpoints, tmp_path)
    assert rasa.process.wait(300) != 0
    log = rasa.log.read_text(errors="replace")
    assert "refuses to start" in log and "VIGIE_LOCK_STORE_URL" in log
