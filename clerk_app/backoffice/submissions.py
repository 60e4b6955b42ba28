"""Submitting case revisions exactly once, one (`PUT /cases/{id}/revisions/{n}`) or many at a time
(`POST /submissions`); both go through `submit_many`.

The pair (case id, revision) is the idempotency key and the primary key of `case_revisions`. A
submission first inserts its revision row with ON CONFLICT DO NOTHING, so the database decides
between concurrent submissions of one key: exactly one INSERT inserts (on PostgreSQL the others
wait for it to commit, then insert nothing). A key that was there already is answered by comparing
the sha256 of the body with the stored one: equal is a harmless replay (200, the same answer),
different is 409. A fresh revision the case's state does not admit (a second revision without a
correction request, a first one that is not revision 1) is 409 and its row is deleted again.

Many revisions are stored in one transaction, in a fixed lock order — revision rows by key, file
locks by sha256, case rows by id, queue counters last — so concurrent batches cannot deadlock; a
batch naming one case twice is stored in rounds, one occurrence per round.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from clerk_app.backoffice import db, transitions
from clerk_app.backoffice.auth import Principal, now
from clerk_app.backoffice.errors import ApiError, conflict
from clerk_app.backoffice.schema import case_files, case_revisions, cases, files, history
from clerk_app.backoffice.settings import Settings
from clerk_app.core.case import Case, DecisionKind
from clerk_app.core.case_codec import CaseFormatError, case_from_dict

SHA256 = re.compile(r"^[0-9a-f]{64}$")
KEY = re.compile(r"^\S{1,64}$")
MAX_REVISION = 10_000
SERVER_STATE = {
    DecisionKind.ACCEPT: "synced",
    DecisionKind.TOLERANCE_ACCEPT: "synced",
    DecisionKind.NOTIFY: "notified",
    DecisionKind.REFUSE: "refused",
}


@dataclass(frozen=True)
class Submission:
    case_id: str
    revision: int
    body: bytes  # the exact bytes the client serialised once


@dataclass(frozen=True)
class Result:
    status: int  # 201 created, 200 replay, 409 conflict, 422 invalid
    answer: dict[str, Any] | None = None  # SubmissionOut for 200/201
    error: ApiError | None = None


@dataclass(frozen=True)
class _Parsed:
    index: int
    case: Case
    body: bytes
    digest: str
    scans: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, int]:
        return self.case.id, self.case.revision


def submit(engine: Engine, settings: Settings, principal: Principal, case_id: str, revision: int,
           body: bytes) -> tuple[int, dict[str, Any]]:
    """(HTTP status, answer) for one submission; raises ApiError for 409/422."""
    result = submit_many(engine, settings, principal, [Submission(case_id, revision, body)])[0]
    if result.error is not None:
        raise result.error
    assert result.answer is not None
    return result.status, result.answer


def submit_many(engine: Engine, settings: Settings, principal: Principal,
                items: Sequence[Submission]) -> list[Result]:
    """One result per item, in order; an invalid or conflicting item does not stop the others."""
    results: dict[int, Result] = {}
    parsed = []
    for index, item in enumerate(items):
        try:
            case = parse_submission(item.body, item.case_id, item.revision, principal, settings)
        except ApiError as error:
            results[index] = Result(error.status, error=error)
            continue
        scans = sorted({s for m in case.materials for s in m.scans})
        parsed.append(_Parsed(index, case, item.body, hashlib.sha256(item.body).hexdigest(), scans))
    for batch in _rounds(parsed):
        results.update(_submit_round(engine, principal, batch))
    return [results[index] for index in range(len(items))]


def parse_submission(body: bytes, case_id: str, revision: int, principal: Principal, settings: Settings) -> Case:
    if not KEY.match(case_id) or not 1 <= revision <= MAX_REVISION:
        raise _invalid([f"key: a case id of 1-64 characters without spaces and a revision 1..{MAX_REVISION}"])
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise _invalid([f"body: not UTF-8 JSON ({error})"]) from None
    try:
        case = case_from_dict(data)
    except (CaseFormatError, TypeError, ValueError, AttributeError, KeyError) as error:
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


def _rounds(parsed: list[_Parsed]) -> Iterator[list[_Parsed]]:
    """The items split so that no round names a case twice (later occurrences in later rounds)."""
    while parsed:
        seen: set[str] = set()
        now_, later = [], []
        for item in parsed:
            (later if item.case.id in seen else now_).append(item)
            seen.add(item.case.id)
        yield sorted(now_, key=lambda p: p.key)
        parsed = later


def _submit_round(engine: Engine, principal: Principal, batch: list[_Parsed]) -> dict[int, Result]:
    with db.write(engine) as connection:
        results = _store(connection, batch, principal)
    held_before = [p for p in batch if p.index not in results]
    if held_before:
        with db.read(engine) as connection:
            results.update((p.index, _replay(connection, p)) for p in held_before)
    return results


def _store(connection: Connection, batch: list[_Parsed], principal: Principal) -> dict[int, Result]:
    """Store the revisions whose key is new; results for those (201 or 409), none for the others."""
    at = now()
    fresh = _insert_revisions(connection, batch, principal, at)
    if not fresh:
        return {}
    scans = sorted({s for p in fresh for s in p.scans})
    db.lock_keys(connection, [f"file:{s}" for s in scans])  # before any case row: one lock order
    previous = {row.case_id: row for row in connection.execute(
        sa.select(cases).where(cases.c.case_id.in_([p.case.id for p in fresh])).order_by(cases.c.case_id)
        .with_for_update()
    )}
    results: dict[int, Result] = {}
    for p in fresh:
        problem = _not_admitted(previous.get(p.case.id), p.case)
        if problem:
            results[p.index] = Result(409, error=conflict(problem))
    _delete_revisions(connection, [p for p in fresh if p.index in results])
    accepted = [p for p in fresh if p.index not in results]
    held = set(connection.execute(sa.select(files.c.sha256).where(files.c.sha256.in_(scans))).scalars()) \
        if scans else set()
    results.update(_write_cases(connection, accepted, previous, held, principal.username, at))
    return results


def _insert_revisions(connection: Connection, batch: list[_Parsed], principal: Principal,
                      at: datetime) -> list[_Parsed]:
    """Insert the revision rows whose key is new (ON CONFLICT DO NOTHING); the items they belong to."""
    rows = [{"case_id": p.case.id, "revision": p.case.revision, "body": p.body, "body_sha256": p.digest,
             "submitted_by": principal.username, "received_at": at} for p in batch]
    if db.is_postgresql(connection):
        inserted = db.insert_rows(connection, case_revisions, rows,
                                  tail="ON CONFLICT DO NOTHING RETURNING case_id, revision")
    else:
        statement = db.dialect_insert(connection, case_revisions).values(rows)
        inserted = connection.execute(statement.on_conflict_do_nothing().returning(
            case_revisions.c.case_id, case_revisions.c.revision))
    keys = {(row.case_id, row.revision) for row in inserted}
    return [p for p in batch if p.key in keys]


def _delete_revisions(connection: Connection, rejected: list[_Parsed]) -> None:
    for p in rejected:
        connection.execute(case_revisions.delete().where(
            case_revisions.c.case_id == p.case.id, case_revisions.c.revision == p.case.revision))


def _not_admitted(previous: Any, case: Case) -> str:
    """Why the case's current state does not take this fresh revision ('' when it does)."""
    if previous is None:
        return "" if case.revision == 1 else f"case {case.id} is unknown here: submit revision 1 first"
    if previous.state != "correction_requested":
        return f"case {case.id} is {previous.state}: a new revision needs correction_requested"
    if case.revision <= previous.revision:  # the window numbers revisions; its own steps count too
        return f"case {case.id} is at revision {previous.revision}: a resubmission needs a higher one"
    return ""


