"""Nothing leaves the machine: `rasa` commands attempt no connection to a non-loopback address.

Each command runs in a subprocess whose `sitecustomize` (a) processes the `.pth` file that
`make install` writes (from a site folder of the test's own, so the shared venv is not
touched) and (b) installs an audit hook that records, and blocks, every `socket.connect` and
`socket.getaddrinfo` aimed anywhere but loopback. `HOME` is a fresh folder, so Rasa's global
config (which enables telemetry on first run) is Rasa's default, not the developer's choice.
A control crash with `RASA_TELEMETRY_ENABLED=true` shows the hook does see Rasa's attempt to
send an error report (the outside call of issue 11).
"""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

import pytest

from scripts import privacy_defaults
from scripts.processes import BIN, ROOT, free_port, stop, wait_until_healthy

SITECUSTOMIZE = textwrap.dedent(
    """
    import ipaddress, os, site, sys

    site.addsitedir(os.environ["VIGIE_TEST_SITE_DIR"])  # as the venv's site-packages would
    _LOG = os.environ["VIGIE_TEST_CONNECT_LOG"]

    def _loopback(host):
        if isinstance(host, bytes):
            host = host.decode(errors="replace")
        if host in (None, "", "localhost") or not isinstance(host, str):
            return True
        try:
            return ipaddress.ip_address(host.split("%")[0]).is_loopback
        except ValueError:
            return False

    def _hook(event, args):
        if event == "socket.connect":
            address = args[1]
            if not isinstance(address, tuple):
                return  # a Unix socket
            host = address[0]
        elif event == "socket.getaddrinfo":
            host = args[0]
        else:
            return
        if not _loopback(host):
            with open(_LOG, "a") as log:
                log.write(f"{event} {host!r}\\n")
            raise PermissionError(f"outside connection blocked by the test: {host!r}")

    sys.addaudithook(_hook)
    """
)


def environment(tmp_path: Path, telemetry: str | None) -> tuple[dict[str, str], Path]:
    site_dir, hook_dir, home = tmp_path / "site", tmp_path / "hook", tmp_path / "home"
    for folder in (site_dir, hook_dir, home):
        folder.mkdir(exist_ok=True)
    privacy_defaults.install(site_dir)
    (hook_dir / "sitecustomize.py").write_text(SITECUSTOMIZE)
    log = tmp_path / "connections.log"
    log.write_text("")
    env = {key: value for key, value in os.environ.items() if not key.startswith("RASA_")}
    env.update(
        HOME=str(home),
        PYTHONPATH=os.pathsep.join([str(hook_dir), str(ROOT)]),
        VIGIE_TEST_SITE_DIR=str(site_dir),
        VIGIE_TEST_CONNECT_LOG=str(log),
    )
    if telemetry is not None:
        env["RASA_TELEMETRY_ENABLED"] = telemetry
    return env, log


def test_when_the_pth_line_runs_then_telemetry_is_off_unless_the_user_said_otherwise(tmp_path):
    env, _ = environment(tmp_path, None)
    read = "import os; print(os.environ.get('RASA_TELEMETRY_ENABLED'))"

    default = subprocess.run([str(BIN / "python"), "-c", read], env=env, capture_output=True)
    env["RASA_TELEMETRY_ENABLED"] = "true"
    chosen = subprocess.run([str(BIN / "python"), "-c", read], env=env, capture_output=True)

    assert default.stdout.decode().strip() == "false"
    assert chosen.stdout.decode().strip() == "true"


def test_when_rasa_data_validate_runs_then_no_outside_connection_is_attempted(tmp_path):
    env, log = environment(tmp_path, None)

    result = subprocess.run(
        [str(BIN / "rasa"), "data", "validate"], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=600,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert log.read_text() == ""


def run_rasa_briefly(model_path: Path, tmp_path: Path, env: dict[str, str]) -> None:
    """`rasa run` until it serves, then a polite stop (its shutdown hooks run too)."""
    port = free_port()
    credentials = tmp_path / "credentials.yml"
    credentials.write_text("rest:\n")
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: bot.stores.tracker_store.VigieTrackerStore\n")
    output = (tmp_path / "rasa.log").open("w")
    process = subprocess.Popen(
        [str(BIN / "rasa"), "run", "-m", str(model_path), "--credentials", str(credentials),
         "--endpoints", str(endpoints), "-i", "127.0.0.1", "-p", str(port)],
        cwd=ROOT, env=env, stdout=output, stderr=output, start_new_session=True,
    )  # fmt: skip
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}/", process, "rasa", 300)
    finally:
        stop(process)
        output.close()


@pytest.mark.model
def test_when_rasa_run_starts_and_stops_then_no_outside_connection_is_attempted(
    model_path, tmp_path
):
    env, log = environment(tmp_path, None)
    env["VIGIE_TRACKER_STORE_URL"] = f"sqlite:///{tmp_path / 'tracker.db'}"

    run_rasa_briefly(model_path, tmp_path, env)

    assert log.read_text() == ""


STORY = """version: "3.1"
stories:
  - story: greet with a card number
    steps:
      - user: "hello, my card is 4970 1012 3456 7893"
        intent: share_sensitive_number
      - action: action_guard_sensitive_number
"""
NLU = """version: "3.1"
nlu:
  - intent: greet
    examples: |
      - hello there
      - bonjour
"""


@pytest.mark.model
def test_when_rasa_test_runs_then_no_outside_connection_is_attempted(model_path, tmp_path):
    """`rasa test` as typed (stories and NLU), on a story and two examples to stay short."""
    env, log = environment(tmp_path, None)
    (tmp_path / "stories.yml").write_text(STORY)
    (tmp_path / "nlu.yml").write_text(NLU)

    result = subprocess.run(
        [str(BIN / "rasa"), "test", "-m", str(model_path),
         "--stories", str(tmp_path / "stories.yml"), "--nlu", str(tmp_path / "nlu.yml"),
         "--out", str(tmp_path / "results")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert (tmp_path / "results" / "failed_test_stories.yml").exists()  # it really tested
    assert log.read_text() == ""


#: A crash inside Rasa's code (not a RasaException or OSError, which Rasa does not report)
#: after Rasa set up its error reporting, as every `rasa <command>` does.
CRASH = (
    "import rasa.telemetry, rasa.shared.utils.io\n"
    "rasa.telemetry.initialize_error_reporting()\n"
    "rasa.shared.utils.io.json_to_string({'vigie-crash': object()})\n"
)


@pytest.mark.parametrize("telemetry, reported", [(None, False), ("true", True)])
def test_when_rasa_crashes_then_a_report_is_attempted_only_if_the_user_turned_it_on(
    tmp_path, telemetry, reported
):
    """The crash of issue 11: by default nothing is sent; the control shows the hook sees it."""
    env, log = environment(tmp_path, telemetry)

    result = subprocess.run(
        [str(BIN / "python"), "-c", CRASH], cwd=tmp_path, env=env, capture_output=True,
        text=True, timeout=120,
    )  # fmt: skip

    assert "TypeError" in result.stderr  # it did crash, in Rasa's code
    assert (log.read_text() != "") is reported, log.read_text()
