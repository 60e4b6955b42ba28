"""Sign-in sessions: when each token was issued, last used and given back (attendance, 考勤).

A session starts in the transaction that stores its token (`start`), is marked as seen at most
once a minute per token and instance on authenticated requests (`seen`), and ends when the
client gives its token back (`end`, `POST /auth/revoke`). A client that never signs out leaves
its session open; the statistics then take its last use as its end.

Marking a session seen is bookkeeping: when the database refuses it (busy, gone), the request
goes on and the next minute tries again.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime

import sqlalchemy as sa
from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from clerk_app.backoffice import audit, db
from clerk_app.backoffice.schema import sign_in_sessions, tokens

log = logging.getLogger(__name__)
CLIENT_HEADER = "X-Workstation"  # e.g. "BT01-W07"; else the User-Agent names the client
CLIENT_LENGTH = 100
SEEN_EVERY = 60.0  # seconds between two writes of one token's last_seen_at
_MAX_TRACKED = 10_000


def client_label(request: Request) -> str:
    label = request.headers.get(CLIENT_HEADER) or request.headers.get("user-agent") or ""
    return " ".join(label.split())[:CLIENT_LENGTH]


def start(connection: Connection, username: str, digest: str, client: str, at: datetime) -> None:
    """Open the session of a token just issued (in the transaction that stores the token)."""
    connection.execute(sign_in_sessions.insert().values(
        username=username, token_hash=digest, client=client[:CLIENT_LENGTH], started_at=at, last_seen_at=at,
        ended_at=None))


class SeenClock:
    """When each token was last written as seen by this instance (monotonic seconds)."""

    def __init__(self, every: float = SEEN_EVERY) -> None:
        self.every = every
        self._written: dict[str, float] = {}
        self._lock = threading.Lock()

    def due(self, digest: str) -> bool:
        """True (and noted) when the token was not written within the last `every` seconds."""
        moment = time.monotonic()
        with self._lock:
            last = self._written.get(digest)
            if last is not None and moment - last < self.every:
                return False
            if len(self._written) >= _MAX_TRACKED:
                self._written.clear()
            self._written[digest] = moment
            return True


def clock_of(request: Request) -> SeenClock:
    state = request.app.state
    clock = getattr(state, "seen_clock", None)
    if clock is None:
        clock = state.seen_clock = SeenClock()
    return clock


async def seen(request: Request, digest: str, at: datetime) -> None:
    """Note that the token was used now, unless it was noted within the last minute."""
    if clock_of(request).due(digest):
        await run_in_threadpool(touch, request.app.state.engine, digest, at)


def touch(engine: Engine, digest: str, at: datetime) -> None:
    try:
        with db.write(engine) as connection:
            connection.execute(sign_in_sessions.update().where(
                sign_in_sessions.c.token_hash == digest, sign_in_sessions.c.ended_at.is_(None),
            ).values(last_seen_at=at))
    except SQLAlchemyError as error:
        log.warning("could not note a session as seen: %s", error)


def end(engine: Engine, digest: str, at: datetime) -> str | None:
    """Revoke the token and end its session; the username it belonged to, None for an unknown token."""
    with db.write(engine) as connection:
        username = connection.execute(sa.delete(tokens).where(tokens.c.token_hash == digest)
                                      .returning(tokens.c.username)).scalar()
        connection.execute(sign_in_sessions.update().where(
            sign_in_sessions.c.token_hash == digest, sign_in_sessions.c.ended_at.is_(None),
        ).values(ended_at=at, last_seen_at=at))
        if username is not None:
            audit.record(connection, username, "sign_out", username)
    return username
