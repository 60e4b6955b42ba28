"""Assessing an intake in progress: which of the four decisions the clerk may take, and why.

- 受理 (accept): every active field valid, every required material satisfied, nothing defective.
- 容缺受理 (tolerance accept): fields valid, every key (必要) material satisfied, and only
  secondary (容缺) materials missing or defective; never for an applicant with a bad credit record.
- 一次性告知 (one-time notice): something is missing or wrong; `notice_items` lists all of it, once.
- 不予受理 (refuse): always possible, with a reason (checked by the dialog that takes it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from clerk_app.core.case import MaterialReceipt
from clerk_app.core.fieldcheck import check_field
from clerk_app.core.formspec import FormMaterial, FormSpec
from clerk_app.core.guide import Necessity
from clerk_app.core.problems import Problem


@dataclass(frozen=True)
class MaterialState:
    """What the clerk ticked for one material on the checklist."""

    received: bool = False
    form: str = ""
    copies: int = 0
    by_e_licence: bool = False
    defect: str = ""
    scans: tuple[str, ...] = ()

    @property
    def satisfied(self) -> bool:
        return (self.received or self.by_e_licence) and not self.defect


@dataclass(frozen=True)
class Assessment:
    field_problems: dict[str, Problem] = field(default_factory=dict)
    missing_key: tuple[FormMaterial, ...] = ()
    missing_tolerable: tuple[FormMaterial, ...] = ()
    defective: tuple[tuple[FormMaterial, str], ...] = ()
    bad_credit: bool = False

    @property
    def complete(self) -> bool:
        return not (self.field_problems or self.missing_key or self.missing_tolerable or self.defective)

    @property
    def can_accept(self) -> bool:
        return self.complete

    @property
    def can_tolerance_accept(self) -> bool:
        defective_key = any(m.material.necessity is Necessity.KEY for m, _ in self.defective)
        return (
            not self.field_problems
            and not self.missing_key
            and not defective_key
            and bool(self.missing_tolerable or self.defective)
            and not self.bad_credit
        )

    @property
    def can_notify(self) -> bool:
        return not self.complete

    @property
    def tolerated(self) -> tuple[FormMaterial, ...]:
        """The secondary materials a tolerance acceptance would leave to be supplied later."""
        return (*self.missing_tolerable, *(m for m, _ in self.defective))

    def notice_items(self, lang: str = "zh") -> list[str]:
        """Everything missing or wrong, each once, as the one-time notice lists it."""
        items: list[str] = []
        for material in (*self.missing_key, *self.missing_tolerable):
            items.append(_missing_text(material, lang))
        for material, defect in self.defective:
            items.append(f"{material.material.name}：{defect}")
        items += [problem.text(lang) for problem in self.field_problems.values()]
        return list(dict.fromkeys(items))


def _missing_text(material: FormMaterial, lang: str) -> str:
    m = material.material
    if lang.startswith("en"):
        return f"Missing: {m.name} ({m.form}, {m.copies} {'copy' if m.copies == 1 else 'copies'})"
    return f"缺少：{m.name}（{m.form}{m.copies}份）"


def answers_env(answers: Mapping[str, Any], applicant_kind: str) -> dict[str, Any]:
    """The names conditions can read: situations, fields and the built-in applicant_kind."""
    return {**answers, "applicant_kind": applicant_kind}


def assess(
    form: FormSpec,
    answers: Mapping[str, Any],
    materials: Mapping[str, MaterialState],
    *,
    applicant_kind: str = "自然人",
    bad_credit: bool = False,
    today: date | None = None,
) -> Assessment:
    env = answers_env(answers, applicant_kind)
    problems: dict[str, Problem] = {}
    for form_field in form.active_fields(env):
        problem = check_field(form_field.spec, answers.get(form_field.spec.key), today=today)
        if problem is not None:
            problems[form_field.spec.key] = problem
    missing_key: list[FormMaterial] = []
    missing_tolerable: list[FormMaterial] = []
    defective: list[tuple[FormMaterial, str]] = []
    for material in form.active_materials(env):
        state = materials.get(material.material.key, MaterialState())
        necessity = material.material.necessity
        if state.defect and (state.received or state.by_e_licence):
            defective.append((material, state.defect))
        elif not state.satisfied and necessity is Necessity.KEY:
            missing_key.append(material)
        elif not state.satisfied and necessity is Necessity.TOLERABLE:
            missing_tolerable.append(material)
    return Assessment(problems, tuple(missing_key), tuple(missing_tolerable), tuple(defective), bad_credit)


def material_receipts(
    form: FormSpec,
    answers: Mapping[str, Any],
    materials: Mapping[str, MaterialState],
    *,
    applicant_kind: str = "自然人",
    tolerated_due: date | None = None,
) -> tuple[MaterialReceipt, ...]:
    """The checklist as the case records it; unsatisfied 容缺 items are tolerated when a due date is given."""
    env = answers_env(answers, applicant_kind)
    active = {m.material.key for m in form.active_materials(env)}
    receipts: list[MaterialReceipt] = []
    for item in form.materials:
        m = item.material
        state = materials.get(m.key, MaterialState())
        required = m.key in active and m.necessity is not Necessity.OPTIONAL
        if m.key not in active and not state.received:
            continue
        tolerated = (
            tolerated_due is not None and required and m.necessity is Necessity.TOLERABLE and not state.satisfied
        )
        receipts.append(MaterialReceipt(
            key=m.key, name=m.name, necessity=m.necessity.value, required=required,
            received=state.received, form=state.form or (m.form if state.received else ""),
            copies=state.copies or (m.copies if state.received else 0), by_e_licence=state.by_e_licence,
            tolerated=tolerated, due=tolerated_due if tolerated else None, defect=state.defect,
            scans=state.scans,
        ))
    return tuple(receipts)


def promise_due_problem(due: date, accepted_on: date, promised_date: date) -> str | None:
    """A 容缺 promise must fall after acceptance and never later than the promised completion date."""
    if due <= accepted_on:
        return "补齐材料的承诺期限应晚于受理日期"
    if due > promised_date:
        return f"补齐材料的承诺期限不得晚于承诺办结日期{promised_date.isoformat()}"
    return None
