"""The audit trail as a hash chain: each entry carries the hash of the one before it.

An entry's hash is the sha256 of its canonical JSON (sorted keys, UTF-8, no spaces) including the
previous entry's hash, starting from `GENESIS`. Changing any field of any entry changes its hash;
deleting or inserting one breaks the sequence or the link after it. `verify_chain` names each
break by sequence number. Details hold identifiers (case id and number, file hash), never a
citizen's personal data: the trail itself must be safe to show an auditor.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

GENESIS = "0" * 64

# What is recorded (the list plus sign-in events); free-form actions are refused.
ACTIONS = frozenset({
    "transition",  # a case decided, synced, approved, handed out … (detail: from, to)
    "tolerance_supplied",  # a 容缺 material received after acceptance (detail: material, due, late, revision)
    "view_full",  # personal data shown unmasked
    "export",  # statistics or documents written out
    "sign_in", "sign_in_failed", "sign_out", "lock", "unlock",
    "purge",  # retention removed closed cases
})


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime
    actor: str
    action: str
    subject: str
    detail: Mapping[str, Any] = field(default_factory=dict)
    prev_hash: str = GENESIS
    hash: str = ""


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    problem: str  # in words, for `clerk-app audit verify`

    def __str__(self) -> str:
        return f"#{self.seq}: {self.problem}"


def canonical(entry: AuditEntry) -> bytes:
    body = {
        "seq": entry.seq, "at": entry.at.isoformat(), "actor": entry.actor, "action": entry.action,
        "subject": entry.subject, "detail": dict(entry.detail), "prev": entry.prev_hash,
    }
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def entry_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(canonical(entry)).hexdigest()


def next_entry(previous: AuditEntry | None, *, at: datetime, actor: str, action: str, subject: str,
               detail: Mapping[str, Any] | None = None) -> AuditEntry:
    """The entry that follows `previous` (None: the first), with its hash."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    if at.tzinfo is None:
        raise ValueError("audit times carry their UTC offset")
    draft = AuditEntry(
        seq=previous.seq + 1 if previous else 1, at=at, actor=actor, action=action, subject=subject,
        detail=dict(detail or {}), prev_hash=previous.hash if previous else GENESIS,
    )
    return AuditEntry(**{**draft.__dict__, "hash": entry_hash(draft)})


def verify_chain(entries: Iterable[AuditEntry]) -> list[ChainBreak]:
    """Every break in the chain, in order; an empty list when it is intact."""
    breaks: list[ChainBreak] = []
    previous: AuditEntry | None = None
    for entry in entries:
        expected_seq = previous.seq + 1 if previous else 1
        if entry.seq != expected_seq:
            breaks.append(ChainBreak(entry.seq, f"expected entry #{expected_seq}: entries missing or reordered"))
        expected_prev = previous.hash if previous else GENESIS
        if entry.prev_hash != expected_prev:
            breaks.append(ChainBreak(entry.seq, "does not follow the entry before it (deleted or altered)"))
        if entry_hash(entry) != entry.hash:
            breaks.append(ChainBreak(entry.seq, "its content differs from what was recorded (altered)"))
        previous = entry
    return breaks