def _write_cases(connection: Connection, accepted: list[_Parsed], previous: dict[str, Any], held: set[str],
                 actor: str, at: datetime) -> dict[int, Result]:
    """Insert or update the cases, their file lists, queue rows and history, a statement per table."""
    results: dict[int, Result] = {}
    new_cases, listed, queued, steps = [], [], [], []
    resubmitted = [p.case.id for p in accepted if p.case.id in previous]
    if resubmitted:
        connection.execute(case_files.delete().where(case_files.c.case_id.in_(resubmitted)))
        transitions.dequeue(connection, resubmitted)
    for p in accepted:
        case, before = p.case, previous.get(p.case.id)
        assert case.decision is not None
        state = SERVER_STATE[case.decision.kind]
        missing = [s for s in p.scans if s not in held]
        values = _case_values(case, state, complete=not missing, at=at)
        if before is None:
            new_cases.append({"case_id": case.id, "received_at": at, **values})
        else:
            connection.execute(cases.update().where(cases.c.case_id == case.id).values(**values))
        listed.extend({"case_id": case.id, "sha256": s} for s in p.scans)
        if not missing and state in transitions.QUEUED_STATES:
            queued.extend({"department": d, "case_id": case.id, "state": state,
                           "deadline": case.decision.promised_date} for d in dict.fromkeys(case.departments))
        steps.append(transitions.history_row(
            case_id=case.id, revision=case.revision, kind="submission", from_state=before.state if before else None,
            to_state=state, actor=actor, at=at,
            detail={"window_decision": case.decision.kind.value, "body_sha256": p.digest}))
        results[p.index] = Result(201, _answer(case.id, case.revision, case.number, state, missing))
    for table, rows in ((cases, new_cases), (case_files, listed), (history, steps)):
        if rows:
            db.insert_rows(connection, table, rows)
    transitions.enqueue_rows(connection, queued)
    return results


def _case_values(case: Case, state: str, *, complete: bool, at: datetime) -> dict[str, Any]:
    assert case.decision is not None
    return {
        "revision": case.revision, "number": case.number, "hall_code": case.hall_code, "name": case.name,
        "applicant_name": case.applicant.name, "departments": json.dumps(list(case.departments), ensure_ascii=False),
        "state": state, "deadline": case.decision.promised_date, "complete": complete, "claimed_by": None,
        "decision": None, "updated_at": at,
    }


def _replay(connection: Connection, p: _Parsed) -> Result:
    case_id, revision = p.key
    stored = connection.execute(
        sa.select(case_revisions.c.body_sha256)
        .where(case_revisions.c.case_id == case_id, case_revisions.c.revision == revision)
    ).scalar()
    if stored is None:
        return Result(409, error=conflict("the case changed concurrently; try again"))
    if stored != p.digest:
        return Result(409, error=conflict(
            f"revision {revision} of case {case_id} was submitted before with different content"))
    row = connection.execute(sa.select(cases).where(cases.c.case_id == case_id)).one()
    missing = transitions.case_missing_files(connection, case_id) if row.revision == revision else []
    return Result(200, _answer(case_id, revision, row.number, row.state, missing))


def _answer(case_id: str, revision: int, number: str, state: str, missing: list[str]) -> dict[str, Any]:
    return {"case_id": case_id, "revision": revision, "number": number, "state": state,
            "missing_files": missing, "complete": not missing}
