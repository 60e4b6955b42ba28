"""The audit trail on disk: decisions and sign-ins chained; tampering found by `clerk-app audit verify`."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Engine

from clerk_app.cli.main import main
from clerk_app.core.case import CaseState
from clerk_app.store.accounts import AccountStore, Role, throttle_seconds
from clerk_app.store.audit import AuditLog
from clerk_app.store.cases import CaseStore
from clerk_app.store.errors import LoginError, LoginThrottledError
from tests.store.sample import ID_NUMBER, accepted

NUMBER = "BT01-W07-20261123-0001"


def test_decisions_and_sign_ins_are_chained(cases: CaseStore, accounts: AccountStore, engine: Engine) -> None:
    case = cases.save(accepted(NUMBER))
    cases.save(case.moved(CaseState.SYNCED, at=case.created_at + timedelta(hours=1), actor="sync"))
    accounts.create("w07", "七号窗口", Role.CLERK, "窗口密码2026")
    accounts.verify("w07", "窗口密码2026")
    with pytest.raises(LoginError):
        accounts.verify("w07", "猜的密码x")
    entries = list(AuditLog(engine).entries())
    assert [(e.action, e.detail.get("to")) for e in entries] == [
        ("transition", "accepted"), ("transition", "synced"), ("sign_in", None), ("sign_in_failed", None)]
    assert entries[0].subject == case.id and entries[0].detail["number"] == NUMBER
    text = repr(entries)
    assert ID_NUMBER not in text and "张三" not in text and "窗口密码2026" not in text and "猜的密码x" not in text
    assert AuditLog(engine).verify() == (4, [])


def test_tampering_on_disk_is_found_by_the_command(cases: CaseStore, engine: Engine, db_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    for index in range(1, 4):
        cases.save(accepted(f"BT01-W07-20261123-{index:04d}"))
    engine.dispose()
    assert main(["audit", "verify", "--db", str(db_path)]) == 0
    assert "3 entries, chain intact" in capsys.readouterr().out
    with sqlite3.connect(db_path) as raw:  # what someone with the file and a SQLite shell could do
        raw.execute("""UPDATE audit_log SET detail = replace(detail, '"to":"accepted"', '"to":"refused"')
                       WHERE seq = 2""")
    assert main(["audit", "verify", "--db", str(db_path)]) == 1
    out = capsys.readouterr()
    assert "audit entry #2" in out.out and "altered" in out.out and "altered" in out.err


def test_a_deleted_entry_is_found(cases: CaseStore, engine: Engine, db_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    for index in range(1, 4):
        cases.save(accepted(f"BT01-W07-20261123-{index:04d}"))
    engine.dispose()
    with sqlite3.connect(db_path) as raw:
        raw.execute("DELETE FROM audit_log WHERE seq = 2")
    assert main(["audit", "verify", "--db", str(db_path)]) == 1
    assert "audit entry #3" in capsys.readouterr().out


def test_wrong_passwords_throttle_sign_in(engine: Engine) -> None:
    now = [datetime(2026, 11, 23, 9, 0, tzinfo=timezone(timedelta(hours=8)))]
    accounts = AccountStore(engine, clock=lambda: now[0])
    accounts.create("w07", "七号窗口", Role.CLERK, "窗口密码2026")
    for _ in range(4):
        with pytest.raises(LoginError):
            accounts.verify("w07", "guess")
    with pytest.raises(LoginError):
        accounts.verify("w07", "guess")  # the fifth: from now on sign-in waits
    with pytest.raises(LoginThrottledError) as throttled:
        accounts.verify("w07", "窗口密码2026")  # even the right password waits
    assert throttled.value.text() == "密码连续输错次数过多，请30秒后再试"
    now[0] += timedelta(seconds=31)
    assert accounts.verify("w07", "窗口密码2026").username == "w07"  # and success resets the count
    with pytest.raises(LoginError):
        accounts.verify("w07", "guess")
    assert [throttle_seconds(n) for n in (4, 5, 6, 7, 20)] == [0, 30, 60, 120, 900]
