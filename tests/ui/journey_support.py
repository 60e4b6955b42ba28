"""Steps of one case's whole life in the hall, each driven through the widgets as people work.

The window (`MainWindow`, signed in as the demo clerk) and the supervisor screen (`SupervisorWindow`,
signed in as `chief`) run side by side against one real back office; `Hall.office` reads what the
back office holds (signed in as `admin`) for the tests' assertions and waits, and nothing else.
Dialogs are found by their objectName when they are shown (they block in exec()).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialogButtonBox, QTabWidget, QWidget

from clerk_app.core.case import Case, CaseState, state_label
from clerk_app.core.evaluation import BadReason, Rating
from clerk_app.core.handout import HandoutMethod
from clerk_app.sync.client import BackOfficeClient
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.supervisor.reminder_model import ITEM_ROLE as FOLLOW_UP_ROLE
from clerk_app.ui.supervisor.reminder_model import ITEM_ROLE as QUEUE_ROLE
from clerk_app.ui.supervisor.window import SupervisorWindow
from tests.ui.test_intake import type_text
from tests.ui.window_flows_support import CTRL_SHIFT, activate, focus

LEFT = Qt.MouseButton.LeftButton
DECIDED = {"approve": "approved", "deny": "denied", "correction": "correction_requested"}
TRACKING = "1183456789012"
MAIL_ADDRESS = "内蒙古包头市昆都仑区钢铁大街12号"
SLOW = 30_000  # ms: a round trip through the back office on a busy machine


@dataclass
class Hall:
    """The counter and the supervisor's desk on one back office."""

    window: MainWindow
    supervisor: SupervisorWindow
    office: BackOfficeClient  # signed in as admin: reads only, for assertions

    def server_case(self, case_id: str) -> dict[str, Any]:
        answer = self.office.request("GET", f"/cases/{case_id}")
        return answer.body if answer.status == 200 else {}

    def wait_server(self, qtbot, case_id: str, done: Callable[[dict[str, Any]], bool], *,
                    nudge: bool = False) -> dict[str, Any]:
        """The back office's case once `done` holds; `nudge`: the clerk presses 立即同步 meanwhile."""
        held: dict[str, Any] = {}

        @every(0.1)  # ask the back office at most ten times a second
        def check() -> bool:
            if nudge:
                self.window.sync_now_action.trigger()
            held.clear()
            held.update(self.server_case(case_id))
            return bool(held) and done(held)

        qtbot.waitUntil(check, timeout=SLOW)
        return held


def every(seconds: float) -> Callable[[Callable[[], bool]], Callable[[], bool]]:
    """A condition for `qtbot.waitUntil` (which polls every few ms) that is checked at most this often."""

    def wrap(condition: Callable[[], bool]) -> Callable[[], bool]:
        last = [0.0]

        def checked() -> bool:
            if time.monotonic() - last[0] < seconds:
                return False
            last[0] = time.monotonic()
            return condition()

        return checked

    return wrap


