"""Run by test_sign_out_backoffice.py: the real `run_workstation` against a real back office.

The clerk signs in (the window's sign-in also signs in to the back office), waits until the back
office holds the session, switches user at the lock screen, signs in again, and closes the window.
`BACKOFFICE_DB` names the back office's SQLite file, read only to see the sessions appear. Prints
the steps it saw and the exit code.
"""

from __future__ import annotations

import os
import sqlite3

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from clerk_app.config.demo import DEMO_PASSWORD
from clerk_app.ui.app import run_workstation
from clerk_app.ui.idle_lock import IdleLock
from clerk_app.ui.login import LoginDialog
from clerk_app.ui.main_window import MainWindow


def sessions() -> int:
    with sqlite3.connect(os.environ["BACKOFFICE_DB"]) as connection:
        return int(connection.execute("SELECT count(*) FROM sign_in_sessions WHERE username = 'demo'").fetchone()[0])


def main() -> None:
    app = QApplication([])
    steps: list[str] = []
    seen: set[int] = set()

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, LoginDialog) and modal.isVisible() and id(modal) not in seen:
            seen.add(id(modal))
            steps.append("login")
            modal.username.setText("demo")
            modal.password.setText(DEMO_PASSWORD)
            modal.buttons.accepted.emit()
        for widget in QApplication.topLevelWidgets():
            if not (isinstance(widget, MainWindow) and widget.isVisible() and id(widget) not in seen):
                continue
            if sessions() < steps.count("login"):
                continue  # the back office has not seen this sign-in yet
            seen.add(id(widget))
            steps.append("backoffice")
            if steps.count("backoffice") == 1:
                lock = widget.findChild(IdleLock)
                lock.lock()
                lock.screen.switch.click()  # 切换用户: this session ends, the sign-in comes back
            else:
                widget.close()  # the day is over: the application ends
        QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)
    code = run_workstation([])
    print("steps", ",".join(steps), "exit", code, flush=True)
    del app


if __name__ == "__main__":
    main()
