"""`make test-conversations`: `rasa test` on the test stories and the held-out NLU file.

Starts a real action server (the language slot and guard actions need it), runs the test
stories with `--fail-on-prediction-errors`, evaluates intents on `tests/nlu/heldout.yml`,
reports the blind NLU sets of `eval/nlu/` (scripts/eval_nlu.py), and writes the figures to
`results/summary.txt`. Exits non-zero when a story fails or the held-out intent accuracy is
below the goal; the blind figures are reported against their goals without failing the run,
since a blind set measures the model rather than checks the code (`make eval-nlu` details them).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from scripts import eval_nlu
from scripts.processes import BIN, MODEL, ROOT, bot_environment, free_port, running_action_server

RESULTS = ROOT / "results"
TEST_STORIES = ROOT / "tests" / "stories"
HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"
TRAINING_NLU = ROOT / "data" / "nlu"
ACCURACY_GOAL = 0.95


def rasa(*args: str) -> int:
    command = [str(BIN / "rasa"), *args]
    print(f"[vigie] {' '.join(command)}", flush=True)
    return subprocess.run(command, cwd=ROOT, env=bot_environment()).returncode


def test_stories(endpoints: Path) -> int:
    return rasa(
        "test", "core",
        "--model", str(MODEL),
        "--stories", str(TEST_STORIES),
        "--endpoints", str(endpoints),
        "--fail-on-prediction-errors",
        "--out", str(RESULTS / "core"),
    )  # fmt: skip


def heldout_accuracy() -> float:
    code = rasa(
        "test", "nlu",
        "--model", str(MODEL),
        "--nlu", str(HELDOUT),
        "--out", str(RESULTS / "nlu"),
    )  # fmt: skip
    if code != 0:
        raise RuntimeError(f"rasa test nlu exited with code {code}")
    report = json.loads((RESULTS / "nlu" / "intent_report.json").read_text())
    return float(report["accuracy"])


def count_examples(path: Path) -> int:
    """Number of example messages in a Rasa NLU YAML file."""
    blocks = yaml.safe_load(path.read_text())["nlu"]
    return sum(
        1
        for block in blocks
        for line in block.get("examples", "").splitlines()
        if line.strip().startswith("- ")
    )


def blind_summary() -> list[str]:
    """One line per blind set of eval/nlu/, or a line saying there is none."""
    paths = eval_nlu.eval_files()
    if not paths:
        return [f"Blind NLU: no set in {eval_nlu.EVAL_DIR.relative_to(ROOT)}"]
    results = eval_nlu.evaluate(paths, MODEL)
    return [eval_nlu.summary_line(name, predictions) for name, predictions in results.items()]


def main() -> int:
    RESULTS.mkdir(exist_ok=True)
    port = free_port()
    with tempfile.TemporaryDirectory() as scratch:
        endpoints = Path(scratch) / "endpoints.yml"
        endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{port}/webhook"\n')
        with running_action_server(port):
            stories_code = test_stories(endpoints)
    accuracy = heldout_accuracy()
    failed = (
        [] if stories_code == 0 else ["test stories (see results/core/failed_test_stories.yml)"]
    )
    if accuracy < ACCURACY_GOAL:
        failed.append(f"held-out intent accuracy {accuracy:.3f} < {ACCURACY_GOAL}")
    heldout = count_examples(HELDOUT)
    trained = sum(count_examples(path) for path in sorted(TRAINING_NLU.glob("*.yml")))
    summary = [
        f"Test stories: {'passed' if stories_code == 0 else 'FAILED'}",
        f"Held-out NLU: {heldout} messages ({heldout / trained:.0%} of {trained} training"
        f" examples), intent accuracy {accuracy:.3f} (goal {ACCURACY_GOAL})",
        *blind_summary(),
        "Reports: results/core/ (stories), results/nlu/ (NLU), `make eval-nlu` (blind sets)",
    ]
    (RESULTS / "summary.txt").write_text("\n".join(summary) + "\n")
    print("\n".join(summary))
    for failure in failed:
        print(f"[vigie] FAILED: {failure}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
