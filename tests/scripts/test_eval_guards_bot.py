"""The bot-level evaluation reads what the bot did from its replies, in both languages."""

from __future__ import annotations

import io

from scripts.eval_guards import Item
from scripts.eval_guards_bot import (
    ASKED,
    ERASED,
    REFUSED,
    WARNED,
    judge,
    report,
    response_patterns,
    tally,
)
from scripts.processes import ROOT

PATTERNS = response_patterns(ROOT / "domain.yml")


def item(text: str, *expected: str) -> Item:
    return Item("set", text[:8], "en", "inbound", text, frozenset(expected), "c")


def test_when_the_bot_confirms_an_erasure_in_either_language_then_it_is_an_erasure():
    english = (
        "Done: you will not receive any more messages from us, and your conversation with "
        "Vigie has been deleted. Upcoming appointments cancelled and their details deleted: 2."
        " If you write again, a new conversation starts; send START to receive messages from"
        " us again."
    )
    french = (
        "Si quelqu'un est en danger maintenant, appelez le 15.\n\nC'est fait : vous ne "
        "recevrez plus de messages de notre part et votre conversation avec Vigie a été "
        "effacée. Rendez-vous à venir annulés et leurs informations supprimées : 0. Si vous "
        "nous écrivez à nouveau, une nouvelle conversation commencera ; envoyez START pour "
        "recevoir de nouveau nos messages."
    )

    assert judge([{"text": english}], PATTERNS).behaviours == {ERASED}
    assert judge([{"text": french}], PATTERNS).behaviours == {ERASED}


def test_when_the_bot_answers_otherwise_then_nothing_is_counted():
    assert (
        judge([{"text": "The town hall is open Monday to Friday."}], PATTERNS).behaviours == set()
    )


def test_when_tallied_then_an_erasure_on_a_negative_is_reported():
    items = [item("STOP", "opt_out"), item("no more msgs", "opt_out"), item("bus stop")]
    outcomes = [
        judge([{"text": t}], PATTERNS)
        for t in (
            "Done: you will not receive any more messages from us, and your conversation with "
            "Vigie has been deleted. Upcoming appointments cancelled and their details deleted: "
            "0. If you write again, a new conversation starts; send START to receive messages "
            "from us again.",
            "Do you want to stop receiving messages from us and have your data deleted "
            "(conversation and appointments)?",
            "Done: you will not receive any more messages from us, and your conversation with "
            "Vigie has been deleted. Upcoming appointments cancelled and their details deleted: "
            "0. If you write again, a new conversation starts; send START to receive messages "
            "from us again.",
        )
    ]
    table = tally(items, outcomes)
    out = io.StringIO()

    report("set", items, outcomes, out, limit=5)

    assert (table["opt_out: executed or asked"].tp, table["opt_out: executed or asked"].fp) == (
        2,
        1,
    )
    assert table["opt_out: executed at once"].fn == 1
    assert "erasures on messages that are not opt-outs: 1 (goal 0)" in out.getvalue()
    assert "ERASED" in out.getvalue() and "bus stop" in out.getvalue()
    assert {ASKED, WARNED, REFUSED} <= set(PATTERNS)
