"""Scans at rest: sealed with AES-256-GCM under their plaintext's sha256; altered or misplaced files are caught."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from clerk_app.store.errors import TamperedFileError, VaultError
from clerk_app.store.keys import DataKey
from clerk_app.store.vault import MAGIC, FileVault

NAME, ID_NUMBER = "欧阳娜娜", "150203198001011234"
SCAN = b"%PDF-1.4 scan of the identity card of " + NAME.encode() + b" " + ID_NUMBER.encode() + b" " * 4000


@pytest.fixture
def vault(tmp_path: Path) -> FileVault:
    return FileVault(tmp_path / "files", DataKey.generate())


def test_put_get_by_plaintext_hash_and_nothing_in_clear(vault: FileVault) -> None:
    digest = vault.put(SCAN)
    assert digest == hashlib.sha256(SCAN).hexdigest()
    stored = vault.path(digest).read_bytes()
    assert vault.path(digest).name == f"{digest}.pdf" and stored.startswith(MAGIC)
    assert NAME.encode() not in stored and ID_NUMBER.encode() not in stored and b"%PDF" not in stored
    assert vault.get(digest) == SCAN and vault.exists(digest)
    assert [p.name for p in vault.folder.iterdir()] == [f"{digest}.pdf"]  # no partial file left
    assert vault.delete(digest) and not vault.exists(digest) and not vault.delete(digest)


def test_an_altered_byte_is_detected(vault: FileVault) -> None:
    digest = vault.put(SCAN)
    path = vault.path(digest)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(TamperedFileError) as caught:
        vault.get(digest)
    assert caught.value.text("zh") == f"扫描文件{digest}.pdf无法解密：文件已被改动，或密钥不对"


def test_a_file_moved_under_another_scans_name_is_detected(vault: FileVault) -> None:
    first, second = vault.put(SCAN), vault.put(b"%PDF another scan")
    vault.path(first).replace(vault.path(second))  # the name is bound into the tag
    with pytest.raises(TamperedFileError):
        vault.get(second)


def test_another_key_cannot_read_it(vault: FileVault) -> None:
    digest = vault.put(SCAN)
    with pytest.raises(TamperedFileError):
        FileVault(vault.folder, DataKey.generate()).get(digest)
    with pytest.raises(VaultError) as plain:
        FileVault(vault.folder, None).get(digest)
    assert plain.value.code == "vault.no_key"


def test_legacy_plain_files_are_read_checked_and_sealed_in_place(vault: FileVault) -> None:
    vault.folder.mkdir(parents=True)
    digest = hashlib.sha256(SCAN).hexdigest()
    vault.path(digest).write_bytes(SCAN)  # what an earlier release stored
    damaged = hashlib.sha256(b"other").hexdigest()
    vault.path(damaged).write_bytes(b"not what the name says")
    (vault.folder / ".m1.pdf.partial").write_bytes(SCAN)  # an interrupted write of the earlier release
    assert vault.get(digest) == SCAN
    with pytest.raises(VaultError) as caught:
        vault.get(damaged)
    assert caught.value.code == "vault.damaged"
    assert vault.seal_legacy() == 1
    assert vault.path(digest).read_bytes().startswith(MAGIC) and vault.get(digest) == SCAN
    assert sorted(p.name for p in vault.folder.iterdir()) == sorted([f"{digest}.pdf", f"{damaged}.pdf"])
    assert vault.seal_legacy() == 0


def test_a_vault_without_key_stores_plain_files(tmp_path: Path) -> None:
    plain = FileVault(tmp_path, None)
    digest = plain.put(SCAN)
    assert plain.path(digest).read_bytes() == SCAN and plain.get(digest) == SCAN


def test_names_are_hashes_only(vault: FileVault) -> None:
    with pytest.raises(VaultError):
        vault.get("../../etc/passwd")
    with pytest.raises(VaultError) as missing:
        vault.get("ab" * 32)
    assert missing.value.code == "vault.missing"
