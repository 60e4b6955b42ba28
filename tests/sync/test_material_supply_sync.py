"""补交 from a real workstation store to the real back office (SQLite and PostgreSQL), exactly once, after its case.

The window supplies a tolerated material with a scan (`store.promises.supply`); the sync pushes the
case, then the scan by the files route and the `material_supply` event; a reply lost after the back
office committed is replayed harmlessly. The supervisor's case view shows "容缺材料已补交：…" in the
history and the material no longer owed. No revision is queued for the supply, and the backlog the
indicator shows counts the event while it waits.
"""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

import requests
import sqlalchemy as sa

from clerk_app.catalogue.loader import load_default_catalogue
from clerk_app.config.settings import BackofficeSettings, Settings
from clerk_app.core.workdays import WorkCalendar
from clerk_app.store.cases import CaseStore
from clerk_app.store.events import CaseEvents, EventKind
from clerk_app.store.promises import supply
from clerk_app.store.revisions import queued_revisions
from clerk_app.store.schema import OutboxState
from clerk_app.sync.backoff import Backoff
from clerk_app.sync.client import BackOfficeClient
from clerk_app.sync.engine import SyncEngine, backlog
from clerk_app.sync.events_push import EventPusher
from clerk_app.sync.review import ReviewClient
from clerk_app.ui.app import build_workstation
from clerk_app.ui.supervisor.case_view import CaseView
from clerk_app.ui.sync.controller import SyncController
from clerk_app.ui.sync.indicator import SyncIndicator
from tests.store.correction_samples import tolerance
from tests.store.sample import CST
from tests.sync.real_backoffice import API, CLERK, SUPERVISOR, RealBackOffice
from tests.sync.samples import scanned_file
from tests.sync.test_ui_sync import library  # noqa: F401 (fixture: the shipped catalogue, once per module)

SUPPLIED = datetime(2026, 11, 20, 10, 0, tzinfo=CST)
SCREENSHOT = Path(__file__).resolve().parents[2] / "build" / "screenshots" / "case_view_supplied.png"


def _engine(backoffice: RealBackOffice, store: CaseStore, files_dir: Path, url: str | None = None) -> SyncEngine:
    client = BackOfficeClient(url or backoffice.url, token=backoffice.tokens[CLERK], timeout=(2, 5))
    return SyncEngine(store, client, files_dir, backoff=Backoff(base=0.0, cap=0.0))


def _held(backoffice: RealBackOffice, case_id: str) -> dict[str, list]:
    with backoffice.engine.connect() as connection:
        def column(query: str) -> list:
            return list(connection.execute(sa.text(query), {"case_id": case_id}).scalars())

        return {"steps": column("SELECT kind FROM history WHERE case_id = :case_id ORDER BY id"),
                "revisions": column("SELECT revision FROM case_revisions WHERE case_id = :case_id"),
                "events": column("SELECT kind FROM case_events WHERE case_id = :case_id"),
                "files": column("SELECT sha256 FROM case_files WHERE case_id = :case_id")}


