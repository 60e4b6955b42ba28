"""Whole intakes driven by the keyboard, as a clerk works: search, fill, situations, decisions."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit, QWidget

from clerk_app.core.case import Case, CaseState
from clerk_app.ui.main_window import MainWindow
from tests.ui.conftest import when_dialog

VALID_ID = "11010519491231002X"
SETUP = "150200-SCJG-XK-0012-01"


def choose_matter(qtbot, window: MainWindow, query: str, code: str) -> None:
    window.activateWindow()  # offscreen Qt does not give focus back after a dialog closes
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    box = window.search.box
    assert box.hasFocus()
    qtbot.keyClicks(box, query)
    while window.search.results.currentItem().data(Qt.ItemDataRole.UserRole) != code:
        qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.intake.form_spec is not None and window.intake.form_spec.code == code


def type_text(qtbot, editor: QWidget, text: str) -> None:
    """Type like a clerk: keys for ASCII, an input-method commit for Chinese (as an IME does)."""
    editor.setFocus()
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:
        QApplication.sendEvent(editor, ime_commit(text))


def ime_commit(text: str) -> QInputMethodEvent:
    event = QInputMethodEvent()
    event.setCommitString(text)
    return event


def type_into(qtbot, window: MainWindow, key: str, text: str) -> None:
    editor = window.intake.form_view.inputs[key].focus_widget()
    assert isinstance(editor, QLineEdit)
    type_text(qtbot, editor, text)


def pick(qtbot, window: MainWindow, key: str, option: str) -> None:
    combo = window.intake.form_view.inputs[key].focus_widget()
    assert isinstance(combo, QComboBox)
    combo.setFocus()
    for _ in range(combo.count()):
        qtbot.keyClick(combo, Qt.Key.Key_Up)
    for _ in range(combo.count()):
        if combo.currentText() == option:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"{key} has no option {option}")


def fill_setup(qtbot, window: MainWindow) -> None:
    type_into(qtbot, window, "applicant_name", "张三")
    type_into(qtbot, window, "applicant_id_number", VALID_ID.lower())
    type_into(qtbot, window, "applicant_phone", "13800138000")
    type_into(qtbot, window, "business_address", "包头市昆都仑区钢铁大街12号")
    pick(qtbot, window, "business_form", "个人经营")
    scope = window.intake.form_view.inputs["business_scope"]
    scope.boxes[2].setFocus()
    qtbot.keyClick(scope.boxes[2], Qt.Key.Key_Space)
    type_into(qtbot, window, "capital", "50000")
    type_into(qtbot, window, "staff_count", "2")


def decide(qtbot, window: MainWindow, key: Qt.Key, in_dialog) -> Case:
    saved: list[Case] = []
    window.intake.decided.connect(saved.append)
    when_dialog(in_dialog)
    with qtbot.waitSignal(window.intake.documents_ready, timeout=30000) as documents:
        qtbot.keyClick(window, key)
    case, paths = documents.args
    assert saved == [case]
    assert paths and all(p.exists() and p.read_bytes().startswith(b"%PDF") for p in paths)
    return case


def press_enter(dialog: QWidget) -> None:
    dialog.setFocus()
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()


def test_accept_by_keyboard(qtbot, window: MainWindow) -> None:
    choose_matter(qtbot, window, "gtgshsl", SETUP)
    fill_setup(qtbot, window)
    assert not window.intake.bar.buttons[next(iter(window.intake.bar.buttons))].isEnabled()
    qtbot.keyClick(window.intake.materials, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert window.intake.assessment.can_accept
    case = decide(qtbot, window, Qt.Key.Key_F9, press_enter)
    assert case.state is CaseState.ACCEPTED
    assert case.applicant.name == "张三" and case.applicant.id_number == VALID_ID
    assert case.answers["business_scope"] == ["日用百货"]
    assert case.decision.promised_date == window.intake.ws.calendar.add_workdays(case.created_at.date(), 1)
    stored = window.intake.ws.stores.cases.get(case.id)
    assert stored == case
    assert window.intake.form_spec is None  # ready for the next applicant


def test_situation_switches_materials_live(qtbot, window: MainWindow) -> None:
    choose_matter(qtbot, window, "gtgshsl", SETUP)
    keys = lambda: [i.material.key for i in window.intake.materials._items]  # noqa: E731
    assert "lease_contract" in keys()
    pick(qtbot, window, "premises", "自有房产")
    assert "premises_certificate" in keys() and "lease_contract" not in keys()
    pick(qtbot, window, "agent", "委托代办")
    assert window.intake.form_view.layout_visible("agent_name")
    assert "agent_authorisation" in keys()


def test_tolerance_accept(qtbot, window: MainWindow) -> None:
    choose_matter(qtbot, window, "gtgshsl", SETUP)
    fill_setup(qtbot, window)
    window.intake.materials.mark_all_received()
    window.intake.materials._rows["lease_contract"].received.setChecked(False)
    bar = window.intake.bar.buttons
    assert [b.isEnabled() for b in bar.values()] == [False, True, True, True]

    def sign_and_confirm(dialog: QWidget) -> None:
        dialog.findChild(QCheckBox, "promise_signed").setChecked(True)
        press_enter(dialog)

    case = decide(qtbot, window, Qt.Key.Key_F10, sign_and_confirm)
    assert case.state is CaseState.TOLERANCE_ACCEPTED
    lease = next(m for m in case.materials if m.key == "lease_contract")
    assert lease.tolerated and lease.due == case.decision.promise_due
    assert case.decision.promise_due <= case.decision.promised_date


def test_one_time_notice_lists_everything(qtbot, window: MainWindow) -> None:
    choose_matter(qtbot, window, "gtgshsl", SETUP)
    type_into(qtbot, window, "applicant_name", "李四")
    type_into(qtbot, window, "applicant_phone", "123")
    case = decide(qtbot, window, Qt.Key.Key_F11, press_enter)
    assert case.state is CaseState.NOTIFIED
    missing = "\n".join(case.decision.missing)
    assert "缺少：个体工商户登记（备案）申请书" in missing
    assert "联系电话应为11位手机号或带区号的固定电话" in missing
    assert "经营者身份证号码为必填项" in missing
    assert len(case.decision.missing) == len(set(case.decision.missing))


def test_refuse_needs_a_reason(qtbot, window: MainWindow) -> None:
    choose_matter(qtbot, window, "gtgshsl", SETUP)
    type_into(qtbot, window, "applicant_name", "王五")

    def refuse(dialog: QWidget) -> None:
        press_enter(dialog)  # no reason yet: the dialog stays and says why
        assert "理由" in dialog.error.text()
        dialog.reason.setCurrentText("申请事项依法不属于本机关职权范围")
        press_enter(dialog)
        assert "有权受理的机关" in dialog.error.text()
        dialog.agency.setText("包头市自然资源局")
        press_enter(dialog)

    case = decide(qtbot, window, Qt.Key.Key_F12, refuse)
    assert case.state is CaseState.REFUSED
    assert case.decision.competent_agency == "包头市自然资源局"


def test_bundle_is_one_form(qtbot, window: MainWindow) -> None:
    choose_matter(qtbot, window, "xsr", "150200-YJS-0001")
    form = window.intake.form_spec
    keys = [f.spec.key for f in form.fields]
    assert len(keys) == len(set(keys))
    assert keys.count("mother_name") == 1
    materials = [m.material.key for m in form.materials]
    assert len(materials) == len(set(materials))
    assert {m.department for m in form.matters} >= {"wjw", "gaj"}


def test_returning_applicant_is_prefilled(qtbot, window: MainWindow) -> None:
    choose_matter(qtbot, window, "gtgshsl", SETUP)
    fill_setup(qtbot, window)
    window.intake.materials.mark_all_received()
    decide(qtbot, window, Qt.Key.Key_F9, press_enter)
    choose_matter(qtbot, window, "gtgshbg", "150200-SCJG-XK-0012-02")
    with qtbot.waitSignal(window.intake.ws.db.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        type_into(qtbot, window, "applicant_id_number", VALID_ID)
    qtbot.waitUntil(lambda: window.intake.form_view.inputs["applicant_phone"].value() == "13800138000")
    assert "回头客" in window.intake.notice.text()


def test_today_list_and_citizen_window(qtbot, window: MainWindow) -> None:
    choose_matter(qtbot, window, "gtgshsl", SETUP)
    fill_setup(qtbot, window)
    assert window.citizen.values["name"].text() == "张三"
    assert window.citizen.values["id_number"].text() == "1101**********002X"
    window.intake.materials.mark_all_received()
    case = decide(qtbot, window, Qt.Key.Key_F9, press_enter)
    qtbot.waitUntil(lambda: window.cases.model.rowCount() == 1)
    assert window.cases.model.index(0, 1).data() == case.number
    window.cases.filter.setText("不存在")
    assert window.cases.proxy.rowCount() == 0


@pytest.mark.parametrize("lang", ["zh_CN"])
def test_decision_bar_says_why(qtbot, window: MainWindow, lang: str) -> None:
    choose_matter(qtbot, window, "gtgshsl", SETUP)
    assert "尚缺或有误" in window.intake.bar.status.text()
    assert date.today().year >= 2026
    assert QApplication.activeModalWidget() is None


def test_new_intake_starts_with_a_clean_checklist(qtbot, window: MainWindow) -> None:
    choose_matter(qtbot, window, "gtgshsl", SETUP)
    row = window.intake.materials._rows["id_card"]
    row.received.setChecked(True)
    row.form.setCurrentText("原件和复印件")
    choose_matter(qtbot, window, "gtgshsl", SETUP)
    fresh = window.intake.materials._rows["id_card"]
    assert not fresh.received.isChecked()
    assert fresh.form.currentText() == "复印件"
