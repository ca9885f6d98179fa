"""Properties of `redact`: no digits of a detected number survive; clean text is untouched."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum import numdb

from guards import check, detect_numbers, redact
from guards.numbers.issuers import ISSUERS
from tests.guards.builders import bban_for, be_nn, card, es_dni, fr_nir, iban

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Words around the numbers: letters, accents, punctuation, spaces; no digits.
FILLER = st.text(
    alphabet=st.sampled_from(list("abcdefghij XYZ éàçÉ,;:!?'’\n-.()€$")),
    max_size=40,
)
SEPARATORS = st.sampled_from(["", " ", "-", ".", " - ", "\u00a0"])
CARD_PREFIXES = [
    (first, length) for _, ranges, lengths in ISSUERS for first, _ in ranges for length in lengths
]
IBAN_COUNTRIES = sorted((low, p["bban"]) for _, low, _, p, _ in numdb.get("iban").prefixes)


@st.composite
def card_numbers(draw: st.DrawFn) -> str:
    first, length = draw(st.sampled_from(CARD_PREFIXES))
    body = first + draw(st.text(alphabet="0123456789", min_size=length, max_size=length))
    return card(body[: length - 1], length)


@st.composite
def iban_numbers(draw: st.DrawFn) -> str:
    country, structure = draw(st.sampled_from(IBAN_COUNTRIES))
    return iban(country, bban_for(structure))


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    digits = draw(st.text(alphabet="0123456789", min_size=8, max_size=8))
    return draw(
        st.sampled_from(
            [
                es_dni(digits),
                fr_nir("1" + digits[:4].replace("00", "01") + "75" + digits[2:8]),
                be_nn("85073" + digits[:4]),
            ]
        )
    )


@st.composite
def written(draw: st.DrawFn, numbers: st.SearchStrategy[str]) -> tuple[str, str]:
    """``(text, number)``: a number cut into random groups, between filler words."""
    number = draw(numbers)
    first = 4 if number[0].isalpha() else 1  # an IBAN's "FR76" is never cut
    cuts = sorted(draw(st.sets(st.integers(first, len(number) - 1), max_size=6)))
    sep = draw(SEPARATORS)
    parts = [number[a:b] for a, b in zip([0, *cuts], [*cuts, len(number)], strict=True)]
    body = sep.join(parts)
    text = f"{draw(FILLER)} {body} {draw(FILLER)}"
    return text, number


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


@SETTINGS
@given(written(card_numbers()))
def test_when_a_card_is_written_any_way_then_redaction_leaves_none_of_its_digits(case):
    text, number = case
    redacted = redact(text)
    assert "[payment_card]" in redacted
    assert _digits(redacted) == ""
    assert any(f.kind == "payment_card" for f in check(text))


@SETTINGS
@given(written(iban_numbers()), st.booleans())
def test_when_an_iban_is_written_any_way_then_redaction_removes_it(case, lower):
    text, number = case
    if lower:
        text = text.lower()
    redacted = redact(text)
    assert "[iban]" in redacted
    assert _digits(redacted) == ""


@SETTINGS
@given(id_numbers(), FILLER, FILLER, SEPARATORS)
def test_when_an_id_is_written_then_redaction_removes_its_digits(number, left, right, sep):
    text = f"{left} {number[:5]}{sep}{number[5:]} {right}"
    redacted = redact(text)
    assert _digits(redacted) == ""


@SETTINGS
@given(st.text(max_size=300))
def test_when_no_number_is_detected_then_redaction_returns_the_text_unchanged(text):
    if not detect_numbers(text):
        assert redact(text) == text


@SETTINGS
@given(FILLER)
def test_when_text_has_no_digits_then_it_is_clean_and_unchanged(text):
    assert detect_numbers(text) == []
    assert redact(text) == text


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("0123456789 -.abXY+")), max_size=200))
def test_when_numbers_are_detected_then_their_text_is_gone_and_the_rest_kept(text):
    findings = detect_numbers(text)
    redacted = redact(text)
    previous_end = 0
    for finding in findings:
        assert previous_end <= finding.start < finding.end  # sorted, no overlap
        previous_end = finding.end
    for finding in findings:
        assert text[finding.start : finding.end] not in redacted.replace(f"[{finding.kind}]", "|")
    assert redact(redacted) == redacted
    assert redact(text, check(text)) == redacted
