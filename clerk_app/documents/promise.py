"""容缺受理承诺书: the applicant's written promise to supply the tolerated materials by a deadline.

The hall keeps the signed promise in the case file, so it carries the full identity numbers
(the notices handed to the applicant mask them).
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from clerk_app.core.case import Case
from clerk_app.core.catalogue import Catalogue
from clerk_app.core.hall import HallInfo
from clerk_app.documents.blocks import Signer
from clerk_app.documents.facts import PERSON, applicant_fields, cn_date
from clerk_app.documents.notices import promise_deadline, tolerated_rows
from clerk_app.documents.sheet import Output, sheet

TITLE = "容缺受理承诺书"


def _pledges(deadline: str) -> list[str]:
    return [
        "一、本人（本单位）已提交的申请材料真实、合法、有效，并对其真实性负责；",
        f"二、于{deadline}前补齐上述容缺材料，且所补材料符合受理标准；",
        "三、容缺材料补齐之前，不要求领取办理结果；",
        "四、逾期未补齐或者所补材料不符合要求的，自愿承担终止办理等相应后果，并同意将承诺履行情况记入信用记录。",
    ]


def render_promise(case: Case, catalogue: Catalogue, hall: HallInfo, out: Output) -> int:
    """容缺受理承诺书 for a tolerance-accepted case; returns the page count."""
    deadline = cn_date(promise_deadline(case))
    page = sheet(TITLE, case, catalogue, hall)
    b = page.blocks
    applicant = case.applicant
    who = "本人" if applicant.kind == PERSON else "本单位"
    signers = [Signer("承诺人（申请人）" if applicant.kind == PERSON else "承诺单位（盖章）", applicant.name)]
    if applicant.legal_rep:
        signers.append(Signer("法定代表人", applicant.legal_rep))
    if applicant.agent is not None:
        signers.append(Signer("代办人", applicant.agent.name))
    signers.append(Signer("受理人", page.clerk))
    story: list[Flowable] = [
        b.salutation(hall.name),
        b.paragraph(
            f"{who}申请办理“{page.facts.matter}”事项，办件编号为{case.number}。因下列材料暂不能提供，"
            f"申请容缺受理。{who}已知晓容缺受理的有关规定，现郑重承诺："
        ),
        b.items(["序号", "容缺材料", "补齐要求", "承诺补齐日期"], tolerated_rows(page), [0.07, 0.33, 0.40, 0.20]),
        Spacer(1, 6),
        *(b.paragraph(line) for line in _pledges(deadline)),
        b.together(Spacer(1, 8), b.fields([*page.matter_fields(), *applicant_fields(applicant, masked=False)]),
                   b.signatures(signers)),
    ]
    return page.build(out, story)
