"""容缺 follow-up: due promises listed with their reminder, counted on the status bar; supplying closes one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from clerk_app.core.case import Case, CaseState
from clerk_app.core.reminders import ReminderLevel
from clerk_app.core.tolerance import open_promises
from clerk_app.store.events import CaseEvents, EventKind
from clerk_app.store.revisions import queued_revisions
from clerk_app.ui.intake.decisions import ToleranceDialog
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.tolerance.supply import SupplyDialog
from tests.store.correction_samples import tolerance
from tests.ui.backoffice_seed import deadline_for
from tests.ui.test_intake import SETUP, choose_matter, decide, fill_setup
from tests.ui.window_flows_support import CTRL_SHIFT, activate, focus, when_shown


def tolerance_by_keyboard(qtbot, window: MainWindow) -> Case:
    """个体工商户设立登记 without the lease contract: F10, the promise signed, due on the promised day."""
    choose_matter(qtbot, window, "gtgshsl", SETUP)
    fill_setup(qtbot, window)
    qtbot.keyClick(window.intake.materials, Qt.Key.Key_A, CTRL_SHIFT)
    window.intake.materials._rows["lease_contract"].received.setChecked(False)

    def sign_and_confirm(dialog: QWidget) -> None:
        assert isinstance(dialog, ToleranceDialog)
        dialog.signed.setChecked(True)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    return decide(qtbot, window, Qt.Key.Key_F10, sign_and_confirm)


def seed(window: MainWindow) -> dict[ReminderLevel, Case]:
    """Promises at each level today, as earlier intakes left them (sync saw them, nothing else)."""
    ws = window.ws
    today, calendar = ws.today(), ws.calendar
    cases = {level: ws.stores.cases.save(tolerance(f"BT01-W07-20261101-{i:04d}", deadline_for(level, today, calendar)))
             for i, level in enumerate((ReminderLevel.RED, ReminderLevel.YELLOW, ReminderLevel.NONE), start=1)}
    ws.events.cases_changed.emit()
    return cases


def test_due_promises_are_listed_and_supplying_one_queues_a_supply_event(qtbot, window: MainWindow) -> None:
    accepted = tolerance_by_keyboard(qtbot, window)
    assert accepted.state is CaseState.TOLERANCE_ACCEPTED and len(open_promises(accepted)) == 1
    seeded = seed(window)
    badge = window.flows.badge
    qtbot.waitUntil(lambda: badge.count.due == 3, timeout=10000)
    assert badge.isVisible() and "容缺待补 3 件" in badge.text() and "超期 1" in badge.text()

    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL_SHIFT)
    listing = window.flows.follow_up
    assert listing is not None
    qtbot.waitUntil(lambda: listing.table.rowCount() == 3, timeout=10000)
    cells = [[listing.table.item(r, c).text() for c in range(listing.table.columnCount())] for r in range(3)]
    assert [row[0] for row in cells] == ["红牌", "黄牌", "预警"]  # words with the colour, most urgent first
    assert [row[2] for row in cells] == [seeded[ReminderLevel.RED].number, seeded[ReminderLevel.YELLOW].number,
                                         accepted.number]
    assert "超期" in cells[0][1] and "今日到期" in cells[1][1] and cells[2][5] == "房屋租赁合同"
    listing.show_all.setChecked(True)  # the promise not yet near its day too
    qtbot.waitUntil(lambda: listing.table.rowCount() == 4, timeout=10000)
    listing.show_all.setChecked(False)
    qtbot.waitUntil(lambda: listing.table.rowCount() == 3, timeout=10000)

    def confirm(dialog: SupplyDialog) -> None:
        assert dialog.row.promise.case_id == accepted.id and dialog.ok.text() == "确认补交"
        focus(qtbot, dialog.copies)
        qtbot.keyClick(dialog.copies, Qt.Key.Key_Return)  # Enter confirms

    listing.table.setCurrentCell(2, 0)
    when_shown(SupplyDialog, confirm)
    focus(qtbot, listing.table)
    with qtbot.waitSignal(listing.supplied, timeout=10000) as supplied:
        qtbot.keyClick(listing.table, Qt.Key.Key_Return)
    case = supplied.args[0]
    assert (case.id, case.revision, case.state) == (accepted.id, 2, CaseState.TOLERANCE_ACCEPTED)
    assert not open_promises(window.ws.stores.cases.get(accepted.id))  # the promise is closed
    lease = next(m for m in case.materials if m.key == "lease_contract")
    assert lease.tolerated and lease.received
    assert queued_revisions(window.ws.stores.cases.engine, accepted.id) == [(1, "pending")]  # no new revision
    supply = CaseEvents(window.ws.stores.cases.engine).of_case(accepted.id, EventKind.MATERIAL_SUPPLY)
    assert [e.body["material"] for e in supply] == ["lease_contract"]  # but an event, for the back office
    qtbot.waitUntil(lambda: listing.table.rowCount() == 2, timeout=10000)
    qtbot.waitUntil(lambda: badge.count.due == 2, timeout=10000)
    assert "已登记补交" in listing.hint.text() and accepted.number in listing.hint.text()
