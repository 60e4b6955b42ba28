"""The data key of a workstation's data folder: where it comes from, and how it is checked.

One 256-bit key per data folder encrypts the database (SQLCipher) and every stored scan
(AES-256-GCM); each use gets its own subkey (HKDF). The key is never written beside the data.
Where it comes from is `[security] key_source`:

- `enrolment` (default): HKDF-SHA256 of the workstation's enrolment secret and a random per-folder
  salt. The secret is the file `[security] enrolment_file`, else `$CLERK_APP_ENROLMENT_KEY`, else
  the system file the hall's IT provisions (`/etc/clerk_app/enrolment.key`,
  `%ProgramData%\\clerk_app\\enrolment.key`), readable only by the service user. A demo workstation
  with none of these generates one in the user's configuration folder, outside the data folder.
- `keyring`: a random key kept in the OS keyring (Windows Credential Manager, Secret Service).
- `none`: no encryption.

Beside the data lives only `security.json`: the source, the salt, a folder id (the keyring
entry's name) and a key check (an HMAC of a constant under the key, not the key). A key that does
not match the check is refused before the database is touched; a missing key is a worded error,
never a new key over existing data.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import stat
import uuid
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from clerk_app.config.paths import config_dir, system_enrolment_file
from clerk_app.config.settings import SecuritySettings
from clerk_app.store.errors import KeyUnavailableError, WrongKeyError
from clerk_app.store.wipe import write_atomic

KEY_BYTES = 32
INFO_FILE = "security.json"
ENROLMENT_ENV = "CLERK_APP_ENROLMENT_KEY"
KEYRING_SERVICE = "clerk_app"
MIN_SECRET = 32
SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True, repr=False)
class DataKey:
    """The folder's key material (never printed, never stored beside the data)."""

    material: bytes
    source: str = "test"

    def __post_init__(self) -> None:
        if len(self.material) != KEY_BYTES:
            raise ValueError(f"a data key has {KEY_BYTES} bytes, not {len(self.material)}")

    def __repr__(self) -> str:
        return f"DataKey(source={self.source!r}, check={self.check[:8]}…)"

    @classmethod
    def generate(cls, source: str = "test") -> DataKey:
        return cls(os.urandom(KEY_BYTES), source)

    def derive(self, purpose: str) -> bytes:
        """A 256-bit subkey for one use (HKDF-SHA256, the purpose as its info)."""
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF

        return HKDF(hashes.SHA256(), KEY_BYTES, None, f"clerk_app/{purpose}".encode()).derive(self.material)

    @property
    def database_key(self) -> bytes:
        return self.derive("sqlcipher/v1")

    @property
    def files_key(self) -> bytes:
        return self.derive("files/v1")

    @property
    def check(self) -> str:
        """What `security.json` keeps to recognise the key: an HMAC of a constant, not the key."""
        return hmac.new(self.material, b"clerk_app key check v1", hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class KeyInfo:
    """`security.json`: what may lie beside the data (no key)."""

    version: int
    source: str
    folder_id: str
    salt: str
    check: str
    secret: str = ""  # where the enrolment secret was found, for messages
    sealed: bool = False  # scans migrated and plaintext leftovers wiped

    @classmethod
    def new(cls, source: str) -> KeyInfo:
        return cls(1, source, str(uuid.uuid4()), os.urandom(16).hex(), "")


def info_path(folder: Path) -> Path:
    return folder / INFO_FILE


def read_info(folder: Path) -> KeyInfo | None:
    path = info_path(folder)
    try:
        raw: Any = json.loads(path.read_text(encoding="utf-8"))
        info = KeyInfo(**{name: raw[name] for name in KeyInfo.__dataclass_fields__ if name in raw})
        bytes.fromhex(info.salt)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, KeyError) as error:
        raise KeyUnavailableError("store.key_info", path=str(path), reason=str(error)) from None
    return info


def write_info(folder: Path, info: KeyInfo) -> None:
    text = json.dumps(asdict(info), ensure_ascii=False, indent=2) + "\n"
    write_atomic(info_path(folder), text.encode("utf-8"), 0o600)


def mark_sealed(folder: Path) -> None:
    info = read_info(folder)
    if info is not None and not info.sealed:
        write_info(folder, replace(info, sealed=True))


def folder_key(folder: Path, security: SecuritySettings, *, generate_secret: bool = False) -> DataKey | None:
    """The data folder's key, or None when `key_source = "none"` (raises the store's key errors).

    The first call on a folder without encrypted data makes its key information; later calls
    must find the same key. `generate_secret` lets a demo workstation generate its enrolment
    secret (outside the data folder) when it has none.
    """
    info = read_info(folder)
    if not security.encrypted:
        if info is not None:
            raise WrongKeyError("store.encrypted_no_key", path=str(folder))
        return None
    if info is not None and info.source != security.key_source:
        raise WrongKeyError("store.source_changed", path=str(folder), recorded=info.source,
                            configured=security.key_source)
    if info is None and encrypted_data(folder):
        raise KeyUnavailableError("store.key_info", path=str(info_path(folder)), reason="missing")
    fresh = info or KeyInfo.new(security.key_source)
    if security.key_source == "keyring":
        key, secret = _keyring_key(folder, fresh, known=info is not None), ""
    else:
        key, secret = _enrolment_key(folder, fresh, security, known=info is not None, generate=generate_secret)
    if info is None:
        folder.mkdir(parents=True, exist_ok=True)
        write_info(folder, replace(fresh, check=key.check, secret=secret))
    elif not hmac.compare_digest(info.check, key.check):
        raise WrongKeyError("store.wrong_key", path=str(folder), source=_described(security, secret or info.secret))
    return key


