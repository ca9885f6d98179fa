import asyncio

import pytest

from bot.channels.whatsapp.inbox import FAILED, create_inbox
from bot.channels.whatsapp.parsing import InboundMessage, StatusUpdate, parse_webhook
from tests.bot.channels import whatsapp_payloads as p
from tests.bot.channels.stores import postgres_inbox_url, redis_inbox_url
from tests.waiting import eventually


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param("postgres", marks=pytest.mark.postgres),
        pytest.param("redis", marks=pytest.mark.redis),
    ]
)
def inbox_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/inbox.db"
    if request.param == "postgres":
        return postgres_inbox_url()
    return redis_inbox_url()


@pytest.fixture
async def inbox(inbox_url):
    store = create_inbox(inbox_url, ttl_seconds=3600)
    yield store
    await store.close()


def messages(*texts: str, sender: str = p.USER) -> list[InboundMessage]:
    raws = [p.text(t, sender=sender) for t in texts]
    return parse_webhook(p.webhook(raws)).messages


async def test_when_a_message_is_new_then_accepted_once(inbox):
    batch = messages("a", "b")
    assert await inbox.accept(batch) == batch
    assert await inbox.accept(batch) == []
    assert await inbox.pending() == batch


async def test_when_twenty_copies_arrive_concurrently_then_exactly_one_is_accepted(inbox):
    (message,) = messages("a")
    results = await asyncio.gather(*(inbox.accept([message]) for _ in range(20)))
    assert sum(len(r) for r in results) == 1


async def test_when_processed_then_no_longer_pending_and_still_a_duplicate(inbox):
    first, second = messages("a", "b")
    await inbox.accept([first, second])
    await inbox.mark(first.message_id)
    await inbox.mark(second.message_id, FAILED)
    assert await inbox.pending() == []
    assert await inbox.accept([first, second]) == []


async def test_when_the_record_expired_then_the_id_is_accepted_again(inbox_url):
    store = create_inbox(inbox_url, ttl_seconds=1)
    try:
        (message,) = messages("a")
        await store.accept([message])
        await store.mark(message.message_id)
        assert await store.accept([message]) == []  # still a duplicate before it expires

        async def accepted_again() -> list[InboundMessage]:
            await store.purge_expired()
            return await store.accept([message])

        assert await eventually(accepted_again, timeout=10, what="expiry") == [message]
    finally:
        await store.close()


async def test_when_reopened_then_pending_messages_survive(inbox_url):
    batch = messages("a", "b", "c")
    store = create_inbox(inbox_url, 3600)
    await store.accept(batch)
    await store.mark(batch[1].message_id)
    await store.close()
    reopened = create_inbox(inbox_url, 3600)
    try:
        assert await reopened.pending() == [batch[0], batch[2]]
    finally:
        await reopened.close()


async def test_when_accepted_then_last_inbound_moves_forward_only(inbox):
    new = parse_webhook(p.webhook([p.text("a", timestamp=2000)])).messages
    old = parse_webhook(p.webhook([p.text("b", timestamp=1000)])).messages
    assert await inbox.last_inbound(p.USER) is None
    await inbox.accept(new, now=5000)
    await inbox.accept(old, now=5000)
    assert await inbox.last_inbound(p.USER) == 2000


async def test_when_a_sender_is_erased_then_their_data_is_gone_but_ids_stay_duplicates(inbox):
    mine = messages("a", "b")
    other = messages("c", sender="33700000000")
    await inbox.accept(mine + other)
    await inbox.record_statuses([StatusUpdate("wamid.out", p.USER, "read", 1)])
    await inbox.record_failed_send(p.USER, {"to": p.USER}, 131026, "undeliverable")
    await inbox.erase_sender(p.USER)
    assert await inbox.pending() == other
    assert await inbox.last_inbound(p.USER) is None
    assert await inbox.last_inbound("33700000000") is not None
    assert await inbox.accept(mine) == []
    assert await asyncio.get_running_loop().run_in_executor(None, inbox.count_failed_sends) == 0


async def test_when_statuses_and_failed_sends_are_recorded_then_kept(inbox):
    await inbox.record_statuses([StatusUpdate("wamid.out", p.USER, "failed", 1, (131026,))])
    await inbox.record_failed_send(p.USER, {"to": p.USER}, 131026, "undeliverable")
    assert await asyncio.get_running_loop().run_in_executor(None, inbox.count_failed_sends) == 1


async def test_when_the_opt_out_erases_from_another_process_then_the_inbox_forgets(inbox_url):
    from bot.channels.whatsapp import erase_whatsapp_sender

    store = create_inbox(inbox_url, 3600)
    try:
        await store.accept(messages("a"))
        erased = await erase_whatsapp_sender(p.USER, environ={"WHATSAPP_INBOX_URL": inbox_url})
        assert erased == 2
        assert await store.last_inbound(p.USER) is None
        assert await store.pending() == []
    finally:
        await store.close()


