"""Three-level reminders over the real 2025 and 2026 holiday arrangements.

2025 National Day and Mid-Autumn: 10-01..10-08 off, make-up workdays Sun 09-28 and Sat 10-11.
2026 Spring Festival: 02-15..02-23 off, make-up workdays Sat 02-14 and Sat 02-28 (chinesecalendar
1.11 data, the State Council notice of 2025-11-04).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clerk_app.core.case import Applicant, Case, CaseState, Decision, DecisionKind
from clerk_app.core.reminders import (
    ReminderLevel,
    ReminderPolicy,
    ReminderPolicyError,
    case_deadline,
    level_of,
    promised_completion,
    remind,
    remind_case,
    summarize,
    thresholds,
    workdays_left,
)
from clerk_app.core.workdays import CalendarGapError, WorkCalendar

D = date
NATIONAL_DAY_DEADLINE = D(2025, 10, 9)  # Thursday, first working day after the break
LEVEL = ReminderLevel


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar.official()


# --- deadlines ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accepted", "days", "expected"),
    [
        (D(2025, 9, 26), 5, D(2025, 10, 10)),  # Sun 09-28 works, 10-01..10-08 do not
        (D(2025, 9, 30), 1, D(2025, 10, 9)),  # across the whole break
        (D(2025, 10, 9), 2, D(2025, 10, 11)),  # Sat 10-11 is a make-up workday
        (D(2025, 9, 27), 1, D(2025, 9, 28)),  # Sunday make-up day
        (D(2026, 2, 12), 3, D(2026, 2, 24)),  # Fri, Sat 02-14 (make-up), then Tue 02-24
        (D(2026, 2, 27), 1, D(2026, 2, 28)),  # Sat 02-28 is a make-up workday
        (D(2026, 3, 2), 0, D(2026, 3, 2)),  # 即办件: the same day
    ],
)
def test_promised_completion(cal: WorkCalendar, accepted: date, days: int, expected: date) -> None:
    reckoned = promised_completion(cal, accepted, days)
    assert reckoned.value == expected
    assert not reckoned.estimated


def test_promised_completion_in_a_year_without_data_is_estimated(cal: WorkCalendar) -> None:
    reckoned = promised_completion(cal, D(2030, 1, 4), 1)
    assert reckoned.value == D(2030, 1, 7)  # Friday + 1, Monday to Friday
    assert reckoned.warning is not None and reckoned.warning.years == (2030,)


def _case(decision: Decision | None, state: CaseState) -> Case:
    case = Case(
        id="01J", number="BT01-W07-20250926-0001", code="M", name="事项", matter_codes=("M",),
        departments=("市场监管局",), hall_code="BT01", window_code="W07", created_at=datetime(2025, 9, 26, 9),
        clerk="wangxy", applicant=Applicant("自然人", "张三"),
    )
    return replace(case, decision=decision, state=state)


def _decision(kind: DecisionKind, promised: date | None) -> Decision:
    return Decision(kind, "wangxy", "王晓燕", datetime(2025, 9, 26, 9, 30), promised_date=promised)


def test_case_deadline_is_the_recorded_promised_date(cal: WorkCalendar) -> None:
    case = _case(_decision(DecisionKind.ACCEPT, D(2025, 10, 10)), CaseState.SYNCED)
    deadline = case_deadline(case, cal, promised_days=1)
    assert deadline is not None and deadline.value == D(2025, 10, 10)


def test_case_deadline_computed_from_acceptance_when_not_recorded(cal: WorkCalendar) -> None:
    case = _case(_decision(DecisionKind.TOLERANCE_ACCEPT, None), CaseState.TOLERANCE_ACCEPTED)
    deadline = case_deadline(case, cal, promised_days=5)
    assert deadline is not None and deadline.value == D(2025, 10, 10)
    assert case_deadline(case, cal) is None  # no recorded date and no days to count


def test_no_deadline_for_a_notice_or_a_draft(cal: WorkCalendar) -> None:
    assert case_deadline(_case(_decision(DecisionKind.NOTIFY, None), CaseState.NOTIFIED), cal, 5) is None
    assert case_deadline(_case(None, CaseState.DRAFT), cal, 5) is None


def test_remind_case_only_while_the_time_limit_runs(cal: WorkCalendar) -> None:
    running = _case(_decision(DecisionKind.ACCEPT, D(2025, 10, 10)), CaseState.SYNCED)
    reminder = remind_case(running, D(2025, 10, 10), cal)
    assert reminder is not None and reminder.level is LEVEL.YELLOW
    assert remind_case(replace(running, state=CaseState.APPROVED), D(2025, 10, 20), cal) is None


def test_remind_case_carries_the_estimate_of_a_computed_deadline(cal: WorkCalendar) -> None:
    case = _case(_decision(DecisionKind.ACCEPT, None), CaseState.ACCEPTED)
    case = replace(case, decision=replace(case.decision, at=datetime(2026, 12, 30, 9)))  # type: ignore[arg-type]
    reminder = remind_case(case, D(2026, 12, 30), cal, promised_days=3)
    assert reminder is not None and reminder.warning is not None
    assert reminder.deadline == D(2027, 1, 4)  # 12-31, then 2027 counted Monday to Friday
    assert reminder.warning.years == (2027,)


# --- levels ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "level", "left"),
    [
        (D(2025, 9, 28), LEVEL.NONE, 3),  # the Sunday make-up day counts
        (D(2025, 9, 29), LEVEL.NONE, 2),
        (D(2025, 9, 30), LEVEL.WARNING, 1),  # last working day before the break
        (D(2025, 10, 5), LEVEL.WARNING, 1),  # inside the break
        (D(2025, 10, 8), LEVEL.WARNING, 1),
        (D(2025, 10, 9), LEVEL.YELLOW, 0),  # the deadline day
        (D(2025, 10, 10), LEVEL.RED, -1),
        (D(2025, 10, 11), LEVEL.RED, -2),  # make-up Saturday: the Friday has passed as well
        (D(2025, 10, 12), LEVEL.RED, -3),  # Sunday: 10-09, 10-10 and 10-11 have passed
        (D(2025, 10, 13), LEVEL.RED, -3),
        (D(2025, 10, 14), LEVEL.RED, -4),
    ],
)
def test_levels_around_national_day(cal: WorkCalendar, today: date, level: ReminderLevel, left: int) -> None:
    assert level_of(NATIONAL_DAY_DEADLINE, today, cal) is level
    assert workdays_left(NATIONAL_DAY_DEADLINE, today, cal) == left
    reminder = remind(NATIONAL_DAY_DEADLINE, today, cal)
    assert (reminder.level, reminder.workdays_left, reminder.warning) == (level, left, None)


@pytest.mark.parametrize(
    ("today", "level"),
    [
        (D(2026, 2, 13), LEVEL.NONE),  # Friday: two working days left (Sat 02-14 and Tue 02-24)
        (D(2026, 2, 14), LEVEL.WARNING),  # the make-up Saturday is the working day before
        (D(2026, 2, 20), LEVEL.WARNING),
        (D(2026, 2, 23), LEVEL.WARNING),
        (D(2026, 2, 24), LEVEL.YELLOW),
        (D(2026, 2, 25), LEVEL.RED),
    ],
)
def test_levels_around_spring_festival_2026(cal: WorkCalendar, today: date, level: ReminderLevel) -> None:
    assert level_of(D(2026, 2, 24), today, cal) is level


def test_thresholds_follow_the_policy(cal: WorkCalendar) -> None:
    policy = ReminderPolicy(warning_days=3, red_grace_days=2)
    found = thresholds(NATIONAL_DAY_DEADLINE, cal, policy)
    assert found.warning_from == D(2025, 9, 28)  # 09-30, 09-29, then the Sunday make-up day
    assert found.red_after == D(2025, 10, 11)  # 10-10, then the Saturday make-up day
    assert level_of(NATIONAL_DAY_DEADLINE, D(2025, 9, 27), cal, policy) is LEVEL.NONE
    assert level_of(NATIONAL_DAY_DEADLINE, D(2025, 9, 28), cal, policy) is LEVEL.WARNING
    assert level_of(NATIONAL_DAY_DEADLINE, D(2025, 10, 10), cal, policy) is LEVEL.YELLOW
    assert level_of(NATIONAL_DAY_DEADLINE, D(2025, 10, 11), cal, policy) is LEVEL.YELLOW
    assert level_of(NATIONAL_DAY_DEADLINE, D(2025, 10, 12), cal, policy) is LEVEL.RED


def test_a_deadline_on_a_day_off(cal: WorkCalendar) -> None:
    saturday = D(2026, 3, 7)  # an immediate case accepted on a Saturday
    assert level_of(saturday, D(2026, 3, 6), cal) is LEVEL.WARNING
    assert level_of(saturday, saturday, cal) is LEVEL.YELLOW
    sunday = remind(saturday, D(2026, 3, 8), cal)
    assert sunday.level is LEVEL.RED and sunday.workdays_overdue == 0
    assert sunday.sentence() == "已超过办结期限（2026-03-07到期）"


@pytest.mark.parametrize(
    ("warning", "grace"), [(0, 0), (31, 0), (True, 0), (1, -1), (1, 31), ("2", 0)]
)
def test_invalid_policies(warning: object, grace: object) -> None:
    with pytest.raises(ReminderPolicyError) as raised:
        ReminderPolicy(warning_days=warning, red_grace_days=grace)  # type: ignore[arg-type]
    assert "工作日" in raised.value.text("zh")
    assert "working days" in raised.value.text("en")


def test_strict_functions_raise_on_a_gap(cal: WorkCalendar) -> None:
    with pytest.raises(CalendarGapError):
        level_of(D(2030, 3, 1), D(2030, 2, 27), cal)
    with pytest.raises(CalendarGapError):
        workdays_left(D(2030, 3, 1), D(2030, 2, 27), cal)


def test_remind_estimates_a_gap_with_a_warning(cal: WorkCalendar) -> None:
    reminder = remind(D(2030, 3, 1), D(2030, 2, 27), cal)  # Wednesday to Friday, Monday to Friday
    assert (reminder.level, reminder.workdays_left) == (LEVEL.NONE, 2)
    assert reminder.warning is not None and reminder.warning.years == (2030,)
    assert "2030" in reminder.warning.text("zh")


# --- words -------------------------------------------------------------------------------------


def test_labels_and_sentences(cal: WorkCalendar) -> None:
    assert [level.label() for level in LEVEL] == ["正常", "预警", "黄牌", "红牌"]
    assert [level.label("en") for level in LEVEL] == ["On time", "Warning", "Yellow card", "Red card"]
    early = remind(NATIONAL_DAY_DEADLINE, D(2025, 9, 29), cal)
    assert early.sentence() == "剩余2个工作日（2025-10-09到期）"
    assert early.sentence("en") == "2 working days left (due 2025-10-09)"
    assert remind(NATIONAL_DAY_DEADLINE, D(2025, 9, 30), cal).sentence("en") == "1 working day left (due 2025-10-09)"
    assert remind(NATIONAL_DAY_DEADLINE, NATIONAL_DAY_DEADLINE, cal).sentence() == "今日到期（2025-10-09）"
    late = remind(NATIONAL_DAY_DEADLINE, D(2025, 10, 11), cal)
    assert late.label() == "红牌" and late.sentence() == "超期2个工作日（2025-10-09到期）"
    assert late.sentence("en") == "2 working days overdue (due 2025-10-09)"
    assert late.workdays_overdue == 2


def test_summary_counts_each_level(cal: WorkCalendar) -> None:
    today = D(2025, 10, 9)
    deadlines = [D(2025, 10, 20), D(2025, 10, 10), D(2025, 10, 9), D(2025, 10, 9), D(2025, 9, 30)]
    summary = summarize(deadlines, today, cal)
    assert dict(summary.counts) == {LEVEL.NONE: 1, LEVEL.WARNING: 1, LEVEL.YELLOW: 2, LEVEL.RED: 1}
    assert summary.total == 5 and summary.warning is None
    assert summary.rows() == [("正常", 1), ("预警", 1), ("黄牌", 2), ("红牌", 1)]
    empty = summarize([], today, cal)
    assert empty.total == 0 and empty.count(LEVEL.RED) == 0


def test_summary_warns_about_estimated_years(cal: WorkCalendar) -> None:
    summary = summarize([D(2031, 1, 10), D(2026, 6, 1)], D(2026, 5, 29), cal)
    assert summary.warning is not None and summary.warning.years == (2027, 2028, 2029, 2030, 2031)


# --- properties --------------------------------------------------------------------------------

DAYS_2025_2026 = st.dates(min_value=D(2025, 1, 1), max_value=D(2026, 12, 20))


@given(deadline=DAYS_2025_2026, today=DAYS_2025_2026, step=st.integers(1, 10))
def test_levels_never_go_back_as_days_pass(deadline: date, today: date, step: int) -> None:
    cal = _shared_calendar()
    later = today + timedelta(days=step)
    assert level_of(deadline, today, cal).rank <= level_of(deadline, later, cal).rank


@given(deadline=DAYS_2025_2026, today=DAYS_2025_2026)
def test_default_levels_match_the_calendar_day(deadline: date, today: date) -> None:
    cal = _shared_calendar()
    level = level_of(deadline, today, cal)
    assert (level is LEVEL.RED) == (today > deadline)
    assert (level is LEVEL.YELLOW) == (today == deadline)
    left = workdays_left(deadline, today, cal)
    assert (left < 0) <= (today > deadline)  # negative only once the deadline has passed
    if level is LEVEL.NONE:
        assert left > 1


_CALENDAR: list[WorkCalendar] = []


def _shared_calendar() -> WorkCalendar:
    if not _CALENDAR:
        _CALENDAR.append(WorkCalendar.official())
    return _CALENDAR[0]