def encrypted_data(folder: Path) -> bool:
    """Whether the folder already holds an encrypted database (a file that is not plain SQLite)."""
    for path in folder.glob("*.sqlite3"):
        with contextlib.suppress(OSError), open(path, "rb") as stream:
            head = stream.read(len(SQLITE_MAGIC))
            if head and head != SQLITE_MAGIC:
                return True
    return False


def _described(security: SecuritySettings, secret: str) -> str:
    return f"{security.key_source}: {secret}" if secret else security.key_source


def _enrolment_key(folder: Path, info: KeyInfo, security: SecuritySettings, *, known: bool,
                   generate: bool) -> tuple[DataKey, str]:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    secret, where = enrolment_secret(security, folder=folder, known=known, generate=generate)
    kdf = HKDF(hashes.SHA256(), KEY_BYTES, bytes.fromhex(info.salt), b"clerk_app/data-key/v1")
    return DataKey(kdf.derive(secret), "enrolment"), where


def enrolment_secret(security: SecuritySettings, *, folder: Path, known: bool = False,
                     generate: bool = False) -> tuple[bytes, str]:
    """The enrolment secret and where it was found (see the module's docstring for the order)."""
    if security.enrolment_file:
        return _secret_file(Path(security.enrolment_file), folder, known), security.enrolment_file
    looked = [f"${ENROLMENT_ENV}"]
    variable = os.environ.get(ENROLMENT_ENV, "")
    if variable:
        return _checked(variable.strip().encode("utf-8"), f"${ENROLMENT_ENV}"), f"${ENROLMENT_ENV}"
    generated = config_dir() / "enrolment.key"
    for candidate in (system_enrolment_file(), generated):
        looked.append(str(candidate))
        if candidate.exists():
            return _secret_file(candidate, folder, known), str(candidate)
    if generate and not known:
        _generate_secret(generated)
        return _secret_file(generated, folder, known), str(generated)
    code = "store.enrolment_lost" if known else "store.no_enrolment"
    raise KeyUnavailableError(code, where="、".join(looked), path=str(folder))


def _secret_file(path: Path, folder: Path, known: bool) -> bytes:
    try:
        mode = path.stat().st_mode
        data = path.read_bytes()
    except FileNotFoundError:
        code = "store.enrolment_lost" if known else "store.no_enrolment"
        raise KeyUnavailableError(code, where=str(path), path=str(folder)) from None
    except OSError as error:
        raise KeyUnavailableError("store.enrolment_unreadable", path=str(path),
                                  reason=error.strerror or str(error)) from None
    if os.name != "nt" and mode & 0o077:
        raise KeyUnavailableError("store.enrolment_exposed", path=str(path), mode=oct(stat.S_IMODE(mode)))
    return _checked(data.strip(), str(path))


def _checked(secret: bytes, where: str) -> bytes:
    if len(secret) < MIN_SECRET:
        raise KeyUnavailableError("store.enrolment_weak", where=where)
    return secret


def _generate_secret(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    secret = base64.b64encode(os.urandom(KEY_BYTES)) + b"\n"
    with contextlib.suppress(FileExistsError):
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(secret)
            stream.flush()
            os.fsync(stream.fileno())


def keyring_entry(info: KeyInfo) -> str:
    return f"data-key/{info.folder_id}"


def _keyring_key(folder: Path, info: KeyInfo, *, known: bool) -> DataKey:
    keyring = _keyring()
    entry = keyring_entry(info)
    try:
        stored = keyring.get_password(KEYRING_SERVICE, entry)
        if stored is None and not known:
            keyring.set_password(KEYRING_SERVICE, entry, os.urandom(KEY_BYTES).hex())
            stored = keyring.get_password(KEYRING_SERVICE, entry)
    except Exception as error:  # third-party backends raise anything (D-Bus, locked collection, …)
        raise KeyUnavailableError("store.keyring_unavailable", reason=str(error) or type(error).__name__) from None
    if stored is None:
        if known:
            raise KeyUnavailableError("store.keyring_lost", path=str(folder), service=KEYRING_SERVICE, entry=entry)
        raise KeyUnavailableError("store.keyring_unavailable", reason="the key just stored cannot be read back")
    try:
        return DataKey(bytes.fromhex(stored), "keyring")
    except ValueError:
        raise WrongKeyError("store.wrong_key", path=str(folder), source=f"keyring: {entry}") from None


def _keyring() -> Any:
    try:
        import keyring
        from keyring.backends import fail
    except ImportError as error:  # pragma: no cover - a dependency of the package
        raise KeyUnavailableError("store.keyring_unavailable", reason=str(error)) from None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        raise KeyUnavailableError("store.keyring_unavailable", reason="no keyring service (Secret Service, "
                                  "Windows Credential Manager) in this session")
    return keyring
