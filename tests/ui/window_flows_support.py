"""Helpers of the after-intake tests: cases as the back office leaves them, modal dialogs by class, keys."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from clerk_app.core.case import Case, CaseState
from clerk_app.store.cases import CaseStore
from clerk_app.ui.main_window import MainWindow
from tests.ui.test_intake import SETUP, choose_matter, decide, fill_setup, press_enter

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def accept_by_keyboard(qtbot, window: MainWindow) -> Case:
    """A whole intake of 个体工商户设立登记, accepted with F9 (as tests/ui/test_intake.py does)."""
    choose_matter(qtbot, window, "gtgshsl", SETUP)
    fill_setup(qtbot, window)
    qtbot.keyClick(window.intake.materials, Qt.Key.Key_A, CTRL_SHIFT)
    return decide(qtbot, window, Qt.Key.Key_F9, press_enter)


def back_office_decides(store: CaseStore, case: Case, state: CaseState, note: str = "") -> Case:
    """The back office's decision as sync's pull applies it: sent, then decided, in one save."""
    at = case.created_at + timedelta(hours=2)
    if case.state in (CaseState.ACCEPTED, CaseState.TOLERANCE_ACCEPTED):
        case = case.moved(CaseState.SYNCED, at=at, actor="backoffice")
    return store.save(case.moved(state, at=at, actor="police-sup", note=note))


def when_shown(kind: type[QWidget], action: Callable[[QWidget], None], timeout: float = 10.0) -> None:
    """Run `action` on the first visible modal dialog of `kind` (dialogs block in exec())."""
    deadline = time.monotonic() + timeout

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            action(dialog)
        elif time.monotonic() < deadline:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def focus(qtbot, widget: QWidget) -> None:
    widget.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=3000)


def activate(qtbot, window: QWidget) -> None:
    """Offscreen Qt does not give focus back to the window after a dialog closes: take it, for keys."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def prompts_open_after(ask: Callable[[], None], asked_again: Callable[[], None], times: int = 2) -> list[int]:
    """How many password prompts (QInputDialog) are open after `ask()` opened one and, while it
    waited, `asked_again()` ran `times` times; all are closed before it returns."""
    from PySide6.QtWidgets import QInputDialog

    counted: list[int] = []

    def prompts() -> list[QWidget]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, QInputDialog) and w.isVisible()]

    def count_and_close() -> None:
        counted.append(len(prompts()))
        for prompt in prompts():
            prompt.reject()  # type: ignore[attr-defined]  # a QInputDialog

    def first_prompt(_dialog: QWidget) -> None:
        for _ in range(times):
            QTimer.singleShot(0, asked_again)
        QTimer.singleShot(300, count_and_close)

    when_shown(QInputDialog, first_prompt)
    ask()
    return counted
