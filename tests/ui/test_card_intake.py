"""ID card reads fill the intake: applicant or agent, before or after choosing the matter."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from clerk_app.ui.main_window import MainWindow
from tests.ui.test_intake import choose_matter

RENEWAL = "150200-GA-GG-0003-01"  # 居民身份证换领: identity fields all come from the card


def test_card_fills_applicant_and_focus_moves_on(qtbot, window: MainWindow) -> None:
    choose_matter(qtbot, window, "sfz", RENEWAL)
    with qtbot.waitSignal(window.card_input.card, timeout=10000):
        card = window.card_input.place_demo_card()
    form = window.intake.form_view
    qtbot.waitUntil(lambda: form.inputs["applicant_name"].value() == card.name)
    assert form.inputs["applicant_id_number"].value() == card.id_number
    assert form.inputs["applicant_sex"].value() == card.sex
    assert form.inputs["applicant_birth"].value() == card.birth_date.isoformat()
    assert form.inputs["applicant_address"].value() == card.address
    focused = QApplication.focusWidget()
    assert focused is form.inputs["applicant_phone"].focus_widget()  # the first field still needed
    assert window.card_input.status.isVisible()


def test_card_read_before_the_matter_waits_for_it(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.card_input.card, timeout=10000):
        card = window.card_input.place_demo_card()
    choose_matter(qtbot, window, "sfz", RENEWAL)
    assert window.intake.form_view.inputs["applicant_name"].value() == card.name


def test_agent_switch_fills_the_agent(qtbot, window: MainWindow) -> None:
    choose_matter(qtbot, window, "gtgshsl", "150200-SCJG-XK-0012-01")
    window.agent_action.setChecked(True)
    with qtbot.waitSignal(window.card_input.card, timeout=10000):
        card = window.card_input.place_demo_card()
    form = window.intake.form_view
    qtbot.waitUntil(lambda: form.inputs["agent_name"].value() == card.name)
    assert form.inputs["agent"].value() == "委托代办"
    assert form.inputs["agent_id_number"].value() == card.id_number
    assert form.inputs["applicant_name"].value() is None or form.inputs["applicant_name"].value() == ""
