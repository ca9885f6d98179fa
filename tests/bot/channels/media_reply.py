"""The reply every unsupported message (image, audio...) gets, read from domain.yml."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

DOMAIN = Path(__file__).parents[3] / "domain.yml"


@lru_cache(maxsize=1)
def unsupported_media_text() -> str:
    """The text of `utter_unsupported_media` for a user whose language is not known yet."""
    variations = yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))["responses"]
    [text] = [v["text"] for v in variations["utter_unsupported_media"] if not v.get("condition")]
    return text