# ---- several instances sharing one inbox: claims ----------------------------------------------

LEASE = 300.0


@pytest.fixture
async def instances(inbox_url):
    """Instances "a" and "b" sharing one store, and a factory for more."""
    opened = []

    def open_instance(owner: str):
        store = create_inbox(inbox_url, 3600, owner=owner, lease_seconds=LEASE)
        opened.append(store)
        return store

    yield open_instance
    for store in opened:
        await store.close()


async def test_when_an_instance_accepts_then_others_cannot_claim_until_its_lease_expires(
    instances,
):
    a, b = instances("a"), instances("b")
    batch = messages("x", "y")
    await a.accept(batch, now=1000)
    assert await b.claim_pending(now=1001) == []
    assert await a.claim_pending(now=1001) == batch
    assert await b.claim_pending(now=1001 + LEASE + 1) == batch
    assert not await a.confirm_claim(batch[0].message_id, now=1001 + LEASE + 2)
    assert await b.confirm_claim(batch[0].message_id, now=1001 + LEASE + 2)


async def test_when_an_instance_restarts_under_its_name_then_it_takes_its_messages_back_at_once(
    instances,
):
    batch = messages("x")
    await instances("a").accept(batch, now=1000)
    restarted = instances("a")
    assert await restarted.claim_pending(now=1001, include_own=False) == []
    assert await restarted.claim_pending(now=1001, include_own=True) == batch


async def test_when_a_claim_is_confirmed_then_it_is_renewed(instances):
    a, b = instances("a"), instances("b")
    (message,) = messages("x")
    await a.accept([message], now=1000)
    assert await a.confirm_claim(message.message_id, now=1000 + LEASE - 1)
    assert await b.claim_pending(now=1000 + LEASE + 1) == []


async def test_when_processed_or_erased_then_no_claim_is_confirmed(instances):
    a = instances("a")
    done, erased = messages("x"), messages("y", sender="33700000001")
    await a.accept(done + erased)
    await a.mark(done[0].message_id)
    await a.erase_sender("33700000001")
    assert not await a.confirm_claim(done[0].message_id)
    assert not await a.confirm_claim(erased[0].message_id)
    assert await instances("b").claim_pending(now=10**10) == []


async def test_when_four_instances_take_over_at_once_then_each_message_goes_to_exactly_one(
    instances,
):
    dead = instances("dead")
    batch = messages(*"abcdefghij")
    await dead.accept(batch, now=1000)
    takers = [instances(f"live-{i}") for i in range(4)]
    later = 1000 + LEASE + 1
    claimed = await asyncio.gather(*(t.claim_pending(now=later, include_own=False) for t in takers))
    ids = [m.message_id for share in claimed for m in share]
    assert sorted(ids) == sorted(m.message_id for m in batch)


# ---- several instances: per-sender leases (order across instances) ---------------------------


def timed(sender: str, *stamped: tuple[str, int]) -> list[InboundMessage]:
    raws = [p.text(text, sender=sender, timestamp=stamp) for text, stamp in stamped]
    return parse_webhook(p.webhook(raws)).messages


async def drain(store, sender: str) -> list[str]:
    """What a lease holder does: the sender's messages in order, each marked processed."""
    texts = []
    while (message := await store.next_pending(sender)) is not None:
        texts.append(message.text)
        await store.mark(message.message_id)
    return texts


async def test_when_messages_arrive_at_two_instances_then_the_holder_drains_them_in_whatsapp_order(
    instances,
):
    a, b = instances("a"), instances("b")
    # WhatsApp's order is by timestamp, then arrival: "late" was sent first but arrived last.
    await a.accept(timed("331", ("second", 2000), ("third", 2000)))
    await b.accept(timed("331", ("first", 1999)))
    assert await a.acquire_sender("331")
    assert not await b.acquire_sender("331")
    assert await drain(a, "331") == ["first", "second", "third"]
    await a.release_sender("331")
    assert await b.acquire_sender("331")


async def test_when_a_holder_stops_renewing_then_another_instance_takes_the_sender_over(
    inbox_url,
):
    dead = create_inbox(inbox_url, 3600, owner="dead", lease_seconds=0.3)
    live = create_inbox(inbox_url, 3600, owner="live", lease_seconds=0.3)
    try:
        await dead.accept(timed("332", ("hello", 1000)))
        assert await dead.acquire_sender("332")
        assert not await live.acquire_sender("332")
        assert await live.senders_to_take() == []

        async def orphans() -> list[InboundMessage]:
            return await live.senders_to_take()

        (oldest,) = await eventually(orphans, what="the dead holder's lease to expire")
        assert oldest.text == "hello"
        assert await live.acquire_sender("332")
        assert not await dead.acquire_sender("332")  # too late: the sender is live's now
    finally:
        await dead.close()
        await live.close()


