"""Refuse to start a bot whose conversations would bypass redaction, erasure or suppression.

Only `bot.stores.tracker_store.VigieTrackerStore` redacts numbers before saving and erases a
conversation on opt-out; an event broker receives the events the tracker store saves, so it
sees placeholders only behind that store. A deployer who copies Rasa's documentation
(`type: SQL`, `type: redis`, `type: mongod`...) would get a store that keeps raw numbers and
never erases, silently. And the suppression list must be one database for both processes: an
opt-out recorded by Rasa in one registry and checked by the action server in another would
let messages reach a user who said STOP.

Both are checked on the objects that will serve, however Rasa was started (`rasa run`,
`rasa shell`, `rasa interactive`, `make run`, or the Python API: `Agent.load`,
`agent.load_model`): Rasa builds the model's components inside `MessageProcessor.__init__`,
after the processor holds its tracker store and action endpoint, and the guard annotator's
`create` calls `check_this_process`, which finds that processor on the call stack. A process
that loads the model without a processor (`rasa train`, `rasa test nlu`) serves no
conversation and has nothing to check.

`VIGIE_ALLOW_UNREDACTED_STORE=1` lets an unredacting store start anyway (a deployer who
redacts elsewhere, or a throw-away experiment), with a loud warning at every start.
"""

from __future__ import annotations

import inspect
import json
import logging
import os
import signal
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from core import names
from core.privacy.registry import URL_VARIABLE, privacy_registry

logger = logging.getLogger(__name__)

OVERRIDE_VARIABLE = "VIGIE_ALLOW_UNREDACTED_STORE"
VIGIE_STORE = "bot.stores.tracker_store.VigieTrackerStore"
#: Seconds between tries when the action server is not up yet at start-up, and how long to try.
REGISTRY_RETRY_SECONDS = 2.0
REGISTRY_RETRY_FOR_SECONDS = 600.0


class UnredactedStoreError(SystemExit):
    """Start-up refused. A `SystemExit`, so that Rasa's model loading (which logs and swallows
    any `Exception`) cannot turn it into a server that runs without a model."""


class PrivacyRegistryMismatch(SystemExit):
    """Rasa and the action server use different privacy registries (a `SystemExit`, as above)."""


def primary_store(store: Any) -> Any:
    """The store under Rasa's wrappers (`FailSafeTrackerStore` and the like)."""
    while hasattr(store, "_tracker_store"):
        store = store._tracker_store
    return store


def privacy_problem(store: Any) -> str | None:
    """Why this tracker store (and its event broker) would keep or publish raw numbers, with
    the fix; None when it would not. Rasa's in-memory store writes nothing: it is fine unless
    an event broker would receive its raw events."""
    from rasa.core.tracker_store import InMemoryTrackerStore

    from bot.stores.tracker_store import VigieTrackerStore

    store = primary_store(store)
    if isinstance(store, VigieTrackerStore):
        return None
    broker = getattr(store, "event_broker", None)
    fix = (
        f"set `type: {VIGIE_STORE}` under tracker_store in endpoints.yml (it takes the same "
        f"keys as Rasa's SQL and Redis stores: url, dialect, port, db, username, password, "
        f"login_db, query, key_prefix, record_exp, use_ssl), or set {OVERRIDE_VARIABLE}=1 to "
        f"start anyway"
    )
    if isinstance(store, InMemoryTrackerStore):
        if broker is None:
            return None
        return (
            f"the event broker ({type(broker).__name__}) would receive conversations with raw "
            f"card, bank and ID numbers from Rasa's in-memory tracker store: {fix}"
        )
    return (
        f"tracker store `{type(store).__name__}` keeps raw card, bank and ID numbers and does "
        f"not erase conversations on opt-out: {fix}"
    )


def check_store(store: Any, environ: Mapping[str, str] | None = None) -> None:
    """Refuse (`UnredactedStoreError`) a store or broker that bypasses redaction.

    With the override variable set, a warning is logged instead.
    """
    environ = os.environ if environ is None else environ
    problem = privacy_problem(store)
    if problem is None:
        return
    if environ.get(OVERRIDE_VARIABLE, "").strip().lower() in ("1", "true", "yes"):
        logger.warning("PRIVACY CHECK OVERRIDDEN (%s is set): %s", OVERRIDE_VARIABLE, problem)
        return
    logger.critical("Vigie refuses to start: %s.", problem)
    raise UnredactedStoreError(f"Vigie refuses to start: {problem}.")


