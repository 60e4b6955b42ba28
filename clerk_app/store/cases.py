"""The workstation's cases: numbers, saving with their history, reading, listing, pre-filling.

`save()` writes a case and its new transitions in one transaction and returns only when the
commit is on disk: the caller prints or shows the receipt after it returns, never before.

Revisions make saving safe against stale copies: a case read at revision r is saved as a
revision above r; saving a copy whose revision is lower than the stored one is refused, as is a
copy that rewrites or drops recorded transitions. Saving a copy identical to the stored one
writes nothing, so retrying a save is harmless.

Each new revision of a case decided at the window (accepted, tolerance-accepted, notified,
refused) is queued for the back office in the same transaction: an `outbox` row holding the
bytes of `case_payload(case)`, serialised once, and the case's sync state becomes `pending`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Row, insert, or_, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from clerk_app.core.case import DECIDED_AT_WINDOW, Case, CaseState, Transition
from clerk_app.core.case_codec import case_from_dict, case_to_dict
from clerk_app.core.case_number import check_code, make_case_number
from clerk_app.core.handout import Handout, handed_out, handout_to_dict
from clerk_app.store.audit import AuditLog
from clerk_app.store.engine import read, write
from clerk_app.store.errors import (
    CaseConflictError,
    CaseDocumentError,
    CaseNotFoundError,
    DuplicateCaseNumberError,
    StaleCaseError,
    StoreError,
)
from clerk_app.store.events import CaseEvents, EventKind
from clerk_app.store.history import StepKey, check_chain, new_steps
from clerk_app.store.schema import (
    CaseDocumentRow,
    CaseRow,
    OutboxRow,
    OutboxState,
    SyncState,
    TransitionRow,
    WindowSequenceRow,
)

CASES = CaseRow.__table__
DOCUMENTS = CaseDocumentRow.__table__
TRANSITIONS = TransitionRow.__table__
SEQUENCES = WindowSequenceRow.__table__
OUTBOX = OutboxRow.__table__
PREFILL_LOOKBACK = 10  # how many of an applicant's latest cases pre-filling looks at


@dataclass(frozen=True)
class CaseSummary:
    """What a case list shows, read without decoding the case."""

    id: str
    number: str
    code: str
    name: str
    state: CaseState
    applicant_name: str
    applicant_id_number: str
    clerk: str
    created_at: datetime
    updated_at: datetime
    revision: int
    sync_state: SyncState


_SUMMARY_COLUMNS = (  # in the order of CaseSummary's fields (see _summary)
    CASES.c.id, CASES.c.number, CASES.c.code, CASES.c.name, CASES.c.state, CASES.c.applicant_name,
    CASES.c.applicant_id_number, CASES.c.clerk, CASES.c.created_at, CASES.c.updated_at, CASES.c.revision,
    CASES.c.sync_state,
)


class CaseStore:
    def __init__(self, engine: Engine, clock: Callable[[], datetime] | None = None) -> None:
        self._engine = engine
        self._clock = clock or (lambda: datetime.now().astimezone())
        self._audit = AuditLog(engine, self._clock)

    @property
    def engine(self) -> Engine:
        return self._engine

    def allocate_number(self, hall: str, window: str, day: date) -> str:
        """The next case number of the window and day, committed before it is returned.

        A crash after this may leave a gap in the sequence; two processes never get one number.
        """
        hall, window = check_code("hall", hall), check_code("window", window)
        statement = (
            sqlite_insert(SEQUENCES)
            .values(hall_code=hall, window_code=window, day=day, last_value=1)
            .on_conflict_do_update(
                index_elements=[SEQUENCES.c.hall_code, SEQUENCES.c.window_code, SEQUENCES.c.day],
                set_={"last_value": SEQUENCES.c.last_value + 1},
            )
            .returning(SEQUENCES.c.last_value)
        )
        with write(self._engine) as connection:
            sequence = connection.execute(statement).scalar_one()
        return make_case_number(hall, window, day, sequence)

    def save(self, case: Case) -> Case:
        """Insert or update the case with its new transitions, durably; returns the case as stored."""
        with write(self._engine) as connection:
            return self.save_in(connection, case)

    def save_in(self, connection: Connection, case: Case, *, queue: bool = True) -> Case:
        """`save` inside the caller's write transaction (sync commits a case with its cursor);
        `queue=False` keeps a change local (the back office admits no revision in this state)."""
        check_chain(case)
        _check_json(case)
        stored = connection.execute(
            select(CASES.c.revision, CASES.c.number, DOCUMENTS.c.data)
            .join(DOCUMENTS, DOCUMENTS.c.case_id == CASES.c.id)
            .where(CASES.c.id == case.id)
        ).first()
        steps = new_steps(case, _recorded_steps(connection, case.id))
        _check_number(connection, case, stored)
        if stored is None:
            connection.execute(insert(CASES).values(**self._columns(case)))
            connection.execute(insert(DOCUMENTS).values(case_id=case.id, data=case_to_dict(case)))
        else:
            case = _next_revision(case, stored)
            if case.revision == stored.revision:
                return case  # identical to the stored copy: nothing to write
            connection.execute(update(CASES).where(CASES.c.id == case.id).values(**self._columns(case)))
            connection.execute(
                update(DOCUMENTS).where(DOCUMENTS.c.case_id == case.id).values(data=case_to_dict(case))
            )
        _record_steps(connection, case, steps)
        for step in steps:  # every decision, sync step and hand-out, chained in the audit trail
            self._audit.append_in(connection, step.actor, "transition", case.id,
                                  {"number": case.number, "from": step.from_state.value, "to": step.to_state.value})
        if queue:
            self._enqueue(connection, case)
        return case

    def hand_out(self, handout: Handout) -> Case:
        """The case handed out and its hand-out event queued for the back office, in one transaction."""
        with write(self._engine) as connection:
            case = self.get_in(connection, handout.case_id)
            if case is None:
                raise CaseNotFoundError("case.not_found", case_id=handout.case_id)
            saved = self.save_in(connection, handed_out(case, handout))
            mail = handout.mail
            body = {"to": handout.method.value, "note": handout.summary(), "record": handout_to_dict(handout),
                    "carrier": mail.carrier_text if mail else "",
                    "tracking_number": mail.tracking_number if mail else ""}
            CaseEvents(self._engine, self._clock).add_in(connection, case.id, EventKind.HANDOUT, body)
        return saved

    def get_in(self, connection: Connection, case_id: str) -> Case | None:
        """`get` inside the caller's transaction."""
        data = connection.execute(select(DOCUMENTS.c.data).where(DOCUMENTS.c.case_id == case_id)).scalar_one_or_none()
        return case_from_dict(data) if data is not None else None

    def get(self, case_id: str) -> Case | None:
        with read(self._engine) as connection:
            return self.get_in(connection, case_id)

    def by_number(self, number: str) -> Case | None:
        with read(self._engine) as connection:
            data = connection.execute(
                select(DOCUMENTS.c.data)
                .join(CASES, CASES.c.id == DOCUMENTS.c.case_id)
                .where(CASES.c.number == number.strip().upper())
            ).scalar_one_or_none()
        return case_from_dict(data) if data is not None else None

    def list_cases(
        self,
        day: date | None = None,
        text: str | None = None,
        states: Iterable[CaseState] | None = None,
        limit: int = 200,
    ) -> list[CaseSummary]:
        """Newest first; `text` matches part of the number, applicant name, id number or matter name."""
        query = select(*_SUMMARY_COLUMNS).order_by(CASES.c.created_at.desc(), CASES.c.id.desc()).limit(limit)
        if day is not None:
            query = query.where(CASES.c.created_day == day)
        if states is not None:
            query = query.where(CASES.c.state.in_([CaseState(s).value for s in states]))
        if text and text.strip():
            pattern = f"%{_escape_like(text.strip())}%"
            columns = (CASES.c.number, CASES.c.applicant_name, CASES.c.applicant_id_number, CASES.c.name)
            query = query.where(or_(*(column.like(pattern, escape="\\") for column in columns)))
        with read(self._engine) as connection:
            rows = connection.execute(query).all()
        return [_summary(row) for row in rows]

    def previous_answers(self, id_number: str) -> dict[str, Any]:
        """Answers an applicant gave in their latest decided cases; the newest non-empty answer wins."""
        key = _normalize_id(id_number)
        if not key:
            return {}
        query = (
            select(DOCUMENTS.c.data)
            .join(CASES, CASES.c.id == DOCUMENTS.c.case_id)
            .where(CASES.c.applicant_id_number == key, CASES.c.state != CaseState.DRAFT.value)
            .order_by(CASES.c.created_at.desc(), CASES.c.id.desc())
            .limit(PREFILL_LOOKBACK)
        )
        with read(self._engine) as connection:
            documents = connection.execute(query).scalars().all()
        merged: dict[str, Any] = {}
        for document in documents:
            for name, value in (document.get("answers") or {}).items():
                if name not in merged and value not in (None, "", [], {}):
                    merged[name] = value
        return merged

    def set_sync_state(self, case_id: str, state: SyncState | str) -> None:
        value = _sync_state(state)
        with write(self._engine) as connection:
            result = connection.execute(update(CASES).where(CASES.c.id == case_id).values(sync_state=value.value))
            if result.rowcount == 0:
                raise CaseNotFoundError("case.not_found", case_id=case_id)

    def sync_state(self, case_id: str) -> SyncState:
        with read(self._engine) as connection:
            value = connection.execute(select(CASES.c.sync_state).where(CASES.c.id == case_id)).scalar_one_or_none()
        if value is None:
            raise CaseNotFoundError("case.not_found", case_id=case_id)
        return SyncState(value)

    def _enqueue(self, connection: Connection, case: Case) -> None:
        """Queue this revision for the back office when the window has decided the case."""
        if case.state in DECIDED_AT_WINDOW:
            self.queue_revision_in(connection, case)

    def queue_revision_in(self, connection: Connection, case: Case) -> None:
        """Queue the stored revision `case` for the back office whatever its state (a 容缺 material
        supplied after the back office has the case), inside the caller's transaction."""
        payload, now = case_payload(case), self._clock()
        connection.execute(
            insert(OUTBOX).values(
                case_id=case.id, revision=case.revision, payload=payload, sha256=hashlib.sha256(payload).hexdigest(),
                state=OutboxState.PENDING.value, attempts=0, last_error="", created_at=now, updated_at=now,
            )
        )
        connection.execute(update(CASES).where(CASES.c.id == case.id).values(sync_state=SyncState.PENDING.value))

    def _columns(self, case: Case) -> dict[str, Any]:
        return {
            "id": case.id,
            "number": case.number or None,
            "code": case.code,
            "name": case.name,
            "state": case.state.value,
            "hall_code": case.hall_code,
            "window_code": case.window_code,
            "clerk": case.clerk,
            "applicant_name": case.applicant.name,
            "applicant_id_number": _normalize_id(case.applicant.id_number),
            "created_at": case.created_at,
            "created_day": case.created_at.date(),
            "updated_at": self._clock(),
            "revision": case.revision,
        }


