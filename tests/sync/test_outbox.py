"""The outbox is written with the case, holds the exact bytes, and old files are queued on upgrade."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select

from clerk_app.core.case_codec import case_to_dict
from clerk_app.store import migrations
from clerk_app.store.cases import CaseStore, case_payload
from clerk_app.store.engine import make_engine, open_database, read, write
from clerk_app.store.schema import OutboxRow, SyncState
from clerk_app.sync.outbox import Outbox
from tests.store.sample import accepted, draft

OUTBOX = OutboxRow.__table__


def _rows(store: CaseStore) -> list:
    with read(store.engine) as connection:
        return connection.execute(select(OUTBOX).order_by(OUTBOX.c.id)).all()


def test_decided_case_is_queued_with_its_exact_bytes(store: CaseStore) -> None:
    saved = store.save(accepted("BT01-W07-20261123-0001", answers={"备注": "𠀀生僻字"}))
    [row] = _rows(store)
    expected = json.dumps(case_to_dict(saved), sort_keys=True, ensure_ascii=False).encode("utf-8")
    assert (row.case_id, row.revision, row.payload, row.state) == (saved.id, 1, expected, "pending")
    assert row.sha256 == hashlib.sha256(expected).hexdigest()
    assert "𠀀生僻字".encode() in row.payload
    assert store.sync_state(saved.id) is SyncState.PENDING


def test_drafts_and_identical_saves_queue_nothing(store: CaseStore) -> None:
    store.save(draft())
    saved = store.save(accepted("BT01-W07-20261123-0001"))
    store.save(saved)
    assert len(_rows(store)) == 1


def test_every_new_decided_revision_is_queued(store: CaseStore) -> None:
    saved = store.save(accepted("BT01-W07-20261123-0001"))
    changed = store.save(replace(saved, answers={"x": 1}))
    assert [(r.revision, r.payload) for r in _rows(store)] == [(1, case_payload(saved)), (2, case_payload(changed))]
    assert Outbox(store.engine).backlog() == 2


def test_upgrade_from_0001_queues_local_decided_cases(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    with write(engine) as connection:
        migrations.upgrade(connection, "0001")
    engine.dispose()
    case = accepted("BT01-W07-20261123-0001")
    engine = make_engine(path)
    with write(engine) as connection:
        _insert_v1(connection, case)
    engine.dispose()
    engine = open_database(path)
    try:
        store = CaseStore(engine)
        [row] = _rows(store)
        assert row.payload == case_payload(case)
        assert store.sync_state(case.id) is SyncState.PENDING
    finally:
        engine.dispose()


def _insert_v1(connection, case) -> None:
    connection.exec_driver_sql(
        "INSERT INTO cases (id, number, code, name, state, hall_code, window_code, clerk, applicant_name,"
        " applicant_id_number, created_at, created_day, updated_at, revision, sync_state)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 'local')",
        (case.id, case.number, case.code, case.name, case.state.value, case.hall_code, case.window_code,
         case.clerk, case.applicant.name, case.applicant.id_number, case.created_at.isoformat(),
         case.created_at.date().isoformat(), case.created_at.isoformat()),
    )
    connection.exec_driver_sql(
        "INSERT INTO case_documents VALUES (?, ?)", (case.id, json.dumps(case_to_dict(case), ensure_ascii=False))
    )
