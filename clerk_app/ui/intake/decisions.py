"""The four decisions: a bar of buttons enabled by the assessment, and the dialog each one needs.

F9 受理 · F10 容缺受理 · F11 一次性告知 · F12 不予受理. Each dialog takes what the decision
requires (reason, competent agency, promise date, notice items) and confirms with Enter.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.core.case import DecisionKind
from clerk_app.core.decide import DecisionInput
from clerk_app.core.intake import Assessment, promise_due_problem
from clerk_app.ui.i18n import Retranslatable

SHORTCUTS = {
    DecisionKind.ACCEPT: "F9",
    DecisionKind.TOLERANCE_ACCEPT: "F10",
    DecisionKind.NOTIFY: "F11",
    DecisionKind.REFUSE: "F12",
}
REFUSAL_REASONS = (
    "申请事项依法不需要取得行政许可",
    "申请事项依法不属于本机关职权范围",
    "申请人不具备申请资格",
    "申请事项不属于本大厅综合窗口受理范围",
)


class DecisionBar(Retranslatable, QWidget):
    """Emits `requested(kind)`; buttons are enabled only when the decision is valid."""

    requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[DecisionKind, QPushButton] = {}
        self.status = QLabel(self)
        self.status.setObjectName("decision_status")
        self.status.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.addWidget(self.status, 1)
        for kind in SHORTCUTS:
            button = QPushButton(self)
            button.setObjectName(f"decide_{kind.value}")
            button.setProperty("role", "decision")
            button.clicked.connect(lambda _=False, k=kind: self.requested.emit(k))
            layout.addWidget(button)
            self.buttons[kind] = button
        self.translateUI()
        self.update_from(None)

    def translateUI(self) -> None:
        names = {
            DecisionKind.ACCEPT: self.tr("受理"),
            DecisionKind.TOLERANCE_ACCEPT: self.tr("容缺受理"),
            DecisionKind.NOTIFY: self.tr("一次性告知"),
            DecisionKind.REFUSE: self.tr("不予受理"),
        }
        for kind, button in self.buttons.items():
            button.setText(f"{names[kind]} ({SHORTCUTS[kind]})")
            button.setShortcut(QKeySequence(SHORTCUTS[kind]))  # setText clears the shortcut

    def update_from(self, assessment: Assessment | None, lang: str = "zh") -> None:
        has = assessment is not None
        self.buttons[DecisionKind.ACCEPT].setEnabled(has and assessment.can_accept)
        self.buttons[DecisionKind.TOLERANCE_ACCEPT].setEnabled(has and assessment.can_tolerance_accept)
        self.buttons[DecisionKind.NOTIFY].setEnabled(has and assessment.can_notify)
        self.buttons[DecisionKind.REFUSE].setEnabled(has)
        self.status.setText(self._status_text(assessment, lang))

    def _status_text(self, assessment: Assessment | None, lang: str) -> str:
        if assessment is None:
            return self.tr("请先选择事项")
        if assessment.complete:
            return self.tr("材料和信息齐全，可以受理")
        items = assessment.notice_items(lang)
        head = self.tr("尚缺或有误 %1 项：").replace("%1", str(len(items)))
        return head + "；".join(items[:3]) + ("…" if len(items) > 3 else "")


class _Dialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = QLabel(self)
        self.error.setProperty("role", "problem")
        self.error.setObjectName("dialog_error")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.result_input: DecisionInput | None = None

    def problem(self) -> str | None:
        return None

    def make_input(self) -> DecisionInput:
        raise NotImplementedError

    def _try_accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            return
        self.result_input = self.make_input()
        self.accept()


class AcceptDialog(_Dialog):
    def __init__(self, promised: date, summary: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("受理"), parent)
        self.form.addRow(self.tr("承诺办结日期"), QLabel(promised.isoformat(), self))
        self.form.addRow(self.tr("材料"), QLabel(summary, self))

    def make_input(self) -> DecisionInput:
        return DecisionInput(DecisionKind.ACCEPT)


class ToleranceDialog(_Dialog):
    def __init__(self, tolerated: list[str], today: date, promised: date, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("容缺受理"), parent)
        self.today, self.promised = today, promised
        self.form.addRow(self.tr("容缺材料"), QLabel("\n".join(tolerated), self))
        self.due = QDateEdit(self)
        self.due.setObjectName("promise_due")
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due.setCalendarPopup(True)
        self.due.setDate(QDate(promised.year, promised.month, promised.day))
        self.form.addRow(self.tr("承诺补齐期限"), self.due)
        self.signed = QCheckBox(self.tr("申请人已签署容缺受理承诺书，且无失信记录"), self)
        self.signed.setObjectName("promise_signed")
        self.form.addRow("", self.signed)
        self.form.addRow(self.tr("承诺办结日期"), QLabel(promised.isoformat(), self))

    def due_date(self) -> date:
        return self.due.date().toPython()

    def problem(self) -> str | None:
        if not self.signed.isChecked():
            return self.tr("请确认申请人已签署承诺书且无失信记录")
        return promise_due_problem(self.due_date(), self.today, self.promised)

    def make_input(self) -> DecisionInput:
        return DecisionInput(DecisionKind.TOLERANCE_ACCEPT, promise_due=self.due_date())


class NotifyDialog(_Dialog):
    def __init__(self, items: list[str], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("一次性告知"), parent)
        self.items = items
        self.form.addRow(self.tr("需补正的全部内容"), QLabel("\n".join(f"{i}. {t}" for i, t in enumerate(items, 1))))
        self.extra = QPlainTextEdit(self)
        self.extra.setObjectName("notice_extra")
        self.extra.setPlaceholderText(self.tr("其他需要告知的内容，每行一项（可不填）"))
        self.extra.setTabChangesFocus(True)
        self.form.addRow(self.tr("补充告知"), self.extra)

    def make_input(self) -> DecisionInput:
        extra = tuple(line.strip() for line in self.extra.toPlainText().splitlines() if line.strip())
        return DecisionInput(DecisionKind.NOTIFY, extra_items=extra)

    def problem(self) -> str | None:
        if not self.items and not self.make_input().extra_items:
            return self.tr("没有需要告知的内容")
        return None


class RefuseDialog(_Dialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("不予受理"), parent)
        self.reason = QComboBox(self)
        self.reason.setObjectName("refuse_reason")
        self.reason.setEditable(True)
        self.reason.addItems(["", *REFUSAL_REASONS])
        self.form.addRow(self.tr("不予受理理由"), self.reason)
        self.agency = QLineEdit(self)
        self.agency.setObjectName("refuse_agency")
        self.form.addRow(self.tr("有权受理的机关"), self.agency)

    def problem(self) -> str | None:
        if not self.reason.currentText().strip():
            return self.tr("请写明不予受理的理由")
        out_of_remit = "职权范围" in self.reason.currentText() or "受理范围" in self.reason.currentText()
        if out_of_remit and not self.agency.text().strip():
            return self.tr("不属于本机关职权的，应告知有权受理的机关")
        return None

    def make_input(self) -> DecisionInput:
        return DecisionInput(
            DecisionKind.REFUSE, reason=self.reason.currentText(), competent_agency=self.agency.text()
        )
