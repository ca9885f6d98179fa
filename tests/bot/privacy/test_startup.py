"""Start-up refuses a tracker store or event broker that would bypass redaction and erasure,
however Rasa is started: `rasa run`, `rasa shell`, the Python API (`Agent.load`, and
`load_agent`, which `rasa run` and `make run` go through with the endpoints file)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from rasa.core.brokers.sql import SQLEventBroker
from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore, SQLTrackerStore
from rasa.shared.core.domain import Domain

from bot.privacy.startup import (
    OVERRIDE_VARIABLE,
    VIGIE_STORE,
    UnredactedStoreError,
    check_store,
    is_rasa_command,
    privacy_problem,
)
from bot.stores.tracker_store import VigieTrackerStore
from scripts.processes import BIN, ROOT, bot_environment


def sql_store(tmp_path: Path) -> SQLTrackerStore:
    return SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "raw.db"))


def broker(tmp_path: Path) -> SQLEventBroker:
    return SQLEventBroker(db=str(tmp_path / "broker.db"))


def test_when_the_store_is_rasas_sql_store_then_the_problem_names_it_and_the_fix(tmp_path):
    problem = privacy_problem(FailSafeTrackerStore(sql_store(tmp_path)))

    assert problem is not None and "tracker store `SQLTrackerStore` keeps raw" in problem
    assert VIGIE_STORE in problem and OVERRIDE_VARIABLE in problem


def test_when_the_store_is_vigies_then_any_broker_is_fine(tmp_path):
    store = VigieTrackerStore(url="memory://", event_broker=broker(tmp_path))

    assert privacy_problem(FailSafeTrackerStore(store)) is None


def test_when_memory_store_then_fine_unless_a_broker_would_get_raw_events(tmp_path):
    assert privacy_problem(InMemoryTrackerStore(Domain.empty())) is None
    problem = privacy_problem(InMemoryTrackerStore(Domain.empty(), broker(tmp_path)))
    assert problem is not None and "SQLEventBroker" in problem


def test_when_the_store_bypasses_redaction_then_start_up_is_refused(tmp_path):
    with pytest.raises(UnredactedStoreError, match="Vigie refuses to start: tracker store"):
        check_store(sql_store(tmp_path), environ={})


def test_when_the_override_is_set_then_a_loud_warning_instead(tmp_path, caplog):
    check_store(sql_store(tmp_path), environ={OVERRIDE_VARIABLE: "1"})

    assert "PRIVACY CHECK OVERRIDDEN" in caplog.text


def test_when_the_projects_endpoints_are_loaded_as_rasa_does_then_they_pass():
    from rasa.core.tracker_store import TrackerStore
    from rasa.core.utils import AvailableEndpoints

    endpoints = AvailableEndpoints.read_endpoints(str(ROOT / "endpoints.yml"))

    check_store(TrackerStore.create(endpoints.tracker_store), environ={})


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["/x/.venv/bin/rasa", "run"], True),
        (["/x/site-packages/rasa/__main__.py", "shell"], True),
        (["/x/.venv/bin/pytest", "tests"], False),
        (["-c"], False),
    ],
)
def test_when_the_process_is_a_rasa_command_then_it_is_known(argv, expected):
    assert is_rasa_command(argv) is expected


# ------------------------------------------------------------------ every way of starting


def endpoints(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "endpoints.yml"
    path.write_text(text)
    return path


@pytest.mark.model
def test_when_the_python_api_loads_the_model_with_a_sql_store_then_it_is_refused(
    model_path, tmp_path, monkeypatch
):
    from rasa.core.agent import Agent

    monkeypatch.delenv(OVERRIDE_VARIABLE, raising=False)

    with pytest.raises(UnredactedStoreError, match="SQLTrackerStore"):
        Agent.load(str(model_path), tracker_store=sql_store(tmp_path))


@pytest.mark.model
async def test_when_load_agent_reads_a_broker_behind_rasas_memory_store_then_it_is_refused(
    model_path, tmp_path, monkeypatch
):
    """`load_agent` with an endpoints file is what `rasa run`, `rasa shell` and `make run` do."""
    from rasa.core.agent import load_agent
    from rasa.core.utils import AvailableEndpoints

    monkeypatch.delenv(OVERRIDE_VARIABLE, raising=False)
    path = endpoints(tmp_path, f"event_broker:\n  type: SQL\n  db: {tmp_path / 'broker.db'}\n")

    with pytest.raises(UnredactedStoreError, match="event broker"):
        await load_agent(str(model_path), endpoints=AvailableEndpoints.read_endpoints(str(path)))


@pytest.mark.model
@pytest.mark.parametrize("command", ["run", "shell"])
def test_when_a_rasa_command_is_given_a_sql_store_then_it_exits_with_the_fix(
    model_path, tmp_path, command
):
    path = endpoints(tmp_path, "tracker_store:\n  type: SQL\n  dialect: sqlite\n")
    credentials = tmp_path / "credentials.yml"
    credentials.write_text("rest:\n")
    env = bot_environment()
    env.pop(OVERRIDE_VARIABLE, None)
    options = ["-i", "127.0.0.1", "-p", "0"] if command == "run" else []

    result = subprocess.run(
        [str(BIN / "rasa"), command, "-m", str(model_path), "--endpoints", str(path),
         "--credentials", str(credentials), *options],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip

    assert result.returncode != 0
    assert "Vigie refuses to start" in result.stderr + result.stdout
    assert VIGIE_STORE in result.stderr + result.stdout
