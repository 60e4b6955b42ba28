"""出件 at the window: from the inbox, by mail or in person (card read), with the receipt and the queued event."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QWidget

from clerk_app.core.case import Case, CaseState
from clerk_app.store.events import CaseEvents, EventKind
from clerk_app.ui.app import Session
from clerk_app.ui.handout.dialog import HandoutDialog
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.sync.dialogs import InboxDialog
from tests.documents.pdfs import pdf_text
from tests.store.sample import ID_NUMBER, accepted
from tests.ui.conftest import when_dialog


def approved_case(session: Session, number: str = "BT01-W07-20261123-0001") -> Case:
    cases = session.workstation.stores.cases
    case = cases.save(accepted(number))
    for state in (CaseState.SYNCED, CaseState.APPROVED):
        case = cases.save(case.moved(state, at=case.created_at + timedelta(days=1), actor="backoffice"))
    return case


def open_inbox(qtbot, window: MainWindow) -> InboxDialog:
    inbox = InboxDialog(window.ws, window)
    qtbot.addWidget(inbox)
    qtbot.waitUntil(lambda: inbox.table.rowCount() == 1, timeout=5000)
    inbox.table.setCurrentCell(0, 0)
    assert inbox.handout_button.isEnabled()
    return inbox


def test_mail_hand_out_prints_the_receipt_and_queues_the_event(qtbot, session: Session, window: MainWindow) -> None:
    case = approved_case(session)
    inbox = open_inbox(qtbot, window)

    def by_mail(dialog: QWidget) -> None:
        assert isinstance(dialog, HandoutDialog)
        dialog.method_buttons[dialog.method.MAIL].click()
        dialog.tracking.setText("1183456789012")
        dialog.address.setText("内蒙古包头市昆都仑区钢铁大街28号")
        dialog.buttons.accepted.emit()

    when_dialog(by_mail)
    inbox.handout_button.click()
    qtbot.waitUntil(lambda: inbox.last_receipt is not None, timeout=30000)
    stored = session.workstation.stores.cases.get(case.id)
    assert stored.state is CaseState.HANDED_OUT
    text = pdf_text(inbox.last_receipt)
    assert "出件回执" in text and "1183456789012" in text and case.number in text
    [event] = CaseEvents(session.workstation.stores.cases.engine).of_case(case.id)
    assert event.kind is EventKind.HANDOUT and event.body["to"] == "mail"
    qtbot.waitUntil(lambda: inbox.table.rowCount() == 0)  # handed out: no longer waiting in the inbox


def test_in_person_needs_the_applicants_card(qtbot, session: Session, window: MainWindow) -> None:
    case = approved_case(session)
    dialog = HandoutDialog(case, "demo", "演示窗口人员")
    qtbot.addWidget(dialog)
    dialog.buttons.accepted.emit()
    assert dialog.handout is None and dialog.problem.text()  # no card read yet
    dialog.card_read("150203198001011238")  # someone else's card
    dialog.buttons.accepted.emit()
    assert dialog.handout is None and "不一致" in dialog.problem.text()
    dialog.card_read(ID_NUMBER)
    assert "1101**********002X" in dialog.applicant_card.text()
    dialog.buttons.accepted.emit()
    assert dialog.handout is not None and dialog.handout.receiver_id_number == ID_NUMBER
