"""The workstation's user accounts: clerks, supervisors and administrators, with their passwords.

Passwords are kept only as scrypt hashes (`clerk_app.store.passwords`). A failed login says
"wrong user name or password" whether the user exists or not, and costs the same time either way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import cache
from math import ceil
from typing import Any

from sqlalchemy import Connection, Engine, Row, insert, select, update

from clerk_app.config.demo import DEMO_ACCOUNTS as DEMO_ACCOUNT_TABLE
from clerk_app.config.demo import DEMO_PASSWORD
from clerk_app.core.throttle import throttle_seconds  # one rule with the back office
from clerk_app.store.audit import AuditLog
from clerk_app.store.engine import read, write
from clerk_app.store.errors import (
    AccountDisabledError,
    AccountExistsError,
    AccountNotFoundError,
    InvalidAccountError,
    LoginError,
    LoginThrottledError,
)
from clerk_app.store.passwords import hash_password, verify_password
from clerk_app.store.schema import AccountRow

ACCOUNTS = AccountRow.__table__
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


class Role(StrEnum):
    CLERK = "clerk"  # 窗口人员
    SUPERVISOR = "supervisor"  # 审核/科长
    ADMIN = "admin"  # 系统管理员


@dataclass(frozen=True)
class Account:
    username: str
    display_name: str
    role: Role
    created_at: datetime
    disabled: bool = False


DEMO_ACCOUNTS: tuple[tuple[str, str, Role], ...] = tuple(
    (username, display_name, Role(role)) for username, display_name, role in DEMO_ACCOUNT_TABLE
)


def normalize_username(username: str) -> str:
    value = username.strip().lower()
    if not _USERNAME.match(value):
        raise InvalidAccountError(
            "account.invalid", what="user name", detail=f"{username!r}: 1–64 letters, digits, '.', '_' or '-'"
        )
    return value


class AccountStore:
    def __init__(self, engine: Engine, clock: Callable[[], datetime] | None = None) -> None:
        self._engine = engine
        self._clock = clock or (lambda: datetime.now().astimezone())
        self._audit_log = AuditLog(engine, self._clock)

    def create(self, username: str, display_name: str, role: Role | str, password: str) -> Account:
        account = Account(normalize_username(username), _display_name(display_name), _role(role), self._clock())
        encoded = hash_password(_password(password))  # slow: outside the write lock
        with write(self._engine) as connection:
            if _row(connection, account.username) is not None:
                raise AccountExistsError("account.exists", username=account.username)
            connection.execute(
                insert(AccountRow).values(
                    username=account.username, display_name=account.display_name, role=account.role.value,
                    password_hash=encoded, created_at=account.created_at, disabled=False,
                )
            )
        return account

    def get(self, username: str) -> Account | None:
        with read(self._engine) as connection:
            row = _row(connection, username.strip().lower())
        return _account(row) if row is not None else None

    def verify(self, username: str, password: str) -> Account:
        """The account when the password is right (raises LoginError, LoginThrottledError or AccountDisabledError).

        After `FREE_ATTEMPTS` wrong passwords in a row an account waits before the next try, twice
        as long after each further failure (30 s up to 15 min); every attempt is audited, the
        password never.
        """
        name = username.strip().lower()[:64]
        with read(self._engine) as connection:
            row = _row(connection, name)
        now = self._clock()
        if row is not None and row.locked_until is not None and row.locked_until > now:
            self._audit(name, "sign_in_failed", {"reason": "throttled"})
            raise LoginThrottledError("account.throttled", seconds=ceil((row.locked_until - now).total_seconds()))
        if row is None:
            verify_password(password, _decoy_hash())  # same cost as a real check
            self._audit(name, "sign_in_failed", {"reason": "unknown user"})
            raise LoginError("account.login")
        if not verify_password(password, row.password_hash):
            self._failed(row, now)
            raise LoginError("account.login")
        if row.disabled:
            self._audit(name, "sign_in_failed", {"reason": "disabled"})
            raise AccountDisabledError("account.disabled", username=row.username)
        with write(self._engine) as connection:
            connection.execute(update(AccountRow).where(AccountRow.username == row.username)
                               .values(failed_sign_ins=0, locked_until=None))
            self._audit_log.append_in(connection, row.username, "sign_in", row.username)
        return _account(row)

    def _failed(self, row: Row[Any], now: datetime) -> None:
        with write(self._engine) as connection:
            failures = (connection.execute(select(AccountRow.failed_sign_ins)
                                           .where(AccountRow.username == row.username)).scalar_one() or 0) + 1
            wait = throttle_seconds(failures)
            connection.execute(update(AccountRow).where(AccountRow.username == row.username).values(
                failed_sign_ins=failures, locked_until=now + timedelta(seconds=wait) if wait else None))
            self._audit_log.append_in(connection, row.username, "sign_in_failed", row.username,
                                      {"reason": "wrong password", "failures": failures})

    def _audit(self, actor: str, action: str, detail: dict[str, Any]) -> None:
        self._audit_log.append(actor or "?", action, actor or "?", detail)

    def change_password(self, username: str, old_password: str, new_password: str) -> None:
        account = self.verify(username, old_password)
        encoded = hash_password(_password(new_password))
        with write(self._engine) as connection:
            connection.execute(
                update(AccountRow).where(AccountRow.username == account.username).values(password_hash=encoded)
            )

    def list_accounts(self) -> list[Account]:
        with read(self._engine) as connection:
            rows = connection.execute(select(ACCOUNTS).order_by(ACCOUNTS.c.username)).all()
        return [_account(row) for row in rows]

    def disable(self, username: str) -> None:
        name = username.strip().lower()
        with write(self._engine) as connection:
            result = connection.execute(update(AccountRow).where(AccountRow.username == name).values(disabled=True))
            if result.rowcount == 0:
                raise AccountNotFoundError("account.not_found", username=name)

    def ensure_demo_accounts(self) -> list[str]:
        """Create the embedded demo's accounts (password `DEMO_PASSWORD`) that are missing; returns those created."""
        created = []
        for username, display_name, role in DEMO_ACCOUNTS:
            if self.get(username) is None:
                self.create(username, display_name, role, DEMO_PASSWORD)
                created.append(username)
        return created


def _row(connection: Connection, username: str) -> Row[Any] | None:
    return connection.execute(select(ACCOUNTS).where(ACCOUNTS.c.username == username)).first()


def _account(row: Row[Any]) -> Account:
    return Account(row.username, row.display_name, Role(row.role), row.created_at, bool(row.disabled))


def _display_name(value: str) -> str:
    text = value.strip()
    if not text:
        raise InvalidAccountError("account.invalid", what="display name", detail="empty")
    return text


def _role(value: Role | str) -> Role:
    try:
        return Role(value)
    except ValueError:
        allowed = ", ".join(r.value for r in Role)
        raise InvalidAccountError("account.invalid", what="role", detail=f"{value!r} (allowed: {allowed})") from None


def _password(value: str) -> str:
    if not value:
        raise InvalidAccountError("account.invalid", what="password", detail="empty")
    return value


@cache
def _decoy_hash() -> str:
    return hash_password("decoy password for unknown users")
