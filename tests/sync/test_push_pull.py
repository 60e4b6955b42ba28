"""Push and pull over real HTTP against the real back office (SQLite), decisions made through its API."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

from clerk_app.core.case import CaseState
from clerk_app.store.cases import CaseStore, case_payload
from clerk_app.store.schema import OutboxState, SyncState
from clerk_app.sync.client import BackOfficeClient, OutcomeKind, classify
from clerk_app.sync.engine import SyncEngine
from tests.sync.checks import Holdings
from tests.sync.real_backoffice import CLERK, PASSWORD, RealBackOffice, Supervisor
from tests.sync.samples import fill, scanned_case


def _held(backoffice: RealBackOffice) -> Holdings:
    return Holdings.read(backoffice.engine, backoffice.files_dir)


def test_client_outcomes_per_status(backoffice: RealBackOffice, client: BackOfficeClient) -> None:
    rejected = client.put_case("01JDOESNOTEXIST0000000000A", 1, b'{"not": "a case"}')
    assert rejected.kind is OutcomeKind.REJECTED and rejected.status == 422 and rejected.reasons
    assert BackOfficeClient(backoffice.url, token="wrong").changes(0).kind is OutcomeKind.UNAUTHORISED
    assert BackOfficeClient("http://127.0.0.1:9", timeout=(0.5, 0.5)).health().kind is OutcomeKind.RETRYABLE
    assert classify(503, {}).kind is OutcomeKind.RETRYABLE
    assert client.health().body == {"status": "ok", "database": "sqlite"}
    fresh = BackOfficeClient(backoffice.url)
    assert fresh.sign_in(CLERK, PASSWORD).ok and fresh.token and fresh.token != backoffice.tokens[CLERK]
    assert fresh.changes(0).ok
    assert fresh.sign_in(CLERK, "wrong password").kind is OutcomeKind.UNAUTHORISED


def test_files_then_case_then_synced(store: CaseStore, engine: SyncEngine, backoffice: RealBackOffice,
                                     files_dir: Path) -> None:
    cases = fill(store, files_dir, 3)
    summary = engine.run_once()
    assert (summary.pushed, summary.backlog, summary.online) == (3, 0, True)
    held = _held(backoffice)
    for case in cases:
        body, _digest = held.revisions[(case.id, 1)]
        assert body == case_payload(case)
        assert all(s in held.file_rows and held.files_on_disk[s] == s for m in case.materials for s in m.scans)
        assert store.sync_state(case.id) is SyncState.SYNCED
        assert store.get(case.id).state is CaseState.SYNCED
    assert engine.run_once().pushed == 0


def test_replay_after_lost_bookkeeping_is_harmless(store: CaseStore, engine: SyncEngine,
                                                    backoffice: RealBackOffice, files_dir: Path) -> None:
    [case] = fill(store, files_dir, 1)
    [item] = engine.outbox.due()
    for digest in case.materials[0].scans:  # as if the process died after sending, before recording
        assert engine.client.put_file(digest, (files_dir / f"{digest}.pdf").read_bytes()).kind is OutcomeKind.OK
    assert engine.client.put_case(item.case_id, item.revision, item.payload).kind is OutcomeKind.OK
    summary = engine.run_once()
    assert (summary.pushed, summary.replayed) == (0, 1)
    held = _held(backoffice)
    assert held.revisions[(case.id, 1)][0] == item.payload and held.submissions[(case.id, 1)] == 1
    assert store.sync_state(case.id) is SyncState.SYNCED


def test_conflict_and_quarantine_are_listed_and_retried(store: CaseStore, engine: SyncEngine,
                                                         backoffice: RealBackOffice, supervisor: Supervisor,
                                                         files_dir: Path) -> None:
    clash, missing = fill(store, files_dir, 2)
    # The window amends an accepted case after sending it, before the back office asked for a
    # correction: the back office refuses the new revision (409) and the row is listed.
    amended = store.save(replace(clash, answers={"备注": "补录联系电话"}))
    scan = missing.materials[0].scans[0]
    moved_away = (files_dir / f"{scan}.pdf").rename(files_dir / "elsewhere.pdf")
    first = engine.run_once()
    assert (first.pushed, first.quarantined) == (1, 1)
    assert engine.run_once().conflicts == 1
    problems = {p.case_id: p for p in engine.outbox.problems()}
    assert problems[clash.id].state is OutboxState.CONFLICT and problems[clash.id].revision == amended.revision
    assert "correction_requested" in problems[clash.id].last_error
    assert problems[missing.id].state is OutboxState.QUARANTINED and "缺失" in problems[missing.id].last_error
    assert store.sync_state(missing.id) is SyncState.QUARANTINED
    assert store.sync_state(clash.id) is SyncState.CONFLICT
    # The back office returns the case for correction; the clerk retries: now it is accepted.
    supervisor.decide(clash.id, "correction", corrections=("补录联系电话",))
    engine.outbox.retry(problems[clash.id].id)
    assert store.sync_state(clash.id) is SyncState.PENDING
    assert engine.run_once().pushed == 1 and store.sync_state(clash.id) is SyncState.SYNCED
    assert _held(backoffice).revisions[(clash.id, amended.revision)][0] == case_payload(amended)
    # The scan is found again; retrying the quarantined row sends it.
    moved_away.rename(files_dir / f"{scan}.pdf")
    engine.outbox.retry(problems[missing.id].id)
    assert engine.run_once().pushed == 1 and store.sync_state(missing.id) is SyncState.SYNCED
    assert engine.outbox.problems() == []


def test_server_rejection_quarantines_with_reasons(store: CaseStore, engine: SyncEngine, files_dir: Path) -> None:
    case = store.save(scanned_case(files_dir, 1, random.Random(1)))
    other_hall = json.loads(case_payload(case)) | {"hall_code": "BT02"}
    with store.engine.begin() as connection:  # a payload the back office cannot accept
        connection.exec_driver_sql("UPDATE outbox SET payload = ? WHERE case_id = ?",
                                   (json.dumps(other_hall).encode(), case.id))
    assert engine.run_once().quarantined == 1
    [problem] = engine.outbox.problems()
    assert "hall_code" in problem.last_error and "BT02" in problem.last_error
    assert store.sync_state(case.id) is SyncState.QUARANTINED


def test_offline_keeps_the_backlog(store: CaseStore, files_dir: Path) -> None:
    fill(store, files_dir, 2)
    offline = SyncEngine(store, BackOfficeClient("http://127.0.0.1:9", timeout=(0.3, 0.3)), files_dir)
    summary = offline.run_once()
    assert (summary.online, summary.backlog, summary.pushed) == (False, 2, 0)


def test_unauthorised_asks_to_sign_in(store: CaseStore, backoffice: RealBackOffice, files_dir: Path) -> None:
    fill(store, files_dir, 1)
    signed_out = SyncEngine(store, BackOfficeClient(backoffice.url), files_dir)
    summary = signed_out.run_once()
    assert summary.needs_sign_in and summary.backlog == 1
    assert signed_out.client.sign_in(CLERK, PASSWORD).ok
    assert signed_out.run_once().pushed == 1


def test_pull_applies_decisions_and_advances_the_cursor(store: CaseStore, engine: SyncEngine,
                                                         backoffice: RealBackOffice, supervisor: Supervisor,
                                                         files_dir: Path) -> None:
    first, second, third = fill(store, files_dir, 3)
    engine.run_once()
    supervisor.decide(first.id, "approve")
    supervisor.decide(second.id, "correction", corrections=("补充户口簿",))
    supervisor.decide(third.id, "deny", reason="不符合条件")
    # a case of another window of the hall, which this workstation does not hold
    other = scanned_case(files_dir, 99, random.Random(9), pages=0)
    assert engine.client.put_case(other.id, 1, case_payload(other)).kind is OutcomeKind.OK
    supervisor.decide(other.id, "approve")
    summary = engine.run_once()
    assert summary.pulled == 3 and engine.outbox.cursor() == 4
    assert store.get(first.id).state is CaseState.APPROVED
    returned = store.get(second.id)
    assert returned.state is CaseState.CORRECTION_REQUESTED and returned.transitions[-1].note == "补充户口簿"
    assert returned.transitions[-1].actor == "police-sup"
    assert store.get(third.id).transitions[-1].note == "不符合条件"
    assert engine.run_once().pulled == 0  # nothing twice


def test_resubmission_after_correction_is_accepted(store: CaseStore, engine: SyncEngine,
                                                   backoffice: RealBackOffice, supervisor: Supervisor,
                                                   files_dir: Path) -> None:
    [case] = fill(store, files_dir, 1)
    engine.run_once()
    supervisor.decide(case.id, "correction", corrections=("补充户口簿",))
    assert engine.run_once().pulled == 1
    returned = store.get(case.id)
    assert returned.state is CaseState.CORRECTION_REQUESTED
    resubmitted = store.save(returned.moved(CaseState.ACCEPTED, at=returned.transitions[-1].at, actor="demo"))
    summary = engine.run_once()
    assert summary.pushed == 1, [p.last_error for p in engine.outbox.problems()]
    body, _digest = _held(backoffice).revisions[(case.id, resubmitted.revision)]
    assert json.loads(body)["state"] == "accepted"
    assert supervisor.call("GET", f"/cases/{case.id}").json()["state"] == "synced"
    assert store.get(case.id).state is CaseState.SYNCED


def test_stale_copy_in_the_ui_is_refused_not_lost(store: CaseStore, engine: SyncEngine, files_dir: Path) -> None:
    [case] = fill(store, files_dir, 1)
    engine.run_once()
    stored = store.get(case.id)
    assert stored.revision == case.revision + 1 and stored.state is CaseState.SYNCED
    assert replace(stored, answers={"x": 1}).revision == stored.revision
