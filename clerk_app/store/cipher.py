"""SQLCipher for the local store: keyed connections, and a plain file encrypted in place.

Connections come from `sqlcipher3` (SQLite with SQLCipher 4 built in) keyed with the raw 256-bit
key (`PRAGMA key = "x'…'"`, no passphrase derivation on each connect) before anything else runs;
the pages of the file and of its WAL are encrypted and authenticated (HMAC-SHA512 per page).

`encrypt_in_place` turns an existing plain database into an encrypted one: checkpoint the WAL into
the file, `sqlcipher_export` into a new file beside it under the write lock, fsync, atomic rename
over the plain file, then overwrite the plain bytes (`wipe.replace_wiping`). A crash before the
rename leaves the plain file as it was; one after it leaves the encrypted file in place.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from clerk_app.store.errors import DatabaseLockedError, StoreError, WrongKeyError, is_driver_error
from clerk_app.store.keys import SQLITE_MAGIC, DataKey
from clerk_app.store.wipe import recover_wiping, replace_wiping, wipe

ENCRYPTING_SUFFIX = ".encrypting"


def key_pragma(key: DataKey) -> str:
    return f"PRAGMA key = \"x'{key.database_key.hex()}'\""


def connector(database: str, key: DataKey) -> Callable[[], Any]:
    """A DBAPI `creator` for SQLAlchemy: a sqlcipher3 connection keyed before first use."""
    import sqlcipher3

    pragma = key_pragma(key)

    def connect() -> Any:
        connection = sqlcipher3.connect(database, check_same_thread=False)
        try:
            connection.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our error, not a log line
            connection.execute(pragma)
        except BaseException:
            connection.close()
            raise
        return connection

    return connect


def file_state(path: Path) -> str:
    """"absent" (missing or empty), "plain" (an SQLite file) or "encrypted" (anything else)."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        return "absent"
    if not head:
        return "absent"
    return "plain" if head == SQLITE_MAGIC else "encrypted"


def recover(path: Path) -> None:
    """Clean up after an encryption interrupted by a crash (the plain file is still the database)."""
    with contextlib.suppress(FileNotFoundError):
        wipe(path.with_name(path.name + ENCRYPTING_SUFFIX))
    recover_wiping(path)


def encrypt_in_place(path: Path, key: DataKey) -> None:
    """Encrypt the plain database `path` with `key`; the plain bytes are overwritten afterwards."""
    target = path.with_name(path.name + ENCRYPTING_SUFFIX)
    wipe(target)
    label = str(path)
    try:
        _fold_wal(path)
        _export(path, target, key)
        _fsync(target)
    except BaseException as error:
        wipe(target)
        if isinstance(error, DatabaseLockedError):
            raise
        if isinstance(error, OSError) or is_driver_error(error):
            name = getattr(error, "sqlite_errorname", "") or ""
            if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
                raise DatabaseLockedError("store.locked", path=label) from None
            reason = getattr(error, "strerror", None) or str(error)
            raise StoreError("store.encrypt_failed", path=label, reason=reason) from None
        raise
    for suffix in ("-wal", "-shm", "-journal"):  # folded into the file above; never replayed onto the new one
        wipe(path.with_name(path.name + suffix))
    replace_wiping(target, path)


def check_key(database: str, key: DataKey) -> None:
    """Raise WrongKeyError unless `key` opens the encrypted file (reads page 1; writes nothing)."""
    connection = connector(database, key)()
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except Exception as error:
        if getattr(error, "sqlite_errorname", "") == "SQLITE_NOTADB":
            raise WrongKeyError("store.wrong_key", path=database, source=key.source) from None
        raise
    finally:
        connection.close()


def _fold_wal(path: Path) -> None:
    """Checkpoint the plain file's WAL into it (fails while another program reads or writes it)."""
    connection = sqlite3.connect(path, timeout=5, isolation_level=None)
    try:
        busy, _frames, _done = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            raise DatabaseLockedError("store.locked", path=str(path))
    finally:
        connection.close()


def _export(path: Path, target: Path, key: DataKey) -> None:
    import sqlcipher3

    connection = sqlcipher3.connect(str(path), isolation_level=None, timeout=5)
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        connection.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(target), f"x'{key.database_key.hex()}'"))
        connection.execute("BEGIN IMMEDIATE")  # no other writer between the copy and the rename
        connection.execute("SELECT sqlcipher_export('encrypted')")
        connection.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        connection.execute("COMMIT")
        connection.execute("DETACH DATABASE encrypted")
    finally:
        connection.close()


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
