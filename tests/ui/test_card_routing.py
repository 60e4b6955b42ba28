"""Card reads go to the active consumer: the hand-out dialog while it is open, the intake otherwise."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from clerk_app.core.case import CaseState
from clerk_app.store.events import CaseEvents, EventKind
from clerk_app.ui.card_routing import CardRouter
from clerk_app.ui.handout.dialog import HandoutDialog
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.sync.dialogs import InboxDialog
from tests.store.sample import accepted
from tests.ui.window_flows_support import CTRL_SHIFT, activate, back_office_decides, focus, when_shown


def test_the_latest_claim_gets_the_reads_until_released() -> None:
    got: list[tuple[str, object, bool]] = []
    router = CardRouter(lambda card, agent: got.append(("intake", card, agent)))
    release_outer = router.claim(lambda card, agent: got.append(("outer", card, agent)), "outer")
    release_inner = router.claim(lambda card, agent: got.append(("inner", card, agent)), "inner")
    assert router.deliver("card-1") == "inner"
    release_outer()  # released out of order: the inner claim keeps the reads
    assert (router.active, router.deliver("card-2", True)) == ("inner", "inner")
    release_inner()
    release_inner()  # twice: harmless
    assert router.deliver("card-3") == "intake"
    assert got == [("inner", "card-1", False), ("inner", "card-2", True), ("intake", "card-3", False)]


def test_a_card_read_while_handing_out_confirms_the_applicant(qtbot, window: MainWindow) -> None:
    store = window.ws.stores.cases
    card = window.card_input.simulator.cards[0]  # the reader runs (simulated), as at the window
    case = store.save(accepted("BT01-W07-20261123-0001", name=card.name, id_number=card.id_number))
    case = back_office_decides(store, case, CaseState.APPROVED)
    seen: dict[str, object] = {}

    def in_handout(dialog: HandoutDialog) -> None:
        seen["claimed"] = window.flows.cards.active
        with qtbot.waitSignal(window.card_input.card, timeout=10000):
            window.card_input.place_demo_card()
        qtbot.waitUntil(lambda: dialog.card_number == card.id_number, timeout=5000)
        seen["shown"] = dialog.applicant_card.text()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    def in_inbox(inbox: InboxDialog) -> None:
        qtbot.waitUntil(lambda: inbox.table.rowCount() == 1)
        when_shown(HandoutDialog, in_handout)
        focus(qtbot, inbox.table)
        qtbot.keyClick(inbox.table, Qt.Key.Key_Return)  # a decided case: Enter hands it out
        qtbot.waitUntil(lambda: inbox.last_receipt is not None, timeout=30000)
        seen["after"] = window.flows.cards.active
        inbox.reject()

    when_shown(InboxDialog, in_inbox)
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_I, CTRL_SHIFT)
    assert seen["claimed"] == "handout" and seen["after"] == "intake"
    assert "已读卡" in str(seen["shown"]) and card.id_number[:4] in str(seen["shown"])
    assert store.get(case.id).state is CaseState.HANDED_OUT
    [event] = CaseEvents(store.engine).of_case(case.id, EventKind.HANDOUT)
    assert event.body["record"]["receiver_id_number"] == card.id_number  # identity confirmed by the read
    assert window._pending_card is None and window.intake.form_spec is None  # the intake got nothing

    window.card_input.simulator.remove()  # the applicant takes the card; the next one comes
    qtbot.wait(300)
    with qtbot.waitSignal(window.card_input.card, timeout=10000):  # the dialog is gone: reads go to the intake
        second = window.card_input.place_demo_card()
    qtbot.waitUntil(lambda: window._pending_card is not None, timeout=5000)
    assert window._pending_card[0].id_number == second.id_number
