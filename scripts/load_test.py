"""Load test: N Rasa instances behind nginx, U users x M signed WhatsApp webhooks, then checks.

Run from the repository root: ``make load-test`` (or ``.venv/bin/python -m scripts.load_test
--store redis``). For each setup (N instances, then 1 instance, same workload, same run) it
starts the instances (``scripts/cluster.py``) on the chosen shared stores, nginx in front of
them (``deploy/nginx.conf`` via ``scripts/nginx.py``, random balancing, no sticky sessions)
and a fake Graph API, then every user sends its messages one after the other, 50-150 ms
apart (each after the previous one's acknowledgement), all users at once. It then reads the
conversations from the tracker store and checks:

- nothing lost: every acknowledged message is in its user's conversation, answered;
- nothing duplicated: each message id appears once;
- order kept: each user's messages are in the order they were sent (inversions counted);
- no stall: everything is processed within ``--timeout`` seconds of the last send.

It prints throughput (turns/s), acknowledgement latency (POST to 200, through nginx) and
end-to-end latency (POST to the end of its turn in the tracker store) p50/p95, and the ratio
of N instances' throughput to one instance's. Exit code 1 when a check fails. Loopback only.

``--fault kill|rolling-restart|drop-connections|store-restart|slow-actions`` breaks something
mid-load (``scripts/faults.py``) and runs the same checks on the N instances only.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import sqlalchemy as sa

from scripts.cluster import Cluster, is_redis
from scripts.faults import FAULTS, Injection, PrivateRedis, SlowProxy, inject
from scripts.nginx import Nginx
from tests.bot.channels import whatsapp_payloads as p

STORES = {
    "postgresql": "postgresql://postgres@127.0.0.1:5432/test",
    "redis": "redis://127.0.0.1:6379/0",
}
# What users write: questions of every kind the bot answers, in both languages.
TEXTS = (
    "hello",
    "when are the bins collected?",
    "what are the opening hours of the town hall?",
    "bonjour, quels sont les horaires de la mairie ?",
    "how do I get a flu jab?",
    "merci beaucoup",
    "thanks",
    "je voudrais un rendez-vous",
)
RETRY_SECONDS = 120.0  # how long a webhook is retried until acknowledged (Meta: days)
REDIS_TRACKER_PREFIX = "tracker:"  # Rasa's RedisTrackerStore default key prefix


@dataclass
class Sent:
    """One acknowledged message."""

    sender: str
    message_id: str
    index: int
    posted_at: float  # wall clock, comparable with the tracker's event timestamps
    ack_seconds: float


@dataclass
class Figures:
    setup: str
    sent: list[Sent] = field(default_factory=list)
    failed_posts: int = 0
    lost: int = 0
    duplicated: int = 0
    inversions: int = 0
    users_out_of_order: int = 0
    unanswered: int = 0
    refused: int = 0  # reply bodies the fake Graph API found outside Meta's schema
    end_to_end: list[float] = field(default_factory=list)
    duration: float = 0.0
    injection: Injection | None = None
    problems: list[str] = field(default_factory=list)  # which message, for the logs
    work_dir: Path | None = None  # kept when a check fails: the instances' logs

    @property
    def ok(self) -> bool:
        return not (
            self.failed_posts
            or self.lost
            or self.duplicated
            or self.inversions
            or self.unanswered
            or self.refused
        )

    @property
    def throughput(self) -> float:
        return len(self.end_to_end) / self.duration if self.duration else 0.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def latency(values: list[float]) -> str:
    ms = [value * 1000 for value in values]
    if not ms:
        return "none"
    return f"p50 {statistics.median(ms):7.1f} ms  p95 {percentile(ms, 0.95):7.1f} ms"


# --- playing ------------------------------------------------------------------------------
async def post(session: aiohttp.ClientSession, url: str, payload: dict[str, Any]) -> float:
    """Posts a signed webhook until it is acknowledged (as Meta retries); the ack latency."""
    body, headers = p.signed(payload)
    deadline = time.monotonic() + RETRY_SECONDS
    attempt = 0
    while time.monotonic() < deadline:
        attempt += 1
        started = time.perf_counter()
        try:
            async with session.post(url, data=body, headers=headers) as answer:
                await answer.read()
                if answer.status == 200:
                    return time.perf_counter() - started
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(min(2.0, 0.2 * attempt))  # Meta's retry, much shortened
    raise RuntimeError(f"webhook not acknowledged within {RETRY_SECONDS:.0f} s")


async def play_user(
    session: aiohttp.ClientSession,
    url: str,
    sender: str,
    messages: int,
    gap: tuple[float, float],
    figures: Figures,
) -> None:
    for index in range(messages):
        text = f"{TEXTS[index % len(TEXTS)]} ({index + 1})"
        message = p.text(text, sender=sender)
        posted_at = time.time()
        try:
            ack = await post(session, url, p.webhook([message]))
        except RuntimeError:
            figures.failed_posts += 1
            continue
        figures.sent.append(Sent(sender, message["id"], index, posted_at, ack))
        await asyncio.sleep(random.uniform(*gap))


async def play(url: str, users: int, messages: int, gap: tuple[float, float], figures: Figures):
    """Every user at once, each one's messages in sequence."""
    run = uuid.uuid4().hex[:6]
    senders = [f"3399{run}{user:04d}" for user in range(users)]
    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        await asyncio.gather(*(play_user(session, url, s, messages, gap, figures) for s in senders))


