"""The back office's data at rest: its SQLite database under SQLCipher, its stored files sealed.

Off unless the service is given a data key (`Settings.data_key`). The embedded back office of
`make run` always is when the workstation's folder is encrypted: its key is derived from the
workstation folder's (`embedded_key`, HKDF with the purpose "embedded-backoffice/v1"), so it opens
with that folder's enrolment or keyring key and with nothing else, and is handed to the child
process on its standard input (`clerk_app.cli.embedded`). A production service gets one with
`--data-key-env NAME`; on PostgreSQL only its files are sealed (the database server protects its own
storage).

With a key, `prepare` runs before the service opens its database, once per data directory at a
time (a lock file):

- `at-rest.json` in the data directory records a key check (an HMAC of a constant under the key,
  not the key), where the key comes from ("workstation" or "given") and whether every file is
  sealed. A key that does not match it, or an encrypted database it does not open, is a
  `DataKeyError` before anything is written; a data directory with the record started without a
  key is one too (never plain files written among sealed ones, never "not a database").
- A plain SQLite database is encrypted in place (`sqlcipher_export` into a new file, fsync, atomic
  rename, the plain bytes overwritten: `clerk_app.store.cipher`).
- Plain stored files are sealed one by one (sealed copy written and fsynced, renamed over the plain
  file, the plain bytes overwritten: `store.wipe.replace_wiping`); a crash leaves each file either
  plain or sealed, and readers accept both until the record says the migration is done. Plain
  partial uploads are wiped.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from clerk_app.backoffice.db import UnsupportedDatabaseError, normalised_url
from clerk_app.backoffice.sealed_files import MAGIC, FileSealer
from clerk_app.backoffice.settings import Settings
from clerk_app.store.keys import KEY_BYTES, DataKey
from clerk_app.store.wipe import OLD_SUFFIX, recover_wiping, replace_wiping, wipe, write_atomic

if TYPE_CHECKING:
    from clerk_app.config.settings import SecuritySettings

log = logging.getLogger(__name__)
RECORD = "at-rest.json"
LOCK = ".at-rest.lock"
EMBEDDED_PURPOSE = "embedded-backoffice/v1"
WORKSTATION, GIVEN = "workstation", "given"
_DIGEST = re.compile(r"[0-9a-f]{64}")


class DataKeyError(UnsupportedDatabaseError):
    """The service cannot use its data at rest with the key it has (or lacks); said in words.

    A kind of UnsupportedDatabaseError, so the commands that report a database they cannot use
    (`audit verify --backoffice-db`, …) say these words too instead of failing."""


@dataclass(frozen=True)
class Record:
    """`at-rest.json`: what may lie beside the data (no key)."""

    version: int
    origin: str  # "workstation" (the embedded back office) or "given"
    check: str
    sealed: bool = False


def embedded_key(workstation_key: DataKey) -> DataKey:
    """The embedded back office's key: derived from the workstation folder's, for this use only."""
    return DataKey(workstation_key.derive(EMBEDDED_PURPOSE), "embedded-backoffice")


def parse_key(text: str, where: str) -> DataKey:
    """A 256-bit key written as 64 hex digits or in base64 (raises DataKeyError naming `where`)."""
    text = text.strip()
    try:
        material = bytes.fromhex(text) if len(text) == 2 * KEY_BYTES else base64.b64decode(text, validate=True)
    except (ValueError, binascii.Error):
        material = b""
    if len(material) != KEY_BYTES:
        raise DataKeyError(f"{where}: the back office's data key is {KEY_BYTES} random bytes, written as "
                           f"{2 * KEY_BYTES} hex digits or in base64 (e.g. head -c 32 /dev/urandom | base64)")
    return DataKey(material, where)


def key_check(key: DataKey) -> str:
    return hmac.new(key.material, b"clerk_app backoffice key check v1", hashlib.sha256).hexdigest()[:32]


def read_record(data_dir: Path) -> Record | None:
    path = data_dir / RECORD
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return Record(int(raw["version"]), str(raw["origin"]), str(raw["check"]), bool(raw.get("sealed", False)))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, KeyError) as error:
        raise DataKeyError(f"{path}: the record of the encrypted data cannot be read ({error}); restore it from "
                           "the backup") from None


def write_record(data_dir: Path, record: Record) -> None:
    write_atomic(data_dir / RECORD, (json.dumps(asdict(record), indent=2) + "\n").encode("utf-8"), 0o600)


def sqlite_file(database_url: str) -> Path | None:
    """The database file of an sqlite URL (None: PostgreSQL, in memory, or a URI)."""
    url = normalised_url(database_url)
    database = url.database or ""
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).expanduser().absolute()


def prepare(settings: Settings) -> FileSealer | None:
    """Check the key and migrate plain data (see the module's text); the files' sealer, or None."""
    key, data_dir = settings.data_key, settings.data_dir
    if key is None:
        if read_record(data_dir) is not None:
            raise DataKeyError(f"the data in {data_dir} is encrypted and no data key was given: start the service "
                               "with its key (--data-key-env NAME; the embedded back office gets it from the "
                               "workstation). Nothing was changed")
        return None
    data_dir.mkdir(parents=True, exist_ok=True)
    with _exclusive(data_dir):
        record = read_record(data_dir)
        if record is not None and not hmac.compare_digest(record.check, key_check(key)):
            raise DataKeyError(_wrong_key(data_dir, record.origin))
        database = sqlite_file(settings.database_url)
        if database is not None:
            _encrypt_database(database, key, record.origin if record else settings.key_origin)
        if record is None:
            record = Record(1, settings.key_origin, key_check(key))
            write_record(data_dir, record)
        sealer = FileSealer(key)
        if not record.sealed:
            count = seal_files(settings.files_dir, sealer)
            write_record(data_dir, replace(record, sealed=True))
            log.info("data at rest: %d stored file(s) sealed in %s", count, settings.files_dir)
    return sealer


def _wrong_key(where: Path, origin: str) -> str:
    if origin == WORKSTATION:
        return (f"the data in {where} was encrypted with another key than the one derived from this workstation's "
                "data folder key: restore the workstation's key (the enrolment file or keyring entry it had, "
                "README, Data at rest). Nothing was changed; do not delete the files")
    return (f"the data key given does not open the data in {where} (it was encrypted with another key). Nothing "
            "was changed; give the key it was encrypted with")


def _encrypt_database(path: Path, key: DataKey, origin: str) -> None:
    from clerk_app.store.cipher import check_key, encrypt_in_place, file_state, recover
    from clerk_app.store.errors import StoreError, WrongKeyError

    try:
        recover(path)
        state = file_state(path)
        if state == "plain":
            log.info("data at rest: encrypting the plain database %s", path)
            encrypt_in_place(path, key)
        elif state == "encrypted":
            check_key(str(path), key)
    except WrongKeyError:
        raise DataKeyError(_wrong_key(path, origin)) from None
    except StoreError as error:
        raise DataKeyError(error.text("en")) from None


def seal_files(files_dir: Path, sealer: FileSealer) -> int:
    """Seal every plain stored file in place, crash-safe; wipe plain partial uploads. The number sealed.

    A plain file that does not match its name is left as it is, and logged (it is refused when read).
    """
    if not files_dir.is_dir():
        return 0
    for leftover in files_dir.glob(f"??/??/*{OLD_SUFFIX}"):  # a crash inside replace_wiping
        recover_wiping(leftover.with_name(leftover.name[: -len(OLD_SUFFIX)]))
    count = 0
    for path in sorted(files_dir.glob("??/??/*")):
        if _DIGEST.fullmatch(path.name) and path.is_file() and _seal_one(path, sealer):
            count += 1
    for partial in (files_dir / "tmp").glob("*"):
        if partial.name.startswith("seal-") or not _starts_sealed(partial):
            wipe(partial)
    return count


def _seal_one(path: Path, sealer: FileSealer) -> bool:
    data = path.read_bytes()
    if data[: len(MAGIC)] == MAGIC:
        return False
    if hashlib.sha256(data).hexdigest() != path.name:
        log.warning("data at rest: %s does not match its name and was left as it is", path)
        return False
    draft = path.parent.parent.parent / "tmp" / f"seal-{secrets.token_hex(8)}"
    draft.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(sealer.seal(path.name, data))
            out.flush()
            os.fsync(out.fileno())
        replace_wiping(draft, path)
    finally:
        draft.unlink(missing_ok=True)
    return True


def _starts_sealed(path: Path) -> bool:
    try:
        with open(path, "rb") as stream:
            return stream.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


@contextlib.contextmanager
def _exclusive(data_dir: Path) -> Iterator[None]:
    """One instance at a time checks and migrates a data directory (instances may share it)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: one instance per data directory there
        yield
        return
    with open(data_dir / LOCK, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def key_for_tools(database: Path) -> DataKey | None:
    """The key of an embedded back office's database, for the commands that read it directly.

    None unless `at-rest.json` lies beside the database; for the embedded back office (origin
    "workstation") the key is derived again from the workstation folder's (the folder above),
    with the workstation's `[security]` settings; a database encrypted with a given key needs
    the service (raises DataKeyError).
    """
    record = read_record(database.parent)
    if record is None:
        return None
    if record.origin != WORKSTATION:
        raise DataKeyError(f"{database} is encrypted with the back office's own data key: read it through the "
                           "running service (--backoffice URL) instead")
    workstation = database.parent.parent
    from clerk_app.store.errors import StoreError
    from clerk_app.store.keys import folder_key, read_info

    try:
        if read_info(workstation) is None:
            raise DataKeyError(f"{database} is encrypted with a key derived from the workstation folder "
                               f"{workstation}, whose security.json is missing: restore it from the backup")
        root = folder_key(workstation, _workstation_security(workstation))
    except StoreError as error:
        raise DataKeyError(error.text("en")) from None
    if root is None:
        raise DataKeyError(f"{database} is encrypted but the workstation's settings say key_source = \"none\"")
    key = embedded_key(root)
    if not hmac.compare_digest(record.check, key_check(key)):
        raise DataKeyError(_wrong_key(database.parent, WORKSTATION))
    return key


def _workstation_security(workstation: Path) -> SecuritySettings:
    from clerk_app.config.settings import SettingsError, load_settings

    own = workstation / "clerk_app.toml"
    try:
        path = Path(os.environ["CLERK_APP_CONFIG"]) if os.environ.get("CLERK_APP_CONFIG") else own
        return (load_settings(path) if path.exists() else load_settings()).security
    except SettingsError as error:
        raise DataKeyError(str(error)) from None
