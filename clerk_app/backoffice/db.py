"""The back office's database engine: SQLite (embedded default) or PostgreSQL (production).

SQLite connections get WAL, `synchronous=FULL`, foreign keys and a busy timeout, and write
transactions begin with BEGIN IMMEDIATE, so read-check-write runs under the one write lock.
PostgreSQL runs at READ COMMITTED; the few places that need ordering take explicit locks
(`lock_keys`, row locks) rather than relying on a stronger isolation level.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import ConnectionPoolEntry

BUSY_TIMEOUT_MS = 10_000
_BEGIN_OPTION = "clerk_begin"


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


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    parsed = normalised_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    return sa.create_engine(
        parsed, json_serializer=_json_dumps, pool_size=pool_size, max_overflow=pool_size * 2,
        pool_pre_ping=True, pool_timeout=10,
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
    with engine.connect() as connection:
        if not is_postgresql(connection):
            connection.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})
        with connection.begin():
            yield connection


def lock_keys(connection: Connection, keys: Iterable[str]) -> None:
    """Transaction-level advisory locks on PostgreSQL, taken in sorted order (no deadlocks).

    SQLite needs none: its writers are serialised by BEGIN IMMEDIATE.
    """
    if not is_postgresql(connection):
        return
    for key in sorted(set(keys)):
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock_number(key)})


def lock_number(key: str) -> int:
    """A signed 64-bit advisory-lock number for a text key."""
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big", signed=True)


def _sqlite_engine(url: URL) -> Engine:
    database = url.database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(
        url, json_serializer=_json_dumps, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        pool_size=8, max_overflow=16,
    )
    event.listen(engine, "connect", _sqlite_settings)
    event.listen(engine, "begin", _sqlite_begin)
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
