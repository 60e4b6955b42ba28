"""The window's side of a case: submit a revision, read it back, record hand-out, evaluation and 补交.

Hand-out, evaluation and material supply are events with the window's event id as idempotency key
(`case_events`).
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from clerk_app.backoffice import audit, case_events, db, submissions, transitions
from clerk_app.backoffice.access import case_for, decision_of, engine_of, iso, settings_of
from clerk_app.backoffice.auth import (
    ADMIN,
    CLERK,
    SUPERVISOR,
    DecidingUser,
    Principal,
    WindowUser,
    roles_extra,
)
from clerk_app.backoffice.errors import ERROR_RESPONSES, ApiError
from clerk_app.backoffice.models import (
    CaseOut,
    EvaluationIn,
    EventOut,
    HandoutIn,
    MaterialSupplyIn,
    SubmissionOut,
    SubmissionsIn,
    SubmissionsOut,
    inline_schema,
)
from clerk_app.backoffice.privacy import mask_document
from clerk_app.backoffice.schema import case_revisions, history
from clerk_app.backoffice.workdays import hall_calendar

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
    """The case and its history, ID numbers, phone numbers and addresses masked (in full: `/full`)."""
    with db.read(engine_of(request)) as connection:
        return mask_document(_case_answer(connection, principal, case_id))


@router.get("/cases/{case_id}/full", response_model=CaseOut, openapi_extra=roles_extra(*READERS))
def get_full_case(request: Request, case_id: CaseId, principal: DecidingUser) -> dict[str, Any]:
    """The case unmasked (显示完整信息); audited as `view_full` in the transaction that reads it."""
    with db.write(engine_of(request)) as connection:
        answer = _case_answer(connection, principal, case_id)
        audit.record(connection, principal.username, "view_full", case_id,
                     {"number": answer["number"], "revision": answer["revision"]})
    return answer


def _case_answer(connection: sa.Connection, principal: Principal, case_id: str) -> dict[str, Any]:
    row = case_for(connection, principal, case_id)
    body = connection.execute(sa.select(case_revisions.c.body).where(
        case_revisions.c.case_id == case_id, case_revisions.c.revision == row.revision)).scalar_one()
    steps = connection.execute(
        sa.select(history).where(history.c.case_id == case_id).order_by(history.c.id)).all()
    missing = transitions.case_missing_files(connection, case_id)
    document = json.loads(body)
    supplied = case_events.supplied_materials(connection, case_id)
    return {
        "case_id": case_id, "revision": row.revision, "number": row.number, "state": row.state,
        "departments": json.loads(row.departments), "deadline": row.deadline, "complete": bool(row.complete),
        "missing_files": missing, "claimed_by": row.claimed_by, "decision": decision_of(row),
        "case": document, "history": [_step(s) for s in steps],
        "open_tolerance": case_events.open_tolerance(document, supplied),
    }


def _step(row: Any) -> dict[str, Any]:
    return {"kind": row.kind, "from_state": row.from_state, "to_state": row.to_state, "actor": row.actor,
            "at": iso(row.at), "revision": row.revision, "detail": json.loads(row.detail)}


_EVENT_DOC = {"responses": {"201": {"description": "recorded", "content": {"application/json": {
    "schema": {"$ref": "#/components/schemas/EventOut"}}}}}, **roles_extra(*WINDOW)}
_REPLAY = {200: {"model": EventOut, "description": "a harmless replay of the same event: the first answer"}}


@router.post("/cases/{case_id}/handout", response_model=EventOut, status_code=201, openapi_extra=_EVENT_DOC,
             responses=_REPLAY)
async def handout(request: Request, body: HandoutIn, case_id: CaseId, principal: WindowUser) -> JSONResponse:
    """出件: the decided case's result given to the applicant, an agent, or sent by mail (once per event id)."""
    raw = await request.body()
    stored = await run_in_threadpool(case_events.record_handout, engine_of(request), principal, case_id, body, raw)
    return JSONResponse(stored.answer, status_code=stored.status)


@router.post("/cases/{case_id}/evaluation", response_model=EventOut, status_code=201, openapi_extra=_EVENT_DOC,
             responses=_REPLAY)
async def evaluation(request: Request, body: EvaluationIn, case_id: CaseId, principal: WindowUser) -> JSONResponse:
    """好差评: the applicant's rating 1..5 (once per event id); 1 and 2 open a follow-up for the supervisor."""
    raw = await request.body()
    settings = settings_of(request)
    stored = await run_in_threadpool(case_events.record_evaluation, engine_of(request), principal, case_id, body,
                                     raw, lambda: hall_calendar(settings.data_dir))
    return JSONResponse(stored.answer, status_code=stored.status)


@router.post("/cases/{case_id}/material-supply", response_model=EventOut, status_code=201, openapi_extra=_EVENT_DOC,
             responses=_REPLAY)
async def material_supply(request: Request, body: MaterialSupplyIn, case_id: CaseId, principal: WindowUser
                          ) -> JSONResponse:
    """补交: a tolerated (容缺) material received at the window (once per event id); closes its open tolerance."""
    raw = await request.body()
    stored = await run_in_threadpool(case_events.record_supply, engine_of(request), principal, case_id, body, raw)
    return JSONResponse(stored.answer, status_code=stored.status)
