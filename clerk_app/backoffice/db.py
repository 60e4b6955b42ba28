"""The back office's database engine: SQLite (embedded default) or PostgreSQL (production).

SQLite connections get WAL, `synchronous=FULL`, foreign keys and a busy timeout, and write
transactions begin with BEGIN IMMEDIATE, so read-check-write runs under the one write lock. Within
one process the writers also queue on a Python lock first: SQLite's busy handler waits by sleeping
(up to 100 ms a turn), a lock hands over at once; the busy timeout still covers other processes.
PostgreSQL runs at READ COMMITTED; the few places that need ordering take explicit locks
(`lock_keys`, row locks) rather than relying on a stronger isolation level.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import ConnectionPoolEntry

if TYPE_CHECKING:
    from clerk_app.store.keys import DataKey

BUSY_TIMEOUT_MS = 10_000
_BEGIN_OPTION = "clerk_begin"
# What each open write transaction left to settle before its commit (see `pending`).
_pending: weakref.WeakKeyDictionary[Connection, dict[str, tuple[Any, Callable[[Connection, Any], None]]]] = (
    weakref.WeakKeyDictionary())
T = TypeVar("T")
_sqlite_writers: weakref.WeakKeyDictionary[Engine, threading.Lock] = weakref.WeakKeyDictionary()


class UnsupportedDatabaseError(ValueError):
    """A database URL that is neither sqlite nor postgresql."""


def normalised_url(url: str) -> URL:
    """The URL with the driver this package uses (psycopg 3 for PostgreSQL)."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return parsed
    if backend in {"postgresql", "postgres"}:
        return parsed.set(drivername="postgresql+psycopg")
    raise UnsupportedDatabaseError(f"unsupported database {backend!r}: use sqlite:/// or postgresql://")


def make_engine(url: str, *, pool_size: int = 10, key: DataKey | None = None) -> Engine:
    """An engine for `url`; on SQLite with `key`, SQLCipher connections keyed with it.

    Without `key`, an SQLite file with `at-rest.json` beside it (an encrypted embedded back office)
    is opened with the key derived from its workstation's (`at_rest.key_for_tools`), so the
    commands reading it directly work as before; it raises `at_rest.DataKeyError` when that fails.
    """
    parsed = normalised_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, key if key is not None else _tools_key(parsed))
    return sa.create_engine(
        parsed, json_serializer=_json_dumps, pool_size=pool_size, max_overflow=pool_size * 2,
        pool_pre_ping=True, pool_timeout=10, hide_parameters=True,  # no case data in error messages and logs
    )


def is_postgresql(engine_or_connection: Engine | Connection) -> bool:
    return engine_or_connection.dialect.name == "postgresql"


def dialect_label(engine: Engine) -> str:
    return "postgresql" if is_postgresql(engine) else "sqlite"


@contextmanager
def read(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as connection, connection.begin():
        yield connection


@contextmanager
def write(engine: Engine) -> Iterator[Connection]:
    """A write transaction, committed when the block ends (BEGIN IMMEDIATE on SQLite)."""
    writers = _sqlite_writers.get(engine)
    if writers is None:
        with engine.connect() as connection, connection.begin():
            yield from _settled(connection)
        return
    with writers, engine.connect() as connection:
        connection.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})
        with connection.begin():
            yield from _settled(connection)


def _settled(connection: Connection) -> Iterator[Connection]:
    """Yield the connection; then settle what the transaction left pending (see `pending`)."""
    _pending[connection] = {}
    try:
        yield connection
        for value, settle in _pending[connection].values():
            settle(connection, value)
    finally:
        _pending.pop(connection, None)


def pending(connection: Connection, key: str, factory: Callable[[], T], settle: Callable[[Connection, T], None]) -> T:
    """An object living as long as this write transaction, `settle`d just before it commits.

    Writers gather what they change of a shared row (the queue's counters) here and write it once,
    last, in a fixed order: a hot row is then locked only for the commit, and never before
    another lock is taken, so transactions cannot deadlock on them. Discarded on rollback.
    """
    held = _pending.setdefault(connection, {})
    if key not in held:
        held[key] = (factory(), settle)
    return held[key][0]


