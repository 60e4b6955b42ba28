"""Exactly once through a network that drops, delays, resets and loses replies after the commit.

The fault proxy sits between the workstation's sync engine and the real back office (SQLite and
PostgreSQL). Decisions are made by a supervisor through the API (not through the proxy); the
workstation pulls them back through the faulty network, each applied once.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from clerk_app.core.case import CaseState
from clerk_app.store.cases import CaseStore
from clerk_app.sync.backoff import Backoff
from clerk_app.sync.client import BackOfficeClient
from clerk_app.sync.engine import SyncEngine
from tests.sync.checks import Holdings, assert_exactly_once
from tests.sync.fault_proxy import FaultProxy, Faults
from tests.sync.real_backoffice import CLERK, RealBackOffice
from tests.sync.samples import fill

FAULTS = Faults(delay=0.03, max_delay=0.4, drop=0.05, reset=0.02, lost_reply=0.08)
CASES, DECIDED = 40, 15
# Small batches, so the faults land on many requests of each kind; one by one is how the engine
# talks to a back office without the batch routes.
SENDING = {"batched": {"case_batch": 5, "file_batch": 4}, "one_by_one": {"case_batch": 1, "file_batch": 1}}
# batches are fewer, larger requests: more faults per chunk so each kind lands
BATCHED_FAULTS = Faults(delay=0.03, max_delay=0.4, drop=0.08, reset=0.06, lost_reply=0.1)
DECISIONS = {"approve": CaseState.APPROVED, "deny": CaseState.DENIED, "correction": CaseState.CORRECTION_REQUESTED}


def _drain(engine: SyncEngine, deadline: float) -> int:
    rounds = 0
    while engine.outbox.backlog() and time.monotonic() < deadline:
        engine.run_once()
        rounds += 1
        time.sleep(0.01)
    return rounds


@pytest.mark.parametrize("sending", list(SENDING))
def test_push_and_pull_through_a_faulty_network(any_backoffice: RealBackOffice, store: CaseStore,
                                                files_dir: Path, sending: str) -> None:
    backoffice = any_backoffice
    database = backoffice.engine.dialect.name
    cases = fill(store, files_dir, CASES)
    proxy = FaultProxy(backoffice.port, BATCHED_FAULTS if sending == "batched" else FAULTS, seed=11)
    # a read timeout of 0.3 s: some delays outlast it, the back office commits, the client tries again
    client = BackOfficeClient(proxy.url, token=backoffice.tokens[CLERK], timeout=(1.0, 0.3))
    engine = SyncEngine(store, client, files_dir, backoff=Backoff(base=0.01, cap=0.05), **SENDING[sending])
    supervisor = backoffice.supervisor()
    try:
        began = time.monotonic()
        rounds = _drain(engine, began + 60)
        drained = time.monotonic() - began
        assert engine.outbox.backlog() == 0, engine.outbox.problems()
        held = assert_exactly_once(Holdings.read(backoffice.engine, backoffice.files_dir), store, cases)
        kinds = list(DECISIONS)
        decided = {case.id: kinds[i % len(kinds)] for i, case in enumerate(cases[:DECIDED])}
        for case_id, kind in decided.items():
            supervisor.decide(case_id, kind, reason="不符合条件" if kind == "deny" else "",
                              corrections=("补充户口簿首页",) if kind == "correction" else ())
        deadline, pull_rounds = time.monotonic() + 30, 0
        while engine.outbox.cursor() < DECIDED and time.monotonic() < deadline:
            engine.run_once()
            pull_rounds += 1
        for case_id, kind in decided.items():
            local = store.get(case_id)
            assert local.state is DECISIONS[kind]
            # accepted at the window, synced, decided: each step once, however often a page came twice
            assert [t.to_state for t in local.transitions] == [CaseState.ACCEPTED, CaseState.SYNCED, DECISIONS[kind]]
        assert all(store.get(c.id).state is CaseState.SYNCED for c in cases[DECIDED:])
    finally:
        client.close()
        proxy.stop()
        supervisor.close()
    answers = backoffice.answers.summary()
    print(f"\n[fault proxy, {database}, {sending}] faults {dict(proxy.counts)}; "
          f"push rounds {rounds} ({drained:.1f} s), pull rounds {pull_rounds}; back office answered {answers}; "
          f"holds {held} — each revision once")
    assert proxy.counts["lost_replies"] > 0 and proxy.counts["drops"] > 0 and proxy.counts["resets"] > 0
    assert answers["500"] == 0, backoffice.logged
