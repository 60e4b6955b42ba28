"""What an intake asks for: the situations, fields and materials of a matter or a bundle.

A bundle (一件事一次办) is one form: its matters' fields are merged by key (entered once) and
materials with the same key are asked for once, the strictest form, necessity and copy count
winning. Each merged item remembers the conditions under which any of its sources applies, so
`FormSpec.active(answers)` gives exactly what the current answers require.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from clerk_app.core.expr import Expression
from clerk_app.core.guide import Bundle, FieldSpec, Material, Matter, Necessity, Situation

_FORM_RANK = {"电子": 0, "复印件": 1, "原件": 2, "原件和复印件": 3}
_NECESSITY_RANK = {Necessity.OPTIONAL: 0, Necessity.TOLERABLE: 1, Necessity.KEY: 2}

Conditions = tuple[Expression, ...]


@dataclass(frozen=True)
class Source:
    """Where a merged item comes from: a matter, under all of these conditions."""

    matter_code: str
    conditions: Conditions = ()

    def holds(self, env: Mapping[str, Any]) -> bool:
        return all(c.evaluate(env) for c in self.conditions)


@dataclass(frozen=True)
class FormField:
    spec: FieldSpec
    sources: tuple[Source, ...]

    def active(self, env: Mapping[str, Any]) -> bool:
        return any(s.holds(env) for s in self.sources)

    def required(self, env: Mapping[str, Any]) -> bool:
        return self.spec.required and self.active(env)


@dataclass(frozen=True)
class FormMaterial:
    material: Material
    sources: tuple[Source, ...]

    def active(self, env: Mapping[str, Any]) -> bool:
        return any(s.holds(env) for s in self.sources)

    def matter_codes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.matter_code for s in self.sources))


@dataclass(frozen=True)
class FormSpec:
    """The form of one intake: for a single matter or for a bundle of matters."""

    code: str
    name: str
    matters: tuple[Matter, ...]
    member_conditions: Mapping[str, Expression | None]
    situations: tuple[Situation, ...]
    fields: tuple[FormField, ...]
    materials: tuple[FormMaterial, ...]
    is_bundle: bool = False
    fixed_answers: Mapping[str, str] = field(default_factory=dict)  # situations the bundle answers

    def default_answers(self) -> dict[str, Any]:
        defaults = {s.key: s.default for s in self.situations if s.default is not None}
        return {**defaults, **self.fixed_answers}

    def active_matters(self, env: Mapping[str, Any]) -> tuple[Matter, ...]:
        return tuple(
            m for m in self.matters
            if (cond := self.member_conditions.get(m.code)) is None or cond.evaluate(env)
        )

    def active_situations(self, env: Mapping[str, Any]) -> tuple[Situation, ...]:
        return tuple(s for s in self.situations if s.when is None or s.when.evaluate(env))

    def active_fields(self, env: Mapping[str, Any]) -> tuple[FormField, ...]:
        return tuple(f for f in self.fields if f.active(env))

    def active_materials(self, env: Mapping[str, Any]) -> tuple[FormMaterial, ...]:
        return tuple(m for m in self.materials if m.active(env))

    def promised_days(self, env: Mapping[str, Any]) -> int:
        """The case's promised working days: the longest of its active matters."""
        return max((m.time_limit.promised for m in self.active_matters(env)), default=0)

    def field(self, key: str) -> FormField | None:
        return next((f for f in self.fields if f.spec.key == key), None)


def form_for_matter(matter: Matter) -> FormSpec:
    return _build(matter.code, matter.name, [(matter, None)], (), is_bundle=False)


def form_for_bundle(bundle: Bundle, matters: Mapping[str, Matter]) -> FormSpec:
    """The merged form of a bundle; `matters` must hold every member code (KeyError otherwise)."""
    members = [(matters[m.code], m.when) for m in bundle.members]
    form = _build(bundle.code, bundle.name, members, bundle.situations, is_bundle=True)
    fixed = {key: value for m in bundle.members for key, value in m.answers}
    asked = tuple(s for s in form.situations if s.key not in fixed)
    return replace(form, situations=asked, fixed_answers=fixed)


def _build(
    code: str,
    name: str,
    members: list[tuple[Matter, Expression | None]],
    own_situations: Iterable[Situation],
    *,
    is_bundle: bool,
) -> FormSpec:
    situations: dict[str, Situation] = {s.key: s for s in own_situations}
    fields: dict[str, FormField] = {}
    materials: dict[str, FormMaterial] = {}
    for matter, member_when in members:
        base: Conditions = (member_when,) if member_when is not None else ()
        for situation in matter.situations:
            situations.setdefault(situation.key, situation)
        for spec in matter.fields:
            _add_field(fields, spec, Source(matter.code, _with(base, spec.when)))
        for material in matter.materials:
            _add_material(materials, material, Source(matter.code, _with(base, material.when)))
    return FormSpec(
        code=code,
        name=name,
        matters=tuple(m for m, _ in members),
        member_conditions={m.code: when for m, when in members},
        situations=tuple(situations.values()),
        fields=tuple(fields.values()),
        materials=tuple(materials.values()),
        is_bundle=is_bundle,
    )


def _with(base: Conditions, when: Expression | None) -> Conditions:
    return (*base, when) if when is not None else base


def _add_field(fields: dict[str, FormField], spec: FieldSpec, source: Source) -> None:
    existing = fields.get(spec.key)
    if existing is None:
        fields[spec.key] = FormField(spec, (source,))
        return
    merged = replace(existing.spec, required=existing.spec.required or spec.required)
    fields[spec.key] = FormField(merged, (*existing.sources, source))


def _add_material(materials: dict[str, FormMaterial], material: Material, source: Source) -> None:
    existing = materials.get(material.key)
    if existing is None:
        materials[material.key] = FormMaterial(material, (source,))
        return
    materials[material.key] = FormMaterial(
        merge_materials(existing.material, material), (*existing.sources, source)
    )


def merge_materials(a: Material, b: Material) -> Material:
    """One request for two guides' demands of the same material: the stricter of each."""
    return replace(
        a,
        form=max(a.form, b.form, key=lambda f: _FORM_RANK.get(f, 0)),
        necessity=max(a.necessity, b.necessity, key=lambda n: _NECESSITY_RANK[n]),
        copies=max(a.copies, b.copies),
        e_licence=a.e_licence or b.e_licence,
        standard=a.standard or b.standard,
    )
