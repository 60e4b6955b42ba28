"""Scans at rest: files addressed by the sha256 of their plaintext, sealed with AES-256-GCM.

A file keeps the name it always had, `<sha256 of the PDF>.pdf`, so the back office addresses it as
before; its bytes are `MAGIC | version | nonce (12) | ciphertext | tag (16)`. The associated data
binds the header and the name, so a sealed file renamed to another scan's name, or altered by one
bit, fails authentication; the plaintext's hash is checked as well. The key is the data key's
`files` subkey (`DataKey.files_key`); a vault without a key (`key_source = "none"`) stores plain
files. Plain files of earlier releases stay readable (checked by hash) until `seal_legacy`
encrypts them in place.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path

from clerk_app.store.errors import TamperedFileError, VaultError
from clerk_app.store.keys import DataKey
from clerk_app.store.wipe import fsync_dir, recover_wiping, replace_wiping, wipe

MAGIC = b"CLKV"
VERSION = 1
NONCE_BYTES = 12
HEADER_BYTES = len(MAGIC) + 1 + NONCE_BYTES
_DIGEST = re.compile(r"[0-9a-f]{64}")


class FileVault:
    """The scans of one folder: `put` stores, `get` returns the verified plaintext."""

    def __init__(self, folder: Path, key: DataKey | None, *, suffix: str = ".pdf") -> None:
        self.folder = folder
        self.suffix = suffix
        self._aead = None
        if key is not None:
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM

            self._aead = AESGCM(key.files_key)

    @property
    def encrypted(self) -> bool:
        return self._aead is not None

    def path(self, sha256: str) -> Path:
        return self.folder / f"{_checked(sha256)}{self.suffix}"

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put(self, data: bytes) -> str:
        """Store `data` durably (fsync) under the sha256 of its bytes; returns that hash."""
        digest = hashlib.sha256(data).hexdigest()
        self._write(digest, self._seal(digest, data) if self._aead is not None else data)
        return digest

    def get(self, sha256: str) -> bytes:
        """The plaintext, after checking the tag and the hash (raises VaultError)."""
        name = self.path(sha256).name
        try:
            stored = self.path(sha256).read_bytes()
        except FileNotFoundError:
            raise VaultError("vault.missing", name=name) from None
        except OSError as error:
            raise VaultError("vault.io", name=name, reason=error.strerror or str(error)) from None
        data = self._open(sha256, stored) if sealed(stored) else stored
        if hashlib.sha256(data).hexdigest() != sha256:
            raise VaultError("vault.damaged", name=name)
        return data

    def delete(self, sha256: str) -> bool:
        """Remove a file (its bytes overwritten when it was plain); False when there was none."""
        path = self.path(sha256)
        try:
            with open(path, "rb") as stream:
                head = stream.read(len(MAGIC))
        except FileNotFoundError:
            return False
        except OSError:
            head = b""
        if head == MAGIC:
            path.unlink(missing_ok=True)
            return True
        return wipe(path)

    def digests(self) -> Iterator[str]:
        """The hash of every stored file."""
        if not self.folder.is_dir():
            return
        for path in sorted(self.folder.glob(f"*{self.suffix}")):
            stem = path.name[: -len(self.suffix)] if self.suffix else path.name
            if _DIGEST.fullmatch(stem):
                yield stem

    def seal_legacy(self) -> int:
        """Encrypt every plain file in place (old bytes overwritten); the number sealed.

        A plain file that does not match its name is left as it is (it is reported when read).
        """
        if self._aead is None:
            return 0
        count = 0
        for digest in self.digests():
            path = self.path(digest)
            recover_wiping(path)
            stored = path.read_bytes()
            if sealed(stored) or hashlib.sha256(stored).hexdigest() != digest:
                continue
            temporary = self._temporary(digest)
            _write_synced(temporary, self._seal(digest, stored))
            replace_wiping(temporary, path)
            count += 1
        for leftover in self.folder.glob(".*.partial"):
            wipe(leftover)
        return count

    def _seal(self, digest: str, data: bytes) -> bytes:
        assert self._aead is not None
        nonce = os.urandom(NONCE_BYTES)
        header = MAGIC + bytes([VERSION]) + nonce
        return header + self._aead.encrypt(nonce, data, header + self._name(digest))

    def _open(self, digest: str, stored: bytes) -> bytes:
        from cryptography.exceptions import InvalidTag

        name = self.path(digest).name
        if self._aead is None:
            raise VaultError("vault.no_key", name=name)
        header, body = stored[:HEADER_BYTES], stored[HEADER_BYTES:]
        if len(stored) < HEADER_BYTES + 16 or header[len(MAGIC)] != VERSION:
            raise TamperedFileError("vault.tampered", name=name)
        try:
            return self._aead.decrypt(header[len(MAGIC) + 1:], body, header + self._name(digest))
        except InvalidTag:
            raise TamperedFileError("vault.tampered", name=name) from None

    def _name(self, digest: str) -> bytes:
        return f"{digest}{self.suffix}".encode("ascii")

    def _write(self, digest: str, data: bytes) -> None:
        temporary = self._temporary(digest)
        try:
            _write_synced(temporary, data)
            os.replace(temporary, self.path(digest))
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise VaultError("vault.io", name=self.path(digest).name, reason=error.strerror or str(error)) from None
        fsync_dir(self.folder)

    def _temporary(self, digest: str) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        return self.folder / f".{digest}.{secrets.token_hex(4)}.partial"


def sealed(data: bytes) -> bool:
    return data[: len(MAGIC)] == MAGIC


def _checked(sha256: str) -> str:
    if not _DIGEST.fullmatch(sha256):
        raise VaultError("vault.missing", name=sha256[:80])
    return sha256


def _write_synced(path: Path, data: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
