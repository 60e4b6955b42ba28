"""The department queue panel: department and level filters, free-text filter, the summary bar, the table.

The summary bar counts the cases at each reminder level, in words with the colour (红牌 3 · 黄牌 5
…); clicking a count filters the table to that level.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.core.catalogue import Catalogue
from clerk_app.core.reminders import ReminderLevel
from clerk_app.core.workdays import WorkCalendar
from clerk_app.sync.review import QueueItem, QueuePage
from clerk_app.ui.i18n import Retranslatable
from clerk_app.ui.supervisor.queue_model import QueueFilter, QueueModel
from clerk_app.ui.supervisor.reminder_model import ITEM_ROLE, LEVEL_COLOURS, SYMBOLS, reminder_table

URGENT_FIRST = (ReminderLevel.RED, ReminderLevel.YELLOW, ReminderLevel.WARNING, ReminderLevel.NONE)


class QueuePanel(Retranslatable, QWidget):
    department_changed = Signal(object)  # str | None
    case_chosen = Signal(str)  # case id
    refresh_requested = Signal()

    def __init__(self, catalogue: Catalogue, calendar: WorkCalendar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self._restoring = False
        self.model = QueueModel(catalogue, calendar, parent=self)
        self.proxy = QueueFilter(self)
        self.proxy.setSourceModel(self.model)
        self.department = QComboBox(self)
        self.department.setObjectName("queue_department")
        self.filter = QLineEdit(self)
        self.filter.setObjectName("queue_filter")
        self.filter.setClearButtonEnabled(True)
        self.refresh = QPushButton(self)
        self.refresh.setObjectName("queue_refresh")
        self.counts = {level: QPushButton(self) for level in URGENT_FIRST}
        self.all_levels = QPushButton(self)
        self.status = QLabel(self)
        self.view = reminder_table(self, "queue_table", self.proxy, self.model, QueueModel.MATTER)
        self._layout()
        self._wire()
        self.set_departments([])
        self.translateUI()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.department)
        top.addWidget(self.filter, 1)
        top.addWidget(self.refresh)
        summary = QHBoxLayout()
        for level in URGENT_FIRST:
            background, text = LEVEL_COLOURS[level]
            self.counts[level].setStyleSheet(f"background: {background}; color: {text}; padding: 3px 10px;")
            self.counts[level].setCheckable(True)
            summary.addWidget(self.counts[level])
        summary.addWidget(self.all_levels)
        summary.addStretch(1)
        summary.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(summary)
        layout.addWidget(self.view, 1)

    def _wire(self) -> None:
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.refresh.clicked.connect(self.refresh_requested.emit)
        self.department.currentIndexChanged.connect(lambda _i: self.department_changed.emit(self.chosen_department()))
        for level, button in self.counts.items():
            button.clicked.connect(lambda _=False, lv=level: self.show_level(lv))
        self.all_levels.clicked.connect(lambda: self.show_level(None))
        self.view.activated.connect(self._activated)
        self.view.selectionModel().currentRowChanged.connect(lambda current, _old: self._activated(current))

    def set_departments(self, keys: list[str]) -> None:
        self.department.blockSignals(True)
        self.department.clear()
        self.department.addItem(self.tr("全部科室"), "")
        for key in keys:
            self.department.addItem(self.catalogue.department_name(key), key)
        self.department.blockSignals(False)

    def chosen_department(self) -> str | None:
        return str(self.department.currentData() or "") or None

    def show_page(self, page: QueuePage, today: date) -> None:
        chosen = self.current_item()
        self.model.set_items(page.items, today)
        self._count(page)
        if chosen is not None:  # keep the supervisor's place without reopening the case
            self._restoring = True
            try:
                self.select(chosen.case_id)
            finally:
                self._restoring = False

    def show_level(self, level: ReminderLevel | None) -> None:
        self.proxy.set_level(level)
        for each, button in self.counts.items():
            button.setChecked(each is level)

    def current_item(self) -> QueueItem | None:
        index = self.view.currentIndex()
        return index.data(ITEM_ROLE) if index.isValid() else None

    def select(self, case_id: str) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ITEM_ROLE).case_id == case_id:
                self.view.setCurrentIndex(index)
                return True
        return False

    def _activated(self, index: QModelIndex) -> None:
        if self._restoring:
            return
        item = index.data(ITEM_ROLE) if index.isValid() else None
        if item is not None:
            self.case_chosen.emit(item.case_id)

    def _count(self, page: QueuePage) -> None:
        counts = dict.fromkeys(ReminderLevel, 0)
        for row in self.model.rows():
            counts[row.reminder.level if row.reminder else ReminderLevel.NONE] += 1
        self._last_counts = counts
        self._last_page = page
        self.translateUI()

    def translateUI(self) -> None:
        lang = self.model.lang
        counts = getattr(self, "_last_counts", dict.fromkeys(ReminderLevel, 0))
        for level, button in self.counts.items():
            button.setText(f"{SYMBOLS[level]} {level.label(lang)} {counts[level]}")
        self.all_levels.setText(self.tr("全部"))
        self.refresh.setText(self.tr("刷新 (F5)"))
        self.filter.setPlaceholderText(self.tr("按编号、事项或申请人筛选"))
        if self.department.count():
            self.department.setItemText(0, self.tr("全部科室"))
        page = getattr(self, "_last_page", None)
        if page is None:
            self.status.setText(self.tr("尚未载入"))
        elif page.truncated:
            self.status.setText(self.tr("共 %1 件，已载入前 %2 件").replace("%1", str(page.total))
                                .replace("%2", str(len(page.items))))
        else:
            self.status.setText(self.tr("共 %1 件").replace("%1", str(page.total)))
