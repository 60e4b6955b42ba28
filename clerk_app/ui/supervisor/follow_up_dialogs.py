"""The steps of a bad-rating follow-up: 回访 (a call, reached or not), 整改 (the measures), 办结.

OK stays disabled until the dialog holds what the back office requires (a note of the call, the
measures taken), with the reason written under it, so a step never fails for a missing text.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.core.evaluation import MAX_NOTE
from clerk_app.ui.i18n import Retranslatable

STEPS = ("call", "correct", "close")


class FollowUpStepDialog(Retranslatable, QDialog):
    """kind: call | correct | close."""

    def __init__(self, kind: str, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert kind in STEPS
        self.setObjectName(f"follow_up_{kind}")
        self.kind, self.number = kind, number
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.reached_button = QRadioButton(self)
        self.reached_button.setObjectName("follow_up_reached")
        self.unreached_button = QRadioButton(self)
        self.unreached_button.setObjectName("follow_up_unreached")
        group = QButtonGroup(self)
        for button in (self.reached_button, self.unreached_button):
            group.addButton(button)
        self.reached_button.setChecked(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("follow_up_text")
        self.why = QLabel(self)
        self.why.setProperty("role", "problem")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        answers = QHBoxLayout()
        answers.addWidget(self.reached_button)
        answers.addWidget(self.unreached_button)
        answers.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(answers)
        layout.addWidget(self.text)
        layout.addWidget(self.why)
        layout.addWidget(self.buttons)
        for button in (self.reached_button, self.unreached_button):
            button.setVisible(kind == "call")
        self.text.textChanged.connect(self._check)
        self.resize(520, 300)
        self.translateUI()

    @property
    def note(self) -> str:
        return self.text.toPlainText().strip()

    @property
    def reached(self) -> bool:
        return self.reached_button.isChecked()

    def _check(self) -> None:
        problem = ""
        if self.kind == "call" and not self.note:
            problem = self.tr("请写明回访情况（接通时与申请人沟通的内容，或未接通的情况）。")
        elif self.kind == "correct" and not self.note:
            problem = self.tr("请写明采取的整改措施。")
        elif len(self.note) > MAX_NOTE:
            problem = self.tr("内容过长（最多 %1 字）。").replace("%1", str(MAX_NOTE))
        self.why.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def translateUI(self) -> None:
        titles = {"call": self.tr("记录回访"), "correct": self.tr("记录整改"), "close": self.tr("整改办结")}
        intros = {
            "call": self.tr("办件 %1 的差评回访：是否联系上申请人？请记录回访情况："),
            "correct": self.tr("办件 %1 的差评整改：请写明针对差评采取的整改措施："),
            "close": self.tr("确认办件 %1 的差评整改已完成并办结？可填写办结说明（选填）："),
        }
        self.setWindowTitle(titles[self.kind])
        self.intro.setText(intros[self.kind].replace("%1", self.number))
        self.reached_button.setText(self.tr("已接通"))
        self.unreached_button.setText(self.tr("未接通"))
        self._check()
