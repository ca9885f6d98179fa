import hashlib
import hmac

from bot.channels.whatsapp.signature import SignatureCheck, check_signature, sign

SECRET = "s3cret"
BODY = b'{"object":"whatsapp_business_account","entry":[]}'


def test_when_signed_with_the_app_secret_then_valid():
    expected = "sha256=" + hmac.new(SECRET.encode(), BODY, hashlib.sha256).hexdigest()
    assert sign(BODY, SECRET) == expected
    assert check_signature(BODY, expected, SECRET) is SignatureCheck.VALID


def test_when_hex_is_upper_case_then_still_valid():
    header = "sha256=" + sign(BODY, SECRET)[7:].upper()
    assert check_signature(BODY, header, SECRET) is SignatureCheck.VALID


def test_when_header_missing_or_blank_then_missing():
    assert check_signature(BODY, None, SECRET) is SignatureCheck.MISSING
    assert check_signature(BODY, "  ", SECRET) is SignatureCheck.MISSING


def test_when_body_secret_or_prefix_differ_then_invalid():
    good = sign(BODY, SECRET)
    assert check_signature(BODY + b" ", good, SECRET) is SignatureCheck.INVALID
    assert check_signature(BODY, sign(BODY, "other"), SECRET) is SignatureCheck.INVALID
    assert check_signature(BODY, "sha1=" + good[7:], SECRET) is SignatureCheck.INVALID
    assert check_signature(BODY, good[7:], SECRET) is SignatureCheck.INVALID
    assert check_signature(BODY, "sha256=é" + good[8:], SECRET) is SignatureCheck.INVALID
