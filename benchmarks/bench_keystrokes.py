"""Keystrokes a clerk needs for a standard intake, counted by a scripted clerk (goal <= 12 besides scans).

The standard intake: 居民身份证换领 for a returning applicant at the window. The script uses only
the keyboard and the ID card reader (the simulated one); every key press reaching the
application is counted (a chord such as Ctrl+Shift+A is one), from choosing the matter to the
confirmed acceptance. A first-time applicant, who must also dictate a phone number, is counted
for comparison.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CLERK_APP_ENROLMENT_KEY", "benchmark enrolment secret, 32+ characters long")  # encrypted store
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from clerk_app.config.settings import Settings
from clerk_app.core.case import CaseState
from clerk_app.ui.app import build_workstation
from clerk_app.ui.context import Clerk
from clerk_app.ui.main_window import MainWindow


class KeyCounter:
    """Every key the scripted clerk presses; a chord such as Ctrl+Shift+A is one keystroke."""

    count = 0


def settle(app: QApplication, condition=lambda: True, timeout: float = 10) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.processEvents()
        if condition():
            return
        time.sleep(0.01)
    raise SystemExit("the scripted clerk waited in vain")


TARGET: list[QObject] = []


def target() -> QObject:
    """Where a key goes: the focused widget, else the main window (as the keyboard would)."""
    return QApplication.focusWidget() or TARGET[0]


def press(app: QApplication, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    KeyCounter.count += 1
    QTest.keyClick(target(), key, modifiers)
    settle(app)


def type_text(app: QApplication, text: str) -> None:
    for char in text:
        KeyCounter.count += 1
        QTest.keyClick(target(), char)
    settle(app)


def confirm_dialog() -> None:
    KeyCounter.count += 1
    QTest.keyClick(QApplication.activeModalWidget(), Qt.Key.Key_Return)


def intake(app: QApplication, window: MainWindow, phone: str | None) -> int:
    KeyCounter.count = 0
    window.activateWindow()
    settle(app, window.isActiveWindow)
    press(app, Qt.Key.Key_F2)
    type_text(app, "sfz")
    press(app, Qt.Key.Key_Return)
    window.card_input.place_demo_card()
    form = window.intake.form_view
    settle(app, lambda: bool(form.inputs["applicant_name"].value()))
    if phone is None:
        settle(app, lambda: bool(form.inputs["applicant_phone"].value()))  # returning: pre-filled
    else:
        type_text(app, phone)
        press(app, Qt.Key.Key_F4)
    press(app, Qt.Key.Key_Down)  # 领证方式: 窗口领取
    press(app, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    saved = []
    window.intake.decided.connect(saved.append)
    QTimer.singleShot(200, confirm_dialog)
    press(app, Qt.Key.Key_F9)
    settle(app, lambda: bool(saved))
    assert saved[-1].state is CaseState.ACCEPTED, saved
    return KeyCounter.count


def main() -> None:
    app = QApplication([])
    with tempfile.TemporaryDirectory() as data:
        session = build_workstation(app, Settings(data_dir=Path(data), demo=False))
        ws = session.workstation
        ws.clerk = Clerk("demo", "演示窗口人员", "clerk")
        window = MainWindow(ws, session.search_index)
        window.resize(1400, 860)
        window.show()
        TARGET.append(window)
        first = intake(app, window, phone="13800138000")
        removed = []
        window.card_input.watcher.card_removed.connect(lambda: removed.append(1))
        window.card_input.simulator.remove()  # the applicant takes the card and leaves
        settle(app, lambda: bool(removed))
        time.sleep(1.2)  # later, the same person comes back (no duplicate-read window)
        window.card_input._next_demo = 0
        returning = intake(app, window, phone=None)
        window.close()
        ws.db.shutdown()
        ws.printing.shutdown()
    print(f"standard intake, returning applicant: {returning} keystrokes (goal <= 12, scans excluded)")
    print(f"same intake, first-time applicant:    {first} keystrokes (11 of them the phone number)")


if __name__ == "__main__":
    main()
