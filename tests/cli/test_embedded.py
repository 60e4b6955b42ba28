"""`make run`'s embedded back office: a child service the workstation's sync reaches, with demo accounts."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import requests

from clerk_app.cli.embedded import EmbeddedBackOffice, free_port
from clerk_app.config.demo import DEMO_PASSWORD
from clerk_app.config.settings import Settings
from clerk_app.store.cases import CaseStore
from clerk_app.store.engine import open_database
from clerk_app.sync.client import BackOfficeClient
from clerk_app.sync.engine import SyncEngine
from tests.store.sample import accepted

DEPARTMENTS = ["gaj", "scjgj"]


def _wait_until_up(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/api/v1/health", timeout=1).ok:
                return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise AssertionError(f"the embedded back office did not answer at {url}")


def _token(url: str, username: str) -> str:
    answer = requests.post(f"{url}/api/v1/auth/token", json={"username": username, "password": DEMO_PASSWORD},
                           timeout=5)
    assert answer.status_code == 200, answer.text
    return str(answer.json()["token"])


def test_a_case_goes_from_the_window_to_the_department_queue(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    engine = open_database(settings.database_path)
    store = CaseStore(engine)
    case = store.save(replace(accepted("BT01-W07-20261123-0001"), departments=("gaj",)))
    with EmbeddedBackOffice(settings, DEPARTMENTS, port=free_port(0)) as service:
        session_settings = service.settings_for(settings)
        assert session_settings.backoffice.url == service.url
        _wait_until_up(service.url)
        client = BackOfficeClient(service.url)
        assert client.sign_in("demo", DEMO_PASSWORD).ok
        summary = SyncEngine(store, client, settings.data_dir / "files").run_once()
        assert (summary.pushed, summary.backlog) == (1, 0)
        chief = {"Authorization": f"Bearer {_token(service.url, 'chief')}"}
        queue = requests.get(f"{service.url}/api/v1/queue", params={"department": "gaj"}, headers=chief, timeout=5)
        assert queue.status_code == 200, queue.text
        assert [item["case_id"] for item in queue.json()["items"]] == [case.id]
        client.close()
    assert service.process is not None and service.process.poll() is not None  # stopped with the session
    engine.dispose()
    log = (tmp_path / "backoffice" / "service.log").read_text(encoding="utf-8")
    assert "Uvicorn running" in log or "Application startup complete" in log


def test_restart_keeps_cases_and_accounts(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    for _ in range(2):  # the second start finds the demo accounts and must not fail on them
        with EmbeddedBackOffice(settings, DEPARTMENTS, port=free_port(0)) as service:
            _wait_until_up(service.url)
            assert _token(service.url, "admin")
    assert (tmp_path / "backoffice" / "backoffice.sqlite3").exists()


def test_without_demo_no_accounts_are_made(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, demo=False)
    with EmbeddedBackOffice(settings, DEPARTMENTS, port=free_port(0)) as service:
        _wait_until_up(service.url)
        answer = requests.post(f"{service.url}/api/v1/auth/token",
                               json={"username": "demo", "password": DEMO_PASSWORD}, timeout=5)
        assert answer.status_code == 401


def test_port_falls_back_when_the_default_is_taken() -> None:
    import socket

    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        taken = holder.getsockname()[1]
        assert free_port(taken) != taken


def test_the_service_dies_with_a_killed_workstation(tmp_path: Path) -> None:
    """SIGKILL of the workstation (power button, OOM) must not leave the service running."""
    import os
    import signal
    import subprocess
    import sys

    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from clerk_app.cli.embedded import EmbeddedBackOffice\n"
        "from clerk_app.config.settings import Settings\n"
        "service = EmbeddedBackOffice(Settings(data_dir=Path(sys.argv[1])), ['gaj']).start()\n"
        "print(service.process.pid, service.url, flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    child_pid, url = parent.stdout.readline().split()
    _wait_until_up(url)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 15
    while Path(f"/proc/{child_pid}").exists() and time.monotonic() < deadline:
        if Path(f"/proc/{child_pid}/stat").read_text().split()[2] == "Z":
            break  # exited, waiting for its (re)parent to reap it
        time.sleep(0.1)
    alive = Path(f"/proc/{child_pid}").exists() and Path(f"/proc/{child_pid}/stat").read_text().split()[2] != "Z"
    assert not alive, "the back office outlived the killed workstation"