# --- checking -----------------------------------------------------------------------------
def stored_events(store: str, senders: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Each sender's events as the tracker store holds them, in order."""
    if is_redis(store):
        import redis

        client = redis.Redis.from_url(store)
        try:
            values = client.mget([REDIS_TRACKER_PREFIX + sender for sender in senders])
        finally:
            client.close()
        return {
            sender: json.loads(value)["events"] if value else []
            for sender, value in zip(senders, values, strict=True)
        }
    engine = sa.create_engine(store)
    query = sa.text(
        "SELECT sender_id, data FROM events WHERE sender_id IN :senders ORDER BY id"
    ).bindparams(sa.bindparam("senders", expanding=True))
    events: dict[str, list[dict[str, Any]]] = defaultdict(list)
    try:
        with engine.connect() as connection:
            for row in connection.execute(query, {"senders": senders}):
                events[row.sender_id].append(json.loads(row.data))
    finally:
        engine.dispose()
    return {sender: events.get(sender, []) for sender in senders}


def turns(events: list[dict[str, Any]]) -> list[tuple[str, float, int]]:
    """(message id, end of the turn, bot messages) for each user message, in stored order."""
    found: list[tuple[str, float, int]] = []
    for event in events:
        if event.get("event") == "user":
            found.append((str(event.get("message_id")), float(event["timestamp"]), 0))
        elif found:
            message_id, _, said = found[-1]
            said += 1 if event.get("event") == "bot" else 0
            found[-1] = (message_id, float(event["timestamp"]), said)
    return found


def processed_count(store: str, sent: list[Sent]) -> int:
    senders = sorted({s.sender for s in sent})
    ids = {s.message_id for s in sent}
    return sum(
        1
        for events in stored_events(store, senders).values()
        for message_id, _, _ in turns(events)
        if message_id in ids
    )


async def wait_processed(store: str, sent: list[Sent], timeout: float) -> None:
    """Until every sent message is in the tracker store, or `timeout` s without progress."""
    seen, progress_at = -1, time.monotonic()
    while time.monotonic() - progress_at < timeout:
        done = await asyncio.to_thread(processed_count, store, sent)
        if done >= len(sent):
            return
        if done > seen:
            seen, progress_at = done, time.monotonic()
        await asyncio.sleep(0.5)


def check(store: str, figures: Figures) -> None:
    by_sender: dict[str, list[Sent]] = defaultdict(list)
    for message in figures.sent:
        by_sender[message.sender].append(message)
    stored = stored_events(store, sorted(by_sender))
    first_post = min((s.posted_at for s in figures.sent), default=0.0)
    last_end = first_post
    for sender, sent in by_sender.items():
        sent.sort(key=lambda s: s.index)
        wanted = {s.message_id: s for s in sent}
        done = [t for t in turns(stored[sender]) if t[0] in wanted]
        counts: dict[str, int] = defaultdict(int)
        for message_id, _, _ in done:
            counts[message_id] += 1
        missing = [message_id for message_id in wanted if counts[message_id] == 0]
        figures.lost += len(missing)
        figures.problems += [f"lost: {sender} {message_id}" for message_id in missing]
        figures.duplicated += sum(count - 1 for count in counts.values() if count > 1)
        order = [wanted[message_id].index for message_id, _, _ in done]
        inversions = sum(1 for a, b in itertools.pairwise(order) if b < a)
        figures.inversions += inversions
        figures.users_out_of_order += 1 if inversions else 0
        for message_id, ended, said in done:
            if said == 0:
                figures.unanswered += 1
                figures.problems.append(f"unanswered: {sender} {message_id}")
            figures.end_to_end.append(ended - wanted[message_id].posted_at)
            last_end = max(last_end, ended)
    figures.duration = last_end - first_post


# --- one setup ----------------------------------------------------------------------------
@asynccontextmanager
async def behind_nginx(
    store: str, instances: int, work_dir: Path | None = None, proxy: bool = False
) -> AsyncIterator[tuple[Cluster, Nginx, SlowProxy | None]]:
    """`instances` Rasa instances on `store` and their action server, behind a private nginx
    (webhooks and action calls both through it), sending to a fake Graph API (a process of
    its own, so validating the replies never delays this process's measurements). With
    `proxy`, action calls pass a `SlowProxy` between nginx and the action server."""
    nginx = Nginx()
    cluster = Cluster(instances, store, work_dir=work_dir, actions_url=nginx.actions_url)
    await asyncio.to_thread(cluster.start)
    slow: SlowProxy | None = None
    try:
        rasa = [f"127.0.0.1:{member.port}" for member in cluster.members]
        actions_port = cluster.actions_port
        if proxy:
            slow = await SlowProxy(cluster.actions_port).start()
            actions_port = slow.port
        await asyncio.to_thread(nginx.start, rasa, [f"127.0.0.1:{actions_port}"])
        yield cluster, nginx, slow
    finally:
        nginx.stop()
        if slow is not None:
            await slow.stop()
        await asyncio.to_thread(cluster.stop)


def schema_violations(fake_url: str) -> list[str]:
    """What the fake Graph API refused of the bodies the bot sent (Meta's schema)."""
    with urllib.request.urlopen(f"{fake_url}/_control/requests", timeout=30) as answer:
        return [error for request in json.load(answer) for error in request["errors"]]


async def run_setup(args: argparse.Namespace, instances: int) -> Figures:
    figures = Figures(f"{instances} instance{'s' if instances > 1 else ''}")
    store = STORES.get(args.store, args.store)
    redis_server = PrivateRedis().start() if args.fault == "store-restart" else None
    if redis_server is not None:
        store = redis_server.url
    print(f"[load] {figures.setup} on {store}: starting (model loads take a while)")
    work_dir = Path(tempfile.mkdtemp(prefix="vigie-load-"))
    try:
        slow = args.fault == "slow-actions"
        async with behind_nginx(store, instances, work_dir, slow) as setup:
            await play_setup(args, store, setup, figures, redis_server)
    finally:
        if redis_server is not None:
            redis_server.remove()
        if figures.ok:
            shutil.rmtree(work_dir, ignore_errors=True)
        else:
            figures.work_dir = work_dir
    return figures


async def play_setup(
    args: argparse.Namespace,
    store: str,
    setup: tuple[Cluster, Nginx, SlowProxy | None],
    figures: Figures,
    redis_server: PrivateRedis | None,
) -> None:
    """The load on a started setup, with the fault if any; then the checks."""
    cluster, nginx, proxy = setup
    url = f"{nginx.url}/webhooks/whatsapp/webhook"
    total = args.users * args.messages
    print(f"[load] {figures.setup}: {args.users} users x {args.messages} messages")
    load = play(url, args.users, args.messages, (args.gap_min, args.gap_max), figures)
    if args.fault:
        print(f"[load] fault: {args.fault}, once a third of the messages are acknowledged")

        def progress() -> float:
            return len(figures.sent) / total

        fault = inject(args.fault, cluster, progress, redis_server, proxy)
        figures.injection = (await asyncio.gather(load, fault))[1]
    else:
        await load
    await wait_processed(store, figures.sent, args.timeout)
    check(store, figures)
    assert cluster.fake_url is not None
    figures.refused = len(schema_violations(cluster.fake_url))


def report(figures: Figures) -> None:
    acks = [s.ack_seconds for s in figures.sent]
    print(
        f"[load] {figures.setup}: {len(figures.sent)} acknowledged, {figures.lost} lost, "
        f"{figures.duplicated} duplicated, {figures.inversions} out of order "
        f"({figures.users_out_of_order} users), {figures.unanswered} unanswered, "
        f"{figures.failed_posts} never acknowledged, {figures.refused} replies off Meta's schema"
    )
    print(
        f"[load]   throughput      {figures.throughput:6.2f} turns/s over {figures.duration:.1f} s"
    )
    print(f"[load]   acknowledgement {latency(acks)}")
    print(f"[load]   end-to-end      {latency(figures.end_to_end)}")
    if figures.injection is not None:
        for line in figures.injection.log:
            print(f"[load]   {figures.injection.fault:<15} {line}")
    for problem in figures.problems[:10]:
        print(f"[load]   {problem}")
    if figures.work_dir is not None:
        print(f"[load]   logs of the instances kept in {figures.work_dir}")


async def main_async(args: argparse.Namespace) -> int:
    results = [await run_setup(args, args.instances)]
    report(results[0])
    if args.instances > 1 and not args.skip_single and not args.fault:
        results.append(await run_setup(args, 1))
        report(results[1])
        single = results[1].throughput
        ratio = results[0].throughput / single if single else float("nan")
        print(f"[load] throughput ratio {args.instances} instances / 1 instance: {ratio:.2f}")
    failed = [r.setup for r in results if not r.ok]
    if failed:
        print(f"[load] FAILED checks: {', '.join(failed)}")
    return 1 if failed else 0


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--store", default="postgresql", help="postgresql, redis, or a URL")
    parser.add_argument("--instances", type=int, default=2)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--messages", type=int, default=10, help="per user")
    parser.add_argument("--gap-min", type=float, default=0.05, help="seconds between messages")
    parser.add_argument("--gap-max", type=float, default=0.15)
    parser.add_argument("--timeout", type=float, default=120, help="seconds without progress")
    parser.add_argument("--skip-single", action="store_true", help="no one-instance run")
    parser.add_argument(
        "--fault", choices=FAULTS, help="break something mid-load (N instances only)"
    )
    return parser.parse_args(argv)


def main() -> None:
    sys.exit(asyncio.run(main_async(parse())))


if __name__ == "__main__":
    main()
