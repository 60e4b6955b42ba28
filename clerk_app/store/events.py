"""Case events in the local store: what happened after the window's decision, queued for the back office.

A hand-out is saved with the case's move to `handed_out` in one transaction, a supplied 容缺
material (`material_supply`) with the case that records it; an evaluation on its own. Each event
keeps the exact bytes to send and a UUID the back office uses as idempotency key, so a replay
after a lost reply is harmless. The sync engine takes `due()` events, and records the
answer with `finish` or `retry_later`; an event the back office refused (`conflict`, `quarantined`,
the outbox's states) waits in `problems()` for a person, who may put it back (`retry`).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, Engine, insert, or_, select, update

from clerk_app.store.engine import read, write
from clerk_app.store.schema import CaseEventRow, CaseRow, OutboxState

EVENTS = CaseEventRow.__table__
CASES = CaseRow.__table__
PROBLEM_STATES = (OutboxState.CONFLICT.value, OutboxState.QUARANTINED.value)


class EventKind(StrEnum):
    HANDOUT = "handout"
    EVALUATION = "evaluation"
    MATERIAL_SUPPLY = "material_supply"  # 补交: a tolerated material received after acceptance


@dataclass(frozen=True)
class CaseEvent:
    id: str
    case_id: str
    kind: EventKind
    payload: bytes
    state: OutboxState
    attempts: int
    created_at: datetime
    last_error: str = ""

    @property
    def body(self) -> dict[str, Any]:
        return dict(json.loads(self.payload))


@dataclass(frozen=True)
class EventProblem:
    """An event the back office would not take, with its case's number and applicant for the list."""

    id: str
    case_id: str
    number: str
    applicant_name: str
    kind: EventKind
    state: OutboxState
    attempts: int
    last_error: str
    updated_at: datetime


class CaseEvents:
    def __init__(self, engine: Engine, clock: Callable[[], datetime] | None = None) -> None:
        self.engine = engine
        self._clock = clock or (lambda: datetime.now().astimezone())

    def add(self, case_id: str, kind: EventKind, body: Mapping[str, Any]) -> CaseEvent:
        with write(self.engine) as connection:
            return self.add_in(connection, case_id, kind, body)

    def add_in(self, connection: Connection, case_id: str, kind: EventKind, body: Mapping[str, Any]) -> CaseEvent:
        """Queue an event inside the caller's transaction (the one that moved the case)."""
        now = self._clock()
        event_id = str(uuid.uuid4())
        payload = json.dumps({**body, "event_id": event_id}, sort_keys=True, ensure_ascii=False,
                             allow_nan=False).encode("utf-8")
        connection.execute(insert(EVENTS).values(
            id=event_id, case_id=case_id, kind=kind.value, payload=payload, state=OutboxState.PENDING.value,
            attempts=0, last_error="", created_at=now, updated_at=now))
        return CaseEvent(event_id, case_id, kind, payload, OutboxState.PENDING, 0, now)

    def due(self, limit: int = 100) -> list[CaseEvent]:
        now = self._clock()
        query = (select(EVENTS).where(EVENTS.c.state == OutboxState.PENDING.value)
                 .where(or_(EVENTS.c.next_attempt_at.is_(None), EVENTS.c.next_attempt_at <= now))
                 .order_by(EVENTS.c.created_at, EVENTS.c.id).limit(limit))
        with read(self.engine) as connection:
            return [event_from_row(row) for row in connection.execute(query).all()]

    def of_case(self, case_id: str, kind: EventKind | None = None) -> list[CaseEvent]:
        query = select(EVENTS).where(EVENTS.c.case_id == case_id)
        if kind is not None:
            query = query.where(EVENTS.c.kind == kind.value)
        with read(self.engine) as connection:
            return [event_from_row(row) for row in connection.execute(query.order_by(EVENTS.c.created_at)).all()]

    def pending(self) -> int:
        with read(self.engine) as connection:
            rows = connection.execute(select(EVENTS.c.id).where(EVENTS.c.state == OutboxState.PENDING.value))
            return len(rows.all())

    def finish(self, event_id: str, state: OutboxState, error: str = "") -> None:
        with write(self.engine) as connection:
            connection.execute(update(EVENTS).where(EVENTS.c.id == event_id).values(
                state=state.value, attempts=EVENTS.c.attempts + 1, next_attempt_at=None, last_error=error[:2000],
                updated_at=self._clock()))

    def retry_later(self, event_id: str, error: str, delay: float) -> None:
        now = self._clock()
        with write(self.engine) as connection:
            connection.execute(update(EVENTS).where(EVENTS.c.id == event_id).values(
                attempts=EVENTS.c.attempts + 1, next_attempt_at=now + timedelta(seconds=delay),
                last_error=error[:2000], updated_at=now))

    def problems(self) -> list[EventProblem]:
        query = (select(EVENTS.c.id, EVENTS.c.case_id, CASES.c.number, CASES.c.applicant_name, EVENTS.c.kind,
                        EVENTS.c.state, EVENTS.c.attempts, EVENTS.c.last_error, EVENTS.c.updated_at)
                 .join(CASES, CASES.c.id == EVENTS.c.case_id)
                 .where(EVENTS.c.state.in_(PROBLEM_STATES)).order_by(EVENTS.c.created_at, EVENTS.c.id))
        with read(self.engine) as connection:
            rows = connection.execute(query).all()
        return [EventProblem(r.id, r.case_id, r.number or "", r.applicant_name, EventKind(r.kind), OutboxState(r.state),
                             r.attempts, r.last_error, r.updated_at) for r in rows]

    def retry(self, event_id: str) -> None:
        """Put a refused event back in the queue (the clerk's 重试 after the cause was fixed)."""
        with write(self.engine) as connection:
            connection.execute(update(EVENTS).where(EVENTS.c.id == event_id, EVENTS.c.state.in_(PROBLEM_STATES))
                               .values(state=OutboxState.PENDING.value, attempts=0, next_attempt_at=None,
                                       updated_at=self._clock()))


def event_from_row(row: Any) -> CaseEvent:
    return CaseEvent(row.id, row.case_id, EventKind(row.kind), row.payload, OutboxState(row.state), row.attempts,
                     row.created_at, row.last_error)
