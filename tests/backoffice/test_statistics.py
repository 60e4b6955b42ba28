"""The bulletin's figures read from a seeded quarter (thousands of cases) on SQLite and PostgreSQL.

Every figure is checked against a count made here, straight from the seeded facts, without the
code under test (`clerk_app.core.bulletin` included): by department, in total, coverage, workload,
attendance and the spread of ratings; then the route with its scopes and its refusals.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from clerk_app.backoffice.accounts import add_account
from clerk_app.backoffice.app import create_app
from clerk_app.backoffice.db import make_engine
from clerk_app.backoffice.errors import ApiError
from clerk_app.backoffice.migrations import migrate
from clerk_app.backoffice.statistics import Scope, read_report
from clerk_app.catalogue.loader import load_default_catalogue
from clerk_app.core.bulletin import Period
from clerk_app.core.bulletin_codec import report_from_dict, report_to_dict
from clerk_app.core.catalogue import Catalogue
from tests.backoffice.bulletin_counts import Expected, counted, expected
from tests.backoffice.bulletin_seed import SeededQuarter, plan_quarter, write_quarter
from tests.backoffice.conftest import fresh_pg_database, make_settings

Q3 = Period.quarter(2026, 3)
ADMIN_PASSWORD = "long admin password"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_default_catalogue().catalogue


@pytest.fixture(scope="module")
def quarter(catalogue: Catalogue) -> SeededQuarter:
    return plan_quarter(catalogue, Q3)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def seeded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
           quarter: SeededQuarter) -> Iterator[tuple[str, Engine]]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('stats') / 'bo.sqlite3'}"
    else:
        url = fresh_pg_database(request.getfixturevalue("pg_server"))
    engine = make_engine(url)
    migrate(engine)
    write_quarter(engine, quarter)
    yield url, engine
    engine.dispose()


def _figures(row: object) -> Expected:
    return Expected(*(getattr(row, f) for f in ("cases", "completed", "overdue", "online", "evaluated",
                                                  "evaluations", "bad")))


def test_quarter_figures_match_an_independent_count(seeded: tuple[str, Engine], quarter: SeededQuarter,
                                                    catalogue: Catalogue) -> None:
    _url, engine = seeded
    began = time.perf_counter()
    report = read_report(engine, Q3, Scope(), catalogue)
    print(f"\n{engine.dialect.name}: {report.bulletin.total.cases} cases read in {time.perf_counter() - began:.2f} s")
    want = expected(quarter, Q3, catalogue)
    bulletin = report.bulletin
    assert bulletin.total.cases > 5000  # thousands of cases
    assert _figures(bulletin.total) == want["total"]
    rows = {row.department: _figures(row) for row in bulletin.departments}
    assert {d: r for d, r in rows.items() if r.cases} == want["departments"]
    assert {row.department: (row.matters, row.covered) for row in bulletin.coverage} == want["coverage"]
    assert (bulletin.coverage_total.matters, bulletin.coverage_total.covered) == (
        len(catalogue.matters), sum(c for _, c in want["coverage"].values()))
    assert {row.clerk: row.cases for row in bulletin.workload} == want["workload"]
    assert {row.clerk: (row.days_present, row.hours) for row in bulletin.attendance} == want["attendance"]
    assert report.ratings == dict(want["ratings"])
    assert report.shared_cases == sum(len(c.departments) > 1 for c in counted(quarter, Q3))
    assert bulletin.open_days == 66  # the working days of July–September 2026 (中秋节 on Friday 25 September)
    assert bulletin.total.overdue > 0 and 0 < bulletin.total.online < bulletin.total.cases


def test_a_supervisor_sees_only_own_departments(seeded: tuple[str, Engine], quarter: SeededQuarter,
                                                catalogue: Catalogue) -> None:
    _url, engine = seeded
    report = read_report(engine, Q3, Scope(frozenset({"gaj", "wjw"}), "BT01"), catalogue)
    want = expected(quarter, Q3, catalogue)["departments"]
    assert [row.department for row in report.bulletin.departments] == ["公安局", "卫健委"]
    assert {row.department: _figures(row) for row in report.bulletin.departments} == {
        d: want[d] for d in ("公安局", "卫健委")}
    assert {row.department for row in report.bulletin.coverage} == {"公安局", "卫健委"}
    assert report.scope == ("公安局", "卫健委")
    in_scope = [c for c in counted(quarter, Q3) if {"gaj", "wjw"} & set(c.departments)]
    assert report.bulletin.total.cases == len(in_scope)  # a bundle of both departments counts once
    assert report.shared_cases == sum({"gaj", "wjw"} <= set(c.departments) for c in in_scope)


def test_a_month_and_a_day_count_as_of_their_last_day(seeded: tuple[str, Engine], quarter: SeededQuarter,
                                                      catalogue: Catalogue) -> None:
    _url, engine = seeded
    for period in (Period(date(2026, 8, 1), date(2026, 8, 31)), Period(date(2026, 9, 15), date(2026, 9, 15))):
        report = read_report(engine, period, Scope(), catalogue)
        assert _figures(report.bulletin.total) == expected(quarter, period, catalogue)["total"]
    clipped = read_report(engine, Q3, Scope(), catalogue, today=date(2026, 8, 15))  # a quarter under way
    assert clipped.bulletin.period == Period(date(2026, 7, 1), date(2026, 8, 15))
    assert _figures(clipped.bulletin.total) == expected(quarter, clipped.bulletin.period, catalogue)["total"]
    empty = read_report(engine, Period(date(2025, 1, 1), date(2025, 3, 31)), Scope(), catalogue)
    assert empty.bulletin.total.cases == 0 and empty.bulletin.total.completion_rate.percent() == "—"


def test_the_route_answers_the_figures_by_role(seeded: tuple[str, Engine], tmp_path: Path) -> None:
    url, engine = seeded
    for username, role, departments in (("stats_admin", "admin", []), ("stats_sup", "supervisor", ["gaj"]),
                                         ("stats_clerk", "clerk", [])):
        with contextlib.suppress(ApiError):  # added by the test's run on the other database's twin
            add_account(engine, username, role=role, password=ADMIN_PASSWORD, departments=departments)
    app = create_app(make_settings(url, tmp_path / "data"))
    with TestClient(app) as client:
        def call(user: str, query: str):  # type: ignore[no-untyped-def]
            token = client.post("/api/v1/auth/token", json={"username": user, "password": ADMIN_PASSWORD}).json()
            return client.get(f"/api/v1/statistics{query}", headers={"Authorization": f"Bearer {token['token']}"})

        answer = call("stats_admin", "?from=2026-07-01&to=2026-09-30")
        assert answer.status_code == 200, answer.text
        report = report_from_dict(answer.json())
        assert report_to_dict(report) == answer.json()
        assert report.bulletin.total.cases == read_report(engine, Q3, Scope(), load_default_catalogue().catalogue
                                                          ).bulletin.total.cases
        police = report_from_dict(call("stats_sup", "?from=2026-07-01&to=2026-09-30").json())
        assert [row.department for row in police.bulletin.departments] == ["公安局"]
        assert call("stats_clerk", "?from=2026-07-01&to=2026-09-30").status_code == 403
        for query in ("?from=2026-09-30&to=2026-07-01", "?from=2026-13-01&to=2026-12-31",
                      "?from=2020-01-01&to=2026-01-01", "?to=2026-01-01", "?from=0001-01-01&to=0001-01-02",
                      "?from=9999-12-30&to=9999-12-31"):
            refused = call("stats_admin", query)
            assert refused.status_code == 422 and refused.json()["details"], (query, refused.text)
    app.state.engine.dispose()
