"""A fake of Meta's Graph API Send endpoint, for tests and the benchmark (127.0.0.1 only).

It records every request, validates each body against ``#/components/schemas/Message`` of Meta's
own OpenAPI spec (with the ``allOf`` parts merged first, otherwise every body is rejected because
both parts say ``additionalProperties: false``), and answers with scripted errors or delays.

It always validates, with ``bot.channels.whatsapp.contract`` (shared with the simulator's Graph
API stand-in). When Meta's spec (``../shared/contracts/whatsapp/``, or the file named by
``VIGIE_TEST_WHATSAPP_SPEC``) is absent, it validates against the local schema
``bot/channels/whatsapp/whatsapp_message.schema.json`` (the bodies Vigie sends, with WhatsApp's
limits), and warns (:class:`SpecMissingWarning`) so that nobody takes the weaker check for Meta's.

Recipients: ``to`` (a phone number) or ``recipient`` (a business-scoped user ID, BSUID; ``to``
wins when both are given), as Meta's "Business-scoped user IDs" page says. Message kinds that
cannot go to a BSUID get Meta's error 131062: the templates named in
``bsuid_unsupported_templates`` (authentication templates in Meta's words) sent by ``recipient``
alone.

Use it in-process (``async with FakeGraphApi() as fake``) or as a process:
``python -m tests.fakes.graph_api --port 8088`` with a small control API under ``/_control/``.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import logging
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.channels.whatsapp.contract import (
    LOCAL_SCHEMA_PATH,
    SPEC_MISSING_WARNING,
    SPEC_PATH,
    SpecMissingWarning,
    default_schema_path,
    message_validator,
    schema_errors,
    spec_available,
)

logger = logging.getLogger(__name__)

# What each scripted error answers: (HTTP status, Graph error code or None, headers).
ERRORS: dict[str, tuple[int, int | None, dict[str, str]]] = {
    "500": (500, None, {}),
    "503": (503, None, {}),
    "429": (429, None, {"Retry-After": "1"}),
    "130429": (400, 130429, {}),
    "131047": (400, 131047, {}),
    "131026": (400, 131026, {}),
    "131056": (400, 131056, {}),
    "131000": (500, 131000, {}),
    "190": (401, 190, {}),
    "131062": (400, 131062, {}),
}
BSUID_UNSUPPORTED_CODE = 131062


@dataclass
class Upload:
    """A file received by the media endpoint (multipart, as Meta takes it)."""

    media_id: str
    filename: str
    mime_type: str
    content: bytes


@dataclass
class RecordedRequest:
    path: str
    headers: dict[str, str]
    body: Any
    received_at: float
    errors: list[str] = field(default_factory=list)


class FakeGraphApi:
    """The fake server; it validates every body against ``schema_path`` (see the module doc).

    ``validate=False`` is for the benchmark only, where validation would weigh on the figures.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        validate: bool = True,
        schema_path: str | None = None,
    ):
        self.host = host
        self.port = port
        self.validate = validate
        self.schema_path = (schema_path or default_schema_path()) if validate else None
        self.requests: list[RecordedRequest] = []
        self._script: deque[str] = deque()
        self.delay = 0.0
        self._ids = itertools.count(1)
        self._verdicts: dict[str, list[str]] = {}
        self.arrivals: dict[str, list[float]] = {}  # recipient -> arrival times (monotonic)
        self.uploads: dict[str, Upload] = {}  # media id -> file
        self._runner: web.AppRunner | None = None
        self._new_request = asyncio.Condition()
        #: Templates Meta refuses to send to a BSUID (authentication templates): 131062.
        self.bsuid_unsupported_templates: set[str] = set()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def messages_url(self, phone_number_id: str, version: str = "v23.0") -> str:
        return f"{self.base_url}/{version}/{phone_number_id}/messages"

    def fail_next(self, *errors: str) -> None:
        """Answers the next requests with these errors (keys of ``ERRORS``), in order."""
        for error in errors:
            if error not in ERRORS:
                raise ValueError(f"unknown scripted error {error!r}")
            self._script.append(error)

    def reset(self) -> None:
        self.uploads.clear()
        self.requests.clear()
        self.arrivals.clear()
        self._script.clear()
        self.delay = 0.0

    @property
    def sent(self) -> list[Any]:
        """Bodies that got a success answer."""
        return [r.body for r in self.requests if not r.errors and r.headers.get("x-fake-ok")]

    @property
    def schema_violations(self) -> list[str]:
        return [e for r in self.requests for e in r.errors]

    async def wait_for(self, count: int, timeout: float = 10.0) -> list[RecordedRequest]:
        """Waits until at least ``count`` requests arrived."""
        async with self._new_request:
            await asyncio.wait_for(
                self._new_request.wait_for(lambda: len(self.requests) >= count), timeout
            )
        return self.requests

    async def wait_for_recipient(self, to: str, count: int = 1, timeout: float = 10.0) -> float:
        """Waits for the ``count``-th request to ``to`` (a phone number or a BSUID); returns its
        arrival time."""
        async with self._new_request:
            await asyncio.wait_for(
                self._new_request.wait_for(lambda: len(self.arrivals.get(to, [])) >= count),
                timeout,
            )
        return self.arrivals[to][count - 1]

    def _validate(self, body: Any) -> list[str]:
        # Bodies that differ only by recipient validate alike: memoised, so that the fake's
        # CPU does not weigh on what a benchmark measures.
        key = (
            json.dumps({**body, "to": "", "recipient": ""}, sort_keys=True)
            if isinstance(body, dict)
            else None
        )
        if key is None:
            return schema_errors(body, self.schema_path)
        if key not in self._verdicts:
            self._verdicts[key] = schema_errors(body, self.schema_path)
        return list(self._verdicts[key])

    async def _messages(self, request: web.Request) -> web.Response:
        raw = await request.read()
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        record = RecordedRequest(request.path, dict(request.headers), body, time.monotonic())
        if body is None:
            record.errors.append("body is not JSON")
        elif self.validate:
            record.errors.extend(self._validate(body))
            record.errors.extend(self._unknown_media(body))
        self.requests.append(record)
        to = recipient_of(body)
        if to:
            self.arrivals.setdefault(to, []).append(record.received_at)
        async with self._new_request:
            self._new_request.notify_all()
        if self.delay:
            await asyncio.sleep(self.delay)
        if not request.headers.get("Authorization", "").startswith("Bearer "):
            return _graph_error(401, 190, "missing access token")
        if record.errors:
            return _graph_error(400, 100, "invalid parameter: " + record.errors[0])
        if self._script:
            status, code, headers = ERRORS[self._script.popleft()]
            if code is None:
                return web.json_response(
                    {"error": {"message": "fake"}}, status=status, headers=headers
                )
            return _graph_error(status, code, "scripted", headers)
        if self._bsuid_unsupported(body):
            return _graph_error(400, BSUID_UNSUPPORTED_CODE, "BSUID recipient not supported")
        record.headers["x-fake-ok"] = "1"
        # Meta's answer: wa_id for a send by phone number, user_id for a send by BSUID.
        contact = {"input": to, "wa_id" if body.get("to") else "user_id": to}
        return web.json_response(
            {
                "messaging_product": "whatsapp",
                "contacts": [contact],
                "messages": [{"id": f"wamid.fake.{next(self._ids)}"}],
            }
        )

    def _unknown_media(self, body: Any) -> list[str]:
        """A document or image sent by id must have been uploaded here first."""
        if not isinstance(body, dict):
            return []
        media = body.get(str(body.get("type")))
        if isinstance(media, dict) and "id" in media and media["id"] not in self.uploads:
            return [f"{body['type']}/id: no media was uploaded with id {media['id']!r}"]
        return []

    async def _media(self, request: web.Request) -> web.Response:
        """Meta's media upload: multipart with messaging_product, type and file; answers an id."""
        if not request.headers.get("Authorization", "").startswith("Bearer "):
            return _graph_error(401, 190, "missing access token")
        if not request.content_type.startswith("multipart/form-data"):
            return _graph_error(400, 100, "media upload must be multipart/form-data")
        form = await request.post()
        file = form.get("file")
        if form.get("messaging_product") != "whatsapp" or not isinstance(file, web.FileField):
            return _graph_error(400, 100, "media upload needs messaging_product and file")
        media_id = f"media.fake.{next(self._ids)}"
        content = file.file.read()
        self.uploads[media_id] = Upload(media_id, file.filename, str(form.get("type")), content)
        return web.json_response({"id": media_id})

    def _bsuid_unsupported(self, body: dict[str, Any]) -> bool:
        template = body.get("template") if body.get("type") == "template" else None
        return (
            not body.get("to")
            and isinstance(template, dict)
            and template.get("name") in self.bsuid_unsupported_templates
        )

    async def _control_script(self, request: web.Request) -> web.Response:
        data = await request.json()
        self.fail_next(*data.get("errors", []))
        self.delay = float(data.get("delay", self.delay))
        return web.json_response({"queued": list(self._script), "delay": self.delay})

    async def _control_requests(self, _request: web.Request) -> web.Response:
        return web.json_response(
            [{"path": r.path, "body": r.body, "errors": r.errors} for r in self.requests]
        )

    async def _control_reset(self, _request: web.Request) -> web.Response:
        self.reset()
        return web.json_response({"reset": True})

    async def start(self) -> FakeGraphApi:
        if self.validate:
            # Load Meta's spec now (about a second), not inside the first request it validates.
            await asyncio.to_thread(message_validator, self.schema_path)
        app = web.Application()
        app.router.add_post("/{version}/{phone_number_id}/messages", self._messages)
        app.router.add_post("/{version}/{phone_number_id}/media", self._media)
        app.router.add_post("/_control/script", self._control_script)
        app.router.add_get("/_control/requests", self._control_requests)
        app.router.add_post("/_control/reset", self._control_reset)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeGraphApi:
        return await self.start()

    async def __aexit__(self, *_: Any) -> None:
        await self.stop()


