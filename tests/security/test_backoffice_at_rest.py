"""The embedded back office at rest: a case and its scans pushed from the window leave nothing readable
under `<data_dir>/backoffice/`, the supervisor still reads them, a plain folder migrates, a wrong key
fails cleanly; and the production service encrypts only when given a key."""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from clerk_app.backoffice.at_rest import RECORD, read_record
from clerk_app.backoffice.db import make_engine
from clerk_app.backoffice.schema import cases as backoffice_cases
from clerk_app.backoffice.sealed_files import MAGIC
from clerk_app.cli.embedded import EmbeddedBackOffice, free_port
from clerk_app.config.demo import DEMO_PASSWORD
from clerk_app.config.settings import SecuritySettings, Settings
from clerk_app.core.case import Case, MaterialReceipt
from clerk_app.store import cipher
from clerk_app.store.at_rest import open_folder
from clerk_app.store.cases import CaseStore
from clerk_app.sync.client import BackOfficeClient
from clerk_app.sync.engine import SyncEngine
from tests.backoffice.conftest import fresh_pg_database, pg_server  # noqa: F401 (a fixture)
from tests.cli.test_embedded import _token, _wait_until_up
from tests.store.sample import accepted

NAME, ID_NUMBER = "欧阳娜娜", "150203198001011234"
DEPARTMENTS = ["gaj", "scjgj"]
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Pushed:
    case: Case
    scans: dict[str, bytes]  # sha256 → plaintext

    @property
    def secrets(self) -> list[bytes]:
        """What must not be found in any byte at rest: the name, the ID number, slices of each scan."""
        found = [NAME.encode("utf-8"), NAME.encode("gb18030"), NAME.encode("utf-16-le"), ID_NUMBER.encode()]
        return found + [data[start:start + 48] for data in self.scans.values() for start in (0, 70_000, 140_000)]


def plaintext_in(folder: Path, secrets: list[bytes]) -> list[str]:
    return [str(p.relative_to(folder)) for p in sorted(folder.rglob("*"))
            if p.is_file() and any(secret in p.read_bytes() for secret in secrets)]


def push_case(settings: Settings, service: EmbeddedBackOffice, number: int = 1) -> Pushed:
    """An accepted case with two scans, saved in the workstation's (encrypted) folder and pushed."""
    folder = open_folder(settings.database_path, settings.security, generate_secret=True)
    scans = {}
    for _page in range(2):
        data = b"%PDF-1.7\n" + NAME.encode() + ID_NUMBER.encode() + os.urandom(150_000)
        scans[folder.files.put(data)] = data
    material = MaterialReceipt(key="id", name="身份证", necessity="必要", required=True, received=True,
                               form="复印件", copies=1, scans=tuple(scans))
    case = replace(accepted(f"BT01-W07-20261123-{number:04d}", name=NAME, id_number=ID_NUMBER),
                   departments=("gaj",), materials=(material,))
    store = CaseStore(folder.engine)
    store.save(case)
    client = BackOfficeClient(service.url)
    try:
        assert client.sign_in("demo", DEMO_PASSWORD).ok
        summary = SyncEngine(store, client, folder.files).run_once()
        assert (summary.pushed, summary.backlog) == (1, 0), summary
    finally:
        client.close()
        folder.engine.dispose()
    return Pushed(case, scans)


def assert_supervisor_reads(service: EmbeddedBackOffice, pushed: Pushed) -> None:
    chief = {"Authorization": f"Bearer {_token(service.url, 'chief')}"}
    full = requests.get(f"{service.url}/api/v1/cases/{pushed.case.id}/full", headers=chief, timeout=10)
    assert full.status_code == 200, full.text
    applicant = full.json()["case"]["applicant"]
    assert (applicant["name"], applicant["id_number"]) == (NAME, ID_NUMBER)
    for sha256, data in pushed.scans.items():
        answer = requests.get(f"{service.url}/api/v1/files/{sha256}", headers=chief, timeout=10)
        assert answer.status_code == 200, answer.text
        assert int(answer.headers["content-length"]) == len(data)
        assert hashlib.sha256(answer.content).hexdigest() == sha256 and answer.content == data


def embedded(settings: Settings) -> EmbeddedBackOffice:
    """Any free port, not the usual 8700: tests elsewhere on this machine may start back offices too."""
    return EmbeddedBackOffice(settings, DEPARTMENTS, port=free_port(0))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def service(settings: Settings) -> Iterator[EmbeddedBackOffice]:
    with embedded(settings) as running:
        _wait_until_up(running.url)
        yield running


