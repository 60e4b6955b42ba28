"""Checking the back office's audit trail: the hash chain of every entry and every signature.

A verifier is given the public key (`--public-key FILE`, the `audit-signing-key.pub.pem` the
service exported); without one, the keys the database itself lists are used, which proves the
chain is whole but not who wrote it (someone able to rewrite the database could list their own
key), and the report says so. Entries deleted from the end leave no gap in the chain: only an
anchor shows them, a signed head saved before (`clerk_app.backoffice.audit_head`): a trail that ends
before the anchor's seq, or holds another hash there, is reported as a break at that seq.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Engine

from clerk_app.backoffice import audit
from clerk_app.backoffice.audit_keys import AuditKeyError, parse_public_keys, signature_valid
from clerk_app.core.audit import AuditEntry, ChainBreak, verify_chain
from clerk_app.core.audit_head import SignedHead, anchor_break


@dataclass
class Report:
    count: int = 0
    breaks: list[ChainBreak] = field(default_factory=list)
    last: AuditEntry | None = None

    @property
    def intact(self) -> bool:
        return not self.breaks


def keys_listed_in(engine: Engine) -> dict[str, Ed25519PublicKey]:
    """The public keys the database lists (`audit_keys`); an unreadable one is skipped."""
    keys: dict[str, Ed25519PublicKey] = {}
    for pem in audit.recorded_public_keys(engine).values():
        try:
            keys.update(parse_public_keys(pem))
        except AuditKeyError:
            continue
    return keys


def verify(engine: Engine, trusted: dict[str, Ed25519PublicKey], anchor: SignedHead | None = None,
           anchor_source: str = "the anchor") -> Report:
    """Every break of the chain and every bad signature, in sequence order; with `anchor` (a signed head
    saved before, its signature checked by the caller) also a trail cut before it or rewritten."""
    report = Report()
    signature_breaks: list[ChainBreak] = []
    hash_at_anchor: list[str] = []

    def read() -> Iterator[AuditEntry]:
        for item in audit.entries(engine):
            report.count += 1
            report.last = item.entry
            if anchor is not None and item.entry.seq == anchor.seq:
                hash_at_anchor.append(item.entry.hash)
            problem = signature_problem(item, trusted)
            if problem:
                signature_breaks.append(ChainBreak(item.entry.seq, problem))
            yield item.entry

    chain_breaks = verify_chain(read())
    if anchor is not None:
        cut = anchor_break(seq=anchor.seq, hash_hex=anchor.hash, last_seq=report.last.seq if report.last else 0,
                           hash_there=hash_at_anchor[0] if hash_at_anchor else None, source=anchor_source)
        chain_breaks += [cut] if cut else []
    order = {id(b): i for i, b in enumerate(chain_breaks + signature_breaks)}
    report.breaks = sorted(chain_breaks + signature_breaks, key=lambda b: (b.seq, order[id(b)]))
    return report


def signature_problem(item: audit.Stored, trusted: dict[str, Ed25519PublicKey]) -> str:
    """What is wrong with an entry's signature, in words ("" when a trusted key signed its hash)."""
    if not item.signature:
        return "is not signed"
    named = trusted.get(item.key_id)
    if named is not None and signature_valid(named, item.entry.hash, item.signature):
        return ""
    if any(signature_valid(key, item.entry.hash, item.signature) for key in trusted.values()):
        return ""  # signed by a trusted key; only the key id beside it was changed
    if named is None:
        return f"is not signed by the given public key (it names key {item.key_id[:16] or '—'}…)"
    return "its signature does not match its hash (altered or signed by another key)"
