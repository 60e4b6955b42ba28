"""What every fault test ends with: the back office holds each case exactly once, files intact."""

from __future__ import annotations

import hashlib

from clerk_app.core.case import Case
from clerk_app.store.cases import CaseStore, case_payload
from clerk_app.store.schema import SyncState
from tests.sync.contract_server import ContractServer


def assert_exactly_once(server: ContractServer, store: CaseStore, cases: list[Case]) -> dict[str, int]:
    state = server.state
    assert state.created == len(cases) == len(state.revisions)
    for case in cases:
        digest, body = state.revisions[(case.id, case.revision)]
        assert body == case_payload(case) and hashlib.sha256(body).hexdigest() == digest
        assert store.sync_state(case.id) is SyncState.SYNCED
    scans = {s for case in cases for m in case.materials for s in m.scans}
    assert scans == set(state.files)
    assert all(hashlib.sha256(data).hexdigest() == digest for digest, data in state.files.items())
    return {"cases_on_server": len(state.revisions), "files_on_server": len(state.files),
            "first_time_stores": state.created, "harmless_replays": state.replays, "requests": state.requests}
