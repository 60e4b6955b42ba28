"""Hand-out, evaluation and material-supply events from the windows, recorded exactly once by their event id.

The window gives each event a UUID (`event_id`, inside its JSON body) and sends the same bytes
again after a lost reply. The event is recorded in one write transaction: the case row is locked,
then the event row is inserted with ON CONFLICT DO NOTHING, so the database decides between
concurrent requests of one id (on PostgreSQL the second waits for the first to commit, then
inserts nothing). An id that was there already is answered by comparing the sha256 of the body's
canonical JSON with the stored one: equal is a harmless replay (200, the stored answer), different
(or another case or kind) is 409. A fresh event the case does not admit (a hand-out of an
undecided case) is 409 and leaves nothing behind; a bad rating opens its follow-up in the same
transaction (`follow_ups.open_for`). A supplied 容缺 material (`material_supply`) closes its open
tolerance on the back office: it is written in the case's history (no new revision, no change of
state), and its scans, held already, become files of the case.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from clerk_app.backoffice import db, follow_ups, transitions
from clerk_app.backoffice.access import case_for, decision_of
from clerk_app.backoffice.auth import Principal, now
from clerk_app.backoffice.errors import ApiError, conflict
from clerk_app.backoffice.models import EvaluationIn, HandoutIn, MaterialSupplyIn
from clerk_app.backoffice.schema import case_events, case_files, case_revisions, history
from clerk_app.core.evaluation import Evaluation, EvaluationError, evaluate
from clerk_app.core.workdays import WorkCalendar

CHINA = timezone(timedelta(hours=8))  # a rating time without offset is the hall's (China Standard Time)
MAX_CLOCK_AHEAD = timedelta(days=1)  # a rating or supply further in the future than this is refused
MATERIAL_SUPPLY = "material_supply"  # the event's kind and history step


@dataclass(frozen=True)
class Stored:
    """What an event was answered: 201 when it was stored now, 200 for a replay."""

    status: int
    answer: dict[str, Any]


Apply = Callable[[Connection, Any, datetime], dict[str, Any]]  # (connection, locked case row, now) -> answer


def canonical_sha256(body: bytes) -> str:
    """The sha256 of the body's JSON with sorted keys: the same content hashes the same however spaced."""
    data = json.loads(body)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_handout(engine: Engine, principal: Principal, case_id: str, body: HandoutIn, raw: bytes) -> Stored:
    _check_handout(body, case_id)

    def apply(connection: Connection, row: Any, at: datetime) -> dict[str, Any]:
        if row.state not in ("approved", "denied"):
            raise conflict(f"case {case_id} is {row.state}: only a decided case is handed out")
        detail = {"event_id": str(body.event_id), "to": body.to, "note": body.note, "carrier": body.carrier,
                  "tracking_number": body.tracking_number}
        transitions.set_state(connection, case_id, "handed_out", at)
        transitions.record(connection, case_id=case_id, revision=row.revision, kind="handout", from_state=row.state,
                           to_state="handed_out", actor=principal.username, at=at, detail=detail)
        transitions.publish(connection, row, state="handed_out", at=at, decision=decision_of(row))
        return _answer(row, str(body.event_id), state="handed_out", claimed_by=None)

    return _record(engine, principal, case_id, "handout", str(body.event_id), raw, apply)


def _check_handout(body: HandoutIn, case_id: str) -> None:
    problems = []
    if body.to == "mail" and not (body.carrier.strip() and body.tracking_number.strip()):
        problems.append("carrier, tracking_number: required when to is mail")
    record = body.record
    if record is not None:
        if record.case_id != case_id:
            problems.append(f"record.case_id: {record.case_id!r} is not the path's case {case_id!r}")
        if record.method != body.to:
            problems.append(f"record.method: {record.method!r} differs from to {body.to!r}")
        if record.method == "mail" and record.mail is None:
            problems.append("record.mail: required when method is mail")
        if record.method == "agent" and record.agent is None:
            problems.append("record.agent: required when method is agent")
    if problems:
        raise ApiError(422, "invalid", "the hand-out cannot be recorded", problems)


