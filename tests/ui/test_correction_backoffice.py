"""补正 end to end on the real back office (SQLite and PostgreSQL): the resubmission is the case's next revision."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clerk_app.backoffice.accounts import add_account
from clerk_app.backoffice.auth import sign_in
from clerk_app.config.settings import BackofficeSettings, Settings
from clerk_app.core.case import CaseState
from clerk_app.devices.camera.process import clean_page
from clerk_app.devices.camera.synthetic import dataset
from clerk_app.ui.app import Library, Session, build_workstation
from clerk_app.ui.context import Clerk
from clerk_app.ui.main_window import MainWindow
from tests.sync.checks import Holdings
from tests.sync.conftest import (  # noqa: F401  (fixtures: the real back office on SQLite and PostgreSQL)
    any_backoffice,
    pg_server,
    pg_template,
    sqlite_template,
    template,
)
from tests.sync.real_backoffice import CLERK, PASSWORD, RealBackOffice, Supervisor
from tests.ui.test_correction import open_correction_from_inbox
from tests.ui.window_flows_support import accept_by_keyboard, activate

MARKET_SUPERVISOR = "scjg-sup"  # 个体工商户设立登记 is a matter of the market regulator (scjgj)


@pytest.fixture
def online(qapp: QApplication, tmp_path: Path, library: Library, any_backoffice: RealBackOffice  # noqa: F811
           ) -> Iterator[Session]:
    settings = Settings(data_dir=tmp_path / "data", demo=False, backoffice=BackofficeSettings(url=any_backoffice.url))
    built = build_workstation(qapp, settings, library)
    built.workstation.clerk = Clerk("demo", "演示窗口人员", "clerk")
    yield built
    built.workstation.db.shutdown()
    built.workstation.printing.shutdown()


@pytest.fixture
def market(any_backoffice: RealBackOffice) -> Iterator[Supervisor]:  # noqa: F811
    backoffice = any_backoffice
    add_account(backoffice.engine, MARKET_SUPERVISOR, role="supervisor", password=PASSWORD, departments=["scjgj"],
                display_name="市场监管局审批")
    token = sign_in(backoffice.engine, backoffice.settings, MARKET_SUPERVISOR, PASSWORD)[0]
    supervisor = Supervisor(backoffice.url, token)
    yield supervisor
    supervisor.close()


def held(backoffice: RealBackOffice) -> set[tuple[str, int]]:
    return set(Holdings.read(backoffice.engine, backoffice.files_dir).revisions)


def test_returned_corrected_and_taken_again(qtbot, online: Session, any_backoffice: RealBackOffice,  # noqa: F811
                                            market: Supervisor) -> None:
    backoffice = any_backoffice
    window = MainWindow(online.workstation, online.search_index, backoffice_credentials=(CLERK, PASSWORD))
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    qtbot.waitExposed(window)
    window.ensure_started()  # signed in to the back office with the window's sign-in, rounds running
    store = online.workstation.stores.cases

    case = accept_by_keyboard(qtbot, window)  # saved, then pushed by the round the save starts
    qtbot.waitUntil(lambda: (case.id, 1) in held(backoffice), timeout=20000)
    market.decide(case.id, "correction", corrections=("租赁合同复印件不清晰，请重新提供",))
    window.sync.sync_now()
    qtbot.waitUntil(lambda: store.get(case.id).state is CaseState.CORRECTION_REQUESTED, timeout=20000)
    returned = store.get(case.id)

    open_correction_from_inbox(qtbot, window)
    page = window.intake
    assert "租赁合同复印件不清晰" in page.panel.items.text()
    for shot in dataset(1, seed=5):
        page.scanner.add_page("lease_contract", clean_page(shot.image, mode="gray"))
    page.scanner.store("lease_contract", "房屋租赁合同", page.materials.attach_scans)
    qtbot.waitUntil(lambda: bool(page.materials.all_states()["lease_contract"].scans), timeout=20000)
    activate(qtbot, window)
    with qtbot.waitSignal(page.documents_ready, timeout=30000) as documents:
        qtbot.keyClick(window, Qt.Key.Key_F9)
    revision = documents.args[0].revision
    assert revision == returned.revision + 1  # the window numbers its own steps too: any higher one is taken

    qtbot.waitUntil(lambda: (case.id, revision) in held(backoffice), timeout=20000)  # taken, not a conflict
    answer = market.call("GET", f"/cases/{case.id}").json()
    assert answer["revision"] == revision and answer["state"] != "correction_requested"
    market.decide(case.id, "approve")
    window.sync.sync_now()
    qtbot.waitUntil(lambda: store.get(case.id).state is CaseState.APPROVED, timeout=20000)
