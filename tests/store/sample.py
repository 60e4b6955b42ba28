"""Cases for the store tests, from a bare draft to one with a long, busy life."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from ulid import ULID

from clerk_app.core.case import (
    Agent,
    Applicant,
    Case,
    CaseState,
    Decision,
    DecisionKind,
    MaterialReceipt,
)

HALL = "BT01"
WINDOW = "W07"
CST = timezone(timedelta(hours=8))
DAY = date(2026, 11, 23)
ID_NUMBER = "11010519491231002X"
MOMENT = datetime(2026, 11, 23, 9, 30, tzinfo=CST)


def draft(
    number: str = "",
    *,
    name: str = "张三",
    id_number: str = ID_NUMBER,
    answers: dict | None = None,
    matter: tuple[str, str] = ("gaj-jzz", "居住证签注"),
    created_at: datetime = MOMENT,
) -> Case:
    return Case(
        id=str(ULID()),
        number=number,
        code=matter[0],
        name=matter[1],
        matter_codes=(matter[0],),
        departments=("公安局",),
        hall_code=HALL,
        window_code=WINDOW,
        created_at=created_at,
        clerk="demo",
        applicant=Applicant(kind="自然人", name=name, id_number=id_number, phone="13800138000"),
        answers=dict(answers or {}),
    )


def accepted(number: str, **options: object) -> Case:
    case = draft(number, **options)  # type: ignore[arg-type]
    decision = Decision(
        kind=DecisionKind.ACCEPT, by="demo", by_name="演示窗口人员", at=case.created_at + timedelta(minutes=7),
        promised_date=date(2026, 12, 4),
    )
    return case.decided(decision)


def complex_case(number: str) -> Case:
    """An organisation's bundle, brought by an agent, accepted with tolerance, then a long life."""
    base = draft(number, matter=("scjgj-spjyxk", "食品经营许可"))
    base = replace(
        base,
        matter_codes=("scjgj-spjyxk", "wjw-jkz"),
        departments=("市场监管局", "卫健委"),
        applicant=Applicant(
            kind="法人", name="包头市鹿城餐饮有限公司", id_number="91150200MA0N123456",
            phone="0472-5123456", address="内蒙古包头市昆都仑区钢铁大街1号", legal_rep="李四",
            agent=Agent(name="王五", id_number="150203199001011234", phone="13900139000"),
        ),
        answers={"经营面积": 120.5, "经营项目": ["热食类", "冷食类"], "是否连锁": False, "备注": "𠀀生僻字"},
        materials=(
            MaterialReceipt(key="licence", name="营业执照", necessity="必要", required=True, received=True,
                            form="复印件", copies=1, by_e_licence=True),
            MaterialReceipt(key="floor", name="经营场所平面图", necessity="容缺", required=True, tolerated=True,
                            due=date(2026, 11, 30)),
            MaterialReceipt(key="health", name="健康证明", necessity="容缺", required=True, tolerated=True,
                            due=date(2026, 12, 7), defect="已过期", scans=("ab" * 32,)),
        ),
    )
    decision = Decision(
        kind=DecisionKind.TOLERANCE_ACCEPT, by="demo", by_name="演示窗口人员", at=MOMENT + timedelta(minutes=20),
        reason="容缺两项", promise_due=date(2026, 12, 7), promised_date=date(2026, 12, 18),
    )
    case = base.decided(decision)
    steps = [
        (CaseState.SYNCED, "sync", ""),
        (CaseState.CORRECTION_REQUESTED, "backoffice", "平面图比例不对"),
        (CaseState.ACCEPTED, "demo", "已补正"),
        (CaseState.SYNCED, "sync", ""),
        (CaseState.APPROVED, "backoffice", ""),
    ]
    for hours, (target, actor, note) in enumerate(steps, start=1):
        case = case.moved(target, at=MOMENT + timedelta(hours=hours), actor=actor, note=note)
    return case
