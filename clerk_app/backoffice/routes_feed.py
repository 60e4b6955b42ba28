"""The change feed: decisions and hand-outs back to the windows, after a cursor.

See `transitions` for why a reader never misses a change that commits late.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from fastapi import APIRouter, Query, Request

from clerk_app.backoffice import db
from clerk_app.backoffice.access import engine_of, iso
from clerk_app.backoffice.auth import ADMIN, CLERK, WindowUser, roles_extra
from clerk_app.backoffice.errors import ERROR_RESPONSES
from clerk_app.backoffice.models import ChangesOut
from clerk_app.backoffice.schema import changes

router = APIRouter(responses=ERROR_RESPONSES)
FEED_READERS = (CLERK, ADMIN)


@router.get("/changes", response_model=ChangesOut, openapi_extra=roles_extra(*FEED_READERS))
def change_feed(
    request: Request,
    principal: WindowUser,
    since: int = Query(default=0, ge=0, le=2**62),
    limit: int = Query(default=100, ge=1, le=1000),
) -> dict[str, Any]:
    """Changes with a cursor above `since`, oldest first; a clerk sees its hall's cases."""
    query = sa.select(changes).where(changes.c.cursor > since).order_by(changes.c.cursor).limit(limit)
    if not principal.is_admin:
        query = query.where(changes.c.hall_code == principal.hall_code)
    with db.read(engine_of(request)) as connection:
        rows = connection.execute(query).all()
    return {"changes": [_change(row) for row in rows], "next": rows[-1].cursor if rows else since}


def _change(row: Any) -> dict[str, Any]:
    return {
        "cursor": row.cursor, "case_id": row.case_id, "number": row.number, "kind": "state", "state": row.state,
        "revision": row.revision, "at": iso(row.at), "decision": json.loads(row.decision) if row.decision else None,
    }
