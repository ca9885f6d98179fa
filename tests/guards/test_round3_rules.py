"""The rules learnt from the third round of misses (issue 10), as tables of our own
sentences: for each class, wordings it must catch and the nearest wordings it must leave
alone, in English and French. None is taken from an evaluation set."""

from __future__ import annotations

import pytest

from guards import check

#: (direction, kind, the rule the finding must name, text)
FOUND = [
    # opt-out: someone else's number, negated requests, leaving a list, stop receiving
    ("inbound", "opt_out", "indirect", "Remove this number from your system, he passed away"),
    ("inbound", "opt_out", "indirect", "Can you not send me reminders again please"),
    ("inbound", "opt_out", "indirect", "How do I get off your mailing list?"),
    ("inbound", "opt_out", "indirect", "I would like to stop getting these updates"),
    ("inbound", "opt_out", "indirect", "Please stop to send me messages"),
    ("inbound", "opt_out", "indirect", "I want these reminders to stop"),
    ("inbound", "opt_out", "indirect", "Elle ne veut plus recevoir de messages."),
    ("inbound", "opt_out", "indirect", "Enlevez mon numéro svp"),
    ("inbound", "opt_out", "indirect", "Mon père est décédé, merci de le retirer de la liste."),
    # product sale: SMS spellings, delivery for someone else, brands of other markets
    ("inbound", "product_sale", "buy", "hw much 4 calpol"),
    ("inbound", "product_sale", "buy", "Vous pouvez me déposer deux boîtes de Doliprane ?"),
    ("inbound", "product_sale", "buy", "Combien coûte la boîte de Gravol ?"),
    ("inbound", "product_sale", "buy", "Can you drop off my inhaler for my mum?"),
    ("inbound", "product_sale", "buy", "I'd like to buy two boxes of ibuprofen"),
    ("inbound", "product_sale", "buy", "Are there any hearing aids in stock?"),
    # sale offers: upsells, trials, "you can now order", re-sending, deliverable
    (
        "outbound",
        "product_sale",
        "sell",
        "Why not try our new magnesium tablets while you're here?",
    ),
    ("outbound", "product_sale", "sell", "Pourquoi ne pas essayer notre sirop pour la toux ?"),
    ("outbound", "product_sale", "sell", "You can now order your inhalers by WhatsApp."),
    ("outbound", "product_sale", "sell", "Vous pouvez désormais commander vos lentilles ici."),
    ("outbound", "product_sale", "sell", "Essayez nos bas de contention pendant 15 jours."),
    ("outbound", "product_sale", "sell", "Shall we send you another box of omeprazole?"),
    ("outbound", "product_sale", "sell", "On vous renvoie un flacon de sirop ?"),
    ("outbound", "product_sale", "sell", "Anti-lice shampoo, delivered to your door tomorrow."),
    ("outbound", "product_sale", "sell", "Compression socks deliverable to your home in 24 hours."),
    ("outbound", "product_sale", "sell", "Mrs Jones, we can bring your pads every week."),
    # sensitive requests: a negated partial value, what is missing, slang, more items
    (
        "outbound",
        "sensitive_request",
        "request",
        "We need your full card number, not just the last 4 digits.",
    ),
    ("outbound", "sensitive_request", "request", "Il nous manque le numéro de votre carte vitale."),
    ("outbound", "sensitive_request", "request", "Balance-moi ton IBAN ici."),
    ("outbound", "sensitive_request", "request", "Please fill in your tax file number here."),
    # promotions: spend-and-get, gifts with purchase
    ("outbound", "promotion", "phrase", "Spend £40 and get a free toiletry bag."),
    ("outbound", "promotion", "phrase", "Pour 30 € d'achats, une trousse offerte."),
    ("outbound", "promotion", "phrase", "Get a £5 rebate on every pack of vitamin D!"),
]

