"""The main window's count of 容缺 promises due, in the status bar: seen at a glance, a click opens the list.

Counted on the database runner after every change of the cases (a decision, a supply, a sync
round that pulled something) and every few minutes (a promise falls due as days pass); hidden
while nothing is due. Red text with "超期" when some are overdue, never colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from clerk_app.core.reminders import ReminderLevel
from clerk_app.ui.context import Workstation
from clerk_app.ui.i18n import Retranslatable
from clerk_app.ui.tolerance.rows import LEVEL_COLOURS, DueCount, due_count

REFRESH_MS = 10 * 60 * 1000
SHORTCUT = "Ctrl+Shift+T"


class ToleranceBadge(Retranslatable, QLabel):
    open_requested = Signal()

    def __init__(self, ws: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tolerance_badge")
        self.ws = ws
        self.count = DueCount(0, 0)
        self.linkActivated.connect(lambda _link: self.open_requested.emit())
        ws.events.cases_changed.connect(self.refresh)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(REFRESH_MS)
        self.hide()

    def refresh(self) -> None:
        stores, library, today = self.ws.stores, self.ws.library, self.ws.today()
        self.ws.db.run(lambda: due_count(stores, library, today), on_done=self._show)

    def _show(self, count: DueCount) -> None:
        self.count = count
        self.translateUI()

    def translateUI(self) -> None:
        due, overdue = self.count.due, self.count.overdue
        self.setVisible(due > 0)
        if not due:
            return
        text = self.tr("容缺待补 %1 件").replace("%1", str(due))
        if overdue:
            text += self.tr("（超期 %1）").replace("%1", str(overdue))
        background, colour = LEVEL_COLOURS[ReminderLevel.RED if overdue else ReminderLevel.YELLOW]
        self.setStyleSheet(f"QLabel {{ background: {background}; padding: 1px 6px; border-radius: 3px; }}")
        self.setText(f'<a href="#tolerance" style="color:{colour}; font-weight:bold;">{text}</a> ({SHORTCUT})')
        self.setToolTip(self.tr("容缺受理的办件中，承诺补齐的材料已临近期限或已超期：点击查看并登记补交"))
