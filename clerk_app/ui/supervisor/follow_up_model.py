"""Bad-rating follow-ups (差评整改) as a table model: one row per follow-up, with its reminder.

A follow-up not yet corrected has a three-level reminder of its due day (预警 / 黄牌 / 红牌, from
`core.reminders` with the official calendar), shown as words with the colour, never colour
alone; a corrected or closed one shows its state instead. Rows sort by urgency then due day
through `SORT_ROLE`; `FollowUpFilter` keeps the open ones, or one state, and filters by text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from clerk_app.core.evaluation import FOLLOW_UP_LABELS, RATING_LABELS, FollowUpState, Rating
from clerk_app.core.reminders import DEFAULT_POLICY, Reminder, ReminderLevel, ReminderPolicy, remind
from clerk_app.core.workdays import WorkCalendar
from clerk_app.sync.follow_ups import FollowUpItem
from clerk_app.ui.supervisor.queue_model import LEVEL_COLOURS, SYMBOLS

Index = QModelIndex | QPersistentModelIndex
ITEM_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 2
RUNNING = (FollowUpState.OPEN.value, FollowUpState.CALLED_BACK.value)  # the due day still counts
DONE_COLOURS = ("#eceff1", "#37474f")  # corrected or closed: no reminder
STAGES = {"acceptance": ("受理", "Acceptance"), "handout": ("出件", "Hand-out")}


@dataclass(frozen=True)
class FollowUpRow:
    item: FollowUpItem
    reminder: Reminder | None  # None once corrected


def state_words(state: str, lang: str) -> str:
    try:
        zh, en = FOLLOW_UP_LABELS[FollowUpState(state)]
    except ValueError:
        return state
    return en if lang == "en" else zh


def rating_words(rating: int, lang: str) -> str:
    try:
        zh, en = RATING_LABELS[Rating(rating)]
    except ValueError:
        return str(rating)
    return f"{en if lang == 'en' else zh}（{rating}）"


def stage_words(stage: str, lang: str) -> str:
    zh, en = STAGES.get(stage, (stage, stage))
    return en if lang == "en" else zh


class FollowUpModel(QAbstractTableModel):
    HEADERS = (("提醒", "Reminder"), ("整改期限", "Due"), ("办件编号", "Case number"), ("事项", "Matter"),
               ("评价", "Rating"), ("环节", "Stage"), ("状态", "State"), ("回访次数", "Calls"))
    LEVEL, DUE, NUMBER, MATTER, RATING, STAGE, STATE, CALLS = range(8)

    def __init__(self, calendar: WorkCalendar, lang: str = "zh", parent: Any = None) -> None:
        super().__init__(parent)
        self.calendar = calendar
        self.policy: ReminderPolicy = DEFAULT_POLICY
        self.lang = lang
        self._rows: list[FollowUpRow] = []

    def set_items(self, items: list[FollowUpItem], today: date) -> None:
        rows = [FollowUpRow(item, self._remind(item, today)) for item in items]
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def _remind(self, item: FollowUpItem, today: date) -> Reminder | None:
        return remind(item.due, today, self.calendar, self.policy) if item.state in RUNNING else None

    def rows(self) -> list[FollowUpRow]:
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
            return self.reminder_text(row) if column in (self.LEVEL, self.DUE) else self._text(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == LEVEL_ROLE:
            return level_of(row).value
        if role == ITEM_ROLE:
            return row.item
        if column == self.LEVEL and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            background, text = colours(row)
            return QBrush(QColor(background if role == Qt.ItemDataRole.BackgroundRole else text))
        return None

    def _text(self, row: FollowUpRow, column: int) -> str:
        item = row.item
        texts = {
            self.DUE: lambda: item.due.isoformat() + ("*" if item.due_estimated else ""),
            self.NUMBER: lambda: item.number,
            self.MATTER: lambda: item.name,
            self.RATING: lambda: rating_words(item.rating, self.lang),
            self.STAGE: lambda: stage_words(item.stage, self.lang),
            self.STATE: lambda: state_words(item.state, self.lang),
            self.CALLS: lambda: str(item.attempts),
        }
        if column == self.LEVEL:
            return self.level_text(row)
        return texts[column]()

    def level_text(self, row: FollowUpRow) -> str:
        if row.reminder is None:
            return f"✓ {state_words(row.item.state, self.lang)}"
        level = row.reminder.level
        return f"{SYMBOLS[level]} {level.label(self.lang)}"

    def reminder_text(self, row: FollowUpRow) -> str:
        if row.reminder is None:
            return state_words(row.item.state, self.lang)
        return f"{row.reminder.label(self.lang)}：{row.reminder.sentence(self.lang)}"

    def _sort_key(self, row: FollowUpRow, column: int) -> Any:
        due = row.item.due.toordinal()
        if column == self.LEVEL:
            done = row.reminder is None
            return (done, -level_of(row).rank, due, row.item.id)
        if column == self.DUE:
            return (due, row.item.id)
        if column == self.CALLS:
            return (row.item.attempts, due)
        return self._text(row, column)


def level_of(row: FollowUpRow) -> ReminderLevel:
    return row.reminder.level if row.reminder is not None else ReminderLevel.NONE


def colours(row: FollowUpRow) -> tuple[str, str]:
    return LEVEL_COLOURS[row.reminder.level] if row.reminder is not None else DONE_COLOURS


class FollowUpFilter(QSortFilterProxyModel):
    """Free text over every column; `states` None shows every follow-up, else only those states."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.states: frozenset[str] | None = None
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_states(self, states: frozenset[str] | None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self.states = states
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.states = states
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self.states is not None:
            item = self.sourceModel().index(source_row, 0, source_parent).data(ITEM_ROLE)
            if item is None or item.state not in self.states:
                return False
        return super().filterAcceptsRow(source_row, source_parent)

    def lessThan(self, left: Index, right: Index) -> bool:
        return bool(left.data(SORT_ROLE) < right.data(SORT_ROLE))
