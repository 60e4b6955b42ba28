"""Where the data key comes from: the enrolment secret (file, variable, generated for a demo), the OS keyring."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from clerk_app.config.settings import SecuritySettings, SettingsError, load_settings
from clerk_app.store.errors import KeyUnavailableError, WrongKeyError
from clerk_app.store.keys import ENROLMENT_ENV, INFO_FILE, KEYRING_SERVICE, DataKey, folder_key, read_info

ENROLMENT = SecuritySettings()
KEYRING = SecuritySettings(key_source="keyring")
SECRET = "a hall's enrolment secret: 32 random characters at least"


class MemoryKeyring(KeyringBackend):
    """An OS keyring in a dict (the tests' stand-in for Secret Service / Credential Manager)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        del self.entries[(service, username)]


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    import keyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_enrolment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No variable, no system file; the user's configuration folder is a temporary one."""
    monkeypatch.delenv(ENROLMENT_ENV, raising=False)
    monkeypatch.setattr("clerk_app.store.keys.system_enrolment_file", lambda: tmp_path / "etc" / "enrolment.key")
    config = tmp_path / "config"
    monkeypatch.setenv("CLERK_APP_CONFIG_DIR", str(config))
    return config


def secret_file(path: Path, text: str = SECRET, mode: int = 0o600) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "\n")
    path.chmod(mode)
    return path


def test_enrolment_key_is_stable_per_folder_and_differs_between_folders(monkeypatch: pytest.MonkeyPatch,
                                                                       tmp_path: Path) -> None:
    monkeypatch.setenv(ENROLMENT_ENV, SECRET)
    first = folder_key(tmp_path / "a", ENROLMENT)
    assert first is not None and first.source == "enrolment"
    assert folder_key(tmp_path / "a", ENROLMENT) == first
    assert folder_key(tmp_path / "b", ENROLMENT) != first  # each folder has its own salt
    beside = (tmp_path / "a" / INFO_FILE).read_text()
    assert first.material.hex() not in beside and SECRET not in beside  # neither key nor secret beside the data
    info = json.loads(beside)
    assert info["source"] == "enrolment" and info["secret"] == f"${ENROLMENT_ENV}" and len(info["salt"]) == 32
    assert first.material.hex() not in repr(first)


def test_a_changed_enrolment_secret_is_a_wrong_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENROLMENT_ENV, SECRET)
    folder_key(tmp_path, ENROLMENT)
    before = (tmp_path / INFO_FILE).read_bytes()
    monkeypatch.setenv(ENROLMENT_ENV, SECRET.upper())
    with pytest.raises(WrongKeyError) as caught:
        folder_key(tmp_path, ENROLMENT)
    assert caught.value.text("zh").startswith("数据库密钥不对或已丢失")
    assert (tmp_path / INFO_FILE).read_bytes() == before


def test_the_provisioned_file_must_be_private_and_long(no_enrolment: Path, tmp_path: Path) -> None:
    path = secret_file(tmp_path / "etc" / "enrolment.key", mode=0o644)
    with pytest.raises(KeyUnavailableError) as exposed:
        folder_key(tmp_path / "data", ENROLMENT)
    assert exposed.value.code == "store.enrolment_exposed" and "chmod 600" in exposed.value.text("zh")
    path.chmod(0o600)
    key = folder_key(tmp_path / "data", ENROLMENT)
    assert key is not None and read_info(tmp_path / "data").secret == str(path)
    weak = secret_file(tmp_path / "short.key", "too short")
    with pytest.raises(KeyUnavailableError, match="too short"):
        folder_key(tmp_path / "other", SecuritySettings(enrolment_file=str(weak)))


