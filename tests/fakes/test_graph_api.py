"""The fake Graph API rejects invalid bodies whether or not Meta's spec is checked out."""

from __future__ import annotations

import aiohttp
import pytest

from bot.channels.whatsapp import contract, outbound
from tests.fakes import graph_api
from tests.fakes.graph_api import FakeGraphApi, SpecMissingWarning

TO = "33612345678"
VALID = outbound.buttons_bodies(TO, "Choose", [{"title": "Yes", "payload": "/affirm"}])[0]


def invalid_bodies() -> list[dict]:
    too_long_title = outbound.buttons_bodies(TO, "Choose", [{"title": "Yes", "payload": "/y"}])[0]
    too_long_title["interactive"]["action"]["buttons"][0]["reply"]["title"] = "x" * 21
    return [
        too_long_title,
        {**outbound.text_bodies(TO, "hi")[0], "extra": 1},
        {**outbound.text_bodies(TO, "hi")[0], "text": {"body": "hi", "colour": "red"}},
    ]


# Meta's schema lets this one through (its text object is optional); the local one does not.
NO_TEXT_OBJECT = {"messaging_product": "whatsapp", "to": TO, "type": "text"}


async def post_each(fake: FakeGraphApi, bodies: list[dict]) -> list[int]:
    async with aiohttp.ClientSession(headers={"Authorization": "Bearer token"}) as session:
        statuses = []
        for body in bodies:
            async with session.post(fake.messages_url("123"), json=body) as response:
                statuses.append(response.status)
        return statuses


@pytest.fixture
def spec_absent(monkeypatch, tmp_path):
    """As on a machine without ../shared: the spec path points at nothing."""
    monkeypatch.setattr(contract, "SPEC_PATH", tmp_path / "absent.yaml")
    contract._warn_spec_missing.cache_clear()
    yield
    contract._warn_spec_missing.cache_clear()


async def test_when_the_spec_is_absent_then_the_local_schema_rejects_invalid_bodies_loudly(
    spec_absent,
):
    with pytest.warns(SpecMissingWarning, match="SPEC IS ABSENT"):
        fake = FakeGraphApi()
    assert fake.schema_path == str(contract.LOCAL_SCHEMA_PATH)
    invalid = [*invalid_bodies(), NO_TEXT_OBJECT]
    async with fake:
        statuses = await post_each(fake, [VALID, *invalid])
    assert statuses == [200] + [400] * len(invalid)
    assert [bool(r.errors) for r in fake.requests] == [False] + [True] * len(invalid)
    assert fake.sent == [VALID]


@pytest.mark.skipif(
    not graph_api.spec_available(),
    reason=f"Meta's spec is absent at {graph_api.SPEC_PATH}: check out ../shared",
)
async def test_when_the_spec_is_present_then_metas_schema_rejects_invalid_bodies():
    async with FakeGraphApi() as fake:
        assert fake.schema_path == str(graph_api.SPEC_PATH)
        statuses = await post_each(fake, [VALID, *invalid_bodies()])
    assert statuses == [200] + [400] * len(invalid_bodies())
    assert fake.sent == [VALID]
