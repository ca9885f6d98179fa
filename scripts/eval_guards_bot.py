"""The guards in the running bot, judged by what it did: `make eval-guards-bot`, or
``python -m scripts.eval_guards_bot [FILE ...]`` (default: every ``eval/guards/*.jsonl``).

It starts a real action server and a real `rasa run` with the trained model (REST channel,
the project's NLG, tracker store and erasure; scratch databases in a temporary folder), posts
every inbound message of the sets to ``/webhooks/rest/webhook`` from a fresh sender each, and
reads what the bot did from its replies: each guard action answers with its own domain
response, so the replies say which ran.

| behaviour | the reply | judged against |
| --- | --- | --- |
| opt-out executed (erasure) | `utter_opt_out_done` (only `action_opt_out` sends it) | `opt_out` |
| confirmation asked | `utter_ask_opt_out` | `opt_out` |
| sensitive-number warning | `utter_guard_sensitive_number` | any number kind |
| sale refusal | `utter_guard_product_sale` | `product_sale` |
| pharmacist referral | `utter_refer_to_pharmacist` | (counted, not a refusal) |

It prints, per file and for all files, recall and precision of each behaviour, the erasures
on messages that are not opt-outs (goal: none), then the errors with their text. The
library's own figures are `scripts.eval_guards`' (its `DETECTORS` table judges findings per
kind; the bot's warning does not say which number scheme it saw, so the bot has this report).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scripts.eval_guards import DEFAULT_GLOB, NUMBER_KINDS, Item, load
from scripts.processes import (
    BIN,
    MODEL,
    ROOT,
    free_port,
    running_action_server,
    start,
    stop,
    wait_until_healthy,
)
from scripts.scoring import Tally, pct

ERASED, ASKED, WARNED, REFUSED, REFERRED = "erased", "asked", "warned", "refused", "referred"

#: The response each behaviour is recognised by.
RESPONSES = {
    ERASED: "utter_opt_out_done",
    ASKED: "utter_ask_opt_out",
    WARNED: "utter_guard_sensitive_number",
    REFUSED: "utter_guard_product_sale",
    REFERRED: "utter_refer_to_pharmacist",
}

#: Report rows: (name, what the bot did counts as a detection, what the item expects).
ROWS: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = (
    ("opt_out: executed or asked", frozenset({ERASED, ASKED}), frozenset({"opt_out"})),
    ("opt_out: executed at once", frozenset({ERASED}), frozenset({"opt_out"})),
    ("opt_out: confirmation asked", frozenset({ASKED}), frozenset({"opt_out"})),
    ("sensitive number: warning", frozenset({WARNED}), NUMBER_KINDS),
    ("product_sale: sale refusal", frozenset({REFUSED}), frozenset({"product_sale"})),
)

#: Rows whose errors are listed: how certain opt-outs split between erasing and asking is
#: a choice, not an error, and those rows' counts say it.
LISTED = ("opt_out: executed or asked", "sensitive number: warning", "product_sale: sale refusal")


def response_patterns(domain_path: Path) -> dict[str, list[re.Pattern[str]]]:
    """For each behaviour, a pattern per language variation of its response
    (`{placeholders}` match anything)."""
    domain = yaml.safe_load(domain_path.read_text(encoding="utf-8"))
    patterns: dict[str, list[re.Pattern[str]]] = {}
    for behaviour, name in RESPONSES.items():
        variations = domain["responses"][name]
        patterns[behaviour] = [
            re.compile(re.sub(r"\\\{\w+\\\}", ".*?", re.escape(v["text"]).strip()), re.S)
            for v in variations
        ]
    return patterns


@dataclass(frozen=True)
class Outcome:
    """What the bot did with one message."""

    behaviours: frozenset[str]
    replies: tuple[str, ...]


def judge(replies: Sequence[dict[str, Any]], patterns: dict[str, list[re.Pattern[str]]]) -> Outcome:
    texts = tuple(str(r.get("text") or "") for r in replies)
    found = {
        behaviour
        for behaviour, variants in patterns.items()
        for text in texts
        if any(p.search(text) for p in variants)
    }
    return Outcome(frozenset(found), texts)


Case = tuple[Item, Outcome]


@contextmanager
def running_bot(folder: Path) -> Iterator[str]:
    """An action server and `rasa run` (REST) on scratch databases; yields the webhook URL."""
    os.environ.update(
        {
            "VIGIE_TRACKER_STORE_URL": f"sqlite:///{folder / 'tracker.db'}",
            "VIGIE_APPOINTMENTS_DB_URL": f"sqlite:///{folder / 'appointments.db'}",
            "VIGIE_PRIVACY_DB_URL": f"sqlite:///{folder / 'privacy.db'}",
            "VIGIE_SUBJECT_HASH_SECRET": uuid.uuid4().hex,
        }
    )
    actions_port, port = free_port(), free_port()
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    endpoints["action_endpoint"] = {"url": f"http://127.0.0.1:{actions_port}/webhook"}
    (folder / "endpoints.yml").write_text(yaml.safe_dump(endpoints), encoding="utf-8")
    (folder / "credentials.yml").write_text("rest:\n", encoding="utf-8")
    args = [str(BIN / "rasa"), "run", "--model", str(MODEL), "--port", str(port)]
    args += ["--endpoints", str(folder / "endpoints.yml")]
    args += ["--credentials", str(folder / "credentials.yml"), "-i", "127.0.0.1"]
    with running_action_server(actions_port):
        log = (folder / "rasa.log").open("wb")
        rasa = start("rasa", args, stdout=log, stderr=log)
        try:
            wait_until_healthy(f"http://127.0.0.1:{port}/", rasa, "rasa", timeout=600)
            yield f"http://127.0.0.1:{port}/webhooks/rest/webhook"
        finally:
            stop(rasa)
            log.close()


def post(url: str, text: str) -> list[dict[str, Any]]:
    """One message from a new sender; the bot's replies."""
    body = json.dumps({"sender": f"eval-{uuid.uuid4().hex}", "message": text}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        replies = json.loads(response.read())
    return replies if isinstance(replies, list) else []


def run_items(url: str, items: Sequence[Item], workers: int) -> list[list[dict[str, Any]]]:
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(lambda item: post(url, item.text), items))


