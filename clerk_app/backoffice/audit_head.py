"""The back office's signed audit head: the last entry's seq and hash, the moment, signed.

Served at `GET /audit/head` (`routes_audit`). A hash chain cannot show entries deleted from its
end; a head saved before (by each workstation's sync, which keeps the highest it has seen, or by
`clerk-app audit head --backoffice-url URL -o FILE`) can: `clerk-app audit verify --backoffice-db
URL --anchor FILE` reports a trail shorter than the head, or with another hash at its seq. The
signature (the service's audit key, over `clerk_app.core.audit_head.head_message`) makes a head
that no one without the private key can forge to match a cut trail.
"""

from __future__ import annotations

import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Engine

from clerk_app.backoffice import audit, db
from clerk_app.backoffice.audit_keys import message_signature_valid
from clerk_app.backoffice.schema import audit_log
from clerk_app.core.audit import GENESIS
from clerk_app.core.audit_head import SignedHead, head_message


def signed_head(engine: Engine) -> SignedHead | None:
    """The trail's head now, signed; None when the engine has no signing key attached."""
    signer = audit.signer_of(engine)
    if signer is None:
        return None
    with db.read(engine) as connection:
        last = connection.execute(
            sa.select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)).first()
    seq, hash_hex = (int(last.seq), last.hash) if last else (0, GENESIS)
    at = audit.now().isoformat()
    return SignedHead(seq, hash_hex, at, signer.key_id, signer.sign_message(head_message(seq, hash_hex, at)))


def head_problem(head: SignedHead, trusted: dict[str, Ed25519PublicKey]) -> str:
    """What is wrong with a head's signature, in words ("" when a trusted key signed it)."""
    named = trusted.get(head.key_id)
    if named is not None and message_signature_valid(named, head.message(), head.signature):
        return ""
    if any(message_signature_valid(key, head.message(), head.signature) for key in trusted.values()):
        return ""
    if named is None:
        return f"it is not signed by a trusted key (it names key {head.key_id[:16]}…)"
    return "its signature does not match its content (altered)"
