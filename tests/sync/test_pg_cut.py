"""Exactly once when PostgreSQL cuts the back office's connections again and again while a window drains.

A second connection terminates every backend of the back office's database about every 0.25 s
(`pg_terminate_backend`): requests caught by a cut must be answered 503 (retryable), never 500;
the engine must complete the drain, each revision stored once; decisions made while the cuts go
on (the supervisor's requests are cut too) come back through the change feed once each.
"""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from clerk_app.core.case import CaseState
from clerk_app.store.cases import CaseStore
from clerk_app.sync.backoff import Backoff
from clerk_app.sync.engine import SyncEngine
from tests.sync.checks import Holdings, assert_exactly_once
from tests.sync.counting_client import CountingClient
from tests.sync.real_backoffice import CLERK, RealBackOffice
from tests.sync.samples import fill

CASES, DECIDED = 60, 6


class Cutter:
    """Terminates the back office's PostgreSQL connections, every `interval` seconds (jittered)."""

    def __init__(self, url: str, interval: float = 0.25) -> None:
        parsed = make_url(url)
        self.server, self.database = url.rsplit("/", 1)[0], str(parsed.database)
        self.interval = interval
        self.cuts = self.terminated = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pg-cutter", daemon=True)

    def start(self) -> Cutter:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(10)

    def _run(self) -> None:
        rng = random.Random(23)
        with psycopg.connect(f"{self.server}/postgres", autocommit=True) as connection:
            while not self._stop.wait(rng.uniform(0.5, 1.5) * self.interval):
                rows = connection.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = %s AND pid <> pg_backend_pid()", (self.database,)).fetchall()
                self.cuts += 1
                self.terminated += sum(1 for (done,) in rows if done)


def _unexpected(backoffice: RealBackOffice) -> list[str]:
    """The errors the back office logged as unexpected (answered 500), each kind once."""
    return sorted({line for line in backoffice.logged if "unexpected" in line})


def test_connection_cuts_answer_503_and_the_drain_completes_once(pg_backoffice: RealBackOffice, store: CaseStore,
                                                                  files_dir: Path) -> None:
    backoffice = pg_backoffice
    cases = fill(store, files_dir, CASES)
    client = CountingClient(backoffice.url, token=backoffice.tokens[CLERK], timeout=(1.0, 5.0))
    # small batches: the drain is many requests, so the cuts land on some of them
    engine = SyncEngine(store, client, files_dir, backoff=Backoff(base=0.01, cap=0.05), case_batch=4, file_batch=4)
    supervisor = backoffice.supervisor()
    cutter = Cutter(backoffice.settings.database_url, interval=0.1).start()
    began, rounds = time.monotonic(), 0
    try:
        while engine.outbox.backlog() and time.monotonic() < began + 60:
            engine.run_once()
            rounds += 1
            time.sleep(0.01)
        drained = time.monotonic() - began
        for case in cases[:DECIDED]:  # the supervisor's requests are cut too: 503, then again
            try:
                supervisor.decide(case.id, "approve")
            except AssertionError as error:
                raise AssertionError(f"{error}; the back office logged: {_unexpected(backoffice)}") from None
        deadline = time.monotonic() + 30
        while engine.outbox.cursor() < DECIDED and time.monotonic() < deadline:
            engine.run_once()
            time.sleep(0.01)
    finally:
        cutter.stop()
        client.close()
        supervisor.close()
    held = assert_exactly_once(Holdings.read(backoffice.engine, backoffice.files_dir), store, cases)
    for case in cases[:DECIDED]:
        assert [t.to_state for t in store.get(case.id).transitions] == [
            CaseState.ACCEPTED, CaseState.SYNCED, CaseState.APPROVED]
    answers = backoffice.answers.summary()
    print(f"\n[PostgreSQL connection cuts] {cutter.cuts} cuts terminated {cutter.terminated} backends; "
          f"drain {drained:.1f} s in {rounds} rounds; back office answered {answers}; "
          f"client saw {dict(sorted(client.statuses.items()))}, "
          f"supervisor {dict(sorted(supervisor.statuses.items()))}; "
          f"holds {held} — each revision once")
    assert answers["500"] == 0 and client.statuses[500] == 0, _unexpected(backoffice)
    assert cutter.terminated > 0 and answers["503"] > 0  # the cuts did land on requests