def case_payload(case: Case) -> bytes:
    """The bytes sent to the back office for this revision: sorted-key UTF-8 JSON, made once."""
    return json.dumps(case_to_dict(case), sort_keys=True, ensure_ascii=False, allow_nan=False).encode("utf-8")


def _recorded_steps(connection: Connection, case_id: str) -> list[StepKey]:
    rows = connection.execute(
        select(TRANSITIONS.c.from_state, TRANSITIONS.c.to_state, TRANSITIONS.c.at, TRANSITIONS.c.actor,
               TRANSITIONS.c.note)
        .where(TRANSITIONS.c.case_id == case_id)
        .order_by(TRANSITIONS.c.seq)
    ).all()
    return [(r.from_state, r.to_state, r.at.isoformat(), r.actor, r.note) for r in rows]


def _record_steps(connection: Connection, case: Case, steps: tuple[Transition, ...]) -> None:
    if not steps:
        return
    first = len(case.transitions) - len(steps) + 1
    connection.execute(
        insert(TRANSITIONS),
        [
            {"case_id": case.id, "seq": seq, "from_state": s.from_state.value, "to_state": s.to_state.value,
             "at": s.at, "actor": s.actor, "note": s.note}
            for seq, s in enumerate(steps, start=first)
        ],
    )


