"""The workstation's audit trail in the local database: appended in the caller's transaction, verified whole.

`append_in` runs inside a write transaction (BEGIN IMMEDIATE), so two processes never chain onto
the same entry, and a decision and its audit entry commit together or not at all. The table is
only ever appended to; `verify` re-reads every entry and checks the chain (core.audit). When the
engine's folder seals its head (`audit_seal`, set up by `at_rest.open_folder`), each append is
sealed beside the database once its transaction has committed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, select

from clerk_app.core.audit import GENESIS, AuditEntry, ChainBreak, next_entry, verify_chain
from clerk_app.store.audit_seal import mark_appended
from clerk_app.store.engine import read, write
from clerk_app.store.schema import AuditRow

AUDIT = AuditRow.__table__
BATCH = 5000


class AuditLog:
    def __init__(self, engine: Engine, clock: Callable[[], datetime] | None = None) -> None:
        self.engine = engine
        self._clock = clock or (lambda: datetime.now().astimezone())

    def append(self, actor: str, action: str, subject: str, detail: Mapping[str, Any] | None = None) -> AuditEntry:
        with write(self.engine) as connection:
            return self.append_in(connection, actor, action, subject, detail)

    def append_in(self, connection: Connection, actor: str, action: str, subject: str,
                  detail: Mapping[str, Any] | None = None) -> AuditEntry:
        """Chain a new entry onto the last one, inside the caller's write transaction."""
        last = connection.execute(select(AUDIT).order_by(AUDIT.c.seq.desc()).limit(1)).first()
        entry = next_entry(_entry(last) if last else None, at=self._clock(), actor=actor, action=action,
                           subject=subject, detail=detail)
        connection.execute(insert(AUDIT).values(
            seq=entry.seq, at=entry.at, actor=entry.actor, action=entry.action, subject=entry.subject,
            detail=_json(entry.detail), prev_hash=entry.prev_hash, hash=entry.hash,
        ))
        mark_appended(connection, entry.seq, entry.hash)
        return entry

    def head(self) -> tuple[int, str]:
        """(seq, hash) of the last entry; (0, 64 zeros) when there is none."""
        with read(self.engine) as connection:
            last = connection.execute(select(AUDIT.c.seq, AUDIT.c.hash).order_by(AUDIT.c.seq.desc()).limit(1)).first()
        return (int(last.seq), last.hash) if last else (0, GENESIS)

    def hash_at(self, seq: int) -> str | None:
        with read(self.engine) as connection:
            return connection.execute(select(AUDIT.c.hash).where(AUDIT.c.seq == seq)).scalar_one_or_none()

    def entries(self) -> Iterator[AuditEntry]:
        """Every entry in order, read in batches (a year's trail does not fill memory)."""
        after = 0
        while True:
            with read(self.engine) as connection:
                rows = connection.execute(
                    select(AUDIT).where(AUDIT.c.seq > after).order_by(AUDIT.c.seq).limit(BATCH)).all()
            if not rows:
                return
            yield from (_entry(row) for row in rows)
            after = rows[-1].seq

    def verify(self) -> tuple[int, list[ChainBreak]]:
        """(entries read, breaks found)."""
        counted: list[int] = [0]

        def counting() -> Iterator[AuditEntry]:
            for entry in self.entries():
                counted[0] += 1
                yield entry

        breaks = verify_chain(counting())
        return counted[0], breaks


def _json(detail: Mapping[str, Any]) -> str:
    return json.dumps(dict(detail), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _entry(row: Any) -> AuditEntry:
    try:
        detail = json.loads(row.detail)
    except ValueError:
        detail = {"unreadable": row.detail}  # verify reports the entry as altered
    return AuditEntry(seq=row.seq, at=row.at, actor=row.actor, action=row.action, subject=row.subject,
                      detail=detail, prev_hash=row.prev_hash, hash=row.hash)
