"""The matter search box: type a name, code or pinyin initials, arrows to move, Enter to choose.

The results update on every keystroke from the in-memory index (a few milliseconds over the
whole city catalogue), so no worker thread is needed here.

This widget is in the main window's first frame, so it stays off PySide6's `Qt` namespace: its
enums are all made at first touch (some 30 ms), and a clerk can type before anything else needs
them. The few values used are Qt's own numbers (`_NO_FOCUS`, `CODE_ROLE`, the `_KEY_*`).
For the same reason it has no Python event handler that Qt calls while the window comes up
(each event handed to Python makes PySide6 build the event classes' types, some milliseconds):
no event filter and no `changeEvent` (its window calls `translateUI`); Enter is the box's
`returnPressed`, and only the arrow keys the box leaves alone reach `keyPressEvent`. The first
frame also shows the results without their scroll bar: Qt fills a scroll bar's groove with a
gradient, which its raster engine splits across a pool of threads and waits for (two threads
started, and on a busy machine a wait for them at every paint). `after_first_frame` puts back
the scroll bar and the box's clear button.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import islice
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

RESULT_LIMIT = 30
CODE_ROLE = 0x0100  # Qt.ItemDataRole.UserRole
_NO_FOCUS = 0  # Qt.FocusPolicy.NoFocus
_KEY_UP, _KEY_DOWN = 0x01000013, 0x01000015  # Qt.Key
_SCROLL_BAR_AS_NEEDED, _SCROLL_BAR_OFF = 0, 1  # Qt.ScrollBarPolicy
TITLE_PIXELS = 18  # as the style sheet's QLabel[role="title"] (`clerk_app.ui.theme`), applied after the first frame


class MatterSearch(QWidget):
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
        font = self.title.font()
        font.setPixelSize(TITLE_PIXELS)
        font.setBold(True)
        self.title.setFont(font)
        self.box = QLineEdit(self)
        self.box.setObjectName("matter_search")
        self.results = QListWidget(self)
        self.results.setObjectName("matter_results")
        self.results.setProperty("focusPolicy", _NO_FOCUS)
        self.results.setUniformItemSizes(True)
        self.results.setProperty("verticalScrollBarPolicy", _SCROLL_BAR_OFF)  # until `after_first_frame`
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.box)
        layout.addWidget(self.results, 1)
        self.box.textChanged.connect(self._search)
        self.box.returnPressed.connect(self._choose_current)
        self.results.itemActivated.connect(self._activate)
        self.results.itemClicked.connect(self._activate)
        self.translateUI()
        self._search("")

    def translateUI(self) -> None:
        self.title.setText(self.tr("事项查找 (F2)"))
        self.box.setPlaceholderText(self.tr("名称、编码或拼音首字母，如 gtgsh"))

    def after_first_frame(self) -> None:
        """The results' scroll bar, and the box's clear button (its icon loads Qt's image plugins)."""
        self.results.setProperty("verticalScrollBarPolicy", _SCROLL_BAR_AS_NEEDED)
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

    def _choose_current(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self._activate(item)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Up and Down, which the search box does not use, move through the results."""
        row, key = self.results.currentRow(), event.key()
        if key == _KEY_DOWN:
            self.results.setCurrentRow(min(row + 1, self.results.count() - 1))
        elif key == _KEY_UP:
            self.results.setCurrentRow(max(row - 1, 0))
        else:
            super().keyPressEvent(event)
