"""The sync engine against the real back office (SQLite), directly and through the fault proxy."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from clerk_app.store.cases import CaseStore, case_payload
from clerk_app.store.schema import SyncState
from clerk_app.sync.backoff import Backoff
from clerk_app.sync.client import BackOfficeClient
from clerk_app.sync.engine import SyncEngine
from tests.sync.fault_proxy import FaultProxy, Faults
from tests.sync.real_backoffice import CLERK, PASSWORD, RealBackOffice
from tests.sync.samples import fill


@pytest.fixture
def backoffice(tmp_path: Path) -> Iterator[RealBackOffice]:
    server = RealBackOffice(tmp_path / "backoffice").start()
    yield server
    server.stop()


def _revisions(backoffice: RealBackOffice) -> dict[str, int]:
    with backoffice.engine.connect() as connection:
        tables = [r[0] for r in connection.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))]
        table = next(t for t in tables if "revision" in t)
        rows = connection.execute(text(f"SELECT case_id, COUNT(*) FROM {table} GROUP BY case_id")).all()
    return dict(rows)


def test_exactly_once_through_faults_on_the_real_back_office(store: CaseStore, files_dir: Path,
                                                            backoffice: RealBackOffice) -> None:
    cases = fill(store, files_dir, 30)
    proxy = FaultProxy(backoffice.port, Faults(delay=0.03, max_delay=0.4, drop=0.03, reset=0.02, lost_reply=0.06),
                       seed=3)
    client = BackOfficeClient(proxy.url, timeout=(1.0, 0.5))
    engine = SyncEngine(store, client, files_dir, backoff=Backoff(base=0.01, cap=0.05))
    try:
        while not client.sign_in(CLERK, PASSWORD).ok:
            time.sleep(0.01)
        deadline = time.monotonic() + 60
        rounds = 0
        while engine.outbox.backlog() and time.monotonic() < deadline:
            engine.run_once()
            rounds += 1
    finally:
        client.close()
        proxy.stop()
    assert engine.outbox.backlog() == 0, engine.outbox.problems()
    assert engine.outbox.problems() == []
    revisions = _revisions(backoffice)
    assert revisions == {case.id: 1 for case in cases}
    stored = {p.name for p in (backoffice.app.state.settings.files_dir).rglob("*") if p.is_file()}
    for case in cases:
        assert store.sync_state(case.id) is SyncState.SYNCED
        for digest in case.materials[0].scans:
            data = (files_dir / f"{digest}.pdf").read_bytes()
            assert hashlib.sha256(data).hexdigest() == digest and any(digest in name for name in stored)
    replay = BackOfficeClient(backoffice.url)
    assert replay.sign_in(CLERK, PASSWORD).ok
    assert replay.put_case(cases[0].id, 1, case_payload(cases[0])).status == 200
    print(f"\nreal back office via fault proxy: {dict(proxy.counts)}; rounds {rounds}; "
          f"cases on server {len(revisions)} (each once), files {len(stored)}")
