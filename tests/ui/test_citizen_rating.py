"""好差评 on the citizen screen: five levels, reasons for bad ratings, and it never holds up the next applicant."""

from __future__ import annotations

from clerk_app.core.evaluation import BadReason, Rating
from clerk_app.ui.citizen import CitizenWindow


def citizen(qtbot) -> CitizenWindow:
    window = CitizenWindow("包头市政务服务中心")
    qtbot.addWidget(window)
    window.show()
    window.ask_rating("BT01-W07-20261123-0001", "demo")
    assert window.pages.currentWidget() is window.rating
    return window


def test_a_good_rating_is_one_tap_and_submit(qtbot) -> None:
    window = citizen(qtbot)
    panel = window.rating
    assert [b.text() for b in panel.levels.values()] == ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]
    panel.levels[Rating.SATISFIED].click()
    assert not panel.reason_box.isVisible()
    with qtbot.waitSignal(panel.rated) as rated:
        panel.submit.click()
    evaluation = rated.args[0]
    assert (evaluation.rating, evaluation.reasons, evaluation.case_number, evaluation.clerk) == (
        Rating.SATISFIED, (), "BT01-W07-20261123-0001", "demo")
    assert panel.note.text() == "感谢您的评价！"


def test_a_bad_rating_asks_why(qtbot) -> None:
    window = citizen(qtbot)
    panel = window.rating
    panel.levels[Rating.DISSATISFIED].click()
    assert panel.reason_box.isVisible()
    panel.reasons[BadReason.OTHER].setChecked(True)
    panel.submit.click()
    assert "其他" in panel.note.text()  # "other" needs words
    panel.reasons[BadReason.LONG_WAIT].setChecked(True)
    panel.comment.setText("叫号系统出错，等了一个半小时")
    with qtbot.waitSignal(panel.rated) as rated:
        panel.submit.click()
    evaluation = rated.args[0]
    assert evaluation.is_bad and set(evaluation.reasons) == {BadReason.LONG_WAIT, BadReason.OTHER}


def test_it_goes_away_by_itself_and_for_the_next_applicant(qtbot) -> None:
    window = citizen(qtbot)
    window.show_summary({"matter": "居住证签注", "name": "李四"})
    assert window.pages.currentIndex() == 0  # the next applicant is not held up
    window.ask_rating("BT01-W07-20261123-0002", "demo")
    window.rating.timer.start(50)
    qtbot.waitUntil(lambda: window.pages.currentIndex() == 0, timeout=2000)
