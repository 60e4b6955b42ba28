"""The figures of the quarterly bulletin (季度政务服务工作情况通报), from plain records.

Modelled on a real one (Zhongning county, 2021 Q2): cases by department with completion rate
(办结率) and overdue cases (超期办件), online against window cases, the 好差评 evaluation rate
(评价率) and bad ratings per department, the matter coverage rate (事项办理覆盖率: matters with
at least one case ÷ all matters of the catalogue; 465 ÷ 2,899 = 16.04% there), the workload per
clerk and the window staff's attendance (考勤) from sign-in sessions.

Everything counts the cases accepted within the period, as of its last day: a case completed
after the period is not completed, a case is overdue when it was completed after its deadline or
is still open after it. Dates compare as days (a deadline is the last day allowed), so no
calendar is needed here; the daily average divides by the days the hall was open, which the
caller gives (the bulletin's 2,549 cases a day is 152,915 ÷ 60 days).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from clerk_app.core.evaluation import Rating
from clerk_app.core.problems import WordedError

TOTAL = "合计"
_DAY = timedelta(days=1)

BULLETIN_MESSAGES: dict[str, tuple[str, str]] = {
    "bulletin.quarter": ("季度应为1到4，而不是“{value}”", "The quarter must be 1 to 4, not “{value}”"),
    "bulletin.period": (
        "统计期间的结束日期{end}早于开始日期{start}",
        "The period ends ({end}) before it starts ({start})",
    ),
    "bulletin.rating": (
        "办件{case}的评价等级应为1到5，而不是“{value}”",
        "Case {case}: the rating must be 1 to 5, not “{value}”",
    ),
    "bulletin.session": (
        "{clerk}的签到记录结束时间{end}早于开始时间{start}",
        "{clerk}'s sign-in session ends ({end}) before it starts ({start})",
    ),
}


class BulletinError(WordedError):
    MESSAGES = BULLETIN_MESSAGES


class Channel(StrEnum):
    ONLINE = "online"  # 网上办件
    WINDOW = "window"  # 窗口办件


@dataclass(frozen=True)
class Period:
    """Inclusive days, e.g. a quarter."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise BulletinError("bulletin.period", start=self.start.isoformat(), end=self.end.isoformat())

    @classmethod
    def quarter(cls, year: int, number: int) -> Period:
        if number not in (1, 2, 3, 4):
            raise BulletinError("bulletin.quarter", value=number)
        first = date(year, 3 * number - 2, 1)
        after = date(year + 1, 1, 1) if number == 4 else date(year, 3 * number + 1, 1)
        return cls(first, after - _DAY)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class CaseRecord:
    number: str
    department: str
    matter_code: str
    channel: Channel
    accepted_on: date
    deadline: date | None = None  # promised completion date; None for cases without one
    completed_on: date | None = None
    clerk: str = ""  # who accepted it at the window ("" for online cases)

    def completed_by(self, day: date) -> bool:
        return self.completed_on is not None and self.completed_on <= day

    def overdue_on(self, day: date) -> bool:
        """Completed after its deadline, or still open on `day` after it."""
        if self.deadline is None:
            return False
        if self.completed_by(day):
            assert self.completed_on is not None
            return self.completed_on > self.deadline
        return day > self.deadline


@dataclass(frozen=True)
class EvaluationRecord:
    case_number: str
    rating: int  # 1 (非常不满意) to 5 (非常满意)


@dataclass(frozen=True)
class SignInSession:
    clerk: str
    start: datetime
    end: datetime | None  # None: never signed out


@dataclass(frozen=True)
class CatalogueMatter:
    code: str
    department: str


@dataclass(frozen=True)
class Rate:
    """part ÷ whole, printed as a percentage; "—" when there is nothing to divide by."""

    part: int
    whole: int

    @property
    def value(self) -> float | None:
        return self.part / self.whole if self.whole else None

    def percent(self, digits: int = 2) -> str:
        if not self.whole:
            return "—"
        exact = Decimal(self.part) * 100 / Decimal(self.whole)
        return f"{exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)}%"


