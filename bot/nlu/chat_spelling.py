"""Fold the everyday spellings of chat messages onto the words the training data uses.

Pure Python, no Rasa import (the NLU tokenizer `bot.nlu.normalising_tokenizer` uses it).
People write "jvoudrais un rdv stp", "pls can u help", "ou est la mairie" or "merciiii";
the examples say "je voudrais un rendez-vous svp", "please can you help", "où est la mairie",
"merci". Word features only match what they have seen, so each token is folded (lower case,
no accents, via `guards.text.normalise`), stretched letters are shortened, and common SMS
spellings are expanded into the words they stand for. Typos are left to the character
n-gram features; this module only handles spellings that are systematic.
"""

from __future__ import annotations

import re

from guards.text import normalise

__all__ = ["SMS_SPELLINGS", "fold_word"]

#: SMS and chat spellings -> the words they stand for (already folded: no accents).
#: Only unambiguous ones: "dont", "ya", "sa", "ces", "id", "doc" are words too, and "c" or
#: "n" are what the tokenizer leaves of "c'est" and "n'ai", so all these are left alone.
SMS_SPELLINGS: dict[str, str] = {
    # French
    "rdv": "rendez vous",
    "rdz": "rendez vous",
    "rendezvous": "rendez vous",
    "stp": "svp",
    "stpl": "svp",
    "svpl": "svp",
    "svp": "svp",
    "chui": "je suis",
    "chuis": "je suis",
    "jsui": "je suis",
    "jai": "j ai",
    "g": "j ai",
    "cest": "c est",
    "pk": "pourquoi",
    "pq": "pourquoi",
    "pcq": "parce que",
    "psk": "parce que",
    "qd": "quand",
    "kan": "quand",
    "koi": "quoi",
    "ke": "que",
    "kel": "quel",
    "kelle": "quelle",
    "qqn": "quelqu un",
    "qqun": "quelqu un",
    "qqch": "quelque chose",
    "qlq": "quelque",
    "tt": "tout",
    "ts": "tous",
    "tjrs": "toujours",
    "tjs": "toujours",
    "bcp": "beaucoup",
    "mrc": "merci",
    "mci": "merci",
    "dsl": "desole",
    "bjr": "bonjour",
    "bjour": "bonjour",
    "bsr": "bonsoir",
    "slt": "salut",
    "auj": "aujourd hui",
    "ajd": "aujourd hui",
    "aujd": "aujourd hui",
    "aujourdhui": "aujourd hui",
    "dmain": "demain",
    "2main": "demain",
    "vs": "vous",
    "ds": "dans",
    "pr": "pour",
    "pv": "peux",
    "px": "peux",
    "vx": "veux",
    "fo": "faut",
    "nn": "non",
    "jsp": "je sais pas",
    "ptit": "petit",
    "ptite": "petite",
    "mnt": "maintenant",
    "mtn": "maintenant",
    "infos": "info",
    "bsoin": "besoin",
    "bzoin": "besoin",
    # English
    "u": "you",
    "ur": "your",
    "r": "are",
    "pls": "please",
    "plz": "please",
    "pleas": "please",
    "thx": "thanks",
    "thanx": "thanks",
    "tnx": "thanks",
    "ty": "thank you",
    "tysm": "thank you so much",
    "appt": "appointment",
    "appts": "appointments",
    "apt": "appointment",
    "apts": "appointments",
    "appointmnt": "appointment",
    "im": "i am",
    "ive": "i have",
    "cant": "can not",
    "cannot": "can not",
    "whats": "what is",
    "wheres": "where is",
    "hows": "how is",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "idk": "i do not know",
    "b4": "before",
    "2day": "today",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tmw": "tomorrow",
    "cuz": "because",
    "coz": "because",
    "bc": "because",
    "ppl": "people",
    "govt": "government",
    "msg": "message",
    "msgs": "messages",
    "hv": "have",
    "abt": "about",
    "wat": "what",
    "wot": "what",
    "wen": "when",
    "wer": "where",
    "hw": "how",
    "nd": "and",
    "bday": "birthday",
    "asap": "as soon as possible",
}

# "jvoudrais", "jpeux", "jsuis": French "je" glued to a verb that starts with a consonant.
_GLUED_JE = re.compile(r"^j([bcdfghjklmnpqrstvwxz][a-z]{2,})$")
# "merciiii", "plzzz", "bonjourrr": three or more of one letter stand for one.
_STRETCHED = re.compile(r"([a-z])\1{2,}")
_SPLIT = re.compile(r"[\s'’\-_]+")


def fold_word(word: str) -> list[str]:
    """The canonical words `word` stands for: folded, unstretched, SMS spellings expanded.

    Returns several words for a glued or abbreviated form ("jvoudrais" -> ["je",
    "voudrais"]) and none for a word that folds to nothing (an emoji, a lone accent).
    """
    folded: list[str] = []
    for part in _SPLIT.split(normalise(word)):
        part = _STRETCHED.sub(r"\1", part.strip())
        if not part:
            continue
        expansion = SMS_SPELLINGS.get(part)
        if expansion is not None:
            folded.extend(expansion.split())
            continue
        glued = _GLUED_JE.match(part)
        folded.extend(["je", glued.group(1)] if glued else [part])
    return folded