#: (direction, kind, text): the nearest wordings that are not that kind.
NOT_FOUND = [
    ("inbound", "opt_out", "my cough won't stop, I want it to stop"),
    ("inbound", "opt_out", "Could you remove it from the photo?"),
    ("inbound", "opt_out", "Je voudrais le stop tabac"),
    ("inbound", "opt_out", "Vous avez des patchs pour arrêter de fumer, genre stop tabac ?"),
    ("inbound", "product_sale", "I found a box of paracetamol in the drawer, how much can I take?"),
    ("inbound", "product_sale", "I have an old pack of ibuprofen, is it still ok?"),
    ("inbound", "product_sale", "Is there help to pay for hearing aids?"),
    ("inbound", "product_sale", "Are there any grants for hearing aids?"),
    ("inbound", "product_sale", "my order number 1234 for paracetamol never came"),
    ("inbound", "product_sale", "J'ai retrouvé un tube de Voltarène, il est encore bon ?"),
    ("inbound", "product_sale", "Il y a une aide pour payer les appareils auditifs ?"),
    (
        "inbound",
        "product_sale",
        "il me reste une boite de doliprane, je peux en donner à mon fils ?",
    ),
    ("outbound", "sensitive_request", "Please send only the last 4 digits of your card."),
    ("outbound", "sensitive_request", "Il manque un document au dossier : l'ordonnance."),
    (
        "outbound",
        "sensitive_request",
        "Inutile de nous envoyer votre RIB, le paiement se fait sur place.",
    ),
    (
        "outbound",
        "sensitive_request",
        "No need to send your card number, you'll pay at the counter.",
    ),
    ("outbound", "promotion", "The rebate on your tax is processed by the council."),
    ("outbound", "promotion", "Spend a few minutes on the form before your visit."),
    ("outbound", "product_sale", "Please bring your inhaler to the asthma review."),
    ("outbound", "product_sale", "Spend £40 on sun care and get a free beach bag."),
    (
        "outbound",
        "product_sale",
        "Your chlamydia test kit is free and will be sent to your home.",
    ),
    ("outbound", "product_sale", "Winter is coming: book your flu jab now."),
    ("outbound", "product_sale", "L'hiver arrive : pensez à vos médicaments contre le rhume."),
    (
        "outbound",
        "product_sale",
        "Our vitamin D test is available on Saturdays, why not add it to your visit?",
    ),
    ("outbound", "product_sale", "New in store: a quiet room for breastfeeding mothers."),
]


def findings(text: str, direction: str) -> dict[str, str]:
    return {f.kind: f.detail for f in check(text, direction) if f.start is None}


@pytest.mark.parametrize(("direction", "kind", "rule", "text"), FOUND)
def test_when_a_wording_of_a_round3_class_is_sent_then_its_rule_finds_it(
    direction, kind, rule, text
):
    found = findings(text, direction)
    assert kind in found
    assert found[kind].startswith(f"{rule}:")


@pytest.mark.parametrize(("direction", "kind", "text"), NOT_FOUND)
def test_when_a_near_wording_means_something_else_then_the_round3_rules_stay_quiet(
    direction, kind, text
):
    assert kind not in findings(text, direction)


@pytest.mark.parametrize(
    "text",
    [t for d, k, t in NOT_FOUND if (d, k) == ("inbound", "opt_out")]
    + [t for d, k, r, t in FOUND if d == "inbound" and k != "opt_out"],
)
def test_when_a_message_is_not_an_opt_out_then_no_round3_rule_makes_it_certain(text):
    assert not any(f.kind == "opt_out" and f.certain for f in check(text, "inbound"))


@pytest.mark.parametrize(
    "text",
    [t for d, k, r, t in FOUND if (d, k) == ("inbound", "opt_out")],
)
def test_when_an_opt_out_rests_on_a_round3_rule_then_it_is_only_likely(text):
    found = [f for f in check(text, "inbound") if f.kind == "opt_out"]
    assert found and not found[0].certain
