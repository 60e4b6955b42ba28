"""The materials checklist: per material received or not, form, copies, e-licence, what is wrong.

Rows follow the situations live; what the clerk ticked is kept by material key when a row
disappears and comes back. Space ticks the current row; "全部收到" ticks every row at once.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.core.formspec import FormMaterial
from clerk_app.core.guide import Necessity
from clerk_app.core.intake import MaterialState
from clerk_app.ui.i18n import Retranslatable

FORMS = ("原件", "复印件", "原件和复印件", "电子")
COL_NAME, COL_RECEIVED, COL_FORM, COL_COPIES, COL_ELICENCE, COL_DEFECT, COL_SCANS = range(7)


class _RowWidgets:
    def __init__(self, table: QTableWidget, row: int, item: FormMaterial, state: MaterialState) -> None:
        material = item.material
        self.received = QCheckBox(table)
        self.received.setChecked(state.received)
        self.form = QComboBox(table)
        self.form.addItems(FORMS)
        self.form.setCurrentText(state.form or material.form)
        self.copies = QSpinBox(table)
        self.copies.setRange(0, 99)
        self.copies.setValue(state.copies or material.copies)
        self.e_licence = QCheckBox(table)
        self.e_licence.setChecked(state.by_e_licence)
        self.e_licence.setEnabled(bool(material.e_licence))
        self.e_licence.setToolTip(material.e_licence or "")
        self.defect = QLineEdit(state.defect, table)
        self.scans = state.scans
        for column, widget in (
            (COL_RECEIVED, self.received), (COL_FORM, self.form), (COL_COPIES, self.copies),
            (COL_ELICENCE, self.e_licence), (COL_DEFECT, self.defect),
        ):
            table.setCellWidget(row, column, widget)
        table.setItem(row, COL_SCANS, QTableWidgetItem(str(len(state.scans)) if state.scans else ""))

    def state(self) -> MaterialState:
        return MaterialState(
            received=self.received.isChecked(), form=self.form.currentText(), copies=self.copies.value(),
            by_e_licence=self.e_licence.isChecked(), defect=self.defect.text().strip(), scans=self.scans,
        )


class MaterialsView(Retranslatable, QWidget):
    changed = Signal()
    scan_requested = Signal(str, str)  # material key, name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: tuple[FormMaterial, ...] = ()
        self._rows: dict[str, _RowWidgets] = {}
        self._kept: dict[str, MaterialState] = {}
        self.title = QLabel(self)
        self.title.setProperty("role", "title")
        self.all_button = QPushButton(self)
        self.all_button.setObjectName("all_received")
        self.scan_button = QPushButton(self)
        self.scan_button.setObjectName("scan_material")
        self.summary = QLabel(self)
        self.table = QTableWidget(0, 7, self)
        self.table.setObjectName("materials_table")
        self.table.verticalHeader().hide()
        header_view = self.table.horizontalHeader()
        header_view.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header_view.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header_view.setSectionResizeMode(COL_DEFECT, QHeaderView.ResizeMode.Stretch)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.summary)
        header.addWidget(self.scan_button)
        header.addWidget(self.all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.table)
        self.all_button.clicked.connect(self.mark_all_received)
        self.scan_button.clicked.connect(self.request_scan)
        QShortcut(QKeySequence("F6"), self, self.request_scan)
        QShortcut(QKeySequence("Ctrl+Shift+A"), self, self.mark_all_received)
        toggle = QShortcut(QKeySequence(Qt.Key.Key_Space), self.table, self._toggle_current)
        toggle.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.translateUI()

    def translateUI(self) -> None:
        self.title.setText(self.tr("材料清单"))
        self.all_button.setText(self.tr("全部收到 (Ctrl+Shift+A)"))
        self.scan_button.setText(self.tr("扫描当前材料 (F6)"))
        self.table.setHorizontalHeaderLabels([
            self.tr("材料"), self.tr("收到"), self.tr("形式"), self.tr("份数"),
            self.tr("电子证照"), self.tr("问题说明"), self.tr("扫描页"),
        ])
        self._update_summary()

    def set_active(self, items: tuple[FormMaterial, ...]) -> None:
        """Show these materials, keeping what was ticked for each key."""
        if tuple(i.material.key for i in items) == tuple(i.material.key for i in self._items):
            return
        self._kept.update(self.states())
        self._items = items
        self.table.setRowCount(len(items))
        self._rows = {}
        for row, item in enumerate(items):
            name = QTableWidgetItem(self._name_text(item))
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            name.setToolTip(item.material.standard or "")
            self.table.setItem(row, COL_NAME, name)
            widgets = _RowWidgets(self.table, row, item, self._kept.get(item.material.key, MaterialState()))
            for signal in (widgets.received.toggled, widgets.e_licence.toggled, widgets.defect.textChanged,
                           widgets.form.currentIndexChanged, widgets.copies.valueChanged):
                signal.connect(self._on_change)
            self._rows[item.material.key] = widgets
        self.table.resizeRowsToContents()
        self._on_change()

    @staticmethod
    def _name_text(item: FormMaterial) -> str:
        material = item.material
        badge = {Necessity.KEY: "【必要】", Necessity.TOLERABLE: "【容缺】", Necessity.OPTIONAL: "【可选】"}
        return f"{badge[material.necessity]}{material.name}（{material.form}{material.copies}份）"

    def states(self) -> dict[str, MaterialState]:
        return {key: widgets.state() for key, widgets in self._rows.items()}

    def all_states(self) -> dict[str, MaterialState]:
        """Ticked states of the visible rows and of rows hidden by the current situation."""
        return {**self._kept, **self.states()}

    def mark_all_received(self) -> None:
        for widgets in self._rows.values():
            widgets.received.setChecked(True)

    def attach_scans(self, key: str, hashes: tuple[str, ...]) -> None:
        widgets = self._rows.get(key)
        if widgets is None:
            return
        widgets.scans = hashes
        if hashes:
            widgets.received.setChecked(True)
        row = [i.material.key for i in self._items].index(key)
        self.table.setItem(row, COL_SCANS, QTableWidgetItem(str(len(hashes)) if hashes else ""))
        self._on_change()

    def current_key(self) -> str | None:
        """The selected row's material, else the first one not yet satisfied."""
        row = self.table.currentRow()
        if 0 <= row < len(self._items):
            return self._items[row].material.key
        states = self.states()
        pending = [i.material.key for i in self._items if not states[i.material.key].satisfied]
        return pending[0] if pending else None

    def request_scan(self) -> None:
        key = self.current_key()
        if key is not None:
            name = next(i.material.name for i in self._items if i.material.key == key)
            self.scan_requested.emit(key, name)

    def load(self, states: Mapping[str, MaterialState]) -> None:
        """Show a stored case's checklist (reopened for correction): these states, by material key."""
        items = self._items
        self.reset()
        self._kept.update(states)
        self.set_active(items)

    def reset(self) -> None:
        """Forget every tick (a new intake begins); silent, the page reassesses afterwards."""
        self._kept.clear()
        self._items = ()
        self._rows = {}
        self.table.setRowCount(0)
        self._update_summary()

    def _toggle_current(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._items):
            box = self._rows[self._items[row].material.key].received
            box.setChecked(not box.isChecked())

    def _on_change(self) -> None:
        self._update_summary()
        self.changed.emit()

    def _update_summary(self) -> None:
        states = self.states()
        received = sum(1 for s in states.values() if s.satisfied)
        self.summary.setText(self.tr("已收 %1 / %2").replace("%1", str(received)).replace("%2", str(len(states))))
