"""A sync round's last step: fetch the back office's signed audit head and keep the highest one seen.

The head (`GET /audit/head`: the last entry's seq and hash, signed with the service's Ed25519
audit key) is checked against the service's public key (`GET /audit/public-key`, fetched once
and kept with the head) and kept in the local store (`clerk_app.store.audit_witness`) when it is
later than the one kept. A head behind the kept one means the server's trail lost entries from
its end (or its database was put back from a backup): that is logged as a warning, and the
higher head stays, for `clerk-app audit head --workstation -o FILE`.

Nothing here changes the round's outcome: an older back office without the route, a network
error or an unreadable answer is logged and the next round tries again.
"""

from __future__ import annotations

import base64
import hashlib
import logging

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Engine

from clerk_app.core.audit_head import HeadFormatError, SignedHead, head_from_dict
from clerk_app.store.audit_witness import Kept, keep_head, save_public_key, saved_public_key
from clerk_app.sync.client import BackOfficeClient

log = logging.getLogger(__name__)


def witness_head(client: BackOfficeClient, engine: Engine) -> Kept | None:
    """Fetch, check and keep the server's head; what became of it (None: nothing usable came)."""
    answer = client.request("GET", "/audit/head")
    if not answer.ok:
        log.debug("no audit head from the back office: %s", answer.message)
        return None
    try:
        head = head_from_dict(answer.body)
    except HeadFormatError as error:
        log.warning("the back office's audit head cannot be read: %s", error)
        return None
    if not _signed(client, engine, head):
        log.warning("the back office's audit head %s is not signed by its audit key: not kept", head.describe())
        return None
    kept, before = keep_head(engine, head)
    if kept in (Kept.BEHIND, Kept.FORKED) and before is not None:
        log.warning("the back office's audit trail is now at %s, but it signed %s before: entries were cut from "
                    "its end or rewritten (or its database put back from a backup); the earlier head is kept "
                    "(clerk-app audit head --workstation -o FILE)", head.describe(), before.describe())
    return kept


def _signed(client: BackOfficeClient, engine: Engine, head: SignedHead) -> bool:
    """Whether the service's audit key signed `head` (the key is fetched when the kept one is not it)."""
    public = _key(saved_public_key(engine))
    if public is None or _key_id(public) != head.key_id:
        answer, data = client.download("/audit/public-key")
        fetched = _key(data.decode("ascii", errors="replace")) if answer.ok else None
        if fetched is None or _key_id(fetched) != head.key_id:
            return False
        save_public_key(engine, data.decode("ascii"))
        public = fetched
    try:
        public.verify(base64.b64decode(head.signature, validate=True), head.message())
    except (InvalidSignature, ValueError):
        return False
    return True


def _key(pem: str | None) -> Ed25519PublicKey | None:
    if not pem:
        return None
    try:
        key = serialization.load_pem_public_key(pem.encode("ascii", errors="replace"))
    except ValueError:
        return None
    return key if isinstance(key, Ed25519PublicKey) else None


def _key_id(public: Ed25519PublicKey) -> str:
    """As the back office names its keys: sha256 of the raw public key."""
    return hashlib.sha256(public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)).hexdigest()
