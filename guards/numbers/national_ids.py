"""National identity numbers, each with its own check rule from python-stdnum.

Digit-only schemes are tried on the digit windows of `guards.numbers.scan`:

=============  ======  ===========================================  ==========================
scheme         digits  groupings accepted                           check
=============  ======  ===========================================  ==========================
``fr_nir``     15      any                                          key = 97 - (NIR mod 97)
``be_nn``      11      any                                          mod 97 and birth date
``us_ssn``     9       3-2-4 ("123-45-6789"); bare with context     area/group/serial rules
``nl_bsn``     9       bare, 4-2-3, 3-3-3, with context             11-test
=============  ======  ===========================================  ==========================

Nine digits are weak evidence: the SSN has no check digit, only structural rules, and the
BSN's 11-test passes one random number in eleven, so order numbers and phone numbers would
pass. Hence context (`IdContext`, words anywhere in the message): a 3-2-4 SSN needs none;
a bare SSN needs "SSN"/"social security" or a word for an identity number; a BSN needs
"BSN"/"burgerservicenummer" or a word for an identity number. When the message names the
BSN and not the SSN, a number failing the 11-test is not taken for an SSN instead ("my BSN
is 688876510" mistyped). Numbers written after a "+" are taken for phone numbers.

Schemes with letters have their own candidate patterns, found by `find_lettered_ids`:
French NIR of Corsica (department 2A/2B), Spanish DNI ("12345678Z", "12.345.678-Z") and NIE
("X1234567L"), Italian codice fiscale ("RSSMRA85T10A562S", omocodia letters included), UK
National Insurance number ("AB 12 34 56 C", "ab123456c").

A National Insurance number has no check character, only HMRC's allocation rules (`_NINO`:
first letter not D, F, I, Q, U, V; second not D, F, I, O, Q, U, V; never BG, GB, KN, NK, NT,
TN, ZZ; suffix A to D). So, like nine digits, it is weighed with the words around it: in
capitals or with no space before its suffix ("AB 12 34 56 C", "jk457821b") it is taken as is;
written in lower case with a spaced suffix ("on 123456 a day"), or with no suffix at all
("AB123456"), it needs "NI", "NINO", "national insurance" (with no suffix, these only: an
"application ID GR-88-0912" is a reference) or, with a suffix, a word for an identity number.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from functools import cached_property

from guards.findings import Finding
from guards.numbers.scan import SEP

__all__ = ["ID_LENGTHS", "IdContext", "digit_id_scheme", "find_lettered_ids"]

ID_LENGTHS = frozenset((9, 11, 15))
_SSN_GROUPS = ((9,), (3, 2, 4))
_BSN_GROUPS = ((9,), (4, 2, 3), (3, 3, 3))
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]")

_S = f"{SEP}{{0,3}}"  # like the digit runs: up to 3 separator characters
_OMO = "[0-9LMNP-Vlmnp-v]"
_NIR_CORSICA = (
    rf"(?<![A-Za-z0-9])[1-478]{_S}[0-9]{{2}}{_S}[0-9]{{2}}{_S}2[ABab]"
    rf"{_S}[0-9]{{3}}{_S}[0-9]{{3}}{_S}[0-9]{{2}}"
)
_NIE = rf"(?<![A-Za-z0-9])[XYZxyz]{_S}(?:[0-9]{_S}){{7}}[A-Za-z]"
_DNI = rf"(?<![A-Za-z0-9.\-])[0-9](?:{_S}[0-9]){{7}}(?P<dni_sep>{_S})[A-Za-z]"
#: The schemes with digits and letters, in one pattern so the text is scanned once.
_WITH_DIGITS = re.compile(
    rf"(?:(?P<fr_nir>{_NIR_CORSICA})|(?P<es_nie>{_NIE})|(?P<es_dni>{_DNI}))(?![A-Za-z0-9])"
)
#: HMRC's allocation rules, checked on the whole match: the two prefix letters, any grouping
#: of the six digits ("12 34 56", "123456", "12-34-56"), an optional suffix A-D.
_NINO = re.compile(
    rf"(?<![A-Za-z0-9])(?P<prefix>(?![BbGg][BbGg]|[Nn][Kk]|[Kk][Nn]|[Nn][Tt]|[Tt][Nn]|[Zz][Zz])"
    rf"[A-CEGHJ-PR-TW-Za-ceghj-pr-tw-z][A-CEGHJ-NPR-TW-Za-ceghj-npr-tw-z])"
    rf"{_S}[0-9](?:{_S}[0-9]){{5}}(?P<suffix_sep>{_S})(?P<suffix>[A-Da-d]?)(?![A-Za-z0-9])(?!{_S}[0-9])"
)
_CODICE_FISCALE = re.compile(
    rf"(?<![A-Za-z0-9])[A-Za-z]{{6}}{_OMO}{{2}}[ABCDEHLMPRSTabcdehlmprst]{_OMO}{{2}}"
    rf"[A-Za-z]{_OMO}{{3}}[A-Za-z](?![A-Za-z0-9])"
)


_BSN_WORDS = re.compile(r"\bbsn\b|burger\s?service|sofi|citizen service", re.IGNORECASE)
_SSN_WORDS = re.compile(r"\bssn\b|social security|\bs\.s\.n\b", re.IGNORECASE)
_NINO_WORDS = re.compile(r"\bni\b|\bn\.i\.|\bnino\b|national insurance", re.IGNORECASE)
_ID_WORDS = re.compile(
    r"\bid\b|identi|national|citizen|passport|passeport|insurance|assur|s[ée]cu",
    re.IGNORECASE,
)


class IdContext:
    """What the words of a message say about its 9-digit numbers; looked at lazily, once."""

    def __init__(self, text: str) -> None:
        self._text = text

    @cached_property
    def bsn(self) -> bool:
        return _BSN_WORDS.search(self._text) is not None

    @cached_property
    def ssn(self) -> bool:
        return _SSN_WORDS.search(self._text) is not None

    @cached_property
    def nino_named(self) -> bool:
        return _NINO_WORDS.search(self._text) is not None

    @cached_property
    def nino(self) -> bool:
        return self.nino_named or self.identity

    @cached_property
    def identity(self) -> bool:
        return _ID_WORDS.search(self._text) is not None


#: The python-stdnum module that checks each scheme, imported on first use.
_STDNUM_MODULES = {
    "fr_nir": "stdnum.fr.nir",
    "be_nn": "stdnum.be.nn",
    "us_ssn": "stdnum.us.ssn",
    "nl_bsn": "stdnum.nl.bsn",
    "es_dni": "stdnum.es.dni",
    "es_nie": "stdnum.es.nie",
    "it_codice_fiscale": "stdnum.it.codicefiscale",
}


def _validator(scheme: str) -> Callable[[str], bool]:
    """The ``is_valid`` of the python-stdnum module of `scheme`, imported on first use."""
    module = importlib.import_module(_STDNUM_MODULES.get(scheme, "stdnum.it.codicefiscale"))
    is_valid: Callable[[str], bool] = module.is_valid
    return is_valid


def digit_id_scheme(digits: str, groups: tuple[int, ...], context: IdContext) -> str | None:
    """The scheme of `digits` (written in `groups` of those lengths) if it is a valid ID.

    `digits` are known to be ASCII digits, so the check digits are computed directly where
    stdnum's ``validate`` would first clean and re-check the format; stdnum runs only on
    what passes them.
    """
    size = len(digits)
    if size == 15:
        if digits[0] not in "123478":
            return None
        key = 97 - int(digits[:13]) % 97
        return "fr_nir" if f"{key:02d}" == digits[13:] else None
    if size == 11:
        key = int(digits[9:])
        if key != 97 - int(digits[:9]) % 97 and key != 97 - int("2" + digits[:9]) % 97:
            return None
        return "be_nn" if _validator("be_nn")(digits) else None
    if size == 9:
        return _nine_digits(digits, groups, context)
    return None


def _nine_digits(digits: str, groups: tuple[int, ...], context: IdContext) -> str | None:
    """A BSN or an SSN, depending on the grouping and the words of the message."""
    if groups not in _BSN_GROUPS and groups not in _SSN_GROUPS:
        return None
    named_bsn = context.bsn and not context.ssn
    if groups in _BSN_GROUPS and (context.bsn or context.identity):
        from stdnum.nl import bsn

        if int(digits) > 0 and bsn.checksum(digits) == 0:  # the stronger check names it
            return "nl_bsn"
    if named_bsn or groups not in _SSN_GROUPS:
        return None
    if groups == (9,) and not (context.ssn or context.identity):
        return None
    return "us_ssn" if _validator("us_ssn")(digits) else None


def find_lettered_ids(
    text: str, context: IdContext, long_run: bool = True, six_digits: bool = True
) -> list[Finding]:
    """Every valid ID of a scheme with letters in `text`, with its span (may overlap).

    `long_run` False says that `text` has no 7 digits in a row: only codici fiscali and
    National Insurance numbers can then be there; `six_digits` False, that it has fewer than
    6 digits: no National Insurance number either.
    """
    found = [
        Finding("national_id", m.start(), m.end(), "gb_nino")
        for m in (_NINO.finditer(text) if six_digits else ())
        if _nino_accepted(m, context)
    ]
    matches = [("it_codice_fiscale", m) for m in _CODICE_FISCALE.finditer(text)]
    if long_run:
        matches += [(str(m.lastgroup), m) for m in _WITH_DIGITS.finditer(text)]
    for scheme, match in matches:
        if scheme == "es_dni" and match.group("dni_sep") and text[match.end() - 1].islower():
            continue  # "12345678 a", "12345678 .c": a lower-case word after a number
        number = _NOT_ALNUM.sub("", match.group()).upper()
        if _validator(scheme)(number):
            found.append(Finding("national_id", match.start(), match.end(), scheme))
    return found


def _nino_accepted(match: re.Match[str], context: IdContext) -> bool:
    """A National Insurance number by its writing, or else by the words of the message."""
    suffix = match.group("suffix")
    if suffix and (match.group("prefix").isupper() or " " not in match.group("suffix_sep")):
        return True  # a lower-case letter after a space may be a word: "on 123456 a day"
    if not suffix:  # two letters and six digits are any reference ("application ID GR-88-0912")
        return context.nino_named
    return context.nino
