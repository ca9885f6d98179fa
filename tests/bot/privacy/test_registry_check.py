"""Rasa refuses to start (and to run) when the action server uses another privacy registry:
an opt-out recorded by one process must be seen by the other.

The agreeing case is every other test that runs `rasa run` with an action server (e.g.
`tests/integration/test_no_trace_of_numbers.py`): they would fail if the check refused it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bot.privacy.startup import action_server_registry
from core.privacy.registry import URL_VARIABLE, PrivacyRegistry
from scripts.processes import (
    BIN,
    action_server_args,
    bot_environment,
    free_port,
    running_action_server,
    start,
    stop,
    wait_until_healthy,
)

pytestmark = [pytest.mark.model, pytest.mark.process]


def rasa_files(tmp_path: Path, actions_port: int) -> list[str]:
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n')
    credentials = tmp_path / "credentials.yml"
    credentials.write_text("rest:\n")
    return ["--endpoints", str(endpoints), "--credentials", str(credentials)]


def test_when_asked_then_the_action_server_reports_its_registrys_identity(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'privacy.db'}"
    monkeypatch.setenv(URL_VARIABLE, url)
    port = free_port()

    with running_action_server(port):
        reported = action_server_registry(f"http://127.0.0.1:{port}/webhook")

    assert reported == PrivacyRegistry(url).identity()


def test_when_the_action_server_uses_another_registry_then_rasa_run_refuses_to_start(
    model_path, tmp_path, monkeypatch
):
    port = free_port()
    monkeypatch.setenv(URL_VARIABLE, f"sqlite:///{tmp_path / 'actions-privacy.db'}")
    with running_action_server(port):
        monkeypatch.setenv(URL_VARIABLE, f"sqlite:///{tmp_path / 'rasa-privacy.db'}")
        result = subprocess.run(
            [str(BIN / "rasa"), "run", "-m", str(model_path), *rasa_files(tmp_path, port),
             "-i", "127.0.0.1", "-p", str(free_port())],
            cwd=tmp_path, env=bot_environment(), capture_output=True, text=True, timeout=300,
            stdin=subprocess.DEVNULL,
        )  # fmt: skip

    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-2000:]
    assert "Vigie refuses to start" in output and "different privacy registries" in output
    assert URL_VARIABLE in output


def test_when_the_action_server_comes_up_later_on_another_registry_then_rasa_stops(
    model_path, tmp_path, monkeypatch
):
    actions_port, rasa_port = free_port(), free_port()
    log_path = tmp_path / "rasa.log"
    monkeypatch.setenv(URL_VARIABLE, f"sqlite:///{tmp_path / 'rasa-privacy.db'}")
    with log_path.open("w") as log:
        rasa = start(
            "rasa",
            [str(BIN / "rasa"), "run", "-m", str(model_path), *rasa_files(tmp_path, actions_port),
             "-i", "127.0.0.1", "-p", str(rasa_port)],
            stdout=log, stderr=log,
        )  # fmt: skip
    monkeypatch.setenv(URL_VARIABLE, f"sqlite:///{tmp_path / 'actions-privacy.db'}")
    actions = None
    try:
        wait_until_healthy(f"http://127.0.0.1:{rasa_port}/", rasa, "rasa", 300)
        actions = start("action server", action_server_args(actions_port))
        rasa.wait(timeout=120)  # it stops itself once it has compared the registries
    finally:
        stop(rasa)
        if actions is not None:
            stop(actions)

    assert "Vigie refuses to run" in log_path.read_text()
    assert "different privacy registries" in log_path.read_text()
