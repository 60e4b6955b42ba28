"""Durable writes and best-effort secure removal of files in the data folder.

`write_atomic` never leaves a half-written file under its final name (temporary file, fsync,
rename, fsync of the folder). `replace_wiping` puts a new file (an encrypted copy) in place of an
old one (its plaintext) and then overwrites the old bytes before unlinking them: a hard link keeps
the old inode reachable across the atomic rename, so a crash at any point leaves either the old
file intact under its name or the new one with the old bytes still to wipe, which
`recover_wiping` finishes on the next start. Overwriting is "as far as possible": on SSDs, copy-on-
write and journaling file systems old blocks may survive; full-disk encryption is the complement.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

CHUNK = 1 << 20
OLD_SUFFIX = ".old-plaintext"


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (a no-op where folders cannot be opened, as on Windows)."""
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """`path` holds `data` on disk when this returns; before that it holds what it held."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def wipe(path: Path) -> bool:
    """Overwrite `path` with zeros, flush it to disk and unlink it; False when it does not exist."""
    try:
        size = path.stat().st_size
        with open(path, "r+b", buffering=0) as stream:
            zeros = bytes(min(CHUNK, size))
            written = 0
            while written < size:
                written += stream.write(zeros[: size - written])
            os.fsync(stream.fileno())
    except FileNotFoundError:
        return False
    except OSError:
        pass  # cannot overwrite (read-only, locked): still remove it
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    return True


def wipe_tree(folder: Path) -> int:
    """Wipe every file under `folder`, then remove the folders; the number of files wiped."""
    if not folder.is_dir():
        return 0
    count = 0
    for root, dirs, files in os.walk(folder, topdown=False):
        for name in files:
            count += wipe(Path(root) / name)
        for name in dirs:
            with contextlib.suppress(OSError):
                (Path(root) / name).rmdir()
    with contextlib.suppress(OSError):
        folder.rmdir()
    return count


def replace_wiping(new: Path, target: Path) -> None:
    """Atomically put `new` in place of `target`, then wipe `target`'s old bytes."""
    old = target.with_name(target.name + OLD_SUFFIX)
    old.unlink(missing_ok=True)
    try:
        os.link(target, old)
    except OSError:
        old = None  # no hard links here (FAT, some shares): the old blocks are only freed
    os.replace(new, target)
    fsync_dir(target.parent)
    if old is not None:
        wipe(old)


def recover_wiping(target: Path) -> None:
    """Finish what a crash interrupted in `replace_wiping` (before or after its rename)."""
    old = target.with_name(target.name + OLD_SUFFIX)
    if not old.exists():
        return
    if not target.exists():
        os.replace(old, target)  # never lose data: the old file is all there is
    elif os.path.samefile(old, target):
        old.unlink()  # the crash came before the rename: the link is only a second name
    else:
        wipe(old)
