"""Follow-up deadlines and the statistics' open days count working days with one calendar.

The hall's administrator put a calendar file in the back office's data folder that makes Saturday
2026-11-14 a make-up workday (调休上班); a bad rating on the Friday before is due one day earlier,
and the week's open days are six, through both routes alike (SQLite and PostgreSQL).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from clerk_app.backoffice.statistics import Scope, read_report
from clerk_app.backoffice.workdays import hall_calendar
from clerk_app.catalogue.loader import load_default_catalogue
from clerk_app.core.bulletin import Period
from tests.backoffice.conftest import Api
from tests.backoffice.test_case_events import post, rating, submitted

CALENDAR_2026 = """\
format: clerk-calendar/1
year: 2026
source: 国务院办公厅关于2026年部分节假日安排的通知；本地调休 11月14日（周六）上班
holidays:
  - {name: 元旦, dates: 2026-01-01..2026-01-03}
  - {name: 春节, dates: 2026-02-15..2026-02-23}
  - {name: 清明节, dates: 2026-04-04..2026-04-06}
  - {name: 劳动节, dates: 2026-05-01..2026-05-05}
  - {name: 端午节, dates: 2026-06-19..2026-06-21}
  - {name: 中秋节, dates: 2026-09-25..2026-09-27}
  - {name: 国庆节, dates: 2026-10-01..2026-10-07}
workdays:
  - {name: 元旦, dates: 2026-01-04}
  - {name: 春节, dates: [2026-02-14, 2026-02-28]}
  - {name: 劳动节, dates: 2026-05-09}
  - {name: 国庆节, dates: [2026-09-20, 2026-10-10]}
  - {name: 调休, dates: 2026-11-14}
"""
WEEK = Period(date(2026, 11, 9), date(2026, 11, 15))  # Monday to Sunday, the Saturday worked


def test_follow_up_deadline_and_open_days_share_the_hall_calendar(api: Api, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"  # the app's data folder (`app_factory`)
    (data_dir / "calendars").mkdir(parents=True, exist_ok=True)
    (data_dir / "calendars" / "2026.yaml").write_text(CALENDAR_2026, encoding="utf-8")
    c = submitted(api)
    answer = post(api, c.id, "evaluation", rating(1, reasons=("attitude",), at="2026-11-13T15:00:00+08:00"))
    assert answer.status_code == 201, answer.text
    follow_up = api.call("GET", f"/follow-ups/{answer.json()['follow_up_id']}", "sup_police").json()
    # 5 working days after Friday 13: Sat 14 (调休), Mon 16, Tue 17, Wed 18, Thu 19.
    assert (follow_up["due"], follow_up["due_estimated"]) == ("2026-11-19", False)
    statistics = api.call("GET", "/statistics?from=2026-11-09&to=2026-11-15", "sup_police")
    assert statistics.status_code == 200, statistics.text
    assert statistics.json()["open_days"] == 6  # Monday to Friday and the Saturday worked
    calendar = hall_calendar(data_dir)
    assert calendar.is_workday(date(2026, 11, 14))
    assert calendar.add_workdays(date(2026, 11, 13), 5) == date(2026, 11, 19)


def test_without_the_file_both_count_the_official_calendar(api: Api) -> None:
    c = submitted(api)
    answer = post(api, c.id, "evaluation", rating(2, reasons=("too_slow",), at="2026-11-13T15:00:00+08:00"))
    follow_up = api.call("GET", f"/follow-ups/{answer.json()['follow_up_id']}", "sup_police").json()
    assert follow_up["due"] == "2026-11-20"
    assert api.call("GET", "/statistics?from=2026-11-09&to=2026-11-15", "sup_police").json()["open_days"] == 5
    engine = api.client.app.state.engine  # type: ignore[attr-defined]
    report = read_report(engine, WEEK, Scope(frozenset({"公安局"})), load_default_catalogue().catalogue)
    assert report.bulletin.open_days == 5  # `clerk-app report bulletin --db`: the official and shipped files
