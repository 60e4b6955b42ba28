"""The engine: SQLite settings really in effect, transactions that lock as intended, typed errors."""

from __future__ import annotations

import os
import sqlite3
import string
import threading
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, exc

from clerk_app.store.cases import CaseStore
from clerk_app.store.engine import default_database_path, make_engine, open_database, read, write
from clerk_app.store.errors import (
    MESSAGES,
    CannotCreateDatabaseError,
    DatabaseIOError,
    DatabaseLockedError,
    NewerDatabaseError,
    NotADatabaseError,
    StoreError,
)
from tests.store.sample import DAY, HALL, WINDOW, accepted


def _pragma(connection: Connection, name: str) -> object:
    return connection.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_every_connection_has_the_settings(engine: Engine) -> None:
    with engine.connect() as first, engine.connect() as second:  # two pooled connections at once
        for connection in (first, second):
            assert _pragma(connection, "journal_mode") == "wal"
            assert _pragma(connection, "synchronous") == 2  # FULL
            assert _pragma(connection, "foreign_keys") == 1
            assert _pragma(connection, "busy_timeout") == 5000


def test_the_file_itself_is_in_wal_mode(engine: Engine, db_path: Path) -> None:
    raw = sqlite3.connect(db_path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # persistent, seen by any reader
    finally:
        raw.close()


def test_synchronous_normal_only_when_asked(db_path: Path) -> None:
    engine = open_database(db_path, synchronous="NORMAL")
    with read(engine) as connection:
        assert _pragma(connection, "synchronous") == 1
    engine.dispose()


def test_write_transaction_holds_the_write_lock_from_its_start(engine: Engine, db_path: Path) -> None:
    raw = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        with write(engine), pytest.raises(sqlite3.OperationalError, match="locked"):  # BEGIN IMMEDIATE, no write yet
            raw.execute("BEGIN IMMEDIATE")
        raw.execute("BEGIN IMMEDIATE")  # released at commit
        raw.execute("ROLLBACK")
    finally:
        raw.close()


def test_read_transaction_does_not_block_writers(engine: Engine, db_path: Path) -> None:
    raw = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        with read(engine) as connection:
            connection.exec_driver_sql("SELECT count(*) FROM cases").scalar()
            raw.execute("BEGIN IMMEDIATE")
            raw.execute("ROLLBACK")
    finally:
        raw.close()


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    with pytest.raises(exc.IntegrityError), write(engine) as connection:
        connection.exec_driver_sql(
            "INSERT INTO case_transitions (case_id, seq, from_state, to_state, at, actor, note)"
            " VALUES ('nope', 1, 'draft', 'accepted', '2026-11-23T09:00:00', 'demo', '')"
        )


def test_garbage_file_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    path.write_bytes(b"this is a spreadsheet, honest\n" * 200)
    with pytest.raises(NotADatabaseError) as caught:
        open_database(path)
    assert caught.value.path == str(path)
    assert str(path) in caught.value.text("zh")
    assert str(path) in caught.value.text("en")


def test_damaged_database_is_reported(db_path: Path) -> None:
    open_database(db_path).dispose()
    data = bytearray(db_path.read_bytes())
    data[0:16] = b"not sqlite hdr!\0"  # the header that makes a file an SQLite database
    db_path.write_bytes(bytes(data))
    with pytest.raises(NotADatabaseError, match="not a database"):
        open_database(db_path)


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE cases (whatever TEXT)")
    raw.commit()
    raw.close()
    with pytest.raises(NotADatabaseError) as caught:
        open_database(path)
    assert caught.value.code == "store.foreign"
    assert str(path) in str(caught.value)


def test_database_from_a_newer_release_is_refused(db_path: Path) -> None:
    open_database(db_path).dispose()
    raw = sqlite3.connect(db_path)
    raw.execute("UPDATE alembic_version SET version_num = '0042'")
    raw.commit()
    raw.close()
    with pytest.raises(NewerDatabaseError) as caught:
        open_database(db_path)
    assert "0042" in caught.value.text("en") and str(db_path) in caught.value.text("en")


def test_locked_database_at_open(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    holder = sqlite3.connect(db_path, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("CREATE TABLE held (x)")
        with pytest.raises(DatabaseLockedError) as caught:
            open_database(db_path, busy_timeout_ms=100)
        assert str(db_path) in caught.value.text("zh")
    finally:
        holder.close()
    open_database(db_path).dispose()  # fine once the other program lets go


def test_locked_database_while_saving(engine: Engine, db_path: Path) -> None:
    impatient = make_engine(db_path, busy_timeout_ms=100)
    store = CaseStore(impatient)
    holder = sqlite3.connect(db_path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(DatabaseLockedError):
            store.save(accepted("BT01-W07-20261123-0001"))
        with pytest.raises(DatabaseLockedError):
            store.allocate_number(HALL, WINDOW, DAY)
    finally:
        holder.close()
        impatient.dispose()


def test_open_at_head_needs_no_write_lock(engine: Engine, db_path: Path) -> None:
    holder = sqlite3.connect(db_path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        open_database(db_path, busy_timeout_ms=100).dispose()
    finally:
        holder.close()


def test_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "store.sqlite3"
    open_database(path).dispose()
    assert path.is_file()


def test_cannot_create_below_a_file(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("a file, not a folder")
    path = tmp_path / "blocker" / "store.sqlite3"
    with pytest.raises(CannotCreateDatabaseError) as caught:
        open_database(path)
    assert str(path) in caught.value.text("en")


def test_cannot_open_a_folder(tmp_path: Path) -> None:
    with pytest.raises(CannotCreateDatabaseError) as caught:
        open_database(tmp_path)
    assert str(tmp_path) in caught.value.text("zh")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_cannot_create_in_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(CannotCreateDatabaseError):
            open_database(folder / "store.sqlite3")
    finally:
        folder.chmod(0o700)


def test_sqlite_url_is_accepted(db_path: Path) -> None:
    engine = open_database(f"sqlite:///{db_path}")
    with read(engine) as connection:
        assert _pragma(connection, "journal_mode") == "wal"
    engine.dispose()


def test_other_databases_are_refused() -> None:
    with pytest.raises(StoreError) as caught:
        make_engine("postgresql://clerk:secret@localhost/hall")
    assert "secret" not in str(caught.value)


def test_default_location_is_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLERK_APP_DATA", str(tmp_path / "clerk data"))
    assert default_database_path() == tmp_path / "clerk data" / "store.sqlite3"
    open_database().dispose()
    assert default_database_path().is_file()


def test_usable_from_a_worker_thread(engine: Engine) -> None:
    store = CaseStore(engine)
    store.allocate_number(HALL, WINDOW, DAY)  # the pool now holds a connection made in this thread
    results: list[str] = []
    worker = threading.Thread(target=lambda: results.append(store.allocate_number(HALL, WINDOW, DAY)))
    worker.start()
    worker.join()
    assert results == ["BT01-W07-20261123-0002"]


def test_every_message_has_both_languages_with_the_same_fields() -> None:
    fields = string.Formatter()
    for code, (zh, en) in MESSAGES.items():
        names_zh = {name for _, name, _, _ in fields.parse(zh) if name}
        names_en = {name for _, name, _, _ in fields.parse(en) if name}
        assert names_zh == names_en, code


def test_full_disk_while_saving_is_a_typed_error(engine: Engine, db_path: Path) -> None:
    store = CaseStore(engine)
    with engine.connect() as connection:  # the pool's only connection: the one the store uses next
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar_one()
        connection.exec_driver_sql(f"PRAGMA max_page_count = {pages}")  # SQLite's own "disk full"
    case = accepted("BT01-W07-20261123-0001", answers={"说明": "很长的说明" * 5000})
    with pytest.raises(DatabaseIOError) as caught:
        store.save(case)
    assert str(db_path) in caught.value.text("en") and "full" in caught.value.text("en")
    assert store.get(case.id) is None
