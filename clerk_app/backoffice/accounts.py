"""Creating, listing and disabling accounts (used by the admin routes and the command line)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from clerk_app.backoffice import audit, db
from clerk_app.backoffice.auth import ROLES, hash_password, now
from clerk_app.backoffice.errors import ApiError, conflict, not_found
from clerk_app.backoffice.schema import accounts, tokens

USERNAME = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
DEPARTMENT = re.compile(r"^\S{1,64}$")
MIN_PASSWORD = 8


def account_problems(username: str, role: str, departments: Iterable[str], password: str) -> list[str]:
    problems = []
    if not USERNAME.match(username):
        problems.append("username: 1-64 letters, digits or _.@-")
    if role not in ROLES:
        problems.append(f"role: one of {', '.join(ROLES)}")
    if any(not DEPARTMENT.match(d) for d in departments):
        problems.append("departments: keys of 1-64 characters without spaces")
    if role == "supervisor" and not list(departments):
        problems.append("departments: a supervisor needs at least one department")
    if len(password) < MIN_PASSWORD:
        problems.append(f"password: at least {MIN_PASSWORD} characters")
    return problems


def add_account(
    engine: Engine, username: str, *, role: str, password: str, departments: Iterable[str] = (),
    display_name: str = "", hall_code: str = "", by: str = "command line",
) -> dict[str, Any]:
    departments = list(dict.fromkeys(departments))
    problems = account_problems(username, role, departments, password)
    if problems:
        raise ApiError(422, "invalid", "the account is not valid", problems)
    values = {
        "username": username, "display_name": display_name or username, "password_hash": hash_password(password),
        "role": role, "departments": json.dumps(departments, ensure_ascii=False), "hall_code": hall_code,
        "disabled": False, "created_at": now(),
    }
    try:
        with db.write(engine) as connection:
            connection.execute(accounts.insert().values(**values))
            audit.record(connection, by, "account_add", username,
                         {"role": role, "departments": departments, "hall_code": hall_code})
    except IntegrityError:
        raise conflict(f"account {username} exists already") from None
    return account_view(values)


def list_accounts(engine: Engine) -> list[dict[str, Any]]:
    with db.read(engine) as connection:
        rows = connection.execute(sa.select(accounts).order_by(accounts.c.username)).mappings().all()
    return [account_view(row) for row in rows]


def disable_account(engine: Engine, username: str, by: str = "command line") -> dict[str, Any]:
    with db.write(engine) as connection:
        done = connection.execute(accounts.update().where(accounts.c.username == username).values(disabled=True))
        if done.rowcount == 0:
            raise not_found(f"account {username}")
        audit.record(connection, by, "account_disable", username)
        connection.execute(tokens.delete().where(tokens.c.username == username))
        row = connection.execute(sa.select(accounts).where(accounts.c.username == username)).mappings().one()
    return account_view(row)


def account_view(row: Any) -> dict[str, Any]:
    return {
        "username": row["username"], "display_name": row["display_name"], "role": row["role"],
        "departments": json.loads(row["departments"]), "hall_code": row["hall_code"],
        "disabled": bool(row["disabled"]),
    }
