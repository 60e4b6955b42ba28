"""出件回执, read back from the PDF (pdftotext) and from its rendering (pdftoppm, QR code)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from io import BytesIO
from pathlib import Path

import pytest

from clerk_app.core.case import Agent, Case, CaseState
from clerk_app.core.catalogue import Catalogue
from clerk_app.core.handout import (
    AgentPickup,
    Carrier,
    Handout,
    MailDelivery,
    hand_to_agent,
    hand_to_applicant,
    handed_out,
    send_by_mail,
)
from clerk_app.documents.facts import DocumentError
from clerk_app.documents.handout_receipt import render_handout_receipt
from tests.documents import cases
from tests.documents.pdfs import pdf_pages, pdf_text, read_codes, render_page, squeeze

APPLICANT_ID = "150203199003071239"
AGENT_ID = "650102198805061237"
HANDED = {"at": datetime(2026, 3, 10, 14, 5), "clerk": "liuxx", "clerk_name": "刘晓霞"}


def approved(catalogue: Catalogue, state: CaseState = CaseState.APPROVED) -> Case:
    case = cases.accepted_case(catalogue)
    applicant = replace(case.applicant, id_number=APPLICANT_ID,
                        agent=Agent(cases.AGENT_NAME, AGENT_ID, "13999001122"))
    case = replace(case, applicant=applicant)
    case = case.moved(CaseState.SYNCED, at=datetime(2026, 3, 2, 10, 40), actor="sync")
    return case.moved(state, at=datetime(2026, 3, 3, 9), actor="reviewer")


def _render(case: Case, handout: Handout, catalogue: Catalogue, path: Path) -> str:
    pages = render_handout_receipt(case, handout, catalogue, cases.HALL, path)
    assert pages == pdf_pages(path) == 1
    return squeeze(pdf_text(path))


def test_receipt_for_the_applicant_in_person(catalogue: Catalogue, tmp_path: Path) -> None:
    case = approved(catalogue)
    handout = hand_to_applicant(case, APPLICANT_ID, **HANDED)
    path = tmp_path / "receipt.pdf"
    text = _render(case, handout, catalogue, path)
    assert cases.HALL.name in text and "出件回执" in text and f"办件编号：{case.number}" in text
    assert "个体工商户设立登记" in text and "150200-SCJG-XK-0012-01" in text
    assert "审批结果准予" in text and "出件方式本人领取" in text
    assert "领取人" in text and "身份核验读卡核验一致" in text
    assert "1502**********1239" in text and APPLICANT_ID not in text
    assert "出件时间2026年3月10日14:05" in text and "出件人刘晓霞" in text
    assert "由申请人本人当面领取" in text
    assert "领取人（申请人）：" in text and "签字：" in text and "包头市政务服务中心（盖章）" in text
    assert "第1页共1页" in text
    png = render_page(path, 1, tmp_path)
    assert cases.HALL.query_link(case.number) in read_codes(png)


def test_receipt_for_an_agent(catalogue: Catalogue, tmp_path: Path) -> None:
    case = approved(catalogue, CaseState.DENIED)
    agent = AgentPickup(cases.AGENT_NAME, AGENT_ID, "授权委托书原件及代领人身份证复印件", "13999001122")
    handout = hand_to_agent(case, agent, card_id_number=AGENT_ID, **HANDED)
    done = handed_out(case, handout)  # printed after the hand-out is recorded: same receipt
    text = _render(done, handout, catalogue, tmp_path / "agent.pdf")
    assert "审批结果不予许可" in text and "出件方式代领" in text
    assert "办理结果不予许可决定书" in text and "个体工商户营业执照" not in text
    assert f"代领人{cases.AGENT_NAME}" in text and "6501**********1237" in text and AGENT_ID not in text
    assert "授权委托材料授权委托书原件及代领人身份证复印件" in text and "139****1122" in text
    assert "由代领人当面领取" in text and "代领人：" in text


def test_receipt_for_mail(catalogue: Catalogue, tmp_path: Path) -> None:
    case = approved(catalogue)
    mail = MailDelivery(Carrier.EMS, "1183456789012", cases.APPLICANT_NAME, "13804721234",
                        "内蒙古包头市昆都仑区钢铁大街28号3单元501", "014010")
    handout = send_by_mail(case, mail, **HANDED)
    text = _render(case, handout, catalogue, tmp_path / "mail.pdf")
    assert "出件方式邮寄送达" in text and "寄递企业中国邮政EMS" in text and "运单号码1183456789012" in text
    assert "收件电话138****1234" in text and "钢铁大街28号3单元501（邮编014010）" in text
    assert "交中国邮政EMS寄出，运单号码为1183456789012，可凭运单号码查询寄递进度" in text
    assert "寄件经办人：刘晓霞" in text and "领取人" not in text


def test_receipt_refuses_a_record_of_another_case(catalogue: Catalogue) -> None:
    case = approved(catalogue)
    handout = replace(hand_to_applicant(case, APPLICANT_ID, **HANDED), case_number="BT01-W07-20260302-0001")
    with pytest.raises(DocumentError, match="does not belong"):
        render_handout_receipt(case, handout, catalogue, cases.HALL, BytesIO())


def test_receipt_needs_a_back_office_decision(catalogue: Catalogue) -> None:
    approved_case = approved(catalogue)
    handout = hand_to_applicant(approved_case, APPLICANT_ID, **HANDED)
    undecided = replace(approved_case, state=CaseState.SYNCED, transitions=approved_case.transitions[:-1])
    with pytest.raises(DocumentError, match="no back-office decision"):
        render_handout_receipt(undecided, handout, catalogue, cases.HALL, BytesIO())
