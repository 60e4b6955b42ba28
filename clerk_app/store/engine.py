"""The one place where the workstation's database engine is made and opened.

Every connection gets the same SQLite settings: write-ahead log, `synchronous=FULL` (a commit
has reached the disk when it returns, so a receipt is printed only for a case that survives a
power cut), foreign keys, and a busy timeout so two processes on one file wait for each other
instead of failing. SQLAlchemy, not the sqlite3 module, begins transactions: reads start with a
plain BEGIN, writes with BEGIN IMMEDIATE so that read-check-write runs under the write lock.

`open_database()` also migrates the file to the newest schema. Given the data folder's key
(`clerk_app.store.keys`), the file is encrypted at rest with SQLCipher: the same settings on a
keyed `sqlcipher3` connection (`clerk_app.store.cipher`), and a plain file from an earlier release
is encrypted in place first. A key that does not open the file is a `WrongKeyError`, raised before
anything is written; without a key an encrypted file is "not a database".
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import ConnectionPoolEntry

from clerk_app.config.paths import data_dir
from clerk_app.store import migrations
from clerk_app.store.errors import (
    CannotCreateDatabaseError,
    NewerDatabaseError,
    NotADatabaseError,
    StoreError,
    database_errors,
)
from clerk_app.store.keys import DataKey

DATABASE_FILE = "store.sqlite3"
DEFAULT_BUSY_TIMEOUT_MS = 5000
Synchronous = Literal["FULL", "NORMAL"]
_BEGIN_OPTION = "clerk_begin"
_KEY_SOURCES: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def default_database_path() -> Path:
    return data_dir() / DATABASE_FILE


def make_engine(
    target: Path | str,
    *,
    key: DataKey | None = None,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    synchronous: Synchronous = "FULL",
) -> Engine:
    """An engine for a database file path or an sqlite URL, without migrating it.

    With `key`, connections are SQLCipher connections keyed with it (the file is not converted
    here: `open_database` does that). `synchronous="NORMAL"` exists for the benchmark's
    comparison; the workstation uses FULL.
    """
    url = _url(target)
    _ensure_folder(url)
    if key is None:
        engine = sa.create_engine(url, json_serializer=_json_dumps)
    else:
        import sqlcipher3

        from clerk_app.store.cipher import connector

        if not _file_database(url):
            raise StoreError("store.url", url=url.render_as_string(hide_password=True))
        creator = connector(str(url.database), key)
        engine = sa.create_engine(url, module=sqlcipher3, creator=creator, json_serializer=_json_dumps)
        _KEY_SOURCES[engine] = key.source
    event.listen(engine, "connect", _connection_settings(busy_timeout_ms, synchronous))
    event.listen(engine, "begin", _begin)
    return engine


def open_database(
    target: Path | str | None = None,
    *,
    key: DataKey | None = None,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    synchronous: Synchronous = "FULL",
) -> Engine:
    """The engine of a store migrated to the newest schema (raises the store's typed errors).

    With `key` the file is encrypted: a plain one is converted in place first, and one the key
    does not open raises WrongKeyError before anything is written.
    """
    path = default_database_path() if target is None else target
    if key is not None:
        _encrypt_plain_file(_url(path), key)
    engine = make_engine(path, key=key, busy_timeout_ms=busy_timeout_ms, synchronous=synchronous)
    try:
        migrate(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def encrypted(engine: Engine) -> bool:
    """Whether the engine's connections are SQLCipher connections (the file is encrypted)."""
    return engine in _KEY_SOURCES


def _encrypt_plain_file(url: URL, key: DataKey) -> None:
    from clerk_app.store.cipher import check_key, encrypt_in_place, file_state, recover

    if not _file_database(url):
        return
    path = Path(str(url.database))
    with database_errors(str(path), key.source):
        recover(path)
        state = file_state(path)
        if state == "plain":
            encrypt_in_place(path, key)
        elif state == "encrypted":
            check_key(str(path), key)


def migrate(engine: Engine) -> None:
    """Bring the file to the newest schema; nothing is written when it is there already."""
    with read(engine) as connection:
        current = _checked_revision(connection, database_label(engine))
    if current == migrations.head_revision():
        return
    with write(engine) as connection:
        _checked_revision(connection, database_label(engine))
        migrations.upgrade(connection)


def database_label(engine: Engine) -> str:
    """How error messages name the database: its file path."""
    return engine.url.database or str(engine.url)


@contextmanager
def read(engine: Engine) -> Iterator[Connection]:
    """A connection in a read transaction: one consistent snapshot of the file."""
    with database_errors(database_label(engine), _KEY_SOURCES.get(engine)), engine.connect() as connection, \
            connection.begin():
        yield connection


@contextmanager
def write(engine: Engine) -> Iterator[Connection]:
    """A connection in a write transaction, committed (and on disk) when the block ends."""
    with database_errors(database_label(engine), _KEY_SOURCES.get(engine)), engine.connect() as connection:
        connection.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})
        with connection.begin():
            yield connection


def _url(target: Path | str) -> URL:
    if isinstance(target, str) and "://" in target:
        url = make_url(target)
        if url.get_backend_name() != "sqlite":
            raise StoreError("store.url", url=url.render_as_string(hide_password=True))
        return url
    return URL.create("sqlite", database=str(Path(target).expanduser().absolute()))


def _file_database(url: URL) -> bool:
    database = url.database
    return bool(database) and database != ":memory:" and not str(database).startswith("file:")


def _ensure_folder(url: URL) -> None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    try:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CannotCreateDatabaseError("store.cannot_create", path=database, reason=error.strerror) from error


def _json_dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _connection_settings(busy_timeout_ms: int, synchronous: Synchronous) -> Any:
    def apply(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (see _begin)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute(f"PRAGMA synchronous = {synchronous}")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    return apply


def _begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def _checked_revision(connection: Connection, path: str) -> str | None:
    """The file's schema revision, after making sure this release can work with it."""
    current = migrations.current_revision(connection)
    if current is None:
        if _user_tables(connection):
            raise NotADatabaseError("store.foreign", path=path)
        return None
    if current != migrations.HEAD_REVISION and current not in migrations.known_revisions():
        raise NewerDatabaseError("store.newer", path=path, revision=current)
    return current


def _user_tables(connection: Connection) -> list[str]:
    rows = connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return [row[0] for row in rows]
