"""Uploaded files on disk under the data directory, addressed by sha256, written atomically.

`files/ab/cd/<sha256>`; a body is streamed into a temporary file in `files/tmp` while hashed
(`receive`, on the event loop: page-cache writes only), then fsynced, checked against the address
and renamed into place (`keep`, on a worker thread with the database work that follows, so the
event loop never waits for the disk). A rename within one file system is atomic, so a reader
never sees half a file, and two uploads of the same bytes are harmless.

Given a `FileSealer` (a service with a data key: `clerk_app.backoffice.at_rest`), the body is
sealed as it is written, so neither the partial upload nor the stored file holds plaintext; the
sha256 is still computed over the plaintext and checked against the address.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from clerk_app.backoffice.errors import ApiError
from clerk_app.backoffice.sealed_files import FileSealer, SealedFileError, SealingWriter, is_sealed, plaintext_size

STALE_UPLOAD_SECONDS = 3600.0  # a partial upload untouched this long was left by a killed process


@dataclass(frozen=True)
class Received:
    """A body written to a temporary file, of the size and sha256 it was announced with."""

    root: Path
    sha256: str
    size: int
    tmp_name: str


def file_path(root: Path, sha256: str) -> Path:
    return root / sha256[:2] / sha256[2:4] / sha256


class _Sink:
    """Where a body's bytes go: the temporary file itself, or a sealing writer over it."""

    def __init__(self, handle: int, sha256: str, sealer: FileSealer | None) -> None:
        self.out: BinaryIO = os.fdopen(handle, "wb")
        self.sealing: SealingWriter | None = sealer.writer(self.out, sha256) if sealer is not None else None

    def write(self, data: bytes | memoryview) -> None:
        if self.sealing is None:
            self.out.write(data)
        else:
            self.sealing.write(data)

    def close(self) -> None:
        try:
            if self.sealing is not None:
                self.sealing.close()
                self.sealing = None
        finally:
            self.out.close()


async def receive(root: Path, sha256: str, chunks: AsyncIterator[bytes], max_bytes: int,
                  sealer: FileSealer | None = None) -> Received:
    """Stream the body into a temporary file (raises 413 too large, 422 hash mismatch)."""
    digest, size = hashlib.sha256(), 0
    handle, tmp_name = _temporary(root)
    try:
        out = _Sink(handle, sha256, sealer)
        try:
            async for chunk in chunks:
                size += len(chunk)
                if size > max_bytes:
                    raise ApiError(413, "too_large", f"a file is at most {max_bytes} bytes")
                digest.update(chunk)
                out.write(chunk)
        finally:
            out.close()
        if digest.hexdigest() != sha256:
            raise ApiError(422, "hash_mismatch", "the body's sha256 differs from the address",
                           [f"sha256: the body hashes to {digest.hexdigest()}"])
    except BaseException:
        discard(tmp_name)
        raise
    return Received(root, sha256, size, tmp_name)


async def receive_many(root: Path, listed: list[tuple[str, int]], chunks: AsyncIterator[bytes],
                       sealer: FileSealer | None = None) -> list[Received | ApiError]:
    """Split a body made of the listed files one after another (sha256, size) into temporary files.

    Per file: Received, or a 422 hash mismatch (its temporary file gone). A body longer or shorter
    than the listed sizes is a 400 for the whole request.
    """
    parts = _Parts(root, listed, sealer)
    try:
        async for chunk in chunks:
            parts.feed(chunk)
        return parts.close()
    except BaseException:
        parts.discard()
        raise


