"""The rules learnt from the second round of misses (issue 10), as tables of our own
sentences: for each rule, wordings it must catch and the nearest wordings it must leave
alone, in English and French. None is taken from an evaluation set."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from guards import check
from guards.phrases import normaliser

#: (direction, kind, the rule the finding must name, text)
FOUND = [
    # opt-out: a word spelt out, a spaced dash as a pause
    ("inbound", "opt_out", "command", "S T O P"),
    ("inbound", "opt_out", "command", "s.t.o.p"),
    ("inbound", "opt_out", "keyword", "STOP - I moved to another town and never shop there now"),
    ("inbound", "opt_out", "keyword", "Stop — I changed pharmacy last year and I'm fine with it"),
    # opt-out: formal, non-native, on someone's behalf, as a question
    ("inbound", "opt_out", "indirect", "Please cease any further contact with this number."),
    ("inbound", "opt_out", "indirect", "Kindly discontinue all SMS correspondence."),
    ("inbound", "opt_out", "indirect", "I want not get any more reminders"),
    ("inbound", "opt_out", "indirect", "My father is in hospital, please unsubscribe him"),
    ("inbound", "opt_out", "indirect", "She doesn't want these reminders any more"),
    ("inbound", "opt_out", "indirect", "where can I switch off all your notifications?"),
    ("inbound", "opt_out", "indirect", "je veux plus recevoir vos sms"),
    ("inbound", "opt_out", "indirect", "je veux plus être dans votre fichier"),
    ("inbound", "opt_out", "indirect", "je voudrais plus qu'on m'envoie des rappels"),
    ("inbound", "opt_out", "indirect", "Merci de mettre fin à toutes les communications."),
    ("inbound", "opt_out", "indirect", "ras le bol de vos relances"),
    ("inbound", "opt_out", "command", "plus de sms"),
    # product sale: rentals, quantities, stock, non-native asks, new categories and brands
    ("inbound", "product_sale", "ask", "Do you hire out crutches?"),
    ("inbound", "product_sale", "ask", "Vous louez des béquilles ?"),
    ("inbound", "product_sale", "quantity", "3x Nurofen Express please, collecting at lunch"),
    ("inbound", "product_sale", "ask", "Any Nicorette gum left?"),
    ("inbound", "product_sale", "ask", "I search the Bepanthen for my baby, you have?"),
    ("inbound", "product_sale", "ask", "I'm after some incontinence pants for my dad"),
    ("inbound", "product_sale", "buy", "Can someone drop the Tena pants round? Flat 2"),
    ("inbound", "product_sale", "ask", "hearing aid batteries size 13, do you have them in?"),
    ("inbound", "product_sale", "buy", "How much is the Omron wrist monitor?"),
    (
        "inbound",
        "product_sale",
        "buy",
        "Could you post my repeat prescription to me? I am housebound",
    ),
    ("inbound", "product_sale", "ask", "lancettes pour mon autopiqueur, vous en avez ?"),
    ("inbound", "product_sale", "buy", "Combien coûte un appareil pour prendre la tension ?"),
    (
        "inbound",
        "product_sale",
        "buy",
        "Quelqu'un peut me les apporter ? Des protections pour la nuit",
    ),
    # sale offers: rentals, "have your ... delivered", subscriptions to deliveries
    ("outbound", "product_sale", "sell", "We can hire you a wheelchair for the weekend."),
    ("outbound", "product_sale", "sell", "Get your repeat prescription delivered tomorrow."),
    ("outbound", "product_sale", "sell", "Abonnez-vous à la livraison mensuelle de vos lancettes."),
    ("outbound", "product_sale", "sell", "Faites-vous livrer votre ordonnance dès demain."),
    # sensitive requests: "the number" after what carries it
    ("outbound", "sensitive_request", "request of a number", "Which card? Type the number below"),
    (
        "outbound",
        "sensitive_request",
        "request of a number",
        "Quelle carte utilisez-vous ? Indiquez le numéro ci-dessous.",
    ),
    # promotion: price floors, multi-buys, occasions, launch prices, loyalty, last days
    ("outbound", "promotion", "phrase", "Sun creams from €12 all summer!"),
    ("outbound", "promotion", "phrase", "Buy 2 get the 3rd free on all vitamins."),
    ("outbound", "promotion", "phrase", "Father's Day gift sets now in."),
    ("outbound", "promotion", "phrase", "Launch price on our new night cream."),
    ("outbound", "promotion", "phrase", "Triple points on every purchase this Friday."),
    ("outbound", "promotion", "phrase", "Last days to use your reward points!"),
    ("outbound", "promotion", "phrase", "Coffrets fête des pères dès 25 € !"),
    ("outbound", "promotion", "phrase", "2 achetés, le 3e offert sur les crèmes solaires."),
    ("outbound", "promotion", "phrase", "Points doublés pour les membres du club."),
    ("outbound", "promotion", "phrase", "Derniers jours pour profiter de la remise."),
]

#: (direction, kind, text): the nearest wordings that are not that kind.
NOT_FOUND = [
    ("inbound", "opt_out", "Can I unsubscribe my son from the school canteen online?"),
    ("inbound", "opt_out", "Please unsubscribe her from the football club"),
    ("inbound", "opt_out", "Je veux plus de détails sur le vaccin"),
    ("inbound", "opt_out", "je veux plus d'informations sur les effets secondaires"),
    ("inbound", "opt_out", "A B C D"),
    ("inbound", "opt_out", "how do I stop the bleeding from a small cut?"),
    ("inbound", "opt_out", "Marre de ces maux de tête, que faire ?"),
    ("inbound", "product_sale", "Any idea if amoxicillin makes you drowsy?"),
    ("inbound", "product_sale", "any side effects with omeprazole?"),
    ("inbound", "product_sale", "I take omeprazole 2x a day, is that too much?"),
    ("inbound", "product_sale", "What dose of Calpol for my daughter, she is 4?"),
    ("inbound", "product_sale", "Is my prescription ready? I'll pick it up at 5"),
    ("inbound", "product_sale", "I paid for my prescription yesterday, can I get a receipt?"),
    ("inbound", "product_sale", "How much does a consultation cost without a prescription?"),
    ("inbound", "product_sale", "Garnier here, my appointment is at 10"),
    ("inbound", "product_sale", "my nan uses a wheelchair, is the pharmacy accessible?"),
    ("inbound", "product_sale", "réservez-moi un test de dépistage"),
    ("outbound", "product_sale", "Your prescription is ready to collect at the counter."),
    (
        "outbound",
        "product_sale",
        "Your free bowel cancer test kit will be posted to you by the NHS.",
    ),
    ("outbound", "product_sale", "We need it to order the crutches you asked for."),
    ("outbound", "product_sale", "Découvrez notre nouveau site : horaires et services en ligne."),
    ("outbound", "sensitive_request", "Beware of fake texts asking for your card number."),
    (
        "outbound",
        "sensitive_request",
        "Attention aux faux SMS qui demandent votre numéro de carte.",
    ),
    ("outbound", "sensitive_request", "Your account is set up. Send the number of your room."),
    ("outbound", "sensitive_request", "Which card did you use? We can refund it to the same one."),
    (
        "outbound",
        "sensitive_request",
        "Your card has expired. Please update the number in the app.",
    ),
    ("outbound", "sensitive_request", "Which card do you have? Tell us the type, not the number."),
    ("inbound", "product_sale", "Do you know if you have to shake the inhaler first?"),
    ("outbound", "promotion", "Prices start from £9.90 per item for NHS prescriptions."),
    ("outbound", "promotion", "The crutches you asked about are back in stock."),
    ("outbound", "promotion", "Our winter opening hours start on Monday."),
]


def findings(text: str, direction: str) -> dict[str, str]:
    return {f.kind: f.detail for f in check(text, direction) if f.start is None}


@pytest.mark.parametrize(("direction", "kind", "rule", "text"), FOUND)
def test_when_a_wording_of_a_learnt_class_is_sent_then_its_rule_finds_it(
    direction, kind, rule, text
):
    found = findings(text, direction)
    assert kind in found
    assert found[kind].startswith(f"{rule}:")


@pytest.mark.parametrize(("direction", "kind", "text"), NOT_FOUND)
def test_when_a_near_wording_means_something_else_then_the_kind_is_not_found(direction, kind, text):
    assert kind not in findings(text, direction)


@pytest.mark.parametrize(
    "text",
    [t for d, k, t in NOT_FOUND if (d, k) == ("inbound", "opt_out")]
    + [t for d, k, r, t in FOUND if d == "inbound" and k != "opt_out"],
)
def test_when_a_message_is_not_an_opt_out_then_no_certain_opt_out_fires(text):
    assert not any(f.kind == "opt_out" and f.certain for f in check(text, "inbound"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("S T O P", ["stop"]),
        ("s.t.o.p", ["stop"]),
        ("A B C", ["a", "b", "c"]),  # three letters may be initials: left apart
    ],
)
def test_when_a_word_is_spelt_out_then_it_is_read_as_one(text, expected):
    assert normaliser().tokens(text)[0] == expected


@pytest.mark.parametrize("dash", [" - ", " — ", " – "])
def test_when_a_dash_separates_words_then_it_is_a_pause(dash):
    toks, _, pauses = normaliser().tokens(f"stop{dash}now")
    assert toks == ["stop", "now"]
    assert pauses == {1}


def test_when_the_lexicons_are_loaded_then_nothing_is_written_to_the_home_directory(
    tmp_path: Path,
):
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    root = Path(__file__).resolve().parents[2]
    subprocess.run(
        [sys.executable, "-c", "import guards; guards.preload(); guards.check('stop', 'inbound')"],
        cwd=root,
        env=env,
        check=True,
    )
    assert list(tmp_path.iterdir()) == []
