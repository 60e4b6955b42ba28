"""The clerk's sync dialogs: conflicts and quarantined cases (retry, reasons) and the inbox.

The inbox lists cases the back office decided: returned for correction (with what to correct:
"补正…" reopens the case in the intake screen), approved and ready to hand out, or denied (with
the reason), read from the local store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from clerk_app.core.case import Case, CaseState, state_label
from clerk_app.ui.card_routing import CardRouter
from clerk_app.ui.context import Workstation
from clerk_app.ui.handout.dialog import HandoutDialog
from clerk_app.ui.handout.operations import ReceiptFailed, hand_out
from clerk_app.ui.i18n import Retranslatable
from clerk_app.ui.sync.controller import SyncController

INBOX_STATES = (CaseState.CORRECTION_REQUESTED, CaseState.APPROVED, CaseState.DENIED)


class _TableDialog(Retranslatable, QDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.resize(760, 420)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)

    def fill(self, rows: list[tuple[str, ...]]) -> None:
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))


class ProblemsDialog(_TableDialog):
    """Case revisions and case events (hand-out, evaluation) the back office would not take."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_problems")
        self.controller = controller
        self.problems: list[Any] = []
        self.retry_button = QPushButton(self)
        self.reasons_button = QPushButton(self)
        for button in (self.retry_button, self.reasons_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.retry_button.clicked.connect(self.retry_selected)
        self.reasons_button.clicked.connect(self.show_reasons)
        controller.round_done.connect(self._round_done)  # a retried row or event may be refused again
        self.translateUI()
        self.reload()

    def translateUI(self) -> None:
        self.setWindowTitle(self.tr("同步冲突与隔离"))
        self.hint.setText(self.tr("以下办件未被后台接收。核实后可重试；冲突表示后台已有同一版本的不同内容。"))
        self.table.setHorizontalHeaderLabels([self.tr("办件编号"), self.tr("申请人"), self.tr("问题"), self.tr("原因")])
        self.retry_button.setText(self.tr("重试"))
        self.reasons_button.setText(self.tr("查看原因"))
        if self.problems:
            self._show(self.problems)

    def reload(self) -> None:
        engine = self.controller.ws.stores.cases.engine

        def job() -> list[Any]:
            from clerk_app.sync.events_push import problems

            return problems(engine)

        self.controller.runner.run(job, on_done=self._show)

    def _show(self, problems: list[Any]) -> None:
        self.problems = problems
        labels = {"conflict": self.tr("冲突"), "quarantined": self.tr("已隔离")}
        kinds = {"handout": self.tr("出件记录"), "evaluation": self.tr("评价"), "material_supply": self.tr("容缺补交")}
        self.fill([(p.number, p.applicant_name, _problem_label(p, labels, kinds), p.last_error) for p in problems])

    def _selected(self) -> Any | None:
        row = self.table.currentRow()
        return self.problems[row] if 0 <= row < len(self.problems) else None

    def retry_selected(self) -> None:
        problem = self._selected()
        if problem is None:
            return
        if not hasattr(problem, "kind"):
            self.controller.retry(problem.id, self._again)
            return
        engine = self.controller.ws.stores.cases.engine

        def job() -> None:
            from clerk_app.sync.events_push import retry

            retry(engine, problem)

        self.controller.runner.run(job, on_done=self._again)

    def _again(self, _result: object) -> None:
        self.reload()
        self.controller.sync_now()

    def _round_done(self, _summary: object) -> None:
        if self.isVisible():
            self.reload()

    def show_reasons(self) -> None:
        problem = self._selected()
        if problem is not None:
            QMessageBox.information(self, self.tr("原因"), f"{problem.number}\n\n{problem.last_error}")


def _problem_label(problem: Any, labels: dict[str, str], kinds: dict[str, str]) -> str:
    """冲突 / 已隔离 for a case revision; 出件记录：冲突 … for an event (it has a `kind`)."""
    state = labels.get(problem.state.value, problem.state.value)
    kind = getattr(problem, "kind", None)
    return f"{kinds.get(kind.value, kind.value)}：{state}" if kind is not None else state


class InboxDialog(_TableDialog):
    """Decisions back from the back office, for the clerk to act on: correct returned cases, hand out decided ones.

    Window-modal, so that the citizen screen (another window) takes a rating while it is open. While
    the hand-out dialog is open it claims the card reads (`CardRouter`), so a card on the reader
    confirms the applicant's (or the agent's) identity instead of filling the intake.
    """

    correction_chosen = Signal(object)  # Case: reopen it in the intake screen (the inbox closes)
    handed_out = Signal(object)  # Case, once saved: the citizen screen may ask for a rating

    def __init__(self, ws: Workstation, parent: QWidget | None = None, cards: CardRouter | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_inbox")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.ws = ws
        self.cards = cards
        self.entries: list[InboxEntry] = []
        self.correct_button = QPushButton(self)
        self.correct_button.setObjectName("inbox_correct")
        self.handout_button = QPushButton(self)
        self.handout_button.setObjectName("inbox_handout")
        for button in (self.correct_button, self.handout_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.correct_button.clicked.connect(self.correct_selected)
        self.handout_button.clicked.connect(self.hand_out_selected)
        self.table.currentCellChanged.connect(lambda *_: self._enable())
        self.table.activated.connect(lambda _index: self.act_on_selected())
        self.active_handout: HandoutDialog | None = None  # receives card reads while open
        self.last_receipt: Path | None = None
        self.translateUI()
        self.reload()

    def translateUI(self) -> None:
        self.setWindowTitle(self.tr("后台办理结果"))
        self.hint.setText(self.tr("退回补正的办件：选中后按“补正”（或回车），在受理页补齐材料后重新提交；"
                                  "准予或不予许可的办件：选中后按“出件”（或回车）。"))
        self.table.setHorizontalHeaderLabels([self.tr("办件编号"), self.tr("申请人"), self.tr("结果"), self.tr("说明")])
        self.correct_button.setText(self.tr("补正…"))
        self.handout_button.setText(self.tr("出件…"))

    def reload(self) -> None:
        stores, lang = self.ws.stores, self.ws.lang
        self.ws.db.run(lambda: _inbox_entries(stores, lang), on_done=self._show)

    def _show(self, entries: list[InboxEntry]) -> None:
        self.entries = entries
        self.fill([entry.row for entry in entries])
        if entries and self.table.currentRow() < 0:
            self.table.setCurrentCell(0, 0)
        self._enable()

    def _selected(self) -> InboxEntry | None:
        row = self.table.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def _enable(self) -> None:
        entry = self._selected()
        state = entry.case.state if entry is not None else None
        self.handout_button.setEnabled(state in HANDOUT_STATES)
        self.correct_button.setEnabled(state is CaseState.CORRECTION_REQUESTED)

    def act_on_selected(self) -> None:
        """Enter on a row: correct a returned case, hand out a decided one."""
        entry = self._selected()
        if entry is not None and entry.case.state is CaseState.CORRECTION_REQUESTED:
            self.correct_selected()
        elif entry is not None:
            self.hand_out_selected()

    def correct_selected(self) -> None:
        entry = self._selected()
        if entry is not None and entry.case.state is CaseState.CORRECTION_REQUESTED:
            self.accept()
            self.correction_chosen.emit(entry.case)

    def card_read(self, card: Any, as_agent: bool = False) -> None:
        """A card on the reader while the hand-out dialog is open goes to it."""
        if self.active_handout is not None:
            self.active_handout.read_card(card, as_agent)

    def hand_out_selected(self) -> None:
        entry = self._selected()
        clerk = self.ws.clerk
        if entry is None or clerk is None or entry.case.state not in HANDOUT_STATES:
            return
        dialog = HandoutDialog(entry.case, clerk.username, clerk.display_name, self.ws.lang, self)
        self.active_handout = dialog
        release = self.cards.claim(self.card_read, "handout") if self.cards is not None else (lambda: None)
        try:
            if not dialog.exec() or dialog.handout is None:
                return
        finally:
            release()
            self.active_handout = None
        hand_out(self.ws, dialog.handout, self._handed_out, self._failed)

    def _handed_out(self, case: Case, receipt: Path) -> None:
        self.last_receipt = receipt
        self.hint.setText(self.tr("%1 已出件，出件回执：%2").replace("%1", case.number).replace("%2", str(receipt)))
        self.handed_out.emit(case)
        self.reload()

    def _failed(self, error: BaseException) -> None:
        text = error.text(self.ws.lang) if hasattr(error, "text") else str(error)
        title = self.tr("出件未完成")
        if isinstance(error, ReceiptFailed):  # handed out all the same: the applicant may rate it
            title = self.tr("出件回执未生成")
            self.handed_out.emit(error.case)
            self.reload()
        QMessageBox.warning(self, title, text)


HANDOUT_STATES = (CaseState.APPROVED, CaseState.DENIED)


@dataclass(frozen=True)
class InboxEntry:
    case: Case
    row: tuple[str, ...]


def _inbox_entries(stores: Any, lang: str) -> list[InboxEntry]:
    entries = []
    for summary in stores.cases.list_cases(states=INBOX_STATES):
        case = stores.cases.get(summary.id)
        if case is None:
            continue
        note = case.transitions[-1].note if case.transitions else ""
        entries.append(InboxEntry(case, (summary.number, summary.applicant_name, state_label(summary.state, lang),
                                         note)))
    return entries
