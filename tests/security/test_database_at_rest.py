"""The database at rest: no plaintext in the file or its WAL, a wrong key changes nothing, plain files migrate."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from clerk_app.config.settings import SecuritySettings
from clerk_app.core.case import CaseState, MaterialReceipt
from clerk_app.store import cipher
from clerk_app.store.at_rest import open_folder
from clerk_app.store.audit import AuditLog
from clerk_app.store.cases import CaseStore
from clerk_app.store.engine import encrypted, open_database, write
from clerk_app.store.errors import NotADatabaseError, StoreError, WrongKeyError
from clerk_app.store.keys import INFO_FILE, DataKey
from clerk_app.store.retention import purge
from clerk_app.store.schema import OutboxState
from clerk_app.store.wipe import OLD_SUFFIX
from clerk_app.sync.outbox import Outbox
from tests.store.sample import CST, accepted, complex_case

NAME, ID_NUMBER = "欧阳娜娜", "150203198001011234"
SECRETS = [NAME.encode("utf-8"), NAME.encode("utf-16-le"), NAME.encode("gb18030"), ID_NUMBER.encode()]


def plaintext_in(*paths: Path) -> list[str]:
    """Which files under `paths` hold the applicant's name or ID number (any common encoding)."""
    found = []
    for root in paths:
        for path in [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file()):
            data = path.read_bytes()
            if any(secret in data for secret in SECRETS):
                found.append(str(path))
    return found


def database_files(path: Path) -> list[Path]:
    return [p for p in path.parent.iterdir() if p.name.startswith(path.name)]


def with_scan(case, digest: str):
    material = MaterialReceipt(key="id", name="身份证", necessity="必要", required=True, received=True,
                               form="复印件", copies=1, scans=(digest,))
    return replace(case, materials=(material,))


def test_database_wal_and_scans_hold_no_plaintext(tmp_path: Path) -> None:
    database = tmp_path / "data" / "workstation.sqlite3"
    folder = open_folder(database, SecuritySettings())
    assert encrypted(folder.engine) and folder.files.encrypted
    scan = b"%PDF-1.4 identity card of " + NAME.encode() + b" " + ID_NUMBER.encode()
    digest = folder.files.put(scan)
    cases = CaseStore(folder.engine)
    for index in range(1, 30):
        cases.save(with_scan(accepted(f"BT01-W07-20261123-{index:04d}", name=NAME, id_number=ID_NUMBER), digest))
    assert (database.with_name(database.name + "-wal")).stat().st_size > 0  # the WAL is there, with frames
    assert plaintext_in(tmp_path / "data") == []  # database, WAL, shm, scans, security.json
    assert [c.applicant_name for c in cases.list_cases(text=NAME)][:1] == [NAME]  # searching still works
    assert cases.previous_answers(ID_NUMBER) == {}
    assert folder.files.get(digest) == scan
    folder.engine.dispose()
    assert plaintext_in(tmp_path / "data") == []


def test_a_wrong_key_fails_cleanly_and_changes_nothing(tmp_path: Path) -> None:
    database = tmp_path / "store.sqlite3"
    engine = open_database(database, key=DataKey.generate())
    CaseStore(engine).save(accepted("BT01-W07-20261123-0001"))
    engine.dispose()
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}
    with pytest.raises(WrongKeyError) as caught:
        open_database(database, key=DataKey.generate())
    assert caught.value.text("zh").startswith("数据库密钥不对或已丢失") and str(database) in caught.value.text("zh")
    with pytest.raises(NotADatabaseError, match="encrypted and no key was given"):
        open_database(database)  # no key at all: never a new empty database over the old one
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()} == before


