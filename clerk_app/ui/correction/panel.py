"""The correction banner over the intake form: what the back office asked for, and "重新提交".

It takes the decision bar's place while a returned case is reopened (`IntakePage.show_panel`):
the case, the numbered corrections in large type on a tinted, framed box (and never colour
alone: the title says 退回补正), the problem that stops a resubmission, and the two ways out —
resubmit (F9, as 受理 is) or leave the correction for later (the case stays returned).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from clerk_app.core.case import Case
from clerk_app.ui.i18n import Retranslatable

STYLE = """
QFrame#correction_panel { border: 3px solid #c62828; border-radius: 6px; background: #fff3e0; }
QFrame#correction_panel QLabel { background: transparent; color: #3e2723; }
QLabel#correction_title { font-size: 18px; font-weight: bold; color: #b71c1c; }
QLabel#correction_items { font-size: 17px; }
"""
RESUBMIT_KEY = "F9"


class CorrectionPanel(Retranslatable, QFrame):
    resubmit_requested = Signal()
    leave_requested = Signal()

    def __init__(self, case: Case, corrections: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("correction_panel")
        self.setStyleSheet(STYLE)
        self.case = case
        self.corrections = corrections
        self.title = QLabel(self)
        self.title.setObjectName("correction_title")
        self.title.setWordWrap(True)
        self.items = QLabel(self)
        self.items.setObjectName("correction_items")
        self.items.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setObjectName("correction_problem")
        self.problem.setProperty("role", "problem")
        self.problem.setWordWrap(True)
        self.resubmit = QPushButton(self)
        self.resubmit.setObjectName("correction_resubmit")
        self.resubmit.setProperty("role", "decision")
        self.leave = QPushButton(self)
        self.leave.setObjectName("correction_leave")
        self.resubmit.clicked.connect(self.resubmit_requested.emit)
        self.leave.clicked.connect(self.leave_requested.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.problem, 1)
        buttons.addWidget(self.leave)
        buttons.addWidget(self.resubmit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.items)
        layout.addLayout(buttons)
        self.translateUI()

    def translateUI(self) -> None:
        applicant = self.case.applicant.name
        self.title.setText(self.tr("退回补正 · 办件 %1 · %2 · 申请人 %3").replace("%1", self.case.number)
                           .replace("%2", self.case.name).replace("%3", applicant))
        if self.corrections:
            lines = [self.tr("后台要求补正：")]
            lines += [f"{index}. {text}" for index, text in enumerate(self.corrections, start=1)]
            self.items.setText("\n".join(lines))
        else:
            self.items.setText(self.tr("后台未写明补正内容，请与审批人员核实"))
        self.resubmit.setText(self.tr("补正完毕，重新提交 (%1)").replace("%1", RESUBMIT_KEY))
        self.resubmit.setShortcut(QKeySequence(RESUBMIT_KEY))  # setText clears the shortcut
        self.leave.setText(self.tr("暂不补正"))

    def set_problem(self, text: str) -> None:
        self.problem.setText(text)

    def set_busy(self, busy: bool) -> None:
        self.resubmit.setEnabled(not busy)
        self.leave.setEnabled(not busy)
