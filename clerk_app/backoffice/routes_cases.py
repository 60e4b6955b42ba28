"""The window's side of a case: submit a revision, read it back, record hand-out and evaluation."""

from __future__ import annotations

import json
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from clerk_app.backoffice import db, submissions, transitions
from clerk_app.backoffice.access import case_for, decision_of, engine_of, iso, settings_of
from clerk_app.backoffice.auth import (
    ADMIN,
    CLERK,
    SUPERVISOR,
    DecidingUser,
    Principal,
    WindowUser,
    now,
    roles_extra,
)
from clerk_app.backoffice.errors import ERROR_RESPONSES, ApiError, conflict
from clerk_app.backoffice.models import (
    CaseOut,
    CaseStateOut,
    EvaluationIn,
    HandoutIn,
    SubmissionOut,
    SubmissionsIn,
    SubmissionsOut,
    inline_schema,
)
from clerk_app.backoffice.schema import case_revisions, history

router = APIRouter(responses=ERROR_RESPONSES)
WINDOW = (CLERK, ADMIN)
READERS = (SUPERVISOR, ADMIN)
MAX_CASE_BYTES = 2 * 1024 * 1024
MAX_BATCH_BYTES = 16 * 1024 * 1024
RESULT_NAMES = {201: "created", 200: "replay", 409: "conflict", 422: "invalid"}
CaseId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^\S+$")]
_SUBMIT_DOC = {
    "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object"}}}},
    "responses": {"201": {"description": "stored", "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/SubmissionOut"}}}}},
    **roles_extra(*WINDOW),
}


@router.put("/cases/{case_id}/revisions/{revision}", response_model=SubmissionOut, openapi_extra=_SUBMIT_DOC,
            responses={200: {"description": "a harmless replay of the same bytes"}})
async def submit_case(
    request: Request, case_id: CaseId, revision: Annotated[int, Path(ge=1, le=10_000)],
    principal: WindowUser,
) -> JSONResponse:
    """Store a case revision exactly once; (case id, revision) is the idempotency key."""
    body = await _bounded_body(request)
    status, answer = await run_in_threadpool(
        submissions.submit, engine_of(request), settings_of(request), principal, case_id, revision, body)
    return JSONResponse(answer, status_code=status)


_BATCH_DOC = {
    "requestBody": {"required": True, "content": {"application/json": {"schema": inline_schema(SubmissionsIn)}}},
    **roles_extra(*WINDOW),
}


@router.post("/submissions", response_model=SubmissionsOut, openapi_extra=_BATCH_DOC)
async def submit_cases(request: Request, principal: WindowUser) -> JSONResponse:
    """Up to 200 case revisions at once (body ≤ 16 MB), each answered as its own PUT would be.

    An item's `body` is the exact JSON text its PUT would carry; the same idempotency key and
    rules apply per item (201 created, 200 replay, 409 conflict, 422 invalid), and an item that
    fails does not stop the others. The answer is 200 with one result per item, in order.
    """
    raw = await _bounded_body(request, MAX_BATCH_BYTES)
    try:
        batch = SubmissionsIn.model_validate_json(raw)
    except ValidationError as error:
        raise ApiError(422, "invalid", "the request is not valid", [
            {"field": ".".join(str(p) for p in e["loc"]), "problem": e["msg"]} for e in error.errors()]) from None
    items = [submissions.Submission(i.case_id, i.revision, i.body.encode("utf-8")) for i in batch.items]
    results = await run_in_threadpool(
        submissions.submit_many, engine_of(request), settings_of(request), principal, items)
    return JSONResponse({"results": [_result(item, result) for item, result in zip(items, results, strict=True)]})


def _result(item: submissions.Submission, result: submissions.Result) -> dict[str, Any]:
    error = result.error
    return {
        "case_id": item.case_id, "revision": item.revision, "status": result.status,
        "result": RESULT_NAMES[result.status], "submission": result.answer,
        "error": {"error": error.code, "message": error.message, "details": error.details} if error else None,
    }