def recipient_of(body: Any) -> str:
    """Who a body goes to: ``to`` when given (Meta: it wins), else ``recipient`` (a BSUID)."""
    if not isinstance(body, dict):
        return ""
    for key in ("to", "recipient"):
        if isinstance(body.get(key), str) and body[key]:
            return str(body[key])
    return ""


def _graph_error(
    status: int, code: int, message: str, headers: dict[str, str] | None = None
) -> web.Response:
    payload = {"error": {"message": message, "type": "OAuthException", "code": code}}
    return web.json_response(payload, status=status, headers=headers or {})


async def _serve(port: int) -> None:
    fake = await FakeGraphApi(port=port).start()
    print(f"fake Graph API on {fake.base_url} (validates against {fake.schema_path})", flush=True)
    await asyncio.Event().wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8088)
    asyncio.run(_serve(parser.parse_args().port))


if __name__ == "__main__":
    main()


# The contract's names are re-exported: tests import them from the fake they use.
__all__ = [
    "ERRORS",
    "LOCAL_SCHEMA_PATH",
    "SPEC_MISSING_WARNING",
    "SPEC_PATH",
    "FakeGraphApi",
    "RecordedRequest",
    "SpecMissingWarning",
    "message_validator",
    "recipient_of",
    "schema_errors",
    "spec_available",
]
