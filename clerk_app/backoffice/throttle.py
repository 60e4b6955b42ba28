"""Failed sign-in throttling on the server, by the workstation's rule (`clerk_app.core.throttle`).

Wrong passwords in a row are counted per sign-in name in the database (`sign_in_throttle`), so
every instance of one database sees the same count; after five, the next try waits 30 s, doubling
up to 15 min, and is answered 429 with `Retry-After` meanwhile. Unknown names are counted too, so
the answers do not tell which accounts exist. The name is kept as its sha256 (a password typed
into the name field is not stored). A success clears the count; counts idle for a day are dropped.
Every attempt is audited (the password never), in the transaction that counts it.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from math import ceil

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from clerk_app.backoffice import audit, db
from clerk_app.backoffice.audit import now
from clerk_app.backoffice.errors import ApiError
from clerk_app.backoffice.schema import sign_in_throttle
from clerk_app.core.throttle import throttle_seconds, wait_words

FORGET_AFTER = timedelta(days=1)
UNKNOWN = "?"  # the actor of an attempt on a name that is no account


def name_key(username: str) -> str:
    return hashlib.sha256(username.encode("utf-8")).hexdigest()


def check(engine: Engine, username: str, *, known: bool) -> None:
    """Raise 429 (and audit the attempt) while the name must wait."""
    at = now()
    with db.read(engine) as connection:
        until = connection.execute(sa.select(sign_in_throttle.c.locked_until).where(
            sign_in_throttle.c.name_sha256 == name_key(username))).scalar()
    if until is None or aware(until) <= at:
        return
    seconds = max(1, ceil((aware(until) - at).total_seconds()))
    name = _who(username, known)
    audit.record_now(engine, name, "sign_in_failed", name, {"reason": "throttled", **_hint(username, known)})
    raise throttled(seconds)


def throttled(seconds: int) -> ApiError:
    return ApiError(429, "throttled", f"too many wrong passwords: try again in {wait_words(seconds, 'en')}",
                    [{"retry_after": seconds}], headers={"Retry-After": str(seconds)})


def failed(engine: Engine, username: str, *, known: bool, reason: str) -> None:
    """Count a wrong password (or an unknown name) and audit it; a disabled account is audited only."""
    at = now()
    with db.write(engine) as connection:
        detail: dict[str, object] = {"reason": reason, **_hint(username, known)}
        if reason != "disabled":
            failures = _count(connection, username, at)
            detail["failures"] = failures
        name = _who(username, known)
        audit.record(connection, name, "sign_in_failed", name, detail)


def _count(connection: Connection, username: str, at: datetime) -> int:
    connection.execute(sign_in_throttle.delete().where(sign_in_throttle.c.last_failed_at < at - FORGET_AFTER))
    insert = db.dialect_insert(connection, sign_in_throttle)
    failures = int(connection.execute(
        insert.values(name_sha256=name_key(username), failures=1, last_failed_at=at)
        .on_conflict_do_update(index_elements=[sign_in_throttle.c.name_sha256],
                               set_={"failures": sign_in_throttle.c.failures + 1, "last_failed_at": at})
        .returning(sign_in_throttle.c.failures)
    ).scalar_one())
    wait = throttle_seconds(failures)
    if wait:
        connection.execute(sign_in_throttle.update().where(sign_in_throttle.c.name_sha256 == name_key(username))
                           .values(locked_until=at + timedelta(seconds=wait)))
    return failures


def succeeded(connection: Connection, username: str) -> None:
    """Clear the count and audit the sign-in, in the transaction that issues the token."""
    connection.execute(sign_in_throttle.delete().where(sign_in_throttle.c.name_sha256 == name_key(username)))
    audit.record(connection, username, "sign_in", username)


def aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _who(username: str, known: bool) -> str:
    """The account (actor and subject), or "?" for a name that is none (it may be a mistyped password)."""
    return username if known else UNKNOWN


def _hint(username: str, known: bool) -> dict[str, str]:
    return {} if known else {"name_sha256": name_key(username)[:16]}