def record_evaluation(engine: Engine, principal: Principal, case_id: str, body: EvaluationIn, raw: bytes,
                      calendar: Callable[[], WorkCalendar]) -> Stored:
    rated_at = body.at if body.at.tzinfo is not None else body.at.replace(tzinfo=CHINA)
    if rated_at - now() > MAX_CLOCK_AHEAD:
        raise ApiError(422, "invalid", "the evaluation cannot be recorded",
                       [f"at: {rated_at.isoformat()} is in the future; check the window's clock"])

    def apply(connection: Connection, row: Any, at: datetime) -> dict[str, Any]:
        evaluation = checked_evaluation(body, row.number, rated_at)
        detail = {"event_id": str(evaluation.id), "level": int(evaluation.rating),
                  "reasons": [r.value for r in evaluation.reasons], "comment": evaluation.comment,
                  "stage": body.stage, "bad": evaluation.is_bad}
        transitions.record(connection, case_id=case_id, revision=row.revision, kind="evaluation",
                           from_state=row.state, to_state=row.state, actor=principal.username, at=at, detail=detail)
        follow_up_id = None
        if evaluation.is_bad:
            follow_up_id = follow_ups.open_for(connection, row, evaluation, body.stage, calendar(), at)
        return _answer(row, evaluation.id, state=row.state, claimed_by=row.claimed_by, follow_up_id=follow_up_id)

    return _record(engine, principal, case_id, "evaluation", str(body.event_id), raw, apply)


def record_supply(engine: Engine, principal: Principal, case_id: str, body: MaterialSupplyIn, raw: bytes) -> Stored:
    """补交: the tolerated material received at the window; its promise closed here too."""
    supplied_at = _checked_supply(body)

    def apply(connection: Connection, row: Any, at: datetime) -> dict[str, Any]:
        if row.state == "handed_out":
            raise conflict(f"case {case_id} is handed_out: a material can no longer be supplied")
        material = _tolerated_material(connection, row, body.material)
        earlier = supplied_materials(connection, case_id).get(body.material)
        if earlier is not None:
            raise conflict(f"material {body.material} of case {case_id} was supplied before (event {earlier})")
        _attach_scans(connection, case_id, body.scans)
        detail = {"event_id": str(body.event_id), "material": body.material,
                  "name": str(material.get("name") or body.name), "form": body.form, "copies": body.copies,
                  "scanned": body.scanned, "scans": list(body.scans), "at": supplied_at.isoformat(), "by": body.by,
                  "due": body.due.isoformat() if body.due else None, "late": body.late}
        transitions.record(connection, case_id=case_id, revision=row.revision, kind=MATERIAL_SUPPLY,
                           from_state=row.state, to_state=row.state, actor=principal.username, at=at, detail=detail)
        return _answer(row, str(body.event_id), state=row.state, claimed_by=row.claimed_by)

    return _record(engine, principal, case_id, MATERIAL_SUPPLY, str(body.event_id), raw, apply)


def _checked_supply(body: MaterialSupplyIn) -> datetime:
    """The supply's moment (UTC+8 when it has no offset); 422 naming each inconsistent field."""
    supplied_at = body.at if body.at.tzinfo is not None else body.at.replace(tzinfo=CHINA)
    problems = []
    if supplied_at - now() > MAX_CLOCK_AHEAD:
        problems.append(f"at: {supplied_at.isoformat()} is in the future; check the window's clock")
    if body.scanned != bool(body.scans):
        problems.append("scanned, scans: a scan is attached exactly when scans names it")
    if len(set(body.scans)) != len(body.scans):
        problems.append("scans: a file is listed twice")
    if problems:
        raise ApiError(422, "invalid", "the supplied material cannot be recorded", problems)
    return supplied_at


def _tolerated_material(connection: Connection, row: Any, key: str) -> dict[str, Any]:
    """The material `key` of the case's latest revision, which must be a tolerated one (else 422)."""
    body = connection.execute(sa.select(case_revisions.c.body).where(
        case_revisions.c.case_id == row.case_id, case_revisions.c.revision == row.revision)).scalar_one()
    for material in json.loads(body).get("materials") or []:
        if isinstance(material, dict) and material.get("key") == key and material.get("tolerated"):
            return material
    raise ApiError(422, "invalid", "the supplied material cannot be recorded",
                   [f"material: case {row.number} has no tolerated (容缺) material {key!r}"])


