"""Three-level reminders (三级提醒) of electronic supervision on a deadline counted in working days.

    NONE ──── WARNING (预警) ──── YELLOW (黄牌) ──── RED (红牌)
              from N working     on the deadline     after the deadline
              days before        day (and the        (and its grace)
              the deadline       grace days after)

The thresholds are dates found with the official calendar (`WorkCalendar`, 调休 make-up days
included): the warning starts `warning_days` working days before the deadline, so a deadline on
the Thursday after the National Day break warns from the last working day before the break.
`red_grace_days` (default 0) keeps a case yellow for that many working days after its deadline.

`level_of` and `workdays_left` raise `CalendarGapError` for a year without official data;
`remind` and `summarize` never raise: such years are counted Monday to Friday and the answer
carries a `CalendarWarning`, as for the promised date on a receipt.

A case's deadline is the promised completion date its decision carries (`Decision.promised_date`,
the date printed on the receipt); for a case without one it is `promised_completion` of the
acceptance day and the matter's promised working days (`FormSpec.promised_days`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import TypeVar

from clerk_app.core.case import Case, CaseState, DecisionKind
from clerk_app.core.problems import WordedError, word
from clerk_app.core.workdays import CalendarWarning, Reckoned, WorkCalendar

T = TypeVar("T")
MAX_THRESHOLD_DAYS = 30

REMINDER_MESSAGES: dict[str, tuple[str, str]] = {
    "reminder.warning_days": (
        "预警提前的工作日数应为1到{max}之间的整数，而不是“{value}”",
        "The warning must start 1 to {max} working days before the deadline, not “{value}”",
    ),
    "reminder.grace_days": (
        "黄牌宽限的工作日数应为0到{max}之间的整数，而不是“{value}”",
        "The yellow-card grace must be 0 to {max} working days, not “{value}”",
    ),
    "reminder.left": ("剩余{days}个工作日（{deadline}到期）", "{days} working {unit} left (due {deadline})"),
    "reminder.today": ("今日到期（{deadline}）", "Due today ({deadline})"),
    "reminder.overdue": ("超期{days}个工作日（{deadline}到期）", "{days} working {unit} overdue (due {deadline})"),
    "reminder.past": ("已超过办结期限（{deadline}到期）", "Past the deadline (due {deadline})"),
}


class ReminderLevel(StrEnum):
    NONE = "none"
    WARNING = "warning"  # 预警
    YELLOW = "yellow"  # 黄牌
    RED = "red"  # 红牌

    @property
    def rank(self) -> int:
        """0 for NONE up to 3 for RED: sorts cases by urgency."""
        return list(ReminderLevel).index(self)

    def label(self, lang: str = "zh") -> str:
        zh, en = LEVEL_LABELS[self]
        return en if lang.startswith("en") else zh


LEVEL_LABELS: dict[ReminderLevel, tuple[str, str]] = {
    ReminderLevel.NONE: ("正常", "On time"),
    ReminderLevel.WARNING: ("预警", "Warning"),
    ReminderLevel.YELLOW: ("黄牌", "Yellow card"),
    ReminderLevel.RED: ("红牌", "Red card"),
}

# Cases whose time limit runs: accepted at the window and not yet decided by the back office.
RUNNING_STATES = frozenset({CaseState.ACCEPTED, CaseState.TOLERANCE_ACCEPTED, CaseState.SYNCED})


class ReminderPolicyError(WordedError):
    """A reminder threshold that cannot be used."""

    MESSAGES = REMINDER_MESSAGES


@dataclass(frozen=True)
class ReminderPolicy:
    """The hall's thresholds, in working days."""

    warning_days: int = 1  # 预警 starts this many working days before the deadline
    red_grace_days: int = 0  # 黄牌 lasts this many working days after the deadline before 红牌

    def __post_init__(self) -> None:
        if not _is_count(self.warning_days, 1):
            raise ReminderPolicyError("reminder.warning_days", value=self.warning_days, max=MAX_THRESHOLD_DAYS)
        if not _is_count(self.red_grace_days, 0):
            raise ReminderPolicyError("reminder.grace_days", value=self.red_grace_days, max=MAX_THRESHOLD_DAYS)


