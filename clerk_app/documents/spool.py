"""Where rendered documents live until printed: a private temporary folder, never the data folder.

A notice or receipt carries the applicant's name and ID number; kept in the data folder it would be
personal data at rest in clear. Every document is regenerable from the stored (encrypted) case, so
the workstation keeps only the last few sets, for printing again, in a folder of its own (mode
0700) in memory where the system has one (`$XDG_RUNTIME_DIR`, `/dev/shm`, else the temporary
folder). Files are overwritten before removal; the folder goes when the program ends, and folders
a crashed session left are removed at the next start.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import tempfile
import threading
import time
from pathlib import Path

PREFIX = "clerk_app-documents-"
KEEP = 3  # sets of documents kept for printing again (the last decision's, and a margin)
STALE_SECONDS = 24 * 3600


class DocumentSpool:
    def __init__(self, base: Path | None = None, keep: int = KEEP) -> None:
        self.base = base or spool_base()
        self.keep = keep
        self._folder: Path | None = None
        self._lock = threading.Lock()

    @property
    def folder(self) -> Path:
        with self._lock:
            if self._folder is None:
                self.base.mkdir(parents=True, exist_ok=True)
                _sweep_stale(self.base)
                self._folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=self.base))
            return self._folder

    def folder_for(self, name: str) -> Path:
        """An empty folder for one set of documents; sets beyond `keep` are removed, oldest first."""
        root = self.folder
        target = root / name
        remove_tree(target)
        target.mkdir(mode=0o700)
        sets = sorted((p for p in root.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime_ns)
        for old in sets[: max(0, len(sets) - self.keep)]:
            if old != target:
                remove_tree(old)
        return target

    def clear(self) -> None:
        with self._lock:
            if self._folder is not None:
                remove_tree(self._folder)
                self._folder = None


def spool_base() -> Path:
    """A RAM-backed folder of this user's where there is one, else the system's temporary folder."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    for candidate in (runtime, "/dev/shm"):
        if candidate and os.path.isdir(candidate) and os.access(candidate, os.W_OK | os.X_OK):
            return Path(candidate)
    return Path(tempfile.gettempdir())


def remove_tree(folder: Path) -> None:
    """Overwrite every file under `folder` with zeros, then remove it all (missing: nothing to do)."""
    if not folder.exists():
        return
    for root, dirs, files in os.walk(folder, topdown=False):
        for name in files:
            path = Path(root) / name
            with contextlib.suppress(OSError):
                size = path.stat().st_size
                with open(path, "r+b", buffering=0) as stream:
                    stream.write(bytes(size))
                    os.fsync(stream.fileno())
            with contextlib.suppress(OSError):
                path.unlink()
        for name in dirs:
            with contextlib.suppress(OSError):
                (Path(root) / name).rmdir()
    with contextlib.suppress(OSError):
        folder.rmdir()


def _sweep_stale(base: Path) -> None:
    """Remove spool folders whose process is gone (POSIX) or that are older than a day."""
    for folder in base.glob(f"{PREFIX}*"):
        with contextlib.suppress(OSError, ValueError):
            pid = int(folder.name[len(PREFIX):].split("-", 1)[0])
            if pid != os.getpid() and (not _alive(pid) or time.time() - folder.stat().st_mtime > STALE_SECONDS):
                remove_tree(folder)


def _alive(pid: int) -> bool:
    if os.name == "nt":
        return True  # no cheap check: the age rule applies
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_SPOOL: DocumentSpool | None = None
_SPOOL_LOCK = threading.Lock()


def spool() -> DocumentSpool:
    """This process's spool, removed when the process ends."""
    global _SPOOL
    with _SPOOL_LOCK:
        if _SPOOL is None:
            _SPOOL = DocumentSpool()
            atexit.register(_SPOOL.clear)
        return _SPOOL
