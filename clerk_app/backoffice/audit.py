"""The back office's own audit trail: who did what to which case or account, chained and signed.

Every decision, claim and release, hand-out, evaluation, follow-up step, full-data view, export,
account change and sign-in (and failed one) appends an entry. Entries are chained by the workstation's rule
(`clerk_app.core.audit`: the sha256 of the entry's canonical JSON, which holds the hash of the
entry before it) and each hash is signed with the service's Ed25519 key (`audit_keys`), so an
entry edited, deleted, inserted or reordered in the database is found by `clerk-app audit verify
--backoffice-db URL --public-key FILE`, and no one without the private key can rewrite the chain.

`record` runs inside the action's own write transaction: the action and its entry commit together
or not at all. On PostgreSQL it first takes a transaction-level advisory lock (`AUDIT_LOCK`, held
until the commit), so instances sharing a database append one after another and never fork the
chain; SQLite's writers are serialised by BEGIN IMMEDIATE. `seq` is the primary key besides, so a
fork could not commit. Lock order, to stay free of deadlocks: case rows, then the audit lock
(call `record` before `transitions.publish`), then the feed lock, then the queue counters.

Details hold identifiers and choices (case id, decision kind, rating), never a citizen's personal
data: the trail must be safe to show an auditor.
"""

from __future__ import annotations

import hashlib
import json
import logging
import weakref
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from clerk_app.backoffice import db
from clerk_app.backoffice.audit_keys import Signer
from clerk_app.backoffice.schema import audit_keys, audit_log
from clerk_app.core.audit import GENESIS, AuditEntry, entry_hash

log = logging.getLogger(__name__)
AUDIT_LOCK = "backoffice-audit-log"
ACTIONS = frozenset({
    "claim", "release", "decision", "handout", "evaluation", "case_step",  # a case's steps (history)
    "view_full",  # a case's personal data sent unmasked (GET /cases/{id}/full)
    "export",  # statistics or a bulletin written out
    "follow_up",  # a step of a bad rating's follow-up: call, correction, close (detail: step, from, to_state)
    "account_add", "account_disable",
    "sign_in", "sign_in_failed", "sign_out",
})
# Keys of a history step's detail copied into its audit entry (choices, not personal data); the
# whole detail is represented by its sha256.
_STEP_KEYS = ("kind", "claimed_by", "previous", "to", "method", "level", "bad", "stage", "event_id")
_signers: weakref.WeakKeyDictionary[Engine, Signer] = weakref.WeakKeyDictionary()
_unsigned_warned: weakref.WeakSet[Engine] = weakref.WeakSet()


@dataclass(frozen=True)
class Stored:
    """An entry as read back: the chained entry and its signature."""

    entry: AuditEntry
    signature: str
    key_id: str


def attach(engine: Engine, signer: Signer) -> None:
    """Sign this engine's entries with `signer`; its public key is listed in `audit_keys`."""
    _signers[engine] = signer
    with db.write(engine) as connection:
        known = connection.execute(sa.select(audit_keys.c.key_id).where(audit_keys.c.key_id == signer.key_id)).first()
        if known is None:
            insert = db.dialect_insert(connection, audit_keys)
            connection.execute(insert.values(key_id=signer.key_id, public_key=signer.public_pem,
                                             first_used_at=now()).on_conflict_do_nothing())


def signer_of(engine: Engine) -> Signer | None:
    return _signers.get(engine)


def now() -> datetime:
    return datetime.now(UTC)


