"""The bulletin's charts, drawn with reportlab.graphics (vector, in the PDF's own CJK font).

- cases by department: horizontal bars, busiest first, completed and overdue beside each;
- online against window cases: a pie;
- ratings: bars per level (the two bad levels in red), and the evaluation rate per department
  with the 90% target as a dashed line.

Labels carry words and numbers, so a grey-scale print still reads; colour is never the only cue.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from clerk_app.core.bulletin import DepartmentFigures
from clerk_app.core.bulletin_codec import LEVELS
from clerk_app.core.evaluation import Rating

BLUE = colors.HexColor("#2F5597")
LIGHT_BLUE = colors.HexColor("#9DC3E6")
ORANGE = colors.HexColor("#ED7D31")
RED = colors.HexColor("#C00000")
GREY = colors.HexColor("#7F7F7F")
GREEN = colors.HexColor("#548235")
LABEL_SIZE = 8.5
TITLE_SIZE = 10.5
ROW_HEIGHT = 6.2 * mm
LEVEL_NAMES = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}


def _title(drawing: Drawing, text: str, font: str) -> None:
    drawing.add(String(drawing.width / 2, drawing.height - TITLE_SIZE, text, fontName=font, fontSize=TITLE_SIZE,
                       textAnchor="middle"))


def _style_axes(chart: HorizontalBarChart | VerticalBarChart, font: str) -> None:
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels, chart.barLabels):
        labels.fontName = font
        labels.fontSize = LABEL_SIZE
    chart.valueAxis.valueMin = 0
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#D9D9D9")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.categoryAxis.strokeColor = GREY
    chart.valueAxis.strokeColor = GREY
    chart.bars.strokeColor = None


def department_bars(rows: Sequence[DepartmentFigures], font: str, width: float) -> Drawing:
    """办件量 and 办结量 per department, busiest at the top."""
    shown = [row for row in rows if row.cases]
    label_room = 30 * mm
    height = max(len(shown), 1) * ROW_HEIGHT + 26 * mm
    drawing = Drawing(width, height, initialFontName=font)
    _title(drawing, "各部门办件量与办结量（件）", font)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_room, 14 * mm
    chart.width, chart.height = width - label_room - 14 * mm, height - 26 * mm
    # the first series is drawn lowest in each group: 办结量 under 办件量
    chart.data = [[row.completed for row in shown] or [0], [row.cases for row in shown] or [0]]
    chart.categoryAxis.categoryNames = [row.department for row in shown] or ["—"]
    chart.categoryAxis.reverseDirection = 1
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.bars[0].fillColor, chart.bars[1].fillColor = LIGHT_BLUE, BLUE
    chart.barLabelFormat = "%d"
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    chart.groupSpacing, chart.barSpacing = 3, 0.5
    _style_axes(chart, font)
    chart.valueAxis.labels.fontSize = LABEL_SIZE - 1
    drawing.add(chart)
    _legend(drawing, [(BLUE, "办件量"), (LIGHT_BLUE, "办结量")], font, label_room, 3 * mm)
    return drawing


def _legend(drawing: Drawing, items: Sequence[tuple[colors.Color, str]], font: str, x: float, y: float) -> None:
    from reportlab.graphics.shapes import Rect

    for colour, text in items:
        drawing.add(Rect(x, y, 3 * mm, 3 * mm, fillColor=colour, strokeColor=None))
        drawing.add(String(x + 4.5 * mm, y + 0.4 * mm, text, fontName=font, fontSize=LABEL_SIZE))
        x += 6 * mm + len(text) * LABEL_SIZE + 4 * mm


def channel_pie(online: int, window: int, font: str, width: float, height: float = 62 * mm) -> Drawing:
    """网上办件 against 窗口办件, each slice labelled with its count and share."""
    drawing = Drawing(width, height, initialFontName=font)
    _title(drawing, "办件渠道构成", font)
    total = online + window
    pie = Pie()
    size = min(width * 0.45, height - 24 * mm)
    pie.x, pie.y = (width - size) / 2, 8 * mm
    pie.width = pie.height = size
    pie.data = [window, online] if total else [1]
    pie.labels = [f"窗口 {window}件 {_share(window, total)}", f"网上 {online}件 {_share(online, total)}"] \
        if total else ["无办件"]
    pie.startAngle, pie.direction = 90, "clockwise"
    pie.sideLabels = 1
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 1
    pie.slices.fontName = font
    pie.slices.fontSize = LABEL_SIZE
    pie.slices[0].fillColor = BLUE
    if total:
        pie.slices[1].fillColor = ORANGE
        pie.slices[1].popout = 3
    drawing.add(pie)
    return drawing


def _share(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole else "—"


def rating_bars(ratings: Mapping[int, int], font: str, width: float, height: float = 62 * mm) -> Drawing:
    """Evaluations per level, 非常满意 to 非常不满意; the bad levels in red."""
    drawing = Drawing(width, height, initialFontName=font)
    _title(drawing, "“好差评”评价等级分布（次）", font)
    chart = VerticalBarChart()
    chart.x, chart.y = 14 * mm, 12 * mm
    chart.width, chart.height = width - 20 * mm, height - 26 * mm
    chart.data = [[ratings.get(level, 0) for level in LEVELS]]
    chart.categoryAxis.categoryNames = [LEVEL_NAMES[level] for level in LEVELS]
    chart.bars[0].fillColor = GREEN
    for index, level in enumerate(LEVELS):
        if Rating(level).is_bad:
            chart.bars[(0, index)].fillColor = RED
    chart.barLabelFormat = "%d"
    chart.barLabels.boxAnchor = "s"
    chart.barLabels.dy = 2
    _style_axes(chart, font)
    chart.categoryAxis.labels.fontSize = LABEL_SIZE - 0.5
    drawing.add(chart)
    return drawing


def evaluation_rate_bars(rows: Sequence[DepartmentFigures], font: str, width: float, target: float) -> Drawing:
    """The evaluation rate per department (%), with the target as a dashed line."""
    shown = [row for row in rows if row.cases]
    label_room = 30 * mm
    height = max(len(shown), 1) * ROW_HEIGHT * 0.8 + 26 * mm
    drawing = Drawing(width, height, initialFontName=font)
    _title(drawing, f"各部门“好差评”评价率（%，虚线为{target:.0%}目标）", font)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_room, 12 * mm
    chart.width, chart.height = width - label_room - 16 * mm, height - 24 * mm
    values = [round((row.evaluation_rate.value or 0) * 100, 1) for row in shown] or [0]
    chart.data = [values]
    chart.categoryAxis.categoryNames = [row.department for row in shown] or ["—"]
    chart.categoryAxis.reverseDirection = 1
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 20
    chart.bars[0].fillColor = BLUE
    chart.barLabelFormat = "%.1f"
    _style_axes(chart, font)
    # values inside the bars' ends (white), clear of the target line; a short bar's value after it
    chart.barLabels.boxAnchor, chart.barLabels.dx, chart.barLabels.fillColor = "e", -3, colors.white
    for index, value in enumerate(values):
        if value < target * 100:
            chart.bars[(0, index)].fillColor = ORANGE
        if value < 15:
            label = chart.barLabels[(0, index)]
            label.boxAnchor, label.dx, label.fillColor = "w", 2, colors.black
    x = chart.x + chart.width * target
    drawing.add(Line(x, chart.y, x, chart.y + chart.height, strokeColor=RED, strokeWidth=0.8,
                     strokeDashArray=[3, 2]))
    drawing.add(chart)
    _legend(drawing, [(BLUE, f"达到{target:.0%}"), (ORANGE, f"低于{target:.0%}")], font, label_room, 2 * mm)
    return drawing
