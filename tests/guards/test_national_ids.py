"""national_id: NIR, SSN, DNI/NIE, codice fiscale, Belgian NN, BSN, each with its check."""

from __future__ import annotations

import pytest

from guards import check, redact
from tests.guards import published
from tests.guards.builders import es_nie, fr_nir, group, it_cf

# Published examples (sources in published.py).
NIR = published.FR_NIR
NN = published.BE_NN
BSN = published.NL_BSN
DNI = published.ES_DNI
NIE = published.ES_NIE
CF = published.IT_CODICE_FISCALE
# No published example exists for these: the check is computed by builders.py from the
# published rule (itself checked against the examples above in test_builders.py).
NIR_2A = fr_nir("285052A123456")
NIR_2B = fr_nir("185052B123456")
NIE_Y = es_nie("Y", "7654321")
CF_OMOCODIA = it_cf("RSSMRA85T10A56N")  # the same person, one digit replaced by omocodia

VALID = [
    ("fr_nir", NIR),
    ("fr_nir", group(NIR, [1, 2, 2, 2, 3, 3], " ")),
    ("fr_nir", group(NIR, [1, 2, 2, 2, 3, 3], ".")),
    ("fr_nir", group(NIR, [13], " ")),
    ("fr_nir", published.FR_NIR_WIKIPEDIA),
    ("fr_nir", NIR_2A),
    ("fr_nir", group(NIR_2A, [1, 2, 2, 2, 3, 3], " ")),
    ("fr_nir", group(NIR_2B.lower(), [1, 2, 2, 2, 3, 3], "-")),
    ("us_ssn", "123-45-6789"),
    ("us_ssn", "123 45 6789"),
    ("us_ssn", "123456789"),  # fails the BSN 11-test
    ("nl_bsn", BSN),
    ("nl_bsn", group(BSN, [4, 2], ".")),
    ("nl_bsn", group(BSN, [3, 3], " ")),
    ("be_nn", NN),
    ("be_nn", group(NN, [2, 2, 2, 3], ".").replace(".", "-", 3).replace("-", ".", 2)),
    ("be_nn", group(NN, [6, 3], "-")),
    ("es_dni", DNI),
    ("es_dni", DNI[:-1] + "-" + DNI[-1]),
    ("es_dni", "12.345.678-" + DNI[-1]),
    ("es_dni", DNI.lower()),
    ("es_nie", NIE),
    ("es_nie", f"{NIE[0]}-{NIE[1:-1]}-{NIE[-1]}"),
    ("es_nie", NIE_Y),
    ("it_codice_fiscale", CF),
    ("it_codice_fiscale", CF.lower()),
    ("it_codice_fiscale", CF_OMOCODIA),
]


def ids(text: str) -> list[tuple[int, int, str]]:
    return [(f.start, f.end, f.detail) for f in check(text) if f.kind == "national_id"]


@pytest.mark.parametrize(("scheme", "written"), VALID)
def test_when_an_id_is_valid_then_it_is_found_with_its_span(scheme, written):
    text = f"mon numéro d'identité : {written}, merci"
    start = text.index(written)
    assert ids(text) == [(start, start + len(written), scheme)]
    assert written not in redact(text)
    assert "[national_id]" in redact(text)


def _bad(number: str) -> str:
    last = number[-1]
    if last.isdigit():
        return number[:-1] + str((int(last) + 1) % 10)
    return number[:-1] + ("A" if last.upper() != "A" else "B")


@pytest.mark.parametrize(
    ("scheme", "number"),
    [("fr_nir", NIR), ("fr_nir", NIR_2A), ("be_nn", NN), ("nl_bsn", "1112.22.333")]
    + [("es_dni", DNI), ("es_nie", NIE), ("it_codice_fiscale", CF)],
)
def test_when_the_check_fails_then_no_id_is_found(scheme, number):
    assert ids(f"numéro {_bad(number)} ok") == []


