"""Working days under the official Chinese holiday calendar, make-up workdays (调休) included.

Time limits (承诺时限, 法定时限) and the back office's three-level reminders count working days.
A year's arrangement is published by the State Council General Office each November for the next
year; `YearCalendar` holds one such arrangement. `WorkCalendar.official()` starts from the years
the chinesecalendar package knows and lets administrator-supplied years (loaded by
`clerk_app.config.calendar_file`) add or replace years.

Arithmetic that needs a year without data raises `CalendarGapError`: a wrong promised date on a
printed receipt is worse than a visible gap. So that intake never stops, `WorkCalendar.fallback()`
gives the same arithmetic counting Monday to Friday in such years, and every answer carries a
`CalendarWarning` the caller shows next to the date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType
from typing import Generic, TypeVar

from clerk_app.core.problems import Problem

T = TypeVar("T")
_DAY = timedelta(days=1)


@dataclass(frozen=True)
class YearCalendar:
    """One year's official arrangement.

    `holidays` are the days off (statutory holidays and the weekdays taken off by 调休), each with
    the festival's name; `workdays` are the make-up working days on a Saturday or Sunday, each
    with the name of the festival it makes up for ("" when unknown). A notice may place a few
    December days of the previous year (e.g. the 2019 元旦 arrangement began on 2018-12-30).
    """

    year: int
    holidays: Mapping[date, str] = field(default_factory=dict)
    workdays: Mapping[date, str] = field(default_factory=dict)
    source: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "holidays", MappingProxyType(dict(self.holidays)))
        object.__setattr__(self, "workdays", MappingProxyType(dict(self.workdays)))


def year_calendar_problems(calendar: YearCalendar) -> list[tuple[date, Problem]]:
    """What is inconsistent in one year's arrangement, as (day, problem) pairs in date order."""
    found: list[tuple[date, Problem]] = []
    for day in sorted({*calendar.holidays, *calendar.workdays}):
        if not _belongs_to_notice(day, calendar.year):
            found.append((day, Problem("calendar.outside_year", day=day, year=calendar.year)))
        if day in calendar.holidays and day in calendar.workdays:
            found.append((day, Problem("calendar.both", day=day)))
        elif day in calendar.workdays and day.weekday() < 5:
            found.append((day, Problem("calendar.workday_weekday", day=day)))
    return found


def _belongs_to_notice(day: date, year: int) -> bool:
    return day.year == year or (day.year == year - 1 and day.month == 12)


def year_ranges(years: Iterable[int]) -> str:
    """`2004–2026, 2028` for display; `-` when there are none."""
    ordered = sorted(set(years))
    if not ordered:
        return "-"
    runs: list[list[int]] = [[ordered[0], ordered[0]]]
    for year in ordered[1:]:
        if year == runs[-1][1] + 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


class CalendarGapError(LookupError):
    """Working-day arithmetic reached a year for which no official calendar is loaded."""

    def __init__(self, day: date, known_years: Iterable[int]) -> None:
        self.day = day
        self.year = day.year
        self.known_years = tuple(sorted(known_years))
        self.problem = Problem(
            "calendar.gap", day=day.isoformat(), year=day.year, known=year_ranges(known_years)
        )
        super().__init__(f"{self.problem.text('zh')}\n{self.problem.text('en')}")

    def text(self, lang: str = "zh") -> str:
        return self.problem.text(lang)


@dataclass(frozen=True)
class CalendarWarning:
    """Years that a fallback answer counted as Monday to Friday, for lack of official data."""

    years: tuple[int, ...]

    @property
    def problem(self) -> Problem:
        return Problem("calendar.estimated", years=year_ranges(self.years))

    def text(self, lang: str = "zh") -> str:
        return self.problem.text(lang)


@dataclass(frozen=True)
class Reckoned(Generic[T]):
    """An answer of the fallback calendar: the value and, when it was estimated, a warning."""

    value: T
    warning: CalendarWarning | None = None

    @property
    def estimated(self) -> bool:
        return self.warning is not None


def chinesecalendar_years() -> list[YearCalendar]:
    """Every year the installed chinesecalendar package knows, as `YearCalendar`s.

    This is the only place that touches chinesecalendar: its public `holidays` and `workdays`
    tables map each day to an English festival name, translated here with its `Holiday` enum.
    """
    import chinese_calendar  # imported here: this function is the one door to the package

    chinese = {h.value: h.chinese for h in chinese_calendar.Holiday}
    version = getattr(chinese_calendar, "__version__", "?")
    years: dict[int, tuple[dict[date, str], dict[date, str]]] = {}
    span = [*chinese_calendar.holidays, *chinese_calendar.workdays]
    for year in range(min(span).year, max(span).year + 1):
        years[year] = ({}, {})
    for table, slot in ((chinese_calendar.holidays, 0), (chinese_calendar.workdays, 1)):
        for day, name in table.items():
            years[day.year][slot][day] = chinese.get(name, name)
    source = f"chinesecalendar {version}"
    return [YearCalendar(y, h, w, source) for y, (h, w) in sorted(years.items())]


