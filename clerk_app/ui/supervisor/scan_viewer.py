"""A scanned material's pages, zoomed and paged through by keyboard (PgUp/PgDn, Ctrl+= / Ctrl+-)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clerk_app.ui.i18n import Retranslatable

ZOOMS = (0.25, 0.33, 0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0)


class ScanViewer(Retranslatable, QDialog):
    def __init__(self, title: str, pages: list[QImage], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scan_viewer")
        self.title = title
        self.pages = pages
        self.page = 0
        self.zoom = ZOOMS.index(0.5)
        self.picture = QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self.picture)
        self.scroll.setWidgetResizable(True)
        self.position = QLabel(self)
        self.previous, self.next = QPushButton(self), QPushButton(self)
        self.smaller, self.larger = QPushButton(self), QPushButton(self)
        self.previous.clicked.connect(lambda: self.go(self.page - 1))
        self.next.clicked.connect(lambda: self.go(self.page + 1))
        self.smaller.clicked.connect(lambda: self.scale(-1))
        self.larger.clicked.connect(lambda: self.scale(1))
        bar = QHBoxLayout()
        for widget in (self.previous, self.position, self.next):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.smaller)
        bar.addWidget(self.larger)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        for keys, action in ((QKeySequence.StandardKey.MoveToNextPage, lambda: self.go(self.page + 1)),
                             (QKeySequence.StandardKey.MoveToPreviousPage, lambda: self.go(self.page - 1)),
                             (QKeySequence.StandardKey.ZoomIn, lambda: self.scale(1)),
                             (QKeySequence.StandardKey.ZoomOut, lambda: self.scale(-1))):
            QShortcut(QKeySequence(keys), self, activated=action)
        self.resize(900, 1000)
        self.translateUI()
        self._show()

    def go(self, page: int) -> None:
        if 0 <= page < len(self.pages) and page != self.page:
            self.page = page
            self._show()

    def scale(self, step: int) -> None:
        zoom = min(max(self.zoom + step, 0), len(ZOOMS) - 1)
        if zoom != self.zoom:
            self.zoom = zoom
            self._show()

    def _show(self) -> None:
        if not self.pages:
            self.picture.setText(self.tr("没有可显示的页面"))
            return
        image = self.pages[self.page]
        factor = ZOOMS[self.zoom]
        scaled = image.scaledToWidth(max(1, int(image.width() * factor)), Qt.TransformationMode.SmoothTransformation)
        self.picture.setPixmap(QPixmap.fromImage(scaled))
        self.translateUI()

    def translateUI(self) -> None:
        self.setWindowTitle(self.tr("扫描件：%1").replace("%1", self.title))
        self.position.setText(self.tr("第 %1 / %2 页 · %3%").replace("%1", str(self.page + 1))
                              .replace("%2", str(len(self.pages))).replace("%3", str(round(ZOOMS[self.zoom] * 100))))
        self.previous.setText(self.tr("上一页"))
        self.next.setText(self.tr("下一页"))
        self.smaller.setText(self.tr("缩小"))
        self.larger.setText(self.tr("放大"))
        self.previous.setEnabled(self.page > 0)
        self.next.setEnabled(self.page < len(self.pages) - 1)
