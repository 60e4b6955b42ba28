"""政务服务工作情况通报: the quarterly bulletin a hall publishes, as an A4 PDF.

Laid out like the real one (seed 004): the issuing hall's name in red over a red rule (版头), the
title naming the period, the addressees, "一、基本情况" and "二、需要关注的问题" in words
(`bulletin_text`), the hall and date at the end; then the attached tables (附表1–5) with their
charts: cases by department, online against window, matter coverage, 好差评, workload per clerk
and attendance. Every page after the first repeats a one-line header; every page ends with
"第x页 共y页". Fonts, text runs and the page label are the notices' own (`fonts`, `text`,
`layout.PagedCanvas`, `blocks.Blocks`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from clerk_app.core.bulletin import ClerkWorkload, Rate
from clerk_app.core.bulletin_codec import BulletinReport
from clerk_app.documents import bulletin_charts as charts
from clerk_app.documents.blocks import HEAD_FILL, LABEL_FILL, Blocks
from clerk_app.documents.bulletin_text import EVALUATION_TARGET, cn_day, opening, period_label, sections
from clerk_app.documents.fonts import FontSet, document_fonts
from clerk_app.documents.layout import (
    CONTENT_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_X,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    PagedCanvas,
    fit_size,
)
from clerk_app.documents.text import draw_text

RED = colors.HexColor("#C00000")
FIRST_TOP = 40 * mm
LATER_TOP = 24 * mm
ADDRESSEES = "各进驻部门、各综合受理窗口："
TABLE_NUMBER = 0.07  # the 序号 column's share of the width; the others are given per table
Output = Path | BinaryIO


@dataclass(frozen=True)
class _Furniture:
    hall: str
    label: str  # the period, e.g. 2026年第三季度
    fonts: FontSet


class Line(Flowable):
    """One line of text drawn through the font runs, optionally bold (the faces have no bold)."""

    def __init__(self, text: str, fonts: FontSet, size: float, *, align: str = "centre", bold: bool = False,
                 before: float = 0, after: float = 0, colour: str = "#000000") -> None:
        super().__init__()
        self.text, self.fonts, self.size, self.align, self.bold, self.colour = text, fonts, size, align, bold, colour
        self.spaceBefore, self.spaceAfter = before, after

    def wrap(self, available_width: float, _available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.size = fit_size(self.text, self.fonts, self.size, available_width)
        return available_width, self.size * 1.35

    def draw(self) -> None:
        x = {"left": 0, "centre": self.width / 2, "right": self.width}[self.align]
        self.canv.setStrokeColor(colors.HexColor(self.colour))  # the stroke that makes it bold
        draw_text(self.canv, x, self.size * 0.3, self.text, self.fonts, self.size, align=self.align, bold=self.bold,
                  colour=self.colour)


def _first_page(canvas: PagedCanvas, furniture: _Furniture) -> None:
    top = PAGE_HEIGHT - 16 * mm
    size = fit_size(furniture.hall, furniture.fonts, 26, CONTENT_WIDTH)
    canvas.setStrokeColor(RED)
    draw_text(canvas, PAGE_WIDTH / 2, top - 10 * mm, furniture.hall, furniture.fonts, size, align="centre",
              bold=True, colour="#C00000")
    canvas.setStrokeColor(RED)
    canvas.setLineWidth(1.6)
    canvas.line(MARGIN_X, top - 17 * mm, PAGE_WIDTH - MARGIN_X, top - 17 * mm)


def _later_page(canvas: PagedCanvas, furniture: _Furniture) -> None:
    y = PAGE_HEIGHT - 15 * mm
    text = f"{furniture.hall}  {furniture.label}政务服务工作情况通报"
    draw_text(canvas, MARGIN_X, y, text, furniture.fonts, 9, colour="#404040")
    canvas.setStrokeGray(0.45)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN_X, y - 2.5 * mm, PAGE_WIDTH - MARGIN_X, y - 2.5 * mm)


def _on_page(furniture: _Furniture, header: Any) -> Any:
    def draw(canvas: PagedCanvas, _doc: Any) -> None:
        canvas.saveState()
        header(canvas, furniture)
        canvas.draw_page_label(PAGE_WIDTH / 2, 10 * mm)
        canvas.restoreState()

    return draw


class _Document(BaseDocTemplate):
    def __init__(self, target: BinaryIO, furniture: _Furniture, title: str) -> None:
        super().__init__(target, pagesize=A4, title=title, author=furniture.hall, subject=furniture.label,
                         creator="clerk_app", invariant=1, initialFontName=furniture.fonts.main)

        def frame(top: float) -> Frame:
            return Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_WIDTH, PAGE_HEIGHT - top - MARGIN_BOTTOM,
                         leftPadding=0, rightPadding=0, topPadding=0)

        first = PageTemplate("first", [frame(FIRST_TOP)], onPage=_on_page(furniture, _first_page),
                             autoNextPageTemplate="later")
        later = PageTemplate("later", [frame(LATER_TOP)], onPage=_on_page(furniture, _later_page))
        self.addPageTemplates([first, later])


def render_bulletin(report: BulletinReport, out: Output, *, hall: str, issued_on: date) -> int:
    """Write the bulletin of `report` for `hall`, dated `issued_on`; return the page count.

    Raises FontNotFoundError when no CJK font is installed.
    """
    fonts = document_fonts()
    furniture = _Furniture(hall, period_label(report.bulletin.period), fonts)
    story = _Story(report, Blocks(fonts), hall, issued_on).flowables()
    buffer = BytesIO()
    made: list[PagedCanvas] = []

    def canvas(*args: Any, **kwargs: Any) -> PagedCanvas:
        made.append(PagedCanvas(fonts, *args, **kwargs))
        return made[-1]

    _Document(buffer, furniture, f"{furniture.label}政务服务工作情况通报").build(story, canvasmaker=canvas)
    data = buffer.getvalue()
    if isinstance(out, Path):
        out.write_bytes(data)
    else:
        out.write(data)
    return made[-1].page_count


class _Story:
    def __init__(self, report: BulletinReport, blocks: Blocks, hall: str, issued_on: date) -> None:
        self.report, self.blocks, self.hall, self.issued_on = report, blocks, hall, issued_on
        self.fonts = blocks.fonts
        self.bulletin = report.bulletin

    def flowables(self) -> list[Flowable]:
        return [*self._letter(), PageBreak(), *self._cases(), *self._coverage(), *self._evaluations(),
                *self._workload(), *self._attendance()]

    def _letter(self) -> list[Flowable]:
        label = period_label(self.bulletin.period)
        parts: list[Flowable] = [
            Line(f"关于{label}", self.fonts, 20, bold=True, before=2 * mm),
            Line("政务服务工作情况的通报", self.fonts, 20, bold=True, after=2 * mm),
            Line(f"统计期间：{cn_day(self.bulletin.period.start)}至{cn_day(self.bulletin.period.end)}", self.fonts,
                 10.5, colour="#404040", after=5 * mm),
            self.blocks.salutation(ADDRESSEES.rstrip("：")),
            self.blocks.paragraph(opening(self.report, self.hall)),
        ]
        for section in sections(self.report):
            parts.append(Line(section.heading, self.fonts, 13, align="left", bold=True, before=3 * mm, after=1 * mm))
            parts += [self.blocks.paragraph(text) for text in section.paragraphs]
        parts += [Spacer(1, 6 * mm), self.blocks.text(self.hall, self.blocks.right),
                  self.blocks.text(cn_day(self.issued_on), self.blocks.right)]
        return parts

    def _heading(self, number: int, title: str) -> list[Flowable]:
        return [CondPageBreak(60 * mm), Line(f"附表{number}", self.fonts, 12, align="left", bold=True, before=2 * mm),
                Line(title, self.fonts, 15, bold=True, after=1 * mm),
                Line(f"统计期间：{period_label(self.bulletin.period)}（{cn_day(self.bulletin.period.start)}至"
                     f"{cn_day(self.bulletin.period.end)}）", self.fonts, 9.5, colour="#404040", after=2 * mm)]

    def _table(self, headers: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[float], *,
               total: Sequence[Any] | None = None) -> Flowable:
        """序号, a name column, then figures (centred); a shaded 合计 row; the header on every page."""
        body = [[str(index), *map(str, row)] for index, row in enumerate(rows, start=1)]
        if total is not None:
            body.append(["", *map(str, total)])
        blocks = self.blocks
        cells = [[blocks.text(h, blocks.cell_centre) for h in ["序号", *headers]]]
        cells += [[blocks.text(cell, blocks.cell if column == 1 else blocks.cell_centre)
                   for column, cell in enumerate(row)] for row in body]
        fractions = [TABLE_NUMBER, *widths]
        table = Table(cells, colWidths=[f / sum(fractions) * CONTENT_WIDTH for f in fractions], repeatRows=1)
        style = [("FONTNAME", (0, 0), (-1, -1), self.fonts.main), ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                 ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
                 ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
                 ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
        if total is not None:
            style.append(("BACKGROUND", (0, -1), (-1, -1), LABEL_FILL))
        table.setStyle(TableStyle(style))
        return table

    def _cases(self) -> list[Flowable]:
        b = self.bulletin
        headers = ["部门", "办件量", "办结量", "办结率", "超期办件", "网上办件", "网上占比"]
        rows = [_department_row(r) for r in b.departments]
        parts = [*self._heading(1, "各部门办件情况统计表"),
                 self._table(headers, rows, [0.22, 0.11, 0.11, 0.13, 0.12, 0.12, 0.12], total=_department_row(b.total))]
        if self.report.shared_cases:
            parts += self.blocks.notes([f"注：“一件事一次办”联办件{self.report.shared_cases}件在所涉各部门分别计数，"
                                        "合计中只计一次，故各部门之和大于合计。"])
        parts += [Spacer(1, 4 * mm), charts.department_bars(b.departments, self.fonts.main, CONTENT_WIDTH),
                  Spacer(1, 3 * mm), charts.channel_pie(b.total.online, b.total.window, self.fonts.main, CONTENT_WIDTH)]
        return parts

    def _coverage(self) -> list[Flowable]:
        b = self.bulletin
        rows = [(c.department, c.matters, c.covered, c.rate.percent()) for c in b.coverage if c.matters]
        total = (b.coverage_total.department, b.coverage_total.matters, b.coverage_total.covered,
                 b.coverage_total.rate.percent())
        return [*self._heading(2, "政务服务事项办理覆盖情况统计表"),
                self._table(["部门", "目录事项数", "已办理覆盖事项数", "事项办理覆盖率"], rows,
                            [0.33, 0.18, 0.21, 0.21], total=total),
                *self.blocks.notes(["注：事项办理覆盖率＝统计期间有办件的事项数÷目录内事项总数。"])]

    def _evaluations(self) -> list[Flowable]:
        b = self.bulletin
        headers = ["部门", "办件量", "评价办件", "评价率", "评价次数", "差评次数", "满意率"]
        widths = [0.23, 0.1, 0.11, 0.12, 0.11, 0.11, 0.15]
        rows = [_evaluation_row(r) for r in b.departments]
        return [*self._heading(3, "政务服务“好差评”评价情况统计表"),
                self._table(headers, rows, widths, total=_evaluation_row(b.total)),
                *self.blocks.notes(["注：评价率＝有评价的办件数÷办件量；差评为“不满意”“非常不满意”；满意率＝非差评次数÷评价次数。"]),
                Spacer(1, 4 * mm), charts.rating_bars(self.report.ratings, self.fonts.main, CONTENT_WIDTH),
                Spacer(1, 3 * mm),
                charts.evaluation_rate_bars(b.departments, self.fonts.main, CONTENT_WIDTH, EVALUATION_TARGET)]

    def _workload(self) -> list[Flowable]:
        rows = [_workload_row(w) for w in self.bulletin.workload]
        if not rows:
            return [*self._heading(4, "窗口人员工作量统计表"), self.blocks.paragraph("统计期间无窗口受理的办件。")]
        return [*self._heading(4, "窗口人员工作量统计表"),
                self._table(["窗口人员", "受理办件", "已办结", "办结率", "出勤天数", "日均受理"], rows,
                            [0.25, 0.13, 0.13, 0.13, 0.14, 0.15])]

    def _attendance(self) -> list[Flowable]:
        b = self.bulletin
        if not b.attendance:
            return [*self._heading(5, "窗口人员考勤统计表"), self.blocks.paragraph("统计期间无窗口人员签到记录。")]
        rows = [(a.clerk, a.days_present, Rate(a.days_present, b.open_days or 0).percent(1), f"{a.hours:.1f}",
                 f"{a.hours / a.days_present:.1f}" if a.days_present else "—") for a in b.attendance]
        return [*self._heading(5, "窗口人员考勤统计表"),
                self._table(["窗口人员", "出勤天数", "出勤率", "在岗时长（小时）", "日均在岗（小时）"], rows,
                            [0.25, 0.14, 0.14, 0.2, 0.2]),
                *self.blocks.notes([f"注：出勤以后台签到记录计；出勤率＝出勤天数÷统计期间工作日（{b.open_days}天）；"
                                    "未签退的签到以最后一次操作时间为止。"])]


def _department_row(r: Any) -> tuple[Any, ...]:
    return (r.department, r.cases, r.completed, r.completion_rate.percent(), r.overdue, r.online,
            r.online_share.percent())


def _evaluation_row(r: Any) -> tuple[Any, ...]:
    return (r.department, r.cases, r.evaluated, r.evaluation_rate.percent(), r.evaluations, r.bad,
            r.satisfaction.percent())


def _workload_row(w: ClerkWorkload) -> tuple[Any, ...]:
    return (w.clerk, w.cases, w.completed, Rate(w.completed, w.cases).percent(), w.days_present or "—",
            f"{w.per_day:.2f}" if w.per_day is not None else "—")
