"""好差评 on the citizen-facing screen: five levels, reasons for a bad rating, thanks; never blocks the clerk.

The panel asks after each visit (acceptance, hand-out). The applicant taps one of the five
national levels; for 基本满意 and below the reasons appear (ticked, "其他" with words), then 提交.
With no answer the question goes away by itself after `TIMEOUT_MS`, and the clerk's next
applicant replaces it at once: a rating is offered, never required.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.core.evaluation import BadReason, EvaluationChannel, EvaluationError, Rating, evaluate
from clerk_app.ui.i18n import Retranslatable

TIMEOUT_MS = 90_000
THANKS_MS = 4_000
LEVELS = (Rating.VERY_SATISFIED, Rating.SATISFIED, Rating.BASICALLY_SATISFIED, Rating.DISSATISFIED,
          Rating.VERY_DISSATISFIED)
COLOURS = {Rating.VERY_SATISFIED: "#1b5e20", Rating.SATISFIED: "#2e7d32", Rating.BASICALLY_SATISFIED: "#827717",
           Rating.DISSATISFIED: "#bf360c", Rating.VERY_DISSATISFIED: "#b71c1c"}


class RatingPanel(Retranslatable, QWidget):
    rated = Signal(object)  # Evaluation
    finished = Signal()  # rated, thanked, or timed out: the screen may go back

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rating_panel")
        self.case_number, self.clerk = "", ""
        self.chosen: Rating | None = None
        self.question, self.note = QLabel(self), QLabel(self)
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question.setStyleSheet("font-size: 28px; font-weight: bold;")
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setStyleSheet("font-size: 20px;")
        self.levels = {level: QPushButton(self) for level in LEVELS}
        row = QHBoxLayout()
        for level, button in self.levels.items():
            button.setObjectName(f"rating_{int(level)}")
            button.setMinimumHeight(90)
            button.setCheckable(True)
            button.setStyleSheet(f"QPushButton {{ font-size: 22px; color: white; background: {COLOURS[level]}; }}"
                                 "QPushButton:checked { border: 5px solid #212121; font-weight: bold; }")
            button.clicked.connect(lambda _=False, lv=level: self.choose(lv))
            row.addWidget(button)
        self.reasons = {reason: QCheckBox(self) for reason in BadReason}
        grid = QGridLayout()
        for index, box in enumerate(self.reasons.values()):
            box.setStyleSheet("font-size: 18px;")
            grid.addWidget(box, index // 3, index % 3)
        self.comment = QLineEdit(self)
        self.comment.setObjectName("rating_comment")
        self.comment.setStyleSheet("font-size: 18px;")
        self.submit = QPushButton(self)
        self.submit.setObjectName("rating_submit")
        self.submit.setStyleSheet("font-size: 22px; font-weight: bold;")
        self.submit.setMinimumHeight(60)
        self.submit.clicked.connect(self.send)
        self.reason_box = QWidget(self)
        reason_layout = QVBoxLayout(self.reason_box)
        reason_layout.addLayout(grid)
        reason_layout.addWidget(self.comment)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(row)
        layout.addWidget(self.reason_box)
        layout.addWidget(self.submit)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.finished.emit)
        self.translateUI()

    def ask(self, case_number: str, clerk: str) -> None:
        """Offer the rating for this visit (replaces any question still open)."""
        self.case_number, self.clerk, self.chosen = case_number, clerk, None
        for button in self.levels.values():
            button.setChecked(False)
            button.setEnabled(True)
        self._label_levels()
        for box in self.reasons.values():
            box.setChecked(False)
        self.comment.clear()
        self.reason_box.hide()
        self.submit.hide()
        self.note.setText(self.tr("请为本次服务评价（可不评价）"))
        self.timer.start(TIMEOUT_MS)

    def withdraw(self) -> None:
        """The question is no longer asked (the next applicant): no rating can be sent for it."""
        self.timer.stop()
        self.case_number, self.chosen = "", None
        self._label_levels()
        for button in self.levels.values():
            button.setEnabled(False)
        self.submit.hide()

    def choose(self, level: Rating) -> None:
        self.chosen = level
        for each, button in self.levels.items():
            button.setChecked(each is level)
        self._label_levels()
        needs_reasons = level <= Rating.BASICALLY_SATISFIED
        self.reason_box.setVisible(needs_reasons)
        self.submit.show()
        self.note.setText(self.tr("请勾选不满意的原因，然后提交") if needs_reasons else "")
        self.timer.start(TIMEOUT_MS)

    def send(self) -> None:
        if self.chosen is None or not self.case_number:
            return
        asks_reasons = self.chosen <= Rating.BASICALLY_SATISFIED  # as `choose` shows them (the window may be hidden)
        chosen = tuple(r for r, box in self.reasons.items() if box.isChecked() and asks_reasons)
        try:
            evaluation = evaluate(self.case_number, self.chosen, id=str(uuid.uuid4()),
                                  at=datetime.now().astimezone(), channel=EvaluationChannel.PAD, reasons=chosen,
                                  comment=self.comment.text(), clerk=self.clerk)
        except EvaluationError as error:
            self.note.setText(error.text(self.lang))
            return
        for button in self.levels.values():
            button.setEnabled(False)
        self.reason_box.hide()
        self.submit.hide()
        self.note.setText(self.tr("感谢您的评价！"))
        self.rated.emit(evaluation)
        self.timer.start(THANKS_MS)

    @property
    def lang(self) -> str:
        """The language the application chose (LanguageSwitcher sets the default locale)."""
        return "en" if QLocale().language() == QLocale.Language.English else "zh"

    def translateUI(self) -> None:
        self.question.setText(self.tr("您对本次服务满意吗？"))
        self._label_levels()
        for reason, box in self.reasons.items():
            box.setText(reason.label(self.lang))
        self.comment.setPlaceholderText(self.tr("其他意见或建议（选填，选“其他”时必填）"))
        self.submit.setText(self.tr("提交评价"))

    def _label_levels(self) -> None:
        """The five levels; the chosen one also marked by a tick (never by colour alone)."""
        for level, button in self.levels.items():
            button.setText(("✓ " if level is self.chosen else "") + level.label(self.lang))
