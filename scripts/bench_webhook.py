"""Benchmark of the WhatsApp webhook: acknowledgement and end-to-end latency against REST.

Run from the repository root: ``.venv/bin/python -m scripts.bench_webhook`` (or
``make bench-webhook``).
It starts the fake Graph API (in this process, so reply arrival shares this clock) and one real
``rasa run`` with the trained model and both the WhatsApp and REST channels, then measures:

1. acknowledgement latency (signed POST to HTTP 200) at 50 requests/s;
2. end-to-end latency at 10 requests/s: webhook in to the turn's last reply received by the fake;
3. the same turn through Rasa's REST channel at 10 requests/s, and the ratio of the medians.

Every message comes from a new sender, so no turn waits for another one's lock. Loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import aiohttp

from tests.bot.channels import whatsapp_payloads as p
from tests.bot.channels.rasa_process import REPO_ROOT, start_rasa, write_config
from tests.fakes.graph_api import FakeGraphApi

ACK_GOAL_MS = 50.0
RATIO_GOAL = 1.2
CREDENTIALS = {
    "verify_token": p.VERIFY_TOKEN,
    "app_secret": p.APP_SECRET,
    "access_token": p.ACCESS_TOKEN,
    "phone_number_id": p.PHONE_NUMBER_ID,
}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def summary(values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return f"p50 {statistics.median(ms):7.1f} ms   p95 {percentile(ms, 0.95):7.1f} ms   n={len(ms)}"


def new_sender() -> str:
    return "339" + str(uuid.uuid4().int)[:9]


class Bench:
    def __init__(self, session: aiohttp.ClientSession, rasa_url: str, fake: FakeGraphApi):
        self.session = session
        self.rasa_url = rasa_url
        self.fake = fake

    async def post_webhook(self, sender: str, text: str) -> tuple[float, float]:
        """Returns (start time, acknowledgement latency)."""
        body, headers = p.signed(p.webhook([p.text(text, sender=sender)]))
        started = time.monotonic()
        async with self.session.post(
            f"{self.rasa_url}/webhooks/whatsapp/webhook", data=body, headers=headers
        ) as response:
            await response.read()
            if response.status != 200:
                raise RuntimeError(f"webhook answered {response.status}")
        return started, time.monotonic() - started

    def replies(self, sender: str) -> list[float]:
        return self.fake.arrivals.get(sender, [])

    async def wait_replies(self, sender: str, count: int, timeout: float = 120) -> float:
        """Arrival time of the ``count``-th reply to ``sender``."""
        return await self.fake.wait_for_recipient(sender, count, timeout)

    async def whatsapp_turn(self, text: str, replies: int) -> float:
        sender = new_sender()
        started, _ = await self.post_webhook(sender, text)
        return await self.wait_replies(sender, replies) - started

    async def rest_turn(self, text: str) -> float:
        started = time.monotonic()
        async with self.session.post(
            f"{self.rasa_url}/webhooks/rest/webhook",
            json={"sender": new_sender(), "message": text},
        ) as response:
            answers = await response.json()
            if response.status != 200 or not answers:
                raise RuntimeError(f"REST answered {response.status} with {answers!r}")
        return time.monotonic() - started


async def open_loop(rate: float, count: int, make) -> list:
    """Starts ``count`` coroutines at ``rate`` per second, whatever their duration."""
    tasks = []
    begin = time.monotonic()
    for index in range(count):
        delay = begin + index / rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(make()))
    return await asyncio.gather(*tasks)


async def run(args: argparse.Namespace) -> int:
    model = Path(args.model)
    if not model.is_file():
        print(f"No trained model at {model}: run `make train` first.", file=sys.stderr)
        return 2
    async with FakeGraphApi(validate=not args.no_validate) as fake:
        with tempfile.TemporaryDirectory(prefix="vigie-bench-") as tmp:
            directory = Path(tmp)
            credentials, endpoints = write_config(
                directory,
                fake.base_url,
                CREDENTIALS,
                max_concurrent_turns=str(args.turns),
            )
            print("starting rasa run (loading the model takes a while)...", flush=True)
            rasa = await asyncio.to_thread(start_rasa, model, credentials, endpoints, directory)
            try:
                connector = aiohttp.TCPConnector(limit=200)
                async with aiohttp.ClientSession(connector=connector) as session:
                    return await measure(Bench(session, rasa.url, fake), args)
            finally:
                rasa.stop()


async def measure(bench: Bench, args: argparse.Namespace) -> int:
    text = args.text
    # Warm-up on both channels; it also tells how many replies a turn of `text` gives.
    control = new_sender()
    await bench.post_webhook(control, text)
    await bench.wait_replies(control, 1)
    await asyncio.sleep(1.0)
    replies = len(bench.replies(control))
    for _ in range(5):
        await bench.rest_turn(text)
        await bench.whatsapp_turn(text, replies)

    ack_senders: list[str] = []

    async def ack() -> float:
        sender = new_sender()
        ack_senders.append(sender)
        return (await bench.post_webhook(sender, text))[1]

    acks = await open_loop(50, args.ack_requests, ack)
    for sender in ack_senders:  # let the backlog drain before the end-to-end phases
        await bench.wait_replies(sender, replies, timeout=300)

    # Alternate blocks of both channels so that load from elsewhere weighs on both alike.
    whatsapp: list[float] = []
    rest: list[float] = []
    block = max(1, args.e2e_requests // 4)
    while len(rest) < args.e2e_requests:
        size = min(block, args.e2e_requests - len(rest))
        whatsapp += await open_loop(10, size, lambda: bench.whatsapp_turn(text, replies))
        rest += await open_loop(10, size, lambda: bench.rest_turn(text))

    ack_p95 = percentile(acks, 0.95) * 1000
    ratio = statistics.median(whatsapp) / statistics.median(rest)
    print()
    print(
        f"WhatsApp webhook benchmark: model {args.model}, message {text!r}, {replies} replies/turn"
    )
    print(f"  acknowledgement at 50 req/s     {summary(acks)}")
    print(f"  end-to-end WhatsApp at 10 req/s {summary(whatsapp)}")
    print(f"  end-to-end REST at 10 req/s     {summary(rest)}")
    print(f"  WhatsApp/REST end-to-end p50 ratio: {ratio:.2f}")
    ack_ok, ratio_ok = ack_p95 <= ACK_GOAL_MS, ratio <= RATIO_GOAL
    print(f"  goal acknowledgement p95 <= {ACK_GOAL_MS:.0f} ms: {'met' if ack_ok else 'MISSED'}")
    print(f"  goal end-to-end p50 ratio <= {RATIO_GOAL}: {'met' if ratio_ok else 'MISSED'}")
    violations = bench.fake.schema_violations
    print(f"  bodies breaking Meta's schema: {len(violations)}")
    return 0 if (ack_ok and ratio_ok and not violations) or not args.strict else 1


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the WhatsApp webhook against REST.")
    parser.add_argument("--model", default=str(REPO_ROOT / "models" / "vigie.tar.gz"))
    parser.add_argument("--text", default="hi")
    parser.add_argument("--ack-requests", type=int, default=300)
    parser.add_argument("--e2e-requests", type=int, default=100)
    parser.add_argument("--turns", type=int, default=1, help="max_concurrent_turns setting")
    parser.add_argument("--no-validate", action="store_true", help="skip schema validation")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    sys.exit(asyncio.run(run(parser.parse_args())))


if __name__ == "__main__":
    main()