def tally(items: Sequence[Item], outcomes: Sequence[Outcome]) -> dict[str, Tally[Case]]:
    table: dict[str, Tally[Case]] = {name: Tally() for name, _, _ in ROWS}
    for item, outcome in zip(items, outcomes, strict=True):
        for name, did, expects in ROWS:
            expected, found = bool(item.expected & expects), bool(outcome.behaviours & did)
            table[name].add(expected, found, (item, outcome))
    return table


def report(title: str, items: Sequence[Item], outcomes: Sequence[Outcome], out, limit: int):
    table = tally(items, outcomes)
    print(f"\n== {title}: {len(items)} inbound messages (bot over REST)", file=out)
    print(f"   {'behaviour':<30} {'recall':>6} {'prec.':>6}   tp  fp  fn", file=out)
    for name, _, _ in ROWS:
        row = table[name]
        print(
            f"   {name:<30} {pct(row.recall):>6} {pct(row.precision):>6}"
            f" {row.tp:4d}{row.fp:4d}{row.fn:4d}",
            file=out,
        )
    pairs = list(zip(items, outcomes, strict=True))
    erasures = [(i, o) for i, o in pairs if ERASED in o.behaviours and "opt_out" not in i.expected]
    referred = [(i, o) for i, o in pairs if REFERRED in o.behaviours]
    on_sales = sum("product_sale" in i.expected for i, _ in referred)
    print(
        f"   erasures on messages that are not opt-outs: {len(erasures)} (goal 0)\n"
        f"   pharmacist referrals: {len(referred)} ({on_sales} on sale requests)",
        file=out,
    )
    if not limit:
        return
    for item, _ in erasures:
        print(f"     ERASED {item.id} [{item.category}] {item.text!r}", file=out)
    for name in LISTED:
        for label, cases in (("missed", table[name].misses), ("wrongly", table[name].false_alarms)):
            if cases:
                print(f"\n   {name}: {label} ({len(cases)})", file=out)
            for item, outcome in cases[:limit]:
                did = ",".join(sorted(outcome.behaviours)) or "-"
                print(f"     {item.id} [{item.category}] {item.text!r}  <- {did}", file=out)
            if len(cases) > limit:
                print(f"     ... {len(cases) - limit} more", file=out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help=f"default: {DEFAULT_GLOB}")
    parser.add_argument("--errors", type=int, default=40, help="errors listed per row")
    parser.add_argument("--workers", type=int, default=4, help="messages in flight at once")
    args = parser.parse_args(argv)
    files = args.files or sorted(ROOT.glob(DEFAULT_GLOB))
    if not files:
        print(f"no evaluation set: {DEFAULT_GLOB} is empty", file=sys.stderr)
        return 2
    if not MODEL.exists():
        print(f"no trained model at {MODEL}: run `make train` first", file=sys.stderr)
        return 2
    patterns = response_patterns(ROOT / "domain.yml")
    every: list[Item] = []
    every_outcome: list[Outcome] = []
    with (
        tempfile.TemporaryDirectory(prefix="vigie-eval-") as folder,
        running_bot(Path(folder)) as url,
    ):
        for path in files:
            items = [i for i in load([path]) if i.direction == "inbound"]
            start_time = time.perf_counter()
            outcomes = [judge(r, patterns) for r in run_items(url, items, args.workers)]
            elapsed = time.perf_counter() - start_time
            print(f"\n{path} (bot over REST, {elapsed:.0f} s)")
            report(path.name, items, outcomes, sys.stdout, args.errors)
            every += items
            every_outcome += outcomes
    if len(files) > 1:
        report("all files", every, every_outcome, sys.stdout, 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
