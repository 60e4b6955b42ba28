"""The applicant part every intake has, whatever its guide says.

Guides name applicant fields with the shared keys (applicant_name, credit_code, agent_name …).
`with_applicant_parts` adds the standard ones a guide leaves out, so every case records who
applied and who came on their behalf; `applicant_from_answers` reads them back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from clerk_app.core.case import Agent, Applicant
from clerk_app.core.expr import Expression, parse
from clerk_app.core.formspec import FormField, FormMaterial, FormSpec, Source
from clerk_app.core.guide import FieldSpec, FieldType, Material, Necessity, Situation

PERSON = "自然人"
AGENT_SITUATION = "agent"
AGENT_YES = "委托代办"
AGENT_NO = "本人办理"
APPLICANT_GROUP_PREFIXES = ("applicant_", "company_", "credit_code", "legal_rep_", "agent_")

_IS_PERSON = parse('applicant_kind == "自然人"')
_IS_ORGANISATION = parse('applicant_kind != "自然人"')
_HAS_AGENT = parse('agent == "委托代办"')

_PERSON_FIELDS = (
    FieldSpec("applicant_name", "申请人姓名", FieldType.TEXT, card="name", max_length=60, when=_IS_PERSON),
    FieldSpec("applicant_id_number", "申请人身份证号码", FieldType.ID_NUMBER, card="id_number", when=_IS_PERSON),
    FieldSpec("applicant_phone", "联系电话", FieldType.PHONE),
)
_ORGANISATION_FIELDS = (
    FieldSpec("company_name", "单位名称", FieldType.TEXT, max_length=100, when=_IS_ORGANISATION),
    FieldSpec("credit_code", "统一社会信用代码", FieldType.CREDIT_CODE, when=_IS_ORGANISATION),
    FieldSpec("legal_rep_name", "法定代表人", FieldType.TEXT, max_length=60, when=_IS_ORGANISATION),
)
_AGENT_FIELDS = (
    FieldSpec("agent_name", "代办人姓名", FieldType.TEXT, card="name", max_length=60, when=_HAS_AGENT),
    FieldSpec("agent_id_number", "代办人身份证号码", FieldType.ID_NUMBER, card="id_number", when=_HAS_AGENT),
    FieldSpec("agent_phone", "代办人联系电话", FieldType.PHONE, when=_HAS_AGENT),
)
_AGENT_MATERIAL = Material(
    key="agent_authorisation", name="授权委托书及代办人身份证件", form="原件和复印件", copies=1,
    necessity=Necessity.KEY, source="申请人自备", standard="委托人签字（单位盖章），写明委托事项和权限",
    when=_HAS_AGENT,
)
_AGENT_QUESTION = Situation(AGENT_SITUATION, "是否委托他人代办", (AGENT_NO, AGENT_YES), default=AGENT_NO)


# Shared keys whose meaning is fixed: an ID card fills them even when a guide leaves out `card`.
CARD_KEYS = {
    "applicant_name": "name", "applicant_id_number": "id_number", "applicant_sex": "sex",
    "applicant_birth": "birth", "applicant_address": "address",
    "agent_name": "name", "agent_id_number": "id_number",
}


def card_field_of(key: str, declared: str | None) -> str | None:
    """The ID-card field that fills form field `key`: as the guide declares, else by shared key."""
    return declared or CARD_KEYS.get(key)


def is_applicant_field(key: str) -> bool:
    return key.startswith(APPLICANT_GROUP_PREFIXES)


def with_applicant_parts(form: FormSpec, kinds: tuple[str, ...]) -> FormSpec:
    """The form with the standard applicant and agent fields, question and material it lacks."""
    standard = list(_PERSON_FIELDS if PERSON in kinds else ())
    if any(k != PERSON for k in kinds):
        standard += _ORGANISATION_FIELDS
    standard += _AGENT_FIELDS
    have = {f.spec.key for f in form.fields}
    added = [FormField(spec, (_source(form.code, spec.when),)) for spec in standard if spec.key not in have]
    situations = form.situations
    if form.field(AGENT_SITUATION) is None and all(s.key != AGENT_SITUATION for s in situations):
        situations = (_AGENT_QUESTION, *situations)
    materials = form.materials
    if all(m.material.key != _AGENT_MATERIAL.key for m in materials):
        materials = (*materials, FormMaterial(_AGENT_MATERIAL, (_source(form.code, _AGENT_MATERIAL.when),)))
    return replace(form, fields=(*added, *form.fields), situations=situations, materials=materials)


def _source(code: str, when: Expression | None) -> Source:
    return Source(code, (when,) if when is not None else ())


def applicant_kinds(form: FormSpec) -> tuple[str, ...]:
    kinds: dict[str, None] = {}
    for matter in form.matters:
        kinds.update(dict.fromkeys(matter.applicant_kinds))
    return tuple(kinds) or (PERSON,)


def applicant_from_answers(answers: Mapping[str, Any], kind: str) -> Applicant:
    text = lambda key: str(answers.get(key) or "").strip()  # noqa: E731
    agent = None
    if answers.get(AGENT_SITUATION) == AGENT_YES:
        agent = Agent(text("agent_name"), text("agent_id_number").upper(), text("agent_phone"))
    if kind == PERSON:
        return Applicant(
            kind=kind, name=text("applicant_name"), id_number=text("applicant_id_number").upper(),
            phone=text("applicant_phone"), address=text("applicant_address"), agent=agent,
        )
    return Applicant(
        kind=kind, name=text("company_name"), id_number=text("credit_code").upper(),
        phone=text("applicant_phone") or text("company_phone"), address=text("company_address"),
        legal_rep=text("legal_rep_name"), agent=agent,
    )
