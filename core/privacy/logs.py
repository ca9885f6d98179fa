"""Keep sensitive numbers out of every log line, at every level, in any process.

Installed as the logging *record factory*: every record any logger creates passes through it,
whatever handlers or formatters Rasa, Sanic or the action server configure later. A record
is only created when its level is enabled, so disabled debug logging costs nothing.
"""

from __future__ import annotations

import logging
from typing import Any

import guards

_installed = False


def _redacted(value: Any) -> Any:
    return guards.redact(value) if isinstance(value, str) else value


def install_log_redaction() -> None:
    """Redact card, IBAN and national ID numbers in all log records from now on (idempotent)."""
    global _installed
    if _installed:
        return
    previous_factory = logging.getLogRecordFactory()

    def redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous_factory(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep the record as the logger made it
            record.msg = _redacted(record.msg)
            return record
        record.msg, record.args = guards.redact(message), ()
        return record

    logging.setLogRecordFactory(redacting_factory)
    _installed = True
