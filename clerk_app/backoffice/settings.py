"""What one back-office instance is configured with (from the command line or a test)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clerk_app.store.keys import DataKey

DEFAULT_TOKEN_TTL = timedelta(hours=12)
DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    database_url: str  # sqlite:///path or postgresql://user@host:port/db
    data_dir: Path  # uploaded files live here by sha256; shared by all instances of one database
    token_ttl: timedelta = DEFAULT_TOKEN_TTL
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    # Department keys a case may name; None accepts any well-formed key.
    departments: frozenset[str] | None = None
    pool_size: int = 10
    # How long a token's principal is kept in memory after it was read (0: read it on every request).
    auth_cache_seconds: float = 10.0
    # The audit trail's Ed25519 signing key (PEM); "": `audit-signing-key.pem` in the data directory,
    # made at the first start (clerk_app.backoffice.audit_keys).
    audit_key_file: str = ""
    # The data key (clerk_app.backoffice.at_rest): None keeps the database and files plain (the default);
    # with one, an SQLite database is SQLCipher-encrypted and the stored files sealed. `key_origin` is
    # "workstation" for the embedded back office (its key derived from the workstation folder's), else "given".
    data_key: DataKey | None = field(default=None, repr=False, compare=False)
    key_origin: str = "given"

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"
