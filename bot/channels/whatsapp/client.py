"""The Send API client: aiohttp (never blocks the loop), timeouts, one reused session, retries.

Retries follow WHATSAPP.md, by error code and never by title: HTTP 5xx, network errors and the
codes in ``RETRYABLE_CODES`` are retried with exponential back-off and full jitter, honouring
``Retry-After`` and waiting at least 6 s on 131056 (pair rate limit). Everything else fails at
once. Every final failure is logged with its code and counted in ``failures``; the caller keeps
the body so no send is lost without a trace.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp

from bot import metrics

logger = logging.getLogger(__name__)

RETRYABLE_CODES = frozenset({1, 2, 4, 80007, 130429, 131000, 131016, 131056})
PAIR_RATE_LIMIT_CODE = 131056
PAIR_RATE_LIMIT_WAIT = 6.0
NETWORK_ERROR = "network"
JSON = {"Content-Type": "application/json"}


@dataclass(frozen=True)
class SendResult:
    """Outcome of one send after all attempts."""

    ok: bool
    message_id: str | None = None
    status: int | None = None
    code: int | None = None
    attempts: int = 0
    reason: str = ""


class GraphClient:
    """Posts bodies to ``messages_url`` with the bearer token.

    Args:
        messages_url: ``{base}/{version}/{phone_number_id}/messages``.
        access_token: the system-user access token.
        timeout: total seconds per attempt.
        max_attempts: attempts per send, the first included.
        base_delay: first back-off delay in seconds (doubled per attempt, capped at ``max_delay``).
        sleep: the coroutine used to wait; tests pass one that records delays.
    """

    def __init__(
        self,
        messages_url: str,
        access_token: str,
        timeout: float = 10.0,
        max_attempts: int = 5,
        base_delay: float = 0.5,
        max_delay: float = 30.0,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.messages_url = messages_url
        # The session carries the token; each request its own content type (JSON or multipart).
        self._headers = {"Authorization": f"Bearer {access_token}"}
        self._timeout = aiohttp.ClientTimeout(total=timeout, connect=min(timeout, 5.0))
        self.max_attempts = max(1, max_attempts)
        self.base_delay = base_delay
        self.max_delay = max_delay
        self._sleep = sleep
        # One session per event loop: turns send from the turn loop, Rasa's own pushes
        # (e.g. trigger_intent) from Sanic's; a session must stay on the loop it was made in.
        self._sessions: dict[asyncio.AbstractEventLoop, aiohttp.ClientSession] = {}
        self.failures: Counter[str] = Counter()
        self.sent = 0

    def _get_session(self) -> aiohttp.ClientSession:
        # Created inside the running loop, on first use, and reused for keep-alive connections.
        loop = asyncio.get_running_loop()
        session = self._sessions.get(loop)
        if session is None or session.closed:
            connector = aiohttp.TCPConnector(limit=64, keepalive_timeout=60)
            session = aiohttp.ClientSession(
                connector=connector, timeout=self._timeout, headers=self._headers
            )
            self._sessions[loop] = session
        return session

    async def close(self) -> None:
        """Closes the session of the running loop (each loop closes its own at server stop)."""
        session = self._sessions.pop(asyncio.get_running_loop(), None)
        if session is not None and not session.closed:
            await session.close()
        for loop in [loop for loop in self._sessions if loop.is_closed()]:
            del self._sessions[loop]

    @property
    def media_url(self) -> str:
        """``{base}/{version}/{phone_number_id}/media``, beside ``messages_url``."""
        return self.messages_url.rsplit("/", 1)[0] + "/media"

    async def upload_media(self, content: bytes, mime_type: str, filename: str) -> str | None:
        """Uploads a file (multipart, as Meta's media endpoint takes it); its id, or None.

        One attempt: a failed upload is logged and counted, and the caller sends without it.
        """
        form = aiohttp.FormData()
        form.add_field("messaging_product", "whatsapp")
        form.add_field("type", mime_type)
        form.add_field("file", content, filename=filename, content_type=mime_type)
        try:
            session = self._get_session()
            async with session.post(self.media_url, data=form) as response:
                payload = await response.json(content_type=None)
                status = response.status
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            self.failures["media_upload"] += 1
            logger.error("WhatsApp media upload failed: %s", type(error).__name__)
            return None
        media_id = payload.get("id") if isinstance(payload, dict) else None
        if not (200 <= status < 300) or not isinstance(media_id, str):
            self.failures["media_upload"] += 1
            logger.error("WhatsApp media upload refused: http=%s", status)
            return None
        return media_id

    async def send(self, body: dict[str, Any]) -> SendResult:
        """Sends one message, retrying what WHATSAPP.md says to retry."""
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        attempt = 0
        while True:
            attempt += 1
            status, code, retry_after, reason, message_id = await self._attempt(data)
            if status is not None and 200 <= status < 300:
                self.sent += 1
                metrics.SENDS.labels("sent", "").inc()
                return SendResult(True, message_id, status, None, attempt)
            retryable = _is_retryable(status, code)
            if not retryable or attempt >= self.max_attempts:
                label = str(code) if code is not None else (str(status) if status else reason)
                self.failures[label] += 1
                metrics.SENDS.labels("failed", _code_label(status, code)).inc()
                logger.error(
                    "WhatsApp send failed for good: http=%s code=%s attempts=%d retryable=%s "
                    "reason=%s",
                    status,
                    code,
                    attempt,
                    retryable,
                    reason,
                )
                return SendResult(False, None, status, code, attempt, reason)
            delay = self._delay(attempt, code, retry_after)
            logger.warning(
                "WhatsApp send attempt %d failed (http=%s code=%s); retrying in %.2f s",
                attempt,
                status,
                code,
                delay,
            )
            await self._sleep(delay)

    def _delay(self, attempt: int, code: int | None, retry_after: float | None) -> float:
        ceiling = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        delay = random.uniform(ceiling / 2, ceiling)  # jitter, never a burst of zero waits
        if retry_after is not None:
            delay = max(delay, retry_after)
        if code == PAIR_RATE_LIMIT_CODE:
            delay = max(delay, PAIR_RATE_LIMIT_WAIT + random.uniform(0, 1))
        return delay

    async def _attempt(
        self, data: bytes
    ) -> tuple[int | None, int | None, float | None, str, str | None]:
        """Returns (http status, graph error code, Retry-After seconds, reason, message id)."""
        try:
            session = self._get_session()
            async with session.post(self.messages_url, data=data, headers=JSON) as response:
                text = await response.text(errors="replace")
                retry_after = _retry_after(response.headers.get("Retry-After"))
                status = response.status
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            return None, None, None, f"{NETWORK_ERROR}: {type(error).__name__}", None
        try:
            payload = json.loads(text) if text else {}
        except ValueError:
            payload = {}
        if not isinstance(payload, dict):
            payload = {}
        problem = payload["error"] if isinstance(payload.get("error"), dict) else {}
        code = problem.get("code") if isinstance(problem.get("code"), int) else None
        message_id = None
        messages = payload.get("messages")
        if isinstance(messages, list) and messages and isinstance(messages[0], dict):
            message_id = messages[0].get("id")
        reason = str(problem.get("type") or problem.get("error_subcode") or f"http {status}")
        return status, code, retry_after, reason[:200], message_id


def _code_label(status: int | None, code: int | None) -> str:
    """A bounded label: the Graph error code, else the HTTP status, else a network error."""
    if code is not None:
        return str(code)
    return f"http_{status}" if status is not None else NETWORK_ERROR


def _is_retryable(status: int | None, code: int | None) -> bool:
    if code is not None:
        return code in RETRYABLE_CODES
    if status is None:  # network error or timeout
        return True
    return status >= 500 or status == 429


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return min(max(seconds, 0.0), 300.0)
