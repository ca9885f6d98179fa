"""National identity numbers, each with its own check rule from python-stdnum.

Digit-only schemes are tried on the digit windows of `guards.numbers.scan`:

=============  ======  ===========================================  ==========================
scheme         digits  groupings accepted                           check
=============  ======  ===========================================  ==========================
``fr_nir``     15      any                                          key = 97 - (NIR mod 97)
``be_nn``      11      any                                          mod 97 and birth date
``us_ssn``     9       bare, 3-2-4 ("123-45-6789")                  area/group/serial rules
``nl_bsn``     9       bare, 4-2-3, 3-3-3                           11-test
=============  ======  ===========================================  ==========================

The SSN has no check digit, only structural rules, and the BSN's 11-test passes one random
number in eleven, hence the restricted groupings: a phone number written "6 12 34 56 78"
is not an SSN. Numbers written after a "+" are taken for phone numbers and never tried.

Schemes with letters have their own candidate patterns, found by `find_lettered_ids`:
French NIR of Corsica (department 2A/2B), Spanish DNI ("12345678Z", "12.345.678-Z") and NIE
("X1234567L"), Italian codice fiscale ("RSSMRA85T10A562S", omocodia letters included).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable

from guards.findings import Finding
from guards.numbers.scan import SEP

__all__ = ["ID_LENGTHS", "digit_id_scheme", "find_lettered_ids"]

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
_CODICE_FISCALE = re.compile(
    rf"(?<![A-Za-z0-9])[A-Za-z]{{6}}{_OMO}{{2}}[ABCDEHLMPRSTabcdehlmprst]{_OMO}{{2}}"
    rf"[A-Za-z]{_OMO}{{3}}[A-Za-z](?![A-Za-z0-9])"
)


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


def digit_id_scheme(digits: str, groups: tuple[int, ...]) -> str | None:
    """The scheme of `digits` (written in `groups` of those lengths) if it is a valid ID.

    `digits` are known to be ASCII digits, so stdnum's check-digit functions are called
    directly where its ``validate`` would first clean and re-check the format.
    """
    size = len(digits)
    if size == 15:
        from stdnum.fr import nir

        return "fr_nir" if nir.calc_check_digits(digits) == digits[13:] else None
    if size == 11:
        return "be_nn" if _validator("be_nn")(digits) else None
    if size == 9:  # the BSN's 11-test is the stronger check, so it names a bare number
        from stdnum.nl import bsn

        if groups in _BSN_GROUPS and int(digits) > 0 and bsn.checksum(digits) == 0:
            return "nl_bsn"
        if groups in _SSN_GROUPS and _validator("us_ssn")(digits):
            return "us_ssn"
    return None


def find_lettered_ids(text: str, long_run: bool = True) -> list[Finding]:
    """Every valid ID of a scheme with letters in `text`, with its span (may overlap).

    `long_run` False says that `text` has no 7 digits in a row: only codici fiscali can
    then be there.
    """
    found = []
    matches = [("it_codice_fiscale", m) for m in _CODICE_FISCALE.finditer(text)]
    if long_run:
        matches += [(str(m.lastgroup), m) for m in _WITH_DIGITS.finditer(text)]
    for scheme, match in matches:
        if (
            scheme == "es_dni"
            and match.group("dni_sep").isspace()
            and text[match.end() - 1].islower()
        ):
            continue  # "12345678 a": a lower-case word after a number, not a DNI letter
        number = _NOT_ALNUM.sub("", match.group()).upper()
        if _validator(scheme)(number):
            found.append(Finding("national_id", match.start(), match.end(), scheme))
    return found
