"""The quarterly bulletin's figures on a small hand-computed dataset, the seed's own figures, properties."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clerk_app.core.bulletin import (
    TOTAL,
    Bulletin,
    BulletinError,
    CaseRecord,
    CatalogueMatter,
    Channel,
    EvaluationRecord,
    Period,
    Rate,
    SignInSession,
    attendance,
    compute_bulletin,
    department_figures,
)

Q2 = Period.quarter(2021, 2)
D = date
W, ONL = Channel.WINDOW, Channel.ONLINE
SOCIAL, POLICE, WEATHER, STATS, CIVIL = "社保中心", "公安局", "气象局", "统计局", "民政局"

CATALOGUE = [
    *(CatalogueMatter(code, SOCIAL) for code in ("S1", "S2", "S3", "S4")),
    CatalogueMatter("P1", POLICE), CatalogueMatter("P2", POLICE),
    CatalogueMatter("Q1", WEATHER),
    CatalogueMatter("T1", STATS),
]
CASES = [
    CaseRecord("A1", SOCIAL, "S1", W, D(2021, 4, 6), D(2021, 4, 9), D(2021, 4, 8), "马静"),  # on time
    CaseRecord("A2", SOCIAL, "S1", ONL, D(2021, 5, 10), D(2021, 5, 14), D(2021, 5, 17)),  # completed late
    CaseRecord("A3", SOCIAL, "S2", W, D(2021, 6, 25), D(2021, 7, 2), None, "马静"),  # open, not yet due
    CaseRecord("A4", SOCIAL, "S3", W, D(2021, 6, 1), D(2021, 6, 10), None, "张学萍"),  # open and overdue
    CaseRecord("B1", POLICE, "P1", W, D(2021, 4, 20), D(2021, 4, 20), D(2021, 4, 20), "张学萍"),
    CaseRecord("B2", POLICE, "P1", ONL, D(2021, 6, 29), D(2021, 7, 5), D(2021, 7, 1)),  # completed after the quarter
    CaseRecord("C1", WEATHER, "Q1", W, D(2021, 5, 6), None, D(2021, 5, 6), "马静"),
    CaseRecord("X0", SOCIAL, "S4", W, D(2021, 3, 31), D(2021, 4, 2), D(2021, 4, 1), "马静"),  # previous quarter
    CaseRecord("Z1", CIVIL, "M9", W, D(2021, 4, 15), D(2021, 4, 15), D(2021, 4, 15), "吴婷"),  # not in the catalogue
]
EVALUATIONS = [
    EvaluationRecord("A1", 5), EvaluationRecord("A2", 2), EvaluationRecord("A2", 1), EvaluationRecord("B1", 4),
    EvaluationRecord("C1", 1), EvaluationRecord("X0", 5), EvaluationRecord("NOCASE", 3),
]


def at(day: int, month: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2021, month, day, hour, minute)


SESSIONS = [
    SignInSession("马静", at(6, 4, 8, 30), at(6, 4, 12)),
    SignInSession("马静", at(6, 4, 14, 30), at(6, 4, 18)),
    SignInSession("马静", at(7, 4, 8, 30), at(7, 4, 17, 30)),
    SignInSession("马静", at(7, 4, 9), at(7, 4, 10)),  # a second workstation at the same time: counted once
    SignInSession("马静", at(8, 4, 8, 30), None),  # never signed out
    SignInSession("张学萍", datetime(2021, 3, 31, 20), at(1, 4, 2)),  # only 00:00–02:00 is in the quarter
    SignInSession("张学萍", at(30, 6, 22), datetime(2021, 7, 1, 1)),  # only 22:00–24:00 is
    SignInSession("吴婷", datetime(2021, 7, 2, 8), datetime(2021, 7, 2, 12)),  # next quarter
]


@pytest.fixture(scope="module")
def bulletin() -> Bulletin:
    return compute_bulletin(Q2, CASES, EVALUATIONS, SESSIONS, CATALOGUE, open_days=60)


def test_period_of_a_quarter() -> None:
    assert (Q2.start, Q2.end, Q2.days) == (D(2021, 4, 1), D(2021, 6, 30), 91)
    assert Period.quarter(2021, 4).end == D(2021, 12, 31)
    assert D(2021, 6, 30) in Q2 and D(2021, 7, 1) not in Q2
    with pytest.raises(BulletinError) as raised:
        Period.quarter(2021, 5)
    assert raised.value.text() == "季度应为1到4，而不是“5”"
    with pytest.raises(BulletinError):
        Period(D(2021, 5, 1), D(2021, 4, 1))


def test_department_table(bulletin: Bulletin) -> None:
    rows = {row.department: row for row in bulletin.departments}
    assert [row.department for row in bulletin.departments] == [SOCIAL, POLICE, CIVIL, WEATHER, STATS]
    social = rows[SOCIAL]
    assert (social.cases, social.completed, social.overdue, social.online, social.window) == (4, 2, 2, 1, 3)
    assert social.completion_rate.percent() == "50.00%" and social.online_share.percent() == "25.00%"
    assert (social.evaluated, social.evaluations, social.bad) == (2, 3, 2)
    assert social.evaluation_rate.percent() == "50.00%" and social.satisfaction.percent() == "33.33%"
    police = rows[POLICE]
    assert (police.cases, police.completed, police.overdue, police.online, police.bad) == (2, 1, 0, 1, 0)
    assert rows[WEATHER].evaluation_rate.percent() == "100.00%" and rows[WEATHER].bad == 1
    assert rows[CIVIL].evaluation_rate.percent() == "0.00%"
    stats = rows[STATS]
    assert stats.cases == 0 and stats.completion_rate.percent() == "—" and stats.completion_rate.value is None


def test_totals(bulletin: Bulletin) -> None:
    total = bulletin.total
    assert total.department == TOTAL
    assert (total.cases, total.completed, total.overdue, total.online, total.window) == (8, 5, 2, 2, 6)
    assert total.completion_rate.percent() == "62.50%"
    assert total.online_share.percent() == "25.00%" and total.window_share.percent() == "75.00%"
    assert (total.evaluated, total.evaluations, total.bad) == (4, 5, 3)
    assert total.evaluation_rate.percent() == "50.00%"
    assert bulletin.daily_average == 0  # 8 cases over 60 days, rounded


def test_matter_coverage(bulletin: Bulletin) -> None:
    assert [(c.department, c.matters, c.covered, c.rate.percent()) for c in bulletin.coverage] == [
        (STATS, 1, 0, "0.00%"),
        (POLICE, 2, 1, "50.00%"),
        (SOCIAL, 4, 3, "75.00%"),  # S4 only has a case of the previous quarter
        (WEATHER, 1, 1, "100.00%"),
    ]
    assert (bulletin.coverage_total.matters, bulletin.coverage_total.covered) == (8, 5)
    assert bulletin.coverage_total.rate.percent() == "62.50%"


def test_workload_and_attendance(bulletin: Bulletin) -> None:
    assert [(w.clerk, w.cases, w.completed, w.days_present, w.per_day) for w in bulletin.workload] == [
        ("马静", 3, 2, 3, 1.0),
        ("张学萍", 2, 1, 2, 1.0),
        ("吴婷", 1, 1, 0, None),
    ]
    assert [(a.clerk, a.days_present, a.hours, a.open_sessions) for a in bulletin.attendance] == [
        ("张学萍", 2, 4.0, 0),
        ("马静", 3, 16.0, 1),
    ]


def test_a_session_over_midnight_counts_both_days() -> None:
    night = SignInSession("值班", at(10, 5, 22), at(11, 5, 6))
    assert [(a.days_present, a.hours) for a in attendance([night], Q2)] == [(2, 8.0)]
    exactly_midnight = SignInSession("值班", at(10, 5, 16), at(11, 5, 0))
    assert attendance([exactly_midnight], Q2)[0].days_present == 1


def test_invalid_records() -> None:
    with pytest.raises(BulletinError) as raised:
        attendance([SignInSession("马静", at(6, 4, 12), at(6, 4, 8))], Q2)
    assert raised.value.code == "bulletin.session"
    with pytest.raises(BulletinError) as raised:
        department_figures(CASES, [EvaluationRecord("A1", 6)], Q2)
    assert raised.value.text("en") == "Case A1: the rating must be 1 to 5, not “6”"


def test_the_seeds_own_figures() -> None:
    """Zhongning county, 2021 Q2: the percentages the bulletin printed."""
    assert Rate(465, 2899).percent() == "16.04%"  # matter coverage, whole county
    assert Rate(351, 1423).percent() == "24.67%"  # departments
    assert Rate(114, 1476).percent() == "7.72%"  # townships
    assert compute_bulletin(Q2, [], open_days=60).daily_average == 0
    big = compute_bulletin(Q2, [CaseRecord(str(i), SOCIAL, "S1", W, D(2021, 4, 1)) for i in range(152_915)],
                           open_days=60)
    assert big.daily_average == 2549  # 日受理办件量2549件


def test_empty_inputs() -> None:
    empty = compute_bulletin(Q2, [])
    assert empty.departments == () and empty.total.cases == 0 and empty.coverage_total.rate.percent() == "—"
    assert empty.daily_average is None


# --- properties --------------------------------------------------------------------------------

DEPARTMENTS = st.sampled_from([SOCIAL, POLICE, WEATHER, STATS])
DAYS = st.dates(min_value=D(2021, 3, 1), max_value=D(2021, 8, 31))


@st.composite
def case_records(draw: st.DrawFn) -> CaseRecord:
    accepted = draw(DAYS)
    deadline = draw(st.one_of(st.none(), st.dates(min_value=accepted, max_value=accepted + timedelta(days=30))))
    completed = draw(st.one_of(st.none(), st.dates(min_value=accepted, max_value=accepted + timedelta(days=40))))
    return CaseRecord(
        number=draw(st.text("0123456789", min_size=1, max_size=4)),
        department=draw(DEPARTMENTS),
        matter_code=draw(st.sampled_from(["S1", "S2", "S3", "S4", "P1", "P2", "Q1", "T1", "Z9"])),
        channel=draw(st.sampled_from(list(Channel))),
        accepted_on=accepted,
        deadline=deadline,
        completed_on=completed,
        clerk=draw(st.sampled_from(["", "马静", "张学萍"])),
    )


@given(cases=st.lists(case_records(), max_size=40), ratings=st.lists(st.integers(1, 5), max_size=40))
def test_tables_add_up(cases: list[CaseRecord], ratings: list[int]) -> None:
    evaluations = [EvaluationRecord(case.number, r) for case, r in zip(cases, ratings, strict=False)]
    bulletin = compute_bulletin(Q2, cases, evaluations, catalogue=CATALOGUE)
    rows, total = bulletin.departments, bulletin.total
    assert sum(r.cases for r in rows) == total.cases == sum(c.accepted_on in Q2 for c in cases)
    for row in (*rows, total):
        assert 0 <= row.completed <= row.cases and 0 <= row.overdue <= row.cases
        assert row.online + row.window == row.cases
        assert row.evaluated <= row.cases and row.bad <= row.evaluations
        for rate in (row.completion_rate, row.online_share, row.evaluation_rate):
            assert rate.value is None or 0 <= rate.value <= 1
    assert sum(c.covered for c in bulletin.coverage) == bulletin.coverage_total.covered
    assert bulletin.coverage_total.covered <= bulletin.coverage_total.matters == len(CATALOGUE)
    assert sum(w.cases for w in bulletin.workload) == sum(c.accepted_on in Q2 and bool(c.clerk) for c in cases)


@given(st.lists(st.tuples(st.datetimes(min_value=datetime(2021, 3, 25), max_value=datetime(2021, 7, 5)),
                          st.integers(0, 36 * 60)), max_size=15))
def test_attendance_never_exceeds_the_days(spans: list[tuple[datetime, int]]) -> None:
    sessions = [SignInSession("马静", start, start + timedelta(minutes=minutes)) for start, minutes in spans]
    rows = attendance(sessions, Q2)
    for row in rows:
        assert 0 <= row.hours <= 24 * row.days_present + 0.01
        assert row.days_present <= Q2.days
