"""Start-up refuses a tracker store or event broker that would bypass redaction and erasure."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bot.privacy.startup import (
    OVERRIDE_VARIABLE,
    UnredactedStoreError,
    check_endpoints_file,
    endpoints_path,
    privacy_problem,
)
from scripts.processes import BIN, ROOT, bot_environment

VIGIE = "bot.stores.tracker_store.VigieTrackerStore"


@pytest.mark.parametrize("store", ["SQL", "sql", "redis", "mongod", "dynamo", "my.module.Store"])
def test_when_the_store_is_not_vigies_then_the_problem_names_the_fix(store):
    problem = privacy_problem(store, None)

    assert problem is not None and store in problem
    assert VIGIE in problem and OVERRIDE_VARIABLE in problem


def test_when_the_store_is_vigies_then_any_broker_is_fine():
    assert privacy_problem(VIGIE, "pika") is None


def test_when_no_store_then_memory_is_fine_unless_a_broker_would_get_raw_events():
    assert privacy_problem(None, None) is None
    assert "pika" in (privacy_problem(None, "pika") or "")


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["rasa", "run", "-m", "models"], "endpoints.yml"),
        (["rasa", "run", "--endpoints", "e.yml"], "e.yml"),
        (["rasa", "shell", "--endpoints=x/e.yml"], "x/e.yml"),
        (["rasa", "interactive"], "endpoints.yml"),
        (["rasa", "run", "actions"], None),
        (["rasa", "train"], None),
        (["pytest", "tests"], None),
    ],
)
def test_when_a_command_serves_conversations_then_its_endpoints_file_is_found(argv, expected):
    found = endpoints_path(argv)

    assert (str(found) if found else None) == expected


def endpoints(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "endpoints.yml"
    path.write_text(text)
    return path


def test_when_endpoints_name_rasas_sql_store_then_start_up_is_refused(tmp_path):
    path = endpoints(tmp_path, "tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: x.db\n")

    with pytest.raises(UnredactedStoreError, match="tracker store `SQL` keeps raw"):
        check_endpoints_file(path, environ={})


def test_when_the_override_is_set_then_a_loud_warning_instead(tmp_path, caplog):
    path = endpoints(tmp_path, "tracker_store:\n  type: redis\n")

    check_endpoints_file(path, environ={OVERRIDE_VARIABLE: "1"})

    assert "PRIVACY CHECK OVERRIDDEN" in caplog.text


def test_when_the_projects_endpoints_are_checked_then_they_pass():
    check_endpoints_file(ROOT / "endpoints.yml", environ={})


@pytest.mark.model
def test_when_rasa_run_is_given_a_sql_store_then_it_exits_with_the_fix(model_path, tmp_path):
    path = endpoints(tmp_path, "tracker_store:\n  type: SQL\n  dialect: sqlite\n")
    credentials = tmp_path / "credentials.yml"
    credentials.write_text("rest:\n")
    env = bot_environment()
    env.pop(OVERRIDE_VARIABLE, None)

    result = subprocess.run(
        [str(BIN / "rasa"), "run", "-m", str(model_path), "--endpoints", str(path),
         "--credentials", str(credentials), "-i", "127.0.0.1", "-p", "0"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip

    assert result.returncode != 0
    assert "Vigie refuses to start" in result.stderr + result.stdout
    assert VIGIE in result.stderr + result.stdout
