"""Pushing case events (hand-out, evaluation, 补交) to the back office, after their case is there.

An event waits while its case has no revision on the back office yet or a revision still
pending in the outbox, so the back office never sees an event of a case it does not hold. A due
event's stored bytes go as they were saved (`POST /cases/{id}/handout`, `…/evaluation` or
`…/material-supply`, the scans a supply names uploaded first by the files route), its
`event_id` inside them being the idempotency key: 201 or 200 (a replay after a lost reply) marks
it sent; 409 and 422 (or another refusal) set it aside as a problem with the back office's
reasons, without holding up the others; a network error or 5xx leaves it pending with backoff and
ends the round's pushing, as for cases; 401 asks for a sign-in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, and_, exists, func, or_, select

from clerk_app.store.engine import read
from clerk_app.store.events import EVENTS, CaseEvent, CaseEvents, EventKind, EventProblem, event_from_row
from clerk_app.store.schema import OutboxRow, OutboxState
from clerk_app.store.vault import FileVault
from clerk_app.sync.backoff import Backoff
from clerk_app.sync.client import BackOfficeClient, Outcome, OutcomeKind
from clerk_app.sync.outbox import Outbox, Problem
from clerk_app.sync.push import PushAnswer, PushResult, upload_file

OUTBOX = OutboxRow.__table__
ROUTES = {EventKind.HANDOUT: "handout", EventKind.EVALUATION: "evaluation",
          EventKind.MATERIAL_SUPPLY: "material-supply"}


@dataclass
class EventsSummary:
    sent: int = 0
    replayed: int = 0
    conflicts: int = 0
    quarantined: int = 0
    online: bool = True
    needs_sign_in: bool = False
    errors: list[str] | None = None


class EventPusher:
    def __init__(self, engine: Engine, client: BackOfficeClient, backoff: Backoff | None = None,
                 clock: Callable[[], datetime] | None = None, batch: int = 100,
                 files_dir: Path | FileVault | None = None) -> None:
        self.engine = engine
        self.client = client
        self.files_dir = files_dir  # where the scans a supply names are (the engine's files)
        self.backoff = backoff or Backoff()
        self.events = CaseEvents(engine, clock)
        self.batch = batch
        self._clock = clock or (lambda: datetime.now().astimezone())

    def push(self) -> EventsSummary:
        """Push every ready event in rounds of `batch`; stop at the first answer that says offline or signed out."""
        summary = EventsSummary(errors=[])
        while True:
            ready = self.ready(self.batch)
            for event in ready:
                if not self._push_one(event, summary):
                    return summary
            if len(ready) < self.batch:
                return summary

    def ready(self, limit: int = 100) -> list[CaseEvent]:
        """Pending events that are due and whose case the back office holds (none of its revisions pending)."""
        sent = exists().where(and_(OUTBOX.c.case_id == EVENTS.c.case_id, OUTBOX.c.state == OutboxState.SENT.value))
        waiting = exists().where(and_(OUTBOX.c.case_id == EVENTS.c.case_id,
                                      OUTBOX.c.state == OutboxState.PENDING.value))
        query = (select(EVENTS).where(EVENTS.c.state == OutboxState.PENDING.value, sent, ~waiting)
                 .where(or_(EVENTS.c.next_attempt_at.is_(None), EVENTS.c.next_attempt_at <= self._clock()))
                 .order_by(EVENTS.c.created_at, EVENTS.c.id).limit(limit))
        with read(self.engine) as connection:
            return [event_from_row(row) for row in connection.execute(query).all()]

    def backlog(self) -> int:
        return pending_events(self.engine)

    def _push_one(self, event: CaseEvent, summary: EventsSummary) -> bool:
        """Send one event (its scans first) and record the answer; False when pushing should stop for now."""
        outcome = self._upload_scans(event) or self.client.post_event(event.case_id, ROUTES[event.kind],
                                                                      event.payload)
        if outcome.ok:
            self.events.finish(event.id, OutboxState.SENT)
            summary.sent += outcome.kind is OutcomeKind.OK
            summary.replayed += outcome.kind is OutcomeKind.REPLAY
            return True
        if outcome.kind is OutcomeKind.CONFLICT:
            self.events.finish(event.id, OutboxState.CONFLICT, outcome.message)
            summary.conflicts += 1
            return True
        if outcome.kind is OutcomeKind.REJECTED:
            self.events.finish(event.id, OutboxState.QUARANTINED, outcome.message)
            summary.quarantined += 1
            return True
        if outcome.kind is OutcomeKind.UNAUTHORISED:
            summary.needs_sign_in = True
            return False
        self.events.retry_later(event.id, outcome.message, self.backoff.delay(event.attempts))
        summary.online = False
        assert summary.errors is not None
        summary.errors.append(outcome.message)
        return False


    def _upload_scans(self, event: CaseEvent) -> Outcome | None:
        """Upload the scans a supply names; None when all are held, else the outcome to record."""
        scans = [str(s) for s in event.body.get("scans") or []] if event.kind is EventKind.MATERIAL_SUPPLY else []
        for digest in scans:
            sent = (upload_file(self.client, self.files_dir, digest) if self.files_dir is not None
                    else PushAnswer(PushResult.QUARANTINED, "没有扫描件文件夹，无法上传补交材料的扫描件"))
            if isinstance(sent, PushAnswer):
                return _as_outcome(sent)
        return None


def _as_outcome(answer: PushAnswer) -> Outcome:
    """A failed upload said as the answer it stands for (a missing local scan sets the event aside)."""
    kind = {PushResult.CONFLICT: OutcomeKind.CONFLICT, PushResult.QUARANTINED: OutcomeKind.REJECTED,
            PushResult.UNAUTHORISED: OutcomeKind.UNAUTHORISED}.get(answer.result, OutcomeKind.RETRYABLE)
    return Outcome(kind, reasons=(answer.message,) if answer.message else ())


def pending_events(engine: Engine) -> int:
    """Case events still to push (waiting for their case included): part of the sync backlog."""
    with read(engine) as connection:
        return int(connection.execute(select(func.count()).select_from(EVENTS)
                                      .where(EVENTS.c.state == OutboxState.PENDING.value)).scalar_one())


def problems(engine: Engine) -> list[Problem | EventProblem]:
    """What needs a person: refused case revisions, then refused events."""
    return [*Outbox(engine).problems(), *CaseEvents(engine).problems()]


def retry(engine: Engine, problem: Any) -> None:
    """Put a refused case revision or event back in the queue."""
    if isinstance(problem, EventProblem):
        CaseEvents(engine).retry(problem.id)
    else:
        Outbox(engine).retry(problem.id)
