"""Horizontal bar charts painted with QPainter (PySide6 builds without QtCharts are common).

Each bar carries its label and its value in words beside it, so the chart reads without colour;
the widget asks for the height its rows need and scales the bars to its width.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

BLUE = "#2F5597"
ORANGE = "#ED7D31"
RED = "#C00000"
GREEN = "#548235"
PADDING = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as shown beside the bar, e.g. "1596件" or "81.3%"
    colour: str = BLUE


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None, *, maximum: float | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.bars: tuple[Bar, ...] = ()
        self.maximum = maximum  # fixed scale (e.g. 100 for rates); else the largest value
        self.marker: float | None = None  # a target drawn as a dashed line, e.g. 90 (%)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, title: str, bars: Sequence[Bar], marker: float | None = None) -> None:
        self.title, self.bars, self.marker = title, tuple(bars), marker
        self.setAccessibleName(title)
        self.setToolTip("\n".join(f"{bar.label}：{bar.text}" for bar in self.bars))
        self.updateGeometry()
        self.update()

    def _row(self) -> int:
        return self.fontMetrics().height() + 8

    def sizeHint(self) -> QSize:
        rows = max(len(self.bars), 1)
        return QSize(360, self._row() * (rows + 1) + 2 * PADDING)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        row = self._row()
        painter.drawText(QRectF(PADDING, PADDING, self.width() - 2 * PADDING, row),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), self.title)
        if self.bars:
            self._paint_bars(painter, row)
        painter.end()

    def _paint_bars(self, painter: QPainter, row: int) -> None:
        metrics = self.fontMetrics()
        label_width = max(metrics.horizontalAdvance(bar.label) for bar in self.bars) + PADDING
        text_width = max(metrics.horizontalAdvance(bar.text) for bar in self.bars) + PADDING
        left = PADDING + label_width
        room = max(self.width() - left - text_width - PADDING, 10)
        top = PADDING + row
        scale = self.maximum or max((bar.value for bar in self.bars), default=0) or 1
        for index, bar in enumerate(self.bars):
            y = top + index * row
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(PADDING, y, label_width - PADDING / 2, row),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), bar.label)
            length = room * min(bar.value / scale, 1.0)
            painter.fillRect(QRectF(left, y + 3, length, row - 6), QColor(bar.colour))
            painter.drawText(QRectF(left + length + 4, y, text_width, row),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), bar.text)
        if self.marker is not None:
            x = left + room * min(self.marker / scale, 1.0)
            pen = QPen(QColor(RED), 1.2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(int(x), top, int(x), top + len(self.bars) * row)
