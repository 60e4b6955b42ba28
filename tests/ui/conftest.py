"""A real workstation on a temporary data folder, signed in as the demo clerk."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from clerk_app.config.settings import Settings
from clerk_app.ui.app import Library, Session, build_workstation, load_library
from clerk_app.ui.context import Clerk
from clerk_app.ui.main_window import MainWindow


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library(Settings(), cached=False)


@pytest.fixture
def session(qapp: QApplication, tmp_path: Path, library: Library) -> Iterator[Session]:
    built = build_workstation(qapp, Settings(data_dir=tmp_path / "data", demo=False), library)
    built.workstation.clerk = Clerk("demo", "演示窗口人员", "clerk")
    yield built
    built.workstation.db.shutdown()
    built.workstation.printing.shutdown()
    built.workstation.languages.set_language("zh_CN")


@pytest.fixture
def window(qtbot, session: Session) -> MainWindow:
    main = MainWindow(session.workstation, session.search_index)
    qtbot.addWidget(main)
    main.resize(1400, 860)
    main.show()
    qtbot.waitExposed(main)
    return main


def when_dialog(action: Callable[[QWidget], None], timeout: float = 5.0) -> None:
    """Run `action` on the next modal dialog as soon as it is shown (dialogs block in exec())."""
    deadline = time.monotonic() + timeout

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.isVisible():
            action(dialog)
        elif time.monotonic() < deadline:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
