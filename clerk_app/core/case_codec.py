"""Cases as plain JSON-ready dictionaries, and back, with precise errors for bad input.

The dictionary form is what the local store keeps and what sync sends; keys are stable.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from clerk_app.core.case import (
    Agent,
    Applicant,
    Case,
    CaseState,
    Decision,
    DecisionKind,
    MaterialReceipt,
    Transition,
)

FORMAT_VERSION = 1
# 窗口办件 / 网上办件. A case from the online service platform carries "channel": "online"; the key is
# optional and absent means "window" (every case a workstation writes), so older payloads read alike.
CHANNELS = ("window", "online")


class CaseFormatError(ValueError):
    """A stored or received case that cannot be read; names the field."""


def case_to_dict(case: Case) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "id": case.id,
        "number": case.number,
        "code": case.code,
        "name": case.name,
        "matter_codes": list(case.matter_codes),
        "departments": list(case.departments),
        "hall_code": case.hall_code,
        "window_code": case.window_code,
        "created_at": case.created_at.isoformat(),
        "clerk": case.clerk,
        "applicant": _applicant_to_dict(case.applicant),
        "answers": dict(case.answers),
        "materials": [_material_to_dict(m) for m in case.materials],
        "state": case.state.value,
        "decision": _decision_to_dict(case.decision) if case.decision else None,
        "transitions": [_transition_to_dict(t) for t in case.transitions],
        "revision": case.revision,
    }


def _applicant_to_dict(applicant: Applicant) -> dict[str, Any]:
    agent = applicant.agent
    return {
        "kind": applicant.kind,
        "name": applicant.name,
        "id_number": applicant.id_number,
        "phone": applicant.phone,
        "address": applicant.address,
        "legal_rep": applicant.legal_rep,
        "agent": {"name": agent.name, "id_number": agent.id_number, "phone": agent.phone} if agent else None,
    }


def _material_to_dict(m: MaterialReceipt) -> dict[str, Any]:
    return {
        "key": m.key, "name": m.name, "necessity": m.necessity, "required": m.required,
        "received": m.received, "form": m.form, "copies": m.copies, "by_e_licence": m.by_e_licence,
        "tolerated": m.tolerated, "due": _day(m.due), "defect": m.defect, "scans": list(m.scans),
    }


def _decision_to_dict(d: Decision) -> dict[str, Any]:
    return {
        "kind": d.kind.value, "by": d.by, "by_name": d.by_name, "at": d.at.isoformat(),
        "reason": d.reason, "competent_agency": d.competent_agency, "missing": list(d.missing),
        "promise_due": _day(d.promise_due), "promised_date": _day(d.promised_date),
    }


def _transition_to_dict(t: Transition) -> dict[str, Any]:
    return {
        "from": t.from_state.value, "to": t.to_state.value, "at": t.at.isoformat(),
        "actor": t.actor, "note": t.note,
    }


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


class _Reader:
    """Reads typed values out of a dict, naming the path of whatever is wrong."""

    def __init__(self, data: Any, path: str) -> None:
        if not isinstance(data, dict):
            raise CaseFormatError(f"{path or 'case'}: expected an object")
        self.data = data
        self.path = path

    def _where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        if key not in self.data:
            if default is ...:
                raise CaseFormatError(f"{self._where(key)}: missing")
            return default
        value = self.data[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind in (int, (int, float))):
            raise CaseFormatError(f"{self._where(key)}: expected {_kind_name(kind)}")
        return value

    def text(self, key: str, default: Any = ...) -> str:
        return self.get(key, str, default)

    def moment(self, key: str) -> datetime:
        try:
            return datetime.fromisoformat(self.text(key))
        except ValueError:
            raise CaseFormatError(f"{self._where(key)}: not a date-time") from None

    def day(self, key: str) -> date | None:
        value = self.get(key, (str, type(None)), None)
        try:
            return date.fromisoformat(value) if value is not None else None
        except ValueError:
            raise CaseFormatError(f"{self._where(key)}: not a date") from None

    def texts(self, key: str) -> tuple[str, ...]:
        items = self.get(key, list, [])
        if not all(isinstance(i, str) for i in items):
            raise CaseFormatError(f"{self._where(key)}: expected a list of text")
        return tuple(items)

    def child(self, key: str) -> _Reader:
        return _Reader(self.get(key, dict), self._where(key))

    def children(self, key: str) -> list[_Reader]:
        return [_Reader(item, f"{self._where(key)}[{i}]") for i, item in enumerate(self.get(key, list, []))]

    def enum(self, key: str, kind: type[CaseState] | type[DecisionKind]) -> Any:
        value = self.text(key)
        try:
            return kind(value)
        except ValueError:
            raise CaseFormatError(f"{self._where(key)}: unknown value {value!r}") from None


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {str: "text", int: "a whole number", float: "a number", bool: "true/false",
             list: "a list", dict: "an object", type(None): "null"}
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def case_from_dict(data: Any) -> Case:
    """Read a case dictionary (raises CaseFormatError naming the first bad field)."""
    r = _Reader(data, "")
    if r.get("format", int) != FORMAT_VERSION:
        raise CaseFormatError(f"format: unsupported case format {data.get('format')!r}")
    channel_of(data)
    decision = r.get("decision", (dict, type(None)), None)
    return Case(
        id=r.text("id"),
        number=r.text("number"),
        code=r.text("code"),
        name=r.text("name"),
        matter_codes=r.texts("matter_codes"),
        departments=r.texts("departments"),
        hall_code=r.text("hall_code"),
        window_code=r.text("window_code"),
        created_at=r.moment("created_at"),
        clerk=r.text("clerk"),
        applicant=_applicant(r.child("applicant")),
        answers=dict(r.get("answers", dict, {})),
        materials=tuple(_material(m) for m in r.children("materials")),
        state=r.enum("state", CaseState),
        decision=_decision(r.child("decision")) if decision is not None else None,
        transitions=tuple(_transition(t) for t in r.children("transitions")),
        revision=r.get("revision", int, 1),
    )


def channel_of(data: dict[str, Any]) -> str:
    """The case's channel, "window" when its dictionary names none (raises CaseFormatError)."""
    value = data.get("channel", CHANNELS[0])
    if value not in CHANNELS:
        raise CaseFormatError(f"channel: expected one of {', '.join(CHANNELS)}, not {value!r}")
    return str(value)