def lock_keys(connection: Connection, keys: Iterable[str]) -> None:
    """Transaction-level advisory locks on PostgreSQL, taken in sorted order (no deadlocks).

    SQLite needs none: its writers are serialised by BEGIN IMMEDIATE.
    """
    if not is_postgresql(connection):
        return
    numbers = [lock_number(key) for key in sorted(set(keys))]
    if len(numbers) == 1:
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": numbers[0]})
    elif numbers:  # one round trip, the locks taken in the list's order
        connection.execute(_LOCK_MANY, {"keys": numbers})


_LOCK_MANY = sa.text(
    "SELECT pg_advisory_xact_lock(k) FROM (SELECT k FROM unnest(CAST(:keys AS bigint[])) WITH ORDINALITY AS u(k, i)"
    " ORDER BY i OFFSET 0) AS ordered"
)


def lock_number(key: str) -> int:
    """A signed 64-bit advisory-lock number for a text key."""
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big", signed=True)


def _tools_key(url: URL) -> DataKey | None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    path = Path(database).expanduser().absolute()
    if not (path.parent / "at-rest.json").exists():
        return None
    from clerk_app.backoffice.at_rest import key_for_tools

    return key_for_tools(path)


def _sqlite_engine(url: URL, key: DataKey | None = None) -> Engine:
    database = url.database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    if key is None:
        engine = sa.create_engine(
            url, json_serializer=_json_dumps,
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
            pool_size=8, max_overflow=16, hide_parameters=True,
        )
    else:  # SQLCipher (clerk_app.backoffice.at_rest): the database file and its WAL encrypted
        import sqlcipher3

        from clerk_app.store.cipher import connector

        if not database or database == ":memory:" or database.startswith("file:"):
            raise UnsupportedDatabaseError("an encrypted back-office database is an SQLite file (sqlite:///PATH)")
        creator = connector(str(Path(database).expanduser().absolute()), key)
        engine = sa.create_engine(url, module=sqlcipher3, creator=creator, json_serializer=_json_dumps,
                                  pool_size=8, max_overflow=16, hide_parameters=True)
    event.listen(engine, "connect", _sqlite_settings)
    event.listen(engine, "begin", _sqlite_begin)
    _sqlite_writers[engine] = threading.Lock()
    return engine


def _sqlite_settings(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (see _sqlite_begin)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def _json_dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def dialect_insert(connection: Connection, table: sa.Table) -> Any:
    """INSERT with the dialect's ON CONFLICT clauses (PostgreSQL and SQLite spell them alike)."""
    if is_postgresql(connection):
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def insert_rows(connection: Connection, table: sa.Table, rows: list[dict[str, Any]], *,
                tail: str = "") -> sa.CursorResult:
    """Insert many rows (dicts with the same keys) by one statement, whatever their number.

    On PostgreSQL the columns go as arrays (`INSERT … SELECT * FROM unnest(…)`): one statement
    text for any number of rows, parsed and planned once, where a multi-row VALUES grows with the
    rows and an executemany runs one statement per row. `tail` may add ON CONFLICT… or
    RETURNING… (PostgreSQL only). SQLite runs an executemany, which its driver does in C.
    """
    if not is_postgresql(connection):
        assert not tail, "tail is PostgreSQL SQL"
        return connection.execute(table.insert(), rows)
    columns = tuple(rows[0])
    arrays = {name: [row[name] for row in rows] for name in columns}
    return connection.execute(_unnest_insert(table, columns, tail), arrays)


@functools.cache
def _unnest_insert(table: sa.Table, columns: tuple[str, ...], tail: str) -> sa.TextClause:
    from sqlalchemy.dialects import postgresql

    dialect = postgresql.dialect()
    quote = dialect.identifier_preparer.quote
    arrays = ", ".join(f"CAST(:{name} AS {table.c[name].type.compile(dialect=dialect)}[])" for name in columns)
    names = ", ".join(quote(name) for name in columns)
    return sa.text(f"INSERT INTO {quote(table.name)} ({names}) SELECT * FROM unnest({arrays}) {tail}".rstrip())
