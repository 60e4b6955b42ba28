"""Run by test_idle_lock.py: the real `run_workstation`, signed in, locked, switched user, then closed.

Prints the steps it saw and the exit code, so the test can check the sign-in dialog came back.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from clerk_app.config.demo import DEMO_PASSWORD
from clerk_app.ui.app import run_workstation
from clerk_app.ui.idle_lock import IdleLock
from clerk_app.ui.login import LoginDialog
from clerk_app.ui.main_window import MainWindow


def main() -> None:
    app = QApplication([])
    steps: list[str] = []
    seen: set[int] = set()

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, LoginDialog) and modal.isVisible() and id(modal) not in seen:
            seen.add(id(modal))
            steps.append("login")
            if steps.count("login") == 1:
                modal.username.setText("demo")
                modal.password.setText(DEMO_PASSWORD)
                modal.buttons.accepted.emit()
            else:
                modal.reject()  # the next clerk walks away: the application ends
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible() and "window" not in steps:
                steps.append("window")
                lock = widget.findChild(IdleLock)
                lock.lock()
                lock.screen.switch.click()
        QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)
    code = run_workstation([])
    print("steps", ",".join(steps), "exit", code, flush=True)
    del app


if __name__ == "__main__":
    main()
