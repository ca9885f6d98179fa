"""A real `rasa shell`, typed into through a pseudo-terminal: numbers users type leave no trace.

`make shell` is the third way in, after WhatsApp and REST. A card, an IBAN and a national ID
number typed at its prompt must appear in no file the run wrote (tracker store, privacy
registry, their WAL, the log file) and in none of the processes' logs; the only place they may
show is the echo of what the user typed on their own screen.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import termios
import time
from pathlib import Path

import pytest

from scripts.processes import (
    BIN,
    action_server_args,
    free_port,
    start,
    stop,
    wait_until_healthy,
)
from tests.integration.test_no_trace_of_numbers import (
    PLACEHOLDERS,
    SECRETS,
    sensitive_number_warnings,
    spellings,
)

pytestmark = [pytest.mark.model, pytest.mark.process]

ANSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\x1b[=>]|\r")
PROMPT = "Your input ->"


class Terminal:
    """The user's side of a pseudo-terminal: everything shown on it is kept in `screen`."""

    def __init__(self, master: int) -> None:
        self.master = master
        self.raw = b""

    @property
    def screen(self) -> str:
        return ANSI.sub(b"", self.raw).decode("utf-8", "replace")

    def read_until(self, done, process: subprocess.Popen, timeout: float) -> None:
        """Read what the shell prints until `done(screen)` holds; fail if it dies or stalls."""
        deadline = time.monotonic() + timeout
        while not done(self.screen):
            if time.monotonic() > deadline:
                raise AssertionError(f"shell did not answer in {timeout:.0f} s:\n{self.screen}")
            ready, _, _ = select.select([self.master], [], [], 0.5)
            if ready:
                try:
                    self.raw += os.read(self.master, 65536)
                except OSError:  # the slave side closed: the shell is gone
                    break
            elif process.poll() is not None:
                break
        assert done(self.screen), f"shell exited ({process.returncode}):\n{self.screen}"

    def type(self, text: str) -> None:
        os.write(self.master, text.encode() + b"\r")


def files_under(directory: Path) -> dict[str, str]:
    return {
        str(path.relative_to(directory)): path.read_bytes().decode("utf-8", "replace")
        for path in directory.rglob("*")
        if path.is_file()
    }


def test_when_numbers_are_typed_in_the_shell_then_no_file_or_log_keeps_them(
    model_path, tmp_path, monkeypatch
):
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    actions_port = free_port()
    endpoints = run_dir / "endpoints.yml"
    endpoints.write_text(
        f"""
action_endpoint:
  url: "http://127.0.0.1:{actions_port}/webhook"
tracker_store:
  type: bot.stores.tracker_store.VigieTrackerStore
nlg:
  type: bot.nlg.GuardedNLG
"""
    )
    monkeypatch.setenv("VIGIE_TRACKER_STORE_URL", f"sqlite:///{run_dir / 'tracker.db'}")
    monkeypatch.setenv("VIGIE_PRIVACY_DB_URL", f"sqlite:///{run_dir / 'privacy.db'}")
    actions_log = (tmp_path / "actions.log").open("w")
    stderr_log = (tmp_path / "rasa-stderr.log").open("w")
    master, slave = pty.openpty()
    # A wide terminal, so that replies are not wrapped across lines.
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 400, 0, 0))
    actions = start(
        "action server",
        [*action_server_args(actions_port), "--debug"],
        stdout=actions_log,
        stderr=actions_log,
    )
    shell = start(
        "rasa shell",
        [
            str(BIN / "rasa"), "shell", "--debug", "--model", str(model_path),
            "--endpoints", str(endpoints), "--port", str(free_port()),
            "--log-file", str(run_dir / "rasa.log"),
        ],
        stdin=slave,
        stdout=slave,
        stderr=stderr_log,
    )  # fmt: skip
    os.close(slave)
    terminal = Terminal(master)
    warnings = sensitive_number_warnings()
    typed: list[str] = []

    def answered(count: int):
        return lambda screen: sum(screen.count(w) for w in warnings) >= count

    try:
        wait_until_healthy(f"http://127.0.0.1:{actions_port}/health", actions, "actions", 120)
        terminal.read_until(lambda screen: PROMPT in screen, shell, 240)
        for count, (kind, number) in enumerate(SECRETS.items(), start=1):
            typed.append(f"my {kind} is {number}")
            terminal.type(typed[-1])
            terminal.read_until(answered(count), shell, 60)
        terminal.type("/stop")
        shell.wait(60)
    finally:
        stop(shell)
        stop(actions)
        actions_log.close()
        stderr_log.close()
        os.close(master)

    places = files_under(run_dir)
    places["actions.log"] = (tmp_path / "actions.log").read_text("utf-8", "replace")
    places["rasa stderr"] = (tmp_path / "rasa-stderr.log").read_text("utf-8", "replace")
    # What the shell printed, less the echo of the user's own typing.
    places["screen"] = terminal.screen
    for message in typed:
        places["screen"] = places["screen"].replace(message, "")
    # The run really went through the redacting store and logged at debug level.
    assert {"tracker.db", "rasa.log"} <= places.keys(), sorted(places)
    for placeholder in PLACEHOLDERS:
        assert placeholder in places["tracker.db"], placeholder
    assert "processor.message.parse" in places["rasa.log"]
    assert "action_guard_sensitive_number" in places["actions.log"]
    # The user did see what they typed, so the absence below is not a blank screen.
    assert SECRETS["card"] in terminal.screen
    for name, content in places.items():
        for number in SECRETS.values():
            for spelling in spellings(number):
                assert spelling not in content, f"{spelling!r} found in {name}"
