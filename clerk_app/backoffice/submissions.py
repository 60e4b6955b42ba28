"""Submitting a case exactly once: `PUT /cases/{case_id}/revisions/{revision}`.

The pair (case id, revision) is the idempotency key and the primary key of `case_revisions`,
which the submission inserts first. The database decides between concurrent submissions of one
key: exactly one INSERT succeeds; the others fail with a unique violation (on PostgreSQL they
wait for the winner to commit first), and are answered by comparing the sha256 of their body
with the stored one: equal is a harmless replay (200, the same answer), different is 409.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from clerk_app.backoffice import db, transitions
from clerk_app.backoffice.auth import Principal, now
from clerk_app.backoffice.errors import ApiError, conflict
from clerk_app.backoffice.schema import case_files, case_revisions, cases
from clerk_app.backoffice.settings import Settings
from clerk_app.core.case import Case, DecisionKind
from clerk_app.core.case_codec import CaseFormatError, case_from_dict

SHA256 = re.compile(r"^[0-9a-f]{64}$")
KEY = re.compile(r"^\S{1,64}$")
SERVER_STATE = {
    DecisionKind.ACCEPT: "synced",
    DecisionKind.TOLERANCE_ACCEPT: "synced",
    DecisionKind.NOTIFY: "notified",
    DecisionKind.REFUSE: "refused",
}


def submit(engine: Engine, settings: Settings, principal: Principal, case_id: str, revision: int,
           body: bytes) -> tuple[int, dict[str, Any]]:
    """(HTTP status, answer) for one submission; raises ApiError for 409/422."""
    case = parse_submission(body, case_id, revision, principal, settings)
    digest = hashlib.sha256(body).hexdigest()
    try:
        with db.write(engine) as connection:
            return 201, _store(connection, case, body, digest, principal)
    except IntegrityError:
        pass  # the key exists: a replay or a conflict
    with db.read(engine) as connection:
        return 200, _replay(connection, case_id, revision, digest)


def parse_submission(body: bytes, case_id: str, revision: int, principal: Principal, settings: Settings) -> Case:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise _invalid([f"body: not UTF-8 JSON ({error})"]) from None
    try:
        case = case_from_dict(data)
    except (CaseFormatError, TypeError, ValueError) as error:
        raise _invalid([str(error)]) from None
    reasons = _case_problems(case, case_id, revision, principal, settings)
    if reasons:
        raise _invalid(reasons)
    return case


def _case_problems(case: Case, case_id: str, revision: int, principal: Principal, settings: Settings) -> list[str]:
    reasons = []
    if case.id != case_id:
        reasons.append(f"id: {case.id!r} does not match the path's {case_id!r}")
    if case.revision != revision:
        reasons.append(f"revision: {case.revision} does not match the path's {revision}")
    if not KEY.match(case.number):
        reasons.append("number: 1-64 characters without spaces")
    if case.decision is None:
        reasons.append("decision: missing; only cases decided at the window are submitted")
    if not case.departments:
        reasons.append("departments: at least one department")
    for department in case.departments:
        if not KEY.match(department) or (settings.departments is not None and department not in settings.departments):
            reasons.append(f"departments: unknown department {department!r}")
    for m in case.materials:
        reasons.extend(f"materials.{m.key}.scans: {s!r} is not a sha256" for s in m.scans if not SHA256.match(s))
    if not principal.is_admin and principal.hall_code and case.hall_code != principal.hall_code:
        reasons.append(f"hall_code: {case.hall_code!r} is not your hall {principal.hall_code!r}")
    return reasons


def _invalid(reasons: list[str]) -> ApiError:
    return ApiError(422, "invalid_case", "the case cannot be accepted", reasons)


def _store(connection: Connection, case: Case, body: bytes, digest: str, principal: Principal) -> dict[str, Any]:
    at = now()
    connection.execute(case_revisions.insert().values(
        case_id=case.id, revision=case.revision, body=body, body_sha256=digest,
        submitted_by=principal.username, received_at=at,
    ))
    scans = sorted({s for m in case.materials for s in m.scans})
    db.lock_keys(connection, [f"file:{s}" for s in scans])  # before any case row: one lock order
    previous = connection.execute(sa.select(cases).where(cases.c.case_id == case.id).with_for_update()).first()
    assert case.decision is not None
    state = SERVER_STATE[case.decision.kind]
    values = {
        "revision": case.revision, "number": case.number, "hall_code": case.hall_code, "name": case.name,
        "applicant_name": case.applicant.name, "departments": json.dumps(list(case.departments), ensure_ascii=False),
        "state": state, "deadline": case.decision.promised_date, "complete": False, "claimed_by": None,
        "decision": None, "updated_at": at,
    }
    if previous is None:
        if case.revision != 1:
            raise conflict(f"case {case.id} is unknown here: submit revision 1 first")
        connection.execute(cases.insert().values(case_id=case.id, received_at=at, **values))
    else:
        _check_resubmission(previous, case)
        connection.execute(cases.update().where(cases.c.case_id == case.id).values(**values))
        connection.execute(case_files.delete().where(case_files.c.case_id == case.id))
        transitions.enqueue(connection, case.id, (), state, None)
    if scans:
        connection.execute(case_files.insert(), [{"case_id": case.id, "sha256": s} for s in scans])
    missing = transitions.missing_files(connection, scans)
    if not missing:
        connection.execute(cases.update().where(cases.c.case_id == case.id).values(complete=True))
        if state in transitions.QUEUED_STATES:
            transitions.enqueue(connection, case.id, case.departments, state, case.decision.promised_date)
    transitions.record(
        connection, case_id=case.id, revision=case.revision, kind="submission",
        from_state=previous.state if previous is not None else None, to_state=state, actor=principal.username, at=at,
        detail={"window_decision": case.decision.kind.value, "body_sha256": digest},
    )
    return _answer(case.id, case.revision, case.number, state, missing)


def _check_resubmission(previous: Any, case: Case) -> None:
    if previous.state != "correction_requested":
        raise conflict(f"case {case.id} is {previous.state}: a new revision needs correction_requested")
    if case.revision <= previous.revision:  # the window numbers revisions; its own steps count too
        raise conflict(f"case {case.id} is at revision {previous.revision}: a resubmission needs a higher one")


def _replay(connection: Connection, case_id: str, revision: int, digest: str) -> dict[str, Any]:
    stored = connection.execute(
        sa.select(case_revisions.c.body_sha256)
        .where(case_revisions.c.case_id == case_id, case_revisions.c.revision == revision)
    ).scalar()
    if stored is None:
        raise conflict("the case changed concurrently; try again")
    if stored != digest:
        raise conflict(f"revision {revision} of case {case_id} was submitted before with different content")
    row = connection.execute(sa.select(cases).where(cases.c.case_id == case_id)).one()
    missing = transitions.case_missing_files(connection, case_id) if row.revision == revision else []
    return _answer(case_id, revision, row.number, row.state, missing)


def _answer(case_id: str, revision: int, number: str, state: str, missing: list[str]) -> dict[str, Any]:
    return {"case_id": case_id, "revision": revision, "number": number, "state": state,
            "missing_files": missing, "complete": not missing}
