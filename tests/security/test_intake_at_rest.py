"""A real intake at the window, with a scanned material: afterwards no byte of the data folder names the applicant."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clerk_app.config.settings import SecuritySettings, Settings
from clerk_app.core.case import CaseState
from clerk_app.devices.camera.process import clean_page
from clerk_app.devices.camera.synthetic import dataset
from clerk_app.store.engine import encrypted
from clerk_app.store.vault import MAGIC
from clerk_app.ui.app import Library, build_workstation, load_library
from clerk_app.ui.context import Clerk
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.stores import Stores
from tests.ui.test_intake import SETUP, VALID_ID, choose_matter, decide, fill_setup, press_enter

NAME = "张三"  # what fill_setup types
SECRETS = [NAME.encode("utf-8"), NAME.encode("utf-16-le"), NAME.encode("gb18030"), VALID_ID.encode(),
           VALID_ID.lower().encode()]


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(Settings(), cached=False)


@pytest.fixture
def window(qtbot, qapp: QApplication, tmp_path: Path, library: Library) -> Iterator[MainWindow]:
    settings = Settings(data_dir=tmp_path / "data", demo=False, security=SecuritySettings())
    session = build_workstation(qapp, settings, library)
    ws = session.workstation
    ws.stores = Stores(settings.database_path, demo_accounts=False, security=settings.security)  # opened on the loop
    ws.clerk = Clerk("demo", "演示窗口人员", "clerk")
    main = MainWindow(ws, session.search_index)
    qtbot.addWidget(main)
    main.resize(1400, 860)
    main.show()
    qtbot.waitExposed(main)
    yield main
    ws.db.shutdown()
    ws.printing.shutdown()


def holding_plaintext(folder: Path) -> list[str]:
    return [str(p) for p in sorted(folder.rglob("*")) if p.is_file() and any(s in p.read_bytes() for s in SECRETS)]


def test_an_accepted_intake_leaves_no_plaintext_at_rest(qtbot, window: MainWindow) -> None:
    ws = window.intake.ws
    data = ws.settings.data_dir
    choose_matter(qtbot, window, "gtgshsl", SETUP)
    fill_setup(qtbot, window)
    window.intake.materials.mark_all_received()
    stored: list[str] = []
    for shot in dataset(1, seed=3):
        window.intake.scanner.add_page("lease_contract", clean_page(shot.image, mode="gray"))
    window.intake.scanner.store("lease_contract", "房屋租赁合同", lambda _key, digests: stored.extend(digests))
    qtbot.waitUntil(lambda: bool(stored), timeout=20000)
    window.intake.materials.attach_scans("lease_contract", tuple(stored))
    case = decide(qtbot, window, Qt.Key.Key_F9, press_enter)
    assert case.state is CaseState.ACCEPTED and case.applicant.id_number == VALID_ID
    assert encrypted(ws.stores.cases.engine) and ws.stores.files.encrypted
    wal = ws.settings.database_path.with_name(ws.settings.database_path.name + "-wal")
    assert wal.stat().st_size > 0  # the commit is in the WAL, which is grepped too
    assert holding_plaintext(data) == []
    scan = ws.stores.files.path(stored[0]).read_bytes()
    assert scan.startswith(MAGIC) and b"%PDF" not in scan
    assert ws.stores.files.get(stored[0]).startswith(b"%PDF")
    printed = window.last_documents
    assert printed and all(not p.is_relative_to(data) for p in printed)  # notices are never kept in the data folder
    assert ws.stores.cases.get(case.id) == case
    ws.stores.cases.engine.dispose()
    assert holding_plaintext(data) == []
