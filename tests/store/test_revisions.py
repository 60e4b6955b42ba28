"""The resubmission after correction: a new revision and its outbox row, in one transaction, or nothing."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert

from clerk_app.core.case import CaseState
from clerk_app.core.case_codec import case_from_dict
from clerk_app.core.correction import CorrectionError
from clerk_app.store.cases import OUTBOX, CaseStore
from clerk_app.store.engine import open_database, write
from clerk_app.store.errors import CaseNotFoundError, StaleCaseError
from clerk_app.store.revisions import queued_revisions, resubmit
from clerk_app.store.schema import SyncState
from tests.store.correction_samples import corrected, returned

ROOT = Path(__file__).resolve().parents[2]


def test_resubmission_is_the_next_revision_queued_with_it(cases: CaseStore, engine: Engine) -> None:
    back = returned(cases)
    assert (back.revision, queued_revisions(engine, back.id)) == (2, [(1, "pending")])  # the return is not sent
    cases.set_sync_state(back.id, SyncState.SYNCED)
    saved = resubmit(cases, corrected(back))
    assert (saved.state, saved.revision) == (CaseState.ACCEPTED, 3)
    assert queued_revisions(engine, back.id) == [(1, "pending"), (3, "pending")]
    assert cases.get(back.id) == saved and cases.sync_state(back.id) is SyncState.PENDING
    with pytest.raises(CorrectionError, match="已受理"):  # resubmitted once: not again
        resubmit(cases, corrected(back))


def test_a_stale_copy_or_an_unknown_case_writes_nothing(cases: CaseStore, engine: Engine) -> None:
    back = returned(cases)
    old_copy = corrected(back)
    cases.save(replace(back, answers={"备注": "另一屏幕的修改"}))  # revision 3 meanwhile
    with pytest.raises(StaleCaseError):
        resubmit(cases, old_copy)
    assert cases.get(back.id).state is CaseState.CORRECTION_REQUESTED
    assert queued_revisions(engine, back.id) == [(1, "pending")]
    with pytest.raises(CaseNotFoundError):
        resubmit(cases, replace(old_copy, id="01JUNKNOWN"))


def test_the_case_and_its_outbox_row_commit_together(cases: CaseStore, engine: Engine) -> None:
    back = returned(cases)
    with write(engine) as connection:  # a row already holds revision 3: the queueing must fail
        connection.execute(insert(OUTBOX).values(
            case_id=back.id, revision=3, payload=b"{}", sha256="0" * 64, state="pending", attempts=0, last_error="",
            created_at=back.created_at, updated_at=back.created_at))
    with pytest.raises(Exception) as raised:  # the driver's integrity error, whatever its class
        resubmit(cases, corrected(back))
    assert "UNIQUE" in str(raised.value).upper()
    stored = cases.get(back.id)
    assert (stored.state, stored.revision) == (CaseState.CORRECTION_REQUESTED, 2)  # the case rolled back too


def test_a_workstation_killed_right_after_resubmitting_keeps_it_queued(db_path: Path) -> None:
    process = subprocess.run([sys.executable, "-m", "tests.store.resubmit_worker", str(db_path)], cwd=ROOT,
                             capture_output=True, text=True, timeout=60, check=False)
    assert process.returncode == -signal.SIGKILL, process.stderr
    promised = case_from_dict(json.loads(process.stdout))
    engine = open_database(db_path)
    try:
        assert CaseStore(engine).get(promised.id) == promised and promised.revision == 3
        assert queued_revisions(engine, promised.id) == [(1, "pending"), (3, "pending")]
    finally:
        engine.dispose()
