"""出件: to the applicant (card checked), to an agent, or by mail; each bad input worded."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from clerk_app.core.case import Agent, Applicant, Case, CaseState, Decision, DecisionKind, MaterialReceipt
from clerk_app.core.handout import (
    AgentPickup,
    Carrier,
    HandoutError,
    HandoutMethod,
    MailDelivery,
    checked_mail,
    hand_to_agent,
    hand_to_applicant,
    handed_out,
    mail_problems,
    mask_id,
    s10_check_digit,
    send_by_mail,
    tracking_problem,
)

APPLICANT_ID = "150203199003071239"
AGENT_ID = "650102198805061237"
OTHER_ID = "11010519491231002X"
AT = datetime(2026, 3, 10, 14, 5)
CLERK = {"at": AT, "clerk": "wangxy", "clerk_name": "王晓燕"}


def approved_case(applicant: Applicant | None = None, state: CaseState = CaseState.APPROVED) -> Case:
    case = Case(
        id="01JNQ8Z6Y1M7W3E8R2T5V9X042", number="BT01-W07-20260302-0042", code="150200-SCJG-XK-0012-01",
        name="个体工商户设立登记", matter_codes=("150200-SCJG-XK-0012-01",), departments=("市场监管局",),
        hall_code="BT01", window_code="W07", created_at=datetime(2026, 3, 2, 10, 15), clerk="wangxy",
        applicant=applicant or Applicant("自然人", "张明", APPLICANT_ID, "13804721234"),
    )
    case = case.decided(Decision(DecisionKind.ACCEPT, "wangxy", "王晓燕", datetime(2026, 3, 2, 10, 32)))
    case = case.moved(CaseState.SYNCED, at=datetime(2026, 3, 2, 10, 40), actor="sync")
    if state in (CaseState.APPROVED, CaseState.DENIED):
        case = case.moved(state, at=datetime(2026, 3, 3, 9), actor="reviewer")
    return case


def mail(**overrides: object) -> MailDelivery:
    fields: dict[str, object] = {
        "carrier": Carrier.EMS, "tracking_number": "1183 4567 89012", "recipient": "张明", "phone": "138 0472 1234",
        "address": "内蒙古包头市昆都仑区钢铁大街28号3单元501", "postcode": "014010", **overrides,
    }
    return MailDelivery(**fields)  # type: ignore[arg-type]


# --- the applicant in person -------------------------------------------------------------------


def test_applicant_collects_with_their_card() -> None:
    case = approved_case()
    handout = hand_to_applicant(case, "１５０２０３１９９００３０７１２３９", **CLERK)  # full-width digits from an IME
    assert handout.method is HandoutMethod.APPLICANT
    assert (handout.receiver_name, handout.receiver_id_number) == ("张明", APPLICANT_ID)
    assert handout.summary() == "本人领取" and handout.summary("en") == "Collected in person"
    done = handed_out(case, handout)
    assert done.state is CaseState.HANDED_OUT
    assert done.transitions[-1].note == "本人领取" and done.transitions[-1].actor == "wangxy"


def test_a_denied_case_is_handed_out_too() -> None:
    case = approved_case(state=CaseState.DENIED)
    assert handed_out(case, hand_to_applicant(case, APPLICANT_ID, **CLERK)).state is CaseState.HANDED_OUT


def test_someone_elses_card_is_refused() -> None:
    with pytest.raises(HandoutError) as raised:
        hand_to_applicant(approved_case(), OTHER_ID, **CLERK)
    assert raised.value.code == "handout.id_mismatch"
    assert raised.value.text() == (
        "读取的身份证号码1101**********002X与申请人身份证号码1502**********1239不一致，不能由本人领取"
    )
    assert APPLICANT_ID not in raised.value.text("en")


def test_an_invalid_card_number_is_worded() -> None:
    with pytest.raises(HandoutError) as raised:
        hand_to_applicant(approved_case(), "150203199003071238", **CLERK)
    assert raised.value.code == "handout.id_invalid"
    assert raised.value.text() == "申请人身份证号码无效：身份证号码校验位应为9，实际为8"
    assert raised.value.text("en") == (
        "The applicant's ID number is not valid: ID number check character should be 9, not 8"
    )


def test_an_empty_card_number() -> None:
    with pytest.raises(HandoutError) as raised:
        hand_to_applicant(approved_case(), " ", **CLERK)
    assert raised.value.code == "handout.required" and raised.value.params["field"] == "card_id_number"


def test_an_organisation_cannot_collect_in_person() -> None:
    company = Applicant("法人", "包头市塞上味道餐饮管理有限公司", "91150203MA0N4XYZ7K", legal_rep="乌云其木格")
    with pytest.raises(HandoutError) as raised:
        hand_to_applicant(approved_case(company), APPLICANT_ID, **CLERK)
    assert raised.value.code == "handout.organisation"


def test_no_recorded_applicant_id() -> None:
    with pytest.raises(HandoutError) as raised:
        hand_to_applicant(approved_case(Applicant("自然人", "张明")), APPLICANT_ID, **CLERK)
    assert raised.value.code == "handout.no_applicant_id"


@pytest.mark.parametrize("state", [CaseState.SYNCED, CaseState.ACCEPTED])
def test_only_a_decided_case_is_handed_out(state: CaseState) -> None:
    case = approved_case(state=state)
    if state is CaseState.ACCEPTED:
        case = replace(case, state=CaseState.ACCEPTED)
    with pytest.raises(HandoutError) as raised:
        hand_to_applicant(case, APPLICANT_ID, **CLERK)
    assert raised.value.code == "handout.not_ready"
    assert "准予或不予许可" in raised.value.text()


def test_a_handed_out_case_cannot_be_handed_out_again() -> None:
    case = approved_case()
    done = handed_out(case, hand_to_applicant(case, APPLICANT_ID, **CLERK))
    with pytest.raises(HandoutError) as raised:
        hand_to_applicant(done, APPLICANT_ID, **CLERK)
    assert "已出件" in raised.value.text() and "Handed out" in raised.value.text("en")


def test_open_tolerance_promises_block_the_result() -> None:
    case = approved_case()
    pending = MaterialReceipt("lease", "房屋租赁合同", "容缺", True, tolerated=True)
    case = replace(case, materials=(pending,), decision=replace(case.decision, kind=DecisionKind.TOLERANCE_ACCEPT,
                                                               promise_due=AT.date()))  # type: ignore[arg-type]
    with pytest.raises(HandoutError) as raised:
        hand_to_applicant(case, APPLICANT_ID, **CLERK)
    assert raised.value.text() == "容缺材料“房屋租赁合同”尚未补齐，补齐后方可领取办理结果"
    supplied = replace(case, materials=(replace(pending, received=True),))
    assert hand_to_applicant(supplied, APPLICANT_ID, **CLERK).method is HandoutMethod.APPLICANT


def test_handed_out_checks_the_record_belongs_to_the_case() -> None:
    case = approved_case()
    handout = hand_to_applicant(case, APPLICANT_ID, **CLERK)
    with pytest.raises(HandoutError) as raised:
        handed_out(replace(case, id="other"), handout)
    assert raised.value.code == "handout.wrong_case"


# --- an agent ----------------------------------------------------------------------------------

AGENT = AgentPickup(" 买买提·艾力 ", AGENT_ID.lower(), "授权委托书原件", "139 9900 1122")


def test_agent_collects_with_an_authorisation() -> None:
    case = approved_case()
    handout = hand_to_agent(case, AGENT, card_id_number=AGENT_ID, **CLERK)
    assert handout.method is HandoutMethod.AGENT and handout.agent is not None
    assert handout.agent == AgentPickup("买买提·艾力", AGENT_ID, "授权委托书原件", "13999001122")
    assert handout.summary() == "代领：买买提·艾力"
    assert handed_out(case, handout).transitions[-1].note == "代领：买买提·艾力"


def test_an_organisation_collects_through_an_agent() -> None:
    company = Applicant("法人", "包头市塞上味道餐饮管理有限公司", "91150203MA0N4XYZ7K",
                        agent=Agent("买买提·艾力", AGENT_ID))
    assert hand_to_agent(approved_case(company), AGENT, **CLERK).receiver_name == "买买提·艾力"


@pytest.mark.parametrize(
    ("agent", "card", "code", "field"),
    [
        (replace(AGENT, name=""), None, "handout.required", "agent_name"),
        (replace(AGENT, name="名" * 61), None, "handout.too_long", "agent_name"),
        (replace(AGENT, id_number="65010219880506123"), None, "handout.id_invalid", "agent_id_number"),
        (AGENT, OTHER_ID, "handout.agent_card_mismatch", "agent_id_number"),
        (replace(AGENT, id_number=APPLICANT_ID), None, "handout.agent_is_applicant", "agent_id_number"),
        (replace(AGENT, authorisation=" "), None, "handout.required", "authorisation"),
        (replace(AGENT, phone="12345"), None, "handout.phone", "agent_phone"),
    ],
)
def test_invalid_agents(agent: AgentPickup, card: str | None, code: str, field: str) -> None:
    with pytest.raises(HandoutError) as raised:
        hand_to_agent(approved_case(), agent, card_id_number=card, **CLERK)
    assert (raised.value.code, raised.value.params["field"]) == (code, field)
    assert raised.value.text("zh") != raised.value.text("en")


def test_agent_phone_is_optional() -> None:
    assert hand_to_agent(approved_case(), replace(AGENT, phone=""), **CLERK).agent.phone == ""  # type: ignore[union-attr]


# --- by mail -----------------------------------------------------------------------------------


def test_send_by_mail() -> None:
    case = approved_case()
    handout = send_by_mail(case, mail(), **CLERK)
    assert handout.method is HandoutMethod.MAIL and handout.mail is not None
    assert handout.mail.tracking_number == "1183456789012" and handout.mail.phone == "13804721234"
    assert handout.receiver_name == "张明"
    assert handout.summary() == "邮寄送达：中国邮政EMS 1183456789012"
    assert handout.summary("en") == "Sent by mail: 中国邮政EMS 1183456789012"


def test_other_carrier_needs_its_name() -> None:
    assert mail_problems(mail(carrier=Carrier.OTHER, tracking_number="YT1234567890"))["carrier_name"].code == (
        "handout.required"
    )
    checked = checked_mail(mail(carrier=Carrier.OTHER, carrier_name="圆通速递", tracking_number="yt1234567890"))
    assert (checked.carrier_text, checked.tracking_number) == ("圆通速递", "YT1234567890")


def test_every_mail_problem_at_once() -> None:
    problems = mail_problems(mail(recipient="", phone="0472", address="包头", postcode="01401",
                                  tracking_number="12345"))
    assert set(problems) == {"recipient", "phone", "address", "postcode", "tracking_number"}
    assert problems["address"].text() == "收件地址过短，请填写到门牌号（至少8个字）"
    assert problems["postcode"].text("en") == "The postcode must be 6 digits, not “01401”"
    assert problems["tracking_number"].text() == "中国邮政EMS运单号“12345”格式不正确，应为13位数字或EA123456789CN形式"
    with pytest.raises(HandoutError) as raised:
        send_by_mail(approved_case(), mail(recipient=""), **CLERK)
    assert raised.value.params["field"] == "recipient"


def test_unknown_carrier() -> None:
    problems = mail_problems(mail(carrier="ups"))
    assert set(problems) == {"carrier"} and problems["carrier"].text() == "未知的寄递企业“ups”"


@pytest.mark.parametrize(
    ("carrier", "number", "ok"),
    [
        (Carrier.EMS, "1183456789012", True),
        (Carrier.EMS, "AA473124829GB", True),  # the UPU S10 example
        (Carrier.EMS, "AA473124828GB", False),  # wrong check digit
        (Carrier.POST, "rr123456785cn", True),
        (Carrier.SF, "SF1234567890123", True),
        (Carrier.SF, "123456789012", True),
        (Carrier.SF, "SF12345", False),
        (Carrier.JD, "JDVA12345678901", True),
        (Carrier.JD, "1234567890123", False),
        (Carrier.OTHER, "YT-1234-5678-90", True),
        (Carrier.OTHER, "1234567", False),
        (Carrier.EMS, "", False),
    ],
)
def test_tracking_numbers(carrier: Carrier, number: str, ok: bool) -> None:
    assert (tracking_problem(carrier, number) is None) == ok


def test_s10_check_digit() -> None:
    assert s10_check_digit("47312482") == "9"
    assert s10_check_digit("12345678") == "5"
    problem = tracking_problem(Carrier.EMS, "AA473124828GB")
    assert problem is not None and problem.text() == "运单号“AA473124828GB”校验位应为9，实际为8"


def test_mask_id() -> None:
    assert mask_id(APPLICANT_ID) == "1502**********1239"
    assert mask_id("1234") == "**34"