@dataclass(frozen=True)
class DepartmentFigures:
    """One row of the department table."""

    department: str
    cases: int = 0
    completed: int = 0
    overdue: int = 0
    online: int = 0
    evaluated: int = 0  # cases with at least one evaluation
    evaluations: int = 0
    bad: int = 0  # 不满意 and 非常不满意

    @property
    def window(self) -> int:
        return self.cases - self.online

    @property
    def completion_rate(self) -> Rate:
        return Rate(self.completed, self.cases)

    @property
    def online_share(self) -> Rate:
        return Rate(self.online, self.cases)

    @property
    def window_share(self) -> Rate:
        return Rate(self.window, self.cases)

    @property
    def evaluation_rate(self) -> Rate:
        return Rate(self.evaluated, self.cases)

    @property
    def satisfaction(self) -> Rate:
        """Evaluations that were not bad ÷ evaluations (满意率)."""
        return Rate(self.evaluations - self.bad, self.evaluations)


@dataclass(frozen=True)
class Coverage:
    department: str
    matters: int
    covered: int

    @property
    def rate(self) -> Rate:
        return Rate(self.covered, self.matters)


@dataclass(frozen=True)
class Attendance:
    clerk: str
    days_present: int
    hours: float  # signed-in time, overlapping sessions counted once
    open_sessions: int = 0  # sessions never signed out: the day counts, the hours do not


@dataclass(frozen=True)
class ClerkWorkload:
    clerk: str
    cases: int
    completed: int
    days_present: int = 0

    @property
    def per_day(self) -> float | None:
        return round(self.cases / self.days_present, 2) if self.days_present else None


@dataclass(frozen=True)
class Bulletin:
    period: Period
    departments: tuple[DepartmentFigures, ...]
    total: DepartmentFigures
    coverage: tuple[Coverage, ...]
    coverage_total: Coverage
    workload: tuple[ClerkWorkload, ...]
    attendance: tuple[Attendance, ...]
    open_days: int | None = None

    @property
    def daily_average(self) -> int | None:
        """Cases per day the hall was open, rounded (日受理办件量)."""
        if not self.open_days:
            return None
        exact = Decimal(self.total.cases) / Decimal(self.open_days)
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def in_period(cases: Iterable[CaseRecord], period: Period) -> list[CaseRecord]:
    return [case for case in cases if case.accepted_on in period]


def _ratings(evaluations: Iterable[EvaluationRecord]) -> dict[str, list[Rating]]:
    by_case: dict[str, list[Rating]] = defaultdict(list)
    for record in evaluations:
        try:
            by_case[record.case_number].append(Rating(record.rating))
        except ValueError:
            raise BulletinError("bulletin.rating", case=record.case_number, value=record.rating) from None
    return by_case


def _figures(
    department: str, cases: list[CaseRecord], ratings: Mapping[str, list[Rating]], as_of: date
) -> DepartmentFigures:
    rated = [ratings.get(case.number, []) for case in cases]
    return DepartmentFigures(
        department=department,
        cases=len(cases),
        completed=sum(case.completed_by(as_of) for case in cases),
        overdue=sum(case.overdue_on(as_of) for case in cases),
        online=sum(case.channel is Channel.ONLINE for case in cases),
        evaluated=sum(bool(r) for r in rated),
        evaluations=sum(len(r) for r in rated),
        bad=sum(rating.is_bad for r in rated for rating in r),
    )


def department_figures(
    cases: Iterable[CaseRecord],
    evaluations: Iterable[EvaluationRecord],
    period: Period,
    departments: Iterable[str] = (),
) -> tuple[list[DepartmentFigures], DepartmentFigures]:
    """Rows per department (most cases first; `departments` adds rows with no case) and the total."""
    counted = in_period(cases, period)
    ratings = _ratings(evaluations)
    grouped: dict[str, list[CaseRecord]] = {name: [] for name in departments}
    for case in counted:
        grouped.setdefault(case.department, []).append(case)
    rows = [_figures(name, group, ratings, period.end) for name, group in grouped.items()]
    rows.sort(key=lambda row: (-row.cases, row.department))
    return rows, _figures(TOTAL, counted, ratings, period.end)


