"""The idle lock: covers the screen after idle minutes, unlocks only for the signed-in clerk's password."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from clerk_app.config.demo import DEMO_PASSWORD
from clerk_app.ui.app import Session, verifier
from clerk_app.ui.context import Clerk
from clerk_app.ui.idle_lock import IdleLock
from clerk_app.ui.main_window import MainWindow

CLERK = Clerk("demo", "演示窗口人员", "clerk")


def make_lock(qtbot, session: Session, window: QMainWindow, minutes: int = 10) -> IdleLock:
    ws = session.workstation
    ws.db.run(lambda: ws.stores.accounts.ensure_demo_accounts())
    blanks: list[bool] = []
    lock = IdleLock(window, CLERK, verifier(ws), minutes, blank=blanks.append)
    lock.blanks = blanks  # type: ignore[attr-defined]
    return lock


def test_lock_hides_the_case_and_unlocks_with_the_password(qtbot, session: Session, window: MainWindow) -> None:
    lock = make_lock(qtbot, session, window)
    with qtbot.waitSignal(lock.locked):
        lock.timer.timeout.emit()  # the idle minutes have passed
    screen = lock.screen
    assert screen is not None and screen.isVisible() and screen.geometry() == window.rect()
    assert lock.blanks == [True]  # type: ignore[attr-defined]
    window.resize(1200, 700)
    qtbot.waitUntil(lambda: screen.geometry() == window.rect())
    screen.password.setText("not the password")
    screen.password.returnPressed.emit()
    qtbot.waitUntil(lambda: screen.error.text() == "用户名或密码错误", timeout=10000)
    assert lock.is_locked
    with qtbot.waitSignal(lock.unlocked, timeout=10000):
        screen.password.setText(DEMO_PASSWORD)
        qtbot.keyClick(screen.password, Qt.Key.Key_Return)
    assert not lock.is_locked and lock.blanks == [True, False]  # type: ignore[attr-defined]


def test_input_restarts_the_countdown_and_switching_signs_out(qtbot, session: Session, window: MainWindow) -> None:
    lock = make_lock(qtbot, session, window, minutes=1)
    lock.timer.setInterval(300)
    lock.timer.start()
    for _ in range(4):  # keep typing: never locks
        qtbot.wait(150)
        qtbot.keyClick(window.search.box, Qt.Key.Key_A)
    assert not lock.is_locked
    qtbot.waitUntil(lambda: lock.is_locked, timeout=3000)  # then stop: it locks
    with qtbot.waitSignal(lock.signed_out):
        lock.screen.switch.click()


def test_no_lock_when_disabled(qtbot, session: Session, window: MainWindow) -> None:
    lock = make_lock(qtbot, session, window, minutes=0)
    assert not lock.timer.isActive()


def test_switching_user_brings_back_the_sign_in(tmp_path) -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "CLERK_APP_DATA": str(tmp_path), "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)}
    env.pop("CLERK_APP_CONFIG", None)
    done = subprocess.run([sys.executable, "-m", "tests.ui.sign_out_session"], capture_output=True, text=True,
                          timeout=120, env=env, cwd=root)
    assert "steps login,window,login exit 0" in done.stdout, done.stderr[-2000:]
