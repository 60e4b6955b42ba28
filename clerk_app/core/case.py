"""A case (办件): what the applicant asked for, what the clerk received and decided, and its life.

The lifecycle is a state machine; every transition is recorded with who, when and why.

    draft ─┬─ accept ───────────── accepted ──────────┐
           ├─ tolerance accept ─── tolerance_accepted ─┤
           ├─ one-time notice ──── notified            ├─ synced ─┬─ correction_requested ─ (resubmit) ─ accepted
           └─ refuse ───────────── refused             │          ├─ approved ─ handed_out
                                                       │          └─ denied ─── handed_out
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class CaseState(StrEnum):
    DRAFT = "draft"
    ACCEPTED = "accepted"  # 受理
    TOLERANCE_ACCEPTED = "tolerance_accepted"  # 容缺受理
    NOTIFIED = "notified"  # 一次性告知
    REFUSED = "refused"  # 不予受理
    SYNCED = "synced"  # handed to the back office
    CORRECTION_REQUESTED = "correction_requested"  # 补正
    APPROVED = "approved"  # 准予
    DENIED = "denied"  # 不予许可
    HANDED_OUT = "handed_out"  # 出件


STATE_LABELS: dict[CaseState, tuple[str, str]] = {
    CaseState.DRAFT: ("草稿", "Draft"),
    CaseState.ACCEPTED: ("已受理", "Accepted"),
    CaseState.TOLERANCE_ACCEPTED: ("容缺受理", "Accepted with tolerance"),
    CaseState.NOTIFIED: ("一次性告知", "One-time notice"),
    CaseState.REFUSED: ("不予受理", "Refused"),
    CaseState.SYNCED: ("已推送后台", "Sent to back office"),
    CaseState.CORRECTION_REQUESTED: ("退回补正", "Returned for correction"),
    CaseState.APPROVED: ("准予", "Approved"),
    CaseState.DENIED: ("不予许可", "Denied"),
    CaseState.HANDED_OUT: ("已出件", "Handed out"),
}

TRANSITIONS: dict[CaseState, frozenset[CaseState]] = {
    CaseState.DRAFT: frozenset(
        {CaseState.ACCEPTED, CaseState.TOLERANCE_ACCEPTED, CaseState.NOTIFIED, CaseState.REFUSED}
    ),
    CaseState.ACCEPTED: frozenset({CaseState.SYNCED}),
    CaseState.TOLERANCE_ACCEPTED: frozenset({CaseState.SYNCED}),
    CaseState.SYNCED: frozenset({CaseState.CORRECTION_REQUESTED, CaseState.APPROVED, CaseState.DENIED}),
    CaseState.CORRECTION_REQUESTED: frozenset({CaseState.ACCEPTED}),
    CaseState.APPROVED: frozenset({CaseState.HANDED_OUT}),
    CaseState.DENIED: frozenset({CaseState.HANDED_OUT}),
    CaseState.NOTIFIED: frozenset(),
    CaseState.REFUSED: frozenset(),
    CaseState.HANDED_OUT: frozenset(),
}

DECIDED_AT_WINDOW = frozenset(
    {CaseState.ACCEPTED, CaseState.TOLERANCE_ACCEPTED, CaseState.NOTIFIED, CaseState.REFUSED}
)


class DecisionKind(StrEnum):
    ACCEPT = "accept"
    TOLERANCE_ACCEPT = "tolerance_accept"
    NOTIFY = "notify"
    REFUSE = "refuse"

    @property
    def state(self) -> CaseState:
        return {
            DecisionKind.ACCEPT: CaseState.ACCEPTED,
            DecisionKind.TOLERANCE_ACCEPT: CaseState.TOLERANCE_ACCEPTED,
            DecisionKind.NOTIFY: CaseState.NOTIFIED,
            DecisionKind.REFUSE: CaseState.REFUSED,
        }[self]


class TransitionError(ValueError):
    """A lifecycle step that the state machine does not allow."""

    def __init__(self, current: CaseState, target: CaseState) -> None:
        super().__init__(f"a case in state {current.value} cannot become {target.value}")
        self.current = current
        self.target = target


@dataclass(frozen=True)
class Transition:
    from_state: CaseState
    to_state: CaseState
    at: datetime
    actor: str
    note: str = ""


@dataclass(frozen=True)
class Agent:
    """代办人: the person who came on the applicant's behalf."""

    name: str
    id_number: str
    phone: str = ""


