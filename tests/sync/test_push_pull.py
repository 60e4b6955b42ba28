"""Push and pull over real HTTP against a back office that follows the contract."""

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
from tests.sync.contract_server import ContractServer
from tests.sync.samples import fill, scanned_case


def test_client_outcomes_per_status(server: ContractServer, client: BackOfficeClient) -> None:
    payload = b'{"not": "a case"}'
    rejected = client.put_case("01JDOESNOTEXIST0000000000A", 1, payload)
    assert rejected.kind is OutcomeKind.REJECTED and "id does not match the path" in rejected.reasons
    assert BackOfficeClient(server.url, token="wrong").changes(0).kind is OutcomeKind.UNAUTHORISED
    assert BackOfficeClient("http://127.0.0.1:9", timeout=(0.5, 0.5)).health().kind is OutcomeKind.RETRYABLE
    assert classify(503, {}).kind is OutcomeKind.RETRYABLE
    assert client.sign_in("demo", "secret").ok and client.token == server.token


def test_files_then_case_then_synced(store: CaseStore, engine: SyncEngine, server: ContractServer,
                                     files_dir: Path) -> None:
    cases = fill(store, files_dir, 3)
    summary = engine.run_once()
    assert (summary.pushed, summary.backlog, summary.online) == (3, 0, True)
    for case in cases:
        _digest, body = server.state.revisions[(case.id, 1)]
        assert body == case_payload(case)
        assert all(s in server.state.files for m in case.materials for s in m.scans)
        assert store.sync_state(case.id) is SyncState.SYNCED
        assert store.get(case.id).state is CaseState.SYNCED
    assert engine.run_once().pushed == 0


def test_replay_after_lost_bookkeeping_is_harmless(store: CaseStore, engine: SyncEngine,
                                                    server: ContractServer, files_dir: Path) -> None:
    [case] = fill(store, files_dir, 1)
    [item] = engine.outbox.due()
    assert engine.client.put_case(item.case_id, item.revision, item.payload).kind is OutcomeKind.OK
    summary = engine.run_once()  # as after a crash before the answer was recorded
    assert (summary.pushed, summary.replayed) == (0, 1)
    assert len(server.state.revisions) == 1 and store.sync_state(case.id) is SyncState.SYNCED


def test_conflict_and_quarantine_are_listed_and_retried(store: CaseStore, engine: SyncEngine,
                                                         server: ContractServer, files_dir: Path) -> None:
    clash, missing = fill(store, files_dir, 2)
    server.state.revisions[(clash.id, 1)] = ("0" * 64, b"{}")
    (files_dir / f"{missing.materials[0].scans[0]}.pdf").unlink()
    summary = engine.run_once()
    assert (summary.conflicts, summary.quarantined) == (1, 1)
    problems = {p.case_id: p for p in engine.outbox.problems()}
    assert problems[clash.id].state is OutboxState.CONFLICT
    assert "缺失" in problems[missing.id].last_error
    assert store.sync_state(missing.id) is SyncState.QUARANTINED
    del server.state.revisions[(clash.id, 1)]
    engine.outbox.retry(problems[clash.id].id)
    assert store.sync_state(clash.id) is SyncState.PENDING
    assert engine.run_once().pushed == 1 and store.sync_state(clash.id) is SyncState.SYNCED


def test_server_rejection_quarantines_with_reasons(store: CaseStore, engine: SyncEngine, files_dir: Path) -> None:
    case = store.save(scanned_case(files_dir, 1, random.Random(1)))
    with store.engine.begin() as connection:  # a payload the back office cannot accept
        connection.exec_driver_sql("UPDATE outbox SET payload = ? WHERE case_id = ?", (b"{}", case.id))
    assert engine.run_once().quarantined == 1
    [problem] = engine.outbox.problems()
    assert "id does not match the path" in problem.last_error


def test_offline_keeps_the_backlog(store: CaseStore, files_dir: Path) -> None:
    fill(store, files_dir, 2)
    offline = SyncEngine(store, BackOfficeClient("http://127.0.0.1:9", timeout=(0.3, 0.3)), files_dir)
    summary = offline.run_once()
    assert (summary.online, summary.backlog, summary.pushed) == (False, 2, 0)


def test_unauthorised_asks_to_sign_in(store: CaseStore, server: ContractServer, files_dir: Path) -> None:
    fill(store, files_dir, 1)
    signed_out = SyncEngine(store, BackOfficeClient(server.url), files_dir)
    summary = signed_out.run_once()
    assert summary.needs_sign_in and summary.backlog == 1
    assert signed_out.client.sign_in("demo", "secret").ok
    assert signed_out.run_once().pushed == 1


def test_pull_applies_decisions_and_advances_the_cursor(store: CaseStore, engine: SyncEngine,
                                                         server: ContractServer, files_dir: Path) -> None:
    first, second, third = fill(store, files_dir, 3)
    engine.run_once()
    server.state.decide(first.id, "approved", {"kind": "approve"})
    server.state.decide(second.id, "correction_requested", {"kind": "correction", "corrections": ["补充户口簿"]})
    server.state.decide(third.id, "denied", {"kind": "deny", "reason": "不符合条件"})
    server.state.changes.append({"cursor": 4, "case_id": "01JOTHERWINDOWCASE00000000", "state": "approved",
                                 "revision": 1, "at": "2026-11-23T10:00:00+08:00", "decision": None})
    summary = engine.run_once()
    assert summary.pulled == 3 and engine.outbox.cursor() == 4
    assert store.get(first.id).state is CaseState.APPROVED
    returned = store.get(second.id)
    assert returned.state is CaseState.CORRECTION_REQUESTED and returned.transitions[-1].note == "补充户口簿"
    assert store.get(third.id).transitions[-1].note == "不符合条件"
    assert engine.run_once().pulled == 0  # nothing twice
    resubmitted = store.save(returned.moved(CaseState.ACCEPTED, at=returned.transitions[-1].at, actor="demo"))
    assert engine.run_once().pushed == 1
    assert json.loads(server.state.revisions[(second.id, resubmitted.revision)][1])["state"] == "accepted"


def test_stale_copy_in_the_ui_is_refused_not_lost(store: CaseStore, engine: SyncEngine, files_dir: Path) -> None:
    [case] = fill(store, files_dir, 1)
    engine.run_once()
    stored = store.get(case.id)
    assert stored.revision == case.revision + 1 and stored.state is CaseState.SYNCED
    assert replace(stored, answers={"x": 1}).revision == stored.revision
