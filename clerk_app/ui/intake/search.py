"""The matter search box: type a name, code or pinyin initials, arrows to move, Enter to choose.

The results update on every keystroke from the in-memory index (a few milliseconds over the
whole city catalogue), so no worker thread is needed here.

This widget is in the main window's first frame, so it stays off PySide6's `Qt` namespace: its
enums are all made at first touch (some 30 ms), and a clerk can type before anything else needs
them. The few values used are Qt's own numbers (`_NO_FOCUS`, `CODE_ROLE`, the `_KEY_*`).
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import islice
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from clerk_app.ui.i18n import Retranslatable

RESULT_LIMIT = 30
CODE_ROLE = 0x0100  # Qt.ItemDataRole.UserRole
_NO_FOCUS = 0  # Qt.FocusPolicy.NoFocus
_KEY_UP, _KEY_DOWN, _KEY_RETURN, _KEY_ENTER = 0x01000013, 0x01000015, 0x01000004, 0x01000005  # Qt.Key


class MatterSearch(Retranslatable, QWidget):
    """Emits `chosen(code)` when the clerk picks a matter or bundle.

    `listing` gives each code's name and department name (None for a bundle), in the order shown
    before anything is typed (`clerk_app.catalogue.cache.listing_of`): the search needs no
    catalogue, so it answers from the first frame on.
    """

    chosen = Signal(str)

    def __init__(self, listing: Mapping[str, tuple[str, str | None]], index: Any, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.listing = listing
        self.index = index
        self.title = QLabel(self)
        self.title.setProperty("role", "title")
        self.box = QLineEdit(self)
        self.box.setObjectName("matter_search")
        self.results = QListWidget(self)
        self.results.setObjectName("matter_results")
        self.results.setProperty("focusPolicy", _NO_FOCUS)
        self.results.setUniformItemSizes(True)
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

    def add_clear_button(self) -> None:
        """The box's clear button; its icon loads Qt's image plugins, which the first frame can do without."""
        self.box.setClearButtonEnabled(True)

    def focus_search(self) -> None:
        self.box.setFocus()
        self.box.selectAll()

    def _search(self, text: str) -> None:
        self.results.clear()
        query = text.strip()
        codes = [hit.entry.code for hit in self.index.search(query, limit=RESULT_LIMIT)] if query else []
        if not query:
            codes = list(islice(self.listing, RESULT_LIMIT))
        for code in codes:
            self._add_item(code)
        if self.results.count():
            self.results.setCurrentRow(0)

    def _add_item(self, code: str) -> None:
        if code not in self.listing:
            return
        name, department = self.listing[code]
        detail = self.tr("一件事") if department is None else department
        item = QListWidgetItem(f"{name}\n    {detail} · {code}")
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
        if key == _KEY_DOWN:
            self.results.setCurrentRow(min(row + 1, self.results.count() - 1))
        elif key == _KEY_UP:
            self.results.setCurrentRow(max(row - 1, 0))
        elif key in (_KEY_RETURN, _KEY_ENTER):
            item = self.results.currentItem()
            if item is not None:
                self._activate(item)
        else:
            return False
        return True
