"""``python -m guards lint``: keep a Rasa bot's content inside the WhatsApp Business Policy.

For every response variation (every language), button, custom payload string, bot step of a
story or rule, and slot a form asks for (see `guards.lint_rasa`), it reports:

==================  =====================================================================
kind                problem
==================  =====================================================================
sensitive_request   the text asks for a card number, CVV, PIN, IBAN, ID, password...
promotion           the text is marketing (discounts, special offers, sales...)
product_sale        the text offers to sell or deliver medicines or medical devices
sensitive_slot      a form asks for a slot named like ``card_number``, ``iban``, ``ssn``
text_length         a text over 4,096 characters, or over 1,024 as the body of buttons
buttons             more than 10 buttons: WhatsApp cannot send them
button_title        a title over 20 characters (3 buttons or fewer: reply buttons)
list_row_title      a title over 24 characters (4 to 10 buttons: sent as a list)
button_payload      a payload over 256 characters (a reply button's id), 200 as a list row
yaml                the file is not valid YAML, or cannot be read
==================  =====================================================================

Each is an error, printed as ``path:line: kind: message``; the exit status is 1 when there
is any, else 0. With ``--notes``, informational lines are printed as well, which never change
the exit status: ``list_message`` (4 to 10 buttons will be sent as a WhatsApp list, not as
reply buttons). Button titles and payloads are checked for the outbound kinds too (a payload
is usually an intent, but may carry entity values). Files that are not Rasa domain or
training data are skipped. The limits are those of `guards.limits`, which the WhatsApp channel
uses too, so what passes the lint is sent as designed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TextIO

from guards import limits
from guards.api import check
from guards.lexicon import PhraseIndex, load_lexicon
from guards.lint_rasa import Item, YamlError, iter_items, yaml_files
from guards.text import tokens

__all__ = ["Problem", "lint_item", "lint_paths", "run"]

_OUTBOUND_MESSAGES = {
    "sensitive_request": "asks the user for sensitive data",
    "promotion": "reads as promotion or marketing",
    "product_sale": "offers to sell or deliver a medical product",
}


@dataclass(frozen=True)
class Problem:
    """One line of lint output; `note` problems are informational."""

    path: str
    line: int
    kind: str
    message: str
    note: bool = False

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.kind}: {self.message}"


@lru_cache(maxsize=1)
def _slot_index() -> PhraseIndex:
    lexicon = load_lexicon("sensitive_slot", ("name",))
    return PhraseIndex({"name": lexicon["name"]})


def _outbound(item: Item, text: str, line: int, label: str) -> Iterator[Problem]:
    for finding in check(text, "outbound"):
        message = f"{label} {_OUTBOUND_MESSAGES[finding.kind]} ({finding.detail!r})"
        yield Problem(item.path, line, finding.kind, message)


def lint_item(item: Item) -> Iterator[Problem]:
    """The problems of one item."""
    where = f"{item.where}"
    if item.what in ("text", "custom", "bot"):
        label = {"text": "response", "custom": "custom payload of", "bot": "bot step in"}
        yield from _outbound(item, item.value, item.line, f"{label[item.what]} {where}")
        limit = limits.INTERACTIVE_BODY if item.has_buttons else limits.TEXT
        if item.what != "custom" and len(item.value) > limit:
            body = "the body of a message with buttons" if item.has_buttons else "a text"
            message = f"{where}: {len(item.value)} characters, {body} can have {limit}"
            yield Problem(item.path, item.line, "text_length", message)
    elif item.what == "buttons":
        yield from _buttons(item)
    elif item.what == "slot":
        found = _slot_index().find(tokens(item.value.replace("_", " ")))["name"]
        if found:
            message = f"form {where} asks for slot {item.value!r}: never ask for sensitive data"
            yield Problem(item.path, item.line, "sensitive_slot", message)


def _buttons(item: Item) -> Iterator[Problem]:
    count = len(item.buttons)
    where = item.where
    if count > limits.LIST_ROWS:
        message = f"{where}: {count} buttons, WhatsApp sends at most {limits.LIST_ROWS} (as a list)"
        yield Problem(item.path, item.line, "buttons", message)
    elif count > limits.REPLY_BUTTONS:
        message = f"{where}: {count} buttons will be sent as a list, not reply buttons"
        yield Problem(item.path, item.line, "list_message", message, note=True)
    as_list = count > limits.REPLY_BUTTONS
    limit, id_limit = limits.option_title_limit(count), limits.option_id_limit(count)
    kind = "list_row_title" if as_list else "button_title"
    for line, title, payload in item.buttons:
        if len(title) > limit:
            shape = "list row" if as_list else "reply button"
            message = f"{where}: {title!r} has {len(title)} characters, a {shape} title {limit}"
            yield Problem(item.path, line, kind, message)
        if len(payload) > id_limit:
            shape = "list row" if as_list else "reply button"
            message = f"{where}: payload of {len(payload)} characters, a {shape} id {id_limit}"
            yield Problem(item.path, line, "button_payload", message)
        yield from _outbound(item, title, line, f"button of {where}")
        yield from _outbound(item, payload, line, f"button payload of {where}")


def lint_paths(paths: list[str]) -> Iterator[Problem]:
    """The problems of every YAML file under `paths`, file by file, in line order."""
    for path in yaml_files(paths):
        try:
            problems = [p for item in iter_items(path) for p in lint_item(item)]
        except YamlError as error:
            yield Problem(str(path), error.line, "yaml", str(error))
            continue
        except (OSError, UnicodeDecodeError) as error:
            yield Problem(str(path), 1, "yaml", f"cannot read: {error}")
            continue
        yield from sorted(problems, key=lambda p: p.line)


def run(paths: list[str], out: TextIO, notes: bool = False) -> int:
    """Print the problems of `paths` on `out`; return the exit status (1 if any error)."""
    status = 0
    for problem in lint_paths(paths):
        if problem.note and not notes:
            continue
        out.write(f"{problem}\n")
        status = status or (0 if problem.note else 1)
    return status
