"""Exactly once through a network that drops, delays, resets and loses replies after the commit."""

from __future__ import annotations

import time
from pathlib import Path

from clerk_app.core.case import CaseState
from clerk_app.store.cases import CaseStore
from clerk_app.sync.backoff import Backoff
from clerk_app.sync.client import BackOfficeClient
from clerk_app.sync.engine import SyncEngine
from tests.sync.checks import assert_exactly_once
from tests.sync.contract_server import TOKEN, ContractServer
from tests.sync.fault_proxy import FaultProxy, Faults
from tests.sync.samples import fill

FAULTS = Faults(delay=0.05, max_delay=0.4, drop=0.04, reset=0.02, lost_reply=0.08)


def _drain(engine: SyncEngine, deadline: float) -> int:
    rounds = 0
    while engine.outbox.backlog() and time.monotonic() < deadline:
        engine.run_once()
        rounds += 1
        time.sleep(0.01)
    return rounds


def test_push_and_pull_through_a_faulty_network(store: CaseStore, server: ContractServer, files_dir: Path) -> None:
    cases = fill(store, files_dir, 60)
    proxy = FaultProxy(int(server.url.rsplit(":", 1)[1]), FAULTS, seed=11)
    client = BackOfficeClient(proxy.url, token=TOKEN, timeout=(1.0, 0.25))
    engine = SyncEngine(store, client, files_dir, backoff=Backoff(base=0.01, cap=0.05))
    try:
        rounds = _drain(engine, time.monotonic() + 60)
        assert engine.outbox.backlog() == 0 and engine.outbox.problems() == []
        counts = assert_exactly_once(server, store, cases)  # the revisions as queued, byte for byte
        for case in cases[:20]:
            server.state.decide(case.id, "approved", {"kind": "approve"})
        deadline = time.monotonic() + 30
        while engine.outbox.cursor() < 20 and time.monotonic() < deadline:
            engine.run_once()
        approved = [store.get(c.id) for c in cases[:20]]
        assert all(c.state is CaseState.APPROVED for c in approved)
        assert all(len(c.transitions) == 3 for c in approved)  # accepted, synced, approved: once each
    finally:
        client.close()
        proxy.stop()
    print(f"\nfault proxy: {dict(proxy.counts)}; sync rounds: {rounds}; {counts}")
    assert proxy.counts["lost_replies"] > 0 and proxy.counts["drops"] > 0 and proxy.counts["resets"] > 0

