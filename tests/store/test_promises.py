"""容缺 promises in the store: which cases have them open; supplying one closes it, kept local (not queued)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine

from clerk_app.core.case import CaseState
from clerk_app.core.tolerance import ToleranceError, open_promises
from clerk_app.store.audit import AuditLog
from clerk_app.store.cases import CaseStore
from clerk_app.store.promises import promised_cases, supply
from clerk_app.store.revisions import queued_revisions
from tests.store.correction_samples import tolerance
from tests.store.sample import CST, accepted

AT = datetime(2026, 11, 27, 10, 0, tzinfo=CST)


def moved(cases: CaseStore, case, *states: CaseState):
    """Saved as decided at the window (revision 1, queued), then the later steps saved at once, as sync does."""
    case = cases.save(case)
    for state in states:
        case = case.moved(state, at=case.created_at + timedelta(days=1), actor="backoffice")
    return cases.save(case)


def test_only_tolerance_cases_with_an_open_promise_are_listed(cases: CaseStore) -> None:
    waiting = cases.save(tolerance("BT01-W07-20261123-0001"))
    approved = moved(cases, tolerance("BT01-W07-20261123-0002"), CaseState.SYNCED, CaseState.APPROVED)
    cases.save(accepted("BT01-W07-20261123-0003"))  # no promise at all
    done = tolerance("BT01-W07-20261123-0004")
    lease = replace(done.materials[1], received=True)  # supplied at once
    cases.save(replace(done, materials=(done.materials[0], lease)))
    assert [c.number for c in promised_cases(cases)] == [waiting.number, approved.number]


def test_supplying_closes_the_promise_and_queues_nothing_more(cases: CaseStore, engine: Engine) -> None:
    case = cases.save(tolerance("BT01-W07-20261123-0001"))
    result = supply(cases, case.id, "lease_contract", at=AT, by="demo", form="原件", copies=1, scans=("ab" * 32,))
    saved = result.case
    assert saved.revision == 2 and not open_promises(saved) and promised_cases(cases) == []
    lease = saved.materials[1]
    assert (lease.tolerated, lease.received, lease.form, lease.scans) == (True, True, "原件", ("ab" * 32,))
    assert queued_revisions(engine, case.id) == [(1, "pending")]
    assert (result.record.late, result.record.by) == (False, "demo")
    [entry] = [e for e in AuditLog(engine).entries() if e.action == "tolerance_supplied"]
    assert entry.subject == case.id and entry.detail["material"] == "lease_contract" and entry.detail["revision"] == 2
    with pytest.raises(ToleranceError, match="已经补齐"):
        supply(cases, case.id, "lease_contract", at=AT, by="demo")
    assert queued_revisions(engine, case.id) == [(1, "pending")]


def test_after_the_back_office_decided_nothing_is_queued_either(cases: CaseStore, engine: Engine) -> None:
    case = moved(cases, tolerance("BT01-W07-20261123-0001"), CaseState.SYNCED, CaseState.APPROVED)
    saved = supply(cases, case.id, "lease_contract", at=AT + timedelta(days=5), by="demo").case
    assert saved.state is CaseState.APPROVED and saved.revision == 3
    # a queued revision would be refused (409) and would hold back decisions still to be pulled
    assert queued_revisions(engine, case.id) == [(1, "pending")]


def test_during_a_correction_the_resubmission_carries_the_material(cases: CaseStore, engine: Engine) -> None:
    case = moved(cases, tolerance("BT01-W07-20261123-0001"), CaseState.SYNCED, CaseState.CORRECTION_REQUESTED)
    saved = supply(cases, case.id, "lease_contract", at=AT, by="demo").case
    assert saved.state is CaseState.CORRECTION_REQUESTED and not open_promises(saved)
    assert queued_revisions(engine, case.id) == [(1, "pending")]


def test_a_handed_out_case_takes_no_material(cases: CaseStore, engine: Engine) -> None:
    case = moved(cases, tolerance("BT01-W07-20261123-0001"), CaseState.SYNCED, CaseState.DENIED,
                 CaseState.HANDED_OUT)
    with pytest.raises(ToleranceError, match="已出件"):
        supply(cases, case.id, "lease_contract", at=AT, by="demo")
    assert cases.get(case.id).revision == case.revision
