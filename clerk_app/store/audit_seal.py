"""The workstation's audit head, sealed in a small file beside the database.

The hash chain (`clerk_app.core.audit`) shows an entry edited, inserted, reordered or deleted in
the middle; entries deleted from the END leave a shorter chain that is still whole. So, after each
committed append, the head (the last entry's seq and hash) is written to `NAME.audit-head.json`
beside `NAME.sqlite3`, under an HMAC-SHA256 with a subkey of the data folder's key
(`DataKey.derive("audit-head/v1")`; the key never lies beside the data). `clerk-app audit verify`
reads the seal before the chain and reports, by seq, a trail that ends before the sealed head or
holds another hash there (`clerk_app.core.audit_head.anchor_break`), and a seal whose HMAC does not
match.

What it catches: entries deleted from the end with a SQLite shell (the seal is not in the
database, and a new seal cannot be made without the folder's key); the database file put back
from an older copy on its own (the seal is ahead of it); the database of another folder put in
its place (another hash); a seal file edited or forged without the key.

What it does not catch: the database and the seal file put back TOGETHER from an older copy (a
consistent older pair: only a copy of the head kept elsewhere, or the back office's trail of what
this workstation sent, shows that); the seal file deleted along with the entries (verify then
says it cannot detect truncation, it does not call it tampering, since a folder from an earlier
release has no seal until its next entry); anyone who holds the folder's key (who can run the
workstation as its service user with the enrolment secret) rewriting both — and since opening an
encrypted database takes that key too, against a deliberate editor of an encrypted folder the seal
holds only while they overlook it or cannot reach the key's source. A folder kept without
encryption (`key_source = "none"`) has no key: its seal is a plain sha256, which shows accidents
and naive edits but anyone may recompute. A seal that stays behind the chain (two processes
appending at once, a crash between the commit and the seal) is harmless: it still names a real
entry; the seal never moves back, and is never written for an entry that did not commit.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import weakref
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, event

from clerk_app.store.keys import DataKey
from clerk_app.store.wipe import write_atomic

log = logging.getLogger(__name__)
SUFFIX = ".audit-head.json"
FORMAT = "clerk_app workstation audit head v1"
_CONTEXT = b"clerk_app workstation audit head v1\n"
_PENDING = "clerk_app.audit_head"  # connection info: the (seq, hash) appended in its transaction
_seals: weakref.WeakKeyDictionary[Engine, HeadSeal] = weakref.WeakKeyDictionary()


class SealError(ValueError):
    """The seal file cannot be read or its seal does not match (said in words naming the file)."""


@dataclass(frozen=True)
class Seal:
    seq: int
    hash: str
    at: str  # when it was sealed (ISO 8601, UTC)
    keyed: bool  # an HMAC under the folder's key, not a plain digest

    def describe(self) -> str:
        return f"#{self.seq} {self.hash[:16]}… sealed at {self.at}"


def seal_path(database: Path) -> Path:
    """Where the seal of `database` lives: `store.sqlite3` → `store.audit-head.json`."""
    return database.with_name(database.stem + SUFFIX)


class HeadSeal:
    def __init__(self, path: Path, key: DataKey | None) -> None:
        self.path = path
        self._key = key.derive("audit-head/v1") if key is not None else None

    def read(self) -> Seal | None:
        """The sealed head (None: no seal yet); SealError when unreadable or its seal does not match."""
        seal, mac = self._raw()
        if seal is None:
            return None
        if seal.keyed and self._key is None:
            raise SealError(f"{self.path}: sealed with the data folder's key, which is not available here")
        if not seal.keyed and self._key is not None:
            raise SealError(f"{self.path}: not sealed with this folder's key (replaced, or written before the "
                            "folder was encrypted: the next entry seals it again)")
        if not hmac.compare_digest(mac, self._mac(seal.seq, seal.hash, seal.at)):
            raise SealError(f"{self.path}: its seal does not match its content or this folder's key (altered)")
        return seal

    def advance(self, seq: int, hash_hex: str) -> bool:
        """Seal entry #seq as the head unless the file already names a later one; True when written."""
        try:
            current, _mac = self._raw()
        except SealError:
            current = None  # unreadable: a committed entry's seal replaces it
        if current is not None and current.seq >= seq:
            return False
        at = datetime.now(UTC).isoformat(timespec="seconds")
        body = {"format": FORMAT, "seq": seq, "hash": hash_hex, "at": at, "keyed": self._key is not None,
                "seal": self._mac(seq, hash_hex, at)}
        write_atomic(self.path, (json.dumps(body, indent=1) + "\n").encode("ascii"), 0o600)
        return True

    def _raw(self) -> tuple[Seal | None, str]:
        try:
            value: Any = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None, ""
        except (OSError, ValueError) as error:
            raise SealError(f"{self.path}: the sealed audit head cannot be read ({error})") from None
        try:
            if value["format"] != FORMAT:
                raise ValueError(f"format {value['format']!r}")
            seal = Seal(int(value["seq"]), str(value["hash"]), str(value["at"]), bool(value["keyed"]))
            return seal, str(value["seal"])
        except (KeyError, TypeError, ValueError) as error:
            raise SealError(f"{self.path}: not a sealed audit head ({error})") from None

    def _mac(self, seq: int, hash_hex: str, at: str) -> str:
        message = _CONTEXT + f"{seq}\n{hash_hex}\n{at}".encode()
        if self._key is None:
            return hashlib.sha256(message).hexdigest()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()


def seal_appends(engine: Engine, seal: HeadSeal) -> None:
    """Seal the head after each committed transaction of `engine` that appended an audit entry."""
    if engine not in _seals:
        event.listen(engine, "checkin", _sealing(engine))
    _seals[engine] = seal


def sealed_by(engine: Engine) -> HeadSeal | None:
    return _seals.get(engine)


def mark_appended(connection: Connection, seq: int, hash_hex: str) -> None:
    """Called by `AuditLog.append_in`: the head to seal once this connection's transaction commits."""
    if connection.engine in _seals:
        connection.info[_PENDING] = (seq, hash_hex)


def _sealing(engine: Engine) -> Any:
    """A pool check-in listener: the connection comes back after its transaction ended, so the entry
    it appended is sealed if, and only if, the database now holds it (committed, not rolled back)."""
    engines = weakref.ref(engine)

    def checkin(dbapi_connection: Any, record: Any) -> None:
        pending = record.info.pop(_PENDING, None) if record is not None else None
        owner = engines()
        seal = _seals.get(owner) if owner is not None else None
        if pending is None or seal is None or dbapi_connection is None:
            return
        try:
            if _committed(dbapi_connection, *pending):
                seal.advance(*pending)
        except Exception as error:  # the seal must never break the clerk's work: logged instead
            log.warning("the audit head #%s could not be sealed in %s: %s", pending[0], seal.path, error)

    return checkin


def _committed(dbapi_connection: Any, seq: int, hash_hex: str) -> bool:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("SELECT hash FROM audit_log WHERE seq = ?", (seq,))
        row = cursor.fetchone()
    finally:
        cursor.close()
    return row is not None and row[0] == hash_hex
