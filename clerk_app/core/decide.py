"""Turning a finished intake into a decided case: the clerk's decision as data.

`decide_case` checks the decision is allowed by the assessment and its details are complete
(reason for a refusal, promise date for a tolerance acceptance, …), then builds the `Case`
with the decision and its transition. The caller supplies identity, number and clock, so the
same inputs always give the same case.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from clerk_app.core.applicant import applicant_from_answers
from clerk_app.core.case import Case, Decision, DecisionKind
from clerk_app.core.formspec import FormSpec
from clerk_app.core.hall import HallInfo
from clerk_app.core.intake import MaterialState, assess, material_receipts, promise_due_problem


class DecisionError(ValueError):
    """A decision the intake does not allow, or whose details are incomplete (message in Chinese)."""


@dataclass(frozen=True)
class DecisionInput:
    kind: DecisionKind
    reason: str = ""
    competent_agency: str = ""
    extra_items: tuple[str, ...] = ()  # one-time notice: what the clerk adds to the computed list
    promise_due: date | None = None
    bad_credit: bool = False


@dataclass(frozen=True)
class IntakeDraft:
    form: FormSpec
    answers: Mapping[str, Any]
    materials: Mapping[str, MaterialState]
    applicant_kind: str


@dataclass(frozen=True)
class Stamp:
    """Who decides where and when, and the identity the case will carry."""

    case_id: str
    number: str
    hall: HallInfo
    clerk: str
    clerk_name: str
    at: datetime
    promised_date: date


def check_decision(draft: IntakeDraft, decision: DecisionInput, *, accepted_on: date, promised: date) -> None:
    """Raise DecisionError when `decision` is not allowed for `draft` or lacks a detail."""
    result = assess(draft.form, draft.answers, draft.materials, applicant_kind=draft.applicant_kind,
                    bad_credit=decision.bad_credit, today=accepted_on)
    kind = decision.kind
    if kind is DecisionKind.ACCEPT and not result.can_accept:
        raise DecisionError("材料或信息不齐全，不能直接受理")
    if kind is DecisionKind.TOLERANCE_ACCEPT:
        if not result.can_tolerance_accept:
            raise DecisionError("只有主要材料齐全、仅缺次要（容缺）材料且申请人无失信记录时才能容缺受理")
        if decision.promise_due is None:
            raise DecisionError("请填写补齐材料的承诺期限")
        problem = promise_due_problem(decision.promise_due, accepted_on, promised)
        if problem:
            raise DecisionError(problem)
    if kind is DecisionKind.NOTIFY and not (result.can_notify or decision.extra_items):
        raise DecisionError("材料和信息齐全，无需一次性告知")
    if kind is DecisionKind.REFUSE and not decision.reason.strip():
        raise DecisionError("不予受理必须写明理由")


def decide_case(draft: IntakeDraft, decision: DecisionInput, stamp: Stamp) -> Case:
    accepted_on = stamp.at.date()
    check_decision(draft, decision, accepted_on=accepted_on, promised=stamp.promised_date)
    result = assess(draft.form, draft.answers, draft.materials, applicant_kind=draft.applicant_kind,
                    bad_credit=decision.bad_credit, today=accepted_on)
    due = decision.promise_due if decision.kind is DecisionKind.TOLERANCE_ACCEPT else None
    receipts = material_receipts(draft.form, draft.answers, draft.materials,
                                 applicant_kind=draft.applicant_kind, tolerated_due=due)
    env = {**draft.answers, "applicant_kind": draft.applicant_kind}
    matters = draft.form.active_matters(env)
    missing: tuple[str, ...] = ()
    if decision.kind is DecisionKind.NOTIFY:
        missing = tuple(dict.fromkeys([*result.notice_items(), *decision.extra_items]))
    accepted = decision.kind in (DecisionKind.ACCEPT, DecisionKind.TOLERANCE_ACCEPT)
    draft_case = Case(
        id=stamp.case_id,
        number=stamp.number,
        code=draft.form.code,
        name=draft.form.name,
        matter_codes=tuple(m.code for m in matters),
        departments=tuple(dict.fromkeys(m.department for m in matters)),
        hall_code=stamp.hall.code,
        window_code=stamp.hall.window_code,
        created_at=stamp.at,
        clerk=stamp.clerk,
        applicant=applicant_from_answers(draft.answers, draft.applicant_kind),
        answers=dict(draft.answers),
        materials=receipts,
    )
    return draft_case.decided(Decision(
        kind=decision.kind,
        by=stamp.clerk,
        by_name=stamp.clerk_name,
        at=stamp.at,
        reason=decision.reason.strip(),
        competent_agency=decision.competent_agency.strip(),
        missing=missing,
        promise_due=due,
        promised_date=stamp.promised_date if accepted else None,
    ))