def serving_processor() -> Any | None:
    """The `MessageProcessor` being built further up the call stack, if any."""
    from rasa.core.processor import MessageProcessor

    frame = inspect.currentframe()
    while frame is not None:
        candidate = frame.f_locals.get("self")
        if isinstance(candidate, MessageProcessor):
            return candidate
        frame = frame.f_back
    return None


def check_this_process() -> None:
    """Check the processor this model is being loaded for, if it serves conversations."""
    processor = serving_processor()
    if processor is None:
        return
    check_store(processor.tracker_store)
    endpoint = getattr(processor, "action_endpoint", None)
    if endpoint is not None and endpoint.url:
        check_action_server_registry(endpoint.url)


# ------------------------------------------------------------- one privacy registry for both


def action_server_registry(url: str, timeout: float = 5.0) -> str | None:
    """The privacy registry identity the action server at `url` reports; None when it does not
    answer (not up yet). An action server without the action answers with an error: raised."""
    call = {
        "next_action": names.PRIVACY_REGISTRY_ACTION,
        "sender_id": "vigie-start-up-check",
        "tracker": {"sender_id": "vigie-start-up-check", "events": [], "slots": {}},
        "domain": {},
    }
    request = urllib.request.Request(
        url, json.dumps(call).encode(), {"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            answer = json.loads(response.read())
    except urllib.error.HTTPError:
        raise
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None
    for event in answer.get("events") or []:
        if event.get("event") == "slot" and event.get("name") == names.PRIVACY_REGISTRY_KEY:
            return str(event.get("value"))
    raise ValueError(f"the action server at {url} did not say which privacy registry it uses")


def registry_mismatch(url: str) -> str | None:
    """The refusal message when the action server at `url` uses another privacy registry;
    None when they agree. Raises `ConnectionError` when the action server does not answer."""
    try:
        theirs = action_server_registry(url)
    except (urllib.error.HTTPError, ValueError) as error:
        return (
            f"the action server at {url} could not say which privacy registry it uses "
            f"({error}); is it Vigie's action server (`rasa run actions --actions actions`)?"
        )
    if theirs is None:
        raise ConnectionError(url)
    ours = privacy_registry()
    if theirs == ours.identity():
        return None
    where = ours.engine.url.render_as_string(hide_password=True)
    return (
        f"Rasa and the action server at {url} use different privacy registries (Rasa's is "
        f"{where}): an opt-out recorded by one would not be seen by the other. Give both "
        f"processes the same {URL_VARIABLE}"
    )


def check_action_server_registry(url: str) -> None:
    """Refuse to start when the action server uses another privacy registry.

    Asked at once. When the action server is not up yet (`make run` starts both together) and
    this is a `rasa` command, a background thread asks again until it answers, and a mismatch
    found then stops this process (SIGTERM) with the same message. A program that loads the
    agent through the Python API gets the warning only: stopping it is not this check's call.
    """
    try:
        problem = registry_mismatch(url)
    except ConnectionError:
        if not is_rasa_command():
            logger.warning(
                "privacy registry not compared: the action server at %s does not answer", url
            )
            return
        logger.info("action server at %s not up yet: privacy registry checked when it is", url)
        threading.Thread(
            target=_check_later, args=(url,), name="vigie-registry-check", daemon=True
        ).start()
        return
    if problem is not None:
        logger.critical("Vigie refuses to start: %s.", problem)
        raise PrivacyRegistryMismatch(f"Vigie refuses to start: {problem}.")
    logger.info("privacy registry: the action server at %s uses the same one", url)


def is_rasa_command(argv: list[str] | None = None) -> bool:
    """True in a process started as `rasa ...` (or `python -m rasa ...`)."""
    program = Path((sys.argv if argv is None else argv)[0])
    return program.name == "rasa" or program.parent.name == "rasa"


def _check_later(url: str) -> None:
    deadline = time.monotonic() + REGISTRY_RETRY_FOR_SECONDS
    while time.monotonic() < deadline:
        time.sleep(REGISTRY_RETRY_SECONDS)
        try:
            problem = registry_mismatch(url)
        except ConnectionError:
            continue
        if problem is None:
            logger.info("privacy registry: the action server at %s uses the same one", url)
            return
        logger.critical("Vigie refuses to run: %s. Stopping.", problem)
        os.kill(os.getpid(), signal.SIGTERM)
        return
    logger.warning("privacy registry: the action server at %s never answered; not compared", url)
