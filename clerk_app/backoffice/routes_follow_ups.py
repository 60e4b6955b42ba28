"""The supervisor's follow-ups of bad ratings (差评整改): list, read, call back, correct, close.

Each step appends an audit entry (`follow_up`, subject the case) in the step's transaction: the
follow-up, the step, the state before and after, and the sha256 of the words entered (a note may
name the citizen, so only its digest goes to the trail).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Connection

from clerk_app.backoffice import audit, db, follow_ups
from clerk_app.backoffice.access import engine_of
from clerk_app.backoffice.auth import ADMIN, SUPERVISOR, DecidingUser, Principal, now, roles_extra
from clerk_app.backoffice.errors import ERROR_RESPONSES
from clerk_app.backoffice.models import CallAttemptIn, CloseIn, CorrectionIn, FollowUpOut, FollowUpsOut

router = APIRouter(responses=ERROR_RESPONSES)
DECIDERS = (SUPERVISOR, ADMIN)
FollowUpId = Annotated[int, Path(ge=1, le=2**62)]
State = Query(default=None, pattern="^(open|called_back|corrected|closed)$")


@router.get("/follow-ups", response_model=FollowUpsOut, openapi_extra=roles_extra(*DECIDERS))
def list_follow_ups(
    request: Request,
    principal: DecidingUser,
    state: str | None = State,
    department: str | None = Query(default=None, max_length=64),
    page: int = Query(default=1, ge=1, le=100_000),
    size: int = Query(default=50, ge=1, le=200),
) -> dict[str, Any]:
    """Follow-ups of bad ratings in one's departments (admins: all), by due date (the earliest first)."""
    with db.read(engine_of(request)) as connection:
        items, total = follow_ups.listed(connection, principal, state=state, department=department, page=page,
                                         size=size)
    return {"items": items, "total": total, "page": page, "size": size}


@router.get("/follow-ups/{follow_up_id}", response_model=FollowUpOut, openapi_extra=roles_extra(*DECIDERS))
def get_follow_up(request: Request, follow_up_id: FollowUpId, principal: DecidingUser) -> dict[str, Any]:
    """One follow-up with its call attempts, steps and correction."""
    with db.read(engine_of(request)) as connection:
        return follow_ups.full(follow_ups.row_for(connection, principal, follow_up_id))


@router.post("/follow-ups/{follow_up_id}/call", response_model=FollowUpOut, openapi_extra=roles_extra(*DECIDERS))
async def record_call(request: Request, follow_up_id: FollowUpId, body: CallAttemptIn,
                      principal: DecidingUser) -> dict[str, Any]:
    """回访: a call to the applicant; reached, it moves open → called_back; not reached, it is only noted."""
    def step(connection: Connection, row: Any) -> None:
        follow_ups.call_back(connection, row, at=now(), by=principal.username, reached=body.reached, note=body.note)

    return await run_in_threadpool(_step, request, principal, follow_up_id, step,
                                   {"step": "call", "reached": body.reached, "words": body.note})


@router.post("/follow-ups/{follow_up_id}/correction", response_model=FollowUpOut,
             openapi_extra=roles_extra(*DECIDERS))
async def record_correction(request: Request, follow_up_id: FollowUpId, body: CorrectionIn,
                            principal: DecidingUser) -> dict[str, Any]:
    """整改: the measures taken; called_back → corrected."""
    def step(connection: Connection, row: Any) -> None:
        follow_ups.correct(connection, row, at=now(), by=principal.username, measures=body.measures)

    return await run_in_threadpool(_step, request, principal, follow_up_id, step,
                                   {"step": "correction", "words": body.measures})


@router.post("/follow-ups/{follow_up_id}/close", response_model=FollowUpOut, openapi_extra=roles_extra(*DECIDERS))
async def close_follow_up(request: Request, follow_up_id: FollowUpId, body: CloseIn,
                          principal: DecidingUser) -> dict[str, Any]:
    """办结: corrected → closed."""
    def step(connection: Connection, row: Any) -> None:
        follow_ups.close(connection, row, at=now(), by=principal.username, note=body.note)

    return await run_in_threadpool(_step, request, principal, follow_up_id, step,
                                   {"step": "close", "words": body.note})


def _step(request: Request, principal: Principal, follow_up_id: int, step: Callable[[Connection, Any], None],
          what: dict[str, Any]) -> dict[str, Any]:
    with db.write(engine_of(request)) as connection:
        before = follow_ups.row_for(connection, principal, follow_up_id, for_update=True)
        step(connection, before)
        after = follow_ups.row_for(connection, principal, follow_up_id)
        _audit(connection, principal, before, after, what)
        return follow_ups.full(after)


def _audit(connection: Connection, principal: Principal, before: Any, after: Any, what: dict[str, Any]) -> None:
    """The step's audit entry (after the follow-up row's lock: the lock order of `audit`)."""
    words = str(what.get("words") or "")
    detail = {key: value for key, value in what.items() if key != "words"}
    detail.update({"follow_up": before.id, "from": before.state, "to_state": after.state,
                   "words_sha256": hashlib.sha256(words.encode("utf-8")).hexdigest()})
    audit.record(connection, principal.username, "follow_up", before.case_id, detail)
