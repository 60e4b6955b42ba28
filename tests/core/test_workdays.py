"""Working days over the real 2025 and 2026 arrangements, gaps, fallback, and calendar files.

2025 and 2026 dates were checked against the State Council General Office notices (2024-11-12
for 2025, 2025-11-04 for 2026). Every 2027 file here is made-up test data: the 2027 notice was
not available when these tests were written.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clerk_app.config.calendar_file import (
    CalendarFileError,
    load_calendar_file,
    load_work_calendar,
    parse_calendar,
    shipped_calendars_dir,
)
from clerk_app.core.workdays import (
    CalendarGapError,
    WorkCalendar,
    YearCalendar,
    chinesecalendar_years,
    year_ranges,
)

D = date
FAKE_2027 = """# made-up test data, not the official 2027 arrangement
format: clerk-calendar/1
year: 2027
source: 测试数据
holidays:
  - {name: 元旦, dates: 2027-01-01..2027-01-03}
  - {name: 春节, dates: 2027-02-06..2027-02-14}
workdays:
  - {name: 春节, dates: [2027-01-31, 2027-02-20]}
"""


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar.official()


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


# --- official data ---------------------------------------------------------------------------


def test_known_years_are_the_ones_chinesecalendar_has(cal: WorkCalendar) -> None:
    assert cal.known_years == tuple(range(2004, 2027))
    assert cal.source(2025) == f"chinesecalendar {chinese_calendar.__version__}"
    assert cal.source(2027) is None


def test_2025_spring_festival(cal: WorkCalendar) -> None:
    for day in days(D(2025, 1, 28), D(2025, 2, 4)):
        assert not cal.is_workday(day), day
        assert cal.holiday_name(day) == "春节"
    assert cal.is_workday(D(2025, 1, 26))  # Sunday, make-up workday
    assert cal.is_workday(D(2025, 2, 8))  # Saturday, make-up workday
    assert not cal.is_workday(D(2025, 1, 25))  # an ordinary Saturday
    assert cal.is_workday(D(2025, 2, 5))


def test_2025_national_day_and_mid_autumn(cal: WorkCalendar) -> None:
    for day in days(D(2025, 10, 1), D(2025, 10, 8)):
        assert not cal.is_workday(day), day
    assert cal.holiday_name(D(2025, 10, 6)) == "中秋"
    assert cal.holiday_name(D(2025, 10, 1)) == "国庆节"
    assert cal.is_workday(D(2025, 9, 28)) and cal.is_workday(D(2025, 10, 11))
    assert cal.holiday_name(D(2025, 9, 29)) is None


def test_2026_matches_the_official_notice(cal: WorkCalendar) -> None:
    for workday in ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20",
                    "2026-10-10"]:
        assert cal.is_workday(date.fromisoformat(workday)), workday
    for off in ["2026-01-02", "2026-02-16", "2026-02-23", "2026-04-06", "2026-05-05",
                "2026-06-19", "2026-09-25", "2026-10-07"]:
        assert not cal.is_workday(date.fromisoformat(off)), off
    assert cal.is_workday(D(2026, 10, 8))


def test_every_known_day_agrees_with_chinesecalendar(cal: WorkCalendar) -> None:
    for day in days(D(2004, 1, 1), D(2026, 12, 31)):
        assert cal.is_workday(day) == chinese_calendar.is_workday(day), day


def test_chinesecalendar_years_are_consistent() -> None:
    years = chinesecalendar_years()
    assert [y.year for y in years] == list(range(2004, 2027))
    assert sum(len(y.workdays) for y in years) == len(chinese_calendar.workdays)
    assert all(day.weekday() >= 5 for y in years for day in y.workdays)


# --- arithmetic ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        (D(2025, 1, 24), 1, D(2025, 1, 26)),  # Friday → the make-up Sunday
        (D(2025, 1, 24), 2, D(2025, 1, 27)),
        (D(2025, 1, 24), 3, D(2025, 2, 5)),  # over the whole Spring Festival
        (D(2025, 2, 5), 3, D(2025, 2, 8)),  # the make-up Saturday counts
        (D(2025, 9, 26), 1, D(2025, 9, 28)),
        (D(2025, 9, 30), 1, D(2025, 10, 9)),
        (D(2025, 9, 30), 2, D(2025, 10, 10)),
        (D(2025, 9, 30), 3, D(2025, 10, 11)),
        (D(2026, 2, 13), 3, D(2026, 2, 25)),  # the README's worked example
        (D(2025, 12, 30), 3, D(2026, 1, 5)),  # across the new year, 2026-01-04 is a workday
        (D(2025, 3, 3), 20, D(2025, 3, 31)),
    ],
)
def test_add_workdays(cal: WorkCalendar, start: date, n: int, due: date) -> None:
    assert cal.add_workdays(start, n) == due
    assert cal.workdays_between(start, due) == n


def test_zero_days_is_the_same_day_even_on_a_holiday(cal: WorkCalendar) -> None:
    assert cal.add_workdays(D(2025, 2, 1), 0) == D(2025, 2, 1)
    assert cal.add_workdays(D(2025, 3, 3), 0) == D(2025, 3, 3)


def test_accepted_on_a_day_off_counts_from_the_next_workday(cal: WorkCalendar) -> None:
    assert cal.add_workdays(D(2025, 10, 3), 1) == D(2025, 10, 9)


def test_counting_back_gives_the_reminder_day(cal: WorkCalendar) -> None:
    assert cal.add_workdays(D(2025, 10, 9), -1) == D(2025, 9, 30)
    assert cal.add_workdays(D(2025, 2, 10), -1) == D(2025, 2, 8)
    assert cal.workdays_between(D(2025, 10, 9), D(2025, 9, 30)) == -1


def test_workdays_between_counts_overdue_days(cal: WorkCalendar) -> None:
    assert cal.workdays_between(D(2025, 9, 30), D(2025, 10, 8)) == 0
    assert cal.workdays_between(D(2025, 9, 30), D(2025, 10, 13)) == 4  # 9, 10, 11 (Sat), 13
    # 2025: 261 weekdays, 18 of them holidays, 5 make-up days (1 January itself is a holiday)
    assert cal.workdays_between(D(2024, 12, 31), D(2025, 12, 31)) == 261 - 18 + 5


@given(
    start=st.dates(min_value=D(2004, 3, 1), max_value=D(2026, 10, 1)),
    n=st.integers(min_value=-30, max_value=30),
)
def test_workdays_between_inverts_add_workdays(start: date, n: int) -> None:
    cal = WorkCalendar.official()
    due = cal.add_workdays(start, n)
    assert cal.workdays_between(start, due) == n
    if n:
        assert cal.is_workday(due)


# --- gaps and fallback -----------------------------------------------------------------------


def test_crossing_into_2027_raises_a_gap_error(cal: WorkCalendar) -> None:
    assert cal.add_workdays(D(2026, 12, 28), 3) == D(2026, 12, 31)
    with pytest.raises(CalendarGapError) as caught:
        cal.add_workdays(D(2026, 12, 28), 5)
    error = caught.value
    assert error.year == 2027 and error.day == D(2027, 1, 1)
    assert error.known_years == tuple(range(2004, 2027))
    assert "2027" in error.text("zh") and "管理员" in error.text("zh")
    assert "2004–2026" in error.text("zh")
    assert "administrator must load the official 2027" in error.text("en")
    assert error.text("zh") in str(error) and error.text("en") in str(error)
    assert not isinstance(error, NotImplementedError)


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.is_workday(D(2027, 3, 1)),
        lambda c: c.workdays_between(D(2026, 12, 1), D(2027, 1, 10)),
        lambda c: c.add_workdays(D(2004, 1, 5), -5),
    ],
)
def test_every_operation_raises_outside_known_years(cal: WorkCalendar, call) -> None:
    with pytest.raises(CalendarGapError):
        call(cal)


def test_fallback_counts_weekdays_and_says_so(cal: WorkCalendar) -> None:
    answer = cal.fallback().add_workdays(D(2026, 12, 28), 5)
    assert answer.value == D(2027, 1, 4)  # 29, 30, 31 Dec, then Friday 1 and Monday 4 Jan
    assert answer.estimated and answer.warning is not None
    assert answer.warning.years == (2027,)
    assert "2027" in answer.warning.text("zh") and "估算" in answer.warning.text("zh")
    assert "estimated" in answer.warning.text("en")


def test_fallback_within_known_years_is_exact_and_unflagged(cal: WorkCalendar) -> None:
    fallback = cal.fallback()
    assert fallback.add_workdays(D(2025, 9, 30), 1).value == D(2025, 10, 9)
    assert fallback.add_workdays(D(2025, 9, 30), 1).warning is None
    assert fallback.is_workday(D(2025, 10, 11)).value is True
    assert fallback.workdays_between(D(2025, 1, 1), D(2025, 12, 31)).value == 248
    assert fallback.is_workday(D(2028, 1, 1)).warning.years == (2028,)


def test_admin_file_fills_the_gap(tmp_path: Path) -> None:
    (tmp_path / "2027.yaml").write_text(FAKE_2027, encoding="utf-8")
    cal = load_work_calendar(shipped_calendars_dir(), tmp_path)
    assert cal.known_years[-1] == 2027
    assert cal.source(2027) == "测试数据"
    assert cal.add_workdays(D(2026, 12, 28), 5) == D(2027, 1, 5)
    assert cal.add_workdays(D(2027, 2, 5), 1) == D(2027, 2, 15)
    assert cal.is_workday(D(2027, 1, 31)) and cal.holiday_name(D(2027, 2, 10)) == "春节"
    assert cal.fallback().add_workdays(D(2026, 12, 28), 5).warning is None


def test_an_admin_year_replaces_the_packaged_one_and_may_reach_into_december() -> None:
    replacement = YearCalendar(2026, {D(2026, 10, 8): "国庆节"}, {}, "admin")
    spill = YearCalendar(2027, {D(2026, 12, 31): "元旦"}, {}, "admin")
    cal = WorkCalendar.official([replacement, spill])
    assert cal.source(2026) == "admin"
    assert not cal.is_workday(D(2026, 10, 8))
    assert cal.is_workday(D(2026, 2, 16))  # the packaged 2026 Spring Festival is gone
    assert not cal.is_workday(D(2026, 12, 31))


def test_inconsistent_year_calendar_is_rejected() -> None:
    with pytest.raises(ValueError, match="Monday to Friday"):
        WorkCalendar([YearCalendar(2027, {}, {D(2027, 3, 3): ""})])


def test_year_ranges() -> None:
    assert year_ranges([2006, 2004, 2005, 2028]) == "2004–2006, 2028"
    assert year_ranges([]) == "-"


# --- calendar files --------------------------------------------------------------------------


def test_readme_sample_is_the_packaged_2026() -> None:
    readme = (shipped_calendars_dir() / "README.md").read_text(encoding="utf-8")
    sample = re.search(r"```yaml\n(.*?)```", readme, re.S)
    assert sample is not None
    parsed = parse_calendar(sample.group(1), "README.md")
    packaged = next(y for y in chinesecalendar_years() if y.year == 2026)
    assert parsed.year == 2026
    assert set(parsed.holidays) == set(packaged.holidays)
    assert set(parsed.workdays) == set(packaged.workdays)
    assert parsed.holidays[D(2026, 2, 15)] == "春节"


def test_calendar_file_forms(tmp_path: Path) -> None:
    path = tmp_path / "2027.yaml"
    path.write_text(
        "year: 2027\nholidays:\n"
        "  - name: 清明节\n    dates: [2027-04-03, 2027-4-4..2027-04-05]\n"
        "workdays:\n  - 2027-03-27\n  - {dates: 2027-04-10..2027-04-11}\n",
        encoding="utf-8",
    )
    calendar = load_calendar_file(path)
    assert calendar.holidays == {D(2027, 4, 3): "清明节", D(2027, 4, 4): "清明节",
                                 D(2027, 4, 5): "清明节"}
    assert set(calendar.workdays) == {D(2027, 3, 27), D(2027, 4, 10), D(2027, 4, 11)}
    assert calendar.source == str(path)


def file_errors(text: str, lang: str = "en") -> list[str]:
    with pytest.raises(CalendarFileError) as caught:
        parse_calendar(text, "cal.yaml")
    return caught.value.text(lang).splitlines()


GOOD_HEAD = "year: 2027\nholidays:\n  - {name: 元旦, dates: 2027-01-01}\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "cal.yaml:1: The file is empty"),
        ("year: 2027\nholidays: [\n", "cal.yaml:3: YAML syntax error"),
        ("- 2027\n", "cal.yaml:1: The file must be a mapping"),
        ("holidays: []\n", "cal.yaml:1: year is missing"),
        ("year: 2027\n", "cal.yaml:1: holidays is missing"),
        ("year: 27\nholidays: []\n", "cal.yaml:1: year must be a four-digit year"),
        ("format: clerk-calendar/2\n" + GOOD_HEAD, "cal.yaml:1: format must be clerk-calendar/1"),
        (GOOD_HEAD + "workday: []\n", "cal.yaml:4: Unknown key “workday”"),
        (GOOD_HEAD + "year: 2028\n", "cal.yaml:4: Key “year” appears twice"),
        ("year: 2027\nholidays: 2027-01-01\n", "cal.yaml:2: holidays must be a list"),
        (GOOD_HEAD + "  - 2027-02-06\n", "cal.yaml:4: Each holidays item must look like"),
        (GOOD_HEAD + "  - {dates: 2027-02-06}\n", "cal.yaml:4: name is missing"),
        (GOOD_HEAD + "  - {name: 春节}\n", "cal.yaml:4: dates is missing"),
        (GOOD_HEAD + "  - {name: 春节, dates: 2027-02-30}\n", "cal.yaml:4: “2027-02-30” is not"),
        (GOOD_HEAD + "  - {name: 春节, dates: 2月6日}\n", "cal.yaml:4: “2月6日” is not a date"),
        (GOOD_HEAD + "  - {name: 春节, dates: 2027-02-10..2027-02-06}\n", "cal.yaml:4: Date range"),
        (GOOD_HEAD + "  - {name: 春节, dates: 2027-02-01..2027-03-31}\n", "longer than 31 days"),
        (GOOD_HEAD + "  - {name: 春节, dates: 2028-02-06}\n", "cal.yaml:4: 2028-02-06 is outside"),
        (GOOD_HEAD + "  - {name: 又是元旦, dates: 2027-01-01}\n",
         "cal.yaml:4: 2027-01-01 is listed twice (already on line 3)"),
        (GOOD_HEAD + "workdays: [2027-01-01]\n", "cal.yaml:4: 2027-01-01 is listed both"),
        (GOOD_HEAD + "workdays:\n  - 2027-01-04\n", "cal.yaml:5: Make-up workday 2027-01-04 is a Monday"),
    ],
)
def test_calendar_file_errors_name_file_and_line(text: str, expected: str) -> None:
    errors = file_errors(text)
    assert any(line.startswith(expected) or expected in line for line in errors), errors


def test_all_mistakes_of_a_file_are_reported_at_once_in_chinese_by_default() -> None:
    text = GOOD_HEAD + "  - {name: 春节, dates: 2027-02-30}\nworkdays: [2027-01-04]\nbad: 1\n"
    errors = file_errors(text, "zh")
    assert [e.split(": ")[0] for e in errors] == ["cal.yaml:4", "cal.yaml:5", "cal.yaml:6"]
    assert "不是有效日期" in errors[0]


def test_two_files_for_one_year_and_unreadable_files(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(FAKE_2027, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(FAKE_2027, encoding="utf-8")
    (tmp_path / "c.yaml").write_bytes(b"year: 2027\n\xff\xfe")
    with pytest.raises(CalendarFileError) as caught:
        load_work_calendar(tmp_path)
    text = caught.value.text("en")
    assert f"{tmp_path / 'b.yaml'}:1: The 2027 arrangement is already given in" in text
    assert f"{tmp_path / 'c.yaml'}:1: Cannot read the holiday calendar file" in text


def test_missing_folder_gives_the_packaged_calendar(tmp_path: Path) -> None:
    assert load_work_calendar(tmp_path / "absent").known_years == tuple(range(2004, 2027))
