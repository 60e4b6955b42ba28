"""Finding a case on behalf of someone: who may see which case, and shared view helpers."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from fastapi import Request
from sqlalchemy import Connection, Engine

from clerk_app.backoffice.auth import CLERK, Principal, aware
from clerk_app.backoffice.errors import not_found
from clerk_app.backoffice.schema import cases
from clerk_app.backoffice.settings import Settings


def engine_of(request: Request) -> Engine:
    return request.app.state.engine


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def may_see(principal: Principal, row: Any) -> bool:
    """Admins see every case, clerks their hall's, supervisors their departments'."""
    if principal.is_admin:
        return True
    if principal.role == CLERK:
        return not principal.hall_code or row.hall_code == principal.hall_code
    return principal.sees_departments(json.loads(row.departments))


def case_for(connection: Connection, principal: Principal, case_id: str, *, for_update: bool = False) -> Any:
    """The case row, or 404 when it does not exist or is outside the principal's scope."""
    query = sa.select(cases).where(cases.c.case_id == case_id)
    row = connection.execute(query.with_for_update() if for_update else query).first()
    if row is None or not may_see(principal, row):
        raise not_found(f"case {case_id}")
    return row


def iso(moment: datetime) -> str:
    return aware(moment).isoformat()


def decision_of(row: Any) -> dict[str, Any] | None:
    return json.loads(row.decision) if row.decision else None
