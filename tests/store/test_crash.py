"""A workstation killed right after 'accept': after restart the case is there, complete."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

from clerk_app.core.case import CaseState
from clerk_app.core.case_codec import case_from_dict
from clerk_app.store.cases import CaseStore
from clerk_app.store.engine import open_database, read

ROOT = Path(__file__).resolve().parents[2]


def test_case_survives_sigkill_right_after_accept(db_path: Path) -> None:
    process = subprocess.run(
        [sys.executable, "-m", "tests.store.workers", "crash", str(db_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )
    assert process.returncode == -signal.SIGKILL, process.stderr
    promised = case_from_dict(json.loads(process.stdout))  # what the receipt would have shown
    assert Path(f"{db_path}-wal").exists(), "the kill should leave the write-ahead log behind"

    engine = open_database(db_path)
    try:
        store = CaseStore(engine)
        assert store.get(promised.id) == promised
        assert store.by_number(promised.number) == promised
        assert promised.state is CaseState.ACCEPTED and promised.answers == {"居住事由": "工作"}
        with read(engine) as connection:
            steps = connection.exec_driver_sql(
                "SELECT from_state, to_state FROM case_transitions WHERE case_id = ?", (promised.id,)
            ).all()
        assert [tuple(s) for s in steps] == [("draft", "accepted")]
        assert store.allocate_number(promised.hall_code, promised.window_code, promised.created_at.date()) != (
            promised.number
        )
    finally:
        engine.dispose()
