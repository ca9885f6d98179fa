"""The connector in a real `rasa run` process with the trained model and the fake Graph API."""

from __future__ import annotations

import asyncio
import uuid

import aiohttp
import pytest

from tests.bot.channels import whatsapp_payloads as p
from tests.bot.channels.media_reply import unsupported_media_text
from tests.bot.channels.rasa_process import (
    http_json,
    start_fake,
    start_rasa,
    write_config,
)
from tests.waiting import eventually

pytestmark = pytest.mark.model

CREDENTIALS = {
    "verify_token": p.VERIFY_TOKEN,
    "app_secret": p.APP_SECRET,
    "access_token": p.ACCESS_TOKEN,
    "phone_number_id": p.PHONE_NUMBER_ID,
}


@pytest.fixture(scope="module")
def fake_process(tmp_path_factory):
    fake = start_fake(tmp_path_factory.mktemp("fake"))
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def rasa_config(model_path, fake_process, tmp_path_factory):
    directory = tmp_path_factory.mktemp("rasa")
    credentials, endpoints = write_config(directory, fake_process.url, CREDENTIALS)
    return model_path, credentials, endpoints, directory


@pytest.fixture(scope="module")
def rasa(rasa_config):
    process = start_rasa(*rasa_config)
    yield process
    process.kill()


def new_sender() -> str:
    return "337" + str(uuid.uuid4().int)[:8]


def fake_requests(fake) -> list[dict]:
    return http_json(f"{fake.url}/_control/requests")


def bodies_to(fake, sender: str) -> list[dict]:
    return [r["body"] for r in fake_requests(fake) if (r["body"] or {}).get("to") == sender]


async def wait_for_bodies(fake, sender: str, count: int = 1, timeout: float = 60) -> list[dict]:
    async def bodies() -> list[dict]:
        return bodies_to(fake, sender)

    return await eventually(
        bodies, lambda got: len(got) >= count, timeout, f"{count} replies to {sender}"
    )


async def wait_until_idle(rasa, timeout: float = 60) -> None:
    async def in_flight() -> int:
        return http_json(f"{rasa.url}/webhooks/whatsapp/")["in_flight"]

    await eventually(in_flight, lambda count: count == 0, timeout, "no message in flight")


async def answered_marker(session, rasa, fake, sender: str) -> list[dict]:
    """Posts an image of ``sender`` and waits for its polite reply; returns every body sent
    to ``sender`` by then.

    Turns of one sender run in order, so anything an earlier message of the sender caused
    (a duplicate turn, a retry) is sent before the marker's reply: no need to wait and see.
    """
    before = len(bodies_to(fake, sender))
    assert await post(session, rasa, p.webhook([p.media("image", sender=sender)])) == 200
    bodies = await wait_for_bodies(fake, sender, before + 1)
    await wait_until_idle(rasa)
    bodies = bodies_to(fake, sender)
    assert bodies[-1]["text"]["body"] == unsupported_media_text()
    return bodies


async def post(session, rasa, payload, headers=None) -> int:
    body, signed = p.signed(payload)
    async with session.post(
        f"{rasa.url}/webhooks/whatsapp/webhook",
        data=body,
        headers=signed if headers is None else headers,
    ) as response:
        return response.status


async def test_when_every_message_type_is_posted_signed_then_each_gets_its_answer(
    rasa, fake_process
):
    senders = {kind: new_sender() for kind in ("text", "button", "list", "image", "location")}
    messages = [
        p.text("hello", sender=senders["text"]),
        p.button_reply("/greet", sender=senders["button"]),
        p.list_reply("/menu", sender=senders["list"]),
        p.media("image", sender=senders["image"]),
        p.location(sender=senders["location"]),
        p.message("reaction", {"message_id": "wamid.x", "emoji": "👍"}, sender=new_sender()),
    ]
    async with aiohttp.ClientSession() as session:
        status = await post(session, rasa, p.webhook(messages, [p.status("wamid.out")]))
    assert status == 200
    for kind in ("text", "button", "list", "image"):
        await wait_for_bodies(fake_process, senders[kind])
    violations = [e for r in fake_requests(fake_process) for e in r["errors"]]
    assert violations == []


async def test_when_signature_is_missing_or_forged_or_body_malformed_then_rejected(
    rasa, fake_process
):
    sender = new_sender()
    payload = p.webhook([p.text("hello", sender=sender)])
    async with aiohttp.ClientSession() as session:
        missing = await post(session, rasa, payload, headers={})
        forged = await post(session, rasa, payload, headers={"X-Hub-Signature-256": "sha256=00"})
        malformed = await post(session, rasa, b"{not json")
        not_utf8 = await post(session, rasa, b"\xff\xfe")
        assert (missing, forged, malformed, not_utf8) == (401, 403, 400, 400)
        bodies = await answered_marker(session, rasa, fake_process, sender)
    assert len(bodies) == 1  # the marker's reply only: "hello" never reached the bot


