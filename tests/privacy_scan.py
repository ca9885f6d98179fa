"""Look for sensitive numbers in the raw bytes a store keeps: files, PostgreSQL pages, Redis.

A redacted store shows placeholders; a leaky one shows the number in some spelling. The scan
looks for the number as sent, without separators, with dashes, and for every run of
`WINDOW` consecutive characters of its compact form, so a number cut, re-spaced or partly
masked is still caught. Everything is compared in lower case.

Each scan returns a `Scan`: what was read (places, bytes) and the hits (place, fragment), so a
test can both assert that nothing was found and report how much it looked at.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

#: Length of the fragments of a compact number looked for: long enough that no timestamp or
#: float stored by Rasa matches one by chance (10^-12 per position), short enough to catch a
#: number of which a few characters were masked.
WINDOW = 12


def fragments(number: str) -> set[bytes]:
    """Every spelling of `number` a leak could take, lower-cased bytes."""
    compact = "".join(number.split()).lower()
    spellings = {number.lower(), compact, "-".join(number.lower().split())}
    spellings |= {compact[i : i + WINDOW] for i in range(len(compact) - WINDOW + 1)}
    return {spelling.encode() for spelling in spellings if spelling}


@dataclass
class Scan:
    """What a scan read and what it found."""

    places: int = 0
    bytes_read: int = 0
    hits: list[tuple[str, str]] = field(default_factory=list)

    def read(self, place: str, data: bytes, numbers: Iterable[str]) -> None:
        """Scan one place's bytes for every fragment of every number."""
        self.places += 1
        self.bytes_read += len(data)
        lowered = data.lower()
        for number in numbers:
            for fragment in fragments(number):
                if fragment in lowered:
                    self.hits.append((place, fragment.decode()))

    def __add__(self, other: Scan) -> Scan:
        return Scan(
            self.places + other.places, self.bytes_read + other.bytes_read, self.hits + other.hits
        )


def scan_folder(folder: Path, numbers: Iterable[str]) -> Scan:
    """Every file under `folder` (databases, their WAL and journal files, logs), byte for byte."""
    numbers = list(numbers)
    scan = Scan()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            scan.read(str(path.relative_to(folder)), path.read_bytes(), numbers)
    return scan


def postgres_pages(url: str, schema: str) -> dict[str, bytes]:
    """The raw 8 kB pages of every table, index and TOAST relation of `schema`, by relation.

    Read with the `pageinspect` extension (`get_raw_page`), through the shared buffers, so
    dead tuples and pages not yet written to disk are included. Needs a superuser.
    """
    import sqlalchemy as sa

    relations_query = sa.text(
        """
        WITH own AS (
            SELECT oid, reltoastrelid FROM pg_class
            WHERE relnamespace = CAST(:schema AS regnamespace) AND relkind IN ('r', 'i', 't')
        ), toast AS (
            SELECT reltoastrelid AS oid FROM own WHERE reltoastrelid <> 0
        ), toast_indexes AS (
            SELECT indexrelid AS oid FROM pg_index WHERE indrelid IN (SELECT oid FROM toast)
        ), everything AS (
            SELECT oid FROM own UNION SELECT oid FROM toast UNION SELECT oid FROM toast_indexes
        )
        SELECT CAST(CAST(oid AS regclass) AS text) AS name,
               pg_relation_size(oid) / current_setting('block_size')::int AS blocks
        FROM everything
        """
    )
    engine = sa.create_engine(url)
    pages: dict[str, bytes] = {}
    try:
        with engine.begin() as connection:
            connection.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pageinspect"))
        with engine.connect() as connection:
            for name, blocks in connection.execute(relations_query, {"schema": schema}).all():
                pages[name] = b"".join(
                    connection.execute(
                        sa.text("SELECT get_raw_page(:name, :block)"),
                        {"name": name, "block": block},
                    ).scalar_one()
                    for block in range(int(blocks))
                )
    finally:
        engine.dispose()
    return pages


def scan_postgres(url: str, schema: str, numbers: Iterable[str]) -> Scan:
    numbers = list(numbers)
    scan = Scan()
    for name, data in postgres_pages(url, schema).items():
        scan.read(f"postgresql:{name}", data, numbers)
    return scan


def redis_values(url: str) -> dict[str, bytes]:
    """Every key of the Redis database of `url` with all of its value's bytes, whatever its type.

    Read type by type (`DUMP` would hide text behind LZF compression).
    """
    import redis

    client = redis.Redis.from_url(url)
    readers = {
        b"string": lambda key: [client.get(key) or b""],
        b"hash": lambda key: [part for item in client.hgetall(key).items() for part in item],
        b"set": lambda key: list(client.smembers(key)),
        b"zset": lambda key: client.zrange(key, 0, -1),
        b"list": lambda key: client.lrange(key, 0, -1),
        b"stream": lambda key: [repr(entry).encode() for entry in client.xrange(key)],
    }
    try:
        values = {}
        for key in client.scan_iter(count=500):
            reader = readers.get(client.type(key))
            parts = reader(key) if reader else []
            values[key.decode(errors="replace")] = b"\n".join([key, *parts])
        return values
    finally:
        client.close()


def scan_redis(url: str, numbers: Iterable[str]) -> Scan:
    numbers = list(numbers)
    scan = Scan()
    for key, data in redis_values(url).items():
        scan.read(f"redis:{key}", data, numbers)
    return scan
