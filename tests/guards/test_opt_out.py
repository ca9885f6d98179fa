"""opt_out: what fires, and whether it is certain (erase at once) or likely (ask first).

Tables side by side: certain requests, likely requests (keyword in a longer message, typo,
indirect wording), and hard negatives where "stop", "arrêt" or "unsubscribe" mean something
else. No certain finding may ever come from a hard negative.
"""

from __future__ import annotations

import pytest

from guards import check

CERTAIN = [
    # commands: the whole message once greetings, thanks and "please" are dropped
    "STOP",
    "stop",
    "Stop!",
    "STOP.",
    "stop please",
    "Please stop",
    "stop stop stop",
    "  Stop all  ",
    "STOPALL",
    "stooop",
    "STOP 🛑🛑",
    "Good evening, STOP.",
    "thanks, but stop now",
    "Sorry, stop please",
    "Non, stop.",
    "unsubscribe",
    "UNSUBSCRIBE ME",
    "opt out",
    "ARRÊT",
    "arret",
    "Arrêtez !",
    "stop svp",
    "Bonsoir, STOP merci",
    "désabonner",
    "DESABONNER",
    "Désabonnez-moi",
    "se désinscrire",
    # unambiguous phrases anywhere
    "please stop messaging me",
    "Please STOP texting me, thanks",
    "stop sending me messages",
    "quit texting me",
    "I don't want to receive your messages anymore",
    "don't contact me anymore",
    "Remove me from your list",
    "delete my data",
    "Please delete all my personal data",
    "Can you erase everything you have on me",
    "forget me",
    "I want to opt out of these messages",
    "je ne veux plus recevoir vos messages",
    "arrêtez de m'envoyer des messages",
    "Arretez de m envoyer des SMS",
    "cessez de me contacter",
    "ne m'envoyez plus rien",
    "Merci de ne plus m'envoyer de messages",
    "supprimez mes données",
    "Supprimez mes données personnelles svp",
    "désinscrivez-moi de la liste",
    "je veux me désabonner",
    "droit à l'oubli",
]

LIKELY = [
    # a keyword inside a longer message
    "STOP I'm not interested",
    "I want to stop",
    "je veux faire opposition à vos messages, stop",
    "How do I unsubscribe?",
    # typos of long keywords: a guess, never certain
    "unsubcribe",
    "unsubcribe me",
    "désabonez-moi",
    "aretez",
    "stpo sending me texts",
    # requests without the keywords
    "no more messages please",
    "coupez les alertes svp",
    "leave me alone",
    "I'm not interested",
    "can you take me off?",
    "I'd rather not receive messages from you anymore",
    "Wrong number. Please remove this number.",
    "jveu plu recevoir vos messages",
    "je préfère ne plus recevoir de notifications",
    "Vous pouvez me retirer ?",
    "Je voudrais que mes informations soient supprimées de votre système.",
    "je vous demande l'effacement de mes données et l'arrêt de toute communication",
    "enough",
    "cancel",
]

HARD_NEGATIVES = [
    "can I stop by tomorrow?",
    "how do I stop the bleeding",
    "how do I stop my child's fever?",
    "my nose won't stop running",
    "is it OK to quit the pills before the box is finished?",
    "which bus stops outside the clinic?",
    "the page keeps stopping",
    "arrêt de bus",
    "arrêter de fumer",
    "je veux arrêter de fumer",
    "I want to stop smoking, can I see someone?",
    "stop smoking",
    "bus stop",
    "non-stop",
    "the pharmacy is open non stop",
    "when should I stop taking ibuprofen?",
    "I stopped my treatment",
    "Stop by the town hall at 9",
    "l'arrêt maladie",
    "arrêt de travail",
    "j'ai arrêté la pilule le mois dernier",
    "La page de réservation s'arrête tout le temps, je peux réserver ici ?",
    "I don't want to unsubscribe",
    "Je ne veux pas me désabonner",
    "Don't stop the reminders, I forget everything lol",
    "Please keep sending me the reminders",
    "Don't forget me for tomorrow's appointment",
    "I'd like to cancel my appointment on Thursday",
    "Je voudrais annuler mon rendez-vous de jeudi",
    "Can you delete the appointment I booked by mistake?",
    "How do I unsubscribe from the town's paper newsletter? I'd rather get it here.",
    "Je veux me désinscrire de la newsletter papier de la mairie",
    "i'm done, goodbye",
    "Thank you!",
    "",
]


def opt_out(text: str):
    found = [f for f in check(text) if f.kind == "opt_out"]
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.parametrize("text", CERTAIN)
def test_when_the_request_is_explicit_then_opt_out_is_certain(text):
    finding = opt_out(text)
    assert finding is not None and finding.certain, finding


@pytest.mark.parametrize("text", LIKELY)
def test_when_the_evidence_is_weaker_then_opt_out_is_found_but_not_certain(text):
    finding = opt_out(text)
    assert finding is not None and not finding.certain, finding


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_when_stop_means_something_else_then_no_opt_out_is_found(text):
    assert opt_out(text) is None


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("Good evening, STOP.", "command: stop"),
        ("please stop messaging me", "phrase: stop messaging me"),
        ("unsubcribe", "command: unsubscribe"),
        ("no more messages please", "indirect: no more messages"),
        ("I want to stop", "keyword: stop"),
        ("que mes informations soient supprimées", "erase: supprimees + informations"),
    ],
)
def test_when_opt_out_fires_then_the_detail_names_the_rule(text, detail):
    assert opt_out(text).detail == detail


def test_when_an_opt_out_is_serialised_then_certainty_is_in_the_dict():
    assert opt_out("STOP").to_dict() == {
        "kind": "opt_out",
        "detail": "command: stop",
        "certain": True,
    }
    assert opt_out("unsubcribe").to_dict()["certain"] is False