def matter_coverage(
    catalogue: Iterable[CatalogueMatter], cases: Iterable[CaseRecord], period: Period
) -> tuple[list[Coverage], Coverage]:
    """Coverage per department of the catalogue (lowest rate first) and overall."""
    handled = {case.matter_code for case in in_period(cases, period)}
    matters: dict[str, set[str]] = defaultdict(set)
    for matter in catalogue:
        matters[matter.department].add(matter.code)
    rows = [Coverage(name, len(codes), len(codes & handled)) for name, codes in matters.items()]
    rows.sort(key=lambda row: (row.rate.value if row.rate.value is not None else 2.0, row.department))
    every = set().union(*matters.values()) if matters else set()
    return rows, Coverage(TOTAL, len(every), len(every & handled))


def _merged(intervals: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _days_touched(start: datetime, end: datetime) -> set[date]:
    last = (end - timedelta(microseconds=1)).date() if end > start else start.date()
    return {start.date() + timedelta(days=i) for i in range((last - start.date()).days + 1)}


def _clipped(session: SignInSession, period: Period) -> tuple[datetime, datetime | None] | None:
    if session.end is not None and session.end < session.start:
        raise BulletinError("bulletin.session", clerk=session.clerk, start=session.start.isoformat(),
                            end=session.end.isoformat())
    first = datetime.combine(period.start, datetime.min.time(), session.start.tzinfo)
    after = datetime.combine(period.end + _DAY, datetime.min.time(), session.start.tzinfo)
    start = max(session.start, first)
    if start >= after or (session.end is not None and session.end <= first):
        return None
    return start, min(session.end, after) if session.end is not None else None


def _attendance_of(clerk: str, sessions: list[tuple[datetime, datetime | None]]) -> Attendance:
    closed = _merged([(s, e) for s, e in sessions if e is not None])
    days: set[date] = {s.date() for s, e in sessions if e is None}
    for start, end in closed:
        days |= _days_touched(start, end)
    seconds = sum((end - start).total_seconds() for start, end in closed)
    return Attendance(clerk, len(days), round(seconds / 3600, 2), sum(e is None for _, e in sessions))


def attendance(sessions: Iterable[SignInSession], period: Period) -> list[Attendance]:
    """Days present and hours per clerk within the period, by clerk name."""
    by_clerk: dict[str, list[tuple[datetime, datetime | None]]] = defaultdict(list)
    for session in sessions:
        clipped = _clipped(session, period)
        if clipped is not None:
            by_clerk[session.clerk].append(clipped)
    return [_attendance_of(clerk, by_clerk[clerk]) for clerk in sorted(by_clerk)]


def workload(
    cases: Iterable[CaseRecord], period: Period, present: Iterable[Attendance] = ()
) -> list[ClerkWorkload]:
    """Cases accepted per clerk in the period (busiest first), with days present when known."""
    days = {row.clerk: row.days_present for row in present}
    by_clerk: dict[str, list[CaseRecord]] = defaultdict(list)
    for case in in_period(cases, period):
        if case.clerk:
            by_clerk[case.clerk].append(case)
    rows = [
        ClerkWorkload(clerk, len(group), sum(c.completed_by(period.end) for c in group), days.get(clerk, 0))
        for clerk, group in by_clerk.items()
    ]
    return sorted(rows, key=lambda row: (-row.cases, row.clerk))


def compute_bulletin(
    period: Period,
    cases: Iterable[CaseRecord],
    evaluations: Iterable[EvaluationRecord] = (),
    sessions: Iterable[SignInSession] = (),
    catalogue: Iterable[CatalogueMatter] = (),
    *,
    open_days: int | None = None,
) -> Bulletin:
    """Every table of the bulletin for `period`; `open_days` gives the daily average."""
    case_list, matters = list(cases), list(catalogue)
    departments = dict.fromkeys(m.department for m in matters)
    rows, total = department_figures(case_list, evaluations, period, departments)
    coverage_rows, coverage_total = matter_coverage(matters, case_list, period)
    present = attendance(sessions, period)
    return Bulletin(
        period=period,
        departments=tuple(rows),
        total=total,
        coverage=tuple(coverage_rows),
        coverage_total=coverage_total,
        workload=tuple(workload(case_list, period, present)),
        attendance=tuple(present),
        open_days=open_days,
    )
