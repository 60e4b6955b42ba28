"""The 差评整改 tab of the supervisor screen on the real embedded back office (SQLite and PostgreSQL).

A window rates its cases (bad ratings among them) and the real sync engine pushes the evaluation
events; the supervisor opens the follow-up tab, sees each with its due day and reminder in words,
opens one (rating, reasons, comment, case number), records a failed call, a reached call, the
correction and closes it, every step through the back office on the review runner.
"""

# ruff: noqa: F811  (the fixtures `screen` and `counter` come from test_supervisor)
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QDialog

from clerk_app.core.evaluation import evaluate
from clerk_app.core.reminders import ReminderLevel
from clerk_app.core.window_rating import rating_event_body
from clerk_app.store.events import CaseEvents, EventKind
from clerk_app.ui.supervisor.follow_up_dialogs import FollowUpStepDialog
from clerk_app.ui.supervisor.follow_up_model import FollowUpModel
from clerk_app.ui.supervisor.reminder_model import ITEM_ROLE
from clerk_app.ui.supervisor.window import SupervisorWindow
from tests.backoffice.conftest import pg_server  # noqa: F401 (a fixture)
from tests.ui.conftest import when_dialog
from tests.ui.test_screenshots import check_pictures, run_under_xvfb
from tests.ui.test_supervisor import Window, counter, screen, service  # noqa: F401 (fixtures)


def rate(window: Window, level: ReminderLevel, rating: int, reasons: tuple[str, ...], comment: str) -> None:
    case = window.cases[level]
    evaluation = evaluate(case.number, rating, id="-", at=datetime.now().astimezone(), reasons=reasons,
                          comment=comment)
    CaseEvents(window.store.engine).add(case.id, EventKind.EVALUATION,
                                        rating_event_body(evaluation, "acceptance", "demo"))


def step(qtbot, window: SupervisorWindow, kind: str, text: str, *, reached: bool = True) -> None:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, FollowUpStepDialog) and dialog.kind == kind
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        assert ok.isEnabled() == (kind == "close")  # a call and a correction need words
        if not reached:
            dialog.unreached_button.setChecked(True)
        dialog.text.setPlainText(text)
        ok.click()

    when_dialog(fill)
    with qtbot.waitSignal(window.follow_up_control.acted, timeout=10000):
        window.follow_ups.view.buttons[kind].click()


def test_follow_up_tab_records_a_call_a_correction_and_closes(qtbot, screen: SupervisorWindow, counter: Window,
                                                              qtmodeltester, tmp_path: Path) -> None:
    rate(counter, ReminderLevel.RED, 1, ("attitude", "long_wait"), "排队一个多小时，工作人员态度生硬")
    rate(counter, ReminderLevel.NONE, 2, ("too_slow",), "")
    rate(counter, ReminderLevel.YELLOW, 5, (), "很好")
    assert counter.engine.run_once().events_sent == 3
    panel = screen.follow_ups
    screen.tabs.setCurrentWidget(panel)
    screen.follow_up_control.refresh()
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 2, timeout=10000)  # the 5 is not a bad rating
    qtmodeltester.check(panel.model)
    texts = [panel.proxy.index(r, FollowUpModel.LEVEL).data() for r in range(2)]
    assert all(t.split()[-1] in ("正常", "预警", "黄牌", "红牌") for t in texts)  # words, not colour alone
    assert "待整改 2" in panel.status.text()
    red = counter.cases[ReminderLevel.RED]
    row = next(r for r in range(2) if panel.proxy.index(r, 0).data(ITEM_ROLE).number == red.number)
    with qtbot.waitSignal(screen.follow_up_control.opened, timeout=10000):
        panel.table.setCurrentIndex(panel.proxy.index(row, 0))
    view = panel.view
    assert red.number in view.header.text() and "非常不满意" in view.rating.text()
    assert "服务态度差" in view.reasons.text() and "排队等候时间过长" in view.reasons.text()
    assert "态度生硬" in view.comment.text() and "剩余5个工作日" in view.reminder.text()
    assert view.buttons["call"].isEnabled() and not view.buttons["correct"].isEnabled()

    step(qtbot, screen, "call", "电话无人接听", reached=False)
    assert view.file.item.state == "open" and view.records.rowCount() == 1
    assert view.records.item(0, 1).text() == "回访（未接通）"
    step(qtbot, screen, "call", "已联系申请人并致歉")
    assert view.file.item.state == "called_back" and view.buttons["correct"].isEnabled()
    step(qtbot, screen, "correct", "对窗口人员进行批评教育，增开午间窗口")
    assert view.file.item.state == "corrected" and "增开午间窗口" in view.correction.text()
    step(qtbot, screen, "close", "")
    assert view.file.item.state == "closed" and not any(b.isEnabled() for b in view.buttons.values())
    assert [view.records.item(r, 1).text() for r in range(view.records.rowCount())] == [
        "回访（未接通）", "回访（已接通）", "整改", "办结"]
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 1, timeout=10000)  # closed ones leave the default list
    panel.states.setCurrentIndex(1)  # 全部
    assert panel.proxy.rowCount() == 2
    assert screen.grab().save(str(tmp_path / "follow-ups.png"))


def test_step_dialog_needs_words(qtbot) -> None:
    dialog = FollowUpStepDialog("correct", "BT01-W07-20261123-0001")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled() and "整改措施" in dialog.why.text()
    dialog.text.setPlainText("调整窗口设置")
    assert ok.isEnabled() and dialog.note == "调整窗口设置"
    assert not dialog.reached_button.isVisible()


def test_follow_up_screenshots_under_xvfb(tmp_path: Path) -> None:
    run_under_xvfb("tests.ui.follow_up_screens", tmp_path)
    check_pictures(("41-supervisor-follow-ups", "42-follow-up-call"))
