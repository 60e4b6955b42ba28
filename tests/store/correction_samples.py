"""Cases the back office returned for correction, and tolerance-accepted ones, saved as sync leaves them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from clerk_app.core.case import Case, CaseState, Decision, DecisionKind, MaterialReceipt
from clerk_app.store.cases import CaseStore
from tests.store.sample import accepted, draft

NOTE = "补充租赁合同原件；经营场所地址写到门牌号"


def returned(store: CaseStore, number: str = "BT01-W07-20261123-0001") -> Case:
    """Accepted (revision 1, queued), then returned: sync saves both steps at once (revision 2)."""
    case = store.save(accepted(number))
    at = case.created_at + timedelta(days=1)
    case = case.moved(CaseState.SYNCED, at=at, actor="backoffice")
    return store.save(case.moved(CaseState.CORRECTION_REQUESTED, at=at, actor="police-sup", note=NOTE))


def corrected(case: Case) -> Case:
    """The clerk's corrected copy: a phone fixed, the case accepted again."""
    fixed = replace(case, answers={**case.answers, "备注": "已补正"},
                    applicant=replace(case.applicant, phone="13900139000"))
    return fixed.moved(CaseState.ACCEPTED, at=case.created_at + timedelta(days=2), actor="demo", note="补正后重新提交")


def tolerance(number: str, due: date = date(2026, 11, 30)) -> Case:
    """Accepted with tolerance: the lease contract promised by `due`."""
    case = draft(number)
    materials = (
        MaterialReceipt("id_card", "身份证", "必要", True, received=True, form="复印件", copies=1),
        MaterialReceipt("lease_contract", "房屋租赁合同", "容缺", True, tolerated=True, due=due),
    )
    decision = Decision(DecisionKind.TOLERANCE_ACCEPT, "demo", "演示窗口人员", case.created_at + timedelta(minutes=7),
                        promise_due=due, promised_date=date(2026, 12, 4))
    return replace(case, materials=materials).decided(decision)
