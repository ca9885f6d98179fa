"""Shared fixtures: the trained model, a real action server, a real Rasa agent."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.processes import MODEL, free_port, running_action_server

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")

# Tests (and the action servers they start, which inherit this environment) never write to
# the developer's own .vigie/ databases.
_SCRATCH = Path(tempfile.mkdtemp(prefix="vigie-tests-"))
os.environ.setdefault("VIGIE_APPOINTMENTS_DB_URL", f"sqlite:///{_SCRATCH / 'appointments.db'}")
os.environ.setdefault("VIGIE_PRIVACY_DB_URL", f"sqlite:///{_SCRATCH / 'privacy.db'}")
os.environ.setdefault("VIGIE_REMINDERS_DB_URL", f"sqlite:///{_SCRATCH / 'reminders.db'}")
os.environ.setdefault("VIGIE_TRACKER_STORE_URL", f"sqlite:///{_SCRATCH / 'tracker.db'}")
os.environ.setdefault("VIGIE_SUBJECT_HASH_SECRET", "test-only-secret")


@pytest.fixture(autouse=True)
def fresh_reminder_scheduler() -> Iterator[None]:
    """Rasa keeps one reminder scheduler bound to the first event loop; tests each get a new
    loop, so the scheduler is dropped after each test (an opt-out cancels reminders)."""
    yield
    from rasa.core import jobs

    try:
        jobs.kill_scheduler()
    except RuntimeError:  # its loop is already closed: forget it all the same
        setattr(jobs, "__scheduler", None)


@pytest.fixture(scope="session")
def model_path() -> Path:
    """The model `make install` trains; its absence is an error, not a skip."""
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make train` first")
    return MODEL


@pytest.fixture(scope="session")
def action_server_url() -> Iterator[str]:
    """A real action server (`rasa run actions`) on a free port."""
    port = free_port()
    with running_action_server(port):
        yield f"http://127.0.0.1:{port}/webhook"


@pytest.fixture(scope="session")
def agent(model_path: Path, action_server_url: str):
    """The trained model, talking to the real action server, with in-memory stores."""
    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig

    return Agent.load(str(model_path), action_endpoint=EndpointConfig(url=action_server_url))


@pytest.fixture
def scratch_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as directory:
        yield Path(directory)
