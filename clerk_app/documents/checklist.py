"""材料接收清单: every material of the case, and how the window received it.

Listed: every material required in the case's situation, and any optional one the applicant
handed in. A material satisfied by pulling the e-licence (电子证照) says so; a tolerated one shows
its promise deadline; a required one neither received nor tolerated is listed as not submitted.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from clerk_app.core.case import Case, DecisionKind, MaterialReceipt
from clerk_app.core.catalogue import Catalogue
from clerk_app.core.guide import Necessity
from clerk_app.core.hall import HallInfo
from clerk_app.documents.blocks import Field, Signer
from clerk_app.documents.facts import (
    CaseFacts,
    DocumentError,
    applicant_fields,
    cn_date,
    decision_of,
    guide_material,
)
from clerk_app.documents.sheet import Output, sheet

TITLE = "材料接收清单"
RECEIVED = "已收取"
E_LICENCE = "电子证照调取"
TOLERATED = "容缺待补"
NOT_SUBMITTED = "未提交"


def listed_materials(case: Case) -> list[MaterialReceipt]:
    return [m for m in case.materials if m.required or m.received or m.by_e_licence or m.tolerated]


def receipt_status(receipt: MaterialReceipt) -> str:
    if receipt.by_e_licence:
        return E_LICENCE
    if receipt.received:
        return RECEIVED
    return TOLERATED if receipt.tolerated else NOT_SUBMITTED


def _remark(receipt: MaterialReceipt, facts: CaseFacts) -> str:
    material = guide_material(facts, receipt)
    notes = []
    if receipt.by_e_licence:
        notes.append(f"电子证照：{material.e_licence}" if material and material.e_licence else "电子证照")
    if receipt.tolerated and receipt.due:
        notes.append(f"{cn_date(receipt.due)}前补齐")
    if receipt.defect:
        notes.append(f"问题：{receipt.defect}")
    if receipt.scans:
        notes.append(f"已扫描{len(receipt.scans)}页")
    if receipt.necessity == Necessity.OPTIONAL.value or not receipt.required:
        notes.append("非必要材料")
    return "；".join(notes)


def _row(index: int, receipt: MaterialReceipt, facts: CaseFacts) -> list[str]:
    material = guide_material(facts, receipt)
    form = receipt.form or ("电子" if receipt.by_e_licence else material.form if material else "")
    copies = str(receipt.copies) if receipt.copies else "—"
    return [str(index), receipt.name, form or "—", copies, receipt_status(receipt), _remark(receipt, facts)]


def summary(listed: list[MaterialReceipt]) -> str:
    counts = {status: 0 for status in (RECEIVED, E_LICENCE, TOLERATED, NOT_SUBMITTED)}
    for receipt in listed:
        counts[receipt_status(receipt)] += 1
    parts = [f"{status}{count}件" for status, count in counts.items() if count]
    return f"共列材料{len(listed)}件：" + "，".join(parts) + "。"


def render_checklist(case: Case, catalogue: Catalogue, hall: HallInfo, out: Output) -> int:
    """材料接收清单 for an accepted or tolerance-accepted case; returns the page count."""
    decision_of(case, DecisionKind.ACCEPT, DecisionKind.TOLERANCE_ACCEPT)
    listed = listed_materials(case)
    if not listed:
        raise DocumentError(f"case {case.number} records no material to list")
    page = sheet(TITLE, case, catalogue, hall)
    b = page.blocks
    rows = [_row(i, m, page.facts) for i, m in enumerate(listed, 1)]
    handed_by = case.applicant.agent.name if case.applicant.agent else case.applicant.name
    signers = [Signer("交件人", handed_by), Signer("接收人", page.clerk)]
    story: list[Flowable] = [
        b.fields([*page.matter_fields(), *applicant_fields(case.applicant),
                  (Field("接收时间", page.decided_at), Field("接收人", page.clerk))]),
        Spacer(1, 10),
        b.items(["序号", "材料名称", "形式", "份数", "接收情况", "备注"], rows, [0.07, 0.34, 0.12, 0.07, 0.16, 0.24]),
        Spacer(1, 6),
        b.paragraph(summary(listed) + "以上材料经双方当面核对无误。"),
        b.together(b.signatures(signers, hall.name, page.decided_on)),
    ]
    return page.build(out, story)
