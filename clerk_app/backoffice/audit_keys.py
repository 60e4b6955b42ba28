"""The key the back office signs its audit trail with (Ed25519), and its public half for verifiers.

The private key comes from the configuration (`Settings.audit_key_file`, `clerk-app backoffice
serve --audit-key FILE`: a PEM PKCS#8 Ed25519 key), else from `audit-signing-key.pem` in the data
directory, made at the first start with mode 0600. The data directory is shared by the instances
of one database, so they sign with one key; several starting at once still end with one key (the
file is linked into place only if none is there). The public key is written beside it
(`audit-signing-key.pub.pem`) and served at `GET /audit/public-key`: that file is all a verifier
needs (`clerk-app audit verify --backoffice-db URL --public-key FILE`). Keep a copy of it apart
from the server, so a verifier does not have to trust the machine it checks.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

log = logging.getLogger(__name__)
KEY_NAME = "audit-signing-key.pem"
PUBLIC_NAME = "audit-signing-key.pub.pem"
# What is signed: this prefix and the entry's hash (which covers its content and the hash before it).
CONTEXT = b"clerk_app back-office audit entry v1\n"
_PEM_BLOCK = re.compile(r"-----BEGIN PUBLIC KEY-----.+?-----END PUBLIC KEY-----", re.S)


class AuditKeyError(ValueError):
    """The configured signing key or a public key file cannot be used (said in words)."""


@dataclass(frozen=True)
class Signer:
    private: Ed25519PrivateKey
    key_id: str  # sha256 of the raw public key, hex
    public_pem: str

    def sign(self, entry_hash: str) -> str:
        return self.sign_message(CONTEXT + entry_hash.encode("ascii"))

    def sign_message(self, message: bytes) -> str:
        """Base64 Ed25519 signature of `message` (which starts with its own context, e.g. a head's)."""
        return base64.b64encode(self.private.sign(message)).decode("ascii")


def key_id_of(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def public_pem(public: Ed25519PublicKey) -> str:
    return public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def signature_valid(public: Ed25519PublicKey, entry_hash: str, signature: str) -> bool:
    try:
        message = CONTEXT + entry_hash.encode("ascii")
    except UnicodeEncodeError:
        return False
    return message_signature_valid(public, message, signature)


def message_signature_valid(public: Ed25519PublicKey, message: bytes, signature: str) -> bool:
    try:
        public.verify(base64.b64decode(signature, validate=True), message)
    except (InvalidSignature, ValueError):
        return False
    return True


def signer_from(private: Ed25519PrivateKey) -> Signer:
    public = private.public_key()
    return Signer(private, key_id_of(public), public_pem(public))


def load_signer(data_dir: Path, configured: str = "") -> Signer:
    """The configured key, else the data directory's (made now if there is none)."""
    path = Path(configured) if configured else data_dir / KEY_NAME
    if not configured and not path.exists():
        _create(path)
    signer = signer_from(_read_private(path))
    _warn_if_readable(path)
    _export_public(data_dir / PUBLIC_NAME, signer.public_pem)
    return signer


def read_signer(path: Path) -> Signer:
    """The signing key at `path`, which must exist (never made here: a tool writing into an existing
    trail signs with the service's own key)."""
    return signer_from(_read_private(path))


def _create(path: Path) -> None:
    """A new key at `path` (0600), unless another instance made one first: that one is kept."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    draft = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    handle = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(pem)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(draft, path)  # fails if it exists: the first instance's key wins
        except FileExistsError:
            pass
        else:
            log.info("created the audit signing key %s", path)
    finally:
        draft.unlink(missing_ok=True)


def _read_private(path: Path) -> Ed25519PrivateKey:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise AuditKeyError(f"{path}: the audit signing key cannot be read ({error.strerror})") from None
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as error:
        raise AuditKeyError(f"{path}: not an unencrypted PEM private key ({error})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise AuditKeyError(f"{path}: the audit signing key must be an Ed25519 key")
    return key


def _warn_if_readable(path: Path) -> None:
    if os.name == "posix" and path.stat().st_mode & 0o077:
        log.warning("%s: the audit signing key is readable by others; chmod 600 it", path)


def _export_public(path: Path, pem: str) -> None:
    try:
        if path.exists() and path.read_text() == pem:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
        draft.write_text(pem)
        os.replace(draft, path)
    except OSError as error:
        log.warning("%s: cannot write the audit public key (%s)", path, error.strerror)


def load_public_keys(path: Path) -> dict[str, Ed25519PublicKey]:
    """The Ed25519 public keys of a PEM file (one or more blocks), by key id."""
    try:
        text = path.read_text(encoding="ascii", errors="replace")
    except OSError as error:
        raise AuditKeyError(f"{path}: cannot read the public key ({error.strerror})") from None
    keys: dict[str, Ed25519PublicKey] = {}
    for block in _PEM_BLOCK.findall(text):
        keys.update(parse_public_keys(block))
    if not keys:
        raise AuditKeyError(f"{path}: no PEM public key (-----BEGIN PUBLIC KEY-----) in it")
    return keys


def parse_public_keys(pem: str) -> dict[str, Ed25519PublicKey]:
    try:
        key = serialization.load_pem_public_key(pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError) as error:
        raise AuditKeyError(f"not a PEM public key ({error})") from None
    if not isinstance(key, Ed25519PublicKey):
        raise AuditKeyError("the public key is not an Ed25519 key")
    return {key_id_of(key): key}
