"""Counting a seeded quarter's figures straight from its facts, without the code under test.

The bulletin's rules, written out plainly: a case counts when the window accepted it within the
period (Beijing time); completed when approved or denied by the period's last day; overdue when
completed after its promised date, or still open on the last day after it; ratings up to the last
day; a case of several departments in each of their rows and once in the total.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from clerk_app.core.bulletin import Period
from clerk_app.core.catalogue import Catalogue
from tests.backoffice.bulletin_seed import CST, SeededCase, SeededQuarter


@dataclass
class Expected:
    cases: int = 0
    completed: int = 0
    overdue: int = 0
    online: int = 0
    evaluated: int = 0
    evaluations: int = 0
    bad: int = 0


def _count(into: Expected, case: SeededCase, end: date) -> None:
    decided = case.decided_at.astimezone(CST).date() if case.decided_at else None
    decided = decided if decided is not None and decided <= end else None
    ratings = [r for r in case.ratings if r.at.astimezone(CST).date() <= end]
    into.cases += 1
    into.completed += decided is not None
    into.overdue += (decided > case.deadline) if decided is not None else end > case.deadline
    into.online += case.channel == "online"
    into.evaluated += bool(ratings)
    into.evaluations += len(ratings)
    into.bad += sum(r.level <= 2 for r in ratings)


def counted(quarter: SeededQuarter, period: Period) -> list[SeededCase]:
    return [c for c in quarter.cases
            if c.counted and period.start <= c.accepted_at.astimezone(CST).date() <= period.end]


def expected(quarter: SeededQuarter, period: Period, catalogue: Catalogue) -> dict[str, object]:
    name = catalogue.department_name
    total, by_department = Expected(), defaultdict(Expected)
    covered: dict[str, set[str]] = defaultdict(set)
    clerks = dict(quarter.clerks)
    workload: Counter[str] = Counter()
    for case in counted(quarter, period):
        _count(total, case, period.end)
        for department in case.departments:
            _count(by_department[name(department)], case, period.end)
        for code in case.matter_codes:
            covered[name(catalogue.matters[code].department)].add(code)
        if case.clerk:
            workload[clerks[case.clerk]] += 1
    days, seconds = defaultdict(set), Counter()
    for session in quarter.sessions:
        end = session.ended_at or session.last_seen_at
        days[clerks[session.username]].add(session.started_at.date())
        seconds[clerks[session.username]] += (end - session.started_at).total_seconds()
    matters = Counter(name(m.department) for m in catalogue.matters.values())
    return {
        "total": total, "departments": dict(by_department),
        "coverage": {d: (n, len(covered[d])) for d, n in matters.items()},
        "workload": dict(workload),
        "attendance": {clerk: (len(days[clerk]), round(seconds[clerk] / 3600, 2)) for clerk in days},
        "ratings": Counter(r.level for c in counted(quarter, period) for r in c.ratings
                           if r.at.astimezone(CST).date() <= period.end),
    }
