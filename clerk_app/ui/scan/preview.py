"""The live view: the newest camera frame with the detected page outline drawn over it."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from clerk_app.ui.scan.images import to_qimage

STEADY = QColor(40, 180, 90)
MOVING = QColor(240, 170, 30)


class PreviewWidget(QWidget):
    """Paints one frame scaled to fit; the outline is green once the page is still."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)
        self._image: QImage | None = None
        self._outline: np.ndarray | None = None
        self._steady = False
        self.message = ""
        self.frames_shown = 0

    def show_frame(self, frame: np.ndarray, outline: np.ndarray | None, steady: bool) -> None:
        self._image = to_qimage(frame)
        self._outline = None if outline is None else np.asarray(outline, float)
        self._steady = steady
        self.message = ""
        self.frames_shown += 1
        self.update()

    def show_message(self, text: str) -> None:
        """A state instead of a picture, e.g. the camera is unplugged."""
        self._image = None
        self._outline = None
        self.message = text
        self.update()

    @property
    def outline(self) -> np.ndarray | None:
        return self._outline

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(45, 45, 48))
        if self._image is None:
            painter.setPen(QColor(230, 230, 230))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.message)
            return
        target = self._fit(self._image.width(), self._image.height())
        painter.drawImage(target, self._image)
        if self._outline is not None:
            scale = target.width() / self._image.width()
            points = [QPointF(target.x() + x * scale, target.y() + y * scale)
                      for x, y in self._outline]
            painter.setPen(QPen(STEADY if self._steady else MOVING, 3))
            painter.drawPolygon(QPolygonF(points))

    def _fit(self, width: int, height: int) -> QRectF:
        scale = min(self.width() / width, self.height() / height)
        w, h = width * scale, height * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)
