"""The department queue as a table model: one row per queued case, with its three-level reminder.

The reminder (正常 / 预警 / 黄牌 / 红牌) is computed here from the deadline with the official
calendar, once per refresh, and always shown as text with the colour (never colour alone). Rows
sort by urgency and deadline through `SORT_ROLE`, so a proxy sorts thousands of rows without
re-parsing text. `QueueFilter` filters by free text and by reminder level.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from clerk_app.core.case import STATE_LABELS, CaseState
from clerk_app.core.catalogue import Catalogue
from clerk_app.core.reminders import DEFAULT_POLICY, Reminder, ReminderLevel, ReminderPolicy, remind
from clerk_app.core.workdays import WorkCalendar
from clerk_app.sync.review import QueueItem

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 2
ITEM_ROLE = Qt.ItemDataRole.UserRole

# (background, text) per level: the text colour keeps contrast on its background.
LEVEL_COLOURS: dict[ReminderLevel, tuple[str, str]] = {
    ReminderLevel.NONE: ("#e8f5e9", "#1b5e20"),
    ReminderLevel.WARNING: ("#e3f2fd", "#0d47a1"),
    ReminderLevel.YELLOW: ("#fff3b0", "#5d4300"),
    ReminderLevel.RED: ("#ffcdd2", "#8e0000"),
}
SYMBOLS = {ReminderLevel.NONE: "○", ReminderLevel.WARNING: "◔", ReminderLevel.YELLOW: "▲", ReminderLevel.RED: "■"}


@dataclass(frozen=True)
class QueueRow:
    item: QueueItem
    reminder: Reminder | None  # None: no deadline recorded


class QueueModel(QAbstractTableModel):
    HEADERS = (("提醒", "Reminder"), ("办结期限", "Deadline"), ("办件编号", "Case number"), ("事项", "Matter"),
               ("申请人", "Applicant"), ("部门", "Department"), ("状态", "State"), ("认领人", "Claimed by"))
    LEVEL, DEADLINE, NUMBER, MATTER, APPLICANT, DEPARTMENT, STATE, CLAIMED = range(8)

    def __init__(self, catalogue: Catalogue, calendar: WorkCalendar, lang: str = "zh", parent: Any = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.calendar = calendar
        self.policy: ReminderPolicy = DEFAULT_POLICY
        self.lang = lang
        self._rows: list[QueueRow] = []

    def set_items(self, items: list[QueueItem], today: date) -> None:
        rows = [QueueRow(item, self._remind(item, today)) for item in items]
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def _remind(self, item: QueueItem, today: date) -> Reminder | None:
        if item.deadline is None:
            return None
        return remind(item.deadline, today, self.calendar, self.policy)

    def rows(self) -> list[QueueRow]:
        return list(self._rows)

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.HEADERS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.HEADERS) - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            zh, en = self.HEADERS[section]
            return en if self.lang == "en" else zh
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row) if column in (self.LEVEL, self.DEADLINE) else self._text(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == LEVEL_ROLE:
            return _level(row).value
        if role == ITEM_ROLE:
            return row.item
        if column == self.LEVEL and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            background, text = LEVEL_COLOURS[_level(row)]
            colour = background if role == Qt.ItemDataRole.BackgroundRole else text
            return QBrush(QColor(colour))
        return None

    def _text(self, row: QueueRow, column: int) -> str:
        item = row.item
        if column == self.LEVEL:
            level = _level(row)
            return f"{SYMBOLS[level]} {level.label(self.lang)}"
        if column == self.DEADLINE:
            return item.deadline.isoformat() if item.deadline else "—"
        if column == self.NUMBER:
            return item.number
        if column == self.MATTER:
            return item.name
        if column == self.APPLICANT:
            return item.applicant_name
        if column == self.DEPARTMENT:
            return self.catalogue.department_name(item.department)
        if column == self.STATE:
            return state_text(item.state, self.lang)
        return item.claimed_by or ""

    def _tooltip(self, row: QueueRow) -> str:
        if row.reminder is None:
            return "未记录办结期限" if self.lang != "en" else "No deadline recorded"
        return f"{row.reminder.label(self.lang)}：{row.reminder.sentence(self.lang)}"

    def _sort_key(self, row: QueueRow, column: int) -> Any:
        deadline = row.item.deadline.toordinal() if row.item.deadline else 10**7
        if column == self.LEVEL:
            return (-_level(row).rank, deadline, row.item.number)
        if column == self.DEADLINE:
            return (deadline, row.item.number)
        return self._text(row, column)


def _level(row: QueueRow) -> ReminderLevel:
    return row.reminder.level if row.reminder is not None else ReminderLevel.NONE


# The back office's own words where the window's differ ("sent to the back office" is, here, waiting).
BACKOFFICE_STATES = {"synced": ("待审批", "Awaiting decision")}


def state_text(state: str, lang: str) -> str:
    if state in BACKOFFICE_STATES:
        zh, en = BACKOFFICE_STATES[state]
        return en if lang == "en" else zh
    try:
        zh, en = STATE_LABELS[CaseState(state)]
    except (ValueError, KeyError):
        return state
    return en if lang == "en" else zh


class QueueFilter(QSortFilterProxyModel):
    """Free text over every column, and optionally one reminder level."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.level: ReminderLevel | None = None
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_level(self, level: ReminderLevel | None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self.level = level
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.level = level
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self.level is not None:
            index = self.sourceModel().index(source_row, QueueModel.LEVEL, source_parent)
            if index.data(LEVEL_ROLE) != self.level.value:
                return False
        return super().filterAcceptsRow(source_row, source_parent)

    def lessThan(self, left: Index, right: Index) -> bool:
        return bool(left.data(SORT_ROLE) < right.data(SORT_ROLE))
