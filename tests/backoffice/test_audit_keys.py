"""The audit signing key: made once (0600) in the data directory, or taken from the configuration."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from clerk_app.backoffice.audit_keys import (
    KEY_NAME,
    PUBLIC_NAME,
    AuditKeyError,
    load_public_keys,
    load_signer,
    signature_valid,
)
from tests.backoffice.audit_support import ROOT


def test_instances_starting_at_once_share_one_key(tmp_path: Path) -> None:
    with ThreadPoolExecutor(8) as pool:
        signers = list(pool.map(lambda _: load_signer(tmp_path), range(16)))
    assert len({s.key_id for s in signers}) == 1
    assert stat.S_IMODE((tmp_path / KEY_NAME).stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no drafts left
    public = load_public_keys(tmp_path / PUBLIC_NAME)
    assert list(public) == [signers[0].key_id]
    assert signature_valid(public[signers[0].key_id], "ab" * 32, signers[0].sign("ab" * 32))
    assert not signature_valid(public[signers[0].key_id], "cd" * 32, signers[0].sign("ab" * 32))


def test_a_configured_key_is_used_and_a_bad_one_refused(tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    configured = tmp_path / "hall-audit.pem"
    configured.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                             serialization.NoEncryption()))
    os.chmod(configured, 0o600)
    signer = load_signer(tmp_path / "data", str(configured))
    assert signer.public_pem == (tmp_path / "data" / PUBLIC_NAME).read_text()
    assert not (tmp_path / "data" / KEY_NAME).exists()
    configured.write_text("not a key")
    with pytest.raises(AuditKeyError, match="not an unencrypted PEM private key"):
        load_signer(tmp_path / "data", str(configured))
    with pytest.raises(AuditKeyError, match="cannot be read"):
        load_signer(tmp_path / "data", str(tmp_path / "missing.pem"))


def test_serve_with_an_unusable_key_says_so(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pem"
    bad.write_text("-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n")
    done = subprocess.run(
        [sys.executable, "-m", "clerk_app", "backoffice", "serve", "--db", f"sqlite:///{tmp_path / 'bo.sqlite3'}",
         "--data-dir", str(tmp_path / "data"), "--audit-key", str(bad), "--port", "9"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2 and "bad.pem: not an unencrypted PEM private key" in done.stderr
    assert "Traceback" not in done.stderr