def test_a_plain_database_migrates_in_place_with_every_case_and_its_audit_chain(tmp_path: Path) -> None:
    data = tmp_path / "data"
    database = data / "workstation.sqlite3"
    plain = open_database(database)
    cases = CaseStore(plain)
    saved = [cases.save(complex_case("BT01-W07-20261123-0001"))]
    saved += [cases.save(accepted(f"BT01-W07-20261123-{i:04d}", name=NAME, id_number=ID_NUMBER)) for i in range(2, 40)]
    saved[1] = cases.save(saved[1].moved(CaseState.SYNCED, at=saved[1].created_at + timedelta(hours=1), actor="sync"))
    (data / "files").mkdir()
    scan = b"%PDF legacy scan of " + ID_NUMBER.encode()
    (data / "files" / f"{hashlib.sha256(scan).hexdigest()}.pdf").write_bytes(scan)
    (data / "documents" / "20261123" / "BT01").mkdir(parents=True)
    (data / "documents" / "20261123" / "BT01" / "受理通知书.pdf").write_bytes(b"%PDF " + NAME.encode())
    (data / "review-cache").mkdir()
    (data / "review-cache" / "x.pdf").write_bytes(b"%PDF " + ID_NUMBER.encode())
    audit_entries = AuditLog(plain).verify()
    assert audit_entries[0] > len(saved) and audit_entries[1] == []
    crash_image = tmp_path / "crash"  # the files as a power cut would leave them: committed frames only in the WAL
    crash_image.mkdir()
    for path in database_files(database):
        shutil.copy(path, crash_image / path.name)
    plain.dispose()
    assert plaintext_in(data) != []

    for folder_path in (data, crash_image):
        db = folder_path / database.name
        folder = open_folder(db, SecuritySettings())
        migrated = CaseStore(folder.engine)
        assert [migrated.get(case.id) for case in saved] == saved
        assert AuditLog(folder.engine).verify() == audit_entries
        folder.engine.dispose()
        assert cipher.file_state(db) == "encrypted"
        assert not [p.name for p in folder_path.iterdir() if p.name.endswith((OLD_SUFFIX, cipher.ENCRYPTING_SUFFIX))]
    assert plaintext_in(data) == []  # the database, the scan (sealed), old documents and cache (wiped)
    assert sorted(p.name for p in data.iterdir()) == ["files", INFO_FILE, "workstation.sqlite3"]
    again = open_folder(database, SecuritySettings())  # the second start finds it done
    assert CaseStore(again.engine).get(saved[0].id) == saved[0]
    again.engine.dispose()


def test_a_crash_during_migration_leaves_the_plain_file_intact(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    database = tmp_path / "workstation.sqlite3"
    engine = open_database(database)
    case = CaseStore(engine).save(accepted("BT01-W07-20261123-0001", name=NAME))
    engine.dispose()
    original = database.read_bytes()

    def power_cut(path: Path, target: Path, key: DataKey) -> None:
        target.write_bytes(b"half an encrypted file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cipher, "_export", power_cut)
    key = DataKey.generate()
    with pytest.raises(StoreError) as caught:
        open_database(database, key=key)
    assert caught.value.code == "store.encrypt_failed" and "No space left" in caught.value.text("en")
    assert database.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == [database.name]
    monkeypatch.undo()
    # a crash between the hard link and the rename: the link is only a second name of the plain file
    leftover = database.with_name(database.name + OLD_SUFFIX)
    leftover.hardlink_to(database)
    database.with_name(database.name + cipher.ENCRYPTING_SUFFIX).write_bytes(b"partial")
    engine = open_database(database, key=key)
    assert CaseStore(engine).get(case.id) == case
    engine.dispose()
    assert sorted(p.name for p in tmp_path.iterdir()) == [database.name]


def test_a_crash_after_the_rename_wipes_the_old_plaintext_on_next_start(tmp_path: Path) -> None:
    database = tmp_path / "workstation.sqlite3"
    key = DataKey.generate()
    engine = open_database(database, key=key)
    CaseStore(engine).save(accepted("BT01-W07-20261123-0001"))
    engine.dispose()
    old = database.with_name(database.name + OLD_SUFFIX)
    old.write_bytes(b"SQLite format 3\x00 plain pages of " + NAME.encode())  # not yet overwritten
    open_database(database, key=key).dispose()
    assert not old.exists() and plaintext_in(tmp_path) == []


def test_purge_on_an_encrypted_folder(tmp_path: Path) -> None:
    folder = open_folder(tmp_path / "workstation.sqlite3", SecuritySettings())
    cases = CaseStore(folder.engine, clock=lambda: datetime(2026, 1, 5, 9, 0, tzinfo=CST))
    digest = folder.files.put(b"%PDF scan of " + NAME.encode())
    case = cases.save(with_scan(accepted("BT01-W07-20260105-0001", name=NAME), digest))
    for state in (CaseState.SYNCED, CaseState.APPROVED, CaseState.HANDED_OUT):
        case = cases.save(case.moved(state, at=case.created_at + timedelta(hours=1), actor="demo"))
    outbox = Outbox(folder.engine)
    for item in outbox.due(100):
        with write(folder.engine) as connection:
            outbox.finish_in(connection, item, OutboxState.SENT, "")
    report = purge(folder.engine, folder.files, before=datetime(2026, 6, 1, tzinfo=CST))
    assert (report.cases, report.files) == (1, 1) and not folder.files.exists(digest)
    assert AuditLog(folder.engine).verify()[1] == []
    folder.engine.dispose()
    assert cipher.file_state(tmp_path / "workstation.sqlite3") == "encrypted"