@pytest.mark.parametrize(
    "text",
    [
        "ssn 000-12-3456",  # area 000 is never issued
        "ssn 666-12-3456",
        "ssn 923-45-6789",  # 9xx is not an SSN area
        "ssn 123-00-6789",
        "ssn 123-45-0000",
        "1 23 456 789",  # 9 digits, but neither an SSN nor a BSN grouping
        "+33 612345678",  # after "+": a phone number
        "06 12 34 56 78",
        "call 0612345678",
        "it costs 12345678 a month",  # a lower-case word after 8 digits is no DNI letter
        "ABCDEFGHIJKLMNOP",
        "2 85 05 2C 123 456 78",  # only 2A and 2B are Corsica
    ],
)
def test_when_digits_are_not_an_id_then_nothing_is_found(text):
    assert ids(text) == []


@pytest.mark.parametrize(
    ("text", "scheme"),
    [
        # valid, with the words that name them
        ("SSN 123-45-6789", "us_ssn"),
        ("123-45-6789", "us_ssn"),  # the 3-2-4 grouping names an SSN by itself
        ("my social security number is 123456789", "us_ssn"),
        (f"my BSN is {BSN}", "nl_bsn"),
        (f"burgerservicenummer: {group(BSN, [3, 3], ' ')}", "nl_bsn"),
        (f"citizen ID {BSN}", "nl_bsn"),
        # near misses: the same digits without a word for an identity number
        ("Order number 123456789 hasn't arrived yet", None),
        (f"ref {BSN}", None),
        (f"call {group(BSN, [3, 3], ' ')}", None),
        # hard negatives: a mistyped BSN is not taken for an SSN instead
        ("My BSN is 688876510 I think but the site keeps rejecting it", None),
        ("J'ai noté BSN 197472121 mais je me suis trompé d'un chiffre", None),
        ("BSN 1112.22.334", None),
    ],
)
def test_when_nine_digits_are_written_then_the_words_around_decide(text, scheme):
    found = [f.detail for f in check(text) if f.kind == "national_id"]
    assert found == ([scheme] if scheme else [])


# UK National Insurance numbers (round 5): no check character, HMRC's allocation rules only
# (prefix letters, suffix A-D), so the writing and the words around decide, as for 9 digits.
@pytest.mark.parametrize(
    "text",
    [
        "My NI number is AB 12 34 56 C",  # the spaced form of the card
        "national insurance: JK457821B",  # unspaced, after a keyword
        "JK457821B",  # in capitals with its suffix: no keyword needed
        "jk457821b",  # lower case, suffix glued
        "ab-12-34-56-c",  # dashes are not prose
        "AB 123 456 C",  # another grouping
        "CE 65 43 21 D please",
        "NI no. ne 73 90 12 a, date of birth 3/4/81",  # lower case with a spaced suffix: keyword
        "my nino is ab123456",  # no suffix: keyword
        "National Insurance AB123456",
        "numéro d'identité britannique TW 98 76 54 B",
    ],
)
def test_when_a_national_insurance_number_is_written_then_it_is_found_and_redacted(text):
    found = [f for f in check(text) if f.kind == "national_id"]
    assert [f.detail for f in found] == ["gb_nino"]
    number = text[found[0].start : found[0].end]
    assert number[:2].upper() in {"AB", "JK", "CE", "NE", "TW"} and number not in redact(text)
    assert "[national_id]" in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "QQ123456C",  # HMRC's specimen: Q is never a first letter
        "GB 12 34 56 A",  # BG, GB, KN, NK, NT, TN, ZZ are never allocated
        "ZZ123456A",
        "AO123456A",  # O is never a second letter
        "AB123456E",  # the suffix is A to D
        "order AB123456",  # no suffix and no keyword: a reference
        "we spend on 123456 a day",  # a lower-case word after a space, no keyword
        "le 123456 a été envoyé",
        "NI: AB 12 34 56 78",  # more digits follow: not six
        "AB1234567C",
    ],
)
def test_when_letters_and_six_digits_break_hmrc_rules_then_no_id_is_found(text):
    assert ids(text) == []


def test_when_two_letters_and_six_digits_without_suffix_follow_a_generic_id_word_then_no_nino():
    # blind set M: a grant reference; "ID" alone does not make it a National Insurance number
    assert ids("The grant application ID is GR-88-0912, when will I hear back?") == []
