"""Passwords (argon2), opaque bearer tokens stored hashed, and the role/department guards.

A token is 32 random bytes (URL-safe text) given to the client once; the server keeps only its
sha256, so a leaked database does not leak live tokens. Every instance checks a token against the
database, so any instance can serve any client (stateless). What it found is kept for a few seconds
(`PrincipalCache`, `Settings.auth_cache_seconds`), so a busy client costs one lookup per token
every few seconds rather than one per request: disabling an account takes effect at once on the
instance that disabled it and within those seconds on the others.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Connection, Engine

from clerk_app.backoffice import db, sessions, throttle
from clerk_app.backoffice.errors import ApiError, forbidden
from clerk_app.backoffice.schema import accounts, tokens
from clerk_app.backoffice.settings import Settings

ROLES = ("clerk", "supervisor", "admin")
CLERK, SUPERVISOR, ADMIN = ROLES
_hasher = PasswordHasher()
# Verified against when the user does not exist, so a wrong user costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a password")
bearer = HTTPBearer(auto_error=False)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


@dataclass(frozen=True)
class Principal:
    username: str
    display_name: str
    role: str
    departments: frozenset[str]
    hall_code: str

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN

    def sees_departments(self, departments: Iterable[str]) -> bool:
        return self.is_admin or bool(self.departments.intersection(departments))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, encoded: str) -> bool:
    try:
        return _hasher.verify(encoded, password)
    except (VerificationError, InvalidHashError):
        return False


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def now() -> datetime:
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """SQLite gives naive datetimes back; everything stored is UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def principal_from_row(row: sa.Row) -> Principal:
    return Principal(
        username=row.username, display_name=row.display_name, role=row.role,
        departments=frozenset(json.loads(row.departments)), hall_code=row.hall_code,
    )


def sign_in(engine: Engine, settings: Settings, username: str, password: str, client: str = ""
            ) -> tuple[str, datetime, Principal]:
    with db.read(engine) as connection:
        row = connection.execute(sa.select(accounts).where(accounts.c.username == username)).first()
    throttle.check(engine, username, known=row is not None)  # 429 while it must wait
    if row is None:
        verify_password(password, _DUMMY_HASH)
        throttle.failed(engine, username, known=False, reason="unknown user")
        raise ApiError(401, "unauthorized", "wrong user name or password")
    right = verify_password(password, row.password_hash)
    if not right or row.disabled:
        throttle.failed(engine, username, known=True, reason="disabled" if right else "wrong password")
        raise ApiError(401, "unauthorized", "wrong user name or password")
    token = secrets.token_urlsafe(32)
    issued = now()
    expires = issued + settings.token_ttl
    with db.write(engine) as connection:
        connection.execute(tokens.delete().where(tokens.c.expires_at < issued))
        connection.execute(tokens.insert().values(
            token_hash=token_digest(token), username=username, expires_at=expires, created_at=issued))
        sessions.start(connection, username, token_digest(token), client, issued)
        throttle.succeeded(connection, username)  # clears the count; audited
    return token, expires, principal_from_row(row)


def principal_for_token(connection: Connection, token: str) -> Principal | None:
    found = token_holder(connection, token_digest(token))
    return found[0] if found is not None else None


def token_holder(connection: Connection, digest: str) -> tuple[Principal, datetime] | None:
    """The principal a live token (by its sha256) stands for, and when the token expires."""
    query = (
        sa.select(accounts, tokens.c.expires_at)
        .join(tokens, tokens.c.username == accounts.c.username)
        .where(tokens.c.token_hash == digest)
    )
    row = connection.execute(query).first()
    if row is None or row.disabled or aware(row.expires_at) <= now():
        return None
    return principal_from_row(row), aware(row.expires_at)


class PrincipalCache:
    """Principals by token sha256 for `seconds` after they were read (0 turns it off)."""

    MAX_ENTRIES = 10_000

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._held: dict[str, tuple[float, datetime, Principal]] = {}
        self._lock = threading.Lock()

    def get(self, digest: str) -> Principal | None:
        with self._lock:
            entry = self._held.get(digest)
            if entry is None:
                return None
            read_until, expires, principal = entry
            if time.monotonic() < read_until and now() < expires:
                return principal
            del self._held[digest]
            return None

    def put(self, digest: str, principal: Principal, expires: datetime) -> None:
        if self.seconds <= 0:
            return
        with self._lock:
            if len(self._held) >= self.MAX_ENTRIES:
                self._held.clear()
            self._held[digest] = (time.monotonic() + self.seconds, expires, principal)

    def forget(self, username: str) -> None:
        with self._lock:
            self._held = {k: v for k, v in self._held.items() if v[2].username != username}


def _lookup(engine: Engine, digest: str) -> tuple[Principal, datetime] | None:
    with db.read(engine) as connection:
        return token_holder(connection, digest)


async def principal_of(request: Request, token: str) -> Principal | None:
    """The principal of a bearer token: from the cache, else from the database (off the event loop)."""
    cache: PrincipalCache = request.app.state.principals
    digest = token_digest(token)
    principal = cache.get(digest)
    if principal is not None:
        return principal
    found = await run_in_threadpool(_lookup, request.app.state.engine, digest)
    if found is None:
        return None
    cache.put(digest, *found)
    return found[0]


def require(*roles: str) -> Callable[..., Any]:
    """A dependency: the signed-in principal, 401 without a valid token, 403 for another role."""
    allowed = frozenset(roles)

    async def dependency(request: Request, credentials: Credentials) -> Principal:
        if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
            raise ApiError(401, "unauthorized", "sign in first (Authorization: Bearer TOKEN)")
        principal = await principal_of(request, credentials.credentials)
        if principal is None:
            raise ApiError(401, "unauthorized", "the token is unknown or has expired; sign in again")
        if principal.role not in allowed:
            raise forbidden(f"a {principal.role} may not do this")
        await sessions.seen(request, token_digest(credentials.credentials), now())
        return principal

    return dependency


def roles_extra(*roles: str) -> dict[str, list[str]]:
    """OpenAPI extension naming the roles a route admits (the auth-matrix test reads it)."""
    return {"x-roles": list(roles)}


WindowUser = Annotated[Principal, Depends(require(CLERK, ADMIN))]
DecidingUser = Annotated[Principal, Depends(require(SUPERVISOR, ADMIN))]
AdminUser = Annotated[Principal, Depends(require(ADMIN))]
