"""统计: the bulletin's figures on the supervisor screen, for a chosen period.

A period chooser (this quarter and this month up to today, last quarter, last month, or two dates),
a row of key figures, the bulletin's tables (by department, 好差评, matter coverage, window staff)
and painted bar charts (cases by department, online against window, rating levels, evaluation
rate against its 90% target). The figures come from the back office (`GET /statistics`, the
supervisor's own departments) through `StatisticsLoader` on the screen's review runner; the panel
loads when it is first shown after sign-in, and again when asked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clerk_app.core.bulletin import Bulletin, BulletinError, Period
from clerk_app.core.bulletin_codec import BulletinReport
from clerk_app.ui.i18n import Retranslatable
from clerk_app.ui.supervisor import dashboard_views as views
from clerk_app.ui.supervisor.bars import BarChart
from clerk_app.ui.supervisor.statistics_loader import StatisticsLoader

CHOICES = ("this_quarter", "last_quarter", "this_month", "last_month", "custom")
CARDS = ("cases", "completion", "overdue", "online", "evaluation", "bad", "coverage", "daily")


def chosen_period(choice: str, today: date, start: date | None = None, end: date | None = None) -> Period:
    """The period a choice names; the current quarter and month end today (raises BulletinError)."""
    quarter = (today.month - 1) // 3 + 1
    if choice == "this_quarter":
        return Period(Period.quarter(today.year, quarter).start, today)
    if choice == "last_quarter":
        return Period.quarter(today.year, quarter - 1) if quarter > 1 else Period.quarter(today.year - 1, 4)
    if choice == "this_month":
        return Period(today.replace(day=1), today)
    if choice == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return Period(last.replace(day=1), last)
    return Period(start or today, end or today)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class DashboardPanel(Retranslatable, QWidget):
    period_requested = Signal(object)  # Period

    def __init__(self, loader: StatisticsLoader, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statistics_dashboard")
        self.loader, self.today = loader, today
        self.lang = "zh"
        self.report: BulletinReport | None = None
        self._problem = ""
        self._build()
        self._wire()
        self.translateUI()

    def _build(self) -> None:
        self.choice = QComboBox(self)
        self.choice.setObjectName("stats_period")
        self.choice.addItems([""] * len(CHOICES))
        self.choice.setCurrentIndex(CHOICES.index("last_quarter"))
        self.start, self.end = QDateEdit(self), QDateEdit(self)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(_qdate(self.today()))
        self.from_label, self.to_label = QLabel(self), QLabel(self)
        self.run = QPushButton(self)
        self.run.setObjectName("stats_run")
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.cards = {name: QLabel(self) for name in CARDS}
        self.tabs = QTabWidget(self)
        self.tables = {name: QTableWidget(self) for name in ("departments", "evaluations", "coverage", "staff")}
        for name, table in self.tables.items():
            table.setObjectName(f"stats_{name}")
            table.verticalHeader().hide()
            self.tabs.addTab(table, "")
        self.charts = {"departments": BarChart(self), "channels": BarChart(self),
                       "ratings": BarChart(self), "evaluation": BarChart(self, maximum=100)}
        self._layout()
        self._show_chooser()

    def _layout(self) -> None:
        top = QHBoxLayout()
        for widget in (self.choice, self.from_label, self.start, self.to_label, self.end, self.run):
            top.addWidget(widget)
        top.addWidget(self.status, 1)
        cards = QGridLayout()
        for index, name in enumerate(CARDS):
            card = self.cards[name]
            card.setObjectName(f"stats_card_{name}")
            card.setFrameShape(QFrame.Shape.StyledPanel)
            card.setStyleSheet("QLabel { padding: 6px 10px; background: #F3F6FA; }")
            cards.addWidget(card, index // 4, index % 4)
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        for chart in self.charts.values():
            column.addWidget(chart)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        split = QSplitter(self)
        split.addWidget(self.tabs)
        split.addWidget(scroll)
        split.setSizes([640, 520])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(cards)
        layout.addWidget(split, 1)

    def _wire(self) -> None:
        self.choice.currentIndexChanged.connect(lambda _i: self._show_chooser())
        self.run.clicked.connect(self.load)
        self.loader.loaded.connect(self.show_report)
        self.loader.failed.connect(self.show_failure)
        self.loader.review.signed_in.connect(lambda ok, _message: ok and self.isVisible() and self.load())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.report is None and not self.loader.loading and self.loader.review.departments:
            self.load()

    def _show_chooser(self) -> None:
        custom = CHOICES[self.choice.currentIndex()] == "custom"
        for widget in (self.start, self.end, self.from_label, self.to_label):
            widget.setVisible(custom)

    def period(self) -> Period:
        return chosen_period(CHOICES[self.choice.currentIndex()], self.today(), _day(self.start.date()),
                             _day(self.end.date()))

    def load(self) -> None:
        try:
            period = self.period()
        except BulletinError as error:
            self._status(error.text(self.lang), problem=True)
            return
        self._status(self.tr("正在统计 %1 至 %2 …").replace("%1", period.start.isoformat())
                     .replace("%2", period.end.isoformat()))
        self.period_requested.emit(period)
        self.loader.load(period)

    def _status(self, text: str, *, problem: bool = False) -> None:
        self.status.setText(text)
        self.status.setProperty("role", "problem" if problem else "hint")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)

    def show_failure(self, message: str) -> None:
        self._status(self.tr("统计未能载入：%1").replace("%1", message), problem=True)

    def show_report(self, report: BulletinReport) -> None:
        self.report = report
        self.translateUI()

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.translateUI()

    def _fill(self, report: BulletinReport) -> None:
        b, tr = report.bulletin, self.tr
        total = b.total
        daily = str(b.daily_average) if b.daily_average is not None else "—"
        texts = {
            "cases": (tr("办件量"), str(total.cases)),
            "completion": (tr("办结率"), total.completion_rate.percent()),
            "overdue": (tr("超期办件"), str(total.overdue)),
            "online": (tr("网上办件占比"), total.online_share.percent()),
            "evaluation": (tr("评价率"), total.evaluation_rate.percent()),
            "bad": (tr("差评"), str(total.bad)),
            "coverage": (tr("事项覆盖率"), b.coverage_total.rate.percent()),
            "daily": (tr("日均受理"), daily),
        }
        for name, (caption, value) in texts.items():
            self.cards[name].setText(f"<span style='font-size:12px;color:#444'>{caption}</span><br>"
                                     f"<span style='font-size:20px;font-weight:bold'>{value}</span>")
        self._tables(b)
        unit, times = tr("件"), tr("次")
        charts = self.charts
        charts["departments"].set_bars(tr("各部门办件量"), views.department_bars(b, unit))
        charts["channels"].set_bars(tr("办件渠道"), views.channel_bars(b, tr("窗口办件"), tr("网上办件"), unit))
        charts["ratings"].set_bars(tr("“好差评”评价等级"), views.rating_bars(report, self.lang, times))
        charts["evaluation"].set_bars(tr("各部门评价率（虚线为90%目标）"), views.evaluation_rate_bars(b),
                                      marker=views.EVALUATION_TARGET * 100)
        scope = tr("全部部门") if not report.scope else "、".join(report.scope) if len(report.scope) <= 3 else \
            tr("%1 个部门").replace("%1", str(len(report.scope)))
        self._status(tr("%1 至 %2（%3）：办件 %4 件").replace("%1", b.period.start.isoformat())
                     .replace("%2", b.period.end.isoformat()).replace("%3", scope).replace("%4", str(total.cases)))

    def _tables(self, b: Bulletin) -> None:
        tr = self.tr
        department, cases = tr("部门"), tr("办件量")
        headers = {
            "departments": [department, cases, tr("办结量"), tr("办结率"), tr("超期办件"), tr("网上办件"),
                            tr("网上占比")],
            "evaluations": [department, cases, tr("评价办件"), tr("评价率"), tr("评价次数"), tr("差评"), tr("满意率")],
            "coverage": [department, tr("目录事项"), tr("已覆盖"), tr("覆盖率")],
            "staff": [tr("窗口人员"), tr("受理办件"), tr("已办结"), tr("出勤天数"), tr("在岗小时"), tr("出勤率"),
                      tr("日均受理")],
        }
        rows = {"departments": views.department_rows(b), "evaluations": views.evaluation_rows(b),
                "coverage": views.coverage_rows(b), "staff": views.staff_rows(b)}
        for name, table in self.tables.items():
            listed = [list(row) for row in rows[name]]
            if name != "staff" and listed:
                listed[-1][0] = tr("合计")
            views.fill_table(table, headers[name], listed, total_last=name != "staff")

    def translateUI(self) -> None:
        labels = [self.tr("本季度"), self.tr("上季度"), self.tr("本月"), self.tr("上月"), self.tr("自定义期间")]
        for index, text in enumerate(labels):
            self.choice.setItemText(index, text)
        self.from_label.setText(self.tr("从"))
        self.to_label.setText(self.tr("至"))
        self.run.setText(self.tr("统计"))
        tabs = [self.tr("各部门办件"), self.tr("好差评"), self.tr("事项覆盖"), self.tr("窗口人员")]
        for index, text in enumerate(tabs):
            self.tabs.setTabText(index, text)
        if self.report is not None:
            self._fill(self.report)
        elif not self.status.text():
            self._status(self.tr("选择期间后点“统计”"))
