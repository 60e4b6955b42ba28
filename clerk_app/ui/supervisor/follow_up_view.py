"""One bad-rating follow-up: the rating, its reasons and comment, the case, the due day with its
reminder, every call attempt and step; buttons for the next step the back office admits.

The view shows what it was given and asks for each step by signal; it never talks to the network.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.core.evaluation import REASON_LABELS, BadReason
from clerk_app.core.reminders import DEFAULT_POLICY, ReminderPolicy, remind
from clerk_app.core.workdays import WorkCalendar
from clerk_app.sync.follow_ups import FollowUpFile
from clerk_app.ui.i18n import Retranslatable
from clerk_app.ui.supervisor.follow_up_model import (
    DONE_COLOURS,
    RUNNING,
    rating_words,
    stage_words,
    state_words,
)
from clerk_app.ui.supervisor.reminder_model import LEVEL_COLOURS, SYMBOLS

NEXT_STEP = {"open": "call", "called_back": "correct", "corrected": "close"}


class FollowUpView(Retranslatable, QWidget):
    step_requested = Signal(str, int)  # call | correct | close, follow-up id

    def __init__(self, calendar: WorkCalendar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("follow_up_view")
        self.calendar = calendar
        self.policy: ReminderPolicy = DEFAULT_POLICY
        self.lang = "zh"
        self.today = date.today()
        self.file: FollowUpFile | None = None
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.header.setProperty("role", "title")
        self.reminder = QLabel(self)
        self.reminder.setWordWrap(True)
        self.reminder.setMinimumHeight(self.reminder.fontMetrics().height() + 12)
        self.rating = QLabel(self)
        self.rating.setWordWrap(True)
        self.reasons = QLabel(self)
        self.reasons.setWordWrap(True)
        self.comment = QLabel(self)
        self.comment.setWordWrap(True)
        self.correction = QLabel(self)
        self.correction.setWordWrap(True)
        self.record_title = QLabel(self)
        self.records = QTableWidget(0, 4, self)
        self.records.setObjectName("follow_up_records")
        self.records.verticalHeader().hide()
        self.records.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.records.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.records.horizontalHeader().setStretchLastSection(True)
        self.buttons = {kind: QPushButton(self) for kind in ("call", "correct", "close")}
        bar = QHBoxLayout()
        for kind, button in self.buttons.items():
            button.setObjectName(f"follow_up_{kind}_button")
            button.clicked.connect(lambda _=False, k=kind: self._clicked(k))
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        for widget in (self.header, self.reminder, self.rating, self.reasons, self.comment, self.correction):
            layout.addWidget(widget)
        layout.addLayout(bar)
        layout.addWidget(self.record_title)
        layout.addWidget(self.records, 1)
        self.translateUI()

    def show_file(self, file: FollowUpFile | None, today: date) -> None:
        self.file, self.today = file, today
        self._fill()

    def _fill(self) -> None:
        file = self.file
        for kind, button in self.buttons.items():
            button.setEnabled(file is not None and NEXT_STEP.get(file.item.state) == kind)
        if file is None:
            self.header.setText(self.tr("在左侧列表中选择一条差评整改"))
            for label in (self.reminder, self.rating, self.reasons, self.comment, self.correction):
                label.clear()
            self.reminder.setStyleSheet("")
            self.records.setRowCount(0)
            return
        item = file.item
        self.header.setText(f"{item.number} · {item.name} · {item.applicant_name}")
        self._show_reminder(file)
        self.rating.setText(self.tr("评价：%1　环节：%2　时间：%3　窗口：%4")
                            .replace("%1", rating_words(item.rating, self.lang))
                            .replace("%2", stage_words(item.stage, self.lang))
                            .replace("%3", _minute(item.rated_at)).replace("%4", item.clerk or "—"))
        self.reasons.setText(self.tr("差评原因：%1").replace("%1", self._reasons(item.reasons) or "—"))
        self.comment.setText(self.tr("评价意见：%1").replace("%1", item.comment or "—"))
        measures = file.correction.get("measures") if file.correction else ""
        self.correction.setText(self.tr("整改措施：%1").replace("%1", str(measures or "—")))
        self._fill_records(file)

    def _show_reminder(self, file: FollowUpFile) -> None:
        item = file.item
        due = item.due.isoformat() + (self.tr("（按周一至周五估算）") if item.due_estimated else "")
        state = self.tr("状态：%1").replace("%1", state_words(item.state, self.lang))
        if item.state not in RUNNING:
            background, text = DONE_COLOURS
            self.reminder.setText(f"✓ {state}　" + self.tr("整改期限：%1").replace("%1", due))
        else:
            reminder = remind(item.due, self.today, self.calendar, self.policy)
            background, text = LEVEL_COLOURS[reminder.level]
            self.reminder.setText(f"{SYMBOLS[reminder.level]} {reminder.label(self.lang)}："
                                  f"{reminder.sentence(self.lang)}　{state}")
        self.reminder.setStyleSheet(f"background: {background}; color: {text}; padding: 4px;")

    def _reasons(self, reasons: tuple[str, ...]) -> str:
        words = []
        for reason in reasons:
            try:
                zh, en = REASON_LABELS[BadReason(reason)]
            except ValueError:
                zh = en = reason
            words.append(en if self.lang == "en" else zh)
        return "、".join(words)

    def _fill_records(self, file: FollowUpFile) -> None:
        rows = [(call.at, self.tr("回访（已接通）") if call.reached else self.tr("回访（未接通）"), call.by, call.note)
                for call in file.calls]
        names = {"corrected": self.tr("整改"), "closed": self.tr("办结")}
        for step in file.steps:
            if step.get("to_state") in names:
                rows.append((datetime.fromisoformat(str(step["at"])), names[str(step["to_state"])],
                             str(step.get("by", "")), str(step.get("note", ""))))
        rows.sort(key=lambda row: row[0])
        self.records.setRowCount(len(rows))
        for r, (at, what, by, note) in enumerate(rows):
            for c, text in enumerate((_minute(at), what, by, note)):
                self.records.setItem(r, c, QTableWidgetItem(text))

    def _clicked(self, kind: str) -> None:
        if self.file is not None:
            self.step_requested.emit(kind, self.file.item.id)

    def translateUI(self) -> None:
        texts = {"call": self.tr("记录回访…"), "correct": self.tr("记录整改…"), "close": self.tr("办结…")}
        for kind, button in self.buttons.items():
            button.setText(texts[kind])
        self.record_title.setText(self.tr("回访与整改记录"))
        self.records.setHorizontalHeaderLabels([self.tr("时间"), self.tr("环节"), self.tr("经办人"), self.tr("情况")])
        self._fill()


def _minute(moment: datetime) -> str:
    """The local time to the minute (the back office answers in UTC)."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
