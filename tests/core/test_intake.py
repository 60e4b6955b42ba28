"""Field checks and the four decisions, on the exemplar guide (个体工商户设立登记)."""

from __future__ import annotations

from datetime import date

import pytest

from clerk_app.catalogue.loader import load_default_catalogue
from clerk_app.core.fieldcheck import check_field, normalize
from clerk_app.core.formspec import FormSpec
from clerk_app.core.guide import FieldSpec, FieldType
from clerk_app.core.intake import MaterialState, assess, material_receipts, promise_due_problem

CODE = "150200-SCJG-XK-0012-01"
VALID_ID = "11010519491231002X"


@pytest.fixture(scope="module")
def form() -> FormSpec:
    return load_default_catalogue().catalogue.form(CODE)


def answers(**extra) -> dict:
    base = {
        "agent": "本人办理", "premises": "租赁房产", "applicant_name": "张三",
        "applicant_id_number": VALID_ID, "applicant_phone": "13800138000",
        "business_address": "包头市昆都仑区钢铁大街12号", "business_form": "个人经营",
        "business_scope": ["日用百货"], "capital": "50000", "staff_count": "2",
    }
    return {**base, **extra}


def all_received(form: FormSpec, env: dict) -> dict[str, MaterialState]:
    return {m.material.key: MaterialState(received=True) for m in form.active_materials(env)}


@pytest.mark.parametrize(
    ("type_", "value", "problem"),
    [
        (FieldType.PHONE, "13800138000", None),
        (FieldType.PHONE, "0472-5152315", None),
        (FieldType.PHONE, "12345", None),
        (FieldType.PHONE, "1380013800", "field.phone"),
        (FieldType.ID_NUMBER, VALID_ID.lower(), None),
        (FieldType.ID_NUMBER, "110105194912310020", "id.check"),
        (FieldType.CREDIT_CODE, "91350100M000100Y43", None),
        (FieldType.CREDIT_CODE, "91350100M000100Y44", "credit.check"),
        (FieldType.MONEY, "12.345", "field.money"),
        (FieldType.MONEY, "1,000.50", None),
        (FieldType.NUMBER, "abc", "field.number"),
        (FieldType.NUMBER, "nan", "field.number"),
        (FieldType.DATE, "2026-02-30", "field.date"),
        (FieldType.ADDRESS, "包头", "field.address"),
        (FieldType.TEXT, "", "field.required"),
    ],
)
def test_field_checks(type_: FieldType, value: str, problem: str | None) -> None:
    spec = FieldSpec(key="k", label="字段", type=type_)
    found = check_field(spec, value)
    assert (found.code if found else None) == problem
    if found:
        assert "字段" in found.text() or found.code.startswith(("id.", "credit."))


def test_range_and_options_and_normalize() -> None:
    spec = FieldSpec(key="n", label="人数", type=FieldType.NUMBER, min=1, max=10)
    assert check_field(spec, "11").text() == "人数不能大于10"
    assert check_field(spec, "0").text("en") == "人数 must be at least 1"
    assert normalize(spec, " 7 ") == 7
    choice = FieldSpec(key="c", label="形式", type=FieldType.MULTI_CHOICE, options=("a", "b"))
    assert check_field(choice, ["a", "x"]).code == "field.option"
    assert normalize(FieldSpec("i", "号", FieldType.ID_NUMBER), " 11010519491231002x ") == VALID_ID


def test_complete_intake_can_be_accepted(form: FormSpec) -> None:
    a = answers()
    result = assess(form, a, all_received(form, a))
    assert result.can_accept and not result.can_notify
    assert not result.can_tolerance_accept


def test_missing_tolerable_allows_tolerance_but_not_accept(form: FormSpec) -> None:
    a = answers()
    materials = all_received(form, a)
    del materials["lease_contract"]
    result = assess(form, a, materials)
    assert not result.can_accept
    assert result.can_tolerance_accept and result.can_notify
    assert [m.material.key for m in result.tolerated] == ["lease_contract"]
    assert assess(form, a, materials, bad_credit=True).can_tolerance_accept is False


def test_missing_key_material_allows_only_notice(form: FormSpec) -> None:
    a = answers(agent="委托代办", agent_name="李四", agent_id_number=VALID_ID)
    materials = all_received(form, answers())  # agent authorisation not received
    result = assess(form, a, materials)
    assert not result.can_accept and not result.can_tolerance_accept and result.can_notify
    assert result.notice_items() == ["缺少：委托代理人证明（授权委托书）及代理人身份证件（原件和复印件1份）"]


def test_notice_lists_everything_once(form: FormSpec) -> None:
    a = answers(applicant_phone="123", business_form="家庭经营")
    materials = all_received(form, answers())
    materials["id_card"] = MaterialState(received=True, defect="身份证已过有效期")
    items = assess(form, a, materials).notice_items()
    assert items == [
        "缺少：家庭成员关系证明（户口簿等）（复印件1份）",
        "经营者身份证件：身份证已过有效期",
        "联系电话应为11位手机号或带区号的固定电话",
    ]


def test_situation_switches_fields_and_materials(form: FormSpec) -> None:
    own = {m.material.key for m in form.active_materials(answers(premises="自有房产"))}
    rented = {m.material.key for m in form.active_materials(answers())}
    assert "premises_certificate" in own and "lease_contract" not in own
    assert "lease_contract" in rented and "premises_certificate" not in rented
    agent_fields = {f.spec.key for f in form.active_fields(answers(agent="委托代办"))}
    assert {"agent_name", "agent_id_number"} <= agent_fields


def test_receipts_record_tolerance(form: FormSpec) -> None:
    a = answers()
    materials = all_received(form, a)
    del materials["lease_contract"]
    receipts = {r.key: r for r in material_receipts(form, a, materials, tolerated_due=date(2026, 11, 24))}
    assert receipts["lease_contract"].tolerated and receipts["lease_contract"].due == date(2026, 11, 24)
    assert receipts["id_card"].received and receipts["id_card"].form == "复印件"
    assert "premises_certificate" not in receipts


def test_promise_due_rules() -> None:
    accepted, promised = date(2026, 11, 23), date(2026, 11, 30)
    assert promise_due_problem(date(2026, 11, 23), accepted, promised) is not None
    assert promise_due_problem(date(2026, 12, 1), accepted, promised) is not None
    assert promise_due_problem(date(2026, 11, 27), accepted, promised) is None
