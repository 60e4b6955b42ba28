"""What happens at the window after the intake: card routing, 好差评, the inbox, 补正, 容缺 follow-up.

Built by the main window as one of its late parts (after the first paint), so none of it weighs
on the first frame; the follow-up list and the correction banner are built on first use.

- Card reads go to the active consumer (`CardRouter`): the intake by default, the hand-out dialog
  while it is open. A read into the intake is a new applicant: an open rating question goes.
- Ratings (`RatingFlow`): asked after a decision's documents are ready (unless the clerk already
  started the next intake) and after a hand-out; dismissed by the next intake.
- The inbox's "补正…" reopens the case in the intake page (`ui.correction`).
- The status bar counts 容缺 promises due; the list opens from it, the menu, or Ctrl+Shift+T.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox

from clerk_app.core.window_rating import RatingStage
from clerk_app.ui.card_routing import CardRouter
from clerk_app.ui.rating_flow import RatingFlow
from clerk_app.ui.tolerance.badge import ToleranceBadge

if TYPE_CHECKING:
    from clerk_app.core.case import Case
    from clerk_app.ui.main_window import MainWindow
    from clerk_app.ui.sync.dialogs import InboxDialog
    from clerk_app.ui.tolerance.follow_up import FollowUpDialog

BADGE_FIRST_COUNT_MS = 4000  # after the start-up work (the card reader and the first sync start at 1.5 s)


class WindowFlows(QObject):
    def __init__(self, window: MainWindow, to_intake: Callable[[Any, bool], None]) -> None:
        super().__init__(window)
        self.window = window
        self.ws = window.ws
        self._to_intake = to_intake
        self.cards = CardRouter(self._card_to_intake, "intake")
        self.rating = RatingFlow(self.ws, window.citizen, self)
        self.rating.failed.connect(lambda text: window.statusBar().showMessage(text, 15000))
        self.rating.stored.connect(lambda _event: window.sync.sync_now())  # a bad rating opens a follow-up soon
        self.badge = ToleranceBadge(self.ws, window)
        window.statusBar().addPermanentWidget(self.badge)
        self.badge.open_requested.connect(self.open_follow_up)
        self.follow_up: FollowUpDialog | None = None
        self.inbox: InboxDialog | None = None
        intake = window.intake
        intake.documents_ready.connect(self._documents_ready)
        intake.summary_changed.connect(lambda _summary: self.rating.dismiss())  # the next applicant
        QTimer.singleShot(BADGE_FIRST_COUNT_MS, self.badge, self.badge.refresh)

    # card reads --------------------------------------------------------------------------------
    def card_read(self, card: Any, as_agent: bool) -> str:
        """A read from the reader, to whoever claims reads now; returns who got it."""
        return self.cards.deliver(card, as_agent)

    def _card_to_intake(self, card: Any, as_agent: bool) -> None:
        self.rating.dismiss()
        self._to_intake(card, as_agent)

    # 好差评 ------------------------------------------------------------------------------------
    def _documents_ready(self, case: Case, _paths: list[Path]) -> None:
        if self.window.intake.form_spec is None:  # not if the clerk has gone on to the next applicant
            self.rating.ask(case, RatingStage.ACCEPTANCE)

    def new_intake(self) -> None:
        self.rating.dismiss()

    # the inbox and 补正 --------------------------------------------------------------------------
    def open_inbox(self) -> InboxDialog:
        """The inbox, built at first use and kept (its database work may answer after it closes)."""
        if self.inbox is None:
            from clerk_app.ui.sync.dialogs import InboxDialog

            self.inbox = InboxDialog(self.ws, self.window, cards=self.cards)
            self.inbox.handed_out.connect(lambda case: self.rating.ask(case, RatingStage.HANDOUT))
            self.inbox.correction_chosen.connect(self.correct)
        else:
            self.inbox.translateUI()  # the hint of the last visit goes
            self.inbox.reload()
        self.inbox.exec()
        return self.inbox

    def correct(self, case: Case) -> None:
        """Reopen a returned case in the intake page (asking first if an intake is under way)."""
        from clerk_app.ui.correction.flow import reopen

        intake = self.window.intake
        if intake.form_spec is not None and intake.panel is None:
            answer = QMessageBox.question(self.window, self.tr("补正"), self.tr(
                "当前受理尚未办结，打开补正将放弃当前填写的内容。继续吗？"))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.rating.dismiss()
        opened = reopen(self.ws, intake, case)
        if isinstance(opened, str):
            QMessageBox.warning(self.window, self.tr("补正"), opened)

    # 容缺 follow-up -------------------------------------------------------------------------------
    def open_follow_up(self) -> FollowUpDialog:
        """The follow-up list, built at first use and kept (non-modal); shown and refreshed."""
        if self.follow_up is None:
            from clerk_app.ui.tolerance.follow_up import FollowUpDialog

            self.follow_up = FollowUpDialog(self.ws, self.window)
        else:
            self.follow_up.reload()
        self.follow_up.show()
        self.follow_up.raise_()
        self.follow_up.activateWindow()
        return self.follow_up
