"""The bulletin's figures read from the back-office database (`GET /statistics`, `clerk-app report`).

What counts, as of the period's last day (Beijing time, UTC+8, as every hall in China keeps):
- a case is one the window accepted (受理 or 容缺受理) within the period — one-time notices and
  refusals are not cases; its acceptance time, matter codes, clerk and channel come from its first
  revision as submitted; a case of several departments (一件事一次办) counts in each of its
  departments' rows and once in the total;
- it is completed (办结) on the day the back office first approved or denied it; overdue when that
  day, or the period's end while it is open, is after its promised date;
- its evaluations are the ratings recorded up to the period's end (history `evaluation`);
- attendance comes from the sign-in sessions of clerk accounts; a session never signed out ends
  at its last use.

Cost: the cases are found from `ix_cases_received` (a case reaches the back office at or after its
acceptance), and the few fields read from each case's JSON are taken out by the database in one
parse per case (SQLite `json_extract` with several paths, PostgreSQL `jsonb` once per row), so a
quarter of thousands of cases is read in a fraction of a second on either database.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from clerk_app.backoffice import db
from clerk_app.backoffice.auth import CLERK, Principal, aware
from clerk_app.backoffice.schema import accounts, case_revisions, cases, history, sign_in_sessions
from clerk_app.backoffice.workdays import hall_calendar
from clerk_app.core.bulletin import (
    Bulletin,
    CaseRecord,
    CatalogueMatter,
    Channel,
    EvaluationRecord,
    Period,
    SignInSession,
    attendance,
    department_figures,
    matter_coverage,
    workload,
)
from clerk_app.core.bulletin_codec import BulletinReport
from clerk_app.core.catalogue import Catalogue
from clerk_app.core.workdays import WorkCalendar

CHINA = timezone(timedelta(hours=8), "UTC+8")
SCAN_MARGIN = timedelta(days=1)  # clocks of windows and server may disagree a little
MAX_DAYS = 731  # the longest period one request may ask for (two years)
EARLIEST, LATEST = date(2000, 1, 1), date(2199, 12, 31)  # a period outside is a typing error
NOT_CASES = ("notified", "refused")  # decided at the window without acceptance
COMPLETED = ("approved", "denied")
_FACTS = ("$.clerk", "$.decision.at", "$.channel", "$.matter_codes", "$.code")


@dataclass(frozen=True)
class Scope:
    """Whose figures: the departments (keys; None for all) and the hall whose clerks' attendance counts."""

    departments: frozenset[str] | None = None
    hall_code: str = ""

    @classmethod
    def of(cls, principal: Principal) -> Scope:
        if principal.is_admin:
            return cls(None, principal.hall_code)
        return cls(frozenset(principal.departments), principal.hall_code)

    def holds(self, department: str) -> bool:
        return self.departments is None or department in self.departments


@dataclass(frozen=True)
class _Case:
    number: str
    departments: tuple[str, ...]
    matter_codes: tuple[str, ...]
    channel: Channel
    accepted_on: date
    deadline: date | None
    clerk: str


def read_report(engine: Engine, period: Period, scope: Scope, catalogue: Catalogue,
                calendar: WorkCalendar | None = None, today: date | None = None) -> BulletinReport:
    """The bulletin of `period` for `scope`, read in one read transaction.

    A period reaching past today is counted up to today (the figures are as of the last day, and
    an open case is not overdue on a day still to come); the report names the shortened period.
    `calendar`: the service's `workdays.hall_calendar(data_dir)`, the one follow-up deadlines count
    with; by default the official calendar and the shipped calendar files.
    """
    today = today or datetime.now(CHINA).date()
    if period.start <= today < period.end:
        period = Period(period.start, today)
    since = _start(period.start) - SCAN_MARGIN
    until = _start(period.end + timedelta(days=1))
    with db.read(engine) as connection:
        found = _cases(connection, period, scope, since)
        completed, ratings = _outcomes(connection, since, until)
        names = _clerk_names(connection)
        sessions = _sessions(connection, scope, _start(period.start), until)
    return _report(period, scope, catalogue, calendar or hall_calendar(), _Read(
        found, completed, ratings, names, sessions))


@dataclass(frozen=True)
class _Read:
    cases: dict[str, _Case]  # by case id
    completed: dict[str, date]
    ratings: list[tuple[str, int]]  # (case id, level)
    names: dict[str, str]  # clerk labels by username
    sessions: list[tuple[str, datetime, datetime]]


def _start(day: date) -> datetime:
    return datetime.combine(day, time(), CHINA).astimezone(UTC)


