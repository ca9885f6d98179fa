"""The tracker store on real backends: SQLite, PostgreSQL, Redis and memory.

After a sensitive number, no trace of it in the raw rows and values; after opt-out, zero
rows and zero keys for that sender.
"""

from __future__ import annotations

import uuid

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.stores.tracker_store import PrivacyConfigError, VigieTrackerStore, tracker_store_url
from core.erasure import ErasureRequest
from core.privacy.registry import PrivacyRegistry
from tests.services import require_postgres, require_redis
from tests.store_contents import raw_stored_text

CARD = "4111 1111 1111 1111"  # Visa's published test card number
CARD_DIGITS = CARD.replace(" ", "")


def backend_url(backend: str, tmp_path) -> str:
    if backend == "postgresql":
        return require_postgres()
    if backend == "redis":
        return require_redis()
    return {"sqlite": f"sqlite:///{tmp_path / 'tracker.db'}", "memory": "memory://"}[backend]


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param("postgresql", marks=pytest.mark.postgres),
        pytest.param("redis", marks=pytest.mark.redis),
        "memory",
    ]
)
def store(request, tmp_path, monkeypatch) -> VigieTrackerStore:
    url = backend_url(request.param, tmp_path)
    monkeypatch.setenv("VIGIE_PRIVACY_DB_URL", f"sqlite:///{tmp_path / 'privacy.db'}")
    return VigieTrackerStore(domain=Domain.empty(), url=url)


def new_sender() -> str:
    return f"test-{uuid.uuid4().hex}"


def turn(sender: str, text: str, *after) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(
        sender,
        [
            ActionExecuted("action_listen"),
            UserUttered(
                text,
                {"name": "inform", "confidence": 0.9},
                entities=[{"entity": "name", "value": text, "start": 0, "end": len(text)}],
                parse_data={"text": text, "intent": {"name": "inform"}},
                metadata={"raw": text},
            ),
            *after,
        ],
    )


def test_when_no_url_is_set_then_conversations_go_to_local_sqlite(monkeypatch):
    monkeypatch.delenv("VIGIE_TRACKER_STORE_URL", raising=False)
    assert str(tracker_store_url()) == "sqlite:///.vigie/tracker.db"


async def test_when_a_user_sends_a_card_number_then_no_digit_of_it_is_stored(store):
    sender = new_sender()
    tracker = turn(
        sender,
        f"my card is {CARD} thanks",
        SlotSet("patient_name", CARD),
        BotUttered(f"You said {CARD}", {"buttons": [{"title": CARD, "payload": "/x"}]}),
    )

    await store.save(tracker)

    raw = raw_stored_text(store, sender)
    assert "[payment_card]" in raw
    assert CARD not in raw and CARD_DIGITS not in raw
    reloaded = await store.retrieve(sender)
    assert reloaded.latest_message.text == "my card is [payment_card] thanks"


async def test_when_the_opt_out_action_ran_then_nothing_of_the_sender_remains(store, tmp_path):
    sender = new_sender()
    await store.save(turn(sender, "hello", ActionExecuted("utter_greet")))
    assert raw_stored_text(store, sender)

    opt_out_turn = turn(
        sender,
        "STOP",
        ActionExecuted("action_opt_out"),
        SlotSet("erasure_request", ErasureRequest(sender, {"appointments": 2}).to_slot()),
        BotUttered("Done, your data is deleted."),
    )
    tracker = await store.retrieve(sender)
    for event in list(opt_out_turn.events)[1:]:
        tracker.update(event)
    await store.save(tracker)

    assert raw_stored_text(store, sender) == ""
    assert await store.retrieve(sender) is None
    registry = PrivacyRegistry(f"sqlite:///{tmp_path / 'privacy.db'}")
    assert registry.is_suppressed(sender)
    [audit] = registry.erasures(sender)
    assert audit["appointments"] == 2 and audit["tracker_events"] >= 1


async def test_when_another_sender_opts_out_then_this_conversation_is_kept(store):
    keep, leave = new_sender(), new_sender()
    await store.save(turn(keep, "hello"))
    await store.save(
        turn(
            leave,
            "stop",
            ActionExecuted("action_opt_out"),
            SlotSet("erasure_request", ErasureRequest(leave).to_slot()),
        )
    )

    kept = await store.retrieve(keep)
    assert kept is not None and [e.text for e in kept.events if e.type_name == "user"] == ["hello"]
    assert "hello" in raw_stored_text(store, keep)
    assert await store.retrieve(leave) is None and raw_stored_text(store, leave) == ""


async def test_when_a_request_names_another_sender_then_nothing_is_erased(store):
    sender = new_sender()

    await store.save(
        turn(sender, "hi", SlotSet("erasure_request", ErasureRequest("someone else").to_slot()))
    )

    assert (await store.retrieve(sender)).latest_message.text == "hi"


async def test_when_the_slot_holds_no_typed_request_then_the_turn_is_saved(store):
    sender = new_sender()

    await store.save(turn(sender, "hi", SlotSet("erasure_request", {"appointments": 1})))

    assert (await store.retrieve(sender)).latest_message.text == "hi"


@pytest.mark.postgres
async def test_when_postgresql_is_named_then_conversations_are_kept_there(monkeypatch, tmp_path):
    url = require_postgres()
    monkeypatch.setenv("VIGIE_TRACKER_STORE_URL", url)
    monkeypatch.setenv("VIGIE_PRIVACY_DB_URL", f"sqlite:///{tmp_path}/p.db")
    store = VigieTrackerStore(domain=Domain.empty())
    sender = new_sender()
    await store.save(turn(sender, "hello"))

    assert store.backend.engine.url.get_backend_name() == "postgresql"
    assert "hello" in raw_stored_text(store, sender)
    reopened = VigieTrackerStore(url=url, domain=Domain.empty())
    assert (await reopened.retrieve(sender)).latest_message.text == "hello"


def test_when_endpoints_name_another_privacy_database_then_start_up_is_refused(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("VIGIE_PRIVACY_DB_URL", f"sqlite:///{tmp_path / 'shared.db'}")

    with pytest.raises(PrivacyConfigError, match="VIGIE_PRIVACY_DB_URL for both processes"):
        VigieTrackerStore(url="memory://", privacy_db_url=f"sqlite:///{tmp_path / 'other.db'}")


def test_when_endpoints_repeat_the_shared_privacy_database_then_it_is_used(tmp_path, monkeypatch):
    shared = f"sqlite:///{tmp_path / 'shared.db'}"
    monkeypatch.setenv("VIGIE_PRIVACY_DB_URL", shared)

    store = VigieTrackerStore(url="memory://", privacy_db_url=shared)

    assert str(store.privacy.engine.url) == shared
