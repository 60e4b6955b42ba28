"""Exactly once when the sync process is killed (SIGKILL) at random points, again and again."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from clerk_app.store.cases import CaseStore
from tests.sync.checks import assert_exactly_once
from tests.sync.contract_server import TOKEN, ContractServer
from tests.sync.samples import fill

ROOT = Path(__file__).resolve().parents[2]
KILLS = 10


def _start(store: CaseStore, files_dir: Path, url: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "tests.sync.sync_worker", str(store.engine.url.database), str(files_dir), url,
               TOKEN]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_sigkill_at_random_points(store: CaseStore, server: ContractServer, files_dir: Path) -> None:
    cases = fill(store, files_dir, 150)
    server.state.latency = 0.005  # committed, not yet answered: a window for the kill to land in
    rng, killed = random.Random(5), 0
    for _ in range(KILLS):
        worker = _start(store, files_dir, server.url)
        time.sleep(rng.uniform(0.4, 0.9))  # start-up takes ~0.4 s; then it is mid-drain
        if worker.poll() is None:
            os.kill(worker.pid, signal.SIGKILL)
            killed += 1
        worker.communicate(timeout=30)
    final = _start(store, files_dir, server.url)
    _out, err = final.communicate(timeout=90)
    assert final.returncode == 0, err.decode()
    counts = assert_exactly_once(server, store, cases)
    print(f"\nSIGKILL: {killed} of {KILLS} runs killed mid-drain; {counts}")
    assert killed >= KILLS // 2