def _local_day(moment: datetime) -> date:
    return aware(moment).astimezone(CHINA).date()


def _facts_query(connection: Connection, period: Period, since: datetime) -> sa.Select:
    """Case id, number, departments, deadline and `facts`, the JSON array of the `_FACTS` of revision 1.

    Only cases whose acceptance time starts with a date within a day of the period come back (the
    exact day, in Beijing time, is decided by `_case`).
    """
    joined = cases.join(case_revisions, sa.and_(case_revisions.c.case_id == cases.c.case_id,
                                                 case_revisions.c.revision == 1))
    columns = (cases.c.case_id, cases.c.number, cases.c.departments, cases.c.deadline)
    wanted = sa.and_(cases.c.received_at >= since, cases.c.state.not_in(NOT_CASES))
    first, last = (period.start - timedelta(days=1)).isoformat(), (period.end + timedelta(days=1)).isoformat()
    if not db.is_postgresql(connection):
        # One parse of each body, into a small array kept aside; the filter reads the array.
        facts = sa.func.json_extract(sa.cast(case_revisions.c.body, sa.Text), *_FACTS).label("facts")
        staged = sa.select(*columns, facts).select_from(joined).where(wanted).cte("staged").prefix_with("MATERIALIZED")
        day = sa.func.substr(sa.func.json_extract(staged.c.facts, "$[1]"), 1, 10)
        return sa.select(staged).where(day.between(first, last))
    from sqlalchemy.dialects.postgresql import JSONB

    document = sa.cast(sa.func.convert_from(case_revisions.c.body, "UTF8"), JSONB).label("doc")
    # OFFSET 0 keeps the subquery whole, so each body is parsed once, not once per field.
    inner = sa.select(*columns, document).select_from(joined).where(wanted).offset(0).subquery()
    paths = [inner.c.doc[tuple(path[2:].split("."))] for path in _FACTS]
    day = sa.func.left(inner.c.doc[("decision", "at")].astext, 10)
    facts = sa.cast(sa.func.jsonb_build_array(*paths), sa.Text).label("facts")
    return sa.select(*(inner.c[c.name] for c in columns), facts).where(day.between(first, last))


def _cases(connection: Connection, period: Period, scope: Scope, since: datetime) -> dict[str, _Case]:
    found = {}
    for row in connection.execute(_facts_query(connection, period, since)):
        case = _case(row)
        if case is not None and case.accepted_on in period and any(map(scope.holds, case.departments)):
            found[row.case_id] = case
    return found


def _case(row: Any) -> _Case | None:
    """The case's facts; None for a body without an acceptance time (never stored by the service)."""
    clerk, accepted, channel, codes, code = json.loads(row.facts)
    try:
        accepted_on = _local_day(datetime.fromisoformat(accepted))
    except (TypeError, ValueError):
        return None
    matter_codes = tuple(map(str, codes)) if isinstance(codes, list) and codes else (str(code),)
    return _Case(row.number, tuple(json.loads(row.departments)), matter_codes,
                 Channel.ONLINE if channel == "online" else Channel.WINDOW, accepted_on, row.deadline,
                 str(clerk or ""))


def _outcomes(connection: Connection, since: datetime, until: datetime
              ) -> tuple[dict[str, date], list[tuple[str, int]]]:
    """The day each case was first approved or denied, and its ratings (case id, level), up to `until`.

    One pass over the history of the cases received since `since`, found by `ix_history_case`.
    """
    completing = sa.and_(history.c.kind == "decision", history.c.to_state.in_(COMPLETED))
    rating = history.c.kind == "evaluation"
    query = (
        sa.select(history.c.case_id, history.c.at, sa.case((rating, history.c.detail), else_=None).label("detail"))
        .select_from(cases.join(history, history.c.case_id == cases.c.case_id))
        .where(cases.c.received_at >= since, cases.c.state.not_in(NOT_CASES), history.c.at < until,
               sa.or_(completing, rating))
    )
    completed: dict[str, date] = {}
    ratings = []
    for row in connection.execute(query):
        if row.detail is None:
            day = _local_day(row.at)
            completed[row.case_id] = min(day, completed.get(row.case_id, day))
            continue
        level = json.loads(row.detail).get("level")
        if isinstance(level, int) and 1 <= level <= 5:
            ratings.append((row.case_id, level))
    return completed, ratings


