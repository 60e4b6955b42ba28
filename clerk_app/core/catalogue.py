"""The catalogue of matters, bundles and departments a hall offers, and the forms they define."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from clerk_app.core.formspec import FormSpec, form_for_bundle, form_for_matter
from clerk_app.core.guide import Bundle, Department, Matter


@dataclass(frozen=True)
class Catalogue:
    matters: Mapping[str, Matter] = field(default_factory=dict)
    bundles: Mapping[str, Bundle] = field(default_factory=dict)
    departments: Mapping[str, Department] = field(default_factory=dict)

    def __contains__(self, code: object) -> bool:
        return code in self.matters or code in self.bundles

    def form(self, code: str) -> FormSpec:
        """The intake form for a matter or bundle code (KeyError when unknown)."""
        if code in self.matters:
            return form_for_matter(self.matters[code])
        return form_for_bundle(self.bundles[code], self.matters)

    def name_of(self, code: str) -> str:
        item = self.matters.get(code) or self.bundles.get(code)
        return item.name if item is not None else code

    def department_name(self, key: str) -> str:
        department = self.departments.get(key)
        return department.name if department is not None else key

    def matters_of(self, department: str) -> list[Matter]:
        return sorted(
            (m for m in self.matters.values() if m.department == department), key=lambda m: m.code
        )