def _applicant(r: _Reader) -> Applicant:
    agent_data = r.get("agent", (dict, type(None)), None)
    agent = None
    if agent_data is not None:
        a = r.child("agent")
        agent = Agent(name=a.text("name"), id_number=a.text("id_number"), phone=a.text("phone", ""))
    return Applicant(
        kind=r.text("kind"), name=r.text("name"), id_number=r.text("id_number", ""),
        phone=r.text("phone", ""), address=r.text("address", ""), legal_rep=r.text("legal_rep", ""),
        agent=agent,
    )


def _material(r: _Reader) -> MaterialReceipt:
    return MaterialReceipt(
        key=r.text("key"), name=r.text("name"), necessity=r.text("necessity"),
        required=r.get("required", bool), received=r.get("received", bool, False),
        form=r.text("form", ""), copies=r.get("copies", int, 0),
        by_e_licence=r.get("by_e_licence", bool, False), tolerated=r.get("tolerated", bool, False),
        due=r.day("due"), defect=r.text("defect", ""), scans=r.texts("scans"),
    )


def _decision(r: _Reader) -> Decision:
    return Decision(
        kind=r.enum("kind", DecisionKind), by=r.text("by"), by_name=r.text("by_name", ""),
        at=r.moment("at"), reason=r.text("reason", ""), competent_agency=r.text("competent_agency", ""),
        missing=r.texts("missing"), promise_due=r.day("promise_due"), promised_date=r.day("promised_date"),
    )


def _transition(r: _Reader) -> Transition:
    return Transition(
        from_state=r.enum("from", CaseState), to_state=r.enum("to", CaseState),
        at=r.moment("at"), actor=r.text("actor"), note=r.text("note", ""),
    )
