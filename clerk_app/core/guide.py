"""The standardized service guide (标准化办事指南) of one matter, and the catalogue's other documents.

Objects here are immutable and built from documents that already passed the JSON Schema
(`clerk_app.catalogue` validates and locates errors); `matter_from_document` and friends only
translate shapes and parse conditions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from clerk_app.core.expr import Expression, parse


class FieldType(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"
    PHONE = "phone"
    ADDRESS = "address"
    ID_NUMBER = "id_number"
    CREDIT_CODE = "credit_code"
    MONEY = "money"


class Necessity(StrEnum):
    KEY = "必要"
    TOLERABLE = "容缺"
    OPTIONAL = "非必要"


IMMEDIATE = "即办件"
PROMISED = "承诺件"


@dataclass(frozen=True)
class Situation:
    """情形: a question whose answer switches fields and materials."""

    key: str
    label: str
    options: tuple[str, ...]
    default: str | None = None
    when: Expression | None = None


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    type: FieldType
    required: bool = True
    when: Expression | None = None
    help: str | None = None
    options: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    max_length: int | None = None
    card: str | None = None


@dataclass(frozen=True)
class Material:
    key: str
    name: str
    form: str
    copies: int
    necessity: Necessity
    source: str
    e_licence: str | None = None
    standard: str | None = None
    sample: str | None = None
    when: Expression | None = None

    @property
    def is_key(self) -> bool:
        return self.necessity is Necessity.KEY

    @property
    def tolerable(self) -> bool:
        return self.necessity is Necessity.TOLERABLE


@dataclass(frozen=True)
class TimeLimit:
    kind: str
    legal_days: int | None = None
    promised_days: int | None = None

    @property
    def immediate(self) -> bool:
        return self.kind == IMMEDIATE

    @property
    def promised(self) -> int:
        """Working days promised to the applicant (0 for 即办件)."""
        return 0 if self.immediate else int(self.promised_days or 0)


@dataclass(frozen=True)
class Fee:
    name: str
    amount: float
    basis: str
    unit: str | None = None


@dataclass(frozen=True)
class LegalBasis:
    name: str
    article: str | None = None

    def __str__(self) -> str:
        return f"{self.name}{self.article or ''}"


@dataclass(frozen=True)
class Result:
    name: str
    kind: str
    delivery: tuple[str, ...]
    e_licence: bool = False


@dataclass(frozen=True)
class ProcessStep:
    step: str
    actor: str | None = None
    days: int | None = None


@dataclass(frozen=True)
class Contacts:
    consult: str
    complaint: str
    address: str | None = None
    hours: str | None = None


@dataclass(frozen=True)
class Hierarchy:
    main: str | None = None
    sub: str | None = None
    item: str | None = None


@dataclass(frozen=True)
class Matter:
    """One matter (事项) as its standardized guide defines it."""

    code: str
    name: str
    type: str
    department: str
    agency: str
    legal_basis: tuple[LegalBasis, ...]
    applicant_kinds: tuple[str, ...]
    conditions: tuple[str, ...]
    situations: tuple[Situation, ...]
    fields: tuple[FieldSpec, ...]
    materials: tuple[Material, ...]
    time_limit: TimeLimit
    fees: tuple[Fee, ...]
    charged: bool
    visits: int
    online_level: str
    result: Result
    process: tuple[ProcessStep, ...]
    contacts: Contacts
    basic_code: str | None = None
    aliases: tuple[str, ...] = ()
    hierarchy: Hierarchy = Hierarchy()
    online_url: str | None = None
    notes: tuple[str, ...] = ()

    def field(self, key: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.key == key), None)

    def situation(self, key: str) -> Situation | None:
        return next((s for s in self.situations if s.key == key), None)

    @property
    def fee_text(self) -> str:
        if not self.charged:
            return "不收费"
        return "；".join(f"{f.name}{f.amount:g}元{('/' + f.unit) if f.unit else ''}" for f in self.fees)


@dataclass(frozen=True)
class BundleMember:
    code: str
    when: Expression | None = None
    answers: tuple[tuple[str, str], ...] = ()  # situations of the matter the bundle fixes


@dataclass(frozen=True)
class Bundle:
    """一件事一次办: several matters behind one form and one set of materials."""

    code: str
    name: str
    department: str
    members: tuple[BundleMember, ...]
    situations: tuple[Situation, ...] = ()
    aliases: tuple[str, ...] = ()
    description: str | None = None


@dataclass(frozen=True)
class Department:
    key: str
    name: str
    full_name: str | None = None
    phone: str | None = None


def _when(doc: Mapping[str, Any]) -> Expression | None:
    text = doc.get("when")
    return parse(text) if text is not None else None


def situation_from_document(doc: Mapping[str, Any]) -> Situation:
    return Situation(
        key=doc["key"],
        label=doc["label"],
        options=tuple(doc["options"]),
        default=doc.get("default"),
        when=_when(doc),
    )


def field_from_document(doc: Mapping[str, Any]) -> FieldSpec:
    return FieldSpec(
        key=doc["key"],
        label=doc["label"],
        type=FieldType(doc["type"]),
        required=bool(doc.get("required", True)),
        when=_when(doc),
        help=doc.get("help"),
        options=tuple(doc.get("options", ())),
        min=doc.get("min"),
        max=doc.get("max"),
        max_length=doc.get("max_length"),
        card=doc.get("card"),
    )


def material_from_document(doc: Mapping[str, Any]) -> Material:
    return Material(
        key=doc["key"],
        name=doc["name"],
        form=doc["form"],
        copies=int(doc["copies"]),
        necessity=Necessity(doc["necessity"]),
        source=doc["source"],
        e_licence=doc.get("e_licence"),
        standard=doc.get("standard"),
        sample=doc.get("sample"),
        when=_when(doc),
    )


def matter_from_document(doc: Mapping[str, Any]) -> Matter:
    """Build a Matter from a schema-valid `doc: matter` document (raises ExprError on conditions)."""
    fees = doc["fees"]
    result = doc["result"]
    online = doc["online"]
    return Matter(
        code=str(doc["code"]),
        basic_code=doc.get("basic_code"),
        name=doc["name"],
        aliases=tuple(doc.get("aliases", ())),
        hierarchy=Hierarchy(**doc.get("hierarchy", {})),
        type=doc["type"],
        department=doc["department"],
        agency=doc["agency"],
        legal_basis=tuple(LegalBasis(**b) for b in doc["legal_basis"]),
        applicant_kinds=tuple(doc["applicant_kinds"]),
        conditions=tuple(doc["conditions"]),
        situations=tuple(situation_from_document(s) for s in doc.get("situations", ())),
        fields=tuple(field_from_document(f) for f in doc.get("fields", ())),
        materials=tuple(material_from_document(m) for m in doc["materials"]),
        time_limit=TimeLimit(**doc["time_limit"]),
        charged=bool(fees["charged"]),
        fees=tuple(Fee(**item) for item in fees.get("items", ())),
        visits=int(doc["visits"]),
        online_level=online["level"],
        online_url=online.get("url"),
        result=Result(
            name=result["name"],
            kind=result["kind"],
            delivery=tuple(result["delivery"]),
            e_licence=bool(result.get("e_licence", False)),
        ),
        process=tuple(ProcessStep(**step) for step in doc["process"]),
        contacts=Contacts(**doc["contacts"]),
        notes=tuple(doc.get("notes", ())),
    )


def bundle_from_document(doc: Mapping[str, Any]) -> Bundle:
    return Bundle(
        code=str(doc["code"]),
        name=doc["name"],
        department=doc["department"],
        aliases=tuple(doc.get("aliases", ())),
        description=doc.get("description"),
        situations=tuple(situation_from_document(s) for s in doc.get("situations", ())),
        members=tuple(
            BundleMember(code=str(m["code"]), when=_when(m), answers=tuple(m.get("answers", {}).items()))
            for m in doc["matters"]
        ),
    )


def departments_from_document(doc: Mapping[str, Any]) -> tuple[Department, ...]:
    return tuple(Department(**d) for d in doc["departments"])
