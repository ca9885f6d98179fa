import asyncio

from bot.channels.whatsapp.parsing import parse_webhook
from bot.channels.whatsapp.worker import SenderQueues, TurnGate
from tests.bot.channels import whatsapp_payloads as p


def messages(sender: str, *texts: str):
    return parse_webhook(p.webhook([p.text(t, sender=sender) for t in texts])).messages


async def test_when_one_sender_sends_several_then_processed_in_order_one_at_a_time():
    seen, running = [], []

    async def process(message):
        running.append(message.sender_id)
        assert running.count(message.sender_id) == 1
        await asyncio.sleep(0.01)
        seen.append(message.text)
        running.remove(message.sender_id)

    queues = SenderQueues(process, TurnGate(4))
    for message in messages("1", "a", "b", "c") + messages("2", "x"):
        queues.submit(message)
    queues.submit(messages("1", "d")[0])
    await queues.join(timeout=5)
    assert [t for t in seen if t != "x"] == ["a", "b", "c", "d"] and "x" in seen


async def test_when_the_same_id_is_submitted_twice_then_processed_once():
    seen = []

    async def process(message):
        seen.append(message.message_id)

    queues = SenderQueues(process)
    (message,) = messages("1", "a")
    assert queues.submit(message) and not queues.submit(message)
    await queues.join(timeout=5)
    assert len(seen) == 1


async def test_when_processing_raises_then_the_next_message_still_runs():
    seen = []

    async def process(message):
        if message.text == "boom":
            raise RuntimeError("bug in the bot")
        seen.append(message.text)

    queues = SenderQueues(process)
    for message in messages("1", "boom", "ok"):
        queues.submit(message)
    await queues.join(timeout=5)
    assert seen == ["ok"]


async def test_when_a_turn_waits_on_the_send_api_then_other_senders_proceed():
    gate = TurnGate(1)
    order = []

    async def process(message):
        if message.sender_id == "slow":
            async with gate.waiting():  # e.g. 6 s of back-off on 131056
                await asyncio.sleep(0.3)
        order.append(message.sender_id)

    queues = SenderQueues(process, gate)
    queues.submit(messages("slow", "a")[0])
    queues.submit(messages("fast", "b")[0])
    await queues.join(timeout=5)
    assert order == ["fast", "slow"]


async def test_when_stopped_then_unfinished_work_is_cancelled():
    started = asyncio.Event()

    async def process(message):
        started.set()
        await asyncio.sleep(60)

    queues = SenderQueues(process)
    queues.submit(messages("1", "a")[0])
    await started.wait()
    await queues.stop()
    assert queues.in_flight == 0


async def test_when_waiting_outside_a_turn_then_the_gate_is_untouched():
    gate = TurnGate(1)
    async with gate.waiting():
        pass
    async with gate.turn():
        pass


async def test_when_a_turn_comes_back_from_a_send_then_it_goes_before_new_turns():
    gate = TurnGate(1)
    order = []

    async def process(message):
        order.append(f"start {message.sender_id}")
        if message.sender_id == "a":
            async with gate.waiting():  # a send
                await asyncio.sleep(0.05)
        else:
            await asyncio.sleep(0.1)  # computing: the slot stays held
        order.append(f"end {message.sender_id}")

    queues = SenderQueues(process, gate)
    for sender in "abc":
        queues.submit(messages(sender, "x")[0])
    await queues.join(timeout=5)
    assert order == ["start a", "start b", "end b", "end a", "start c", "end c"]
