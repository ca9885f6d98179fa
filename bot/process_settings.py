"""Process-wide interpreter settings of the Rasa process, in one place.

Two settings change how the whole interpreter behaves, for every thread and library in the
process, so they are made here and nowhere else, from one call site: the WhatsApp channel's
runtime calls `apply_after_model_load` once per model Rasa loads
(`bot.channels.whatsapp.runtime`): when the server starts, before any webhook (Rasa loads the
model first), and before the first turn of a model loaded later. Processes without the
WhatsApp channel (REST only, the action server) keep Python's defaults.

- **Thread switch interval** (`sys.setswitchinterval`, Python's default 5 ms, here
  `SWITCH_INTERVAL`): Rasa turns compute in their own thread (`turn_loop`); a shorter
  interval hands the interpreter lock back to the webhook's thread sooner, so an
  acknowledgement never waits behind a turn's computation.
- **Frozen heap** (`gc.freeze`): a loaded model is millions of long-lived objects; each full
  garbage collection walked them all and stopped every thread, the webhook's included, for
  about 450 ms (measured with a `gc` callback during `scripts/bench_webhook.py`). Frozen once
  the model is loaded, later full collections only walk what turns allocate. The freeze's
  own full collection takes as long (0.5 s), which is why it runs before the first webhook:
  run at the first turn, it held up the acknowledgements of the first webhooks of a burst
  (the load test's p95 was 600-750 ms, `scripts/load_test.py`).
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

logger = logging.getLogger(__name__)

#: Seconds between forced hand-overs of the interpreter lock between threads.
SWITCH_INTERVAL = 0.001


def shorten_switch_interval() -> None:
    """Hand the interpreter lock over at least every `SWITCH_INTERVAL` (never lengthens it)."""
    if sys.getswitchinterval() > SWITCH_INTERVAL:
        sys.setswitchinterval(SWITCH_INTERVAL)


def freeze_heap() -> None:
    """Move every object alive now out of the garbage collector's reach."""
    gc.collect()
    gc.freeze()
    logger.info("%d loaded objects frozen out of garbage collection", gc.get_freeze_count())


def apply_after_model_load() -> None:
    """Both settings; called once per loaded model, before its first turn."""
    shorten_switch_interval()
    freeze_heap()


#: The `rasa` commands that serve conversations, and the endpoints file they read by default.
SERVING_COMMANDS = ("run", "shell", "interactive")
DEFAULT_ENDPOINTS = "endpoints.yml"


def endpoints_path(argv: Sequence[str]) -> Path | None:
    """The endpoints file of a `rasa run|shell|interactive` command line, else None."""
    arguments = list(argv[1:])
    commands = [argument for argument in arguments if not argument.startswith("-")]
    if not commands or commands[0] not in SERVING_COMMANDS or commands[1:2] == ["actions"]:
        return None
    for index, argument in enumerate(arguments):
        if argument == "--endpoints" and index + 1 < len(arguments):
            return Path(arguments[index + 1])
        if argument.startswith("--endpoints="):
            return Path(argument.split("=", 1)[1])
    return Path(DEFAULT_ENDPOINTS)
