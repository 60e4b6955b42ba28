"""The local store of a session, opened on the database thread while the window comes up.

Importing SQLAlchemy and opening (or migrating) the database take most of a second; doing it
on the database runner lets the sign-in dialog and the workstation appear at once. Every use of
the store is a job on that same runner, queued behind the opening, so none can see it half
open. A failure to open is kept and raised again by every later job, with its message for the
clerk.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clerk_app.config.settings import SecuritySettings
    from clerk_app.store.accounts import AccountStore
    from clerk_app.store.cases import CaseStore
    from clerk_app.store.vault import FileVault


class StoreUnavailable(Exception):
    """The local database could not be opened; the message says why, for the clerk."""


class Stores:
    def __init__(self, database: Path, *, demo_accounts: bool, security: SecuritySettings | None = None) -> None:
        """`security=None` keeps the folder plain (as before encryption at rest existed)."""
        self.database = database
        self.demo_accounts = demo_accounts
        self.security = security
        self._lock = threading.Lock()
        self._cases: CaseStore | None = None
        self._accounts: AccountStore | None = None
        self._files: FileVault | None = None
        self._review_cache: FileVault | None = None
        self._failure: StoreUnavailable | None = None

    def open(self) -> None:
        """Open (and migrate) the database once; later calls return at once or re-raise."""
        with self._lock:
            if self._failure is not None:
                raise self._failure
            if self._cases is not None:
                return
            from clerk_app.store.accounts import AccountStore
            from clerk_app.store.at_rest import open_folder
            from clerk_app.store.cases import CaseStore
            from clerk_app.store.errors import StoreError

            try:
                folder = open_folder(self.database, self.security, generate_secret=self.demo_accounts)
                accounts = AccountStore(folder.engine)
                if self.demo_accounts:
                    accounts.ensure_demo_accounts()
            except StoreError as exc:
                self._failure = StoreUnavailable(exc.text("zh"))
                raise self._failure from None
            self._cases, self._accounts = CaseStore(folder.engine), accounts
            self._files, self._review_cache = folder.files, folder.review_cache

    @property
    def cases(self) -> CaseStore:
        self.open()
        assert self._cases is not None
        return self._cases

    @property
    def accounts(self) -> AccountStore:
        self.open()
        assert self._accounts is not None
        return self._accounts

    @property
    def files(self) -> FileVault:
        """The scans of this workstation's cases (encrypted when the folder is)."""
        self.open()
        assert self._files is not None
        return self._files

    @property
    def review_cache(self) -> FileVault:
        """Scans a supervisor downloaded from the back office, kept like the workstation's own."""
        self.open()
        assert self._review_cache is not None
        return self._review_cache
