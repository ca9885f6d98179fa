"""The identity rules: which conversation a phone number and a BSUID name, and the address."""

from __future__ import annotations

import pytest

from bot.channels.whatsapp.identity import Address, address_body, choose_canonical, is_bsuid

PHONE, BSUID = "33612345678", "US.13491208655302741918"


@pytest.mark.parametrize(
    "value",
    ["US.13491208655302741918", "BR.1502576394655843", "US.ENT.11815799212886844830", "FR.a1B2"],
)
def test_when_an_id_has_meta_s_bsuid_shape_then_it_is_a_bsuid(value):
    assert is_bsuid(value)


@pytest.mark.parametrize(
    "value", ["33612345678", "us.1349", "USA.1349", "US.", "US.12 34", "US." + "1" * 129, None, 7]
)
def test_when_an_id_lacks_the_bsuid_shape_then_it_is_not_one(value):
    assert not is_bsuid(value)


@pytest.mark.parametrize(
    ("phone", "bsuid", "known", "taken", "expected"),
    [
        (PHONE, BSUID, {}, False, (PHONE, False)),  # a new user with a number: as before BSUIDs
        ("", BSUID, {}, False, (BSUID, False)),  # a username user
        (PHONE, "", {}, False, (PHONE, False)),  # a payload older than BSUIDs
        (PHONE, BSUID, {PHONE: PHONE}, False, (PHONE, False)),  # an existing conversation
        (PHONE, BSUID, {BSUID: BSUID}, False, (BSUID, False)),  # the username user shows a number
        ("", BSUID, {BSUID: PHONE}, False, (PHONE, False)),  # the number is withheld later
        (PHONE, BSUID, {PHONE: "A", BSUID: "B"}, False, ("B", True)),  # never re-pointed
        (PHONE, BSUID, {}, True, (BSUID, False)),  # a recycled number names another conversation
    ],
    ids=[
        "new-with-phone",
        "username",
        "old-payload",
        "known-phone",
        "known-bsuid",
        "phone-withheld",
        "conflict",
        "recycled-number",
    ],
)
def test_when_identifiers_arrive_then_the_canonical_sender_id_follows_the_rules(
    phone, bsuid, known, taken, expected
):
    assert choose_canonical(phone, bsuid, known, taken) == expected


def test_when_a_phone_number_is_known_then_the_body_goes_to_it_else_to_the_bsuid():
    body = {"messaging_product": "whatsapp", "to": "canonical", "type": "text", "text": {}}

    by_phone = address_body(body, Address(phone=PHONE, user_id=BSUID))
    by_bsuid = address_body(body, Address(user_id=BSUID))

    assert by_phone["to"] == PHONE and "recipient" not in by_phone
    assert by_bsuid["recipient"] == BSUID and "to" not in by_bsuid
    assert Address.of(BSUID) == Address(user_id=BSUID) and Address.of(PHONE) == Address(PHONE)
