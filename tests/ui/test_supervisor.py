"""The supervisor screen on the real (embedded) back office: queue with reminders, case view, decisions.

Cases are accepted at a "window" (a local store synced by the real sync engine), then the
supervisor signs in, sees them ordered by urgency with 红牌/黄牌/预警 in words, claims one, returns
it for correction, and the window pulls that decision back through the change feed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clerk_app.cli.embedded import EmbeddedBackOffice, free_port
from clerk_app.config.demo import DEMO_PASSWORD
from clerk_app.config.settings import BackofficeSettings, Settings
from clerk_app.core.case import Case, CaseState
from clerk_app.core.reminders import ReminderLevel
from clerk_app.store.cases import CaseStore
from clerk_app.store.engine import open_database
from clerk_app.sync.client import BackOfficeClient
from clerk_app.sync.engine import SyncEngine
from clerk_app.ui.app import Library, build_workstation
from clerk_app.ui.context import Clerk
from clerk_app.ui.supervisor.decision_dialogs import DecisionDialog
from clerk_app.ui.supervisor.queue_model import QueueModel
from clerk_app.ui.supervisor.reminder_model import ITEM_ROLE, LEVEL_ROLE
from clerk_app.ui.supervisor.window import SupervisorWindow
from tests.backoffice.conftest import fresh_pg_database, pg_server  # noqa: F401 (a fixture)
from tests.cli.test_embedded import _wait_until_up
from tests.ui.backoffice_seed import drain, one_per_level
from tests.ui.conftest import when_dialog
from tests.ui.window_flows_support import prompts_open_after


@dataclass
class Window:
    """The counter: a local store whose accepted cases were pushed to the back office."""

    store: CaseStore
    engine: SyncEngine
    cases: dict[ReminderLevel, Case]


@pytest.fixture(params=["sqlite", "postgresql"])
def service(request: pytest.FixtureRequest, tmp_path: Path, library: Library) -> Iterator[EmbeddedBackOffice]:
    """The real back office, on its embedded SQLite and on PostgreSQL."""
    url = None
    if request.param == "postgresql":
        url = fresh_pg_database(request.getfixturevalue("pg_server"))
    with EmbeddedBackOffice(Settings(data_dir=tmp_path / "bo"), sorted(library.catalogue.departments),
                            port=free_port(0), database_url=url) as running:
        _wait_until_up(running.url)
        yield running


@pytest.fixture
def counter(tmp_path: Path, library: Library, service: EmbeddedBackOffice) -> Iterator[Window]:
    engine = open_database(tmp_path / "window" / "store.sqlite3")
    store, files = CaseStore(engine), tmp_path / "window" / "files"
    cases = one_per_level(store, files, date.today(), library.calendar)
    client = BackOfficeClient(service.url)
    assert client.sign_in("demo", DEMO_PASSWORD).ok
    sync = SyncEngine(store, client, files)
    drain(sync)
    yield Window(store, sync, cases)
    client.close()
    engine.dispose()


@pytest.fixture
def screen(qtbot, qapp: QApplication, tmp_path: Path, library: Library,
           service: EmbeddedBackOffice, counter: Window) -> Iterator[SupervisorWindow]:
    settings = Settings(data_dir=tmp_path / "sup", demo=False, backoffice=BackofficeSettings(url=service.url))
    session = build_workstation(qapp, settings, library)
    ws = session.workstation
    ws.clerk = Clerk("chief", "演示科长", "supervisor")
    window = SupervisorWindow(ws, backoffice_credentials=("chief", DEMO_PASSWORD))
    qtbot.addWidget(window)
    window.resize(1400, 860)
    with qtbot.waitSignal(window.review.queue_loaded, timeout=20000):
        window.show()
    yield window
    window.review.stop()
    ws.db.shutdown()
    ws.printing.shutdown()


def test_queue_is_ordered_by_urgency_with_words(qtbot, screen: SupervisorWindow, qtmodeltester) -> None:
    qtmodeltester.check(screen.queue.model)
    view = screen.queue.proxy
    levels = [view.index(row, 0).data(LEVEL_ROLE) for row in range(view.rowCount())]
    assert levels == ["red", "yellow", "warning", "none"]
    texts = [view.index(row, QueueModel.LEVEL).data() for row in range(view.rowCount())]
    assert [t.split()[-1] for t in texts] == ["红牌", "黄牌", "预警", "正常"]  # words, not colour alone
    assert "超期" in view.index(0, QueueModel.LEVEL).data(Qt.ItemDataRole.ToolTipRole)
    assert [b.text() for b in screen.queue.counts.values()] == ["■ 红牌 1", "▲ 黄牌 1", "◔ 预警 1", "○ 正常 1"]
    screen.queue.show_level(ReminderLevel.RED)
    assert view.rowCount() == 1
    screen.queue.show_level(None)
    screen.queue.filter.setText("申请人3")
    assert view.rowCount() == 1 and view.index(0, 0).data(ITEM_ROLE).applicant_name == "申请人3"


def test_claim_and_return_for_correction_reaches_the_window(qtbot, screen: SupervisorWindow,
                                                             counter: Window) -> None:
    case = counter.cases[ReminderLevel.RED]
    with qtbot.waitSignal(screen.review.case_loaded, timeout=10000):
        assert screen.queue.select(case.id)
    view = screen.case_view
    assert view.case is not None and view.case.case_id == case.id
    assert view.form.item(0, 1).text() == case.applicant.name
    assert "红牌" in view.reminder.text()
    assert view.buttons["claim"].isEnabled() and not view.buttons["correction"].isEnabled()
    with qtbot.waitSignal(screen.review.case_loaded, timeout=10000):
        view.buttons["claim"].click()
    assert view.case.claimed_by == "chief" and view.buttons["correction"].isEnabled()

    def fill(dialog: DecisionDialog) -> None:
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        assert not ok.isEnabled()  # nothing listed yet
        dialog.suggestions.itemDoubleClicked.emit(dialog.suggestions.item(0))
        assert ok.isEnabled() and dialog.corrections == ["请补正：身份证"]
        ok.click()

    when_dialog(fill)
    view.buttons["correction"].click()
    qtbot.waitUntil(lambda: view.case.state == "correction_requested", timeout=10000)
    assert [s["kind"] for s in view.case.history][-2:] == ["claim", "decision"]
    counter.engine.run_once()  # the window pulls the decision from the change feed
    back = counter.store.get(case.id)
    assert back.state is CaseState.CORRECTION_REQUESTED and "请补正：身份证" in back.transitions[-1].note


def test_deny_needs_a_reason(qtbot) -> None:
    dialog = DecisionDialog("deny", "BT01-W07-20261123-0001", [])
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled() and "理由" in dialog.why.text()
    dialog.text.setPlainText("不符合法定条件")
    assert ok.isEnabled() and dialog.reason == "不符合法定条件"


def test_scan_opens_in_the_viewer(qtbot, screen: SupervisorWindow, counter: Window) -> None:
    case = counter.cases[ReminderLevel.NONE]
    with qtbot.waitSignal(screen.review.case_loaded, timeout=10000):
        screen.queue.select(case.id)
    screen.case_view.materials.cellDoubleClicked.emit(0, 0)
    qtbot.waitUntil(lambda: bool(screen.viewers), timeout=10000)
    viewer = screen.viewers[0]
    assert len(viewer.pages) == 1 and viewer.picture.pixmap() is not None
    cache = screen.ws.stores.review_cache  # the download is kept like the workstation's own scans
    assert [p.read_bytes().startswith(b"%PDF") for p in cache.folder.iterdir()] == [not cache.encrypted]
    width = viewer.picture.pixmap().width()
    viewer.scale(1)
    assert viewer.picture.pixmap().width() > width
    viewer.close()


def test_picture_of_the_screen(qtbot, screen: SupervisorWindow, counter: Window, tmp_path: Path) -> None:
    """A rendering to look at (docs/screenshots/08-supervisor.png is taken under Xvfb by screens.py)."""
    with qtbot.waitSignal(screen.review.case_loaded, timeout=10000):
        screen.queue.select(counter.cases[ReminderLevel.RED].id)
    path = tmp_path / "supervisor.png"
    assert screen.grab().save(str(path))
    assert path.stat().st_size > 10_000


def test_personal_data_is_masked_until_an_audited_full_view(qtbot, screen: SupervisorWindow, counter: Window,
                                                            service: EmbeddedBackOffice) -> None:
    from clerk_app.store.audit import AuditLog

    case = counter.cases[ReminderLevel.YELLOW]
    with qtbot.waitSignal(screen.review.case_loaded, timeout=10000):
        screen.queue.select(case.id)
    view = screen.case_view
    id_number = case.applicant.id_number
    assert view.form.item(1, 1).text() == id_number[:4] + "*" * 10 + id_number[-4:]
    assert view.form.item(2, 1).text() == "138****8000"
    view.buttons["reveal"].click()
    qtbot.waitUntil(lambda: view.form.item(1, 1).text() == id_number, timeout=10000)
    assert not view.buttons["reveal"].isEnabled()
    ws = screen.ws
    entries: list = []
    ws.db.run(lambda: list(AuditLog(ws.stores.cases.engine).entries()), on_done=entries.extend)
    qtbot.waitUntil(lambda: bool(entries), timeout=5000)
    last = entries[-1]
    assert (last.action, last.actor, last.subject, last.detail) == ("view_full", "chief", case.id,
                                                                     {"number": case.number})
    admin = BackOfficeClient(service.url)  # the back office sent the full data only with its own audit entry
    assert admin.sign_in("admin", DEMO_PASSWORD).ok
    served = admin.request("GET", "/audit", params={"subject": case.id, "action": "view_full"}).body["entries"]
    admin.close()
    assert [(e["actor"], e["detail"]["number"]) for e in served] == [("chief", case.number)]


def test_refused_refreshes_share_one_password_prompt(qtbot, screen: SupervisorWindow) -> None:
    """While the password prompt waits, more refused requests do not stack prompts on top of it."""
    assert prompts_open_after(screen.ask_password, screen.review.needs_sign_in.emit) == [1]


def test_history_times_are_shown_in_local_time() -> None:
    from clerk_app.ui.supervisor.case_view import local_time

    at = datetime(2026, 11, 23, 2, 5, 9, tzinfo=UTC)
    assert local_time(at.isoformat()) == at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert local_time("2026-11-23T02:05:09") == at.astimezone().strftime("%Y-%m-%d %H:%M:%S")  # naive: UTC
    assert local_time("not a time") == "not a time"
