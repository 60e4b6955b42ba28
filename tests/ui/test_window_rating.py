"""好差评 at the window: asked after acceptance and after hand-out, stored as one event each, never blocking."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clerk_app.core.case import Case, CaseState
from clerk_app.core.evaluation import BadReason, Rating
from clerk_app.store.events import CaseEvents, EventKind
from clerk_app.ui.citizen import CitizenWindow
from clerk_app.ui.handout.dialog import HandoutDialog
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.sync.dialogs import InboxDialog
from tests.store.sample import accepted
from tests.ui.test_intake import SETUP, choose_matter
from tests.ui.window_flows_support import (
    CTRL_SHIFT,
    accept_by_keyboard,
    activate,
    back_office_decides,
    focus,
    when_shown,
)


def evaluations(window: MainWindow, case: Case) -> list[dict]:
    return [e.body for e in CaseEvents(window.ws.stores.cases.engine).of_case(case.id, EventKind.EVALUATION)]


def tap(qtbot, citizen: CitizenWindow, level: Rating) -> None:
    qtbot.mouseClick(citizen.rating.levels[level], Qt.MouseButton.LeftButton)


def check_body(body: dict, level: int, reasons: list[str], comment: str, stage: str) -> None:
    assert set(body) == {"level", "reasons", "comment", "stage", "at", "clerk", "event_id"}
    assert (body["level"], body["reasons"], body["comment"], body["stage"], body["clerk"]) == (
        level, reasons, comment, stage, "demo")
    assert datetime.fromisoformat(body["at"]).utcoffset() is not None


def test_after_acceptance_the_rating_comes_later_and_is_stored_once(qtbot, window: MainWindow) -> None:
    case = accept_by_keyboard(qtbot, window)
    citizen = window.citizen
    qtbot.waitUntil(lambda: citizen.rating_open, timeout=5000)
    assert citizen.rating.case_number == case.number
    assert QApplication.activeModalWidget() is None  # the clerk goes on: nothing waits for the applicant
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL_SHIFT)  # e.g. looks at the 容缺 list meanwhile
    assert window.flows.follow_up is not None and window.flows.follow_up.isVisible()
    tap(qtbot, citizen, Rating.SATISFIED)
    with qtbot.waitSignal(window.flows.rating.stored, timeout=10000):
        qtbot.mouseClick(citizen.rating.submit, Qt.MouseButton.LeftButton)
    [body] = evaluations(window, case)
    check_body(body, 4, [], "", "acceptance")
    assert window.flows.rating.pending is None


def test_the_next_intake_or_card_read_dismisses_an_unanswered_rating(qtbot, window: MainWindow) -> None:
    first = accept_by_keyboard(qtbot, window)
    citizen = window.citizen
    qtbot.waitUntil(lambda: citizen.rating_open, timeout=5000)
    choose_matter(qtbot, window, "gtgshsl", SETUP)  # the next applicant
    assert not citizen.rating_open and window.flows.rating.pending is None
    assert not citizen.rating.levels[Rating.VERY_SATISFIED].isEnabled()  # nothing to tap any more
    citizen.rating.send()
    assert evaluations(window, first) == []

    window.flows.rating.ask(first, "acceptance")  # asked again, then a card lands on the reader
    assert citizen.rating_open
    with qtbot.waitSignal(window.card_input.card, timeout=10000):
        window.card_input.place_demo_card()
    qtbot.waitUntil(lambda: not citizen.rating_open, timeout=5000)
    qtbot.wait(200)
    assert evaluations(window, first) == []


def test_after_hand_out_a_bad_rating_is_stored_with_its_reasons(qtbot, window: MainWindow) -> None:
    store = window.ws.stores.cases
    case = back_office_decides(store, store.save(accepted("BT01-W07-20261123-0009")), CaseState.DENIED, "不符合条件")

    def by_mail(dialog: HandoutDialog) -> None:
        dialog.method_buttons[dialog.method.MAIL].click()
        dialog.tracking.setText("1183456789012")
        dialog.address.setText("内蒙古包头市昆都仑区钢铁大街28号")
        dialog.buttons.accepted.emit()

    def in_inbox(inbox: InboxDialog) -> None:
        qtbot.waitUntil(lambda: inbox.table.rowCount() == 1)
        when_shown(HandoutDialog, by_mail)
        focus(qtbot, inbox.table)
        qtbot.keyClick(inbox.table, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.citizen.rating_open, timeout=30000)  # asked while the inbox is open
        inbox.reject()

    when_shown(InboxDialog, in_inbox)
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_I, CTRL_SHIFT)
    citizen = window.citizen
    assert store.get(case.id).state is CaseState.HANDED_OUT and citizen.rating.case_number == case.number
    tap(qtbot, citizen, Rating.VERY_DISSATISFIED)
    citizen.rating.reasons[BadReason.TOO_SLOW].setChecked(True)
    citizen.rating.reasons[BadReason.OTHER].setChecked(True)
    citizen.rating.comment.setText("结果寄送太慢")
    with qtbot.waitSignal(window.flows.rating.stored, timeout=10000):
        qtbot.mouseClick(citizen.rating.submit, Qt.MouseButton.LeftButton)
    [body] = evaluations(window, case)
    check_body(body, 1, ["too_slow", "other"], "结果寄送太慢", "handout")
