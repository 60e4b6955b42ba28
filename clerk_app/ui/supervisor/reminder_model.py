"""What the supervisor's tables with a three-level reminder share: the roles, colours and symbols
of 正常 / 预警 / 黄牌 / 红牌, a table model over (item, reminder) rows, and a proxy that sorts by
`SORT_ROLE` and filters by free text plus one condition of its own.

A subclass names its `HEADERS` (Chinese, English) and its `LEVEL` and tooltip columns, makes
a row from an item (`_row`), and says a cell's text, tooltip, sort key and colours.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from clerk_app.core.reminders import DEFAULT_POLICY, ReminderLevel, ReminderPolicy
from clerk_app.core.workdays import WorkCalendar

Index = QModelIndex | QPersistentModelIndex
ITEM_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 2

# (background, text) per level: the text colour keeps contrast on its background.
LEVEL_COLOURS: dict[ReminderLevel, tuple[str, str]] = {
    ReminderLevel.NONE: ("#e8f5e9", "#1b5e20"),
    ReminderLevel.WARNING: ("#e3f2fd", "#0d47a1"),
    ReminderLevel.YELLOW: ("#fff3b0", "#5d4300"),
    ReminderLevel.RED: ("#ffcdd2", "#8e0000"),
}
SYMBOLS = {ReminderLevel.NONE: "○", ReminderLevel.WARNING: "◔", ReminderLevel.YELLOW: "▲", ReminderLevel.RED: "■"}

Row = TypeVar("Row")


class ReminderTableModel(QAbstractTableModel, Generic[Row]):
    HEADERS: ClassVar[tuple[tuple[str, str], ...]] = ()
    LEVEL: ClassVar[int] = 0
    TIP_COLUMNS: ClassVar[tuple[int, ...]] = ()  # columns whose tooltip says the reminder in a sentence

    def __init__(self, calendar: WorkCalendar, lang: str = "zh", parent: Any = None) -> None:
        super().__init__(parent)
        self.calendar = calendar
        self.policy: ReminderPolicy = DEFAULT_POLICY
        self.lang = lang
        self._rows: list[Row] = []

    def set_items(self, items: list[Any], today: date) -> None:
        rows = [self._row(item, today) for item in items]
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rows(self) -> list[Row]:
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
            return self._tooltip(row) if column in self.TIP_COLUMNS else self._text(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == LEVEL_ROLE:
            return self._level(row).value
        if role == ITEM_ROLE:
            return row.item  # type: ignore[attr-defined]  # every row has its item
        if column == self.LEVEL and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            background, text = self._colours(row)
            return QBrush(QColor(background if role == Qt.ItemDataRole.BackgroundRole else text))
        return None

    def _colours(self, row: Row) -> tuple[str, str]:
        return LEVEL_COLOURS[self._level(row)]

    def _level(self, row: Row) -> ReminderLevel:
        reminder = row.reminder  # type: ignore[attr-defined]  # every row has its reminder (or None)
        return reminder.level if reminder is not None else ReminderLevel.NONE

    # what a subclass says -------------------------------------------------------------------------
    def _row(self, item: Any, today: date) -> Row:
        raise NotImplementedError

    def _text(self, row: Row, column: int) -> str:
        raise NotImplementedError

    def _tooltip(self, row: Row) -> str:
        raise NotImplementedError

    def _sort_key(self, row: Row, column: int) -> Any:
        raise NotImplementedError


class SortKeyFilter(QSortFilterProxyModel):
    """Sorts by `SORT_ROLE`; filters by free text over every column, and `_accepts` of a subclass."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def _change_filter(self, change: Callable[[], None]) -> None:
        """Apply `change` (to what `_accepts` reads) and filter the rows again."""
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def _accepts(self, source_row: int, source_parent: Index) -> bool:
        return True

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        return self._accepts(source_row, source_parent) and super().filterAcceptsRow(source_row, source_parent)

    def lessThan(self, left: Index, right: Index) -> bool:
        return bool(left.data(SORT_ROLE) < right.data(SORT_ROLE))


def reminder_table(parent: QWidget, name: str, proxy: SortKeyFilter, model: ReminderTableModel[Any],
                   stretch: int) -> QTableView:
    """A table of one row per item, most urgent first, one row selected at a time; column `stretch`
    takes the width left (sizes from the first rows: fast with tens of thousands of them)."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(model.LEVEL, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(200)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view
