"""补正: the corrections asked for, a returned case reopened as a checklist, and resubmitted as accepted."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from clerk_app.catalogue.loader import load_default_catalogue
from clerk_app.core.case import CaseState, DecisionKind
from clerk_app.core.correction import (
    RESUBMIT_NOTE,
    CorrectionError,
    corrections_asked,
    material_states,
    resubmitted,
)
from clerk_app.core.decide import DecisionInput, IntakeDraft, Stamp, decide_case
from clerk_app.core.formspec import FormSpec
from clerk_app.core.hall import HallInfo
from clerk_app.core.intake import MaterialState
from clerk_app.core.tolerance import open_promises

CODE = "150200-SCJG-XK-0012-01"  # 个体工商户设立登记: the lease contract is a 容缺 material
CST = timezone(timedelta(hours=8))
ACCEPTED_AT = datetime(2026, 11, 23, 9, 30, tzinfo=CST)
RETURNED_AT = ACCEPTED_AT + timedelta(days=1)
RESUBMITTED_AT = ACCEPTED_AT + timedelta(days=2)
ANSWERS = {
    "agent": "本人办理", "premises": "租赁房产", "applicant_name": "张三", "applicant_id_number": "11010519491231002X",
    "applicant_phone": "13800138000", "business_address": "包头市昆都仑区钢铁大街12号", "business_form": "个人经营",
    "business_scope": ["日用百货"], "capital": "50000", "staff_count": "2",
}


@pytest.fixture(scope="module")
def form() -> FormSpec:
    return load_default_catalogue().catalogue.form(CODE)


def received(form: FormSpec, *missing: str) -> dict[str, MaterialState]:
    env = {**ANSWERS, "applicant_kind": "自然人"}
    return {m.material.key: MaterialState(received=m.material.key not in missing, scans=(f"{m.material.key}1",))
            for m in form.active_materials(env)}


def returned(form: FormSpec, decision: DecisionInput, materials: dict[str, MaterialState], note: str):
    hall = HallInfo(code="BT01", name="包头市政务服务中心", window_code="W07")
    stamp = Stamp("01JCORRECTION0000000000000", "BT01-W07-20261123-0001", hall, "demo", "演示窗口人员", ACCEPTED_AT,
                  date(2026, 12, 4))
    case = decide_case(IntakeDraft(form, ANSWERS, materials, "自然人"), decision, stamp)
    case = case.moved(CaseState.SYNCED, at=RETURNED_AT, actor="backoffice")
    return case.moved(CaseState.CORRECTION_REQUESTED, at=RETURNED_AT, actor="police-sup", note=note)


def test_the_corrections_are_read_from_the_step_that_returned_the_case(form: FormSpec) -> None:
    case = returned(form, DecisionInput(DecisionKind.ACCEPT), received(form),
                    "材料不清晰；补充租赁合同原件；经营场所地址写到门牌号")
    assert corrections_asked(case) == ("材料不清晰", "补充租赁合同原件", "经营场所地址写到门牌号")
    assert corrections_asked(replace(case, transitions=case.transitions[:1])) == ()


def test_reopened_checklist_keeps_every_material_and_its_scans(form: FormSpec) -> None:
    case = returned(form, DecisionInput(DecisionKind.ACCEPT), received(form), "补充")
    states = material_states(case)
    assert set(states) == {m.key for m in case.materials}
    assert states["lease_contract"].received and states["lease_contract"].scans == ("lease_contract1",)
    assert all((states[m.key].form, states[m.key].copies) == (m.form, m.copies) for m in case.materials)


def test_resubmitted_case_is_accepted_again_with_the_corrections_applied(form: FormSpec) -> None:
    case = returned(form, DecisionInput(DecisionKind.ACCEPT), received(form), "更换租赁合同")
    materials = {**material_states(case), "lease_contract": MaterialState(received=True, scans=("new-scan",))}
    answers = {**ANSWERS, "applicant_phone": "13900139000"}
    again = resubmitted(case, IntakeDraft(form, answers, materials, "自然人"), at=RESUBMITTED_AT, actor="demo")
    assert again.state is CaseState.ACCEPTED and (again.id, again.number) == (case.id, case.number)
    assert again.transitions[:-1] == case.transitions
    assert (again.transitions[-1].from_state, again.transitions[-1].note) == (CaseState.CORRECTION_REQUESTED,
                                                                            RESUBMIT_NOTE)
    assert again.applicant.phone == "13900139000" and again.decision == case.decision
    assert next(m for m in again.materials if m.key == "lease_contract").scans == ("new-scan",)
    assert again.revision == case.revision  # the store numbers the new revision when it saves it


def test_an_incomplete_correction_says_everything_still_wrong(form: FormSpec) -> None:
    case = returned(form, DecisionInput(DecisionKind.ACCEPT), received(form), "补充")
    materials = {**material_states(case), "id_card": MaterialState()}
    with pytest.raises(CorrectionError) as raised:
        resubmitted(case, IntakeDraft(form, {**ANSWERS, "applicant_phone": "1"}, materials, "自然人"),
                    at=RESUBMITTED_AT, actor="demo")
    text = raised.value.text("zh")
    assert "2项" in text and "身份证" in text and "联系电话" in text
    assert "2 item(s)" in raised.value.text("en")


def test_only_a_returned_case_of_the_same_matter_can_be_resubmitted(form: FormSpec) -> None:
    case = returned(form, DecisionInput(DecisionKind.ACCEPT), received(form), "补充")
    draft = IntakeDraft(form, ANSWERS, material_states(case), "自然人")
    accepted = resubmitted(case, draft, at=RESUBMITTED_AT, actor="demo")
    with pytest.raises(CorrectionError, match="已受理"):
        resubmitted(accepted, draft, at=RESUBMITTED_AT, actor="demo")
    with pytest.raises(CorrectionError, match="不能更换事项"):
        resubmitted(replace(case, code="other"), draft, at=RESUBMITTED_AT, actor="demo")
    with pytest.raises(CorrectionError, match="经办人"):
        resubmitted(case, draft, at=RESUBMITTED_AT, actor=" ")


def test_a_tolerance_case_keeps_its_open_promise_or_records_it_supplied(form: FormSpec) -> None:
    decision = DecisionInput(DecisionKind.TOLERANCE_ACCEPT, promise_due=date(2026, 11, 30))
    case = returned(form, decision, received(form, "lease_contract"), "补充身份证复印件")
    [promise] = open_promises(case)
    draft = IntakeDraft(form, ANSWERS, material_states(case), "自然人")
    still_open = resubmitted(case, draft, at=RESUBMITTED_AT, actor="demo")
    assert [(p.material_key, p.due) for p in open_promises(still_open)] == [("lease_contract", promise.due)]
    supplied_states = {**material_states(case), "lease_contract": MaterialState(received=True)}
    supplied = resubmitted(case, IntakeDraft(form, ANSWERS, supplied_states, "自然人"), at=RESUBMITTED_AT,
                           actor="demo")
    lease = next(m for m in supplied.materials if m.key == "lease_contract")
    assert (lease.tolerated, lease.received, lease.due) == (True, True, date(2026, 11, 30)) and not open_promises(
        supplied)