def test_a_supplied_material_reaches_the_back_office_once(qtbot, any_backoffice: RealBackOffice, store: CaseStore,
                                                          files_dir: Path) -> None:
    engine = _engine(any_backoffice, store, files_dir)
    case = store.save(tolerance("BT01-W07-20261120-0001"))
    assert engine.run_once().pushed == 1  # the case as accepted: revision 1
    digest = scanned_file(files_dir, random.Random(3))
    saved = supply(store, case.id, "lease_contract", at=SUPPLIED, by="demo", form="原件", copies=2,
                   scans=(digest,)).case
    [event] = CaseEvents(store.engine).of_case(case.id, EventKind.MATERIAL_SUPPLY)
    assert event.body | {"event_id": "-"} == {
        "event_id": "-", "material": "lease_contract", "name": "房屋租赁合同", "form": "原件", "copies": 2,
        "scanned": True, "scans": [digest], "at": SUPPLIED.isoformat(), "by": "demo", "due": "2026-11-30",
        "late": False}
    assert backlog(store.engine) == 1  # the event waits; no revision was queued for the supply
    # The first attempt reached the back office, which committed; its reply never came back.
    headers = {"Authorization": f"Bearer {any_backoffice.tokens[CLERK]}"}
    assert requests.put(f"{any_backoffice.url}{API}/files/{digest}", data=(files_dir / f"{digest}.pdf").read_bytes(),
                        headers=headers, timeout=5).status_code == 201
    first = requests.post(f"{any_backoffice.url}{API}/cases/{case.id}/material-supply", data=event.payload,
                          headers={**headers, "Content-Type": "application/json"}, timeout=5)
    assert first.status_code == 201, first.text
    summary = engine.run_once()
    assert (summary.events_sent, summary.event_problems, summary.backlog) == (1, 0, 0)
    answers = any_backoffice.answers.summary()
    assert answers["material-supply 201"] == answers["material-supply 200"] == 1, answers
    assert _held(any_backoffice, case.id) == {"steps": ["submission", "material_supply"], "revisions": [1],
                                              "events": ["material_supply"], "files": [digest]}
    assert CaseEvents(store.engine).of_case(case.id)[0].state is OutboxState.SENT
    assert queued_revisions(store.engine, case.id) == [(1, "sent")] and saved.revision == 3  # local only
    engine.run_once()  # nothing more to send
    assert any_backoffice.answers.summary()["material-supply 200"] == 1
    engine.client.close()
    _supervisor_sees_it(qtbot, any_backoffice, case.id)


def _supervisor_sees_it(qtbot, backoffice: RealBackOffice, case_id: str) -> None:
    client = BackOfficeClient(backoffice.url, token=backoffice.tokens[SUPERVISOR], timeout=(2, 5))
    try:
        held = ReviewClient(client).case(case_id)
    finally:
        client.close()
    assert held.open_tolerance == ()
    view = CaseView(load_default_catalogue().catalogue, WorkCalendar.official())
    qtbot.addWidget(view)
    view.show_case(held, SUPPLIED.date())
    steps = [view.history.item(row, 1).text() for row in range(view.history.rowCount())]
    assert steps == ["提交", "容缺材料已补交：房屋租赁合同"]
    received = {view.materials.item(row, 0).text(): view.materials.item(row, 1).text()
                for row in range(view.materials.rowCount())}
    assert received == {"身份证": "已收", "房屋租赁合同": "容缺，已补交"}
    view.resize(900, 420)
    view.show()
    view.tabs.setCurrentIndex(2)
    qtbot.waitExposed(view)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    assert view.grab().save(str(SCREENSHOT))


def test_an_event_waiting_for_its_case_counts_in_the_backlog(backoffice: RealBackOffice, store: CaseStore,
                                                             files_dir: Path) -> None:
    case = store.save(tolerance("BT01-W07-20261120-0002"))
    supply(store, case.id, "lease_contract", at=SUPPLIED, by="demo")
    offline = _engine(backoffice, store, files_dir, url="http://127.0.0.1:9")
    summary = offline.run_once()
    assert not summary.online and summary.backlog == 2  # the case's revision and the 补交 event
    offline.client.close()
    engine = _engine(backoffice, store, files_dir)
    pusher = EventPusher(store.engine, engine.client)
    assert pusher.ready() == [] and pusher.backlog() == 1  # its case is not on the back office yet
    summary = engine.run_once()  # the case first, then the event, in one round
    assert (summary.pushed, summary.events_sent, summary.backlog) == (1, 1, 0)
    assert _held(backoffice, case.id)["steps"] == ["submission", "material_supply"]
    engine.client.close()


def test_the_indicator_counts_waiting_events(qtbot, qapp, tmp_path: Path, library) -> None:  # noqa: F811
    settings = Settings(data_dir=tmp_path / "data", demo=False, backoffice=BackofficeSettings(url=""))
    session = build_workstation(qapp, settings, library)
    ws = session.workstation
    controller = SyncController(ws)
    case = ws.stores.cases.save(tolerance("BT01-W07-20261120-0003"))
    supply(ws.stores.cases, case.id, "lease_contract", at=SUPPLIED, by="demo")
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    controller.status.connect(indicator.set_status)
    with qtbot.waitSignal(controller.status, timeout=10_000) as status:
        controller.sync_now()
    assert status.args == [False, 2, False]  # the case's revision and its 补交 event
    assert "待同步 2 件" in indicator.label.text()
    controller.stop()
    ws.db.shutdown()
