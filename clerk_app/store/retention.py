"""Retention: closed cases the back office holds are removed from the workstation after a while.

A case is removed only when it is closed at the window (handed out, one-time notice, refused),
every revision of it was confirmed by the back office (sync state `synced`, no pending outbox
row), and it was last changed before the cut-off. Its rows go (document, transitions, outbox
payloads), then its scans that no remaining case lists (through the folder's `FileVault`), then
the file is rewritten: with `secure_delete` the freed pages are zeroed, `VACUUM` rebuilds the file
and the WAL is truncated, so the removed data is not left readable on disk (an encrypted database
is vacuumed on its own keyed connection). Each purge is one audit entry with its counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, delete, select

from clerk_app.store.audit import AuditLog
from clerk_app.store.engine import database_label, write
from clerk_app.store.errors import database_errors
from clerk_app.store.schema import CaseDocumentRow, CaseRow, OutboxRow, OutboxState, SyncState, TransitionRow
from clerk_app.store.vault import FileVault

CASES, DOCUMENTS = CaseRow.__table__, CaseDocumentRow.__table__
TRANSITIONS, OUTBOX = TransitionRow.__table__, OutboxRow.__table__
CLOSED_STATES = ("handed_out", "notified", "refused")
_DIGEST = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class PurgeReport:
    cases: int
    files: int
    bytes_before: int
    bytes_after: int


def purge(engine: Engine, files: FileVault | Path, before: datetime, *, actor: str = "retention",
          clock: Callable[[], datetime] | None = None) -> PurgeReport:
    """Remove closed, confirmed cases last changed before `before`, and their unshared scans.

    `files` is the folder's vault (a bare folder path means plain files).
    """
    vault = files if isinstance(files, FileVault) else FileVault(files, None)
    path = Path(engine.url.database or "")
    size_before = _size(path)
    with write(engine) as connection:
        connection.exec_driver_sql("PRAGMA secure_delete = ON")
        doomed = _closed_and_confirmed(connection, before)
        scans = _scans(connection, doomed)
        for table, column in ((OUTBOX, OUTBOX.c.case_id), (TRANSITIONS, TRANSITIONS.c.case_id),
                              (DOCUMENTS, DOCUMENTS.c.case_id), (CASES, CASES.c.id)):
            for chunk in _chunks(doomed):
                connection.execute(delete(table).where(column.in_(chunk)))
        unshared = scans - _scans(connection, None)
        AuditLog(engine, clock).append_in(connection, actor, "purge", f"before {before.date().isoformat()}",
                                          {"cases": len(doomed), "files": len(unshared)})
    removed = sum(vault.delete(digest) for digest in sorted(unshared) if _DIGEST.fullmatch(digest))
    _compact(engine)
    return PurgeReport(len(doomed), removed, size_before, _size(path))


def _closed_and_confirmed(connection: Connection, before: datetime) -> list[str]:
    pending = select(OUTBOX.c.case_id).where(OUTBOX.c.state != OutboxState.SENT.value)
    query = (select(CASES.c.id).where(CASES.c.state.in_(CLOSED_STATES))
             .where(CASES.c.sync_state == SyncState.SYNCED.value)
             .where(CASES.c.updated_at < before)
             .where(CASES.c.id.not_in(pending)))
    return list(connection.execute(query).scalars())


def _scans(connection: Connection, case_ids: list[str] | None) -> set[str]:
    """The sha256 of every scan the given cases (None: all cases) list."""
    query = select(DOCUMENTS.c.data)
    digests: set[str] = set()
    chunks = _chunks(case_ids) if case_ids is not None else [None]
    for chunk in chunks:
        rows = connection.execute(query if chunk is None else query.where(DOCUMENTS.c.case_id.in_(chunk)))
        for (data,) in rows:
            digests.update(_listed(data))
    return digests


def _listed(data: Any) -> set[str]:
    materials = data.get("materials") if isinstance(data, dict) else None
    return {str(d) for m in materials or [] for d in (m.get("scans") or [])}


def _chunks(items: list[str], size: int = 500) -> list[list[str]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _compact(engine: Engine) -> None:
    """VACUUM and truncate the WAL outside any transaction (VACUUM cannot run in one).

    The engine's own driver connection is used, so an encrypted file is vacuumed with its key.
    """
    if not engine.url.database or engine.url.database == ":memory:":
        return
    with database_errors(database_label(engine)):
        connection = engine.raw_connection()
        try:
            cursor = connection.cursor()
            try:
                cursor.execute("PRAGMA secure_delete = ON")
                cursor.execute("VACUUM")
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                cursor.close()
        finally:
            connection.close()


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists())