def history(case: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The back office's history of a case as (kind, to_state, actor)."""
    return [(step["kind"], step["to_state"], step["actor"]) for step in case["history"]]


class Shown:
    """What became of a dialog handled by `when_named`: `check()` raises the first failure."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.handled = False
        self.failures: list[BaseException] = []

    def check(self) -> None:
        if self.failures:
            raise self.failures[0]
        assert self.handled, f"no dialog {self.name} was shown"


def when_named(name: str, action: Callable[[Any], None], timeout: float = 15.0) -> Shown:
    """Run `action` on the modal dialog called `name` (its objectName) as soon as it is shown.

    A failing action, or one that leaves the dialog open, closes it (so that the test goes on to
    report it instead of waiting in the dialog's exec() forever) and is kept for `Shown.check`.
    """
    deadline = time.monotonic() + timeout
    shown = Shown(name)

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.objectName() == name and dialog.isVisible():
            shown.handled = True
            try:
                action(dialog)
            except BaseException as error:  # reported by check()
                shown.failures.append(error)
            if dialog.isVisible():
                problem = getattr(getattr(dialog, "problem", None), "text", lambda: "")()
                shown.failures.append(AssertionError(f"{name} is still open {problem}".strip()))
                dialog.reject()
        elif time.monotonic() < deadline:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return shown


def ok_button(dialog: Any) -> QWidget:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def click_row(qtbot, view: QAbstractItemView, row: int) -> None:
    index = view.model().index(row, 0)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(index).center())


def show_tab(qtbot, tabs: QTabWidget, page: QWidget) -> None:
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(tabs.indexOf(page)).center())
    assert tabs.currentWidget() is page


# the window -------------------------------------------------------------------------------------
def pull(qtbot, window: MainWindow, case_id: str, state: CaseState) -> Case:
    """同步 → 立即同步 until the decision is back from the change feed in the local case."""
    store = window.ws.stores.cases

    @every(0.1)
    def back() -> bool:
        window.sync_now_action.trigger()  # a round already under way is not queued twice
        return store.get(case_id).state is state

    qtbot.waitUntil(back, timeout=SLOW)
    case = store.get(case_id)
    cases = window.cases  # today's list on the window's right says so too (refreshed by the round)
    qtbot.waitUntil(lambda: today_state(window, case.number) == state_label(state), timeout=10000)
    assert cases.isVisible()
    return case


def today_state(window: MainWindow, number: str) -> str | None:
    model = window.cases.model
    for row in range(model.rowCount()):
        if model.index(row, 1).data() == number:
            return model.index(row, 4).data()
    return None


def hand_out_by_mail(qtbot, window: MainWindow, case: Case) -> tuple[tuple[str, ...], Path]:
    """Ctrl+Shift+I, the decided case, Enter, 邮寄 with a waybill number, OK: (its inbox row, the receipt)."""
    seen: dict[str, Any] = {}

    def in_handout(dialog: Any) -> None:
        assert case.number in dialog.header.text()
        mail = dialog.method_buttons[HandoutMethod.MAIL]
        mail.setFocus()
        qtbot.keyClick(mail, Qt.Key.Key_Space)
        assert dialog.method is HandoutMethod.MAIL
        type_text(qtbot, dialog.tracking, TRACKING)
        if not dialog.address.text():
            type_text(qtbot, dialog.address, MAIL_ADDRESS)
        qtbot.mouseClick(ok_button(dialog), LEFT)

    def in_inbox(inbox: Any) -> None:
        qtbot.waitUntil(lambda: [e.case.id for e in inbox.entries] == [case.id], timeout=10000)
        qtbot.waitUntil(lambda: inbox.entries[0].case.state is case.state, timeout=10000)
        seen["row"] = tuple(inbox.table.item(0, c).text() for c in range(inbox.table.columnCount()))
        assert inbox.handout_button.isEnabled() and not inbox.correct_button.isEnabled()
        handout = when_named("handout_dialog", in_handout)
        focus(qtbot, inbox.table)
        qtbot.keyClick(inbox.table, Qt.Key.Key_Return)  # a decided case: Enter hands it out
        handout.check()
        qtbot.waitUntil(lambda: inbox.last_receipt is not None, timeout=SLOW)
        seen["receipt"] = inbox.last_receipt
        qtbot.waitUntil(lambda: inbox.table.rowCount() == 0, timeout=10000)  # handed out: off the list
        qtbot.keyClick(inbox, Qt.Key.Key_Escape)

    inbox = when_named("sync_inbox", in_inbox)
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_I, CTRL_SHIFT)
    inbox.check()
    return seen["row"], seen["receipt"]


def rate(qtbot, window: MainWindow, case: Case, level: Rating, reasons: tuple[BadReason, ...] = (),
         comment: str = "") -> None:
    """The applicant taps a face on the citizen screen, ticks reasons, writes a word, 提交."""
    citizen = window.citizen
    panel = citizen.rating
    qtbot.waitUntil(lambda: citizen.rating_open and panel.case_number == case.number, timeout=10000)
    qtbot.mouseClick(panel.levels[level], LEFT)
    for reason in reasons:
        box = panel.reasons[reason]
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
        assert box.isChecked()
    if comment:
        type_text(qtbot, panel.comment, comment)
    with qtbot.waitSignal(window.flows.rating.stored, timeout=10000):
        qtbot.mouseClick(panel.submit, LEFT)


# the supervisor screen --------------------------------------------------------------------------
def open_in_queue(qtbot, screen: SupervisorWindow, case_id: str) -> None:
    """刷新 (F5), then the case's row: clicked, or Enter when it is the current row already."""
    show_tab(qtbot, screen.tabs, screen.tabs.widget(0))
    queue = screen.queue
    with qtbot.waitSignal(screen.review.queue_loaded, timeout=SLOW):
        qtbot.mouseClick(queue.refresh, LEFT)
    rows = [r for r in range(queue.proxy.rowCount()) if queue.proxy.index(r, 0).data(QUEUE_ROLE).case_id == case_id]
    assert rows, f"{case_id} is not in the queue"
    chosen: list[str] = []
    queue.case_chosen.connect(chosen.append)
    try:
        with qtbot.waitSignal(screen.review.case_loaded, timeout=SLOW,
                              check_params_cb=lambda loaded: loaded is not None and loaded.case_id == case_id):
            click_row(qtbot, queue.view, rows[0])
            if not chosen:
                qtbot.keyClick(queue.view, Qt.Key.Key_Return)
    finally:
        queue.case_chosen.disconnect(chosen.append)


def claim_and_decide(qtbot, screen: SupervisorWindow, kind: str, lines: tuple[str, ...] = ()) -> None:
    """认领, then 准予 / 不予 / 退回补正 with its dialog filled (each line typed, Enter between), OK."""
    view = screen.case_view
    assert view.case is not None and view.buttons["claim"].isEnabled() and not view.buttons[kind].isEnabled()
    qtbot.mouseClick(view.buttons["claim"], LEFT)
    qtbot.waitUntil(lambda: view.case.claimed_by == "chief" and view.buttons[kind].isEnabled(), timeout=SLOW)

    def fill(dialog: Any) -> None:
        for index, line in enumerate(lines):
            if index:
                qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
            type_text(qtbot, dialog.text, line)
        assert ok_button(dialog).isEnabled(), dialog.why.text()
        qtbot.mouseClick(ok_button(dialog), LEFT)

    decision = when_named(f"decision_{kind}", fill)
    qtbot.mouseClick(view.buttons[kind], LEFT)
    decision.check()
    qtbot.waitUntil(lambda: view.case.state == DECIDED[kind], timeout=SLOW)
    assert not any(view.buttons[k].isEnabled() for k in ("claim", "approve", "deny", "correction"))


def follow_up_on_screen(qtbot, screen: SupervisorWindow, number: str) -> Any:
    """The 差评整改 tab, 刷新, the case's follow-up chosen and opened on the right."""
    panel = screen.follow_ups
    show_tab(qtbot, screen.tabs, panel)

    def rows() -> list[int]:
        proxy = panel.proxy
        return [r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(FOLLOW_UP_ROLE).number == number]

    qtbot.mouseClick(panel.refresh, LEFT)
    qtbot.waitUntil(lambda: bool(rows()), timeout=SLOW)
    with qtbot.waitSignal(screen.follow_up_control.opened, timeout=SLOW):
        click_row(qtbot, panel.table, rows()[0])
    return panel.view