def test_a_pushed_case_and_its_scans_leave_nothing_readable(settings: Settings, service: EmbeddedBackOffice) -> None:
    pushed = push_case(settings, service)
    folder = settings.data_dir / "backoffice"
    database = folder / "backoffice.sqlite3"
    assert cipher.file_state(database) == "encrypted"
    assert database.with_name(database.name + "-wal").stat().st_size > 0  # committed frames, grepped too
    assert plaintext_in(folder, pushed.secrets) == []
    for sha256 in pushed.scans:  # addressed by the plaintext's sha256 as before, sealed
        stored = (folder / "files" / sha256[:2] / sha256[2:4] / sha256).read_bytes()
        assert stored.startswith(MAGIC)
    assert_supervisor_reads(service, pushed)
    service.stop()
    assert plaintext_in(settings.data_dir, pushed.secrets) == []  # the workstation's own folder too
    record = read_record(folder)
    assert record is not None and record.sealed and record.origin == "workstation"
    # the commands that read the database directly (report bulletin, audit verify) open it with the
    # key derived from the workstation's, as the service does
    engine = make_engine(f"sqlite:///{database}")
    with engine.connect() as connection:
        assert connection.execute(sa.select(backoffice_cases.c.case_id)).scalars().all() == [pushed.case.id]
    engine.dispose()


def test_a_plain_back_office_folder_migrates_in_place(settings: Settings) -> None:
    plain = replace(settings, security=SecuritySettings("none"))  # as the release before this one ran it
    with embedded(plain) as old:
        _wait_until_up(old.url)
        pushed = push_case(plain, old)
    folder = settings.data_dir / "backoffice"
    assert cipher.file_state(folder / "backoffice.sqlite3") == "plain"
    assert plaintext_in(folder, pushed.secrets) != []
    with embedded(settings) as new:
        _wait_until_up(new.url)
        assert_supervisor_reads(new, pushed)
    assert cipher.file_state(folder / "backoffice.sqlite3") == "encrypted"
    assert plaintext_in(folder, pushed.secrets) == []
    record = read_record(folder)
    assert record is not None and record.sealed
    with embedded(settings) as again:  # the second start finds it done
        _wait_until_up(again.url)
        assert_supervisor_reads(again, pushed)


def _fingerprint(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "service.log"}


def _wait_for_failure(service: EmbeddedBackOffice, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while service.failure is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert service.failure is not None, "the service did not report why it stopped"
    return service.failure


def test_a_back_office_folder_of_another_key_is_refused_and_kept(settings: Settings, service: EmbeddedBackOffice,
                                                                  tmp_path: Path, caplog: pytest.LogCaptureFixture
                                                                  ) -> None:
    pushed = push_case(settings, service)
    service.stop()
    other = Settings(data_dir=tmp_path / "other")  # another workstation folder: another salt, another key
    shutil.copytree(settings.data_dir / "backoffice", other.data_dir / "backoffice")
    before = _fingerprint(other.data_dir / "backoffice")
    with caplog.at_level("ERROR", logger="clerk_app.cli.embedded"), \
            embedded(other) as refused:
        failure = _wait_for_failure(refused)
        with pytest.raises(requests.ConnectionError):
            requests.get(f"{refused.url}/api/v1/health", timeout=2)
    assert "encrypted with another key" in failure and "Nothing was changed" in failure
    assert "Traceback" not in (other.data_dir / "backoffice" / "service.log").read_text(encoding="utf-8")
    assert any("encrypted with another key" in r.getMessage() for r in caplog.records)
    assert _fingerprint(other.data_dir / "backoffice") == before
    with embedded(settings) as original:  # the right key still opens it all
        _wait_until_up(original.url)
        assert_supervisor_reads(original, pushed)


def test_a_lost_workstation_key_starts_nothing_and_changes_nothing(settings: Settings, service: EmbeddedBackOffice,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    push_case(settings, service)
    service.stop()
    before = _fingerprint(settings.data_dir)
    monkeypatch.setenv("CLERK_APP_ENROLMENT_KEY", "another enrolment secret, 32+ characters long!")
    with embedded(settings) as refused:
        assert refused.process is None
        assert refused.failure is not None and "key is wrong or lost" in refused.failure
    assert _fingerprint(settings.data_dir) == before


# The production service: plain unless given a key; with one, the same protection.

def _serve(data: Path, *options: str, env: dict[str, str] | None = None, db: str = ""
           ) -> tuple[subprocess.Popen[str], str]:
    port = free_port(0)
    command = [sys.executable, "-m", "clerk_app", "backoffice", "serve",
               "--db", db or f"sqlite:///{data / 'bo.sqlite3'}", "--data-dir", str(data), "--port", str(port),
               "--departments", "gaj", *options]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(env or {})}, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return process, f"http://127.0.0.1:{port}"


def _add_clerk(data: Path, *options: str, env: dict[str, str] | None = None, db: str = ""
               ) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "clerk_app", "backoffice", "account", "add", "w07", "--role", "admin",
               "--db", db or f"sqlite:///{data / 'bo.sqlite3'}", "--data-dir", str(data), "--password-stdin", *options]
    return subprocess.run(command, cwd=ROOT, env={**os.environ, **(env or {})}, input="w07 password\n", text=True,
                          capture_output=True, timeout=120)