class _Parts:
    """The files of a multi-file body, written and hashed as the bytes come."""

    def __init__(self, root: Path, listed: list[tuple[str, int]], sealer: FileSealer | None) -> None:
        self.root = root
        self.listed = listed
        self.sealer = sealer
        self.done: list[Received | ApiError] = []
        self.index = -1
        self._next()

    def feed(self, chunk: bytes) -> None:
        view = memoryview(chunk)
        while view:
            if self.index >= len(self.listed):
                raise ApiError(400, "bad_request", "the body is longer than the files listed")
            take = min(len(view), self.left)
            self.digest.update(view[:take])
            self.out.write(view[:take])
            self.left -= take
            view = view[take:]
            if self.left == 0:
                self._next()

    def close(self) -> list[Received | ApiError]:
        if self.index < len(self.listed):
            raise ApiError(400, "bad_request", "the body is shorter than the files listed")
        return self.done

    def discard(self) -> None:
        if self.index < len(self.listed):
            self.out.close()
            discard(self.tmp_name)
        for part in self.done:
            if isinstance(part, Received):
                discard(part.tmp_name)

    def _next(self) -> None:
        """Finish the current file (if any) and open the next (if any), skipping empty ones."""
        while True:
            if self.index >= 0:
                self.out.close()
                self.done.append(self._finished())
            self.index += 1
            if self.index >= len(self.listed):
                return
            handle, self.tmp_name = _temporary(self.root)
            self.out = _Sink(handle, self.listed[self.index][0], self.sealer)
            self.digest, self.left = hashlib.sha256(), self.listed[self.index][1]
            if self.left:
                return

    def _finished(self) -> Received | ApiError:
        sha256, size = self.listed[self.index]
        if self.digest.hexdigest() == sha256:
            return Received(self.root, sha256, size, self.tmp_name)
        discard(self.tmp_name)
        return ApiError(422, "hash_mismatch", "the file's sha256 differs from the one listed",
                        [f"sha256: the bytes hash to {self.digest.hexdigest()}"])


def keep(received: Received) -> None:
    """Make the received file durable and put it in place under its address."""
    try:
        handle = os.open(received.tmp_name, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
        target = file_path(received.root, received.sha256)
        os.makedirs(target.parent, exist_ok=True)
        os.replace(received.tmp_name, target)
    finally:
        discard(received.tmp_name)


def opened(root: Path, sha256: str, sealer: FileSealer) -> tuple[int, Iterator[bytes]]:
    """The plaintext size and bytes of a stored file, for a service with a data key.

    A sealed file is opened segment by segment, its first segment before this returns, so a wrong
    key or an altered file is an error here rather than an answer cut short. A plain file (left
    from before the key, until the start-up migration seals it) is read whole and must match its
    hash; read while the migration replaced it, it is read again. Raises FileNotFoundError and
    SealedFileError.
    """
    path = file_path(root, sha256)
    for _attempt in (1, 2):
        if is_sealed(path):
            stream = open(path, "rb")  # noqa: SIM115 - closed by the generator (or at once on failure)
            try:
                segments = sealer.segments(stream, sha256)
                first = next(segments)
            except SealedFileError:
                stream.close()
                data = _plain_verified(path, sha256)  # a plain file that merely starts like a sealed one
                if data is None:
                    raise
                return len(data), iter([data])
            except BaseException:
                stream.close()
                raise
            return plaintext_size(os.fstat(stream.fileno()).st_size), _chained(first, segments, stream)
        data = _plain_verified(path, sha256)
        if data is not None:
            return len(data), iter([data])
    raise SealedFileError(f"file {sha256}: the stored bytes do not match the name")


def _plain_verified(path: Path, sha256: str) -> bytes | None:
    data = path.read_bytes()
    return data if hashlib.sha256(data).hexdigest() == sha256 else None


def _chained(first: bytes, rest: Iterator[bytes], stream: BinaryIO) -> Iterator[bytes]:
    try:
        yield first
        yield from rest
    finally:
        stream.close()


def sweep_stale_uploads(root: Path, older_than: float = STALE_UPLOAD_SECONDS) -> int:
    """Delete the partial uploads a killed process left in `files/tmp`; the number deleted.

    Only files untouched for `older_than` seconds go: another instance sharing the data directory
    may be receiving a body right now, and its file is written to continuously.
    """
    cutoff, swept = time.time() - older_than, 0
    for path in (root / "tmp").glob("upload-*"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                swept += 1
        except FileNotFoundError:  # finished or swept by another instance meanwhile
            continue
    return swept


def discard(tmp_name: str) -> None:
    if os.path.exists(tmp_name):
        os.unlink(tmp_name)


def _temporary(root: Path) -> tuple[int, str]:
    tmp_dir = root / "tmp"
    try:
        return tempfile.mkstemp(dir=tmp_dir, prefix="upload-")
    except FileNotFoundError:
        tmp_dir.mkdir(parents=True, exist_ok=True)
        return tempfile.mkstemp(dir=tmp_dir, prefix="upload-")
