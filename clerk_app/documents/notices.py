"""The notices a window decision produces: 受理通知书, 容缺受理通知书, 一次性告知书, 不予受理通知书.

Wording follows art. 32 of the Administrative Licensing Law for licensing matters and a neutral
wording for the other matter types. Dates are the ones the decision carries: the caller computed
them in working days, the documents only print them.
"""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable, Spacer

from clerk_app.core.case import Case, DecisionKind, MaterialReceipt
from clerk_app.core.catalogue import Catalogue
from clerk_app.core.hall import HallInfo
from clerk_app.documents.blocks import Field, GridRow, Signer
from clerk_app.documents.facts import (
    DocumentError,
    applicant_fields,
    cn_date,
    decision_of,
    guide_material,
    material_by_name,
    requirement,
)
from clerk_app.documents.sheet import Output, Sheet, sheet

LAW = "《中华人民共和国行政许可法》"
ACCEPT_TITLE = "受理通知书"
TOLERANCE_TITLE = "容缺受理通知书"
NOTIFY_TITLE = "一次性告知书"
REFUSE_TITLE = "不予受理通知书"
REMEDY = (
    "如对本决定不服，可以自收到本通知书之日起六十日内依法申请行政复议，"
    "也可以自收到本通知书之日起六个月内依法向人民法院提起行政诉讼。"
)


def _opening(page: Sheet) -> str:
    return f"你（单位）于{page.applied_on}提出的“{page.facts.matter}”申请"


def _completion_text(page: Sheet) -> str:
    decision = page.case.decision
    promised = decision.promised_date if decision else None
    matters = page.facts.matters
    if matters and all(m.time_limit.immediate for m in matters):
        return "本事项为即办件，当场办结。"
    days = max((m.time_limit.promised for m in matters), default=0)
    limit = f"承诺时限为{days}个工作日，" if days else ""
    due = f"承诺于{cn_date(promised)}前办结，法定节假日不计算在内。" if promised else ""
    return f"本事项{limit}{due}" if limit or due else ""


def _follow_up(page: Sheet) -> str:
    return (
        "请妥善保管本通知书。可扫描右上角二维码或凭办件编号查询办理进度"
        + (f"，咨询电话：{page.facts.consult}" if page.facts.consult else "")
        + "；领取办理结果时请出示本通知书及申请人身份证件。"
    )


def _acceptance_fields(page: Sheet) -> list[GridRow]:
    decision = page.case.decision
    promised = decision.promised_date if decision else None
    received = sum(1 for m in page.case.materials if m.received or m.by_e_licence)
    promised_field = Field("承诺办结日期", cn_date(promised) if promised else "—")
    return [
        *page.matter_fields(),
        *applicant_fields(page.case.applicant, phones=False),
        (Field("受理时间", page.decided_at), Field("受理人", page.clerk)),
        (Field("受理窗口", page.window), Field("收费标准", page.facts.fee)),
        Field("办理时限", page.facts.time_limit),
        (promised_field, Field("已收材料", f"{received}件，见《材料接收清单》")),
        Field("办理结果", page.facts.result),
    ]


def _decision_fields(page: Sheet, when: str, who: str) -> list[GridRow]:
    return [
        *page.matter_fields(),
        *applicant_fields(page.case.applicant, phones=False),
        (Field(when, page.decided_at), Field(who, page.clerk)),
    ]


def _closing(page: Sheet, fields: list[GridRow], clerk_role: str) -> Flowable:
    """The case's grid and the signature lines, kept on one page."""
    signers = [Signer(clerk_role, page.clerk), Signer("申请人（代办人）")]
    signatures = page.blocks.signatures(signers, issuer=page.hall.name, day=page.decided_on)
    return page.blocks.together(Spacer(1, 8), page.blocks.fields(fields), signatures)


def render_accept_notice(case: Case, catalogue: Catalogue, hall: HallInfo, out: Output) -> int:
    """受理通知书 for an accepted case; returns the page count."""
    decision = decision_of(case, DecisionKind.ACCEPT)
    if decision.promised_date is None:
        raise DocumentError(f"case {case.number}: an acceptance notice needs the promised completion date")
    page = sheet(ACCEPT_TITLE, case, catalogue, hall)
    b = page.blocks
    basis = f"根据{LAW}第三十二条第一款第（五）项的规定，" if page.facts.licensing else ""
    story: list[Flowable] = [
        b.salutation(case.applicant.name),
        b.paragraph(f"{_opening(page)}，经审查，申请材料齐全、符合法定形式。{basis}决定予以受理。"),
        b.paragraph(_completion_text(page)),
        b.paragraph(_follow_up(page)),
        _closing(page, _acceptance_fields(page), "受理人"),
    ]
    return page.build(out, story)


def render_tolerance_notice(case: Case, catalogue: Catalogue, hall: HallInfo, out: Output) -> int:
    """容缺受理通知书: accepted with secondary materials to follow by the promised deadline."""
    due = cn_date(promise_deadline(case))
    page = sheet(TOLERANCE_TITLE, case, catalogue, hall)
    tolerated = tolerated_rows(page)
    b = page.blocks
    story: list[Flowable] = [
        b.salutation(case.applicant.name),
        b.paragraph(
            f"{_opening(page)}，经审查，主要申请材料齐全、符合法定形式，尚缺下列次要材料。根据容缺受理的有关规定，"
            "经你（单位）书面承诺（见《容缺受理承诺书》），决定予以容缺受理。"
        ),
        b.items(["序号", "容缺材料", "补齐要求", "补齐期限"], tolerated, [0.07, 0.33, 0.42, 0.18]),
        Spacer(1, 8),
        b.paragraph(
            f"请于{due}前将上述材料补齐并送交综合窗口。{_completion_text(page)}容缺材料补齐后方可领取办理结果；"
            "逾期未补齐或者补齐的材料不符合要求的，将按规定终止办理，并记录承诺履行情况。"
        ),
        b.paragraph(_follow_up(page)),
        _closing(page, _acceptance_fields(page), "受理人"),
    ]
    return page.build(out, story)


