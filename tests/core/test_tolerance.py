"""容缺 follow-up: which promises are due or overdue on a day, and supplying closes them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from clerk_app.core.case import Applicant, Case, CaseState, Decision, DecisionKind, MaterialReceipt
from clerk_app.core.reminders import ReminderLevel
from clerk_app.core.tolerance import (
    ToleranceError,
    all_supplied,
    due_promises,
    open_promises,
    overdue_promises,
    promise_rows,
    supply_material,
)
from clerk_app.core.workdays import WorkCalendar

PROMISE_DUE = date(2025, 10, 9)  # first working day after the 2025 National Day break


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar.official()


def tolerance_case(number: int, due: date = PROMISE_DUE, *, material_due: date | None = None) -> Case:
    materials = (
        MaterialReceipt("application", "食品经营许可申请书", "必要", True, True, "原件", 1),
        MaterialReceipt("process_flow", "加工操作流程文件", "容缺", True, tolerated=True, due=material_due),
        MaterialReceipt("rules", "保证食品安全的规章制度目录清单", "容缺", True, True, "原件", 1, tolerated=True,
                        due=material_due, defect="缺少签章"),
    )
    case = Case(
        id=f"01J{number:03d}", number=f"BT01-W07-20250926-{number:04d}", code="FOOD", name="食品经营许可（新办）",
        matter_codes=("FOOD",), departments=("市场监管局",), hall_code="BT01", window_code="W07",
        created_at=datetime(2025, 9, 26, 9), clerk="wangxy", applicant=Applicant("自然人", "张明", phone="13804721234"),
        materials=materials,
    )
    decision = Decision(DecisionKind.TOLERANCE_ACCEPT, "wangxy", "王晓燕", datetime(2025, 9, 26, 9, 30),
                        promise_due=due, promised_date=date(2025, 10, 10))
    return case.decided(decision)


def accepted_case() -> Case:
    case = replace(tolerance_case(99), decision=None, state=CaseState.DRAFT, transitions=())
    return case.decided(Decision(DecisionKind.ACCEPT, "wangxy", "王晓燕", datetime(2025, 9, 26, 9, 30)))


def test_open_promises_of_a_case() -> None:
    promises = open_promises(tolerance_case(1))
    assert [(p.material_key, p.due) for p in promises] == [("process_flow", PROMISE_DUE), ("rules", PROMISE_DUE)]
    assert promises[0].applicant == "张明" and promises[0].phone == "13804721234"


def test_the_material_due_day_wins_over_the_decisions() -> None:
    promises = open_promises(tolerance_case(1, material_due=date(2025, 9, 30)))
    assert {p.due for p in promises} == {date(2025, 9, 30)}


def test_no_promises_for_other_cases() -> None:
    assert open_promises(accepted_case()) == ()
    handed = replace(tolerance_case(1), state=CaseState.HANDED_OUT)
    assert open_promises(handed) == ()


def test_due_and_overdue_lists(cal: WorkCalendar) -> None:
    cases = [
        tolerance_case(1, date(2025, 10, 9)),
        tolerance_case(2, date(2025, 9, 30)),
        tolerance_case(3, date(2025, 10, 20)),
        accepted_case(),
    ]
    today = date(2025, 10, 5)  # inside the break
    every = promise_rows(cases, today, cal)
    assert [r.promise.case_number[-4:] for r in every] == ["0002", "0002", "0001", "0001", "0003", "0003"]
    due = due_promises(cases, today, cal)
    assert [(r.promise.case_number[-4:], r.reminder.level) for r in due] == [
        ("0002", ReminderLevel.RED), ("0002", ReminderLevel.RED),
        ("0001", ReminderLevel.WARNING), ("0001", ReminderLevel.WARNING),
    ]
    overdue = overdue_promises(cases, today, cal)
    assert {r.promise.case_number[-4:] for r in overdue} == {"0002"}
    assert overdue[0].reminder.sentence() == "超期1个工作日（2025-09-30到期）"
    assert due_promises(cases, date(2025, 9, 26), cal) == []


def test_supplying_closes_the_promise() -> None:
    case = tolerance_case(1)
    first = supply_material(case, "process_flow", at=datetime(2025, 9, 29, 10), by="wangxy", form="原件", copies=1,
                            scans=("abc",))
    supplied = next(m for m in first.case.materials if m.key == "process_flow")
    assert supplied.received and supplied.satisfied and supplied.tolerated and supplied.scans == ("abc",)
    assert [p.material_key for p in open_promises(first.case)] == ["rules"]
    assert not first.record.late and first.record.due == PROMISE_DUE
    assert not all_supplied(first.case)
    second = supply_material(first.case, "rules", at=datetime(2025, 10, 10, 9), by="wangxy")
    rules = next(m for m in second.case.materials if m.key == "rules")
    assert rules.defect == "" and rules.copies == 1 and rules.form == "原件"
    assert second.record.late  # a day after the promise
    assert open_promises(second.case) == () and all_supplied(second.case)


@pytest.mark.parametrize(
    ("case", "key", "by", "code"),
    [
        (accepted_case(), "process_flow", "wangxy", "tolerance.not_tolerance"),
        (replace(tolerance_case(1), state=CaseState.HANDED_OUT), "process_flow", "wangxy", "tolerance.closed"),
        (tolerance_case(1), "application", "wangxy", "tolerance.unknown_material"),
        (tolerance_case(1), "nothing", "wangxy", "tolerance.unknown_material"),
        (tolerance_case(1), "process_flow", " ", "tolerance.actor"),
    ],
)
def test_invalid_supplies(case: Case, key: str, by: str, code: str) -> None:
    with pytest.raises(ToleranceError) as raised:
        supply_material(case, key, at=datetime(2025, 9, 29), by=by)
    assert raised.value.code == code
    assert raised.value.text("zh") != raised.value.text("en")


def test_a_material_is_supplied_once() -> None:
    once = supply_material(tolerance_case(1), "process_flow", at=datetime(2025, 9, 29), by="wangxy").case
    with pytest.raises(ToleranceError) as raised:
        supply_material(once, "process_flow", at=datetime(2025, 9, 30), by="wangxy")
    assert raised.value.text() == "容缺材料“加工操作流程文件”已经补齐"


def test_supply_while_at_the_back_office() -> None:
    synced = tolerance_case(1).moved(CaseState.SYNCED, at=datetime(2025, 9, 26, 10), actor="sync")
    result = supply_material(synced, "process_flow", at=datetime(2025, 9, 29), by="wangxy")
    assert result.case.state is CaseState.SYNCED