def _is_count(value: object, minimum: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and minimum <= value <= MAX_THRESHOLD_DAYS


DEFAULT_POLICY = ReminderPolicy()


@dataclass(frozen=True)
class Thresholds:
    """The dates on which a deadline's level changes."""

    warning_from: date  # WARNING from this day
    deadline: date  # YELLOW from this day
    red_after: date  # RED after this day

    def level(self, today: date) -> ReminderLevel:
        if today > self.red_after:
            return ReminderLevel.RED
        if today >= self.deadline:
            return ReminderLevel.YELLOW
        if today >= self.warning_from:
            return ReminderLevel.WARNING
        return ReminderLevel.NONE


class _Counter:
    """Working-day arithmetic, strict (raises on a gap) or estimating (notes the years it guessed)."""

    def __init__(self, calendar: WorkCalendar, *, estimate: bool) -> None:
        self._calendar = calendar
        self._estimate = estimate
        self._years: set[int] = set()

    def add(self, start: date, n: int) -> date:
        if not self._estimate:
            return self._calendar.add_workdays(start, n)
        return self._noted(self._calendar.fallback().add_workdays(start, n))

    def between(self, a: date, b: date) -> int:
        if not self._estimate:
            return self._calendar.workdays_between(a, b)
        return self._noted(self._calendar.fallback().workdays_between(a, b))

    def _noted(self, reckoned: Reckoned[T]) -> T:
        if reckoned.warning is not None:
            self._years.update(reckoned.warning.years)
        return reckoned.value

    @property
    def warning(self) -> CalendarWarning | None:
        return CalendarWarning(tuple(sorted(self._years))) if self._years else None


def _thresholds(deadline: date, counter: _Counter, policy: ReminderPolicy) -> Thresholds:
    return Thresholds(
        warning_from=counter.add(deadline, -policy.warning_days),
        deadline=deadline,
        red_after=counter.add(deadline, policy.red_grace_days),
    )


def thresholds(deadline: date, calendar: WorkCalendar, policy: ReminderPolicy = DEFAULT_POLICY) -> Thresholds:
    """The days a deadline warns, turns yellow and turns red (raises CalendarGapError on a gap)."""
    return _thresholds(deadline, _Counter(calendar, estimate=False), policy)


def level_of(
    deadline: date, today: date, calendar: WorkCalendar, policy: ReminderPolicy = DEFAULT_POLICY
) -> ReminderLevel:
    """The reminder level of `deadline` on `today` (raises CalendarGapError on a gap)."""
    return thresholds(deadline, calendar, policy).level(today)


def workdays_left(deadline: date, today: date, calendar: WorkCalendar) -> int:
    """Working days after today up to the deadline; negative: working days overdue.

    0 on the deadline day. Overdue counts the deadline day itself onwards up to yesterday, so the
    Monday after a Friday deadline is 1 working day overdue, and so is the weekend before it.
    """
    return calendar.workdays_between(today, deadline)


@dataclass(frozen=True)
class Reminder:
    """A deadline as the supervisor sees it on one day: level, working days left, words."""

    deadline: date
    today: date
    level: ReminderLevel
    workdays_left: int  # negative when overdue
    warning: CalendarWarning | None = None  # a year was counted Monday to Friday

    @property
    def overdue(self) -> bool:
        return self.today > self.deadline

    @property
    def workdays_overdue(self) -> int:
        return max(0, -self.workdays_left) if self.overdue else 0

    def label(self, lang: str = "zh") -> str:
        """预警 / 黄牌 …: shown next to the colour, never the colour alone."""
        return self.level.label(lang)

    def sentence(self, lang: str = "zh") -> str:
        """e.g. 剩余2个工作日（2025-10-09到期）, 今日到期, 超期2个工作日."""
        deadline = self.deadline.isoformat()
        if self.overdue:
            days = self.workdays_overdue
            code = "reminder.overdue" if days else "reminder.past"
        elif self.today == self.deadline:
            code, days = "reminder.today", 0
        else:
            code, days = "reminder.left", self.workdays_left
        unit = "day" if days == 1 else "days"
        return word(REMINDER_MESSAGES, code, {"days": days, "unit": unit, "deadline": deadline}, lang)


def remind(
    deadline: date, today: date, calendar: WorkCalendar, policy: ReminderPolicy = DEFAULT_POLICY
) -> Reminder:
    """The reminder for `deadline` on `today`; never raises (a gap year is estimated, with a warning)."""
    counter = _Counter(calendar, estimate=True)
    level = _thresholds(deadline, counter, policy).level(today)
    left = counter.between(today, deadline)
    return Reminder(deadline, today, level, left, counter.warning)


@dataclass(frozen=True)
class ReminderSummary:
    """How many deadlines are at each level on one day."""

    counts: Mapping[ReminderLevel, int] = field(default_factory=dict)
    warning: CalendarWarning | None = None

    def __post_init__(self) -> None:
        full = {level: int(self.counts.get(level, 0)) for level in ReminderLevel}
        object.__setattr__(self, "counts", MappingProxyType(full))

    def count(self, level: ReminderLevel) -> int:
        return self.counts[level]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def rows(self, lang: str = "zh") -> list[tuple[str, int]]:
        """(label, count) per level, NONE first: a table or a legend."""
        return [(level.label(lang), self.counts[level]) for level in ReminderLevel]


def summarize(
    deadlines: Iterable[date], today: date, calendar: WorkCalendar, policy: ReminderPolicy = DEFAULT_POLICY
) -> ReminderSummary:
    """Counts per level of `deadlines` on `today`; never raises (gap years estimated, with a warning)."""
    counts = dict.fromkeys(ReminderLevel, 0)
    years: set[int] = set()
    for deadline in deadlines:
        reminder = remind(deadline, today, calendar, policy)
        counts[reminder.level] += 1
        if reminder.warning is not None:
            years.update(reminder.warning.years)
    return ReminderSummary(counts, CalendarWarning(tuple(sorted(years))) if years else None)


def promised_completion(calendar: WorkCalendar, accepted_on: date, promised_days: int) -> Reckoned[date]:
    """The promised completion date: `promised_days` working days after acceptance (0: the same day).

    The official calendar when it covers the dates; otherwise Monday to Friday with a warning.
    """
    return calendar.fallback().add_workdays(accepted_on, promised_days)


def case_deadline(
    case: Case, calendar: WorkCalendar | None = None, promised_days: int | None = None
) -> Reckoned[date] | None:
    """A case's deadline: the promised date its acceptance recorded, else computed from the matter's days.

    None for a case that was not accepted, or that recorded no date when no days are given.
    """
    decision = case.decision
    if decision is None or decision.kind not in (DecisionKind.ACCEPT, DecisionKind.TOLERANCE_ACCEPT):
        return None
    if decision.promised_date is not None:
        return Reckoned(decision.promised_date)
    if calendar is None or promised_days is None:
        return None
    return promised_completion(calendar, decision.at.date(), promised_days)


def remind_case(
    case: Case,
    today: date,
    calendar: WorkCalendar,
    policy: ReminderPolicy = DEFAULT_POLICY,
    promised_days: int | None = None,
) -> Reminder | None:
    """The reminder of a case whose time limit runs (accepted, not yet decided); None otherwise."""
    if case.state not in RUNNING_STATES:
        return None
    deadline = case_deadline(case, calendar, promised_days)
    if deadline is None:
        return None
    reminder = remind(deadline.value, today, calendar, policy)
    if deadline.warning is None:
        return reminder
    years = set(deadline.warning.years) | set(reminder.warning.years if reminder.warning else ())
    return Reminder(reminder.deadline, today, reminder.level, reminder.workdays_left,
                    CalendarWarning(tuple(sorted(years))))
