"""容缺 follow-up: the promises of tolerance-accepted cases, which are due or overdue, and closing them.

A tolerance acceptance leaves secondary materials to be supplied by a promised day
(`MaterialReceipt.tolerated` with `due`, else the decision's `promise_due`). A promise is open
while its material is not satisfied; supplying the material (`supply_material`) marks it received
(keeping `tolerated` and `due` as the history of the promise) and so closes the promise. The
result may be handed out only when no promise is open ("容缺材料补齐后方可领取办理结果").

Due-ness uses the three-level reminders on the promise day, in working days.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime

from clerk_app.core.case import Case, CaseState, DecisionKind, MaterialReceipt
from clerk_app.core.problems import WordedError
from clerk_app.core.reminders import DEFAULT_POLICY, Reminder, ReminderLevel, ReminderPolicy, remind
from clerk_app.core.workdays import WorkCalendar

TOLERANCE_MESSAGES: dict[str, tuple[str, str]] = {
    "tolerance.not_tolerance": (
        "办件{case}不是容缺受理的办件，没有需要补齐的材料",
        "Case {case} was not accepted with tolerance: it has no material to supply",
    ),
    "tolerance.closed": (
        "办件{case}已出件或已终止，不能再补齐材料",
        "Case {case} is handed out or closed: materials can no longer be supplied",
    ),
    "tolerance.unknown_material": (
        "办件{case}没有容缺材料“{key}”",
        "Case {case} has no tolerated material “{key}”",
    ),
    "tolerance.already_supplied": (
        "容缺材料“{name}”已经补齐",
        "The tolerated material “{name}” was already supplied",
    ),
    "tolerance.actor": ("请填写接收人", "Who received the material is required"),
}

_CLOSED_STATES = frozenset({CaseState.HANDED_OUT, CaseState.NOTIFIED, CaseState.REFUSED, CaseState.DRAFT})


class ToleranceError(WordedError):
    """A supply of a tolerated material that cannot be recorded."""

    MESSAGES = TOLERANCE_MESSAGES


@dataclass(frozen=True)
class TolerancePromise:
    """One material an applicant promised to supply, and by when."""

    case_id: str
    case_number: str
    case_name: str
    applicant: str
    phone: str
    material_key: str
    material_name: str
    due: date


@dataclass(frozen=True)
class PromiseRow:
    """A promise with its reminder on one day: a row of the follow-up list."""

    promise: TolerancePromise
    reminder: Reminder

    @property
    def overdue(self) -> bool:
        return self.reminder.overdue


@dataclass(frozen=True)
class SupplyRecord:
    """A tolerated material supplied: closes its promise."""

    case_number: str
    material_key: str
    material_name: str
    at: datetime
    by: str
    due: date | None

    @property
    def late(self) -> bool:
        """Supplied after the promised day (recorded for the applicant's credit record)."""
        return self.due is not None and self.at.date() > self.due


def is_open_promise(receipt: MaterialReceipt) -> bool:
    return receipt.tolerated and not receipt.satisfied


def _promise_day(case: Case, receipt: MaterialReceipt) -> date | None:
    decision = case.decision
    fallback = (decision.promise_due or decision.promised_date) if decision else None
    return receipt.due or fallback


def _is_tolerance_case(case: Case) -> bool:
    return case.decision is not None and case.decision.kind is DecisionKind.TOLERANCE_ACCEPT


def open_promises(case: Case) -> tuple[TolerancePromise, ...]:
    """The case's promises whose material is not supplied yet (none once the case is closed)."""
    if not _is_tolerance_case(case) or case.state in _CLOSED_STATES:
        return ()
    promises = []
    for receipt in case.materials:
        due = _promise_day(case, receipt)
        if is_open_promise(receipt) and due is not None:
            promises.append(TolerancePromise(
                case.id, case.number, case.name, case.applicant.name, case.applicant.phone,
                receipt.key, receipt.name, due,
            ))
    return tuple(promises)


def promise_rows(
    cases: Iterable[Case],
    today: date,
    calendar: WorkCalendar,
    policy: ReminderPolicy = DEFAULT_POLICY,
    *,
    at_least: ReminderLevel = ReminderLevel.NONE,
) -> list[PromiseRow]:
    """Open promises of `cases` at `at_least` or above on `today`, earliest due first."""
    rows = []
    for case in cases:
        for promise in open_promises(case):
            reminder = remind(promise.due, today, calendar, policy)
            if reminder.level.rank >= at_least.rank:
                rows.append(PromiseRow(promise, reminder))
    return sorted(rows, key=lambda r: (r.promise.due, r.promise.case_number, r.promise.material_key))


def due_promises(
    cases: Iterable[Case], today: date, calendar: WorkCalendar, policy: ReminderPolicy = DEFAULT_POLICY
) -> list[PromiseRow]:
    """Promises falling due (warning), due today or overdue: the day's call list."""
    return promise_rows(cases, today, calendar, policy, at_least=ReminderLevel.WARNING)


def overdue_promises(
    cases: Iterable[Case], today: date, calendar: WorkCalendar, policy: ReminderPolicy = DEFAULT_POLICY
) -> list[PromiseRow]:
    """Promises whose day has passed without the material."""
    return [row for row in promise_rows(cases, today, calendar, policy) if row.overdue]


@dataclass(frozen=True)
class Supplied:
    case: Case
    record: SupplyRecord


def supply_material(
    case: Case,
    key: str,
    *,
    at: datetime,
    by: str,
    form: str = "",
    copies: int = 0,
    scans: tuple[str, ...] = (),
) -> Supplied:
    """The case with tolerated material `key` received (promise closed), and the record of it."""
    if not _is_tolerance_case(case):
        raise ToleranceError("tolerance.not_tolerance", case=case.number)
    if case.state in _CLOSED_STATES:
        raise ToleranceError("tolerance.closed", case=case.number)
    if not by.strip():
        raise ToleranceError("tolerance.actor")
    receipt = next((m for m in case.materials if m.key == key and m.tolerated), None)
    if receipt is None:
        raise ToleranceError("tolerance.unknown_material", case=case.number, key=key)
    if not is_open_promise(receipt):
        raise ToleranceError("tolerance.already_supplied", name=receipt.name)
    supplied = replace(receipt, received=True, defect="", form=form or receipt.form,
                       copies=copies or receipt.copies or 1, scans=(*receipt.scans, *scans))
    materials = tuple(supplied if m is receipt else m for m in case.materials)
    record = SupplyRecord(case.number, receipt.key, receipt.name, at, by.strip(), _promise_day(case, receipt))
    return Supplied(replace(case, materials=materials), record)


def all_supplied(case: Case) -> bool:
    """No promise of the case is open: its result may be handed out."""
    return not any(is_open_promise(m) for m in case.materials)
