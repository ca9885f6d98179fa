"""A real `rasa run` and action server at debug level: numbers users send leave no trace.

After a card, an IBAN and a national ID number are sent over the REST channel, none of them
(with or without separators) appears in Rasa's log, the action server's log, the tracker
store's database file, or the events an event broker received.
"""

from __future__ import annotations

import json
import urllib.request

import pytest
import yaml

from scripts.processes import (
    BIN,
    ROOT,
    action_server_args,
    free_port,
    start,
    stop,
    wait_until_healthy,
)

pytestmark = pytest.mark.model

SECRETS = {
    "card": "4970 1012 3456 7893",
    "iban": "FR76 3000 6000 0112 3456 7890 189",
    "nir": "2 84 12 2A 004 123 70",  # French social security number, Corsica, valid key
}


PLACEHOLDERS = ("[payment_card]", "[iban]", "[national_id]")


def sensitive_number_warnings() -> set[str]:
    """Every variation of the reply that tells the user the number was not stored."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    return {variation["text"] for variation in domain["responses"]["utter_guard_sensitive_number"]}


def spellings(number: str) -> set[str]:
    compact = number.replace(" ", "")
    return {number, compact, "-".join(number.split()), compact.lower()}


def post(port: int, sender: str, text: str) -> list[dict]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/webhooks/rest/webhook",
        data=json.dumps({"sender": sender, "message": text}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def test_when_numbers_are_sent_then_no_log_store_or_broker_keeps_them(
    model_path, tmp_path, monkeypatch
):
    rasa_port, actions_port = free_port(), free_port()
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        f"""
action_endpoint:
  url: "http://127.0.0.1:{actions_port}/webhook"
tracker_store:
  type: bot.stores.tracker_store.VigieTrackerStore
nlg:
  type: bot.nlg.GuardedNLG
event_broker:
  type: SQL
  dialect: sqlite
  db: {tmp_path / "broker.db"}
"""
    )
    credentials = tmp_path / "credentials.yml"
    credentials.write_text("rest:\n")
    monkeypatch.setenv("VIGIE_TRACKER_STORE_URL", f"sqlite:///{tmp_path / 'tracker.db'}")
    monkeypatch.setenv("VIGIE_PRIVACY_DB_URL", f"sqlite:///{tmp_path / 'privacy.db'}")
    actions_log = (tmp_path / "actions.log").open("w")
    rasa_log = (tmp_path / "rasa.log").open("w")
    actions = start(
        "action server",
        [*action_server_args(actions_port), "--debug"],
        stdout=actions_log,
        stderr=actions_log,
    )
    rasa = start(
        "rasa",
        [
            str(BIN / "rasa"), "run", "--debug", "--model", str(model_path),
            "--endpoints", str(endpoints), "--credentials", str(credentials),
            "--port", str(rasa_port),
        ],
        stdout=rasa_log,
        stderr=rasa_log,
    )  # fmt: skip
    try:
        wait_until_healthy(f"http://127.0.0.1:{actions_port}/health", actions, "actions", 120)
        wait_until_healthy(f"http://127.0.0.1:{rasa_port}/", rasa, "rasa", 240)
        replies = [post(rasa_port, "leaky", f"my {kind} is {n}") for kind, n in SECRETS.items()]
        replies.append(post(rasa_port, "leaky", "my name is " + SECRETS["card"]))
    finally:
        stop(rasa)
        stop(actions)
        actions_log.close()
        rasa_log.close()

    # The user is told, for each number, that it was not kept.
    warnings = sensitive_number_warnings()
    for reply in replies:
        assert warnings & {message.get("text") for message in reply}, reply
    places = {
        name: (tmp_path / name).read_bytes().decode("utf-8", "replace")
        for name in ("rasa.log", "actions.log", "tracker.db", "broker.db")
    }
    # What was kept is the placeholder of each kind, in the store and in the broker's events.
    for placeholder in PLACEHOLDERS:
        assert placeholder in places["tracker.db"], placeholder
        assert placeholder in places["broker.db"], placeholder
    # Debug logging was really on in both processes, so the absence below means something.
    assert "processor.message.parse" in places["rasa.log"]
    assert "action_guard_sensitive_number" in places["actions.log"]
    for name, content in places.items():
        for number in SECRETS.values():
            for spelling in spellings(number):
                assert spelling not in content, f"{spelling!r} found in {name}"
