"""Writing down what happens to a case: history rows, the queue's copy of the state, the change feed.

The change feed's cursor is the `changes.cursor` identity. On PostgreSQL sequence numbers are
handed out at INSERT time, not at COMMIT time, so two transactions may commit their changes out
of cursor order and a reader could skip past a change that commits late. To rule that out every
transaction that writes a change takes one transaction-level advisory lock (FEED_LOCK) just before
its INSERT and keeps it until it commits: cursors are therefore handed out *and committed* one
transaction after another, and once a reader sees cursor N every cursor below N that will ever
exist is already visible. The lock is held only for the INSERT and the COMMIT, and only decisions
and hand-outs write changes (not the ingest path), so the serialisation costs little. On SQLite
writers are serialised anyway (BEGIN IMMEDIATE), so the rowid order is the commit order.
Cursors increase strictly but may have gaps (rolled-back transactions).

Every change to `queue` goes through `enqueue`/`dequeue`/`set_state` here, which also gather the
change to `queue_counts` and write it once, just before the commit (`db.pending`).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from clerk_app.backoffice import audit, db
from clerk_app.backoffice.schema import case_files, cases, changes, files, history, queue, queue_counts

FEED_LOCK = "backoffice-change-feed"
QUEUED_STATES = ("synced",)  # complete cases in these states enter the department queues


def record(
    connection: Connection, *, case_id: str, revision: int, kind: str, from_state: str | None, to_state: str,
    actor: str, at: datetime, detail: dict[str, Any] | None = None,
) -> None:
    connection.execute(history.insert().values(history_row(
        case_id=case_id, revision=revision, kind=kind, from_state=from_state, to_state=to_state, actor=actor,
        at=at, detail=detail,
    )))
    audit.record_step(connection, case_id=case_id, revision=revision, kind=kind, from_state=from_state,
                      to_state=to_state, actor=actor, detail=detail)  # before `publish`: see audit's lock order


def history_row(*, detail: dict[str, Any] | None, **values: Any) -> dict[str, Any]:
    return {**values, "detail": json.dumps(detail or {}, ensure_ascii=False)}


def publish(connection: Connection, row: Any, *, state: str, at: datetime, decision: dict[str, Any] | None) -> None:
    """Append to the change feed; call last in the transaction (the feed lock lasts until commit)."""
    db.lock_keys(connection, [FEED_LOCK])
    connection.execute(changes.insert().values(
        case_id=row.case_id, hall_code=row.hall_code, number=row.number, state=state, revision=row.revision,
        at=at, decision=json.dumps(decision, ensure_ascii=False) if decision is not None else None,
    ))


def set_state(connection: Connection, case_id: str, state: str, at: datetime, **values: Any) -> None:
    connection.execute(cases.update().where(cases.c.case_id == case_id).values(state=state, updated_at=at, **values))
    queued = connection.execute(sa.select(queue.c.department, queue.c.state).where(queue.c.case_id == case_id)).all()
    if not queued:
        return
    connection.execute(queue.update().where(queue.c.case_id == case_id).values(state=state))
    deltas = counts(connection)
    deltas.subtract((row.department, row.state) for row in queued)
    deltas.update((row.department, state) for row in queued)


def enqueue(connection: Connection, case_id: str, departments: Sequence[str], state: str,
            deadline: date | None) -> None:
    dequeue(connection, [case_id])
    enqueue_rows(connection, [{"department": d, "case_id": case_id, "state": state, "deadline": deadline}
                              for d in departments])


def enqueue_rows(connection: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert queue rows ({department, case_id, state, deadline}) of cases not queued now."""
    if not rows:
        return
    db.insert_rows(connection, queue, rows)
    counts(connection).update((row["department"], row["state"]) for row in rows)


def dequeue(connection: Connection, case_ids: Sequence[str]) -> None:
    if not case_ids:
        return
    gone = connection.execute(
        queue.delete().where(queue.c.case_id.in_(case_ids)).returning(queue.c.department, queue.c.state)
    ).all()
    counts(connection).subtract((row.department, row.state) for row in gone)


def counts(connection: Connection) -> Counter[tuple[str, str]]:
    """This transaction's changes to `queue_counts`, written just before it commits."""
    return db.pending(connection, "queue_counts", Counter, _write_counts)


def _write_counts(connection: Connection, deltas: Counter[tuple[str, str]]) -> None:
    rows = [{"department": d, "state": s, "n": n} for (d, s), n in sorted(deltas.items()) if n]
    if not rows:
        return
    if db.is_postgresql(connection):
        db.insert_rows(connection, queue_counts, rows,
                       tail="ON CONFLICT (department, state) DO UPDATE SET n = queue_counts.n + excluded.n")
        return
    insert = db.dialect_insert(connection, queue_counts)
    connection.execute(insert.on_conflict_do_update(
        index_elements=[queue_counts.c.department, queue_counts.c.state],
        set_={"n": queue_counts.c.n + insert.excluded.n},
    ), rows)


def missing_files(connection: Connection, sha256s: Iterable[str]) -> list[str]:
    wanted = sorted(set(sha256s))
    if not wanted:
        return []
    held = set(connection.execute(sa.select(files.c.sha256).where(files.c.sha256.in_(wanted))).scalars())
    return [s for s in wanted if s not in held]


def case_missing_files(connection: Connection, case_id: str) -> list[str]:
    listed = connection.execute(sa.select(case_files.c.sha256).where(case_files.c.case_id == case_id)).scalars()
    return missing_files(connection, listed)


def complete_cases_waiting_for(connection: Connection, sha256s: Sequence[str]) -> None:
    """After files arrive: every case now holding all its files becomes complete (and queued).

    The caller holds the files' advisory locks and inserted the files first; the case rows are
    locked here in id order, so two uploads finishing one case cannot both miss each other.
    """
    if not sha256s:
        return
    waiting = (
        sa.select(cases.c.case_id, cases.c.state, cases.c.departments, cases.c.deadline)
        .join(case_files, case_files.c.case_id == cases.c.case_id)
        .where(case_files.c.sha256.in_(sorted(set(sha256s))), cases.c.complete.is_(False))
        .order_by(cases.c.case_id)
        .with_for_update(of=cases)
    )
    rows = {row.case_id: row for row in connection.execute(waiting).all()}  # a case listing two: once
    for row in rows.values():
        if case_missing_files(connection, row.case_id):
            continue
        connection.execute(cases.update().where(cases.c.case_id == row.case_id).values(complete=True))
        if row.state in QUEUED_STATES:
            enqueue(connection, row.case_id, json.loads(row.departments), row.state, row.deadline)
