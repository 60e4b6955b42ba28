"""The outbox and cursor in the local store, as sync reads and updates them.

Rows are written by `CaseStore.save` with the case; here they only change state. A case's sync
state follows its rows: quarantined if any row is, else conflict, else pending, else synced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, or_, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from clerk_app.store.engine import read, write
from clerk_app.store.schema import CaseRow, OutboxRow, OutboxState, SyncCursorRow, SyncState

OUTBOX = OutboxRow.__table__
CASES = CaseRow.__table__
CURSORS = SyncCursorRow.__table__
CHANGES_CURSOR = "changes"


@dataclass(frozen=True)
class OutboxItem:
    id: int
    case_id: str
    revision: int
    payload: bytes
    sha256: str
    attempts: int


@dataclass(frozen=True)
class Problem:
    """A row that needs a person: a conflict or a quarantined case revision."""

    id: int
    case_id: str
    number: str
    name: str
    applicant_name: str
    revision: int
    state: OutboxState
    attempts: int
    last_error: str
    updated_at: datetime


class Outbox:
    def __init__(self, engine: Engine, clock: Callable[[], datetime] | None = None) -> None:
        self.engine = engine
        self._clock = clock or (lambda: datetime.now().astimezone())

    def due(self, limit: int = 100) -> list[OutboxItem]:
        """Pending rows whose next attempt is due, oldest first."""
        now = self._clock()
        query = (
            select(OUTBOX.c.id, OUTBOX.c.case_id, OUTBOX.c.revision, OUTBOX.c.payload, OUTBOX.c.sha256,
                   OUTBOX.c.attempts)
            .where(OUTBOX.c.state == OutboxState.PENDING.value)
            .where(or_(OUTBOX.c.next_attempt_at.is_(None), OUTBOX.c.next_attempt_at <= now))
            .order_by(OUTBOX.c.id)
            .limit(limit)
        )
        with read(self.engine) as connection:
            return [OutboxItem(*row) for row in connection.execute(query).all()]

    def backlog(self) -> int:
        with read(self.engine) as connection:
            return connection.execute(
                select(func.count()).select_from(OUTBOX).where(OUTBOX.c.state == OutboxState.PENDING.value)
            ).scalar_one()

    def mark_conflict(self, item: OutboxItem, error: str) -> None:
        self._finish(item, OutboxState.CONFLICT, error)

    def mark_quarantined(self, item: OutboxItem, error: str) -> None:
        self._finish(item, OutboxState.QUARANTINED, error)

    def mark_retry(self, item: OutboxItem, error: str, delay: float) -> None:
        now = self._clock()
        with write(self.engine) as connection:
            connection.execute(
                update(OUTBOX).where(OUTBOX.c.id == item.id).values(
                    attempts=OUTBOX.c.attempts + 1, next_attempt_at=now + timedelta(seconds=delay),
                    last_error=error[:2000], updated_at=now,
                )
            )

    def retry(self, row_id: int) -> None:
        """Put a conflict or quarantined row back in the queue (the clerk's 重试)."""
        now = self._clock()
        with write(self.engine) as connection:
            case_id = connection.execute(select(OUTBOX.c.case_id).where(OUTBOX.c.id == row_id)).scalar_one()
            connection.execute(
                update(OUTBOX).where(OUTBOX.c.id == row_id).values(
                    state=OutboxState.PENDING.value, attempts=0, next_attempt_at=None, updated_at=now,
                )
            )
            refresh_case_state(connection, case_id)

    def wake_all(self) -> None:
        """Make every pending row due now (the network came back, or the clerk asked to sync)."""
        with write(self.engine) as connection:
            connection.execute(
                update(OUTBOX).where(OUTBOX.c.state == OutboxState.PENDING.value).values(next_attempt_at=None)
            )

    def problems(self) -> list[Problem]:
        query = (
            select(OUTBOX.c.id, OUTBOX.c.case_id, CASES.c.number, CASES.c.name, CASES.c.applicant_name,
                   OUTBOX.c.revision, OUTBOX.c.state, OUTBOX.c.attempts, OUTBOX.c.last_error, OUTBOX.c.updated_at)
            .join(CASES, CASES.c.id == OUTBOX.c.case_id)
            .where(OUTBOX.c.state.in_([OutboxState.CONFLICT.value, OutboxState.QUARANTINED.value]))
            .order_by(OUTBOX.c.id)
        )
        with read(self.engine) as connection:
            rows = connection.execute(query).all()
        return [_problem(row) for row in rows]

    def newer_revision_queued(self, connection: Connection, case_id: str, revision: int) -> bool:
        """Whether the clerk already queued a revision above `revision` (a resubmission)."""
        return connection.execute(
            select(OUTBOX.c.id).where(and_(OUTBOX.c.case_id == case_id, OUTBOX.c.revision > revision))
        ).first() is not None

    def cursor(self, key: str = CHANGES_CURSOR) -> int:
        with read(self.engine) as connection:
            value = connection.execute(select(CURSORS.c.value).where(CURSORS.c.key == key)).scalar_one_or_none()
        return int(value) if value is not None else 0

    def _finish(self, item: OutboxItem, state: OutboxState, error: str) -> None:
        with write(self.engine) as connection:
            self.finish_in(connection, item, state, error)

    def finish_in(self, connection: Connection, item: OutboxItem, state: OutboxState, error: str) -> None:
        """Settle a row and its case's sync state inside the caller's transaction."""
        connection.execute(
            update(OUTBOX).where(OUTBOX.c.id == item.id).values(
                state=state.value, attempts=OUTBOX.c.attempts + 1, next_attempt_at=None,
                last_error=error[:2000], updated_at=self._clock(),
            )
        )
        refresh_case_state(connection, item.case_id)


def store_cursor(connection: Connection, value: int, key: str = CHANGES_CURSOR) -> None:
    """Record the cursor inside the caller's transaction, the one that applied the changes."""
    statement = sqlite_insert(CURSORS).values(key=key, value=str(value))
    connection.execute(statement.on_conflict_do_update(index_elements=[CURSORS.c.key], set_={"value": str(value)}))


def refresh_case_state(connection: Connection, case_id: str) -> SyncState:
    states = set(connection.execute(select(OUTBOX.c.state).where(OUTBOX.c.case_id == case_id)).scalars())
    result = SyncState.LOCAL
    for outbox_state, sync_state in _PRECEDENCE:
        if outbox_state in states:
            result = sync_state
            break
    connection.execute(update(CASES).where(CASES.c.id == case_id).values(sync_state=result.value))
    return result


_PRECEDENCE = (
    (OutboxState.QUARANTINED.value, SyncState.QUARANTINED),
    (OutboxState.CONFLICT.value, SyncState.CONFLICT),
    (OutboxState.PENDING.value, SyncState.PENDING),
    (OutboxState.SENT.value, SyncState.SYNCED),
)


def _problem(row: Any) -> Problem:
    return Problem(row.id, row.case_id, row.number or "", row.name, row.applicant_name, row.revision,
                   OutboxState(row.state), row.attempts, row.last_error, row.updated_at)
