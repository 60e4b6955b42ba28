"""容缺跟踪: the tolerance-accepted cases whose promised materials are due or overdue, and supplying them.

One row per open promise, earliest first, with its reminder as words and colour (预警 before the
day, 黄牌 on it, 红牌 after it, counted in working days with the official calendar) and the
applicant's phone to call. "补交材料" (or Enter on a row) records the material received, with a
scan when the camera is there: the promise closes and the case is saved with the material, on the
database runner, with a 补交 event the sync pushes to the back office after the case (its history
shows the supply and its open tolerance closes there; the case is not sent again as a revision).
Non-modal: the clerk may keep it open.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.core.tolerance import PromiseRow, Supplied
from clerk_app.ui.context import Workstation
from clerk_app.ui.i18n import Retranslatable
from clerk_app.ui.tolerance.rows import LEVEL_COLOURS, promise_rows_of
from clerk_app.ui.tolerance.supply import SupplyDialog

COLUMNS = 6


class FollowUpDialog(Retranslatable, QDialog):
    supplied = Signal(object)  # Case, saved with the material

    def __init__(self, ws: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tolerance_follow_up")
        self.ws = ws
        self.rows: list[PromiseRow] = []
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.show_all = QCheckBox(self)
        self.show_all.setObjectName("tolerance_show_all")
        self.show_all.toggled.connect(lambda _on: self.reload())
        self.table = QTableWidget(0, COLUMNS, self)
        self.table.setObjectName("tolerance_table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.activated.connect(lambda _index: self.supply_selected())
        self.supply_button = QPushButton(self)
        self.supply_button.setObjectName("tolerance_supply_button")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.supply_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        for button in self.buttons.buttons():
            button.setAutoDefault(False)  # Enter on a row supplies it, never closes the list
        self.supply_button.clicked.connect(self.supply_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.show_all)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(980, 460)
        self.translateUI()
        self.reload()

    def translateUI(self) -> None:
        self.setWindowTitle(self.tr("容缺材料跟踪"))
        self.show_all.setText(self.tr("也显示尚未临近期限的承诺"))
        self.table.setHorizontalHeaderLabels([self.tr("提醒"), self.tr("期限"), self.tr("办件编号"), self.tr("申请人"),
                                              self.tr("联系电话"), self.tr("容缺材料")])
        self.supply_button.setText(self.tr("补交材料… (Enter)"))
        self._set_hint()
        if self.rows:
            self._show(self.rows)

    def _set_hint(self, text: str = "") -> None:
        self.hint.setText(text or self.tr(
            "容缺受理时申请人承诺限期补齐的材料：预警（临近期限）、黄牌（今日到期）、红牌（已超期）。"
            "请电话提醒申请人；材料送到后选中该行按回车登记补交。"))

    def reload(self) -> None:
        stores, library, today = self.ws.stores, self.ws.library, self.ws.today()
        all_open = self.show_all.isChecked()
        self.ws.db.run(lambda: promise_rows_of(stores, library, today, all_open=all_open), on_done=self._show)

    def _show(self, rows: list[PromiseRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            self._fill_row(index, row)
        if rows:
            self.table.setCurrentCell(min(max(self.table.currentRow(), 0), len(rows) - 1), 0)
        self.supply_button.setEnabled(bool(rows))

    def _fill_row(self, index: int, row: PromiseRow) -> None:
        lang, promise, reminder = self.ws.lang, row.promise, row.reminder
        texts = (reminder.label(lang), reminder.sentence(lang), promise.case_number, promise.applicant,
                 promise.phone, promise.material_name)
        background, colour = LEVEL_COLOURS[reminder.level]
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if column < 2:
                item.setBackground(QBrush(QColor(background)))
                item.setForeground(QBrush(QColor(colour)))
            if column == 0:
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(index, column, item)

    def selected(self) -> PromiseRow | None:
        index = self.table.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def supply_selected(self) -> None:
        row, clerk = self.selected(), self.ws.clerk
        if row is None or clerk is None:
            return
        dialog = SupplyDialog(self.ws, row, self)
        if not dialog.exec():
            return
        stores, at = self.ws.stores, self.ws.now().astimezone()
        form, copies, scans = dialog.form.currentText(), dialog.copies.value(), dialog.scans
        case_id, key = row.promise.case_id, row.promise.material_key

        def work() -> Supplied:
            from clerk_app.store.promises import supply

            return supply(stores.cases, case_id, key, at=at, by=clerk.username, form=form, copies=copies,
                          scans=scans)

        self.supply_button.setEnabled(False)
        self.ws.db.run(work, on_done=self._supplied, on_error=self._failed)

    def _supplied(self, supplied: Supplied) -> None:
        case, record = supplied.case, supplied.record
        late = self.tr("（逾期补交）") if record.late else ""
        self._set_hint(self.tr("已登记补交：%1 “%2”%3，承诺已关闭；补交记录将同步至后台")
                       .replace("%1", case.number).replace("%2", record.material_name).replace("%3", late))
        self.ws.events.case_saved.emit(case)
        self.ws.events.cases_changed.emit()
        self.supplied.emit(case)
        self.reload()

    def _failed(self, error: BaseException) -> None:
        self.supply_button.setEnabled(bool(self.rows))
        text = error.text(self.ws.lang) if hasattr(error, "text") else str(error)
        QMessageBox.warning(self, self.tr("补交未登记"), text)
        self.reload()
