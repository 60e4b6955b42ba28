"""The back office's signed audit head as this workstation last saw it: a witness kept apart from the server.

Each sync round fetches the server's signed head (`clerk_app.sync.audit_head`); the highest one
is kept here, in the local store's `sync_cursor` table, with the public key that signed it. Cut
entries from the end of the server's trail, or put its database back from a backup, and every
workstation still holds a head the trail no longer reaches: `clerk-app audit head --workstation -o
FILE` writes it out, `clerk-app audit verify --backoffice-db URL --anchor FILE` compares.
"""

from __future__ import annotations

import json
from enum import StrEnum

from sqlalchemy import Connection, Engine, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from clerk_app.core.audit_head import HeadFormatError, SignedHead, head_from_dict
from clerk_app.store.engine import read, write
from clerk_app.store.schema import SyncCursorRow

CURSORS = SyncCursorRow.__table__
HEAD_KEY = "backoffice_audit_head"
PUBLIC_KEY_KEY = "backoffice_audit_public_key"


class Kept(StrEnum):
    NEWER = "newer"  # saved: later than the one kept (or the first, or signed by another key)
    SAME = "same"  # the trail has not grown since
    BEHIND = "behind"  # the server's trail is now shorter than a head it signed before: kept the old one
    FORKED = "forked"  # same seq, another hash: the server's trail was rewritten; kept the old one


def saved_head(engine: Engine) -> SignedHead | None:
    """The highest head seen (None: none yet, or the kept value is unreadable)."""
    with read(engine) as connection:
        return _head_in(connection)


def keep_head(engine: Engine, head: SignedHead) -> tuple[Kept, SignedHead | None]:
    """Keep `head` if it is later than the one kept; what it was, and the head kept before."""
    before = saved_head(engine)
    if _compare(before, head) is not Kept.NEWER:  # most rounds: no write lock taken
        return _compare(before, head), before
    with write(engine) as connection:
        before = _head_in(connection)
        kept = _compare(before, head)
        if kept is Kept.NEWER:
            _put(connection, HEAD_KEY, json.dumps(head.as_dict(), sort_keys=True))
        return kept, before


def saved_public_key(engine: Engine) -> str | None:
    with read(engine) as connection:
        return connection.execute(select(CURSORS.c.value).where(CURSORS.c.key == PUBLIC_KEY_KEY)).scalar_one_or_none()


def save_public_key(engine: Engine, pem: str) -> None:
    with write(engine) as connection:
        _put(connection, PUBLIC_KEY_KEY, pem)


def _compare(before: SignedHead | None, head: SignedHead) -> Kept:
    if before is None or before.key_id != head.key_id or head.seq > before.seq:
        return Kept.NEWER
    if head.seq < before.seq:
        return Kept.BEHIND
    return Kept.SAME if head.hash == before.hash else Kept.FORKED


def _head_in(connection: Connection) -> SignedHead | None:
    value = connection.execute(select(CURSORS.c.value).where(CURSORS.c.key == HEAD_KEY)).scalar_one_or_none()
    if value is None:
        return None
    try:
        return head_from_dict(json.loads(value))
    except (ValueError, HeadFormatError):
        return None


def _put(connection: Connection, key: str, value: str) -> None:
    statement = sqlite_insert(CURSORS).values(key=key, value=value)
    connection.execute(statement.on_conflict_do_update(index_elements=[CURSORS.c.key], set_={"value": value}))
