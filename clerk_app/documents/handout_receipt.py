"""出件回执: the record that a decided case's result left the comprehensive window.

Same page furniture as the notices (hall, title, QR code of the case's query link with the case
number, footer). The grid names the matter, the applicant (identity numbers masked), who received
the result (the applicant in person, an agent with the authorisation, or the mail recipient with
carrier and tracking number), the clerk and the time; the person who collected signs. A mailed
result is signed by the clerk alone: the recipient signs the carrier's waybill.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from clerk_app.core.case import Case, CaseState
from clerk_app.core.catalogue import Catalogue
from clerk_app.core.hall import HallInfo
from clerk_app.core.handout import Handout, HandoutMethod
from clerk_app.documents.blocks import Field, GridRow, Signer
from clerk_app.documents.facts import DocumentError, applicant_fields, cn_date, cn_datetime, mask_id, mask_phone
from clerk_app.documents.sheet import Output, Sheet, sheet

TITLE = "出件回执"
_DECISIONS = {CaseState.APPROVED: "准予", CaseState.DENIED: "不予许可"}
DENIAL_RESULT = "不予许可决定书"


def _decision_word(case: Case) -> str:
    """准予 / 不予许可 from the state before the hand-out (the case may be handed out already)."""
    for state in (case.state, *(t.from_state for t in reversed(case.transitions))):
        if state in _DECISIONS:
            return _DECISIONS[state]
    raise DocumentError(f"case {case.number} has no back-office decision to hand out")


def _receiver_fields(handout: Handout) -> list[GridRow]:
    if handout.method is HandoutMethod.MAIL and handout.mail is not None:
        mail = handout.mail
        rows: list[GridRow] = [
            (Field("寄递企业", mail.carrier_text), Field("运单号码", mail.tracking_number)),
            (Field("收件人", mail.recipient), Field("收件电话", mask_phone(mail.phone))),
            Field("收件地址", mail.address + (f"（邮编{mail.postcode}）" if mail.postcode else "")),
        ]
        return rows
    if handout.method is HandoutMethod.AGENT and handout.agent is not None:
        agent = handout.agent
        return [
            (Field("代领人", agent.name), Field("代领人证件号码", mask_id(agent.id_number))),
            (Field("授权委托材料", agent.authorisation), Field("代领人电话", mask_phone(agent.phone) or "—")),
        ]
    return [(Field("领取人", handout.receiver_name), Field("身份核验", "读卡核验一致"))]


def _handout_fields(page: Sheet, handout: Handout) -> list[GridRow]:
    decision = _decision_word(page.case)
    result = DENIAL_RESULT if decision == _DECISIONS[CaseState.DENIED] else page.facts.result
    return [
        *page.matter_fields(),
        *applicant_fields(page.case.applicant, phones=False),
        (Field("审批结果", decision), Field("出件方式", handout.method.label())),
        Field("办理结果", result),
        *_receiver_fields(handout),
        (Field("出件时间", cn_datetime(handout.at)), Field("出件人", handout.clerk_name)),
        Field("出件窗口", page.window),
    ]


def _statement(page: Sheet, handout: Handout) -> str:
    opening = f"申请人{page.case.applicant.name}于{page.applied_on}申请办理的“{page.facts.matter}”"
    when = cn_date(handout.at)
    if handout.method is HandoutMethod.MAIL and handout.mail is not None:
        mail = handout.mail
        return (f"{opening}已办理完毕。办理结果已于{when}交{mail.carrier_text}寄出，运单号码为{mail.tracking_number}，"
                "可凭运单号码查询寄递进度。")
    who = "代领人当面领取" if handout.method is HandoutMethod.AGENT else "申请人本人当面领取"
    return f"{opening}已办理完毕。办理结果已于{when}由{who}，经双方当面核对无误。"


def _signers(handout: Handout) -> list[Signer]:
    clerk = Signer("出件人", handout.clerk_name)
    if handout.method is HandoutMethod.MAIL:
        return [Signer("寄件经办人", handout.clerk_name)]
    role = "代领人" if handout.method is HandoutMethod.AGENT else "领取人（申请人）"
    return [Signer(role, handout.receiver_name), clerk]


def render_handout_receipt(case: Case, handout: Handout, catalogue: Catalogue, hall: HallInfo, out: Output) -> int:
    """出件回执 of a case handed out (or being handed out) as `handout` records; returns the page count."""
    if handout.case_number != case.number or handout.case_id != case.id:
        raise DocumentError(f"hand-out record of case {handout.case_number} does not belong to case {case.number}")
    page = sheet(TITLE, case, catalogue, hall)
    b = page.blocks
    notes = ["扫描右上角二维码或凭办件编号可查询办件信息。如对办理结果有异议，可按办理结果文书所载途径申请救济。"]
    story: list[Flowable] = [
        b.paragraph(_statement(page, handout)),
        Spacer(1, 6),
        b.together(
            b.fields(_handout_fields(page, handout)),
            b.notes(notes),
            b.signatures(_signers(handout), issuer=hall.name, day=cn_date(handout.at)),
        ),
    ]
    return page.build(out, story)
