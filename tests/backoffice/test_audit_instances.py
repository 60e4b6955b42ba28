"""Two back-office processes on one PostgreSQL database append to one unbroken, signed chain.

Both serve the same database and data directory (so they sign with the one key made there);
supervisors ask each of them for full case views at once, every answer appending an audit entry.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from clerk_app.backoffice import audit
from clerk_app.backoffice.accounts import add_account
from clerk_app.backoffice.audit_keys import load_public_keys, load_signer
from clerk_app.backoffice.audit_verify import verify
from clerk_app.backoffice.db import make_engine
from clerk_app.backoffice.migrations import migrate
from tests.backoffice.audit_support import public_key_file, verify_command
from tests.backoffice.sample import HALL, body, case, path
from tests.sync.real_backoffice import API, ServiceProcess

PASSWORD = "instances-1234"
VIEWS_PER_THREAD, THREADS_PER_PROCESS = 15, 3


@pytest.fixture
def two_instances(pg_url: str, tmp_path: Path) -> Iterator[tuple[str, Path, list[ServiceProcess]]]:
    data_dir = tmp_path / "shared-data"
    engine = make_engine(pg_url)
    try:
        migrate(engine)
        audit.attach(engine, load_signer(data_dir))
        add_account(engine, "clerk", role="clerk", password=PASSWORD, hall_code=HALL)
        for name in ("sup_a", "sup_b"):
            add_account(engine, name, role="supervisor", password=PASSWORD, departments=["公安局"])
    finally:
        engine.dispose()
    services = [ServiceProcess(pg_url, data_dir, tmp_path / f"service-{n}.log") for n in (1, 2)]
    try:
        for service in services:
            service.start()
        yield pg_url, data_dir, services
    finally:
        for service in services:
            service.stop()


def _token(url: str, username: str) -> str:
    answer = requests.post(f"{url}{API}/auth/token", json={"username": username, "password": PASSWORD}, timeout=10)
    assert answer.status_code == 200, answer.text
    return str(answer.json()["token"])


def test_concurrent_appends_from_two_processes_keep_one_chain(
        two_instances: tuple[str, Path, list[ServiceProcess]]) -> None:
    url, data_dir, services = two_instances
    c = case()
    clerk = {"Authorization": f"Bearer {_token(services[0].url, 'clerk')}"}
    assert requests.put(f"{services[0].url}{API}{path(c)}", data=body(c), headers=clerk, timeout=10).status_code == 201
    statuses: Counter[int] = Counter()
    lock = threading.Lock()

    def views(service_url: str, token: str) -> None:
        with requests.Session() as session:
            for _ in range(VIEWS_PER_THREAD):
                answer = session.get(f"{service_url}{API}/cases/{c.id}/full", timeout=30,
                                     headers={"Authorization": f"Bearer {token}"})
                with lock:
                    statuses[answer.status_code] += 1

    names = ("sup_a", "sup_b")
    tokens = {service.url: _token(service.url, name) for service, name in zip(services, names, strict=True)}
    threads = [threading.Thread(target=views, args=(service_url, token))
               for service_url, token in tokens.items() for _ in range(THREADS_PER_PROCESS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    expected = VIEWS_PER_THREAD * THREADS_PER_PROCESS * 2
    assert statuses == {200: expected}
    engine = make_engine(url)
    try:
        actions = Counter((item.entry.action, item.entry.actor) for item in audit.entries(engine))
        report = verify(engine, load_public_keys(public_key_file(data_dir)))
    finally:
        engine.dispose()
    assert actions[("view_full", "sup_a")] == actions[("view_full", "sup_b")] == expected // 2
    assert report.intact and report.count == report.last.seq  # type: ignore[union-attr]
    done = verify_command(url, public_key_file(data_dir))
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{report.count} entries, chain intact, every signature valid" in done.stdout
    assert all(service.tracebacks() == 0 for service in services)
