"""`rasa test` typed as Rasa's docs say, with no argument, in the project root.

Rasa 3.6 looks for test stories in every file under `.`: its training cache (kept out of the
project by the Makefile) and the sample project inside the Rasa package in `.venv` (removed by
`make install`) would crash it or add failing stories. Custom actions are not run by
`rasa test`, so no action server is needed. One run, about two minutes.
"""

from __future__ import annotations

import json
import os
import subprocess
import time

import pytest
import yaml

from scripts.processes import BIN, ROOT

pytestmark = [pytest.mark.model, pytest.mark.process]

RESULTS = ROOT / "results"


def count_test_stories() -> int:
    stories = 0
    for path in sorted((ROOT / "tests" / "stories").glob("test_*.yml")):
        stories += len(yaml.safe_load(path.read_text()).get("stories") or [])
    return stories


def test_rasa_test_as_typed_runs_our_stories_and_the_nlu_evaluation_into_results() -> None:
    env = dict(os.environ)
    env.pop("RASA_CACHE_DIRECTORY", None)  # a fresh terminal: nothing but Rasa's defaults
    started = time.time()
    run = subprocess.run(
        [str(BIN / "rasa"), "test"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]

    report = json.loads((RESULTS / "story_report.json").read_text())
    expected = count_test_stories()
    assert report["conversation_accuracy"]["total"] == expected  # ours, and only ours
    assert report["conversation_accuracy"]["correct"] == expected
    failed = (RESULTS / "failed_test_stories.yml").read_text()
    assert "- story:" not in failed

    intents = RESULTS / "intent_report.json"
    assert intents.stat().st_mtime >= started
    assert json.loads(intents.read_text())["accuracy"] > 0.9
