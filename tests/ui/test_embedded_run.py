"""`make run` end to end: a keyboard intake at the window reaches the embedded back office's queue.

The workstation runs with the settings `--embedded-backoffice` gives it; the clerk's sign-in
password also signs in to the back office (same account name), so no second prompt appears.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clerk_app.cli.embedded import EmbeddedBackOffice, free_port
from clerk_app.config.demo import DEMO_PASSWORD
from clerk_app.config.settings import Settings
from clerk_app.core.case import CaseState
from clerk_app.store.schema import SyncState
from clerk_app.ui.app import Library, build_workstation
from clerk_app.ui.context import Clerk
from clerk_app.ui.main_window import MainWindow
from tests.cli.test_embedded import _token, _wait_until_up
from tests.ui.test_intake import SETUP, choose_matter, decide, fill_setup, press_enter


@pytest.fixture
def service(tmp_path: Path, library: Library) -> Iterator[EmbeddedBackOffice]:
    settings = Settings(data_dir=tmp_path / "data")
    with EmbeddedBackOffice(settings, sorted(library.catalogue.departments), port=free_port(0)) as running:
        _wait_until_up(running.url)
        yield running


def test_intake_reaches_the_department_queue(qtbot, qapp: QApplication, library: Library,
                                             service: EmbeddedBackOffice, tmp_path: Path) -> None:
    settings = service.settings_for(Settings(data_dir=tmp_path / "data"))
    session = build_workstation(qapp, settings, library)
    ws = session.workstation
    ws.clerk = Clerk("demo", "演示窗口人员", "clerk")
    window = MainWindow(ws, session.search_index, backoffice_credentials=("demo", DEMO_PASSWORD))
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.sync.signed_in, timeout=15000) as signed:
            window.show()
            qtbot.waitExposed(window)
        assert signed.args[0] is True, signed.args
        choose_matter(qtbot, window, "gtgshsl", SETUP)
        fill_setup(qtbot, window)
        qtbot.keyClick(window.intake.materials, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.ShiftModifier)
        case = decide(qtbot, window, Qt.Key.Key_F9, press_enter)
        assert case.state is CaseState.ACCEPTED
        qtbot.waitUntil(lambda: ws.stores.cases.sync_state(case.id) is SyncState.SYNCED, timeout=20000)
        assert ws.stores.cases.get(case.id).state is CaseState.SYNCED
        chief = {"Authorization": f"Bearer {_token(service.url, 'chief')}"}
        department = case.departments[0]
        queue = requests.get(f"{service.url}/api/v1/queue", params={"department": department}, headers=chief,
                             timeout=5).json()
        assert [(item["case_id"], item["number"]) for item in queue["items"]] == [(case.id, case.number)]
        qtbot.waitUntil(lambda: window.sync_indicator.label.text() == "● 后台在线 · 待同步 0 件", timeout=15000)
    finally:
        window.sync.stop()
        ws.db.shutdown()
        ws.printing.shutdown()