async def test_when_the_body_is_oversized_then_413_whether_declared_or_chunked(rasa):
    """The default limit is 512 KiB; a chunked body has no length to check up front."""
    url = f"{rasa.url}/webhooks/whatsapp/webhook"

    async def chunks():
        for _ in range(64):
            yield b"x" * 65536  # 4 MiB in all, refused after the ninth chunk

    async with aiohttp.ClientSession() as session:
        async with session.post(url, data=b"x" * (600 * 1024)) as declared:
            declared_status = declared.status
        async with session.post(url, data=chunks()) as chunked:
            chunked_status = chunked.status
        async with session.get(f"{rasa.url}/webhooks/whatsapp/") as health:
            metrics = (await health.json())["metrics"]
    assert (declared_status, chunked_status) == (413, 413)
    assert metrics["rejected_too_large"] >= 2


async def test_when_twenty_copies_arrive_concurrently_then_exactly_one_reply(rasa, fake_process):
    control, sender = new_sender(), new_sender()
    async with aiohttp.ClientSession() as session:
        await post(session, rasa, p.webhook([p.text("hello", sender=control)]))
        await wait_for_bodies(fake_process, control)
        await wait_until_idle(rasa)
        one_turn = len(bodies_to(fake_process, control))
        payload = p.webhook([p.text("hello", sender=sender)])
        statuses = await asyncio.gather(*(post(session, rasa, payload) for _ in range(20)))
        assert statuses == [200] * 20
        bodies = await answered_marker(session, rasa, fake_process, sender)
    assert len(bodies) == one_turn + 1


@pytest.mark.parametrize("error", ["500", "429", "130429"])
async def test_when_meta_fails_transiently_then_the_reply_still_arrives(rasa, fake_process, error):
    sender = new_sender()
    http_json(f"{fake_process.url}/_control/script", {"errors": [error]})
    async with aiohttp.ClientSession() as session:
        await post(session, rasa, p.webhook([p.media("image", sender=sender)]))
    bodies = await wait_for_bodies(fake_process, sender, 2, timeout=30)
    assert bodies[0] == bodies[1]


@pytest.mark.parametrize("error", ["131047", "131026"])
async def test_when_meta_refuses_for_good_then_counted_by_code(rasa, fake_process, error):
    sender = new_sender()
    http_json(f"{fake_process.url}/_control/script", {"errors": [error]})
    async with aiohttp.ClientSession() as session:
        await post(session, rasa, p.webhook([p.media("image", sender=sender)]))
        await wait_for_bodies(fake_process, sender)
        await wait_until_idle(rasa)  # the turn is over: its counters are final
        async with session.get(f"{rasa.url}/webhooks/whatsapp/") as response:
            health = await response.json()
        bodies = await answered_marker(session, rasa, fake_process, sender)
    assert len(bodies) == 2  # the refused reply was not sent again before the marker's
    key = "window_dropped" if error == "131047" else "send_failed"
    assert health["metrics"].get(key, 0) >= 1
    if error == "131026":
        assert health["send_failures_by_code"].get(error, 0) >= 1


async def test_when_killed_after_acknowledging_then_the_restart_processes_the_message(
    model_path, fake_process, tmp_path
):
    """Kills a process (and inbox) of its own: the module's process serves the other tests,
    whatever order they run in."""
    rasa_config = (model_path, *write_config(tmp_path, fake_process.url, CREDENTIALS), tmp_path)
    rasa = start_rasa(*rasa_config)
    sender = new_sender()
    try:
        # Meta's side hangs: the bot is mid-turn, waiting on its reply, when the process dies.
        http_json(f"{fake_process.url}/_control/script", {"delay": 120})
        raw = p.text("hello", sender=sender)
        async with aiohttp.ClientSession() as session:
            assert await post(session, rasa, p.webhook([raw])) == 200
            await wait_for_bodies(fake_process, sender)
    finally:
        rasa.kill()
        http_json(f"{fake_process.url}/_control/script", {"delay": 0})
    before = len(bodies_to(fake_process, sender))
    restarted = start_rasa(*rasa_config)
    try:
        await wait_for_bodies(fake_process, sender, before + 1)
        await wait_until_idle(restarted)  # the replayed turn has sent all its replies
        # Meta redelivers the same message after the restart: a duplicate, nothing more is sent.
        count = len(bodies_to(fake_process, sender))
        async with aiohttp.ClientSession() as session:
            assert await post(session, restarted, p.webhook([raw])) == 200
            bodies = await answered_marker(session, restarted, fake_process, sender)
        assert len(bodies) == count + 1
    finally:
        restarted.kill()
    assert "replaying 1 pending" in restarted.log.read_text(errors="replace")
