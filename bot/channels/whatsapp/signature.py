"""Meta's webhook signature: ``X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>``."""

from __future__ import annotations

import hashlib
import hmac
from enum import Enum

SIGNATURE_HEADER = "X-Hub-Signature-256"
_PREFIX = "sha256="


class SignatureCheck(Enum):
    """Outcome of a signature check; only ``VALID`` lets a body be processed."""

    VALID = "valid"
    MISSING = "missing"
    INVALID = "invalid"


def sign(body: bytes, app_secret: str) -> str:
    """Returns the header value Meta would send for ``body`` (used by tests and the benchmark)."""
    digest = hmac.new(app_secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return _PREFIX + digest


def check_signature(body: bytes, header: str | None, app_secret: str) -> SignatureCheck:
    """Checks ``header`` against the HMAC of the raw ``body`` in constant time.

    Args:
        body: the request body exactly as received, before any decoding.
        header: the ``X-Hub-Signature-256`` header value, or ``None`` when absent.
        app_secret: the Meta app secret.
    """
    if not header or not header.strip():
        return SignatureCheck.MISSING
    header = header.strip()
    if not header.lower().startswith(_PREFIX):
        return SignatureCheck.INVALID
    received = header[len(_PREFIX) :].lower()
    expected = hmac.new(app_secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    # compare_digest needs ASCII on both sides; a non-ASCII header is simply wrong.
    if not received.isascii():
        return SignatureCheck.INVALID
    if hmac.compare_digest(received.encode("ascii"), expected.encode("ascii")):
        return SignatureCheck.VALID
    return SignatureCheck.INVALID