class WorkCalendar:
    """Working-day arithmetic over the years it has official data for."""

    def __init__(self, years: Iterable[YearCalendar] = ()) -> None:
        notices: dict[int, YearCalendar] = {}
        for calendar in years:
            problems = year_calendar_problems(calendar)
            if problems:
                raise ValueError(f"{calendar.year}: {problems[0][1].text('en')}")
            notices[calendar.year] = calendar  # a later calendar for a year replaces it
        self._notices = notices
        self._holidays: dict[date, str] = {}
        self._workdays: dict[date, str] = {}
        for year in sorted(notices):  # a notice's December days override the year before
            for day, name in notices[year].holidays.items():
                self._holidays[day] = name
                self._workdays.pop(day, None)
            for day, name in notices[year].workdays.items():
                self._workdays[day] = name
                self._holidays.pop(day, None)

    @classmethod
    def official(cls, extra: Iterable[YearCalendar] = ()) -> WorkCalendar:
        """chinesecalendar's years, then `extra` (administrator files) adding or replacing years."""
        return cls([*chinesecalendar_years(), *extra])

    @property
    def known_years(self) -> tuple[int, ...]:
        return tuple(sorted(self._notices))

    def source(self, year: int) -> str | None:
        """Where a year's data came from (package version or file), None when unknown."""
        notice = self._notices.get(year)
        return notice.source if notice else None

    def is_known(self, day: date) -> bool:
        return day.year in self._notices

    def holiday_name(self, day: date) -> str | None:
        """The festival a day off belongs to (e.g. 春节), None on other days."""
        return self._holidays.get(day)

    def is_workday(self, day: date) -> bool:
        return self._check(day, None)

    def add_workdays(self, start: date, n: int) -> date:
        """The day on which the n-th working day after `start` falls (`start` not counted).

        0 gives `start` itself (即办件, done the same day); a negative n counts back, e.g. the
        reminder one working day before a deadline is `add_workdays(deadline, -1)`.
        """
        return _add(start, n, lambda day: self._check(day, None))

    def workdays_between(self, a: date, b: date) -> int:
        """Working days after `a` up to and including `b` (e.g. days overdue since a deadline).

        When `b` is before `a` it is minus the working days from `b` up to the day before `a`,
        so that it inverts `add_workdays` both ways: `workdays_between(a, add_workdays(a, n))`
        is n for every n.
        """
        return _between(a, b, lambda day: self._check(day, None))

    def fallback(self) -> FallbackCalendar:
        """The same arithmetic, never raising: years without data count Monday to Friday."""
        return FallbackCalendar(self)

    def _check(self, day: date, gaps: set[int] | None) -> bool:
        """Whether `day` is a working day; a year without data raises, or is noted in `gaps`."""
        if day.year not in self._notices:
            if gaps is None:
                raise CalendarGapError(day, self._notices)
            gaps.add(day.year)
            return day.weekday() < 5
        if day in self._workdays:
            return True
        return day.weekday() < 5 and day not in self._holidays


class FallbackCalendar:
    """`WorkCalendar` arithmetic for when intake must go on without a year's official data.

    Each answer is `Reckoned`: `warning` is None when only official data was used, otherwise it
    names the years that were counted Monday to Friday, for the UI to show with the date.
    """

    def __init__(self, calendar: WorkCalendar) -> None:
        self._calendar = calendar

    def is_workday(self, day: date) -> Reckoned[bool]:
        gaps: set[int] = set()
        return _reckoned(self._calendar._check(day, gaps), gaps)

    def add_workdays(self, start: date, n: int) -> Reckoned[date]:
        gaps: set[int] = set()
        return _reckoned(_add(start, n, lambda day: self._calendar._check(day, gaps)), gaps)

    def workdays_between(self, a: date, b: date) -> Reckoned[int]:
        gaps: set[int] = set()
        return _reckoned(_between(a, b, lambda day: self._calendar._check(day, gaps)), gaps)


def _reckoned(value: T, gaps: set[int]) -> Reckoned[T]:
    return Reckoned(value, CalendarWarning(tuple(sorted(gaps))) if gaps else None)


def _add(start: date, n: int, is_workday: Callable[[date], bool]) -> date:
    step = _DAY if n >= 0 else -_DAY
    day, remaining = start, abs(n)
    while remaining:
        day += step
        if is_workday(day):
            remaining -= 1
    return day


def _between(a: date, b: date, is_workday: Callable[[date], bool]) -> int:
    """Working days landed on walking from `a` to `b`: (a, b] forwards, [b, a) backwards."""
    if a <= b:
        first, last, sign = a + _DAY, b, 1
    else:
        first, last, sign = b, a - _DAY, -1
    count, day = 0, first
    while day <= last:
        count += is_workday(day)
        day += _DAY
    return sign * count
