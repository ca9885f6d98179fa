"""Reading the tracker store's section of endpoints.yml the way Rasa's own stores read it.

The end-to-end cases go through Rasa's own loader (`TrackerStore.create` on an endpoints file),
so they test what Rasa really hands the store (`url:` arrives as `host`).
"""

from __future__ import annotations

import logging
import uuid

import pytest
from rasa.core.tracker_store import RedisTrackerStore, SQLTrackerStore, TrackerStore
from rasa.core.utils import AvailableEndpoints
from rasa.shared.core.domain import Domain
from sqlalchemy.engine.url import make_url

from bot.stores.config import TrackerStoreConfigError, backend_config
from bot.stores.tracker_store import VigieTrackerStore
from tests.bot.stores.test_tracker_store import turn
from tests.services import require_postgres, require_redis
from tests.store_contents import raw_stored_text

ENV: dict[str, str] = {}


@pytest.mark.parametrize(
    "host, settings, expected",
    [
        ("postgresql://u:p@db.example:5433/vigie", {}, "postgresql://u:p@db.example:5433/vigie"),
        (
            "db.example",
            {"dialect": "postgresql", "port": 5433, "db": "vigie", "username": "u",
             "password": "p", "login_db": "postgres"},
            "postgresql://u:p@db.example:5433/vigie",
        ),
        (None, {"db": "rasa.db"}, "sqlite:///rasa.db"),
        (None, {"dialect": "sqlite", "db": "x.db"}, "sqlite:///x.db"),
        ("cache.example", {"port": 6380, "db": 2, "password": "pw"}, "redis://:pw@cache.example:6380/2"),
        ("cache.example", {"use_ssl": True}, "rediss://cache.example:6379/0"),
        ("redis://cache.example:6379/1", {"key_prefix": "vigie"}, "redis://cache.example:6379/1"),
        (None, {}, "sqlite:///.vigie/tracker.db"),
    ],
)  # fmt: skip
def test_when_rasa_keys_are_given_then_they_mean_what_rasa_means(host, settings, expected):
    config = backend_config(host, settings, ENV)

    assert config.url == make_url(expected)


def test_when_options_belong_to_the_backend_then_they_are_handed_over():
    redis = backend_config("h", {"key_prefix": "v", "record_exp": 60}, ENV)
    sql = backend_config("h", {"dialect": "postgresql", "db": "d", "login_db": "postgres"}, ENV)

    assert redis.options == {"key_prefix": "v", "record_exp": 60}
    assert sql.options == {"login_db": "postgres"}


@pytest.mark.parametrize(
    "host, settings, words",
    [
        (None, {"dialet": "postgresql"}, "dialet"),
        ("postgresql://h/d", {"port": 5432}, "inside it"),
        (None, {"port": 5432}, "say where"),
        ("h", {"login_db": "postgres"}, "login_db"),
    ],
)
def test_when_the_keys_are_wrong_or_ambiguous_then_start_up_fails_saying_why(host, settings, words):
    with pytest.raises(TrackerStoreConfigError, match=words):
        backend_config(host, settings, ENV)


def test_when_endpoints_and_the_variable_disagree_then_a_warning_says_which_wins(caplog):
    with caplog.at_level(logging.WARNING):
        backend_config("redis://h:6379/0", {}, {"VIGIE_TRACKER_STORE_URL": "sqlite:///x.db"})

    assert "endpoints.yml wins" in caplog.text


def store_from_endpoints(tmp_path, section: str) -> VigieTrackerStore:
    """The tracker store Rasa itself builds from an endpoints file with this section."""
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        f"tracker_store:\n  type: bot.stores.tracker_store.VigieTrackerStore\n{section}"
    )
    config = AvailableEndpoints.read_endpoints(str(endpoints)).tracker_store
    store = TrackerStore.create(config, Domain.empty())
    assert isinstance(store, VigieTrackerStore)
    return store


@pytest.mark.postgres
async def test_when_rasa_sql_keys_are_kept_and_only_type_changed_then_postgresql_is_used(
    tmp_path,
):
    url = make_url(require_postgres())
    store = store_from_endpoints(
        tmp_path,
        f"  dialect: postgresql\n  url: {url.host}\n  port: {url.port or 5432}\n"
        f"  db: {url.database}\n  username: {url.username}\n",
    )
    sender = f"cfg-{uuid.uuid4().hex}"
    await store.save(turn(sender, "hello"))

    assert isinstance(store.backend, SQLTrackerStore)
    assert store.backend.engine.url.get_backend_name() == "postgresql"
    assert "hello" in raw_stored_text(store, sender)


@pytest.mark.postgres
async def test_when_url_is_a_whole_url_then_it_is_not_ignored(tmp_path):
    store = store_from_endpoints(tmp_path, f"  url: {require_postgres()}\n")

    assert store.backend.engine.url.get_backend_name() == "postgresql"


@pytest.mark.redis
async def test_when_rasa_redis_keys_are_kept_and_only_type_changed_then_redis_is_used(tmp_path):
    url = make_url(require_redis())
    prefix = f"cfg{uuid.uuid4().hex[:6]}"
    store = store_from_endpoints(
        tmp_path,
        f"  url: {url.host}\n  port: {url.port or 6379}\n  db: {url.database or 0}\n"
        f"  key_prefix: {prefix}\n  record_exp: 600\n",
    )
    sender = f"cfg-{uuid.uuid4().hex}"
    await store.save(turn(sender, "hello"))

    assert isinstance(store.backend, RedisTrackerStore)
    assert store.backend.key_prefix.startswith(prefix)
    assert 0 < store.backend.red.ttl(store.backend.key_prefix + sender) <= 600
    assert "hello" in raw_stored_text(store, sender)
    store.backend.red.delete(store.backend.key_prefix + sender)
