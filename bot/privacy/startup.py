"""Refuse to start a bot whose conversations would bypass redaction and erasure.

Only `bot.stores.tracker_store.VigieTrackerStore` redacts numbers before saving and erases a
conversation on opt-out; an event broker receives the events the tracker store saves, so it
sees placeholders only behind that store. A deployer who copies Rasa's documentation
(`type: SQL`, `type: redis`, `type: mongod`...) would get a store that keeps raw numbers and
never erases, silently. So when a Rasa process that serves conversations (`rasa run`,
`rasa shell`, `rasa interactive`) loads Vigie's model, the endpoints file it was started with
is checked, and a store or broker that would bypass redaction stops start-up with the fix.

`VIGIE_ALLOW_UNREDACTED_STORE=1` lets it start anyway (a deployer who redacts elsewhere, or
a throw-away experiment), with a loud warning at every start.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

logger = logging.getLogger(__name__)

OVERRIDE_VARIABLE = "VIGIE_ALLOW_UNREDACTED_STORE"
VIGIE_STORE = "bot.stores.tracker_store.VigieTrackerStore"
#: Rasa commands that serve conversations with the endpoints file (`rasa run actions` does not).
SERVING_COMMANDS = ("run", "shell", "interactive")
DEFAULT_ENDPOINTS = "endpoints.yml"


class UnredactedStoreError(SystemExit):
    """Start-up refused. A `SystemExit`, so that Rasa's model loading (which logs and swallows
    any `Exception`) cannot turn it into a server that runs without a model."""


def is_vigie_store(store_type: str | None) -> bool:
    """True when `store_type` names VigieTrackerStore or a subclass of it."""
    if not store_type:
        return False
    from rasa.shared.utils.common import class_from_module_path

    from bot.stores.tracker_store import VigieTrackerStore

    try:
        store_class = class_from_module_path(store_type)
    except (ImportError, AttributeError):
        return False
    return isinstance(store_class, type) and issubclass(store_class, VigieTrackerStore)


def privacy_problem(tracker_store_type: str | None, event_broker_type: str | None) -> str | None:
    """Why these endpoints would keep or publish raw numbers, with the fix; None when they don't.

    No tracker store and no broker is Rasa's in-memory store: nothing is written or published.
    """
    if is_vigie_store(tracker_store_type):
        return None
    if tracker_store_type is None and event_broker_type is None:
        return None
    fix = (
        f"set `type: {VIGIE_STORE}` under tracker_store in endpoints.yml (it takes the same "
        f"keys as Rasa's SQL and Redis stores: url, dialect, port, db, username, password, "
        f"login_db, query, key_prefix, record_exp, use_ssl), or set {OVERRIDE_VARIABLE}=1 to "
        f"start anyway"
    )
    if tracker_store_type is None:
        return (
            f"the event broker ({event_broker_type}) would receive conversations with raw card, "
            f"bank and ID numbers from Rasa's in-memory tracker store: {fix}"
        )
    return (
        f"tracker store `{tracker_store_type}` keeps raw card, bank and ID numbers and does not "
        f"erase conversations on opt-out: {fix}"
    )


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


def check_endpoints_file(path: Path, environ: Mapping[str, str] | None = None) -> None:
    """Refuse (`UnredactedStoreError`) endpoints whose store or broker bypasses redaction.

    With the override variable set, a warning is logged instead.
    """
    from rasa.core.utils import AvailableEndpoints

    environ = os.environ if environ is None else environ
    endpoints = AvailableEndpoints.read_endpoints(str(path)) if path.is_file() else None
    store = endpoints.tracker_store if endpoints else None
    broker = endpoints.event_broker if endpoints else None
    problem = privacy_problem(
        store.type if store else None, (broker.type or "configured") if broker else None
    )
    if problem is None:
        return
    message = f"{path}: {problem}."
    if environ.get(OVERRIDE_VARIABLE, "").strip().lower() in ("1", "true", "yes"):
        logger.warning("PRIVACY CHECK OVERRIDDEN (%s is set): %s", OVERRIDE_VARIABLE, message)
        return
    logger.critical("Vigie refuses to start: %s", message)
    raise UnredactedStoreError(f"Vigie refuses to start: {message}")


def check_this_process(argv: Sequence[str] | None = None) -> None:
    """Check the endpoints of this process's command line, if it serves conversations."""
    import sys

    path = endpoints_path(sys.argv if argv is None else argv)
    if path is not None:
        check_endpoints_file(path)