def _clerk_names(connection: Connection) -> dict[str, str]:
    """How each account is printed: its display name, with the user name when two share one."""
    rows = connection.execute(sa.select(accounts.c.username, accounts.c.display_name)).all()
    shared = Counter(row.display_name for row in rows)
    return {row.username: row.display_name if shared[row.display_name] == 1 else
            f"{row.display_name}（{row.username}）" for row in rows}


def _sessions(connection: Connection, scope: Scope, start: datetime, until: datetime
              ) -> list[tuple[str, datetime, datetime]]:
    """(username, start, end) of clerks' sessions overlapping the period; the last use ends an open one."""
    ended = sa.func.coalesce(sign_in_sessions.c.ended_at, sign_in_sessions.c.last_seen_at)
    query = (
        sa.select(sign_in_sessions.c.username, sign_in_sessions.c.started_at, ended.label("ended"))
        .join(accounts, accounts.c.username == sign_in_sessions.c.username)
        .where(accounts.c.role == CLERK, sign_in_sessions.c.started_at < until, ended >= start)
    )
    if scope.hall_code:
        query = query.where(accounts.c.hall_code == scope.hall_code)
    return [(row.username, aware(row.started_at), aware(row.ended)) for row in connection.execute(query)]


def _report(period: Period, scope: Scope, catalogue: Catalogue, calendar: WorkCalendar, read: _Read) -> BulletinReport:
    name = catalogue.department_name
    by_department, by_matter, once = _records(read, scope, catalogue)
    numbers = {case_id: case.number for case_id, case in read.cases.items()}
    evaluations = [EvaluationRecord(numbers[case_id], level) for case_id, level in read.ratings if case_id in numbers]
    keys = _department_keys(scope, catalogue, read.cases.values())
    rows, _ = department_figures(by_department, evaluations, period, [name(key) for key in keys])
    _, total = department_figures(once, evaluations, period)
    matters = [CatalogueMatter(m.code, name(m.department)) for m in catalogue.matters.values()
               if scope.holds(m.department)]
    coverage, coverage_total = matter_coverage(matters, by_matter, period)
    sessions = [SignInSession(read.names.get(user, user), start.astimezone(CHINA), end.astimezone(CHINA))
                for user, start, end in read.sessions]
    present = attendance(sessions, period)
    bulletin = Bulletin(
        period=period, departments=tuple(rows), total=total, coverage=tuple(coverage),
        coverage_total=coverage_total, workload=tuple(workload(once, period, present)), attendance=tuple(present),
        open_days=_open_days(period, calendar),
    )
    return BulletinReport(
        bulletin=bulletin, hall_code=scope.hall_code,
        scope=tuple(name(key) for key in sorted(scope.departments)) if scope.departments is not None else (),
        ratings=dict(Counter(level for case_id, level in read.ratings if case_id in numbers)),
        shared_cases=sum(len([d for d in case.departments if scope.holds(d)]) > 1 for case in read.cases.values()),
    )


def _records(read: _Read, scope: Scope, catalogue: Catalogue
             ) -> tuple[list[CaseRecord], list[CaseRecord], list[CaseRecord]]:
    """Records per (case, department), per (case, matter of the catalogue) and per case."""
    names: dict[str, str] = {}
    matters = catalogue.matters

    def name(key: str) -> str:
        if key not in names:
            names[key] = catalogue.department_name(key)
        return names[key]

    by_department, by_matter, once = [], [], []
    for case_id, case in read.cases.items():
        facts = (case.channel, case.accepted_on, case.deadline, read.completed.get(case_id),
                 read.names.get(case.clerk, case.clerk) if case.clerk else "")
        once.append(CaseRecord(case.number, "", case.matter_codes[0], *facts))
        by_department += [CaseRecord(case.number, name(d), case.matter_codes[0], *facts)
                          for d in dict.fromkeys(case.departments) if scope.holds(d)]
        for code in case.matter_codes:
            matter = matters.get(code)
            if matter is not None and scope.holds(matter.department):
                by_matter.append(CaseRecord(case.number, name(matter.department), code, *facts))
    return by_department, by_matter, once


def _department_keys(scope: Scope, catalogue: Catalogue, found: Iterable[_Case]) -> list[str]:
    """The rows of the department table: one's own departments, else those with matters or cases."""
    if scope.departments is not None:
        return sorted(scope.departments)
    with_matters = {m.department for m in catalogue.matters.values()}
    return sorted(with_matters | {d for case in found for d in case.departments})


def _open_days(period: Period, calendar: WorkCalendar) -> int:
    """Working days of the period (the daily average's divisor); Monday to Friday for unknown years."""
    return int(calendar.fallback().workdays_between(period.start - timedelta(days=1), period.end).value)
