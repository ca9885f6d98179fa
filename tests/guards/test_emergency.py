"""The emergency rule: recall first, on words nobody on the team wrote, and hard negatives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import guards
from guards.emergency import emergency_categories

EVAL_DIR = Path(__file__).parents[2] / "eval" / "emergency"


@pytest.mark.parametrize(
    "text, category",
    [
        ("my dad fell and he's breathing strangely, who do I call?", "breathing"),
        ("HELP my wife collapsed she isn't responding", "unconscious"),
        ("ma mere ne se reveille pas", "unconscious"),
        ("severe chest pain going down my left arm", "chest"),
        ("il saigne énormément de la tête", "bleeding"),
        ("grand-père est tombé, il ne peut pas se relever", "fall"),
        ("her face is drooping and her speech is slurred", "stroke"),
        ("mon fils fait une crise d'épilepsie", "seizure"),
        ("i want to kill myself", "suicide"),
        ("j'ai envie d'en finir", "suicide"),
        ("my toddler swallowed a button battery", "poisoning"),
        ("elle a avalé toute une boîte de somnifères", "poisoning"),
        ("my throat is closing up after the wasp sting", "allergy"),
        ("mon mari me frappe", "violence"),
        ("pleaaase call an ambulance", "general"),
    ],
)
def test_when_a_message_describes_an_emergency_then_it_is_found_with_its_kind(text, category):
    finding = guards.detect_emergency(text)

    assert finding is not None and finding.kind == guards.EMERGENCY_KIND
    assert finding.detail == category
    assert category in emergency_categories()


@pytest.mark.parametrize(
    "text",
    [
        "where can I get emergency contraception?",
        "urgent question about my appointment",
        "is the emergency department open on Sunday?",
        "I fell last month, can I book a GP visit?",
        "my child has a mild fever",
        "I'm dying to know the opening hours",
        "ça me tue ces horaires",
        "killer deals this week",
        "chest X-ray appointment please",
        "my gums bleed when I brush",
        "what are the signs of a stroke? just curious",
        "il a fait un AVC il y a 2 ans, il peut se faire vacciner ?",
        "she fainted yesterday but she's fine now",
        "where can I buy a carbon monoxide detector?",
        "I nearly had a heart attack when I saw the bill",
    ],
)
def test_when_a_message_only_shares_words_with_an_emergency_then_nothing_is_found(text):
    assert guards.detect_emergency(text) is None


# Classes of phrasing no evaluation set had (round of issue 16): other relatives and people
# around, other verbs, SMS spellings (emergency.sms.txt), French and English slang.
GENERALISATION = {
    "relatives": [
        "my stepdad collapsed and isnt breathing",
        "our nanny collapsed while holding the baby",
        "my godmother went down and isn't getting up",
        "mon beau-pere s'est effondre",
        "ma belle soeur fait un malaise elle repond plus",
        "la nounou est tombee dans l escalier elle bouge pas",
    ],
    "verbs": [
        "my auntie is out cold on the sofa",
        "grandad's having a funny turn, his face has dropped on one side",
        "my fiance is breathing really shallow and wont open his eyes",
        "mon parrain ne respire presque plus",
        "il est tombe raide",
        "mon copain a avale une plaquette de xanax",
    ],
    "sms": [
        "she aint breathin",
        "dad's lips r blue",
        "i wanna die",
        "il repond pa",
        "jveux mourir",
        "g pris tous mes cachets",
        "elle a fait une od",
    ],
    "slang": [
        "i'm gonna top myself",
        "i want to unalive myself",
        "im going to end it",
        "j'ai envie de crever",
        "je veux me flinguer",
        "mon mec me tape dessus",
        "ya le feu chez moi",
        "elle s'est defenestree",
        "il veut sauter du pont",
        "j'ai peur de faire une connerie ce soir",
    ],
    "chest squeezed (blind M)": [
        "got a gp appointment friday but my chest has been getting squeezed all morning",
        "ma poitrine est comme écrasée depuis ce matin, je garde mon rdv de vendredi ?",
    ],
    "threat": [
        "my ex is outside with a knife",
        "il y a un mec avec un couteau devant chez moi",
        "trois gars m'ont coincé derrière la gare avec des couteaux",  # learnt from blind R
    ],
    "veiled farewells (blind N)": [
        "honestly no one is going to miss me, tonight is the night i finally go",
    ],
    "farewells, intruders, followed, drowning, choking, a lost child (blind P)": [
        "un homme me suit depuis l'arrêt de bus, il fait nuit et j'ai peur",
        "my son swallowed a coin and he's making no sound",
    ],
    "locked in, child in traffic, the medicine cabinet (blind N)": [
        "she's locked me in the bathroom and took my phone",
        "mon frère a avalé tout ce qu'il y avait dans l'armoire à pharmacie",
    ],
}


#: Learnt from blind N and P, but each wording also fits everyday messages ("everything is
#: sorted now, goodbye!"): the numbers come in a line before the answer, never in its place.
VEILED = [
    "thanks for everything you did for me, I won't be needing the clinic again, not ever",
    "je serai plus un poids pour personne après cette nuit",
    "j'ai tout pris pour m'endormir pour toujours",
    "c'est cette nuit que tout se termine, merci pour tout",
    "can you tell me how many sleeping pills so i never wake up. im done",
    "everything is sorted now, sorry for the trouble, goodbye",
    "I've given away all my records, won't be needing them, wanted to tell someone",
    "merci pour tout, j'aurai plus besoin de mes médicaments. adieu",
    "tout est prêt, j'ai écrit à ma soeur, je suis sereine",
    "i can hear someone downstairs, i'm alone with the kids",
    "a teenager went under off the pier and hasn't come back up",
    "can't find my 3 year old in the park, it's been 10 minutes",
    "there's a little boy wandering in the middle of the road, cars everywhere",
    # learnt from blind R (classifier-r): a burden not much longer, things given away,
    # looking down from the top of a car park, "tell her it's not her fault"
    "plus pour longtemps, je ne serai bientôt plus une charge pour ma famille",
    "i won't be a burden on my kids for long, it's all arranged",
    "gave all my books to the library and my dog to my sister, won't be needing anything now",
    "je suis sur le toit de l'immeuble, je regarde le vide depuis tout à l'heure",
    "dis à maman que ce n'est pas de sa faute, je l'aime",
    "tell my sister it's not her fault, thanks for everything",
]


@pytest.mark.parametrize("text", VEILED)
def test_when_a_danger_is_veiled_then_the_numbers_come_before_the_answer_not_instead(text):
    finding = guards.detect_emergency(text)

    assert finding is not None and finding.kind == guards.POSSIBLE_EMERGENCY_KIND


@pytest.mark.parametrize("text", [text for texts in GENERALISATION.values() for text in texts])
def test_when_an_emergency_is_phrased_in_a_new_way_then_it_is_still_found(text):
    finding = guards.detect_emergency(text)

    assert finding is not None and finding.kind == guards.EMERGENCY_KIND


@pytest.mark.parametrize(
    "text",
    [
        "that exam knocked me out cold, can I still get a covid jab today",
        "y a pas le feu, je peux venir demain pour mon rdv ?",
        "je suis tombee raide dingue de ce quartier, ou est la mairie ?",
        "j'ai fait une connerie dans mon formulaire, je peux le corriger ?",
        "I want to end it, my subscription to the newsletter",
        "g besoin d'un rdv urgent",
        "is the emergency pill free for minors?",
        "I won't be here next week, I'm on holiday, can we move my jab?",
        "je serai plus là le mardi, je déménage, il faut changer ma mairie ?",
        "we're done with the forms, thanks for everything",
        "the kids were playing on the road earlier, is there a crossing planned?",
        "thanks for the refills this year, I won't need my prescription anymore, I'm moving",
        "everything is ready for the party tonight, can I still book for Friday?",
        "my phone's been following me with ads for the pharmacy lol",
        "the boat went under in the film, such a sad ending",
        "ok the form is filled in, I'm done",
        "I am done",
        "I am at peace with my decision to change GP",
        "everything is sorted now, goodbye and thanks!",
        "tout est prêt, j'ai écrit à la mairie pour le dossier",
        "ce soir j'en finis avec mes papiers de la CAF",
        "I gave away all my old baby clothes, won't be needing them",
        "if im not around tomorrow please ask my wife to collect the prescription, sorry",
        "thanks for everything, i won't be coming to the clinic anymore, moving to Lyon for good",
        "can't find my son's vaccination card anywhere, it's been 10 minutes of searching",
        "demain je serai plus là, je pars en vacances, on décale le rdv ?",
        "comment faire pour ne plus me réveiller à 3h du matin ?",
        "someone is in my house now to fix the boiler, can I call back?",
        "I don't want to be a burden, can someone help me book the GP online?",
        "sold my car to my neighbour, won't be needing the parking permit now",
        "je suis en haut du parking de l'hôpital, où est l'entrée des consultations ?",
        "tell the receptionist it's not her fault, the system was down",
        "dites à l'infirmière que ce n'est pas sa faute si j'ai raté le rdv",
        "je regarde un film où il fait une overdose, c'est réaliste ?",
    ],
)
def test_when_slang_or_sms_only_looks_like_an_emergency_then_no_numbers_replace_the_answer(
    text,
):
    finding = guards.detect_emergency(text)

    assert finding is None or finding.kind != guards.EMERGENCY_KIND


def test_when_a_message_is_long_and_adversarial_then_it_is_still_answered():
    assert guards.detect_emergency("fell " * 800) is None
    assert guards.detect_emergency("- " * 2048) is None
    assert guards.detect_emergency("x" * 4096 + " he is not breathing") is not None


def _eval_rows() -> list[dict[str, str]]:
    return [
        json.loads(line)
        for path in sorted(EVAL_DIR.glob("tuning-*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def test_when_the_tuning_sets_are_replayed_then_every_emergency_is_found():
    """Sets written blind by people who never read the rule, then tuned on (so a regression
    test, not a measure: `make eval-emergency` prints the blind figures)."""
    rows = _eval_rows()
    missed = [r["text"] for r in rows if r["expected"] == "emergency"]
    missed = [text for text in missed if guards.detect_emergency(text) is None]

    assert len(rows) > 600
    assert missed == []