def record(connection: Connection, actor: str, action: str, subject: str,
           detail: Mapping[str, Any] | None = None) -> AuditEntry:
    """Append an entry in the caller's write transaction (see the module's text for the lock order)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    db.lock_keys(connection, [AUDIT_LOCK])
    last = connection.execute(sa.select(audit_log).order_by(audit_log.c.seq.desc()).limit(1)).first()
    draft = AuditEntry(
        seq=last.seq + 1 if last else 1, at=now(), actor=(actor or "?")[:64], action=action,
        subject=(subject or "?")[:128], detail=dict(detail or {}), prev_hash=last.hash if last else GENESIS,
    )
    entry = replace(draft, hash=entry_hash(draft))
    signature, key_id = _sign(connection.engine, entry.hash)
    connection.execute(audit_log.insert().values(
        seq=entry.seq, at=entry.at, actor=entry.actor, action=entry.action, subject=entry.subject,
        detail=_json(entry.detail), prev_hash=entry.prev_hash, hash=entry.hash, signature=signature, key_id=key_id,
    ))
    return entry


def record_now(engine: Engine, actor: str, action: str, subject: str,
               detail: Mapping[str, Any] | None = None) -> AuditEntry:
    """Append an entry in a transaction of its own."""
    with db.write(engine) as connection:
        return record(connection, actor, action, subject, detail)


def record_step(connection: Connection, *, case_id: str, revision: int, kind: str, from_state: str | None,
                to_state: str, actor: str, detail: Mapping[str, Any] | None) -> AuditEntry:
    """The audit entry of a case's history step (claim, decision, hand-out, evaluation …)."""
    full = dict(detail or {})
    kept = {key: full[key] for key in _STEP_KEYS if key in full and _plain(full[key])}
    kept.update({"revision": revision, "from": from_state, "to_state": to_state,
                 "detail_sha256": hashlib.sha256(_json(full).encode("utf-8")).hexdigest()})
    action = kind if kind in ACTIONS else "case_step"
    if action == "case_step":
        kept["step"] = kind
    return record(connection, actor, action, case_id, kept)


def _plain(value: Any) -> bool:
    return value is None or isinstance(value, bool | int) or (isinstance(value, str) and len(value) <= 64)


def _sign(engine: Engine, entry_hash_hex: str) -> tuple[str, str]:
    signer = _signers.get(engine)
    if signer is None:
        if engine not in _unsigned_warned:
            _unsigned_warned.add(engine)
            log.warning("audit entries of %s are not signed: no signing key attached", engine.url.render_as_string())
        return "", ""
    return signer.sign(entry_hash_hex), signer.key_id


def _json(detail: Mapping[str, Any]) -> str:
    return json.dumps(dict(detail), sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def stored(row: Any) -> Stored:
    try:
        detail = json.loads(row.detail)
    except ValueError:
        detail = {"unreadable": row.detail}  # verify reports the entry as altered
    at = row.at if row.at.tzinfo is not None else row.at.replace(tzinfo=UTC)
    entry = AuditEntry(seq=row.seq, at=at.astimezone(UTC), actor=row.actor, action=row.action,
                       subject=row.subject, detail=detail if isinstance(detail, dict) else {"value": detail},
                       prev_hash=row.prev_hash, hash=row.hash)
    return Stored(entry, row.signature, row.key_id)


def entries(engine: Engine, batch: int = 5000) -> Iterator[Stored]:
    """Every entry in order, read in batches (a year's trail does not fill memory)."""
    after: int | None = None
    while True:
        query = sa.select(audit_log).order_by(audit_log.c.seq).limit(batch)
        if after is not None:
            query = query.where(audit_log.c.seq > after)
        with db.read(engine) as connection:
            rows = connection.execute(query).all()
        if not rows:
            return
        yield from (stored(row) for row in rows)
        after = rows[-1].seq


def page(engine: Engine, *, before: int | None, size: int, subject: str | None = None, actor: str | None = None,
         action: str | None = None) -> tuple[list[Stored], int]:
    """Up to `size` entries before `before` (newest first), filtered; and the newest seq of all."""
    query = sa.select(audit_log).order_by(audit_log.c.seq.desc()).limit(size)
    for column, value in ((audit_log.c.subject, subject), (audit_log.c.actor, actor), (audit_log.c.action, action)):
        if value is not None:
            query = query.where(column == value)
    if before is not None:
        query = query.where(audit_log.c.seq < before)
    with db.read(engine) as connection:
        rows = connection.execute(query).all()
        head = connection.execute(sa.select(sa.func.max(audit_log.c.seq))).scalar_one()
    return [stored(row) for row in rows], int(head or 0)


def recorded_public_keys(engine: Engine) -> dict[str, str]:
    """The public keys (PEM) the service says it signed with, by key id."""
    with db.read(engine) as connection:
        return {row.key_id: row.public_key for row in connection.execute(sa.select(audit_keys))}


def as_dict(item: Stored) -> dict[str, Any]:
    entry = item.entry
    return {"seq": entry.seq, "at": entry.at.isoformat(), "actor": entry.actor, "action": entry.action,
            "subject": entry.subject, "detail": dict(entry.detail), "prev_hash": entry.prev_hash,
            "hash": entry.hash, "signature": item.signature, "key_id": item.key_id}
