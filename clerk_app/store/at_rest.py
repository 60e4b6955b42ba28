"""A workstation's data folder at rest: its key, its encrypted database, its sealed scans.

`open_folder` is what the workstation and the command line open: the folder's key from the
settings (`clerk_app.store.keys`), the database encrypted with it (a plain one converted in place),
the scan vaults, and, once per folder, the plaintext an earlier release left behind: plain scans
are sealed in place, and the kept copies of printed documents (`documents/`, regenerable from the
cases) and the supervisor's download cache (`review-cache/`) are overwritten and removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from clerk_app.config.settings import SecuritySettings
from clerk_app.store.audit_seal import HeadSeal, seal_appends, seal_path
from clerk_app.store.engine import open_database
from clerk_app.store.errors import DatabaseIOError
from clerk_app.store.keys import DataKey, encrypted_data, folder_key, mark_sealed, read_info
from clerk_app.store.vault import FileVault
from clerk_app.store.wipe import wipe_tree

FILES = "files"
REVIEW_CACHE = "review-cache"
LEGACY_DOCUMENTS = "documents"


@dataclass
class DataFolder:
    engine: Engine
    files: FileVault  # the scans of this workstation's cases
    review_cache: FileVault  # scans a supervisor downloaded from the back office
    key: DataKey | None

    @property
    def encrypted(self) -> bool:
        return self.key is not None


def open_folder(database: Path, security: SecuritySettings | None, *, generate_secret: bool = False,
                enrol: bool = True) -> DataFolder:
    """Open the database `database` and the scans of its folder (raises the store's typed errors).

    `security=None` keeps everything plain; `generate_secret` lets a demo workstation generate
    its enrolment secret outside the data folder. `enrol=False` (maintenance commands) opens a
    folder as it is: with its key when it has one, plain when it was never encrypted.
    """
    folder = database.parent
    if not enrol and read_info(folder) is None and not encrypted_data(folder):
        security = None
    key = folder_key(folder, security, generate_secret=generate_secret) if security is not None else None
    engine = open_database(database, key=key)
    opened = DataFolder(engine, FileVault(folder / FILES, key), FileVault(folder / REVIEW_CACHE, key), key)
    seal_appends(engine, HeadSeal(seal_path(database), key))  # the audit head, sealed beside the database
    try:
        if key is not None:
            info = read_info(folder)
            if info is not None and not info.sealed:
                seal_folder(opened)
                mark_sealed(folder)
    except OSError as error:
        engine.dispose()
        raise DatabaseIOError("store.io", path=str(folder), reason=error.strerror or str(error)) from None
    except BaseException:
        engine.dispose()
        raise
    return opened


def seal_folder(opened: DataFolder) -> int:
    """Encrypt plain scans in place and wipe plaintext leftovers; the number of files handled."""
    folder = opened.files.folder.parent
    count = opened.files.seal_legacy()
    count += wipe_tree(folder / LEGACY_DOCUMENTS)
    count += wipe_tree(folder / REVIEW_CACHE)
    return count
