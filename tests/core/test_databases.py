"""One engine set-up for every store: SQLite files overwrite what they delete."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlalchemy as sa

from core.databases import create_engine, create_tables, secure_sqlite_engine

SECRET = "FR7630006000011234567890189"


def test_when_vigie_opens_sqlite_then_secure_delete_is_on(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'a.db'}")
    with engine.connect() as connection:
        assert connection.execute(sa.text("PRAGMA secure_delete")).scalar() == 1


def insecure_connection(path: Path) -> sqlite3.Connection:
    """A connection as a SQLite built without SQLITE_SECURE_DELETE opens it (Debian's has it)."""
    connection = sqlite3.connect(path, check_same_thread=False)
    connection.execute("PRAGMA secure_delete=OFF")
    return connection


def write_then_delete(engine: sa.engine.Engine) -> None:
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE t (k INT, v TEXT)"))
        connection.execute(sa.text("INSERT INTO t VALUES (1, :v), (2, 'kept')"), {"v": SECRET})
    with engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM t WHERE k = 1"))
    engine.dispose()


def test_when_sqlite_does_not_overwrite_by_default_then_deleted_bytes_would_remain(tmp_path):
    path = tmp_path / "plain.db"
    write_then_delete(sa.create_engine("sqlite://", creator=lambda: insecure_connection(path)))

    assert SECRET.encode() in path.read_bytes()  # what the setting is for


def test_when_an_engine_made_elsewhere_is_secured_then_deleted_rows_leave_no_bytes(tmp_path):
    path = tmp_path / "secured.db"
    engine = sa.create_engine("sqlite://", creator=lambda: insecure_connection(path))
    write_then_delete(secure_sqlite_engine(engine))

    assert SECRET.encode() not in path.read_bytes()


def test_when_many_processes_create_the_same_tables_at_once_then_none_fails(tmp_path):
    """Instances starting together race between create_all's check and its CREATE."""
    import threading

    url = f"sqlite:///{tmp_path / 'shared.db'}"
    metadata = sa.MetaData()
    for name in ("first", "second", "third"):
        sa.Table(name, metadata, sa.Column("id", sa.Integer, primary_key=True))
    starting_line = threading.Barrier(8)
    errors: list[BaseException] = []

    def start_an_instance() -> None:
        engine = create_engine(url)
        starting_line.wait()
        try:
            create_tables(metadata, engine)
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    instances = [threading.Thread(target=start_an_instance) for _ in range(8)]
    for instance in instances:
        instance.start()
    for instance in instances:
        instance.join()

    assert errors == []
    assert set(sa.inspect(create_engine(url)).get_table_names()) == {"first", "second", "third"}
