"""Retention: closed cases the back office holds are removed from the workstation after a while.

A case is removed only when it is closed at the window (handed out, one-time notice, refused),
every revision of it was confirmed by the back office (sync state `synced`, no pending outbox
row), and it was last changed before the cut-off. Its rows go (document, transitions, outbox
payloads), then its scans that no remaining case lists, then the file is rewritten: with
`secure_delete` the freed pages are zeroed, `VACUUM` rebuilds the file and the WAL is truncated,
so the removed data is not left readable on disk. Each purge is one audit entry with its counts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, delete, select

from clerk_app.store.audit import AuditLog
from clerk_app.store.engine import write
from clerk_app.store.schema import CaseDocumentRow, CaseRow, OutboxRow, OutboxState, SyncState, TransitionRow

CASES, DOCUMENTS = CaseRow.__table__, CaseDocumentRow.__table__
TRANSITIONS, OUTBOX = TransitionRow.__table__, OutboxRow.__table__
CLOSED_STATES = ("handed_out", "notified", "refused")


@dataclass(frozen=True)
class PurgeReport:
    cases: int
    files: int
    bytes_before: int
    bytes_after: int


def purge(engine: Engine, files_dir: Path, before: datetime, *, actor: str = "retention",
          clock: Callable[[], datetime] | None = None) -> PurgeReport:
    """Remove closed, confirmed cases last changed before `before`, and their unshared scans."""
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
    removed = sum(_remove(files_dir / f"{digest}.pdf") for digest in sorted(unshared))
    _compact(path)
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


def _remove(path: Path) -> int:
    try:
        path.unlink()
    except FileNotFoundError:
        return 0
    return 1


def _compact(path: Path) -> None:
    """VACUUM and truncate the WAL on a connection of its own (VACUUM cannot run in a transaction)."""
    if not path.name:
        return
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA secure_delete = ON")
        connection.execute("VACUUM")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists())
