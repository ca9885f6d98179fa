import asyncio

import pytest

from bot.channels.whatsapp import outbound
from bot.channels.whatsapp.client import GraphClient
from tests.fakes.graph_api import FakeGraphApi

TO = "33612345678"
BODY = outbound.text_bodies(TO, "Bonjour")[0]


@pytest.fixture
async def fake():
    async with FakeGraphApi() as server:
        yield server


@pytest.fixture
def delays():
    return []


@pytest.fixture
async def client(fake, delays):
    async def record(seconds: float) -> None:
        delays.append(seconds)

    graph = GraphClient(fake.messages_url("123"), "token", timeout=10, max_attempts=4, sleep=record)
    yield graph
    await graph.close()


async def test_when_meta_accepts_then_one_request_with_bearer_and_json(client, fake):
    result = await client.send(BODY)
    assert result.ok and result.message_id.startswith("wamid.fake")
    (request,) = fake.requests
    assert request.headers["Authorization"] == "Bearer token"
    assert request.body == BODY
    assert fake.schema_violations == []


@pytest.mark.parametrize("error", ["500", "429", "130429", "131000"])
async def test_when_a_retryable_error_then_retried_with_backoff(client, fake, delays, error):
    fake.fail_next(error, error)
    result = await client.send(BODY)
    assert result.ok and result.attempts == 3
    assert len(fake.requests) == 3 and len(delays) == 2
    assert 0 < delays[0] <= delays[1] or error == "429"


async def test_when_retry_after_is_given_then_honoured(client, fake, delays):
    fake.fail_next("429")
    assert (await client.send(BODY)).ok
    assert delays[0] >= 1.0


async def test_when_pair_rate_limit_then_wait_at_least_six_seconds(client, fake, delays):
    fake.fail_next("131056")
    assert (await client.send(BODY)).ok
    assert delays[0] >= 6.0


@pytest.mark.parametrize("error,code", [("131047", 131047), ("131026", 131026), ("190", 190)])
async def test_when_a_permanent_error_then_no_retry_and_counted_by_code(
    client, fake, delays, error, code, caplog
):
    fake.fail_next(error)
    result = await client.send(BODY)
    assert not result.ok and result.code == code and result.attempts == 1
    assert delays == [] and client.failures == {str(code): 1}
    assert f"code={code}" in caplog.text
    assert "Bonjour" not in caplog.text  # message contents are never logged


async def test_when_errors_persist_then_gives_up_after_max_attempts(client, fake, delays):
    fake.fail_next("500", "500", "500", "500", "500")
    result = await client.send(BODY)
    assert not result.ok and result.attempts == 4 and client.failures == {"500": 1}


async def test_when_server_is_down_then_network_errors_are_retried_then_counted(delays):
    graph = GraphClient("http://127.0.0.1:9/v23.0/1/messages", "t", max_attempts=2, sleep=_noop)
    result = await graph.send(BODY)
    await graph.close()
    assert not result.ok and result.attempts == 2
    assert list(graph.failures) == [result.reason] and result.reason.startswith("network")


async def test_when_the_server_is_slow_then_the_timeout_applies(fake):
    fake.delay = 1.0
    graph = GraphClient(fake.messages_url("1"), "t", timeout=0.2, max_attempts=1, sleep=_noop)
    result = await graph.send(BODY)
    await graph.close()
    assert not result.ok and result.reason.startswith("network")


async def test_when_sending_many_then_the_session_is_reused(client, fake):
    for _ in range(5):
        await client.send(BODY)
    sessions = dict(client._sessions)
    await client.send(BODY)
    assert client._sessions == sessions and len(sessions) == 1 and client.sent == 6


async def test_when_two_loops_send_then_each_has_its_own_session_and_closes_it(client, fake):
    def send_from_another_loop() -> bool:
        async def send_and_close() -> bool:
            result = await client.send(BODY)
            await client.close()
            return result.ok

        return asyncio.run(send_and_close())

    assert (await client.send(BODY)).ok
    assert await asyncio.to_thread(send_from_another_loop)
    assert len(client._sessions) == 1 and client.sent == 2


async def _noop(_seconds: float) -> None:
    return None
