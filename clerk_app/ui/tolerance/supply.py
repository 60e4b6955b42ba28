"""补交材料: the applicant brings a tolerated material; the clerk records its form, copies and scan.

The scan uses the document camera as at intake (F6; the panel says so when no camera is there),
and the material's pages become one sealed PDF in the vault before OK is possible again. OK
gives the values; the follow-up list saves them (`store.promises.supply`), which also queues the
补交 event for the back office (the scan goes with it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clerk_app.core.tolerance import PromiseRow
from clerk_app.ui.context import Workstation
from clerk_app.ui.i18n import Retranslatable
from clerk_app.ui.intake.materials import FORMS

if TYPE_CHECKING:
    from clerk_app.ui.intake.scanning import MaterialScanner


class SupplyDialog(Retranslatable, QDialog):
    def __init__(self, ws: Workstation, row: PromiseRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tolerance_supply")
        self.ws, self.row = ws, row
        self.scans: tuple[str, ...] = ()
        self._scanner: MaterialScanner | None = None
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.form = QComboBox(self)
        self.form.setObjectName("supply_form")
        self.form.addItems(FORMS)
        self.copies = QSpinBox(self)
        self.copies.setObjectName("supply_copies")
        self.copies.setRange(1, 99)
        self.scan_button = QPushButton(self)
        self.scan_button.setObjectName("supply_scan")
        self.scan_button.clicked.connect(self.scan)
        QShortcut(QKeySequence("F6"), self, self.scan)
        self.scan_state = QLabel(self)
        self.labels = [QLabel(self) for _ in range(3)]
        form = QFormLayout()
        form.addRow(self.labels[0], self.form)
        form.addRow(self.labels[1], self.copies)
        form.addRow(self.labels[2], self.scan_button)
        form.addRow("", self.scan_state)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(520, 260)
        self.translateUI()

    @property
    def ok(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def translateUI(self) -> None:
        promise = self.row.promise
        self.setWindowTitle(self.tr("补交容缺材料"))
        self.header.setText(self.tr("办件 %1 · 申请人 %2\n材料：%3\n承诺期限：%4（%5）")
                            .replace("%1", promise.case_number).replace("%2", promise.applicant)
                            .replace("%3", promise.material_name).replace("%4", promise.due.isoformat())
                            .replace("%5", self.row.reminder.sentence(self.ws.lang)))
        for label, text in zip(self.labels, (self.tr("材料形式"), self.tr("份数"), self.tr("扫描件")), strict=True):
            label.setText(text)
        self.scan_button.setText(self.tr("扫描材料 (F6)"))
        self.ok.setText(self.tr("确认补交"))
        self._show_scans()

    # scanning ---------------------------------------------------------------------------------
    @property
    def scanner(self) -> MaterialScanner:
        if self._scanner is None:
            from clerk_app.ui.intake.scanning import MaterialScanner  # OpenCV: only when scanning

            self._scanner = MaterialScanner(self.ws, self)
        return self._scanner

    def scan(self) -> None:
        self.ok.setEnabled(False)  # until the pages are stored
        promise = self.row.promise
        self.scanner.scan(promise.material_key, promise.material_name, self.attach)

    def attach(self, _key: str, hashes: tuple[str, ...]) -> None:
        if hashes:
            self.scans = hashes
        self.ok.setEnabled(True)
        self._show_scans()

    def _show_scans(self) -> None:
        self.scan_state.setText(self.tr("已扫描，存为 %1 份文件").replace("%1", str(len(self.scans))) if self.scans
                                else self.tr("未扫描（可不扫描）"))

    def done(self, result: int) -> None:
        if self._scanner is not None:
            self._scanner.close()
        super().done(result)
