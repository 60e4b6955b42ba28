"""Bad-rating follow-ups (差评整改) in the back office's database, moved by the domain's rules.

A rating of 1 or 2 opens a follow-up in the transaction that stores the rating, due a number of
working days later (`clerk_app.core.evaluation.open_follow_up`, 5 by default) counted with the
hall's calendar: chinesecalendar's years, then the calendar files shipped with the application
and those an administrator put in the back office's data folder (`DATA_DIR/calendars/*.yaml`):
`workdays.hall_calendar`, the one the statistics count with.

Each step (a call attempt, the correction, closing) reads the row under a lock, rebuilds the
domain's `FollowUp`, lets it check the step (409 for a step its state does not admit, 422 for
missing words) and writes the result back. A follow-up belongs to its case's lead department
(the first the case names): supervisors see their departments' follow-ups, admins all.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from clerk_app.backoffice.access import iso
from clerk_app.backoffice.auth import Principal, aware
from clerk_app.backoffice.errors import ApiError, not_found
from clerk_app.backoffice.schema import cases, follow_ups
from clerk_app.core.evaluation import (
    BadReason,
    CallAttempt,
    Correction,
    Evaluation,
    EvaluationError,
    FollowUp,
    FollowUpPolicy,
    FollowUpState,
    FollowUpStep,
    Rating,
    open_follow_up,
)
from clerk_app.core.workdays import WorkCalendar

log = logging.getLogger(__name__)
STATES = tuple(state.value for state in FollowUpState)


def open_for(connection: Connection, case: Any, evaluation: Evaluation, stage: str, calendar: WorkCalendar,
             at: datetime, policy: FollowUpPolicy | None = None) -> int:
    """Open the follow-up of a bad rating of `case` (a `cases` row); its id.

    The due day counts from the day of the rating where it was given (its own UTC offset); the
    moment is stored in UTC, like every time in this database.
    """
    follow_up = open_follow_up(evaluation, calendar, policy)
    department = (json.loads(case.departments) or [""])[0]
    values = {
        "case_id": case.case_id, "event_id": evaluation.id, "department": department, "stage": stage,
        "rating": int(evaluation.rating), "reasons": json.dumps([r.value for r in evaluation.reasons]),
        "comment": evaluation.comment, "clerk": evaluation.clerk, "rated_at": evaluation.at.astimezone(UTC),
        "due": follow_up.due, "due_estimated": follow_up.due_estimated, "state": follow_up.state.value,
        "attempts": "[]", "steps": "[]", "correction": None, "created_at": at, "updated_at": at,
    }
    return int(connection.execute(follow_ups.insert().values(values).returning(follow_ups.c.id)).scalar_one())


# --- reading -----------------------------------------------------------------------------------

_LISTED = (follow_ups, cases.c.number, cases.c.name, cases.c.applicant_name)


def listed(connection: Connection, principal: Principal, *, state: str | None, department: str | None,
           page: int, size: int) -> tuple[list[dict[str, Any]], int]:
    """One page of the follow-ups the principal may see, by due date; and how many there are."""
    scope = _scope(principal, department)
    where = [] if scope is None else [follow_ups.c.department.in_(scope)]
    if state is not None:
        where.append(follow_ups.c.state == state)
    query = (sa.select(*_LISTED).join(cases, cases.c.case_id == follow_ups.c.case_id).where(*where)
             .order_by(follow_ups.c.due, follow_ups.c.id).limit(size).offset((page - 1) * size))
    total = connection.execute(sa.select(sa.func.count()).select_from(follow_ups).where(*where)).scalar_one()
    return [item(row) for row in connection.execute(query).all()], int(total)


def _scope(principal: Principal, department: str | None) -> list[str] | None:
    if department is not None:
        if not principal.is_admin and department not in principal.departments:
            raise ApiError(403, "forbidden", f"department {department} is not yours")
        return [department]
    return None if principal.is_admin else sorted(principal.departments)


def row_for(connection: Connection, principal: Principal, follow_up_id: int, *, for_update: bool = False) -> Any:
    """The follow-up joined to its case, or 404 when missing or outside the principal's departments."""
    query = (sa.select(*_LISTED).join(cases, cases.c.case_id == follow_ups.c.case_id)
             .where(follow_ups.c.id == follow_up_id))
    row = connection.execute(query.with_for_update(of=follow_ups) if for_update else query).first()
    if row is None or not (principal.is_admin or row.department in principal.departments):
        raise not_found(f"follow-up {follow_up_id}")
    return row


