"""What the dashboard shows of a `BulletinReport`: table rows and bars, built from its figures.

Plain functions over the report, so the panel only places widgets; each row is (cells…), figures
as numbers or the rates' own percentages ("—" where there is nothing to divide).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem

from clerk_app.core.bulletin import Bulletin, Rate
from clerk_app.core.bulletin_codec import LEVELS, BulletinReport
from clerk_app.core.evaluation import Rating
from clerk_app.ui.supervisor.bars import BLUE, GREEN, ORANGE, RED, Bar

EVALUATION_TARGET = 0.90
Row = Sequence[Any]


def department_rows(b: Bulletin) -> list[Row]:
    rows = [r for r in b.departments if r.cases] + [b.total]
    return [(r.department, r.cases, r.completed, r.completion_rate.percent(), r.overdue, r.online,
             r.online_share.percent()) for r in rows]


def evaluation_rows(b: Bulletin) -> list[Row]:
    rows = [r for r in b.departments if r.cases] + [b.total]
    return [(r.department, r.cases, r.evaluated, r.evaluation_rate.percent(), r.evaluations, r.bad,
             r.satisfaction.percent()) for r in rows]


def coverage_rows(b: Bulletin) -> list[Row]:
    rows = [c for c in b.coverage if c.matters] + [b.coverage_total]
    return [(c.department, c.matters, c.covered, c.rate.percent()) for c in rows]


def staff_rows(b: Bulletin) -> list[Row]:
    """Per clerk: cases accepted, completed, days present, hours, cases a day present."""
    hours = {a.clerk: a for a in b.attendance}
    names = [w.clerk for w in b.workload] + [a.clerk for a in b.attendance if a.clerk not in
                                              {w.clerk for w in b.workload}]
    loads = {w.clerk: w for w in b.workload}
    rows = []
    for name in names:
        load, present = loads.get(name), hours.get(name)
        rows.append((name, load.cases if load else 0, load.completed if load else 0,
                     present.days_present if present else 0, f"{present.hours:.1f}" if present else "0.0",
                     Rate(present.days_present, b.open_days or 0).percent(1) if present else "—",
                     f"{load.per_day:.2f}" if load and load.per_day is not None else "—"))
    return rows


def department_bars(b: Bulletin, unit: str) -> list[Bar]:
    return [Bar(r.department, r.cases, f"{r.cases}{unit}") for r in b.departments if r.cases]


def channel_bars(b: Bulletin, window: str, online: str, unit: str) -> list[Bar]:
    total = b.total
    return [Bar(window, total.window, f"{total.window}{unit}  {total.window_share.percent(1)}", BLUE),
            Bar(online, total.online, f"{total.online}{unit}  {total.online_share.percent(1)}", ORANGE)]


def rating_bars(report: BulletinReport, lang: str, unit: str) -> list[Bar]:
    whole = report.evaluations
    return [Bar(Rating(level).label(lang), report.ratings.get(level, 0),
                f"{report.ratings.get(level, 0)}{unit}  {Rate(report.ratings.get(level, 0), whole).percent(1)}",
                RED if Rating(level).is_bad else GREEN) for level in LEVELS]


def evaluation_rate_bars(b: Bulletin) -> list[Bar]:
    bars = []
    for r in b.departments:
        if r.cases:
            value = (r.evaluation_rate.value or 0) * 100
            bars.append(Bar(r.department, value, r.evaluation_rate.percent(1),
                            BLUE if value >= EVALUATION_TARGET * 100 else ORANGE))
    return bars


def fill_table(table: QTableWidget, headers: Sequence[str], rows: Sequence[Row], *, total_last: bool = True) -> None:
    """Rows of text and numbers (numbers right-aligned, the 合计 row bold); read-only."""
    table.clearContents()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(str(value))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            if c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if total_last and r == len(rows) - 1:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            table.setItem(r, c, item)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