def _next_revision(case: Case, stored: Row[Any]) -> Case:
    if case.revision < stored.revision:
        number = case.number or case.id
        raise StaleCaseError("case.stale", number=number, stored=stored.revision, revision=case.revision)
    if case_to_dict(replace(case, revision=stored.revision)) == stored.data:
        return replace(case, revision=stored.revision)  # nothing changed: keep the stored revision
    return replace(case, revision=max(case.revision, stored.revision + 1))


def _check_number(connection: Connection, case: Case, stored: Row[Any] | None) -> None:
    if stored is not None and stored.number and stored.number != case.number:
        raise CaseConflictError("case.number_changed", old=stored.number, new=case.number or "—")
    if not case.number:
        return
    other = connection.execute(
        select(CASES.c.id).where(CASES.c.number == case.number, CASES.c.id != case.id)
    ).first()
    if other is not None:
        raise DuplicateCaseNumberError("case.duplicate_number", number=case.number)


def _check_json(case: Case) -> None:
    """Refuse, before writing anything, a case whose answers are not plain JSON (dates, sets, NaN)."""
    try:
        json.dumps(case_to_dict(case), allow_nan=False)
    except (TypeError, ValueError) as error:
        raise CaseDocumentError("case.not_json", number=case.number or case.id, detail=str(error)) from None


def _summary(row: Row[Any]) -> CaseSummary:
    case_id, number, code, name, state, applicant, id_number, clerk, created, updated, revision, sync = row
    return CaseSummary(
        case_id, number or "", code, name, CaseState(state), applicant, id_number, clerk, created, updated, revision,
        SyncState(sync),
    )


def _sync_state(state: SyncState | str) -> SyncState:
    try:
        return SyncState(state)
    except ValueError:
        allowed = ", ".join(s.value for s in SyncState)
        raise StoreError("sync_state.unknown", value=state, allowed=allowed) from None


def _normalize_id(id_number: str) -> str:
    return id_number.strip().upper()


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
