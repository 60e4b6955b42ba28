"""The bulletin's figures as JSON-ready dictionaries (`GET /statistics`), and back.

`BulletinReport` is what the back office answers: the figures of `core.bulletin` plus what only it
knows — whose departments they cover, how the ratings spread over the five levels, and how many
cases were counted in more than one department's row (一件事一次办 bundles). Reading a dictionary
checks every field and names the first wrong one (`BulletinFormatError`), so a bad reply never
reaches a table or a PDF half-read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, TypeVar

from clerk_app.core.bulletin import (
    Attendance,
    Bulletin,
    ClerkWorkload,
    Coverage,
    DepartmentFigures,
    Period,
)

T = TypeVar("T")
LEVELS = (5, 4, 3, 2, 1)  # 非常满意 … 非常不满意


class BulletinFormatError(ValueError):
    """A statistics answer that cannot be read; names the field."""


@dataclass(frozen=True)
class BulletinReport:
    bulletin: Bulletin
    hall_code: str = ""  # "" when the figures cover every hall
    scope: tuple[str, ...] = ()  # the departments covered (names); () for all of them
    ratings: Mapping[int, int] = field(default_factory=dict)  # evaluations per level, 5..1
    shared_cases: int = 0  # cases counted in each of several departments' rows

    @property
    def evaluations(self) -> int:
        return sum(self.ratings.values())


def report_to_dict(report: BulletinReport) -> dict[str, Any]:
    b = report.bulletin
    return {
        "period": {"start": b.period.start.isoformat(), "end": b.period.end.isoformat()},
        "open_days": b.open_days,
        "hall_code": report.hall_code,
        "scope": list(report.scope),
        "total": asdict(b.total),
        "departments": [asdict(row) for row in b.departments],
        "coverage_total": asdict(b.coverage_total),
        "coverage": [asdict(row) for row in b.coverage],
        "workload": [asdict(row) for row in b.workload],
        "attendance": [asdict(row) for row in b.attendance],
        "ratings": {str(level): report.ratings.get(level, 0) for level in LEVELS},
        "shared_cases": report.shared_cases,
    }


def report_from_dict(data: Any) -> BulletinReport:
    """Read an answer of `GET /statistics` (raises BulletinFormatError naming the bad field)."""
    top = _object(data, "statistics")
    period = _object(top.get("period"), "period")
    try:
        span = Period(_day(period, "start", "period"), _day(period, "end", "period"))
    except ValueError as error:
        raise BulletinFormatError(f"period: {error}") from None
    bulletin = Bulletin(
        period=span,
        departments=tuple(_rows(top, "departments", _figures)),
        total=_figures(_object(top.get("total"), "total"), "total"),
        coverage=tuple(_rows(top, "coverage", _coverage)),
        coverage_total=_coverage(_object(top.get("coverage_total"), "coverage_total"), "coverage_total"),
        workload=tuple(_rows(top, "workload", _workload)),
        attendance=tuple(_rows(top, "attendance", _attendance)),
        open_days=_count(top, "open_days", "", optional=True),
    )
    ratings = _object(top.get("ratings", {}), "ratings")
    return BulletinReport(
        bulletin=bulletin,
        hall_code=_text(top, "hall_code", "", default=""),
        scope=tuple(_texts(top.get("scope", []), "scope")),
        ratings={level: _count(ratings, str(level), "ratings", default=0) for level in LEVELS},
        shared_cases=_count(top, "shared_cases", "", default=0),
    )


def _where(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _object(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BulletinFormatError(f"{path}: expected an object")
    return value


def _count(data: Mapping[str, Any], key: str, path: str, *, optional: bool = False, default: int | None = None
           ) -> Any:
    value = data.get(key, default)
    if value is None and optional:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise BulletinFormatError(f"{_where(path, key)}: expected a whole number ≥ 0, not {value!r}")
    return value


def _number(data: Mapping[str, Any], key: str, path: str) -> float:
    value = data.get(key)
    if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
        raise BulletinFormatError(f"{_where(path, key)}: expected a number ≥ 0, not {value!r}")
    return float(value)


def _text(data: Mapping[str, Any], key: str, path: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise BulletinFormatError(f"{_where(path, key)}: expected text")
    return value


def _texts(value: Any, path: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise BulletinFormatError(f"{path}: expected a list of text")
    return value


def _day(data: Mapping[str, Any], key: str, path: str) -> date:
    try:
        return date.fromisoformat(_text(data, key, path))
    except ValueError:
        raise BulletinFormatError(f"{_where(path, key)}: not a date") from None


def _rows(data: Mapping[str, Any], key: str, read: Callable[[dict[str, Any], str], T]) -> list[T]:
    items = data.get(key)
    if not isinstance(items, list):
        raise BulletinFormatError(f"{key}: expected a list")
    return [read(_object(item, f"{key}[{i}]"), f"{key}[{i}]") for i, item in enumerate(items)]


def _figures(row: dict[str, Any], path: str) -> DepartmentFigures:
    counts = {name: _count(row, name, path) for name in
              ("cases", "completed", "overdue", "online", "evaluated", "evaluations", "bad")}
    return DepartmentFigures(department=_text(row, "department", path), **counts)


def _coverage(row: dict[str, Any], path: str) -> Coverage:
    return Coverage(_text(row, "department", path), _count(row, "matters", path), _count(row, "covered", path))


def _workload(row: dict[str, Any], path: str) -> ClerkWorkload:
    return ClerkWorkload(_text(row, "clerk", path), _count(row, "cases", path), _count(row, "completed", path),
                         _count(row, "days_present", path, default=0))


def _attendance(row: dict[str, Any], path: str) -> Attendance:
    return Attendance(_text(row, "clerk", path), _count(row, "days_present", path), _number(row, "hours", path),
                      _count(row, "open_sessions", path, default=0))
