"""Per-sender queues and the turn gate, driven by events: no timing decides an outcome."""

import asyncio

from bot.channels.whatsapp.parsing import parse_webhook
from bot.channels.whatsapp.worker import SenderQueues, TurnGate
from tests.bot.channels import whatsapp_payloads as p

TIMEOUT = 5.0


def messages(sender: str, *texts: str):
    return parse_webhook(p.webhook([p.text(t, sender=sender) for t in texts])).messages


async def scheduled_after_everything_ready() -> None:
    """Returns once every task that was ready when it was called has run its next step.

    asyncio runs ready tasks in order, so a task created now runs after them: awaiting it is
    a marker that proves they had their chance (to start, or to block on the gate).
    """
    await asyncio.create_task(_nothing())


async def _nothing() -> None:
    """The marker task's body."""


async def test_when_one_sender_sends_several_then_processed_in_order_one_at_a_time():
    seen, running = [], []
    other_sender_done = asyncio.Event()

    async def process(message):
        running.append(message.sender_id)
        assert running.count(message.sender_id) == 1
        if message.text == "a":
            # Sender 1's first turn is still running while sender 2 is served.
            await asyncio.wait_for(other_sender_done.wait(), TIMEOUT)
        seen.append(message.text)
        if message.text == "x":
            other_sender_done.set()
        running.remove(message.sender_id)

    queues = SenderQueues(process, TurnGate(4))
    for message in messages("1", "a", "b", "c") + messages("2", "x"):
        queues.submit(message)
    queues.submit(messages("1", "d")[0])
    await queues.join(timeout=TIMEOUT)
    assert seen == ["x", "a", "b", "c", "d"]
    assert queues.in_flight == 0


async def test_when_the_same_id_is_submitted_twice_then_processed_once():
    seen = []

    async def process(message):
        seen.append(message.message_id)

    queues = SenderQueues(process)
    (message,) = messages("1", "a")
    assert queues.submit(message) and not queues.submit(message)
    await queues.join(timeout=TIMEOUT)
    assert seen == [message.message_id]


async def test_when_processing_raises_then_the_next_message_still_runs():
    seen = []

    async def process(message):
        if message.text == "boom":
            raise RuntimeError("bug in the bot")
        seen.append(message.text)

    queues = SenderQueues(process)
    for message in messages("1", "boom", "ok"):
        queues.submit(message)
    await queues.join(timeout=TIMEOUT)
    assert seen == ["ok"]
    assert queues.in_flight == 0


async def test_when_a_turn_waits_on_the_send_api_then_other_senders_proceed():
    """One slot: the slow turn can only finish if the fast one ran while it waited."""
    gate = TurnGate(1)
    order = []
    fast_done = asyncio.Event()

    async def process(message):
        if message.sender_id == "slow":
            async with gate.waiting():  # e.g. 6 s of back-off on 131056
                await asyncio.wait_for(fast_done.wait(), TIMEOUT)
        order.append(message.sender_id)
        if message.sender_id == "fast":
            fast_done.set()

    queues = SenderQueues(process, gate)
    queues.submit(messages("slow", "a")[0])
    queues.submit(messages("fast", "b")[0])
    await queues.join(timeout=TIMEOUT)
    assert order == ["fast", "slow"]


async def test_when_stopped_then_unfinished_work_is_cancelled_and_forgotten():
    started, cancelled = asyncio.Event(), asyncio.Event()
    seen = []

    async def process(message):
        seen.append(message.text)
        started.set()
        try:
            await asyncio.Event().wait()  # a turn that would never end by itself
        except asyncio.CancelledError:
            cancelled.set()
            raise

    queues = SenderQueues(process)
    queues.submit(messages("1", "a")[0])
    queues.submit(messages("1", "b")[0])
    await asyncio.wait_for(started.wait(), TIMEOUT)
    await queues.stop()
    assert cancelled.is_set()
    assert seen == ["a"]  # "b" never started: it stays pending in the inbox for replay
    assert queues.in_flight == 0
    await queues.join(timeout=TIMEOUT)  # idle at once


async def test_when_waiting_outside_a_turn_then_no_slot_is_given_away():
    """Code outside a turn that waits on I/O must not hand over a slot it does not hold:
    a second turn would then compute alongside the first."""
    gate = TurnGate(1)
    order = []
    release = asyncio.Event()

    async def first():
        async with gate.turn():
            order.append("first starts")
            await release.wait()
            order.append("first ends")

    async def second():
        async with gate.turn():
            order.append("second starts")

    first_task = asyncio.create_task(first())
    await scheduled_after_everything_ready()
    second_task = asyncio.create_task(second())
    await scheduled_after_everything_ready()

    async def wait_outside_a_turn():
        async with gate.waiting():
            await scheduled_after_everything_ready()  # the second turn's chance to start

    await asyncio.wait_for(wait_outside_a_turn(), TIMEOUT)
    assert order == ["first starts"]
    release.set()
    await asyncio.wait_for(asyncio.gather(first_task, second_task), TIMEOUT)
    assert order == ["first starts", "first ends", "second starts"]


async def test_when_a_turn_comes_back_from_a_send_then_it_goes_before_new_turns():
    """a sends (gives its slot to b); while b computes, a comes back and c waits to start:
    when b ends, a resumes before c starts."""
    gate = TurnGate(1)
    order = []
    b_started, a_back = asyncio.Event(), asyncio.Event()

    async def process(message):
        order.append(f"start {message.sender_id}")
        if message.sender_id == "a":
            async with gate.waiting():  # a send
                await asyncio.wait_for(b_started.wait(), TIMEOUT)
                a_back.set()  # the reply came: a now queues for a slot, behind b
        elif message.sender_id == "b":
            b_started.set()
            await asyncio.wait_for(a_back.wait(), TIMEOUT)  # computing: the slot stays held
        order.append(f"end {message.sender_id}")

    queues = SenderQueues(process, gate)
    for sender in "abc":
        queues.submit(messages(sender, "x")[0])
    await queues.join(timeout=TIMEOUT)
    assert order == ["start a", "start b", "end b", "end a", "start c", "end c"]
