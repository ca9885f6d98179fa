"""Where the tracker store keeps conversations, read the way Rasa's own stores read it.

A deployer who follows Rasa's documentation writes `type: SQL` (keys `url`, `dialect`, `port`,
`db`, `username`, `password`, `login_db`, `query`) or `type: redis` (keys `url`, `port`, `db`,
`username`, `password`, `key_prefix`, `record_exp`, `use_ssl`, `ssl_*`). Switching to Vigie's
store means changing `type:` only: the same keys mean the same thing here. Rasa hands the
`url:` key to a custom store as `host`; it may also be a whole URL
(`postgresql://user:pass@host/db`, `redis://host:6379/0`).

How the keys are read, first match wins:
1. `url:` with a scheme (`://`): that URL; the separate location keys may not be given too.
2. `dialect:` given: Rasa's SQL store (`url:` is then the database server's host name).
3. `url:` without a scheme and no `dialect:`: Rasa's Redis store (`url:` is the Redis host).
4. only `db:`: a SQLite file (Rasa's SQL default dialect).
5. nothing: `VIGIE_TRACKER_STORE_URL`, else `sqlite:///.vigie/tracker.db`.

A key neither store knows is an error naming the keys accepted, so a typo cannot silently
send conversations to the default SQLite file.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rasa.shared.exceptions import RasaException
from sqlalchemy.engine.url import URL, make_url

from core.databases import configured_url

logger = logging.getLogger(__name__)

TRACKER_STORE_URL_VARIABLE = "VIGIE_TRACKER_STORE_URL"
DEFAULT_TRACKER_STORE_URL = "sqlite:///.vigie/tracker.db"

#: Keys that say where the store is (they make a URL).
LOCATION_KEYS = frozenset({"dialect", "port", "db", "username", "password", "query", "use_ssl"})
#: Keys handed as they are to Rasa's SQL store.
SQL_OPTIONS = frozenset({"login_db"})
#: Keys handed as they are to Rasa's Redis store.
REDIS_OPTIONS = frozenset(
    {"key_prefix", "record_exp", "ssl_keyfile", "ssl_certfile", "ssl_ca_certs"}
)
#: Vigie's own keys (read by the store, not by its backend).
VIGIE_KEYS = frozenset({"privacy_db_url"})
ACCEPTED_KEYS = LOCATION_KEYS | SQL_OPTIONS | REDIS_OPTIONS | VIGIE_KEYS


class TrackerStoreConfigError(RasaException):
    """The tracker store section of endpoints.yml cannot be read unambiguously."""


@dataclass(frozen=True)
class BackendConfig:
    """The backend's URL and the options Rasa's store for it takes besides the location."""

    url: URL
    options: dict[str, Any] = field(default_factory=dict)


def backend_config(
    host: str | None,
    settings: Mapping[str, Any],
    environ: Mapping[str, str] | None = None,
) -> BackendConfig:
    """Read the tracker store's endpoint settings (see the module's docstring).

    Args:
        host: what Rasa passes as `host`: the endpoint's `url:` key.
        settings: every other key of the endpoint except `type`.
        environ: the environment; `os.environ` when not given.

    Raises:
        TrackerStoreConfigError: an unknown key, or a URL given together with location keys.
    """
    environ = os.environ if environ is None else environ
    unknown = sorted(set(settings) - ACCEPTED_KEYS)
    if unknown:
        raise TrackerStoreConfigError(
            f"tracker_store in endpoints.yml: unknown key(s) {', '.join(unknown)}. "
            f"VigieTrackerStore takes `url` and the keys of Rasa's SQL and Redis stores: "
            f"{', '.join(sorted(ACCEPTED_KEYS))}."
        )
    url = _url_from_settings(host, settings)
    explicit = url is not None
    if url is None:
        url = make_url(
            configured_url(None, TRACKER_STORE_URL_VARIABLE, DEFAULT_TRACKER_STORE_URL, environ)
        )
    _warn_on_disagreement(url, explicit, environ)
    wanted = SQL_OPTIONS if _is_sql(url) else REDIS_OPTIONS if _is_redis(url) else frozenset()
    options = {key: value for key, value in settings.items() if key in wanted}
    misplaced = sorted(set(settings) & (SQL_OPTIONS | REDIS_OPTIONS) - wanted)
    if misplaced:
        raise TrackerStoreConfigError(
            f"tracker_store in endpoints.yml: {', '.join(misplaced)} do(es) not apply to a "
            f"{url.get_backend_name()} store ({url.render_as_string(hide_password=True)})."
        )
    return BackendConfig(url, options)


def _url_from_settings(host: str | None, settings: Mapping[str, Any]) -> URL | None:
    location = {key: settings[key] for key in LOCATION_KEYS if settings.get(key) is not None}
    if host and "://" in host:
        if location:
            raise TrackerStoreConfigError(
                f"tracker_store in endpoints.yml: `url` is a whole URL, so "
                f"{', '.join(sorted(location))} must go inside it, not beside it."
            )
        return make_url(host)
    if "dialect" in location or (not host and "db" in location):
        return URL.create(
            str(location.get("dialect", "sqlite")),
            username=location.get("username"),
            password=location.get("password"),
            host=host or None,
            port=int(location["port"]) if "port" in location else None,
            database=str(location.get("db", "rasa.db")),
            query=dict(location.get("query") or {}),
        )
    if host:
        password = location.get("password")
        return URL.create(
            "rediss" if _truthy(location.get("use_ssl")) else "redis",
            # `redis://:password@host` reads back with an empty user name: the same here.
            username=location.get("username", "" if password else None),
            password=password,
            host=host,
            port=int(location.get("port", 6379)),
            database=str(location.get("db", 0)),
        )
    if location:
        raise TrackerStoreConfigError(
            f"tracker_store in endpoints.yml: {', '.join(sorted(location))} given without "
            f"`url` (the server's host) or `dialect`: say where the store is."
        )
    return None


def _warn_on_disagreement(url: URL, explicit: bool, environ: Mapping[str, str]) -> None:
    variable = environ.get(TRACKER_STORE_URL_VARIABLE)
    if explicit and variable and make_url(variable) != url:
        logger.warning(
            "tracker store: endpoints.yml says %s but %s says %s; endpoints.yml wins",
            url.render_as_string(hide_password=True),
            TRACKER_STORE_URL_VARIABLE,
            make_url(variable).render_as_string(hide_password=True),
        )


def _truthy(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def _is_redis(url: URL) -> bool:
    return url.get_backend_name() in ("redis", "rediss")


def _is_sql(url: URL) -> bool:
    return not _is_redis(url) and url.get_backend_name() != "memory"
