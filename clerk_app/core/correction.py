"""补正 at the window: what the back office asked for, and the case resubmitted after correction.

The back office returns a case (`correction_requested`) with the list of corrections in the
step's note (see `clerk_app.sync.pull.decision_note`: the reason first, then each correction,
joined by "；"). The clerk reopens it in the intake screen with its answers and materials
(`material_states`), fixes fields, adds or replaces materials, and resubmits: `resubmitted`
checks the corrected intake as the first acceptance was checked and gives the case back to the
state machine (`correction_requested → accepted`), same id and number, its history kept. The
store saves it as a new revision and queues that revision for the back office.

A case first accepted with tolerance may still be resubmitted with its open 容缺 promises (only
secondary materials missing, promise day unchanged); a promise supplied during the correction
stays recorded as tolerated and received (the history of the promise), as `core.tolerance` does.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from clerk_app.core.applicant import applicant_from_answers
from clerk_app.core.case import Case, CaseState, DecisionKind, MaterialReceipt, state_label
from clerk_app.core.decide import IntakeDraft
from clerk_app.core.intake import MaterialState, answers_env, assess, material_receipts
from clerk_app.core.problems import WordedError

RESUBMIT_NOTE = "补正后重新提交"
SEPARATOR = "；"

CORRECTION_MESSAGES: dict[str, tuple[str, str]] = {
    "correction.not_requested": (
        "办件{case}处于“{state_zh}”状态，不是退回补正的办件，不能重新提交",
        "Case {case} is “{state_en}”: only a case returned for correction can be resubmitted",
    ),
    "correction.other_matter": (
        "补正时不能更换事项：办件{case}办理的是“{name}”",
        "A correction cannot change the matter: case {case} is for “{name}”",
    ),
    "correction.incomplete": (
        "补正后仍有{count}项不齐全或有误，不能重新提交：{items_zh}",
        "{count} item(s) are still missing or wrong, so the case cannot be resubmitted: {items_en}",
    ),
    "correction.actor": ("请填写经办人", "Who resubmits is required"),
}


class CorrectionError(WordedError):
    """A resubmission the case or the corrected intake does not allow, worded for the clerk."""

    MESSAGES = CORRECTION_MESSAGES


def corrections_asked(case: Case) -> tuple[str, ...]:
    """What the back office asked to correct, from the latest step that returned the case."""
    for step in reversed(case.transitions):
        if step.to_state is CaseState.CORRECTION_REQUESTED:
            return tuple(part.strip() for part in step.note.split(SEPARATOR) if part.strip())
    return ()


def material_states(case: Case) -> dict[str, MaterialState]:
    """The case's materials as the intake checklist holds them (to reopen the case for correction)."""
    return {
        m.key: MaterialState(received=m.received, form=m.form, copies=m.copies, by_e_licence=m.by_e_licence,
                             defect=m.defect, scans=m.scans)
        for m in case.materials
    }


def resubmitted(case: Case, draft: IntakeDraft, *, at: datetime, actor: str) -> Case:
    """The corrected case, moved back to `accepted` (raises CorrectionError when it may not be)."""
    if case.state is not CaseState.CORRECTION_REQUESTED:
        raise CorrectionError("correction.not_requested", case=case.number, **_state_words(case.state))
    if draft.form.code != case.code:
        raise CorrectionError("correction.other_matter", case=case.number, name=case.name)
    if not actor.strip():
        raise CorrectionError("correction.actor")
    materials = _checked_materials(case, draft, at.date())
    env = answers_env(draft.answers, draft.applicant_kind)
    matters = draft.form.active_matters(env)
    corrected = replace(
        case,
        applicant=applicant_from_answers(draft.answers, draft.applicant_kind),
        answers=dict(draft.answers),
        materials=materials,
        matter_codes=tuple(m.code for m in matters) or case.matter_codes,
        departments=tuple(dict.fromkeys(m.department for m in matters)) or case.departments,
    )
    return corrected.moved(CaseState.ACCEPTED, at=at, actor=actor.strip(), note=RESUBMIT_NOTE)


def _checked_materials(case: Case, draft: IntakeDraft, today: date) -> tuple[MaterialReceipt, ...]:
    result = assess(draft.form, draft.answers, draft.materials, applicant_kind=draft.applicant_kind, today=today)
    tolerance = case.decision is not None and case.decision.kind is DecisionKind.TOLERANCE_ACCEPT
    if not result.can_accept and not (tolerance and result.can_tolerance_accept):
        zh, en = result.notice_items("zh"), result.notice_items("en")
        raise CorrectionError("correction.incomplete", count=len(zh), items_zh=SEPARATOR.join(zh),
                              items_en="; ".join(en))
    due = case.decision.promise_due if tolerance and case.decision else None
    receipts = material_receipts(draft.form, draft.answers, draft.materials, applicant_kind=draft.applicant_kind,
                                 tolerated_due=due if not result.can_accept else None)
    before = {m.key: m for m in case.materials}
    return tuple(_with_promise_history(r, before.get(r.key)) for r in receipts)


def _with_promise_history(receipt: MaterialReceipt, before: MaterialReceipt | None) -> MaterialReceipt:
    """A promise kept open keeps its day; one supplied meanwhile stays recorded as tolerated."""
    if before is None or not before.tolerated:
        return receipt
    if receipt.tolerated or receipt.satisfied:
        return replace(receipt, tolerated=True, due=before.due or receipt.due)
    return receipt


def _state_words(state: CaseState) -> dict[str, str]:
    return {"state_zh": state_label(state, "zh"), "state_en": state_label(state, "en")}