def _up(process: subprocess.Popen[str], url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read() if process.stdout else ""
        try:
            if requests.get(f"{url}/api/v1/health", timeout=1).ok:
                return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise AssertionError("the service did not start")


def _stopped(process: subprocess.Popen[str]) -> str:
    if process.poll() is None:
        process.terminate()
    output, _ = process.communicate(timeout=30)
    return output


def test_the_production_service_encrypts_only_with_a_key(tmp_path: Path) -> None:
    key = os.urandom(32).hex()
    scan = b"%PDF-1.7\n" + ID_NUMBER.encode() + os.urandom(100_000)
    sha256 = hashlib.sha256(scan).hexdigest()
    for mode, data in (("plain", tmp_path / "plain"), ("keyed", tmp_path / "keyed")):
        options, env = (("--data-key-env", "BO_DATA_KEY"), {"BO_DATA_KEY": key}) if mode == "keyed" else ((), {})
        added = _add_clerk(data, *options, env=env)
        assert added.returncode == 0, added.stderr
        process, url = _serve(data, *options, env=env)
        try:
            _up(process, url)
            token = requests.post(f"{url}/api/v1/auth/token", json={"username": "w07", "password": "w07 password"},
                                  timeout=10).json()["token"]
            put = requests.put(f"{url}/api/v1/files/{sha256}", data=scan, headers={"Authorization": f"Bearer {token}"},
                               timeout=10)
            assert put.status_code == 201, put.text
        finally:
            _stopped(process)
        stored = (data / "files" / sha256[:2] / sha256[2:4] / sha256).read_bytes()
        if mode == "plain":
            assert stored == scan and cipher.file_state(data / "bo.sqlite3") == "plain" and not (data / RECORD).exists()
        else:
            assert stored.startswith(MAGIC) and scan[9:60] not in stored
            assert cipher.file_state(data / "bo.sqlite3") == "encrypted"
    keyed = tmp_path / "keyed"
    for options, env, words in [
        ((), {}, "encrypted and no data key was given"),
        (("--data-key-env", "BO_DATA_KEY"), {"BO_DATA_KEY": os.urandom(32).hex()}, "does not open the data"),
        (("--data-key-env", "BO_DATA_KEY"), {"BO_DATA_KEY": "too short"}, "32 random bytes"),
        (("--data-key-env", "NOT_SET"), {}, "NOT_SET: the environment variable is not set"),
    ]:
        before = _fingerprint(keyed)
        process, _url = _serve(keyed, *options, env=env)
        output, _ = process.communicate(timeout=120)  # it stops by itself
        assert process.returncode == 2 and words in output and "Traceback" not in output, output
        assert _fingerprint(keyed) == before


def test_keyed_workers_on_postgresql_seal_the_files(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """Several worker processes get the key from their parent (never in the settings' text)."""
    db, data = fresh_pg_database(request.getfixturevalue("pg_server")), tmp_path / "shared"
    env = {"BO_DATA_KEY": base64.b64encode(os.urandom(32)).decode()}
    assert _add_clerk(data, "--data-key-env", "BO_DATA_KEY", env=env, db=db).returncode == 0
    scans = [b"%PDF-1.7\n" + ID_NUMBER.encode() + os.urandom(80_000) for _ in range(6)]
    process, url = _serve(data, "--data-key-env", "BO_DATA_KEY", "--workers", "2", env=env, db=db)
    try:
        _up(process, url)
        token = requests.post(f"{url}/api/v1/auth/token", json={"username": "w07", "password": "w07 password"},
                              timeout=10).json()["token"]
        for scan in scans:  # a connection each: the requests spread over both workers
            sha256 = hashlib.sha256(scan).hexdigest()
            put = requests.put(f"{url}/api/v1/files/{sha256}", data=scan, headers={"Authorization": f"Bearer {token}"},
                               timeout=10)
            assert put.status_code == 201, put.text
            answer = requests.get(f"{url}/api/v1/files/{sha256}", headers={"Authorization": f"Bearer {token}"},
                                  timeout=10)
            assert answer.status_code == 200 and answer.content == scan  # an admin reads any held file
    finally:
        _stopped(process)
    for scan in scans:
        sha256 = hashlib.sha256(scan).hexdigest()
        stored = (data / "files" / sha256[:2] / sha256[2:4] / sha256).read_bytes()
        assert stored.startswith(MAGIC) and ID_NUMBER.encode() not in stored
    record = read_record(data)
    assert record is not None and record.origin == "given" and record.sealed
