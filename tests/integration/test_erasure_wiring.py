"""The opt-out action and the tracker store agree on how an erasure is requested.

The action runs in the action server, the store in Rasa; they share only `core.names` and
`core.erasure.ErasureRequest`. This test goes the real way between them: the events the action
returns are serialised as the action server sends them, read back by Rasa, applied to a
tracker, and saved through the store. It fails when the action, the slot in `domain.yml`, the
request type or the store drift apart (a renamed action or slot turns erasure into a save).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

import yaml
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk import Tracker
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher

from actions.booking import common
from actions.booking.store import get_store
from bot.stores.tracker_store import VigieTrackerStore
from core import names
from core.privacy.registry import PrivacyRegistry

REPO_ROOT = Path(__file__).resolve().parents[2]


def domain_yaml() -> dict:
    return yaml.safe_load((REPO_ROOT / "domain.yml").read_text(encoding="utf-8"))


def test_when_the_domain_is_read_then_it_declares_the_opt_out_action_and_its_slot():
    domain = domain_yaml()

    assert names.OPT_OUT_ACTION in domain["actions"]
    assert domain["slots"][names.ERASURE_REQUEST_SLOT]["mappings"] == [{"type": "custom"}]


async def test_when_the_opt_out_action_runs_then_the_store_erases_the_conversation(
    tmp_path, monkeypatch
):
    sender = f"wiring-{uuid.uuid4().hex}"
    tomorrow = (common.now() + dt.timedelta(days=1)).replace(hour=10, minute=0)
    get_store().book(sender, "gp_consultation", "clinique_pasteur", tomorrow, "Marie Dupont", 2)
    executor = ActionExecutor()
    executor.register_package("actions")
    action = executor.actions[names.OPT_OUT_ACTION]  # found by the name Rasa predicts
    sdk_tracker = Tracker(sender, {}, {"text": "STOP"}, [], False, None, {}, "action_listen")

    returned = await action(CollectingDispatcher(), sdk_tracker, {})

    domain = Domain.load(str(REPO_ROOT / "domain.yml"))
    monkeypatch.setenv("VIGIE_PRIVACY_DB_URL", f"sqlite:///{tmp_path / 'p.db'}")
    store = VigieTrackerStore(domain=domain, url="memory://")
    tracker = DialogueStateTracker.from_events(
        sender, [ActionExecuted("action_listen"), UserUttered("hello")], slots=domain.slots
    )
    await store.save(tracker)
    tracker.update(UserUttered("STOP"))
    tracker.update(ActionExecuted(names.OPT_OUT_ACTION))
    for event in json.loads(json.dumps(returned)):  # as the action server sends them
        tracker.update(Event.from_parameters(event))
    await store.save(tracker)

    assert await store.retrieve(sender) is None
    [audit] = PrivacyRegistry(f"sqlite:///{tmp_path / 'p.db'}").erasures(sender)
    assert audit["appointments_cancelled"] == 1 and audit["tracker_events"] >= 1