def promise_deadline(case: Case) -> date:
    """The tolerance acceptance's promise deadline, checked: within the promised date, materials listed."""
    decision = decision_of(case, DecisionKind.TOLERANCE_ACCEPT)
    if decision.promise_due is None:
        raise DocumentError(f"case {case.number}: a tolerance acceptance needs the promise deadline")
    if decision.promised_date is not None and decision.promise_due > decision.promised_date:
        raise DocumentError(f"case {case.number}: the promise deadline is later than the promised completion date")
    if not case.tolerated_materials:
        raise DocumentError(f"case {case.number}: a tolerance acceptance lists no tolerated material")
    return decision.promise_due


def tolerated_rows(page: Sheet) -> list[list[str]]:
    """序号, material, what to bring, by when: one row per tolerated material."""
    deadline = promise_deadline(page.case)
    return [
        [str(i), m.name, requirement(guide_material(page.facts, m)) or "—", cn_date(m.due or deadline)]
        for i, m in enumerate(page.case.tolerated_materials, 1)
    ]


def render_notify_notice(case: Case, catalogue: Catalogue, hall: HallInfo, out: Output) -> int:
    """一次性告知书: everything missing or wrong, listed once."""
    decision = decision_of(case, DecisionKind.NOTIFY)
    page = sheet(NOTIFY_TITLE, case, catalogue, hall)
    b = page.blocks
    rows = [[str(i), *row] for i, row in enumerate(correction_items(page), 1)]
    if not rows:
        raise DocumentError(f"case {case.number}: a one-time notice must list what is missing or wrong")
    basis = f"根据{LAW}第三十二条第一款第（四）项的规定，" if page.facts.licensing else ""
    story: list[Flowable] = [
        b.salutation(case.applicant.name),
        b.paragraph(
            f"{_opening(page)}，经审查，申请材料不齐全或者不符合法定形式。{basis}"
            f"现一次性告知你（单位）需要补正的全部内容（共{len(rows)}项）如下："
        ),
        b.items(["序号", "需补正的材料或内容", "补正要求"], rows, [0.07, 0.53, 0.40]),
        Spacer(1, 8),
        b.paragraph("请按照上述要求补正全部材料后，携带本告知书到综合窗口重新提交。补正材料齐全、符合法定形式的，予以受理。"),
    ]
    if decision.reason:
        story.append(b.paragraph(f"其他说明：{decision.reason}"))
    story += [
        b.paragraph(f"咨询电话：{page.facts.consult}。" if page.facts.consult else ""),
        _closing(page, _decision_fields(page, "告知时间", "告知人"), "告知人"),
    ]
    return page.build(out, story)


def correction_items(page: Sheet) -> list[list[str]]:
    """(what is missing or wrong, what is required) rows: the decision's list, then what it left out.

    A material whose name already appears in one of the decision's entries is not listed again;
    a received material with a defect and a required material neither received nor tolerated
    are added when the decision's list does not mention them, so nothing is left untold.
    """
    decision = page.case.decision
    entries = list(decision.missing) if decision else []
    rows = [[entry, _entry_requirement(page, entry)] for entry in entries]
    for receipt in page.case.materials:
        if any(receipt.name in entry for entry in entries):
            continue
        if receipt.defect:
            rows.append([f"{receipt.name}：{receipt.defect}", requirement(guide_material(page.facts, receipt))])
        elif _unsatisfied(receipt):
            rows.append([f"{receipt.name}（未提交）", requirement(guide_material(page.facts, receipt))])
    return rows


def _unsatisfied(receipt: MaterialReceipt) -> bool:
    return receipt.required and not receipt.satisfied and not receipt.tolerated


def _entry_requirement(page: Sheet, entry: str) -> str:
    """The guide's requirement for the material an entry names (by its receipt, then by name)."""
    receipt = next((m for m in page.case.materials if m.name and m.name in entry), None)
    if receipt is not None:
        return requirement(guide_material(page.facts, receipt))
    return requirement(material_by_name(page.facts, entry))


def _brief(text: str, limit: int = 150) -> str:
    """`text` for a grid cell, which cannot flow over pages: a long one is in the body already."""
    return text if len(text) <= limit else "见正文"


def render_refuse_notice(case: Case, catalogue: Catalogue, hall: HallInfo, out: Output) -> int:
    """不予受理通知书 with the reason and, when known, the competent agency."""
    decision = decision_of(case, DecisionKind.REFUSE)
    if not decision.reason:
        raise DocumentError(f"case {case.number}: a refusal must state its reason")
    page = sheet(REFUSE_TITLE, case, catalogue, hall)
    b = page.blocks
    reason = decision.reason.rstrip("。；;. ")
    agency = decision.competent_agency
    clause = "第三十二条第一款第（二）项" if agency else "第三十二条第一款"
    basis = f"根据{LAW}{clause}的规定，" if page.facts.licensing else ""
    story: list[Flowable] = [
        b.salutation(case.applicant.name),
        b.paragraph(f"{_opening(page)}，经审查，{reason}。{basis}决定不予受理。"),
    ]
    if agency:
        story.append(b.paragraph(f"该申请事项请向{agency}提出。"))
    story += [
        b.paragraph(REMEDY),
        _closing(page, [*_decision_fields(page, "决定时间", "经办人"), Field("不予受理理由", _brief(reason)),
                        Field("有权受理机关", agency or "—")], "经办人"),
    ]
    return page.build(out, story)
