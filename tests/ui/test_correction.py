"""补正 at the window: a returned case reopened from the inbox, a material replaced, resubmitted as a new revision."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from clerk_app.core.case import CaseState
from clerk_app.devices.camera.process import clean_page
from clerk_app.devices.camera.synthetic import dataset
from clerk_app.store.revisions import queued_revisions
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.sync.dialogs import InboxDialog
from tests.ui.test_intake import type_text
from tests.ui.window_flows_support import (
    CTRL_SHIFT,
    accept_by_keyboard,
    activate,
    back_office_decides,
    focus,
    when_shown,
)

CORRECTIONS = "租赁合同复印件不清晰，请重新提供；联系电话无法接通，请核实"


def open_correction_from_inbox(qtbot, window: MainWindow) -> None:
    """Ctrl+Shift+I, the returned case is selected, Enter: the inbox closes, the case opens for correction."""
    seen: list[InboxDialog] = []

    def press_enter(dialog) -> None:
        seen.append(dialog)
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
        assert dialog.windowModality() is Qt.WindowModality.WindowModal  # the citizen screen stays usable
        assert dialog.correct_button.isEnabled() and not dialog.handout_button.isEnabled()
        focus(qtbot, dialog.table)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)

    when_shown(InboxDialog, press_enter)
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_I, CTRL_SHIFT)
    assert seen and not seen[0].isVisible()


def test_reopen_replace_a_material_and_resubmit_as_a_new_revision(qtbot, window: MainWindow) -> None:
    ws = window.ws
    store = ws.stores.cases
    first = accept_by_keyboard(qtbot, window)
    lease = next(m for m in first.materials if m.key == "lease_contract")
    returned = back_office_decides(store, first, CaseState.CORRECTION_REQUESTED, CORRECTIONS)
    assert returned.revision == 2 and queued_revisions(store.engine, first.id) == [(1, "pending")]

    open_correction_from_inbox(qtbot, window)
    page = window.intake
    panel = page.panel
    assert panel is not None and panel.isVisible() and not page.bar.isVisible()
    assert "退回补正" in panel.title.text() and first.number in panel.title.text()
    assert "1. 租赁合同复印件不清晰，请重新提供" in panel.items.text() and "2. 联系电话无法接通" in panel.items.text()
    assert page.form_view.answers()["applicant_name"] == "张三"  # the case's data, as entered
    assert page.materials.all_states()["lease_contract"].received == lease.received
    assert page.assessment.can_accept

    scanner = page.scanner  # the clerk re-scans the lease contract (F6 opens the camera panel)
    for shot in dataset(2, seed=11):
        scanner.add_page("lease_contract", clean_page(shot.image, mode="gray"))
    scanner.store("lease_contract", "房屋租赁合同", page.materials.attach_scans)
    qtbot.waitUntil(lambda: bool(page.materials.all_states()["lease_contract"].scans), timeout=20000)
    [digest] = page.materials.all_states()["lease_contract"].scans
    phone = page.form_view.inputs["applicant_phone"].focus_widget()
    assert isinstance(phone, QLineEdit)
    phone.selectAll()
    type_text(qtbot, phone, "13900139000")

    activate(qtbot, window)
    with qtbot.waitSignal(page.documents_ready, timeout=30000) as documents:
        qtbot.keyClick(window, Qt.Key.Key_F9)
    saved, paths = documents.args
    assert paths and all(p.read_bytes().startswith(b"%PDF") for p in paths)  # the notice, printable again
    assert (saved.id, saved.number, saved.state, saved.revision) == (first.id, first.number, CaseState.ACCEPTED, 3)
    stored = store.get(first.id)
    assert stored == saved and stored.applicant.phone == "13900139000"
    assert next(m for m in stored.materials if m.key == "lease_contract").scans == (digest,)
    assert hashlib.sha256(ws.stores.files.get(digest)).hexdigest() == digest
    assert queued_revisions(store.engine, first.id) == [(1, "pending"), (3, "pending")]
    assert [c.id for c in store.list_cases()] == [first.id]  # F9 resubmitted; it decided no new case
    assert page.panel is None and page.bar.isVisible() and page.form_spec is None  # ready for the next applicant


def test_an_incomplete_correction_is_not_resubmitted(qtbot, window: MainWindow) -> None:
    store = window.ws.stores.cases
    first = accept_by_keyboard(qtbot, window)
    back_office_decides(store, first, CaseState.CORRECTION_REQUESTED, "补充身份证复印件")
    open_correction_from_inbox(qtbot, window)
    page = window.intake
    page.materials._rows["id_card"].received.setChecked(False)
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: bool(page.panel.problem.text()), timeout=10000)
    assert "不能重新提交" in page.panel.problem.text() and "身份证" in page.panel.problem.text()
    assert store.get(first.id).state is CaseState.CORRECTION_REQUESTED
    assert queued_revisions(store.engine, first.id) == [(1, "pending")]
    page.panel.leave.click()  # left for later: the case stays returned, the intake is free
    assert page.panel is None and page.form_spec is None
