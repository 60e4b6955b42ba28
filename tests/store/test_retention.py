"""Retention purge: only closed cases the back office confirmed go, and they are really gone from the file."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from clerk_app.core.case import CaseState, MaterialReceipt
from clerk_app.store.audit import AuditLog
from clerk_app.store.cases import CaseStore
from clerk_app.store.engine import write
from clerk_app.store.retention import purge
from clerk_app.store.schema import OutboxState
from clerk_app.sync.outbox import Outbox
from tests.store.sample import CST, accepted

OLD = datetime(2026, 1, 5, 9, 0, tzinfo=CST)
NAME, ID_NUMBER = "欧阳娜娜", "150203198001011234"


def mark_all_sent(engine: Engine, except_case: str) -> None:
    """What a sync round leaves when the back office confirmed every revision but one case's."""
    outbox = Outbox(engine)
    for item in outbox.due(10_000):
        if item.case_id != except_case:
            with write(engine) as connection:
                outbox.finish_in(connection, item, OutboxState.SENT, "")


def closed_case(cases: CaseStore, files: Path, number: str, *, name: str, id_number: str, at: datetime,
                scan: bytes) -> str:
    files.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(scan).hexdigest()
    (files / f"{digest}.pdf").write_bytes(scan)
    case = accepted(number, name=name, id_number=id_number, created_at=at)
    material = MaterialReceipt(key="id", name="身份证", necessity="必要", required=True, received=True,
                               form="复印件", copies=1, scans=(digest,))
    case = cases.save(replace(case, materials=(material,)))
    for state in (CaseState.SYNCED, CaseState.APPROVED, CaseState.HANDED_OUT):
        case = cases.save(case.moved(state, at=at + timedelta(hours=1), actor="demo"))
    return case.id


def test_purge_removes_only_closed_confirmed_old_cases(engine: Engine, db_path: Path, tmp_path: Path) -> None:
    files = tmp_path / "files"
    clock = [OLD]
    cases = CaseStore(engine, clock=lambda: clock[0])
    gone = closed_case(cases, files, "BT01-W07-20260105-0001", name=NAME, id_number=ID_NUMBER, at=OLD,
                       scan=b"%PDF-old scan of " + NAME.encode())
    shared_scan = b"%PDF-shared"
    kept_pending = closed_case(cases, files, "BT01-W07-20260105-0002", name="王芳", id_number="11010519491231002X",
                               at=OLD, scan=shared_scan)
    mark_all_sent(engine, except_case=kept_pending)  # the back office confirmed all but one
    clock[0] = datetime(2026, 11, 20, 9, 0, tzinfo=CST)
    recent = closed_case(cases, files, "BT01-W07-20261120-0001", name="李强", id_number="110105194912310021",
                         at=clock[0], scan=b"%PDF-recent")
    mark_all_sent(engine, except_case=kept_pending)
    report = purge(engine, files, before=datetime(2026, 6, 1, tzinfo=CST))
    assert report.cases == 1 and report.files == 1
    assert cases.get(gone) is None and cases.get(kept_pending) is not None and cases.get(recent) is not None
    assert len(list(files.iterdir())) == 2
    engine.dispose()
    on_disk = b"".join(p.read_bytes() for p in db_path.parent.iterdir() if p.name.startswith(db_path.name))
    assert NAME.encode() not in on_disk and ID_NUMBER.encode() not in on_disk  # really gone, not just unlinked
    assert "王芳".encode() in on_disk  # the kept case is still there, in clear (encryption is another layer)
    entry = list(AuditLog(engine).entries())[-1]
    assert (entry.action, entry.detail) == ("purge", {"cases": 1, "files": 1})
