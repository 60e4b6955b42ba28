"""`clerk-app report bulletin --db URL` records the export in the back office's signed audit trail.

A back office that signs its trail (its key made at its first start), a seeded quarter, and the
command run as a child process on SQLite and PostgreSQL: the entry names the operator (or the OS
user), the period and the PDF's sha256, and `clerk-app audit verify` still passes. Without the
service's key, or with another one, nothing is rendered (exit 2): no unsigned entry in a signed
trail, no bulletin without its entry.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from clerk_app.backoffice import audit
from clerk_app.backoffice.app import create_app
from clerk_app.backoffice.audit_keys import KEY_NAME, PUBLIC_NAME
from clerk_app.backoffice.db import make_engine
from clerk_app.backoffice.settings import Settings
from clerk_app.catalogue.loader import load_default_catalogue
from clerk_app.core.bulletin import Period
from tests.backoffice.bulletin_seed import plan_quarter, write_quarter
from tests.backoffice.conftest import fresh_pg_database, pg_server  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parents[2]
Q3 = Period.quarter(2026, 3)
PERIOD = ["--from", "2026-07-01", "--to", "2026-09-30"]


@pytest.fixture(params=["sqlite", "postgresql"])
def signed_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A seeded back-office database whose service signs its trail; the service's data folder.

    On SQLite the database lies in the data folder, beside the key, as `backoffice serve` keeps it."""
    data = tmp_path / "backoffice"
    if request.param == "sqlite":
        url = f"sqlite:///{data / 'backoffice.sqlite3'}"
        data.mkdir()
    else:
        url = fresh_pg_database(request.getfixturevalue("pg_server"))
    app = create_app(Settings(database_url=url, data_dir=data))  # makes and lists the signing key
    audit.record_now(app.state.engine, "admin", "sign_in", "admin")
    write_quarter(app.state.engine, plan_quarter(load_default_catalogue().catalogue, Q3))
    app.state.engine.dispose()
    yield url, data


def clerk_app(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLERK_APP_DATA": str(tmp_path / "ws"), "PYTHONPATH": str(ROOT)}
    env.pop("CLERK_APP_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "clerk_app", *args], capture_output=True, text=True, timeout=240,
                          env=env, cwd=tmp_path, check=False)


def last_entry(url: str):  # type: ignore[no-untyped-def]
    engine = make_engine(url)
    try:
        return list(audit.entries(engine))[-1]
    finally:
        engine.dispose()


def test_the_export_is_recorded_signed_and_the_trail_verifies(signed_database: tuple[str, Path],
                                                              tmp_path: Path) -> None:
    url, data = signed_database
    out = tmp_path / "q3.pdf"
    key = [] if url.startswith("sqlite") else ["--audit-key", str(data / KEY_NAME)]  # found beside an SQLite file
    done = clerk_app(tmp_path, "report", "bulletin", *PERIOD, "-o", str(out), "--db", url, "--operator", "张科长",
                     *key)
    assert done.returncode == 0, done.stderr
    item = last_entry(url)
    entry = item.entry
    assert (entry.action, entry.actor, entry.subject) == ("export", "张科长", "bulletin") and item.signature
    assert entry.detail["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert {k: entry.detail[k] for k in ("report", "from", "to", "file", "via")} == {
        "report": "bulletin", "from": "2026-07-01", "to": "2026-09-30", "file": "q3.pdf",
        "via": "clerk-app report bulletin --db"}
    assert entry.detail["os_user"] == getpass.getuser() and entry.detail["pages"] >= 5
    verified = clerk_app(tmp_path, "audit", "verify", "--backoffice-db", url, "--public-key", str(data / PUBLIC_NAME))
    assert verified.returncode == 0, verified.stdout
    assert "chain intact, every signature valid" in verified.stdout

    again = clerk_app(tmp_path, "report", "bulletin", *PERIOD, "-o", str(tmp_path / "again.pdf"), "--db", url, *key)
    assert again.returncode == 0, again.stderr
    assert last_entry(url).entry.actor == getpass.getuser()  # no --operator: the OS user


def test_without_the_services_key_nothing_is_exported(signed_database: tuple[str, Path], tmp_path: Path) -> None:
    url, data = signed_database
    (data / KEY_NAME).rename(tmp_path / "elsewhere.pem")
    before = last_entry(url).entry.seq
    out = tmp_path / "q3.pdf"
    done = clerk_app(tmp_path, "report", "bulletin", *PERIOD, "-o", str(out), "--db", url)
    assert done.returncode == 2 and "give --audit-key FILE" in done.stderr
    stranger = tmp_path / "stranger.pem"
    stranger.write_bytes(Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    wrong = clerk_app(tmp_path, "report", "bulletin", *PERIOD, "-o", str(out), "--db", url, "--audit-key",
                      str(stranger))
    assert wrong.returncode == 2 and "stranger.pem: not the key this back office signs its audit trail with" \
        in wrong.stderr
    assert not out.exists() and not list(tmp_path.glob("*.part")) and last_entry(url).entry.seq == before
    given = clerk_app(tmp_path, "report", "bulletin", *PERIOD, "-o", str(out), "--db", url, "--audit-key",
                      str(tmp_path / "elsewhere.pem"))
    assert given.returncode == 0, given.stderr
    assert last_entry(url).entry.seq == before + 1
