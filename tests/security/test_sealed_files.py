"""The back office's sealed files: the format refuses every change, and a plain folder seals crash-safely."""

from __future__ import annotations

import asyncio
import hashlib
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from clerk_app.backoffice import filestore
from clerk_app.backoffice.at_rest import seal_files
from clerk_app.backoffice.sealed_files import (
    HEADER_BYTES,
    MAGIC,
    SEGMENT,
    TAG,
    FileSealer,
    SealedFileError,
    plaintext_size,
)
from clerk_app.store.keys import DataKey
from clerk_app.store.wipe import OLD_SUFFIX

SEALER = FileSealer(DataKey.generate())


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("size", [0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT, 3 * SEGMENT + 7])
def test_every_size_round_trips_and_its_size_is_known(size: int) -> None:
    data = os.urandom(size)
    sealed = SEALER.seal(digest(data), data)
    assert sealed.startswith(MAGIC) and (size < 32 or data[:32] not in sealed)
    assert plaintext_size(len(sealed)) == size
    assert SEALER.open(digest(data), sealed) == data


def test_streamed_writes_of_any_chunking_give_the_same_plaintext() -> None:
    import io

    data = os.urandom(2 * SEGMENT + 1234)
    out = io.BytesIO()
    writer = SEALER.writer(out, digest(data))
    for start in range(0, len(data), 1000):
        writer.write(memoryview(data)[start:start + 1000])
    writer.close()
    assert SEALER.open(digest(data), out.getvalue()) == data


def test_altered_cut_extended_renamed_or_foreign_files_are_refused() -> None:
    data = os.urandom(2 * SEGMENT + 10)
    name = digest(data)
    sealed = SEALER.seal(name, data)
    flipped = bytearray(sealed)
    flipped[HEADER_BYTES + 5] ^= 1
    cut_at_segment = sealed[: HEADER_BYTES + SEGMENT + TAG]
    other = os.urandom(10)
    for stored, as_name in [(bytes(flipped), name), (cut_at_segment, name), (sealed + sealed[-TAG:], name),
                            (sealed, digest(other)), (FileSealer(DataKey.generate()).seal(name, data), name)]:
        with pytest.raises(SealedFileError):
            SEALER.open(as_name, stored)


def _chunks(data: bytes, size: int = 5000) -> AsyncIterator[bytes]:
    async def gen() -> AsyncIterator[bytes]:
        for start in range(0, len(data), size):
            yield data[start:start + size]

    return gen()


def test_an_upload_is_sealed_while_it_streams_in_and_served_as_plaintext(tmp_path: Path) -> None:
    data = b"%PDF-1.7 " + os.urandom(200_000)
    received = asyncio.run(filestore.receive(tmp_path, digest(data), _chunks(data), 10**7, SEALER))
    partial = Path(received.tmp_name).read_bytes()
    assert partial.startswith(MAGIC) and data[1000:1064] not in partial  # the partial upload is never plaintext
    filestore.keep(received)
    stored = filestore.file_path(tmp_path, digest(data))
    assert stored.read_bytes().startswith(MAGIC)
    size, body = filestore.opened(tmp_path, digest(data), SEALER)
    assert size == len(data) and b"".join(body) == data
    wrong = asyncio.run(_refused(tmp_path, data))
    assert wrong.status == 422 and not list((tmp_path / "tmp").iterdir())


async def _refused(root: Path, data: bytes) -> filestore.ApiError:
    try:
        await filestore.receive(root, digest(b"something else"), _chunks(data), 10**7, SEALER)
    except filestore.ApiError as error:
        return error
    raise AssertionError("a body of another hash was kept")


def test_a_plain_folder_seals_crash_safely_and_readers_take_both_meanwhile(tmp_path: Path) -> None:
    files = tmp_path / "files"
    scans = [b"%PDF plain scan " + bytes([i]) + os.urandom(100_000) for i in range(4)]
    for data in scans:
        path = filestore.file_path(files, digest(data))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    # An earlier run killed half way: the first file sealed; the second killed inside replace_wiping
    # before its rename (a hard link to the plaintext beside it), the third after it (the sealed file
    # in place, the plaintext not yet overwritten); a plain partial upload left in tmp.
    first, second, third = (filestore.file_path(files, digest(d)) for d in scans[:3])
    first.write_bytes(SEALER.seal(digest(scans[0]), scans[0]))
    os.link(second, second.with_name(second.name + OLD_SUFFIX))
    third.rename(third.with_name(third.name + OLD_SUFFIX))
    third.write_bytes(SEALER.seal(digest(scans[2]), scans[2]))
    (files / "tmp").mkdir()
    (files / "tmp" / "upload-abc").write_bytes(scans[3][:5000])
    for data in scans:  # until the migration is done readers accept plain and sealed files alike
        assert b"".join(filestore.opened(files, digest(data), SEALER)[1]) == data
    assert seal_files(files, SEALER) == 2
    for data in scans:
        stored = filestore.file_path(files, digest(data)).read_bytes()
        assert stored.startswith(MAGIC) and data[50:114] not in stored
        assert b"".join(filestore.opened(files, digest(data), SEALER)[1]) == data
    on_disk = [p for p in files.rglob("*") if p.is_file()]
    assert sorted(p.name for p in on_disk) == sorted(digest(d) for d in scans)  # no leftover, no partial
    assert not any(d[50:114] in p.read_bytes() for p in on_disk for d in scans)
    assert seal_files(files, SEALER) == 0  # the second run finds it done
