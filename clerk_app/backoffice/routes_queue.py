"""The supervisor's side: the department queue, claim/release, and the decision."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from clerk_app.backoffice import db, transitions
from clerk_app.backoffice.access import case_for, decision_of, engine_of, iso
from clerk_app.backoffice.auth import (
    ADMIN,
    SUPERVISOR,
    DecidingUser,
    Principal,
    now,
    roles_extra,
)
from clerk_app.backoffice.errors import ERROR_RESPONSES, ApiError, conflict, forbidden
from clerk_app.backoffice.models import CaseStateOut, DecisionIn, QueueOut
from clerk_app.backoffice.schema import cases, queue, queue_counts

router = APIRouter(responses=ERROR_RESPONSES)
DECIDERS = (SUPERVISOR, ADMIN)
DECISION_STATE = {"approve": "approved", "deny": "denied", "correction": "correction_requested"}


@router.get("/queue", response_model=QueueOut, openapi_extra=roles_extra(*DECIDERS))
def department_queue(
    request: Request,
    principal: DecidingUser,
    department: str | None = Query(default=None, max_length=64),
    state: str | None = Query(default=None, max_length=32),
    page: int = Query(default=1, ge=1, le=100_000),
    size: int = Query(default=50, ge=1, le=200),
) -> JSONResponse:
    """Complete cases of the departments, ordered by deadline (the promised completion date)."""
    departments = _departments(principal, department)
    with db.read(engine_of(request)) as connection:
        if departments is None:
            departments = queued_departments(connection)
        rows = connection.execute(page_query(departments, state, size, (page - 1) * size)).all() if departments else []
        total = queue_total(connection, departments, state)
    # Answered as built here (QueueOut documents it): validating 200 items again costs more than the query.
    return JSONResponse({"items": [_item(row) for row in rows], "total": total, "page": page, "size": size})


def page_query(departments: list[str], state: str | None, size: int, offset: int) -> sa.Select:
    """One page of queue rows joined to their cases.

    Each department's rows are read in index order (department[, state], deadline, case_id) up to
    the end of the page, and only the page's rows are joined to `cases`; several departments are
    merged from their own ordered runs, never by sorting all their rows.
    """
    if len(departments) == 1:
        page = _run(departments[0], state).limit(size).offset(offset).subquery()
    else:
        runs = [_run(d, state).limit(size + offset).subquery().select() for d in departments]
        merged = sa.union_all(*runs).subquery()
        page = merged.select().order_by(*_order(merged.c)).limit(size).offset(offset).subquery()
    return (
        sa.select(page.c.department, page.c.state, page.c.deadline, page.c.case_id, cases.c.number, cases.c.name,
                  cases.c.applicant_name, cases.c.claimed_by, cases.c.received_at)
        .join(cases, cases.c.case_id == page.c.case_id)
        .order_by(*_order(page.c))
    )


def _run(department: str, state: str | None) -> sa.Select:
    query = sa.select(queue.c.department, queue.c.state, queue.c.deadline, queue.c.case_id).where(
        queue.c.department == department)
    if state is not None:
        query = query.where(queue.c.state == state)
    return query.order_by(*_order(queue.c))


def _order(columns: Any) -> list[Any]:
    return [sa.nulls_last(columns.deadline.asc()), columns.case_id, columns.department]


def queued_departments(connection: sa.Connection) -> list[str]:
    return list(connection.execute(
        sa.select(queue_counts.c.department).where(queue_counts.c.n > 0).distinct().order_by(queue_counts.c.department)
    ).scalars())


def queue_total(connection: sa.Connection, departments: list[str], state: str | None) -> int:
    if not departments:
        return 0
    query = sa.select(sa.func.coalesce(sa.func.sum(queue_counts.c.n), 0)).where(
        queue_counts.c.department.in_(departments))
    if state is not None:
        query = query.where(queue_counts.c.state == state)
    return int(connection.execute(query).scalar_one())


def _departments(principal: Principal, department: str | None) -> list[str] | None:
    if department is not None:
        if not principal.is_admin and department not in principal.departments:
            raise forbidden(f"department {department} is not yours")
        return [department]
    return None if principal.is_admin else sorted(principal.departments)


def _item(row: Any) -> dict[str, Any]:
    return {
        "case_id": row.case_id, "number": row.number, "name": row.name, "department": row.department,
        "state": row.state, "deadline": row.deadline.isoformat() if row.deadline else None,
        "applicant_name": row.applicant_name,
        "claimed_by": row.claimed_by, "received_at": iso(row.received_at),
    }


@router.post("/cases/{case_id}/claim", response_model=CaseStateOut, openapi_extra=roles_extra(*DECIDERS))
def claim(request: Request, case_id: str, principal: DecidingUser) -> dict[str, Any]:
    return _set_claim(request, principal, case_id, claim=True)


@router.post("/cases/{case_id}/release", response_model=CaseStateOut, openapi_extra=roles_extra(*DECIDERS))
def release(request: Request, case_id: str, principal: DecidingUser) -> dict[str, Any]:
    return _set_claim(request, principal, case_id, claim=False)


def _set_claim(request: Request, principal: Principal, case_id: str, *, claim: bool) -> dict[str, Any]:
    at = now()
    with db.write(engine_of(request)) as connection:
        row = case_for(connection, principal, case_id, for_update=True)
        if row.state != "synced" or not row.complete:
            raise conflict(f"case {case_id} is {row.state}{'' if row.complete else ' and incomplete'}: not claimable")
        if row.claimed_by not in (None, principal.username) and not principal.is_admin:
            raise conflict(f"case {case_id} is claimed by {row.claimed_by}")
        holder = principal.username if claim else None
        connection.execute(cases.update().where(cases.c.case_id == case_id).values(claimed_by=holder, updated_at=at))
        transitions.record(
            connection, case_id=case_id, revision=row.revision, kind="claim" if claim else "release",
            from_state=row.state, to_state=row.state, actor=principal.username, at=at,
            detail={"claimed_by": holder, "previous": row.claimed_by},
        )
    return {"case_id": case_id, "state": row.state, "claimed_by": holder, "decision": decision_of(row)}


@router.post("/cases/{case_id}/decision", response_model=CaseStateOut, openapi_extra=roles_extra(*DECIDERS))
async def decide(
    request: Request, case_id: str, body: DecisionIn, principal: DecidingUser
) -> dict[str, Any]:
    return await run_in_threadpool(_decide, request, principal, case_id, body)


def _decide(request: Request, principal: Principal, case_id: str, body: DecisionIn) -> dict[str, Any]:
    decision = _decision_body(body, principal)
    state = DECISION_STATE[body.kind]
    with db.write(engine_of(request)) as connection:
        row = case_for(connection, principal, case_id, for_update=True)
        if row.state != "synced":
            raise conflict(f"case {case_id} is {row.state}: only a case waiting for a decision can be decided")
        if not row.complete:
            raise conflict(f"case {case_id} still misses files")
        if row.claimed_by != principal.username and not principal.is_admin:
            raise conflict(f"claim case {case_id} first" if row.claimed_by is None else
                           f"case {case_id} is claimed by {row.claimed_by}")
        at = decision["at_moment"]
        decision = {k: v for k, v in decision.items() if k != "at_moment"}
        transitions.set_state(connection, case_id, state, at, decision=json.dumps(decision, ensure_ascii=False),
                              claimed_by=None)
        transitions.record(connection, case_id=case_id, revision=row.revision, kind="decision", from_state=row.state,
                           to_state=state, actor=principal.username, at=at, detail=decision)
        transitions.publish(connection, row, state=state, at=at, decision=decision)
    return {"case_id": case_id, "state": state, "claimed_by": None, "decision": decision}


def _decision_body(body: DecisionIn, principal: Principal) -> dict[str, Any]:
    reason = body.reason.strip()
    corrections = [c.strip() for c in body.corrections if c.strip()]
    if body.kind == "deny" and not reason:
        raise ApiError(422, "invalid", "a refusal needs a reason", ["reason: required for deny"])
    if body.kind == "correction" and not corrections:
        raise ApiError(422, "invalid", "a return for correction lists what to correct",
                       ["corrections: at least one item for correction"])
    at = now()
    return {"kind": body.kind, "reason": reason, "corrections": corrections if body.kind == "correction" else [],
            "by": principal.username, "by_name": principal.display_name, "at": at.isoformat(), "at_moment": at}
