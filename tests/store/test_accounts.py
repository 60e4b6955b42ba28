"""Accounts: logins that fail the right way, disabled users, and passwords never kept in clear."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from clerk_app.config.demo import DEMO_PASSWORD
from clerk_app.store.accounts import AccountStore, Role
from clerk_app.store.engine import read
from clerk_app.store.errors import (
    AccountDisabledError,
    AccountExistsError,
    AccountNotFoundError,
    InvalidAccountError,
    LoginError,
)
from clerk_app.store.passwords import hash_password, verify_password


def test_create_and_log_in(accounts: AccountStore) -> None:
    created = accounts.create("Zhang.San", "张三", Role.CLERK, "窗口密码2026")
    assert created.username == "zhang.san"
    account = accounts.verify("zhang.san", "窗口密码2026")
    assert account == created
    assert accounts.verify(" ZHANG.SAN ", "窗口密码2026").display_name == "张三"


def test_wrong_password_and_unknown_user_fail_alike(accounts: AccountStore) -> None:
    accounts.create("demo", "演示", "clerk", "right")
    with pytest.raises(LoginError) as wrong:
        accounts.verify("demo", "wrong")
    with pytest.raises(LoginError) as unknown:
        accounts.verify("nobody", "right")
    assert wrong.value.text() == unknown.value.text() == "用户名或密码错误"
    with pytest.raises(LoginError):
        accounts.verify("demo", "")


def test_disabled_account_cannot_log_in(accounts: AccountStore) -> None:
    accounts.create("chief", "科长", Role.SUPERVISOR, "pw")
    accounts.disable("chief")
    with pytest.raises(AccountDisabledError, match="chief"):
        accounts.verify("chief", "pw")
    with pytest.raises(LoginError):  # a wrong password does not reveal that the account is disabled
        accounts.verify("chief", "guess")
    assert accounts.get("chief").disabled  # type: ignore[union-attr]
    with pytest.raises(AccountNotFoundError):
        accounts.disable("nobody")


def test_change_password(accounts: AccountStore) -> None:
    accounts.create("demo", "演示", Role.CLERK, "old secret")
    with pytest.raises(LoginError):
        accounts.change_password("demo", "not the old one", "new secret")
    accounts.change_password("demo", "old secret", "new secret")
    with pytest.raises(LoginError):
        accounts.verify("demo", "old secret")
    assert accounts.verify("demo", "new secret").username == "demo"


def test_list_and_duplicates(accounts: AccountStore) -> None:
    accounts.create("b", "乙", Role.ADMIN, "x")
    accounts.create("a", "甲", Role.CLERK, "x")
    with pytest.raises(AccountExistsError):
        accounts.create("A", "另一个甲", Role.CLERK, "y")
    assert [(a.username, a.role) for a in accounts.list_accounts()] == [("a", Role.CLERK), ("b", Role.ADMIN)]


@pytest.mark.parametrize(
    ("username", "display_name", "role", "password"),
    [
        ("", "空", "clerk", "pw"),
        ("has space", "空格", "clerk", "pw"),
        ("ok", "  ", "clerk", "pw"),
        ("ok", "名", "boss", "pw"),
        ("ok", "名", "clerk", ""),
    ],
)
def test_invalid_accounts_are_refused(
    accounts: AccountStore, username: str, display_name: str, role: str, password: str
) -> None:
    with pytest.raises(InvalidAccountError):
        accounts.create(username, display_name, role, password)
    assert accounts.list_accounts() == []


def test_demo_accounts(accounts: AccountStore) -> None:
    assert accounts.ensure_demo_accounts() == ["demo", "chief", "admin"]
    assert accounts.ensure_demo_accounts() == []
    demo = accounts.verify("demo", DEMO_PASSWORD)
    assert (demo.display_name, demo.role) == ("演示窗口人员", Role.CLERK)
    assert accounts.verify("chief", DEMO_PASSWORD).role is Role.SUPERVISOR
    assert accounts.verify("admin", DEMO_PASSWORD).role is Role.ADMIN


def test_passwords_are_never_stored_in_clear(accounts: AccountStore, engine: Engine, db_path: Path) -> None:
    secrets = ["Tr0ub4dor&3-unique", "密码不可见九九八"]
    accounts.create("one", "一", Role.CLERK, secrets[0])
    accounts.create("two", "二", Role.CLERK, secrets[1])
    accounts.change_password("two", secrets[1], secrets[1] + "-changed")
    accounts.create("three", "三", Role.CLERK, secrets[0])  # same password as "one"
    with read(engine) as connection:
        hashes = dict(connection.exec_driver_sql("SELECT username, password_hash FROM accounts").all())
    assert all(h.startswith("scrypt$") for h in hashes.values())
    assert hashes["one"] != hashes["three"]  # per-user salt
    files = [p for p in db_path.parent.iterdir() if p.name.startswith(db_path.name)]
    content = b"".join(p.read_bytes() for p in files)
    assert b"one" in content and "二".encode() in content  # the search does see the file's text
    for secret in [*secrets, secrets[1] + "-changed"]:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert secret.encode(encoding) not in content


def test_hash_format() -> None:
    encoded = hash_password("pw")
    assert verify_password("pw", encoded) and not verify_password("pW", encoded)
    assert not verify_password("pw", "scrypt$1$2$3$not-base64$x")
    assert not verify_password("pw", "md5$whatever")
    assert not verify_password("pw", "")
