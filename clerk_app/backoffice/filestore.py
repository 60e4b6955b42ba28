"""Uploaded files on disk under the data directory, addressed by sha256, written atomically.

`files/ab/cd/<sha256>`; a body is streamed into a temporary file in `files/tmp` while hashed,
fsynced, checked against the address, then renamed into place (a rename within one file system is
atomic, so a reader never sees half a file, and two uploads of the same bytes are harmless).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

from clerk_app.backoffice.errors import ApiError


def file_path(root: Path, sha256: str) -> Path:
    return root / sha256[:2] / sha256[2:4] / sha256


async def receive(root: Path, sha256: str, chunks: AsyncIterator[bytes], max_bytes: int) -> int:
    """Store the streamed body under its sha256 (raises 413 too large, 422 hash mismatch); its size."""
    tmp_dir = root / "tmp"
    tmp_dir.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    handle, tmp_name = tempfile.mkstemp(dir=tmp_dir, prefix="upload-")
    try:
        with os.fdopen(handle, "wb") as out:
            async for chunk in chunks:
                size += len(chunk)
                if size > max_bytes:
                    raise ApiError(413, "too_large", f"a file is at most {max_bytes} bytes")
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != sha256:
            raise ApiError(422, "hash_mismatch", "the body's sha256 differs from the address",
                           [f"sha256: the body hashes to {digest.hexdigest()}"])
        target = file_path(root, sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp_name, target)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
    return size
