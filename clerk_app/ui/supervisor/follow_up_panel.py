"""The 差评整改 tab of the supervisor screen: bad-rating follow-ups beside the chosen one.

The list shows each follow-up's due day with its three-level reminder in words and colour, the
summary bar counts the open ones per level, and a state filter (未办结 by default) and free text
narrow it. Choosing one opens it on the right; its buttons ask for the next step in a dialog and
send it through `FollowUpController`, on the review runner.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from clerk_app.core.evaluation import FollowUpState
from clerk_app.core.reminders import ReminderLevel
from clerk_app.core.workdays import WorkCalendar
from clerk_app.ui.i18n import Retranslatable
from clerk_app.ui.supervisor.follow_up_controller import FollowUpController
from clerk_app.ui.supervisor.follow_up_dialogs import FollowUpStepDialog
from clerk_app.ui.supervisor.follow_up_model import FollowUpFilter, FollowUpModel, state_words
from clerk_app.ui.supervisor.follow_up_view import FollowUpView
from clerk_app.ui.supervisor.reminder_model import ITEM_ROLE, LEVEL_COLOURS, SYMBOLS, reminder_table

URGENT_FIRST = (ReminderLevel.RED, ReminderLevel.YELLOW, ReminderLevel.WARNING, ReminderLevel.NONE)
UNFINISHED = frozenset({FollowUpState.OPEN.value, FollowUpState.CALLED_BACK.value, FollowUpState.CORRECTED.value})


class FollowUpPanel(Retranslatable, QWidget):
    def __init__(self, calendar: WorkCalendar, controller: FollowUpController, today: Callable[[], date],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("follow_up_panel")
        self.controller = controller
        self.today = today  # the workstation's today
        self.model = FollowUpModel(calendar, parent=self)
        self.proxy = FollowUpFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.set_states(UNFINISHED)
        self.states = QComboBox(self)
        self.states.setObjectName("follow_up_states")
        self.filter = QLineEdit(self)
        self.filter.setObjectName("follow_up_filter")
        self.filter.setClearButtonEnabled(True)
        self.refresh = QPushButton(self)
        self.refresh.setObjectName("follow_up_refresh")
        self.counts = {level: QLabel(self) for level in URGENT_FIRST}
        self.status = QLabel(self)
        self.table = reminder_table(self, "follow_up_table", self.proxy, self.model, FollowUpModel.MATTER)
        self.view = FollowUpView(calendar, self)
        self._loaded_once = False
        self._layout()
        self._wire()
        self.translateUI()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.states)
        top.addWidget(self.filter, 1)
        top.addWidget(self.refresh)
        summary = QHBoxLayout()
        for level in URGENT_FIRST:
            background, text = LEVEL_COLOURS[level]
            self.counts[level].setStyleSheet(f"background: {background}; color: {text}; padding: 3px 10px;")
            summary.addWidget(self.counts[level])
        summary.addStretch(1)
        summary.addWidget(self.status)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addLayout(summary)
        column.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.view)
        splitter.setSizes([760, 640])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _wire(self) -> None:
        controller = self.controller
        controller.loaded.connect(self.show_items)
        controller.opened.connect(lambda file: self.view.show_file(file, self.today()))
        self.refresh.clicked.connect(controller.refresh)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.states.currentIndexChanged.connect(lambda _i: self.proxy.set_states(self.states.currentData()))
        self.table.selectionModel().currentRowChanged.connect(lambda current, _old: self._chosen(current))
        self.view.step_requested.connect(self.ask_step)

    def show_items(self, items: list[Any]) -> None:
        chosen = self.current_item()
        self.model.set_items(items, self.today())
        self._loaded_once = True
        self.translateUI()
        if chosen is not None:
            self.select(chosen.id, reopen=False)

    def current_item(self) -> Any | None:
        index = self.table.currentIndex()
        return index.data(ITEM_ROLE) if index.isValid() else None

    def select(self, follow_up_id: int, *, reopen: bool = True) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ITEM_ROLE).id == follow_up_id:
                self.table.selectionModel().blockSignals(not reopen)  # keep one's place without reopening
                try:
                    self.table.setCurrentIndex(index)
                finally:
                    self.table.selectionModel().blockSignals(False)
                return True
        return False

    def _chosen(self, index: QModelIndex) -> None:
        item = index.data(ITEM_ROLE) if index.isValid() else None
        if item is not None:
            self.controller.open(item.id)

    def ask_step(self, kind: str, follow_up_id: int) -> None:
        file = self.view.file
        if file is None or file.item.id != follow_up_id:
            return
        dialog = FollowUpStepDialog(kind, file.item.number, self)
        if not dialog.exec():
            return
        if kind == "call":
            self.controller.call(follow_up_id, dialog.reached, dialog.note)
        elif kind == "correct":
            self.controller.correct(follow_up_id, dialog.note)
        else:
            self.controller.close(follow_up_id, dialog.note)

    def set_lang(self, lang: str) -> None:
        self.model.set_lang(lang)
        self.view.lang = lang
        self.view.translateUI()
        self.translateUI()

    def translateUI(self) -> None:
        lang = self.model.lang
        counts = dict.fromkeys(ReminderLevel, 0)
        for row in self.model.rows():
            if row.reminder is not None:
                counts[row.reminder.level] += 1
        for level, label in self.counts.items():
            label.setText(f"{SYMBOLS[level]} {level.label(lang)} {counts[level]}")
        self.refresh.setText(self.tr("刷新"))
        self.filter.setPlaceholderText(self.tr("按编号、事项或状态筛选"))
        self._fill_states(lang)
        if not self._loaded_once:
            self.status.setText(self.tr("尚未载入"))
        else:
            waiting = sum(counts.values())
            self.status.setText(self.tr("共 %1 条，待整改 %2 条").replace("%1", str(self.model.rowCount()))
                                .replace("%2", str(waiting)))

    def _fill_states(self, lang: str) -> None:
        choices: list[tuple[str, frozenset[str] | None]] = [(self.tr("未办结"), UNFINISHED), (self.tr("全部"), None)]
        choices += [(state_words(s.value, lang), frozenset({s.value})) for s in FollowUpState]
        current = max(0, self.states.currentIndex())
        self.states.blockSignals(True)
        self.states.clear()
        for text, states in choices:
            self.states.addItem(text, states)
        self.states.setCurrentIndex(current)
        self.states.blockSignals(False)