async def test_when_leases_are_renewed_or_released_then_only_the_holders_count(instances):
    a, b = instances("a"), instances("b")
    await a.accept(timed("333", ("x", 1000)) + timed("334", ("y", 1000)))
    assert await a.acquire_sender("333") and await a.acquire_sender("334")
    await b.release_sender("333")  # not b's: nothing happens
    await b.renew_senders(["333"])
    assert not await b.acquire_sender("333")
    assert [m.sender_id for m in await a.senders_to_take(include_own=True)] == ["333", "334"]
    await a.release_all_senders()
    assert sorted(m.sender_id for m in await b.senders_to_take()) == ["333", "334"]


async def test_when_eight_instances_ask_for_a_sender_at_once_then_exactly_one_gets_it(instances):
    contenders = [instances(f"i{n}") for n in range(8)]
    await contenders[0].accept(timed("335", ("x", 1000)))
    granted = await asyncio.gather(*(c.acquire_sender("335") for c in contenders))
    assert granted.count(True) == 1


async def test_when_a_sender_is_erased_then_no_lease_or_pending_message_of_theirs_is_left(
    instances,
):
    a = instances("a")
    await a.accept(timed("336", ("x", 1000), ("y", 1001)))
    assert await a.acquire_sender("336")
    await a.erase_sender("336")
    assert await a.next_pending("336") is None
    assert await a.senders_to_take(include_own=True) == []
    assert await instances("b").acquire_sender("336")


@pytest.mark.parametrize(
    "url_of",
    [
        lambda tmp: f"sqlite:///{tmp}/old.db",
        pytest.param(lambda tmp: postgres_inbox_url(), marks=pytest.mark.postgres),
    ],
    ids=["sqlite", "postgres"],
)
async def test_when_the_table_predates_claims_then_the_columns_are_added(tmp_path, url_of):
    import sqlalchemy as sa

    from bot.channels.whatsapp.inbox_sql import ADDED_COLUMNS, messages_table

    url = url_of(tmp_path)
    old = sa.Table(
        messages_table.name,
        sa.MetaData(),
        *(c.copy() for c in messages_table.columns if c.name not in ADDED_COLUMNS),
    )
    engine = sa.create_engine(url)
    old.create(engine)
    engine.dispose()
    store = create_inbox(url, 3600, owner="a")
    try:
        batch = messages("x")
        assert await store.accept(batch) == batch
        assert await store.claim_pending() == batch
    finally:
        await store.close()


async def test_when_the_store_may_lose_acknowledged_messages_then_it_says_why(inbox_url):
    import redis

    store = create_inbox(inbox_url, 3600)
    try:
        problem = await store.durability_problem()
        if not inbox_url.startswith("redis"):
            assert problem is None
            return
        client = redis.Redis.from_url(inbox_url, decode_responses=True)
        appendonly = client.config_get("appendonly")["appendonly"]
        assert (problem is None) == (appendonly == "yes")
        if problem:
            assert "appendonly yes" in problem
    finally:
        await store.close()


async def test_when_given_a_raw_number_then_the_inbox_records_it_redacted(inbox):
    """Whoever builds the message, the inbox redacts before writing (and keeps the kinds)."""
    raw = InboundMessage("wamid.raw", p.USER, 1, "1", "text", "text", "card 4970101234567893")

    await inbox.accept([raw])

    [pending] = await inbox.pending()
    assert pending.text == "card [payment_card]"
    assert pending.redacted_kinds == ("payment_card",)


async def test_when_a_send_fails_for_good_then_its_dead_letter_is_redacted(inbox_url):
    inbox = create_inbox(inbox_url, ttl_seconds=3600)
    try:
        body = {"to": p.USER, "text": {"body": "IBAN FR76 3000 6000 0112 3456 7890 189"}}
        await inbox.record_failed_send(p.USER, body, 131026, "undeliverable")
        await inbox.close()
        inbox = create_inbox(inbox_url, ttl_seconds=3600)
        kept = await asyncio.get_running_loop().run_in_executor(None, dead_letters, inbox)
    finally:
        await inbox.close()
    assert "[iban]" in kept and "3000" not in kept


def dead_letters(inbox) -> str:
    """Every failed send the inbox keeps, as stored."""
    if hasattr(inbox, "engine"):
        import sqlalchemy as sa

        from bot.channels.whatsapp.inbox_sql import failed_sends_table

        with inbox.engine.connect() as connection:
            return "".join(row.body for row in connection.execute(sa.select(failed_sends_table)))
    return "".join(inbox._client.lrange(inbox._key("failed", p.USER), 0, -1))