def _attach_scans(connection: Connection, case_id: str, scans: list[str]) -> None:
    """The supply's scans become files of the case (so its supervisors may open them); each must be held."""
    missing = transitions.missing_files(connection, scans)
    if missing:
        raise ApiError(422, "invalid", "the supplied material cannot be recorded",
                       [f"scans: file {sha} is not held; upload it first (PUT /files/{sha})" for sha in missing])
    if scans:
        rows = [{"case_id": case_id, "sha256": digest} for digest in scans]
        connection.execute(db.dialect_insert(connection, case_files).values(rows).on_conflict_do_nothing())


def supplied_materials(connection: Connection, case_id: str) -> dict[str, str]:
    """The materials of the case supplied after acceptance: material key → the event that said so."""
    details = connection.execute(sa.select(history.c.detail).where(
        history.c.case_id == case_id, history.c.kind == MATERIAL_SUPPLY).order_by(history.c.id)).scalars()
    supplied: dict[str, str] = {}
    for detail in details:
        data = json.loads(detail)
        supplied.setdefault(str(data.get("material")), str(data.get("event_id")))
    return supplied


def open_tolerance(document: dict[str, Any], supplied: dict[str, str]) -> list[str]:
    """Keys of the tolerated materials still owed: not received in `document` (a revision), not supplied since."""
    return [str(m.get("key")) for m in document.get("materials") or []
            if isinstance(m, dict) and m.get("tolerated") and not m.get("received") and m.get("key") not in supplied]


def checked_evaluation(body: EvaluationIn, case_number: str, rated_at: datetime) -> Evaluation:
    """The rating checked by the domain's rules; 422 naming each problem otherwise."""
    try:
        return evaluate(case_number, body.level, id=str(body.event_id), at=rated_at, reasons=tuple(body.reasons),
                        comment=body.comment, clerk=body.clerk.strip())
    except EvaluationError as error:
        field = {"evaluation.rating": "level", "evaluation.reason": "reasons",
                 "evaluation.reasons_not_bad": "reasons"}.get(error.code, "comment")
        raise ApiError(422, "invalid", "the evaluation cannot be recorded", [worded(field, error)]) from None


def worded(field: str, error: EvaluationError) -> str:
    return f"{field}: {error.text('zh')} ({error.text('en')})"


def _answer(row: Any, event_id: str, *, state: str, claimed_by: str | None,
            follow_up_id: int | None = None) -> dict[str, Any]:
    return {"event_id": event_id, "case_id": row.case_id, "state": state, "claimed_by": claimed_by,
            "decision": decision_of(row), "follow_up_id": follow_up_id}


def _record(engine: Engine, principal: Principal, case_id: str, kind: str, event_id: str, raw: bytes,
            apply: Apply) -> Stored:
    digest = canonical_sha256(raw)
    at = now()
    with db.write(engine) as connection:
        row = case_for(connection, principal, case_id, for_update=True)
        if not _insert(connection, event_id, case_id, kind, raw, digest, principal.username, at):
            return _replay(connection, event_id, case_id, kind, digest)
        answer = apply(connection, row, at)
        connection.execute(case_events.update().where(case_events.c.event_id == event_id).values(
            answer=json.dumps(answer, ensure_ascii=False)))
    return Stored(201, answer)


def _insert(connection: Connection, event_id: str, case_id: str, kind: str, raw: bytes, digest: str, actor: str,
            at: datetime) -> bool:
    """Insert the event row unless its id is taken; whether it was inserted."""
    values = {"event_id": event_id, "case_id": case_id, "kind": kind, "body": raw, "body_sha256": digest,
              "answer": "{}", "actor": actor, "at": at}
    statement = db.dialect_insert(connection, case_events).values(values).on_conflict_do_nothing()
    inserted = connection.execute(statement.returning(case_events.c.event_id)).first()
    return inserted is not None


def _replay(connection: Connection, event_id: str, case_id: str, kind: str, digest: str) -> Stored:
    stored = connection.execute(sa.select(case_events).where(case_events.c.event_id == event_id)).one()
    if stored.case_id != case_id or stored.kind != kind:
        raise conflict(f"event {event_id} was recorded before as a {stored.kind} of case {stored.case_id}")
    if stored.body_sha256 != digest:
        raise conflict(f"event {event_id} was recorded before with different content")
    return Stored(200, json.loads(stored.answer))
