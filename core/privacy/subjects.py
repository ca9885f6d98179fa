"""A keyed hash of a sender id: lets us recognise an opted-out user without storing who it is.

The key comes from `VIGIE_SUBJECT_HASH_SECRET`. Without it (a developer's machine), a random
key is created once in `.vigie/subject_hash.secret`; several instances of a production
deployment must share the variable so that they compute the same hashes.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from functools import lru_cache
from pathlib import Path

logger = logging.getLogger(__name__)

SECRET_VARIABLE = "VIGIE_SUBJECT_HASH_SECRET"
LOCAL_SECRET_FILE = Path(".vigie") / "subject_hash.secret"


@lru_cache(maxsize=1)
def _secret() -> bytes:
    configured = os.environ.get(SECRET_VARIABLE)
    if configured:
        return configured.encode()
    if not LOCAL_SECRET_FILE.exists():
        LOCAL_SECRET_FILE.parent.mkdir(parents=True, exist_ok=True)
        LOCAL_SECRET_FILE.write_text(secrets.token_hex(32))
        LOCAL_SECRET_FILE.chmod(0o600)
        logger.warning(
            "%s is not set: created a local key in %s (set the variable in production)",
            SECRET_VARIABLE,
            LOCAL_SECRET_FILE,
        )
    return LOCAL_SECRET_FILE.read_text().strip().encode()


def subject_hash(sender_id: str) -> str:
    """HMAC-SHA256 of the sender id, hex: the only form in which an opted-out user is kept."""
    return hmac.new(_secret(), sender_id.encode(), hashlib.sha256).hexdigest()
