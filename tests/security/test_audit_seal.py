"""The workstation's sealed audit head: entries cut from the end of its trail found by `clerk-app audit verify`.

An encrypted data folder (its key from an enrolment secret) seals the head of its trail beside the
database after each committed entry. `clerk-app audit verify --db PATH`, run as a child process,
reports the last entries deleted (with a SQLCipher shell and the key), the database put back from
an older copy, and a seal edited or replaced; without a seal it says that truncation cannot be seen.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from clerk_app.config.settings import SecuritySettings
from clerk_app.store.at_rest import DataFolder, open_folder
from clerk_app.store.audit import AuditLog
from clerk_app.store.audit_seal import HeadSeal, seal_path
from clerk_app.store.cases import CaseStore
from clerk_app.store.engine import make_engine, write
from clerk_app.store.keys import ENROLMENT_ENV
from tests.store.sample import accepted

ROOT = Path(__file__).resolve().parents[2]
SECRET = "the hall's enrolment secret, 32 characters or more"
CASES = 4


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(ENROLMENT_ENV, SECRET)
    return tmp_path / "data" / "workstation.sqlite3"


@pytest.fixture
def folder(database: Path) -> Iterator[DataFolder]:
    opened = open_folder(database, SecuritySettings())
    yield opened
    opened.engine.dispose()


def verify(database: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLERK_APP_DATA": str(database.parent), "PYTHONPATH": str(ROOT), ENROLMENT_ENV: SECRET}
    env.pop("CLERK_APP_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "clerk_app", "audit", "verify", "--db", str(database)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False, env=env)


def decide(folder: DataFolder, first: int, count: int) -> None:
    cases = CaseStore(folder.engine)
    for index in range(first, first + count):
        cases.save(accepted(f"BT01-W07-20261123-{index:04d}"))


def shell(folder: DataFolder, database: Path, statement: str) -> None:
    """What someone with the file and the folder's key could do in a SQLCipher shell."""
    engine = make_engine(database, key=folder.key)
    try:
        with write(engine) as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def test_each_committed_entry_is_sealed_and_verify_reaches_it(folder: DataFolder, database: Path) -> None:
    decide(folder, 1, CASES)
    seal = HeadSeal(seal_path(database), folder.key).read()
    assert seal is not None and seal.keyed and (seal.seq, seal.hash) == AuditLog(folder.engine).head()
    on_disk = seal_path(database).read_text()
    assert seal_path(database).name == "workstation.audit-head.json" and "BT01" not in on_disk
    with pytest.raises(RuntimeError), write(folder.engine) as connection:  # a rolled-back entry is not sealed
        AuditLog(folder.engine).append_in(connection, "w07", "sign_in", "w07")
        raise RuntimeError("rolled back")
    assert HeadSeal(seal_path(database), folder.key).read() == seal
    folder.engine.dispose()
    done = verify(database)
    assert done.returncode == 0, done.stderr
    assert f"{CASES} entries, chain intact, sealed head #{CASES} " in done.stdout and done.stderr == ""


def test_the_last_entries_deleted_are_found(folder: DataFolder, database: Path) -> None:
    decide(folder, 1, CASES)
    sealed_hash = AuditLog(folder.engine).head()[1]
    folder.engine.dispose()
    shell(folder, database, f"DELETE FROM audit_log WHERE seq > {CASES - 2}")
    done = verify(database)
    assert done.returncode == 1, done.stdout
    assert (f"audit entry #{CASES}: missing: the trail ends at #{CASES - 2}, but its sealed head "
            f"workstation.audit-head.json (#{CASES} {sealed_hash[:16]}… sealed at ") in done.stdout
    assert "2 entries deleted from the end" in done.stdout
    assert f"{CASES - 2} entries, 1 breaks: the audit trail was altered" in done.stderr


def test_the_database_put_back_from_an_older_copy_is_found(folder: DataFolder, database: Path,
                                                          tmp_path: Path) -> None:
    decide(folder, 1, 2)
    folder.engine.dispose()
    backup = tmp_path / "backup"
    backup.mkdir()
    copies = [p for p in database.parent.iterdir() if p.name.startswith(database.name)]
    for path in copies:
        shutil.copy(path, backup / path.name)
    again = open_folder(database, SecuritySettings())
    decide(again, 3, 3)
    again.engine.dispose()
    for path in database.parent.iterdir():
        if path.name.startswith(database.name):
            path.unlink()
    for path in backup.iterdir():
        shutil.copy(path, database.parent / path.name)
    done = verify(database)
    assert done.returncode == 1
    assert "audit entry #5: missing: the trail ends at #2" in done.stdout


def test_a_seal_edited_or_deleted(folder: DataFolder, database: Path) -> None:
    decide(folder, 1, CASES)
    folder.engine.dispose()
    path = seal_path(database)
    original = path.read_text()
    path.write_text(json.dumps({**json.loads(original), "seq": CASES - 2}))  # to match a cut trail
    edited = verify(database)
    assert edited.returncode == 1
    assert "its seal does not match its content or this folder's key (altered)" in edited.stdout
    path.write_text(json.dumps({**json.loads(original), "keyed": False}))
    unkeyed = verify(database)
    assert unkeyed.returncode == 1 and "not sealed with this folder's key" in unkeyed.stdout
    path.unlink()
    unsealed = verify(database)
    assert unsealed.returncode == 0 and f"{CASES} entries, chain intact" in unsealed.stdout
    assert "no sealed audit head (workstation.audit-head.json) beside the database: entries deleted from the end " \
           "cannot be detected" in unsealed.stderr
    again = open_folder(database, SecuritySettings())  # the next entry seals the head again
    AuditLog(again.engine).append("w07", "sign_in", "w07")
    again.engine.dispose()
    assert verify(database).returncode == 0 and json.loads(path.read_text())["seq"] == CASES + 1
