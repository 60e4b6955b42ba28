"""The bulletin's words: the period named as halls name it, and only the problems the figures show."""

from __future__ import annotations

from datetime import date

from clerk_app.core.bulletin import Bulletin, Coverage, DepartmentFigures, Period
from clerk_app.core.bulletin_codec import BulletinReport
from clerk_app.documents.bulletin_text import period_label, sections, title


def test_periods_are_named_like_the_real_bulletins() -> None:
    assert period_label(Period.quarter(2021, 2)) == "2021年第二季度"
    assert title(Period.quarter(2026, 3)) == "关于2026年第三季度政务服务工作情况的通报"
    assert period_label(Period(date(2026, 8, 1), date(2026, 8, 31))) == "2026年8月"
    assert period_label(Period(date(2021, 1, 1), date(2021, 6, 30))) == "2021年上半年"
    assert period_label(Period(date(2026, 1, 1), date(2026, 12, 31))) == "2026年度"
    assert period_label(Period(date(2026, 7, 1), date(2026, 8, 15))) == "2026年7月1日至2026年8月15日"


def _report(evaluated: int, covered: int, overdue: int, bad: int) -> BulletinReport:
    social = DepartmentFigures("社保中心", cases=100, completed=100, overdue=overdue, evaluated=evaluated,
                               evaluations=evaluated, bad=bad)
    total = DepartmentFigures("合计", cases=100, completed=100, overdue=overdue, evaluated=evaluated,
                              evaluations=evaluated, bad=bad)
    return BulletinReport(Bulletin(Period.quarter(2021, 2), (social,), total, (Coverage("社保中心", 10, covered),),
                                   Coverage("合计", 10, covered), (), (), open_days=60))


def test_problems_only_when_the_figures_show_them() -> None:
    good = sections(_report(evaluated=95, covered=6, overdue=0, bad=0))
    assert [s.heading for s in good] == ["一、基本情况"]
    assert "办结率为100.00%，日均受理2件（按60个工作日计），超期办件0件" in good[0].paragraphs[0]
    bad = sections(_report(evaluated=69, covered=1, overdue=3, bad=2))
    problems = bad[1].paragraphs
    assert bad[1].heading == "二、需要关注的问题" and len(problems) == 4
    assert problems[0].startswith("（一）超期办件3件") and "社保中心3件" in problems[0]
    assert "事项办理覆盖率为10.00%，未达到50%的目标要求" in problems[1]
    assert "评价率为69.00%，与90%的目标" in problems[2]
    assert problems[3].startswith("（四）收到差评2次")
