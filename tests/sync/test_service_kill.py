"""Exactly once when the back-office service is killed (SIGKILL) at random points while a window drains.

The service is the real command, `python -m clerk_app backoffice serve`, started again after each
kill on the same port, database and data directory; the workstation's engine keeps draining
throughout (connection refused and reset while the service is down are retried with backoff).
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from pathlib import Path

from clerk_app.store.cases import CaseStore
from clerk_app.sync.backoff import Backoff
from clerk_app.sync.engine import SyncEngine
from tests.sync.checks import Holdings, assert_exactly_once
from tests.sync.counting_client import CountingClient
from tests.sync.real_backoffice import CLERK, ServiceProcess, Template, drop_database
from tests.sync.samples import fill

KILLS = {"postgresql": 3, "sqlite": 2}
CASES = 80


def test_sigkill_of_the_service_at_random_points(template: Template, store: CaseStore, files_dir: Path,
                                                 tmp_path: Path) -> None:
    database = "postgresql" if template.url.startswith("postgresql") else "sqlite"
    service = ServiceProcess(template.copy(tmp_path / "service"), tmp_path / "service", tmp_path / "service.log")
    cases = fill(store, files_dir, CASES)
    client = CountingClient(service.url, token=template.tokens[CLERK], timeout=(1.0, 2.0))
    engine = SyncEngine(store, client, files_dir, backoff=Backoff(base=0.01, cap=0.05), batch=20,
                        case_batch=2, file_batch=2)  # many small requests: kills land mid-drain
    killing_done, rounds = threading.Event(), Counter[str]()

    def drain() -> None:
        while not (killing_done.is_set() and rounds["last_backlog"] == 0):
            summary = engine.run_once()
            rounds["rounds"] += 1
            rounds["last_backlog"] = summary.backlog
            if not summary.online:  # the service is down: try again soon, leave it the CPU to start
                rounds["offline"] += 1
                time.sleep(0.1)

    rng, mid_drain, started = random.Random(17), 0, time.monotonic()
    drainer = threading.Thread(target=drain, name="drain", daemon=True)
    try:
        startup = [service.start()]
        drainer.start()
        for _ in range(KILLS[database]):
            time.sleep(rng.uniform(0.1, 0.5))
            mid_drain += engine.outbox.backlog() > 0
            service.kill()
            startup.append(service.start())
        killing_done.set()
        drainer.join(60)
        assert not drainer.is_alive(), f"the drain did not finish: backlog {engine.outbox.backlog()}"
        service.stop()
        held = assert_exactly_once(Holdings.read(service.database_url, service.files_dir), store, cases)
    finally:
        killing_done.set()
        service.stop()
        client.close()
        drop_database(service.database_url)
    print(f"\n[SIGKILL of the service, {database}] {KILLS[database]} kills, {mid_drain} mid-drain; "
          f"service starts took {min(startup):.1f}-{max(startup):.1f} s; drain rounds {rounds['rounds']} "
          f"({rounds['offline']} offline); client saw statuses {dict(sorted(client.statuses.items()))} "
          f"(0 = no answer); total {time.monotonic() - started:.1f} s; holds {held} — each revision once")
    assert mid_drain >= KILLS[database] - 1
    assert client.statuses[500] == 0 and service.tracebacks() == 0, service.log_tail()
