"""SIGKILL right after 受理: after a restart the case is there, complete."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from clerk_app.config.settings import SecuritySettings
from clerk_app.core.case import CaseState
from clerk_app.core.case_codec import case_from_dict
from clerk_app.store.at_rest import open_folder
from clerk_app.store.cases import CaseStore

ROOT = Path(__file__).resolve().parents[2]


def test_case_survives_sigkill_right_after_accept(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.kill_after_accept", str(tmp_path)],
        capture_output=True, text=True, timeout=120, env=env, cwd=ROOT,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    printed = case_from_dict(json.loads(done.stdout.strip().splitlines()[-1]))
    assert printed.state is CaseState.ACCEPTED
    store = CaseStore(open_folder(tmp_path / "workstation.sqlite3", SecuritySettings()).engine)  # its key
    assert store.get(printed.id) == printed
    assert store.by_number(printed.number) == printed
    assert [row.number for row in store.list_cases()] == [printed.number]
    assert store.allocate_number("BT01", "W07", printed.created_at.date()) != printed.number
