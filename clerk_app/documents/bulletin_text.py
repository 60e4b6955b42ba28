"""The words of the bulletin (政务服务工作情况通报), written from its figures the way halls write them.

Modelled on Zhongning county's 2021 Q2 bulletin (seed 004): a title naming the period, then
"一、基本情况" with one numbered paragraph per subject — cases and completion, online cases, matter
coverage, 好差评, attendance and workload — each naming the departments at both ends and pointing
to its attached table; then "二、需要关注的问题", only the problems the figures show, measured
against the targets the seed quotes (coverage 50%, evaluation rate 90%). Numbers are written
without thousands separators, as the seed does ("152915件").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from clerk_app.core.bulletin import Bulletin, DepartmentFigures, Period, Rate
from clerk_app.core.bulletin_codec import BulletinReport

COVERAGE_TARGET = 0.50  # 自治区事项办理覆盖率目标 (seed 004)
EVALUATION_TARGET = 0.90  # 评价率目标 (seed 004)
ATTENDANCE_FLOOR = 0.80  # present on fewer working days than this share is named
FOLLOW_UP_DAYS = 5  # working days to call back and correct a bad rating
QUARTERS = "一二三四"
NAMED = 3  # departments named at each end of a list


def period_label(period: Period) -> str:
    """2026年第三季度, 2026年8月, 2026年上半年, 2026年度, else 2026年7月1日至2026年9月30日."""
    start, end = period.start, period.end
    for number in range(1, 5):
        if period == Period.quarter(start.year, number):
            return f"{start.year}年第{QUARTERS[number - 1]}季度"
    after = end + timedelta(days=1)
    if start.day == 1 and after.day == 1 and start.year == end.year:
        if start.month == end.month:
            return f"{start.year}年{start.month}月"
        if (start.month, end.month) == (1, 6):
            return f"{start.year}年上半年"
        if (start.month, end.month) == (1, 12):
            return f"{start.year}年度"
    return f"{cn_day(start)}至{cn_day(end)}"


def cn_day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def title(period: Period) -> str:
    return f"关于{period_label(period)}政务服务工作情况的通报"


def _listed(items: Iterable[str]) -> str:
    return "、".join(items)


def _counted(rows: Sequence[DepartmentFigures], value: Callable[[DepartmentFigures], int], unit: str = "件") -> str:
    return _listed(f"{row.department}{value(row)}{unit}" for row in rows)


@dataclass(frozen=True)
class Section:
    heading: str  # "一、基本情况"
    paragraphs: tuple[str, ...]


def sections(report: BulletinReport) -> list[Section]:
    basics = (_cases(report), _online(report.bulletin), _coverage(report.bulletin), _evaluations(report),
              _staff(report.bulletin))
    problems = _problems(report)
    made = [Section("一、基本情况", basics)]
    if problems:
        made.append(Section("二、需要关注的问题", tuple(problems)))
    return made


def opening(report: BulletinReport, hall: str) -> str:
    label = period_label(report.bulletin.period)
    scope = f"（统计范围：{_listed(report.scope)}）" if report.scope else ""
    return (f"{label}，{hall}综合窗口“前台综合受理、后台分类审批、综合窗口出件”运行平稳{scope}。"
            f"现将{label}政务服务工作情况通报如下：")


def _active(bulletin: Bulletin) -> list[DepartmentFigures]:
    return [row for row in bulletin.departments if row.cases]


def _cases(report: BulletinReport) -> str:
    b, total = report.bulletin, report.bulletin.total
    daily = f"，日均受理{b.daily_average}件（按{b.open_days}个工作日计）" if b.daily_average is not None else ""
    text = (f"（一）办件情况。{period_label(b.period)}，共受理办件{total.cases}件，办结{total.completed}件，"
            f"办结率为{total.completion_rate.percent()}{daily}，超期办件{total.overdue}件。")
    if report.shared_cases:
        text += f"其中“一件事一次办”联办件{report.shared_cases}件，在所涉各部门分别计数。"
    active = _active(b)
    if len(active) > 1:
        many, few = active[:NAMED], active[-NAMED:][::-1]
        text += f"办件量较多的部门：{_counted(many, lambda r: r.cases)}；"
        text += f"办件量较少的部门：{_counted([r for r in few if r not in many], lambda r: r.cases)}。"
    return text + "（具体情况详见附表1）"


def _online(b: Bulletin) -> str:
    total = b.total
    text = (f"（二）网上办件情况。网上办件{total.online}件，占{total.online_share.percent()}；"
            f"窗口办件{total.window}件，占{total.window_share.percent()}。")
    online = sorted((r for r in b.departments if r.online), key=lambda r: (-r.online, r.department))
    if online:
        text += f"网上办件较多的部门：{_counted(online[:NAMED], lambda r: r.online)}。"
    none = [r.department for r in _active(b) if not r.online]
    if none:
        text += f"尚无网上办件的部门：{_listed(none)}。"
    return text + "（具体情况详见附表1）"


def _coverage(b: Bulletin) -> str:
    total = b.coverage_total
    text = (f"（三）政务服务事项办理覆盖情况。目录内政务服务事项{total.matters}项，已办理覆盖事项{total.covered}项，"
            f"事项办理覆盖率为{total.rate.percent()}。")
    full = [c.department for c in b.coverage if c.matters and c.covered == c.matters]
    empty = [c.department for c in b.coverage if c.matters and not c.covered]
    if full:
        text += f"覆盖率为100%的部门（{len(full)}个）：{_listed(full)}；"
    if empty:
        text += f"覆盖率为0的部门（{len(empty)}个）：{_listed(empty)}；"
    return text.rstrip("；") + ("。" if full or empty else "") + "（具体情况详见附表2）"


def _evaluations(report: BulletinReport) -> str:
    total = report.bulletin.total
    text = (f"（四）政务服务“好差评”评价情况。共评价{total.evaluations}次，涉及办件{total.evaluated}件，"
            f"评价率为{total.evaluation_rate.percent()}；差评（不满意、非常不满意）{total.bad}次，"
            f"满意率为{total.satisfaction.percent()}。")
    rated = _active(report.bulletin)
    full = [r.department for r in rated if r.evaluated == r.cases]
    low = [r.department for r in rated if _below(r.evaluation_rate, EVALUATION_TARGET)]
    if full:
        text += f"评价率为100%的部门（{len(full)}个）：{_listed(full)}；"
    if low:
        text += f"评价率不足{EVALUATION_TARGET:.0%}的部门（{len(low)}个）：{_listed(low)}；"
    return text.rstrip("；") + ("。" if full or low else "") + "（具体评价情况详见附表3）"


def _staff(b: Bulletin) -> str:
    if not b.attendance and not b.workload:
        return "（五）窗口人员考勤及工作量情况。统计期间无窗口人员签到记录。"
    days = sum(a.days_present for a in b.attendance)
    hours = sum(a.hours for a in b.attendance)
    text = (f"（五）窗口人员考勤及工作量情况。{len(b.attendance)}名窗口人员共出勤{days}人天，"
            f"累计在岗{hours:.1f}小时。")
    if b.workload:
        busiest = b.workload[:NAMED]
        text += f"受理办件较多的窗口人员：{_listed(f'{w.clerk}{w.cases}件' for w in busiest)}。"
    absent = _often_absent(b)
    if absent:
        text += f"出勤天数不足工作日{ATTENDANCE_FLOOR:.0%}的：{_listed(absent)}。"
    return text + "（具体情况详见附表4、附表5）"


def _often_absent(b: Bulletin) -> list[str]:
    if not b.open_days:
        return []
    return [f"{a.clerk}（{a.days_present}天）" for a in b.attendance if a.days_present < ATTENDANCE_FLOOR * b.open_days]


def _below(rate: Rate, target: float) -> bool:
    return rate.value is not None and rate.value < target


def _problems(report: BulletinReport) -> list[str]:
    b, found = report.bulletin, []
    late = sorted((r for r in b.departments if r.overdue), key=lambda r: (-r.overdue, r.department))
    if late:
        found.append(f"超期办件{b.total.overdue}件，涉及{len(late)}个部门，较多的是"
                     f"{_counted(late[:NAMED], lambda r: r.overdue)}。请相关部门严格执行限时办结制，"
                     "对预警、黄牌办件及时处理。")
    if _below(b.coverage_total.rate, COVERAGE_TARGET):
        found.append(f"事项办理覆盖率为{b.coverage_total.rate.percent()}，未达到{COVERAGE_TARGET:.0%}的目标要求，"
                     "各部门需加大事项办理覆盖力度。")
    if _below(b.total.evaluation_rate, EVALUATION_TARGET):
        found.append(f"“好差评”评价率为{b.total.evaluation_rate.percent()}，与{EVALUATION_TARGET:.0%}的目标"
                     "仍有差距，各窗口要落实“一事一评”，事项办结后及时引导评价。")
    if b.total.bad:
        bad = sorted((r for r in b.departments if r.bad), key=lambda r: (-r.bad, r.department))
        found.append(f"收到差评{b.total.bad}次，涉及{_counted(bad[:NAMED], lambda r: r.bad, '次')}"
                     f"{'等' if len(bad) > NAMED else ''}，须在{FOLLOW_UP_DAYS}个工作日内完成回访整改。")
    return [f"（{'一二三四五六'[i]}）{text}" for i, text in enumerate(found)]