async def _bounded_body(request: Request, limit: int = MAX_CASE_BYTES) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ApiError(413, "too_large", f"the body is at most {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "too_large", f"the body is at most {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


@router.get("/cases/{case_id}", response_model=CaseOut, openapi_extra=roles_extra(*READERS))
def get_case(request: Request, case_id: CaseId, principal: DecidingUser
             ) -> dict[str, Any]:
    with db.read(engine_of(request)) as connection:
        row = case_for(connection, principal, case_id)
        body = connection.execute(sa.select(case_revisions.c.body).where(
            case_revisions.c.case_id == case_id, case_revisions.c.revision == row.revision)).scalar_one()
        steps = connection.execute(
            sa.select(history).where(history.c.case_id == case_id).order_by(history.c.id)).all()
        missing = transitions.case_missing_files(connection, case_id)
    return {
        "case_id": case_id, "revision": row.revision, "number": row.number, "state": row.state,
        "departments": json.loads(row.departments), "deadline": row.deadline, "complete": bool(row.complete),
        "missing_files": missing, "claimed_by": row.claimed_by, "decision": decision_of(row),
        "case": json.loads(body), "history": [_step(s) for s in steps],
    }


def _step(row: Any) -> dict[str, Any]:
    return {"kind": row.kind, "from_state": row.from_state, "to_state": row.to_state, "actor": row.actor,
            "at": iso(row.at), "revision": row.revision, "detail": json.loads(row.detail)}


@router.post("/cases/{case_id}/handout", response_model=CaseStateOut, openapi_extra=roles_extra(*WINDOW))
async def handout(request: Request, body: HandoutIn, case_id: CaseId,
                  principal: WindowUser) -> dict[str, Any]:
    """出件: the decided case's result given to the applicant, an agent, or sent by mail."""
    if body.to == "mail" and not (body.carrier.strip() and body.tracking_number.strip()):
        raise ApiError(422, "invalid", "mail needs a carrier and a tracking number",
                       ["carrier, tracking_number: required when to is mail"])
    return await run_in_threadpool(_handout, request, principal, case_id, body)


def _handout(request: Request, principal: Principal, case_id: str, body: HandoutIn) -> dict[str, Any]:
    at = now()
    with db.write(engine_of(request)) as connection:
        row = case_for(connection, principal, case_id, for_update=True)
        if row.state not in ("approved", "denied"):
            raise conflict(f"case {case_id} is {row.state}: only a decided case is handed out")
        transitions.set_state(connection, case_id, "handed_out", at)
        transitions.record(connection, case_id=case_id, revision=row.revision, kind="handout", from_state=row.state,
                           to_state="handed_out", actor=principal.username, at=at, detail=body.model_dump())
        transitions.publish(connection, row, state="handed_out", at=at, decision=decision_of(row))
    return {"case_id": case_id, "state": "handed_out", "claimed_by": None, "decision": decision_of(row)}


@router.post("/cases/{case_id}/evaluation", response_model=CaseStateOut, openapi_extra=roles_extra(*WINDOW))
async def evaluation(request: Request, body: EvaluationIn, case_id: CaseId,
                     principal: WindowUser) -> dict[str, Any]:
    """好差评: the applicant's rating 1..5 (1 and 2 are bad ratings, to be followed up)."""
    return await run_in_threadpool(_evaluation, request, principal, case_id, body)


def _evaluation(request: Request, principal: Principal, case_id: str, body: EvaluationIn) -> dict[str, Any]:
    at = now()
    with db.write(engine_of(request)) as connection:
        row = case_for(connection, principal, case_id, for_update=True)
        detail = {"level": body.level, "reasons": body.reasons, "bad": body.level <= 2}
        transitions.record(connection, case_id=case_id, revision=row.revision, kind="evaluation",
                           from_state=row.state, to_state=row.state, actor=principal.username, at=at, detail=detail)
    return {"case_id": case_id, "state": row.state, "claimed_by": row.claimed_by, "decision": decision_of(row)}
