"""Tell English from French in a short chat message.

Pure Python, no Rasa import: the NLU component (`bot.nlu.language_detector`) and the action
server both use it. Chat messages are short and often typed without accents, so a statistical
detector trained on prose does worse than counting the function words and greetings of each
language. The answer is `None` when the message gives no clear signal ("ok", "?", a number),
so the caller keeps the language it already had.
"""

from __future__ import annotations

import re
from typing import Literal

from guards.text import normalise

Language = Literal["en", "fr"]
SUPPORTED_LANGUAGES: tuple[Language, ...] = ("en", "fr")
DEFAULT_LANGUAGE: Language = "en"

_ENGLISH_WORDS = frozenset(
    """
    the an is are was were be been do does did i you he she we they my your our their
    what where when why who how which can could would should will shall may might must
    please to for of and or but with from at by about into this that these those there here
    it its not no yes yeah hello hi hey thanks thank bye goodbye morning evening afternoon
    want need get have has had help open close closed hours time today tomorrow
    english speak talk tell know find show give book appointment cancel someone anyone
    any some much many more got am im dont cant whats wheres hows isnt
    vaccine flu shot jab testing screening emergency doctor pharmacy nurse bins waste rubbish
    trash collection housing rent job jobs work worker business businesses grant town hall
    birth certificate street broken report cost free price benefit benefits
    """.split()
)

_FRENCH_WORDS = frozenset(
    """
    le la les un une des du de est sont etait je tu il elle nous vous ils elles mon ma mes
    ton ta tes votre vos notre nos leur leurs moi toi quel quelle quels quelles ou quand
    comment pourquoi qui quoi que qu peux peut pouvez puis veux voudrais voulez faut
    pour et avec dans sur chez sans pas plus oui non merci bonjour bonsoir salut coucou
    revoir bientot journee soiree aide aider besoin horaires heure heures aujourdhui demain
    francais parler parlez parle svp plait stp ce cette ces cest jai suis etes avez ai
    rendez vous mairie faire fait aussi tres bien daccord alors donc
    vaccin vaccins grippe depistage urgence urgences medecin pharmacie infirmier poubelle
    poubelles dechets dechetterie ramassage logement loyer emploi travail entreprise
    entreprises subvention acte naissance rue signaler casse combien coute gratuit prix rdv ca
    """.split()
)

_FRENCH_ONLY_LETTERS = frozenset("éèêëàâçîïôûùœ")
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


def language_scores(text: str) -> dict[Language, float]:
    """Evidence for each language: known words, plus accented letters for French."""
    folded = normalise(text.replace("'", " ").replace("’", " "))  # 'Français' = 'francais'
    tokens = _TOKEN.findall(folded)
    english = sum(1.0 for token in tokens if token in _ENGLISH_WORDS)
    french = sum(1.0 for token in tokens if token in _FRENCH_WORDS)
    if any(char in _FRENCH_ONLY_LETTERS for char in text.casefold()):
        french += 1.5
    return {"en": english, "fr": french}


def detect_language(text: str) -> Language | None:
    """The language of `text`, or None when the text does not say clearly."""
    scores = language_scores(text)
    if scores["en"] == scores["fr"]:
        return None
    return "en" if scores["en"] > scores["fr"] else "fr"
