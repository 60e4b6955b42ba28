"""Uploaded files sealed at rest: AES-256-GCM in segments, so a body is sealed as it streams in.

Used when the back office has a data key (`clerk_app.backoffice.at_rest`). A stored file keeps its
address, `files/ab/cd/<sha256 of the plaintext>`: the name tells whether two uploads were the same
bytes, as it always did, and nothing more (a sha256 cannot be turned back into a scan; guessing it
needs the exact bytes). Its content is

    MAGIC "CLKB" | version | salt (16) | segment 0 | segment 1 | … | last segment

each segment being up to 64 KiB of plaintext encrypted with its 16-byte tag. The file's own key
is HKDF(files key, salt), so the nonce can be the segment's number plus a "last" flag; the
associated data is the header and the sha256 name. A file renamed to another scan's name, altered
by one bit, cut at a segment boundary, reordered or extended fails authentication. The body is
sealed while it is received (the partial upload in `files/tmp` is never plaintext) and opened
segment by segment while it is served; the plaintext's sha256 is checked as well.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from clerk_app.store.keys import DataKey

MAGIC = b"CLKB"
VERSION = 1
SALT_BYTES = 16
HEADER_BYTES = len(MAGIC) + 1 + SALT_BYTES
SEGMENT = 64 * 1024
TAG = 16
PURPOSE = "backoffice/files/v1"


class SealedFileError(ValueError):
    """A sealed file that does not open: altered, cut, renamed, or sealed under another key."""


class FileSealer:
    """Seals and opens the back office's stored files with one data key."""

    def __init__(self, key: DataKey) -> None:
        self._root = key.derive(PURPOSE)

    def writer(self, out: BinaryIO, sha256: str) -> SealingWriter:
        """A writer sealing into `out` the file announced as `sha256` (its header written now)."""
        salt = os.urandom(SALT_BYTES)
        header = MAGIC + bytes([VERSION]) + salt
        out.write(header)
        return SealingWriter(out, self._aead(salt), header + sha256.encode("ascii"))

    def seal(self, sha256: str, data: bytes) -> bytes:
        """The sealed form of `data` (whole files: migration and tests)."""
        import io

        out = io.BytesIO()
        writer = self.writer(out, sha256)
        writer.write(data)
        writer.close()
        return out.getvalue()

    def segments(self, stream: BinaryIO, sha256: str) -> Iterator[bytes]:
        """The plaintext of a sealed file, segment by segment, each authenticated before it is given."""
        from cryptography.exceptions import InvalidTag

        header = stream.read(HEADER_BYTES)
        if len(header) < HEADER_BYTES or header[: len(MAGIC)] != MAGIC or header[len(MAGIC)] != VERSION:
            raise SealedFileError(f"file {sha256}: not a sealed file of this version")
        aead, associated = self._aead(header[len(MAGIC) + 1:]), header + sha256.encode("ascii")
        digest, counter = hashlib.sha256(), 0
        block = stream.read(SEGMENT + TAG)
        while True:
            following = stream.read(SEGMENT + TAG) if len(block) == SEGMENT + TAG else b""
            last = not following
            try:
                plain = aead.decrypt(_nonce(counter, last), block, associated)
            except InvalidTag:
                raise SealedFileError(f"file {sha256}: altered, cut, or sealed under another key") from None
            digest.update(plain)
            if last and digest.hexdigest() != sha256:
                raise SealedFileError(f"file {sha256}: the plaintext does not match its name")
            yield plain
            if last:
                return
            block, counter = following, counter + 1

    def open(self, sha256: str, stored: bytes) -> bytes:
        """The plaintext of a whole sealed file (raises SealedFileError)."""
        import io

        return b"".join(self.segments(io.BytesIO(stored), sha256))

    def _aead(self, salt: bytes) -> Any:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF

        return AESGCM(HKDF(hashes.SHA256(), 32, salt, b"clerk_app/backoffice-file").derive(self._root))


class SealingWriter:
    """Buffers what is written and seals it a segment at a time; `close` seals the last one."""

    def __init__(self, out: BinaryIO, aead: Any, associated: bytes) -> None:
        self._out, self._aead, self._associated = out, aead, associated
        self._buffer = bytearray()
        self._counter = 0

    def write(self, data: bytes | memoryview) -> None:
        self._buffer += data
        if len(self._buffer) <= SEGMENT:
            return
        whole = (len(self._buffer) - 1) // SEGMENT * SEGMENT  # always keep 1+ byte for the last segment
        view = memoryview(self._buffer)
        for start in range(0, whole, SEGMENT):
            self._emit(view[start:start + SEGMENT], last=False)
        view.release()
        del self._buffer[:whole]

    def close(self) -> None:
        """Seal what is left as the last segment (an empty file is one empty last segment)."""
        self._emit(bytes(self._buffer), last=True)
        self._buffer.clear()

    def _emit(self, plain: bytes | memoryview, *, last: bool) -> None:
        self._out.write(self._aead.encrypt(_nonce(self._counter, last), bytes(plain), self._associated))
        self._counter += 1


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def is_sealed(path: Path) -> bool:
    """Whether the file at `path` starts like a sealed file (plain files from before do not)."""
    with open(path, "rb") as stream:
        return stream.read(len(MAGIC)) == MAGIC


def plaintext_size(stored_size: int) -> int:
    """The plaintext size of a sealed file of `stored_size` bytes (for Content-Length)."""
    body = stored_size - HEADER_BYTES
    segments = max(1, -(-body // (SEGMENT + TAG)))
    return body - segments * TAG