def test_without_enrolment_a_workstation_refuses_and_a_demo_generates_outside_the_data(
        no_enrolment: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    with pytest.raises(KeyUnavailableError) as caught:
        folder_key(data, ENROLMENT)
    assert caught.value.code == "store.no_enrolment" and "尚未登记" in caught.value.text("zh")
    assert not (data / INFO_FILE).exists()
    key = folder_key(data, ENROLMENT, generate_secret=True)
    generated = no_enrolment / "enrolment.key"
    assert key is not None and generated.is_file() and oct(generated.stat().st_mode & 0o777) == "0o600"
    assert not generated.is_relative_to(data)
    assert folder_key(data, ENROLMENT, generate_secret=True) == key  # found again, not made again
    generated.unlink()  # the secret is lost: never a new one over the old data
    with pytest.raises(KeyUnavailableError) as lost:
        folder_key(data, ENROLMENT, generate_secret=True)
    assert lost.value.code == "store.enrolment_lost" and lost.value.text("zh").startswith("数据库密钥不对或已丢失")
    assert not generated.exists()


def test_keyring_source_keeps_a_random_key_in_the_os_keyring(memory_keyring: MemoryKeyring, tmp_path: Path) -> None:
    key = folder_key(tmp_path, KEYRING)
    assert key is not None and key.source == "keyring"
    info = read_info(tmp_path)
    assert info is not None and info.source == "keyring"
    [(service, entry)] = memory_keyring.entries
    assert (service, entry) == (KEYRING_SERVICE, f"data-key/{info.folder_id}")
    assert memory_keyring.entries[(service, entry)] == key.material.hex()
    assert key.material.hex() not in (tmp_path / INFO_FILE).read_text()
    assert folder_key(tmp_path, KEYRING) == key
    memory_keyring.entries.clear()  # the keyring entry is lost
    with pytest.raises(KeyUnavailableError) as lost:
        folder_key(tmp_path, KEYRING)
    assert lost.value.code == "store.keyring_lost" and entry in lost.value.text("en")
    assert not memory_keyring.entries  # no new key made over encrypted data


def test_a_replaced_keyring_entry_is_a_wrong_key(memory_keyring: MemoryKeyring, tmp_path: Path) -> None:
    folder_key(tmp_path, KEYRING)
    [entry] = memory_keyring.entries
    memory_keyring.entries[entry] = os.urandom(32).hex()
    with pytest.raises(WrongKeyError):
        folder_key(tmp_path, KEYRING)


def test_no_keyring_service_is_a_worded_error(tmp_path: Path) -> None:
    import keyring

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(KeyUnavailableError) as caught:
            folder_key(tmp_path, KEYRING)
    finally:
        keyring.set_keyring(previous)
    assert caught.value.code == "store.keyring_unavailable" and 'key_source = "enrolment"' in caught.value.text("zh")
    assert not (tmp_path / INFO_FILE).exists()


def test_switching_source_or_turning_encryption_off_is_refused(monkeypatch: pytest.MonkeyPatch,
                                                             memory_keyring: MemoryKeyring, tmp_path: Path) -> None:
    monkeypatch.setenv(ENROLMENT_ENV, SECRET)
    folder_key(tmp_path, ENROLMENT)
    with pytest.raises(WrongKeyError) as switched:
        folder_key(tmp_path, KEYRING)
    assert switched.value.code == "store.source_changed"
    with pytest.raises(WrongKeyError) as off:
        folder_key(tmp_path, SecuritySettings(key_source="none"))
    assert off.value.code == "store.encrypted_no_key"
    assert folder_key(tmp_path / "plain", SecuritySettings(key_source="none")) is None


def test_security_table_in_the_settings(tmp_path: Path) -> None:
    path = tmp_path / "clerk_app.toml"
    path.write_text('[security]\nkey_source = "keyring"\nenrolment_file = "/etc/clerk_app/enrolment.key"\n')
    assert load_settings(path).security == SecuritySettings("keyring", "/etc/clerk_app/enrolment.key")
    path.write_text('[security]\nkey_source = "plain"\n')
    with pytest.raises(SettingsError, match="key_source"):
        load_settings(path)
    path.write_text('[security]\nkey = "deadbeef"\n')
    with pytest.raises(SettingsError, match="unknown key"):
        load_settings(path)
    assert load_settings(tmp_path / "absent.toml").security.key_source == "enrolment"


def test_data_key_subkeys_differ() -> None:
    key = DataKey.generate()
    assert len({key.material, key.database_key, key.files_key}) == 3
    with pytest.raises(ValueError):
        DataKey(b"short")