def item(row: Any) -> dict[str, Any]:
    return {
        "id": row.id, "case_id": row.case_id, "number": row.number, "name": row.name,
        "applicant_name": row.applicant_name, "department": row.department, "stage": row.stage,
        "rating": row.rating, "reasons": json.loads(row.reasons), "comment": row.comment, "clerk": row.clerk,
        "rated_at": iso(row.rated_at), "due": row.due.isoformat(), "due_estimated": bool(row.due_estimated),
        "state": row.state, "attempts": len(json.loads(row.attempts)),
    }


def full(row: Any) -> dict[str, Any]:
    correction = json.loads(row.correction) if row.correction else None
    return {**item(row), "event_id": row.event_id, "call_attempts": json.loads(row.attempts),
            "steps": json.loads(row.steps), "correction": correction, "updated_at": iso(row.updated_at)}


# --- steps -------------------------------------------------------------------------------------


def call_back(connection: Connection, row: Any, *, at: datetime, by: str, reached: bool, note: str) -> None:
    follow_up = _domain(row)
    _save(connection, row.id, _checked(lambda: follow_up.call_back(at=_after(at, follow_up), by=by, note=note,
                                                                    reached=reached)), at)


def correct(connection: Connection, row: Any, *, at: datetime, by: str, measures: str) -> None:
    follow_up = _domain(row)
    _save(connection, row.id, _checked(lambda: follow_up.correct(at=_after(at, follow_up), by=by,
                                                                  measures=measures)), at)


def close(connection: Connection, row: Any, *, at: datetime, by: str, note: str) -> None:
    follow_up = _domain(row)
    _save(connection, row.id, _checked(lambda: follow_up.close(at=_after(at, follow_up), by=by, note=note)), at)


def _after(at: datetime, follow_up: FollowUp) -> datetime:
    """The step's time: now, or the previous step's when a window's clock ran ahead of the server's."""
    return max(at, follow_up.last_at)


def _checked(step: Any) -> FollowUp:
    try:
        return step()
    except EvaluationError as error:
        words = f"{error.text('zh')} ({error.text('en')})"
        if error.code == "followup.transition":
            raise ApiError(409, "conflict", error.text("en"), [words]) from None
        raise ApiError(422, "invalid", "the step cannot be recorded", [words]) from None


def _domain(row: Any) -> FollowUp:
    """The row as the domain's `FollowUp` (the rating's own fields are what `open_for` stored)."""
    evaluation = Evaluation(row.event_id, row.number, Rating(row.rating), aware(row.rated_at),
                            reasons=tuple(BadReason(r) for r in json.loads(row.reasons)), comment=row.comment,
                            clerk=row.clerk)
    correction = json.loads(row.correction) if row.correction else None
    return FollowUp(
        evaluation, _day(row.due), bool(row.due_estimated), FollowUpState(row.state),
        attempts=tuple(CallAttempt(_moment(a["at"]), a["by"], a["reached"], a["note"])
                       for a in json.loads(row.attempts)),
        correction=(Correction(_moment(correction["at"]), correction["by"], correction["measures"])
                    if correction else None),
        steps=tuple(FollowUpStep(FollowUpState(s["from_state"]), FollowUpState(s["to_state"]), _moment(s["at"]),
                                 s["by"], s["note"]) for s in json.loads(row.steps)),
    )


def _save(connection: Connection, follow_up_id: int, follow_up: FollowUp, at: datetime) -> None:
    correction = follow_up.correction
    connection.execute(follow_ups.update().where(follow_ups.c.id == follow_up_id).values(
        state=follow_up.state.value,
        attempts=json.dumps([_jsonable(asdict(a)) for a in follow_up.attempts], ensure_ascii=False),
        steps=json.dumps([_jsonable(asdict(s)) for s in follow_up.steps], ensure_ascii=False),
        correction=json.dumps(_jsonable(asdict(correction)), ensure_ascii=False) if correction else None,
        updated_at=at,
    ))


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, datetime) else v.value if isinstance(v, FollowUpState) else v)
            for k, v in values.items()}


def _moment(text: str) -> datetime:
    return aware(datetime.fromisoformat(text))


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)

