"""The sync engine pushing through the batch routes (`POST /files`, `POST /submissions`) of the real
back office over loopback: every row answered as one request per file and revision would have it."""

from __future__ import annotations

import hashlib
import random
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa
import uvicorn

from clerk_app.backoffice.auth import sign_in
from clerk_app.backoffice.schema import case_revisions, files
from clerk_app.core.case import CaseState, MaterialReceipt
from clerk_app.store.cases import CaseStore
from clerk_app.store.engine import open_database
from clerk_app.store.schema import SyncState
from clerk_app.sync.backoff import Backoff
from clerk_app.sync.client import BackOfficeClient
from clerk_app.sync.engine import SyncEngine
from tests.backoffice.conftest import PASSWORD, make_settings
from tests.store.sample import accepted


@pytest.fixture
def served(database_url: str, app_factory) -> Iterator[tuple[str, str, object]]:  # type: ignore[no-untyped-def]
    """(URL, the clerk's token, the app) of the back office served by uvicorn in a thread."""
    app = app_factory(database_url)
    token = sign_in(app.state.engine, make_settings(database_url, Path(".")), "clerk", PASSWORD)[0]
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    server = uvicorn.Server(uvicorn.Config(app, log_level="critical", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    yield f"http://127.0.0.1:{listener.getsockname()[1]}", token, app
    server.should_exit = True
    thread.join(10)
    listener.close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[CaseStore]:
    engine = open_database(tmp_path / "ws" / "store.sqlite3")
    yield CaseStore(engine)
    engine.dispose()


def fill(store: CaseStore, files_dir: Path, count: int, pages: int = 3) -> list:  # type: ignore[type-arg]
    rng = random.Random(5)
    files_dir.mkdir(parents=True, exist_ok=True)
    made = []
    for index in range(1, count + 1):
        scans = []
        for _ in range(pages):
            data = b"%PDF-1.7\n" + rng.randbytes(3000)
            scans.append(hashlib.sha256(data).hexdigest())
            (files_dir / f"{scans[-1]}.pdf").write_bytes(data)
        material = MaterialReceipt(key="id", name="身份证", necessity="必要", required=True, received=True,
                                   form="复印件", copies=1, scans=tuple(scans))
        case = accepted(f"BT01-W07-20261123-{index:04d}", name=f"申请人{index}")
        made.append(store.save(replace(case, materials=(material,))))
    return made


def test_batches_push_each_row_once(served, store: CaseStore, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url, token, app = served
    files_dir = tmp_path / "ws" / "files"
    cases = fill(store, files_dir, 23)
    client = BackOfficeClient(url, token=token)
    first = cases[0]
    for digest in first.materials[0].scans:  # as if a crash came after sending, before recording
        assert client.put_file(digest, (files_dir / f"{digest}.pdf").read_bytes()).ok
    [item] = [i for i in SyncEngine(store, client, files_dir).outbox.due(100) if i.case_id == first.id]
    assert client.put_case(item.case_id, item.revision, item.payload).ok
    missing = cases[1].materials[0].scans[1]
    (files_dir / f"{missing}.pdf").unlink()
    engine = SyncEngine(store, client, files_dir, backoff=Backoff(0, 0), batch=10, case_batch=4, file_batch=5)
    summary = engine.run_once()
    assert (summary.pushed, summary.replayed, summary.quarantined, summary.backlog) == (21, 1, 1, 0)
    assert store.sync_state(cases[1].id) is SyncState.QUARANTINED
    for case in cases[2:]:
        assert store.sync_state(case.id) is SyncState.SYNCED and store.get(case.id).state is CaseState.SYNCED
    with app.state.engine.connect() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(case_revisions)).scalar() == 22
        assert connection.execute(sa.select(sa.func.count()).select_from(files)).scalar() == 23 * 3 - 1
    assert engine.run_once().pushed == 0
    client.close()


def test_offline_batches_leave_the_rows_pending(store: CaseStore, tmp_path: Path) -> None:
    files_dir = tmp_path / "ws" / "files"
    fill(store, files_dir, 6)
    client = BackOfficeClient("http://127.0.0.1:9", token="t", timeout=(0.3, 0.3))
    summary = SyncEngine(store, client, files_dir, backoff=Backoff(0, 0), case_batch=4, file_batch=5).run_once()
    assert (summary.online, summary.pushed, summary.backlog) == (False, 0, 6)
