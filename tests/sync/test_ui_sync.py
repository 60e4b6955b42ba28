"""The sync front end on a real workstation session: status, draining, problems, inbox, offline."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from clerk_app.config.settings import BackofficeSettings, Settings
from clerk_app.ui.app import Library, Session, build_workstation, load_library
from clerk_app.ui.sync.controller import SyncController
from clerk_app.ui.sync.dialogs import InboxDialog, ProblemsDialog
from clerk_app.ui.sync.indicator import SyncIndicator
from tests.sync.checks import Holdings
from tests.sync.real_backoffice import CLERK, RealBackOffice, Supervisor
from tests.sync.samples import fill, scanned_case


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(Settings(), cached=False)


def _session(qapp: QApplication, data: Path, library: Library, url: str) -> Session:
    return build_workstation(qapp, Settings(data_dir=data, demo=False, backoffice=BackofficeSettings(url=url)), library)


@pytest.fixture
def live(qapp: QApplication, tmp_path: Path, library: Library, backoffice: RealBackOffice
         ) -> Iterator[SyncController]:
    session = _session(qapp, tmp_path / "data", library, backoffice.url)
    controller = SyncController(session.workstation, interval_ms=60_000)
    controller.token = backoffice.tokens[CLERK]  # the clerk signed in to the back office
    yield controller
    controller.stop()
    session.workstation.db.shutdown()


def test_drains_the_backlog_and_reports_it(qtbot, live: SyncController, backoffice: RealBackOffice) -> None:
    ws = live.ws
    cases = fill(ws.stores.cases, ws.settings.data_dir / "files", 5)
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    live.status.connect(indicator.set_status)
    seen: list[tuple[bool, int, bool]] = []
    live.status.connect(lambda *a: seen.append(a))
    with qtbot.waitSignal(live.round_done, timeout=10_000):
        live.start()
    assert set(Holdings.read(backoffice.engine, backoffice.files_dir).revisions) == {(c.id, 1) for c in cases}
    assert seen[-1] == (True, 0, False) and any(draining for _, _, draining in seen)
    assert "后台在线" in indicator.label.text() and "0" in indicator.label.text()


def test_problems_dialog_lists_and_retries(qtbot, live: SyncController, backoffice: RealBackOffice,
                                           supervisor: Supervisor) -> None:
    ws = live.ws
    [case] = fill(ws.stores.cases, ws.settings.data_dir / "files", 1)
    amended = ws.stores.cases.save(replace(case, answers={"备注": "补录联系电话"}))  # before the back office asks
    for _ in range(2):  # revision 1 is taken; revision 2 is refused (409): no correction was asked for
        with qtbot.waitSignal(live.round_done, timeout=10_000):
            live.sync_now()
    dialog = ProblemsDialog(live)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
    assert dialog.table.item(0, 2).text() == "冲突" and "correction_requested" in dialog.table.item(0, 3).text()
    supervisor.decide(case.id, "correction", corrections=("补录联系电话",))
    dialog.table.selectRow(0)
    with qtbot.waitSignal(live.round_done, timeout=10_000):
        dialog.retry_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0)
    assert (case.id, amended.revision) in Holdings.read(backoffice.engine, backoffice.files_dir).revisions


def test_inbox_shows_decisions(qtbot, live: SyncController, supervisor: Supervisor) -> None:
    ws = live.ws
    first, second = fill(ws.stores.cases, ws.settings.data_dir / "files", 2)
    with qtbot.waitSignal(live.round_done, timeout=10_000):
        live.sync_now()
    supervisor.decide(first.id, "correction", corrections=("补充户口簿首页",))
    supervisor.decide(second.id, "approve")
    with qtbot.waitSignal(live.round_done, timeout=10_000):
        live.sync_now()
    inbox = InboxDialog(ws)
    qtbot.addWidget(inbox)
    qtbot.waitUntil(lambda: inbox.table.rowCount() == 2)
    texts = {inbox.table.item(r, 2).text(): inbox.table.item(r, 3).text() for r in range(2)}
    assert texts == {"退回补正": "补充户口簿首页", "准予": ""}


def test_offline_without_address_never_blocks(qtbot, qapp: QApplication, tmp_path: Path, library: Library) -> None:
    session = _session(qapp, tmp_path / "data", library, "")
    controller = SyncController(session.workstation)
    ws = session.workstation
    ws.stores.cases.save(scanned_case(ws.settings.data_dir / "files", 1, random.Random(2)))
    with qtbot.waitSignal(controller.status, timeout=10_000) as blocker:
        controller.sync_now()
    assert blocker.args == [False, 1, False]
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    indicator.set_status(*blocker.args)
    assert "离线" in indicator.label.text() and "不影响受理" in indicator.label.text()
    controller.stop()
    ws.db.shutdown()


def test_asked_during_a_round_one_more_round_follows(qtbot, live: SyncController, backoffice: RealBackOffice) -> None:
    """A case saved while a round is under way (past its push) is sent by one more round, not ten seconds later."""
    ws = live.ws
    rounds: list[int] = []
    live.round_done.connect(lambda summary: rounds.append(summary.backlog))
    fill(ws.stores.cases, ws.settings.data_dir / "files", 2)
    live.sync_now()
    late = ws.stores.cases.save(scanned_case(ws.settings.data_dir / "files", 3, random.Random(3)))  # while it runs
    for _ in range(3):
        live.sync_now()  # asked again and again: still one more round, not three
    qtbot.waitUntil(lambda: len(rounds) >= 2, timeout=20_000)
    qtbot.wait(300)
    assert len(rounds) == 2 and rounds[-1] == 0
    assert (late.id, 1) in Holdings.read(backoffice.engine, backoffice.files_dir).revisions
