"""The action server runs without Rasa: importing it loads no `rasa.` module.

`requirements-actions.txt` installs the action server alone, without Rasa; this test keeps
that true. It imports the action package the way `rasa run actions` does (rasa_sdk's executor
registers every module of the package) in a fresh interpreter, so nothing imported by other
tests can hide or cause a Rasa import.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
from rasa_sdk.executor import ActionExecutor
executor = ActionExecutor()
executor.register_package("actions")
print(json.dumps({
    "actions": sorted(executor.actions),
    "rasa": sorted(m for m in sys.modules if m == "rasa" or m.startswith("rasa.")),
    "bot": sorted(m for m in sys.modules if m == "bot" or m.startswith("bot.")),
}))
"""


def load_action_server() -> dict[str, list[str]]:
    completed = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_when_the_action_server_loads_then_no_rasa_module_is_imported():
    loaded = load_action_server()

    assert "action_opt_out" in loaded["actions"]  # the probe really registered the actions
    assert loaded["rasa"] == []
    assert loaded["bot"] == []
