"""opt_out: commands as the whole message, phrases anywhere, English and French."""

from __future__ import annotations

import pytest

from guards import check


def opted_out(text: str) -> bool:
    return any(f.kind == "opt_out" for f in check(text))


@pytest.mark.parametrize(
    "text",
    [
        # commands, English
        "STOP",
        "stop",
        "Stop!",
        "STOP.",
        "stop please",
        "Please stop",
        "stop stop stop",
        "  Stop all  ",
        "unsubscribe",
        "UNSUBSCRIBE ME",
        "opt out",
        # commands, French
        "ARRÊT",
        "arret",
        "Arrêtez !",
        "stop svp",
        "désabonner",
        "DESABONNER",
        "Désabonnez-moi",
        "se désinscrire",
        "stop merci",
        # phrases, English
        "please stop messaging me",
        "Please STOP texting me, thanks",
        "stop sending me messages",
        "I don't want to receive your messages anymore",
        "don't contact me anymore",
        "Remove me from your list",
        "delete my data",
        "Please delete all my personal data",
        "forget me",
        "How do I unsubscribe?",
        "I want to opt out of these messages",
        # phrases, French
        "je ne veux plus recevoir vos messages",
        "Je ne veux plus recevoir de messages.",
        "arrêtez de m'envoyer des messages",
        "Arretez de m envoyer des SMS",
        "cessez de me contacter",
        "ne m'envoyez plus rien",
        "supprimez mes données",
        "Supprimez mes données personnelles svp",
        "désinscrivez-moi de la liste",
        "je veux me désabonner",
        "droit à l'oubli",
    ],
)
def test_when_the_user_asks_to_stop_or_be_forgotten_then_opt_out_is_found(text):
    assert opted_out(text)


@pytest.mark.parametrize(
    "text",
    [
        "can I stop by tomorrow?",
        "how do I stop the bleeding",
        "arrêt de bus",
        "arrêter de fumer",
        "je veux arrêter de fumer",
        "stop smoking",
        "how can I stop smoking?",
        "bus stop",
        "non-stop",
        "the pharmacy is open non stop",
        "when should I stop taking ibuprofen?",
        "I stopped my treatment",
        "Stop by the town hall at 9",
        "l'arrêt maladie",
        "arrêt de travail",
        "I don't want to unsubscribe",
        "Je ne veux pas me désabonner",
        "Don't forget me for tomorrow's appointment",
        "Thank you!",
        "",
    ],
)
def test_when_stop_is_part_of_another_request_then_no_opt_out_is_found(text):
    assert not opted_out(text)
