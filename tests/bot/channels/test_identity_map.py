"""The identity map in each inbox backend: one conversation per user, whatever id arrives."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from bot.channels.whatsapp.erasure import erase_user
from bot.channels.whatsapp.identity import Address, IdentityChange
from bot.channels.whatsapp.inbox import create_inbox
from bot.channels.whatsapp.parsing import parse_webhook
from core.privacy.registry import privacy_registry
from tests.bot.channels import whatsapp_payloads as p
from tests.bot.channels.stores import postgres_inbox_url, redis_inbox_url


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param("postgres", marks=pytest.mark.postgres),
        pytest.param("redis", marks=pytest.mark.redis),
    ]
)
async def inbox(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/inbox.db"
    else:
        url = postgres_inbox_url() if request.param == "postgres" else redis_inbox_url()
    store = create_inbox(url, ttl_seconds=3600)
    yield store
    await store.close()


def phone() -> str:
    return "336" + str(uuid.uuid4().int)[:8]


async def test_when_a_phone_user_gets_a_bsuid_then_the_conversation_stays_the_phone_s(inbox):
    number, bsuid = phone(), p.new_bsuid()

    assert await inbox.resolve_sender(number, "") == number  # before BSUIDs
    assert await inbox.resolve_sender(number, bsuid) == number
    assert await inbox.resolve_sender("", bsuid) == number  # the number withheld later
    assert await inbox.address(number) == Address(phone=number, user_id=bsuid)


async def test_when_a_username_user_shows_a_number_later_then_one_conversation(inbox):
    number, bsuid = phone(), p.new_bsuid()

    assert await inbox.resolve_sender("", bsuid) == bsuid
    assert await inbox.address(bsuid) == Address(user_id=bsuid)
    assert await inbox.resolve_sender(number, bsuid) == bsuid
    assert await inbox.resolve_sender(number, "") == bsuid
    assert (await inbox.address(bsuid)).phone == number  # replies go to the number now


async def test_when_two_instances_meet_a_new_user_at_once_then_they_agree(inbox, tmp_path):
    number, bsuid = phone(), p.new_bsuid()

    names = await asyncio.gather(
        *(inbox.resolve_sender(number if i % 2 else "", bsuid) for i in range(10))
    )

    assert len(set(names)) == 1


async def test_when_a_user_changes_number_then_the_new_ids_join_and_the_old_leave(inbox):
    number, bsuid, new_number, new_bsuid = phone(), p.new_bsuid(), phone(), p.new_bsuid()
    await inbox.resolve_sender(number, bsuid)

    change = IdentityChange(number, bsuid, new_number, new_bsuid)
    assert await inbox.change_identity(change) == number

    assert await inbox.resolve_sender(new_number, new_bsuid) == number
    assert await inbox.address(number) == Address(phone=new_number, user_id=new_bsuid)
    assert sorted(await inbox.identifiers(number)) == sorted([new_number, new_bsuid])
    # The old number, given to someone else, does not open the first user's conversation.
    stranger = p.new_bsuid()
    assert await inbox.resolve_sender(number, stranger) == stranger


async def test_when_a_bsuid_changes_then_replies_follow_it(inbox):
    bsuid, new_bsuid = p.new_bsuid(), p.new_bsuid()
    await inbox.resolve_sender("", bsuid)

    assert await inbox.change_identity(IdentityChange(old_user_id=bsuid, new_user_id=new_bsuid))

    assert await inbox.resolve_sender("", new_bsuid) == bsuid
    assert await inbox.address(bsuid) == Address(user_id=new_bsuid)


async def test_when_a_change_names_nobody_known_then_nothing_is_mapped(inbox):
    change = IdentityChange(old_user_id=p.new_bsuid(), new_user_id=p.new_bsuid())

    assert await inbox.change_identity(change) is None
    assert await inbox.identifiers(change.new_user_id) == []


async def test_when_the_user_is_erased_then_every_identifier_is_forgotten(inbox):
    number, bsuid = phone(), p.new_bsuid()
    canonical = await inbox.resolve_sender(number, bsuid)
    raw = p.text("hello", sender=number, from_user_id=bsuid)
    await inbox.accept(parse_webhook(p.webhook([raw])).messages)

    erased = await inbox.erase_sender(canonical)

    assert erased >= 3  # two identifiers and the message
    assert await inbox.identifiers(canonical) == []
    assert await inbox.resolve_sender("", bsuid) == bsuid  # a stranger to the map now


async def test_when_a_user_is_erased_then_their_other_identifiers_are_suppressed_too(
    inbox, tmp_path, monkeypatch
):
    monkeypatch.setenv("VIGIE_PRIVACY_DB_URL", f"sqlite:///{tmp_path / 'privacy.db'}")
    number, bsuid = phone(), p.new_bsuid()
    canonical = await inbox.resolve_sender(number, bsuid)
    sent_by_bsuid = {**p.status("wamid.by-bsuid"), "recipient_user_id": bsuid}
    del sent_by_bsuid["recipient_id"]  # a message sent by BSUID alone
    await inbox.record_statuses(parse_webhook(p.webhook(statuses=[sent_by_bsuid])).statuses)

    erased = await erase_user(inbox, canonical)

    registry = privacy_registry()
    assert registry.is_suppressed(bsuid)  # the tracker store suppresses the sender id itself
    assert erased == 3  # two identifiers and the status


async def test_when_meta_reports_a_changed_number_then_the_channel_moves_the_user(channel):
    number, bsuid, new_number, new_bsuid = phone(), p.new_bsuid(), phone(), p.new_bsuid()
    await channel.inbox.resolve_sender(number, bsuid)
    system = p.identity_change("user_changed_number", number, bsuid, new_bsuid, new_number)

    assert await channel.runtime.record(parse_webhook(p.webhook([system]))) == 0  # no turn

    assert channel.metrics["identity_changed"] == 1
    assert await channel.inbox.address(number) == Address(new_number, new_bsuid)
