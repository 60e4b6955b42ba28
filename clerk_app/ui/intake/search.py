"""The matter search box: type a name, code or pinyin initials, arrows to move, Enter to choose.

The results update on every keystroke from the in-memory index (a few milliseconds over the
whole city catalogue), so no worker thread is needed here.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from clerk_app.core.catalogue import Catalogue
from clerk_app.ui.i18n import Retranslatable

RESULT_LIMIT = 30
CODE_ROLE = Qt.ItemDataRole.UserRole


class MatterSearch(Retranslatable, QWidget):
    """Emits `chosen(code)` when the clerk picks a matter or bundle."""

    chosen = Signal(str)

    def __init__(self, catalogue: Catalogue, index: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.index = index
        self.title = QLabel(self)
        self.title.setProperty("role", "title")
        self.box = QLineEdit(self)
        self.box.setObjectName("matter_search")
        self.box.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setObjectName("matter_results")
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.box)
        layout.addWidget(self.results, 1)
        self.box.textChanged.connect(self._search)
        self.box.installEventFilter(self)
        self.results.itemActivated.connect(self._activate)
        self.results.itemClicked.connect(self._activate)
        self.translateUI()
        self._search("")

    def translateUI(self) -> None:
        self.title.setText(self.tr("事项查找 (F2)"))
        self.box.setPlaceholderText(self.tr("名称、编码或拼音首字母，如 gtgsh"))

    def focus_search(self) -> None:
        self.box.setFocus()
        self.box.selectAll()

    def _search(self, text: str) -> None:
        self.results.clear()
        query = text.strip()
        codes = [hit.entry.code for hit in self.index.search(query, limit=RESULT_LIMIT)] if query else []
        if not query:
            codes = sorted(self.catalogue.bundles) + sorted(self.catalogue.matters)
            codes = codes[:RESULT_LIMIT]
        for code in codes:
            self._add_item(code)
        if self.results.count():
            self.results.setCurrentRow(0)

    def _add_item(self, code: str) -> None:
        if code in self.catalogue.bundles:
            detail = self.tr("一件事")
        elif code in self.catalogue.matters:
            detail = self.catalogue.department_name(self.catalogue.matters[code].department)
        else:
            return
        item = QListWidgetItem(f"{self.catalogue.name_of(code)}\n    {detail} · {code}")
        item.setData(CODE_ROLE, code)
        self.results.addItem(item)

    def _activate(self, item: QListWidgetItem) -> None:
        self.chosen.emit(str(item.data(CODE_ROLE)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._navigate(event.key())
        return super().eventFilter(watched, event)

    def _navigate(self, key: int) -> bool:
        row = self.results.currentRow()
        if key == Qt.Key.Key_Down:
            self.results.setCurrentRow(min(row + 1, self.results.count() - 1))
        elif key == Qt.Key.Key_Up:
            self.results.setCurrentRow(max(row - 1, 0))
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.results.currentItem()
            if item is not None:
                self._activate(item)
        else:
            return False
        return True
