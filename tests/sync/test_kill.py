"""Exactly once when the workstation's sync process is killed (SIGKILL) at random points, again and again."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from clerk_app.store.cases import CaseStore
from clerk_app.store.schema import OutboxRow, OutboxState
from clerk_app.sync.outbox import Outbox
from tests.sync.checks import Holdings, assert_exactly_once
from tests.sync.real_backoffice import CLERK, ROOT, RealBackOffice
from tests.sync.samples import fill

KILLS = 4
OUTBOX = OutboxRow.__table__


def _start(store: CaseStore, files_dir: Path, url: str, token: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "tests.sync.sync_worker", str(store.engine.url.database), str(files_dir), url,
               token]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _sent(store: CaseStore) -> int:
    with store.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(OUTBOX)
                                  .where(OUTBOX.c.state == OutboxState.SENT.value)).scalar_one()


def test_sigkill_of_the_sync_process_at_random_points(store: CaseStore, backoffice: RealBackOffice,
                                                      files_dir: Path) -> None:
    cases = fill(store, files_dir, 60)
    token, outbox = backoffice.tokens[CLERK], Outbox(store.engine)
    rng, killed, mid_drain, started = random.Random(5), 0, 0, time.monotonic()
    for _ in range(KILLS):
        before = _sent(store)
        worker = _start(store, files_dir, backoffice.url, token)
        deadline = time.monotonic() + 20
        while worker.poll() is None and _sent(store) == before and time.monotonic() < deadline:
            time.sleep(0.005)  # until it has recorded a first answer: it is draining now
        time.sleep(rng.uniform(0.0, 0.25))
        if worker.poll() is None:
            mid_drain += outbox.backlog() > 0
            os.kill(worker.pid, signal.SIGKILL)
            killed += 1
        worker.communicate(timeout=30)
    sent_before_last_run, final_began = _sent(store), time.monotonic()
    final = _start(store, files_dir, backoffice.url, token)
    _out, err = final.communicate(timeout=90)
    assert final.returncode == 0, err.decode()
    held = assert_exactly_once(Holdings.read(backoffice.engine, backoffice.files_dir), store, cases)
    answers = backoffice.answers.summary()
    print(f"\n[SIGKILL of the sync process, sqlite] {killed} of {KILLS} runs killed, {mid_drain} mid-drain, after "
          f"recording {sent_before_last_run} of {len(cases)} ({time.monotonic() - started:.1f} s, the last run "
          f"{time.monotonic() - final_began:.1f} s); back office answered {answers}; holds {held} — each revision once")
    assert mid_drain >= KILLS - 1
    assert answers["500"] == 0, backoffice.logged
