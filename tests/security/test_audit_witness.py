"""Workstations as witnesses of the back office's trail: each sync round keeps the highest signed head.

The real back office (uvicorn on loopback, SQLite) and the workstation's real sync engine: the
head the workstation keeps grows with the server's trail; when entries are cut from the server's
end, the next round warns and keeps the earlier head, which `clerk-app audit head --workstation`
writes out and `clerk-app audit verify --backoffice-db URL --anchor FILE` (child processes) turns
into a report of the cut.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from clerk_app.backoffice import audit
from clerk_app.backoffice.accounts import add_account
from clerk_app.backoffice.audit_keys import PUBLIC_NAME
from clerk_app.store.at_rest import DataFolder, open_folder
from clerk_app.store.audit_witness import Kept, saved_head
from clerk_app.store.cases import CaseStore
from clerk_app.sync.audit_head import witness_head
from clerk_app.sync.backoff import Backoff
from clerk_app.sync.client import BackOfficeClient
from clerk_app.sync.engine import SyncEngine
from tests.sync.real_backoffice import RealBackOffice

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "window password 1"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RealBackOffice]:
    served = RealBackOffice(f"sqlite:///{tmp_path / 'backoffice.sqlite3'}", tmp_path / "backoffice", {})
    add_account(served.engine, "w07", role="clerk", password=PASSWORD, hall_code="BT01", display_name="七号窗口")
    served.start()
    yield served
    served.stop()


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[DataFolder]:
    opened = open_folder(tmp_path / "data" / "workstation.sqlite3", None)
    yield opened
    opened.engine.dispose()


@pytest.fixture
def client(server: RealBackOffice) -> Iterator[BackOfficeClient]:
    signed_in = BackOfficeClient(server.url, timeout=(2, 5))
    assert signed_in.sign_in("w07", PASSWORD).ok
    yield signed_in
    signed_in.close()


def clerk_app(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLERK_APP_DATA": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    env.pop("CLERK_APP_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "clerk_app", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False, env=env)


def server_seq(server: RealBackOffice) -> int:
    with server.engine.connect() as connection:
        return int(connection.execute(sa.text("SELECT max(seq) FROM audit_log")).scalar_one())


def test_sync_keeps_the_highest_head_and_a_cut_is_reported_from_it(
        server: RealBackOffice, client: BackOfficeClient, folder: DataFolder, tmp_path: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    sync = SyncEngine(CaseStore(folder.engine), client, folder.files, backoff=Backoff(base=0.0, cap=0.0))
    assert sync.run_once().online
    first = saved_head(folder.engine)
    assert first is not None and first.seq == server_seq(server)  # the clerk's sign-in
    for number in range(1, 4):
        audit.record_now(server.engine, "chief", "decision", f"case-{number}", {"kind": "approve"})
    sync.run_once()
    kept = saved_head(folder.engine)
    assert kept is not None and kept.seq == first.seq + 3 == server_seq(server)
    assert witness_head(client, folder.engine) is Kept.SAME

    with server.engine.begin() as connection:  # someone with the server database's password
        connection.execute(sa.text(f"DELETE FROM audit_log WHERE seq > {kept.seq - 2}"))
    with caplog.at_level(logging.WARNING, logger="clerk_app.sync.audit_head"):
        assert sync.run_once().online  # the round itself goes on
    assert any("entries were cut from its end or rewritten" in r.getMessage() for r in caplog.records)
    assert saved_head(folder.engine) == kept  # the earlier, higher head stays
    folder.engine.dispose()

    anchor = tmp_path / "anchor.json"
    database = tmp_path / "data" / "workstation.sqlite3"
    saved = clerk_app(tmp_path, "audit", "head", "--workstation", "--db", str(database), "-o", str(anchor))
    assert saved.returncode == 0, saved.stderr
    assert f"audit head #{kept.seq} " in saved.stdout
    done = clerk_app(tmp_path, "audit", "verify", "--backoffice-db", server.settings.database_url,
                     "--public-key", str(tmp_path / "backoffice" / PUBLIC_NAME), "--anchor", str(anchor))
    assert done.returncode == 1, done.stdout
    assert (f"audit entry #{kept.seq}: missing: the trail ends at #{kept.seq - 2}, but the anchor anchor.json "
            f"(#{kept.seq} ") in done.stdout


def test_a_workstation_without_a_head_says_so(folder: DataFolder, tmp_path: Path) -> None:
    folder.engine.dispose()
    database = tmp_path / "data" / "workstation.sqlite3"
    done = clerk_app(tmp_path, "audit", "head", "--workstation", "--db", str(database), "-o",
                     str(tmp_path / "anchor.json"))
    assert done.returncode == 1 and "has kept no back-office audit head yet" in done.stderr
    assert not (tmp_path / "anchor.json").exists()
