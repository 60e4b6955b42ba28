"""The captured pages of the current material as a row of thumbnails."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QWidget

from clerk_app.devices.camera.process import CleanPage
from clerk_app.ui.scan.images import to_qimage

THUMB = QSize(96, 128)


class PageStrip(QListWidget):
    """Thumbnails in order; dragging one to another place reorders (`moved(from, to)`)."""

    moved = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setIconSize(THUMB)
        self.setFixedHeight(THUMB.height() + 48)
        self.setMovement(QListView.Movement.Static)
        self.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        self.model().rowsMoved.connect(self._rows_moved)
        self._label = "第{n}页"

    def set_label(self, template: str) -> None:
        """Caption template with {n}, set by the panel's translateUI()."""
        self._label = template
        for row in range(self.count()):
            self.item(row).setText(template.format(n=row + 1))

    def show_pages(self, pages: list[CleanPage]) -> None:
        current = self.currentRow()
        self.blockSignals(True)
        self.clear()
        for number, page in enumerate(pages, start=1):
            pixmap = QPixmap.fromImage(to_qimage(page.image)).scaled(THUMB)
            item = QListWidgetItem(QIcon(pixmap), self._label.format(n=number))
            self.addItem(item)
        self.blockSignals(False)
        if self.count():
            self.setCurrentRow(min(max(current, 0), self.count() - 1))

    def _rows_moved(self, _parent: object, start: int, _end: int, _dest: object, row: int) -> None:
        self.moved.emit(start, row - 1 if row > start else row)
