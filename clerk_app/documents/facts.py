"""What the documents print about a case, resolved against the catalogue and worded once.

A case names its matters by code; the guides give the department, time limit, result, fees and
phone numbers. A printout must not fail because a guide changed or left the catalogue after
intake: whatever the catalogue no longer knows falls back to what the case itself recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from clerk_app.core.case import Applicant, Case, Decision, DecisionKind, MaterialReceipt
from clerk_app.core.catalogue import Catalogue
from clerk_app.core.guide import Material, Matter
from clerk_app.core.guide_text import time_limit_text
from clerk_app.core.hall import HallInfo
from clerk_app.core.masking import mask_id_number as mask_id
from clerk_app.core.masking import mask_phone
from clerk_app.documents.blocks import Field, GridRow

LICENSING = "行政许可"
PERSON = "自然人"


class DocumentError(ValueError):
    """The case cannot produce the requested document (wrong decision, missing data)."""


@dataclass(frozen=True)
class CaseFacts:
    matter: str
    codes: str
    departments: str
    time_limit: str
    result: str
    fee: str
    consult: str
    complaint: str
    licensing: bool  # the Administrative Licensing Law governs intake of every matter
    matters: tuple[Matter, ...]


def case_facts(case: Case, catalogue: Catalogue, hall: HallInfo) -> CaseFacts:
    matters = tuple(catalogue.matters[c] for c in case.matter_codes if c in catalogue.matters)
    keys = case.departments or tuple(dict.fromkeys(m.department for m in matters))
    first = matters[0] if matters else None
    return CaseFacts(
        matter=case.name,
        codes="、".join(case.matter_codes) or case.code,
        departments="、".join(catalogue.department_name(k) for k in keys),
        time_limit=_time_limit(matters),
        result="；".join(f"{m.result.name}（{'、'.join(m.result.delivery)}）" for m in matters) or "—",
        fee="；".join(dict.fromkeys(m.fee_text for m in matters)) or "—",
        consult=first.contacts.consult if first else hall.phone,
        complaint=first.contacts.complaint if first else "12345",
        licensing=bool(matters) and all(m.type == LICENSING for m in matters),
        matters=matters,
    )


def _time_limit(matters: tuple[Matter, ...]) -> str:
    if len(matters) == 1:
        return time_limit_text(matters[0])
    if not matters:
        return "—"
    longest = max(m.time_limit.promised for m in matters)
    return f"一件事一次办：各事项并联办理，承诺{longest}个工作日内全部办结" if longest else "即办件（当场办结）"


def guide_material(facts: CaseFacts, receipt: MaterialReceipt) -> Material | None:
    """The guide's definition of a received material (by key, then by name), if still there."""
    for matter in facts.matters:
        for material in matter.materials:
            if material.key == receipt.key:
                return material
    return next((m for matter in facts.matters for m in matter.materials if m.name == receipt.name), None)


def material_by_name(facts: CaseFacts, name: str) -> Material | None:
    return next((m for matter in facts.matters for m in matter.materials if m.name == name), None)


def requirement(material: Material | None) -> str:
    """What the applicant must bring for a material: form, copies and acceptance standard."""
    if material is None:
        return ""
    text = f"{material.form}{material.copies}份" if material.copies else material.form
    return f"{text}；{material.standard}" if material.standard else text


def decision_of(case: Case, *kinds: DecisionKind) -> Decision:
    decision = case.decision
    if decision is None or decision.kind not in kinds:
        wanted = "/".join(k.value for k in kinds)
        got = decision.kind.value if decision else "none"
        raise DocumentError(f"case {case.number} has decision {got}; this document needs {wanted}")
    return decision


def cn_date(day: date | datetime) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def cn_datetime(moment: datetime) -> str:
    return f"{cn_date(moment)} {moment:%H:%M}"


def applicant_fields(applicant: Applicant, *, masked: bool = True, phones: bool = True) -> list[GridRow]:
    """The applicant and agent as grid rows.

    Personal numbers are masked unless `masked` is off; `phones` off leaves the phone numbers out
    (a notice has no use for them, the case record keeps them).
    """
    person = applicant.kind == PERSON
    hide_id = mask_id if masked and person else _same
    hide_phone = mask_phone if masked else _same
    rows: list[GridRow] = [(
        Field("申请人" if person else "申请单位", applicant.name),
        Field("身份证件号码" if person else "统一社会信用代码", hide_id(applicant.id_number) or "—"),
    )]
    if applicant.legal_rep:
        rows.append(Field("法定代表人", applicant.legal_rep))
    agent = applicant.agent
    if agent is not None:
        agent_id = mask_id(agent.id_number) if masked else agent.id_number
        rows.append((Field("代办人", agent.name), Field("代办人证件号码", agent_id or "—")))
    if phones:
        phone = Field("联系电话", hide_phone(applicant.phone) or "—")
        rows.append((phone, Field("代办人电话", hide_phone(agent.phone) or "—")) if agent else phone)
    return rows


def _same(text: str) -> str:
    return text


def hall_footer(hall: HallInfo, facts: CaseFacts) -> str:
    parts = []
    if hall.address:
        parts.append(f"地址：{hall.address}")
    if facts.consult:
        parts.append(f"咨询电话：{facts.consult}")
    if facts.complaint:
        parts.append(f"监督投诉：{facts.complaint}")
    return "    ".join(parts)