@dataclass(frozen=True)
class Applicant:
    kind: str  # 自然人 / 法人 / 其他组织
    name: str
    id_number: str = ""  # identity number of a person, or the credit code of an organisation
    phone: str = ""
    address: str = ""
    legal_rep: str = ""  # 法定代表人, for organisations
    agent: Agent | None = None


@dataclass(frozen=True)
class MaterialReceipt:
    """The clerk's record of one material of the checklist."""

    key: str
    name: str
    necessity: str  # 必要 / 容缺 / 非必要
    required: bool  # required in the case's situation
    received: bool = False
    form: str = ""  # 原件 / 复印件 / 原件和复印件 / 电子 as received
    copies: int = 0
    by_e_licence: bool = False  # satisfied by pulling the 电子证照
    tolerated: bool = False  # missing, to be supplied under a 容缺 promise
    due: date | None = None  # promise deadline when tolerated
    defect: str = ""  # what is wrong with what was received (for the one-time notice)
    scans: tuple[str, ...] = ()  # sha256 of scanned pages (document camera)

    @property
    def satisfied(self) -> bool:
        return (self.received or self.by_e_licence) and not self.defect


@dataclass(frozen=True)
class Decision:
    kind: DecisionKind
    by: str  # clerk account
    by_name: str  # clerk's name as printed
    at: datetime
    reason: str = ""  # refuse: the reason; notify: an overall remark
    competent_agency: str = ""  # refuse: who is competent instead
    missing: tuple[str, ...] = ()  # notify: everything missing or wrong, listed once
    promise_due: date | None = None  # tolerance: the date the missing material is promised by
    promised_date: date | None = None  # accept: the promised completion date


@dataclass(frozen=True)
class Case:
    id: str  # ULID: globally unique, sortable
    number: str  # human case number (办件编号), never colliding across windows and halls
    code: str  # matter or bundle code
    name: str  # matter or bundle name at intake time
    matter_codes: tuple[str, ...]
    departments: tuple[str, ...]
    hall_code: str
    window_code: str
    created_at: datetime
    clerk: str
    applicant: Applicant
    answers: dict[str, Any] = field(default_factory=dict)  # situations and fields by key
    materials: tuple[MaterialReceipt, ...] = ()
    state: CaseState = CaseState.DRAFT
    decision: Decision | None = None
    transitions: tuple[Transition, ...] = ()
    revision: int = 1

    def can_become(self, target: CaseState) -> bool:
        return target in TRANSITIONS[self.state]

    def moved(self, target: CaseState, *, at: datetime, actor: str, note: str = "") -> Case:
        """This case after a lifecycle step (raises TransitionError when not allowed)."""
        if not self.can_become(target):
            raise TransitionError(self.state, target)
        step = Transition(self.state, target, at, actor, note)
        return replace(self, state=target, transitions=(*self.transitions, step))

    def decided(self, decision: Decision) -> Case:
        """The draft after the clerk's decision at the window, recorded as a transition."""
        moved = self.moved(decision.kind.state, at=decision.at, actor=decision.by, note=decision.reason)
        return replace(moved, decision=decision)

    @property
    def tolerated_materials(self) -> tuple[MaterialReceipt, ...]:
        return tuple(m for m in self.materials if m.tolerated)


def state_label(state: CaseState, lang: str = "zh") -> str:
    zh, en = STATE_LABELS[state]
    return en if lang.startswith("en") else zh
