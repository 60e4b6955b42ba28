"""Today's cases at this window: a table model behind a filter proxy, refreshed off the UI thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from clerk_app.core.case import CaseState, state_label
from clerk_app.ui.context import Workstation
from clerk_app.ui.i18n import Retranslatable

SYNC_LABELS = {
    "local": ("仅本地", "Local only"),
    "pending": ("待同步", "Pending"),
    "synced": ("已同步", "Synced"),
    "conflict": ("冲突", "Conflict"),
    "quarantined": ("已隔离", "Quarantined"),
}
Index = QModelIndex | QPersistentModelIndex


class CaseListModel(QAbstractTableModel):
    """Rows are the store's case summaries (number, created_at, name, applicant_name, state, sync_state)."""

    HEADERS = (("时间", "Time"), ("办件编号", "Case number"), ("事项", "Matter"),
               ("申请人", "Applicant"), ("状态", "State"), ("同步", "Sync"))

    def __init__(self, lang: str = "zh", parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self.lang = lang

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

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
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None

    def _text(self, row: Any, column: int) -> str:
        if column == 0:
            return row.created_at.strftime("%H:%M")
        if column == 1:
            return row.number
        if column == 2:
            return row.name
        if column == 3:
            return row.applicant_name
        if column == 4:
            return state_label(CaseState(row.state), self.lang)
        zh, en = SYNC_LABELS.get(row.sync_state, (row.sync_state, row.sync_state))
        return en if self.lang == "en" else zh


class TodayCases(Retranslatable, QWidget):
    def __init__(self, ws: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.model = CaseListModel(ws.lang, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.title = QLabel(self)
        self.title.setProperty("role", "title")
        self.filter = QLineEdit(self)
        self.filter.setObjectName("cases_filter")
        self.filter.setClearButtonEnabled(True)
        self.view = QTableView(self)
        self.view.setObjectName("cases_table")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        ws.events.cases_changed.connect(self.refresh)
        ws.languages.changed.connect(lambda _: self.model.set_lang(ws.lang))
        self.translateUI()

    def translateUI(self) -> None:
        self.title.setText(self.tr("今日办件"))
        self.filter.setPlaceholderText(self.tr("按编号、姓名或事项筛选"))

    def refresh(self) -> None:
        stores, day = self.ws.stores, self.ws.today()
        self.ws.db.run(lambda: stores.cases.list_cases(day=day), on_done=self.model.set_rows)
