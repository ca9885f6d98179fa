"""The emergency numbers, read from the one file a deployer edits (`data/emergency_numbers.yml`).

Responses show them through the `{emergency_numbers}` template variable (every number, one per
line, with what it is for) and `{first_emergency_numbers}` (the first two, "15 or 112"), which
`bot.nlg.GuardedNLG` fills in the user's language, so no number is written twice.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

EMERGENCY_NUMBERS_VARIABLE = "VIGIE_EMERGENCY_NUMBERS_PATH"
DEFAULT_EMERGENCY_NUMBERS_PATH = "data/emergency_numbers.yml"
TEMPLATE_VARIABLE = "emergency_numbers"
FIRST_NUMBERS_VARIABLE = "first_emergency_numbers"
_OR = {"en": "or", "fr": "ou"}


class EmergencyNumbersError(ValueError):
    """The emergency numbers file is missing or malformed: start-up must not go on."""


def emergency_numbers_path() -> Path:
    return Path(os.environ.get(EMERGENCY_NUMBERS_VARIABLE) or DEFAULT_EMERGENCY_NUMBERS_PATH)


@lru_cache(maxsize=4)
def load_emergency_numbers(path: Path) -> tuple[dict[str, str], ...]:
    """Each entry of the file: its number and its label per language, checked."""
    try:
        content: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise EmergencyNumbersError(f"cannot read the emergency numbers {path}: {error}") from error
    entries = (content or {}).get(TEMPLATE_VARIABLE) if isinstance(content, dict) else None
    if not isinstance(entries, list) or not entries:
        raise EmergencyNumbersError(f"{path}: needs a non-empty list `{TEMPLATE_VARIABLE}:`")
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not str(entry.get("number") or "").strip():
            raise EmergencyNumbersError(f"{path}: entry {index + 1} needs a `number:`")
        if not entry.get("en"):
            raise EmergencyNumbersError(f"{path}: entry {index + 1} needs an English label `en:`")
    return tuple({str(k): str(v) for k, v in entry.items()} for entry in entries)


def format_emergency_numbers(language: str | None, path: Path | None = None) -> str:
    """One line per number, "15: SAMU, medical emergencies", in `language` (English when the
    file has no label in that language)."""
    entries = load_emergency_numbers(path or emergency_numbers_path())
    return "\n".join(
        f"{entry['number']}: {entry.get(language or 'en') or entry['en']}" for entry in entries
    )


def format_first_emergency_numbers(language: str | None, path: Path | None = None) -> str:
    """The first two numbers of the file, "15 or 112", for a one-line reminder."""
    entries = load_emergency_numbers(path or emergency_numbers_path())
    numbers = [entry["number"] for entry in entries[:2]]
    return f" {_OR.get(language or 'en', 'or')} ".join(numbers)


def emergency_template_variables(language: str | None) -> dict[str, str]:
    """The template variables every response may use, in `language`."""
    return {
        TEMPLATE_VARIABLE: format_emergency_numbers(language),
        FIRST_NUMBERS_VARIABLE: format_first_emergency_numbers(language),
    }
