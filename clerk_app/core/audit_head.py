"""Anchors of an audit trail: its head (the last entry's sequence number and hash) kept apart from it.

The hash chain (`clerk_app.core.audit`) shows an entry edited, inserted, reordered or deleted in
the middle, but entries deleted from the END leave a shorter chain that is still whole. An anchor
closes that gap: a statement, kept where the trail's editor cannot rewrite it together with the
trail, that the chain once reached entry #SEQ with hash HASH. A trail that ends before SEQ, or
holds another hash at SEQ, was cut or rewritten (`anchor_break`).

Two kinds of anchor use this:
- the back office's signed head (`SignedHead`): seq, hash and the moment, signed with the
  service's Ed25519 audit key (`GET /audit/head`); workstations keep the highest one they saw,
  and `clerk-app audit verify --backoffice-db URL --anchor FILE` compares;
- the workstation's sealed head (`clerk_app.store.audit_seal`): seq and hash under an HMAC of the
  data folder's key, in a small file beside the database.

Only the byte layout and the comparison live here (no keys, no I/O).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from clerk_app.core.audit import GENESIS, ChainBreak

HEAD_CONTEXT = b"clerk_app back-office audit head v1\n"  # what the server's signature covers first
HEAD_FORMAT = "clerk_app back-office audit head v1"  # the "format" of a saved head (an anchor file)
_HEX = frozenset("0123456789abcdef")


class HeadFormatError(ValueError):
    """A saved head that cannot be read, said in words naming the field."""


@dataclass(frozen=True)
class SignedHead:
    """The back office's head at `at`: entry #seq has `hash` (seq 0 and 64 zeros: no entry yet)."""

    seq: int
    hash: str
    at: str  # ISO 8601 with offset, exactly as signed
    key_id: str
    signature: str  # base64 Ed25519 over `message()`

    def message(self) -> bytes:
        return head_message(self.seq, self.hash, self.at)

    def as_dict(self) -> dict[str, Any]:
        return {"format": HEAD_FORMAT, "seq": self.seq, "hash": self.hash, "at": self.at,
                "key_id": self.key_id, "signature": self.signature}

    def describe(self) -> str:
        return f"#{self.seq} {self.hash[:16]}… signed at {self.at}"


def head_message(seq: int, hash_hex: str, at: str) -> bytes:
    """The bytes a head's signature covers."""
    return HEAD_CONTEXT + f"{seq}\n{hash_hex}\n{at}".encode("ascii")


def head_from_dict(value: Any) -> SignedHead:
    """A head read back from JSON (`GET /audit/head`, an anchor file); HeadFormatError names the field."""
    if not isinstance(value, dict):
        raise HeadFormatError("not a JSON object")
    if value.get("format", HEAD_FORMAT) != HEAD_FORMAT:
        raise HeadFormatError(f"format {value.get('format')!r} is not {HEAD_FORMAT!r}")
    seq = value.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
        raise HeadFormatError(f"seq {seq!r} is not a whole number ≥ 0")
    hash_hex = _hex(value, "hash", 64)
    if seq == 0 and hash_hex != GENESIS:
        raise HeadFormatError("seq 0 (no entry yet) goes with 64 zeros as hash")
    at = value.get("at")
    if not isinstance(at, str) or not at.isascii() or not _aware(at):
        raise HeadFormatError(f"at {at!r} is not an ISO 8601 time with its UTC offset")
    signature = value.get("signature")
    if not isinstance(signature, str) or not signature or len(signature) > 200:
        raise HeadFormatError("signature is missing")
    return SignedHead(seq, hash_hex, at, _hex(value, "key_id", 64), signature)


def _hex(value: dict[str, Any], name: str, length: int) -> str:
    text = value.get(name)
    if not isinstance(text, str) or len(text) != length or not set(text) <= _HEX:
        raise HeadFormatError(f"{name} is not {length} lowercase hex digits")
    return text


def _aware(text: str) -> bool:
    try:
        return datetime.fromisoformat(text).tzinfo is not None
    except ValueError:
        return False


def anchor_break(*, seq: int, hash_hex: str, last_seq: int, hash_there: str | None, source: str) -> ChainBreak | None:
    """What an anchor says about a trail that ends at `last_seq` and holds `hash_there` at `seq`.

    `source` names the anchor in the message ("the anchor FILE (signed at …)"). None: the trail
    reaches the anchor and agrees with it (it may have grown since).
    """
    if seq == 0:
        return None
    if last_seq < seq:
        ended = f"ends at #{last_seq}" if last_seq else "is empty"
        return ChainBreak(seq, f"missing: the trail {ended}, but {source} shows it reached #{seq}: "
                               f"{seq - last_seq} entries deleted from the end (or the database put back "
                               "from an older copy)")
    if hash_there != hash_hex:
        return ChainBreak(seq, f"differs from {source} (hash {hash_hex[:16]}…): the trail was rewritten "
                               "at or before this entry")
    return None
