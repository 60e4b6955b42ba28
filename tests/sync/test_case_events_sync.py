"""Hand-out and evaluation events from a real workstation store to the real back office, exactly once.

The events are queued as the window queues them (`CaseStore.hand_out`, and the rating body of
`core.window_rating`), pushed by the real sync engine after their case, replayed after a reply that
was lost once the back office had committed (deterministically, and through the fault proxy), and
refused ones are set aside without holding up the others.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import requests
import sqlalchemy as sa

from clerk_app.core.case import Case, CaseState
from clerk_app.core.evaluation import evaluate
from clerk_app.core.handout import hand_to_applicant
from clerk_app.core.window_rating import rating_event_body
from clerk_app.store.cases import CaseStore
from clerk_app.store.events import CaseEvent, CaseEvents, EventKind
from clerk_app.store.schema import OutboxState
from clerk_app.sync.backoff import Backoff
from clerk_app.sync.client import BackOfficeClient
from clerk_app.sync.engine import SyncEngine
from clerk_app.sync.events_push import EventPusher, problems, retry
from clerk_app.ui.sync.controller import SyncController
from clerk_app.ui.sync.dialogs import ProblemsDialog
from tests.store.sample import CST, ID_NUMBER
from tests.sync.fault_proxy import FaultProxy, Faults
from tests.sync.real_backoffice import API, CLERK, RealBackOffice, Supervisor
from tests.sync.samples import fill
from tests.sync.test_ui_sync import library, live  # noqa: F401 (fixtures: a workstation session syncing)

RATED = datetime(2026, 11, 20, 16, 0, tzinfo=CST)


def handed_out(store: CaseStore, engine: SyncEngine, supervisor: Supervisor, cases: list[Case]) -> None:
    """Push the cases, approve them on the back office, pull the decisions, hand them out at the window."""
    engine.run_once()
    for case in cases:
        supervisor.decide(case.id, "approve")
    engine.run_once()
    for case in cases:
        approved = store.get(case.id)
        assert approved is not None and approved.state is CaseState.APPROVED
        store.hand_out(hand_to_applicant(approved, ID_NUMBER, at=datetime.now(CST), clerk="demo",
                                         clerk_name="演示窗口人员"))


def rate(store: CaseStore, case: Case, level: int, stage: str = "handout", **options: Any) -> CaseEvent:
    evaluation = evaluate(case.number, level, id="-", at=RATED, **options)
    return CaseEvents(store.engine).add(case.id, EventKind.EVALUATION, rating_event_body(evaluation, stage, "demo"))


def held(backoffice: RealBackOffice) -> dict[str, Any]:
    with backoffice.engine.connect() as connection:
        events = connection.execute(sa.text("SELECT event_id, kind FROM case_events")).all()
        follow_ups = connection.execute(sa.text("SELECT event_id FROM follow_ups")).scalars().all()
        steps = connection.execute(sa.text("SELECT kind FROM history WHERE kind IN ('handout', 'evaluation')")
                                   ).scalars().all()
    return {"events": sorted(e.event_id for e in events), "follow_ups": sorted(follow_ups), "steps": sorted(steps)}


def states(store: CaseStore) -> dict[str, str]:
    with store.engine.connect() as connection:
        return dict(connection.execute(sa.text("SELECT id, state FROM case_events")).all())


def test_a_lost_reply_is_replayed_harmlessly(any_backoffice: RealBackOffice, store: CaseStore, files_dir: Path
                                             ) -> None:
    supervisor = any_backoffice.supervisor()
    engine = _direct(any_backoffice, store, files_dir)
    [case] = fill(store, files_dir, 1)
    handed_out(store, engine, supervisor, [case])
    bad = rate(store, case, 1, reasons=("attitude",), comment="态度生硬")
    queued = CaseEvents(store.engine).of_case(case.id)
    assert {e.kind for e in queued} == {EventKind.HANDOUT, EventKind.EVALUATION}
    # The first attempts reached the back office, which committed; their replies never came back.
    for event in queued:
        first = requests.post(f"{any_backoffice.url}{API}/cases/{case.id}/{event.kind.value}", data=event.payload,
                              headers={"Authorization": f"Bearer {any_backoffice.tokens[CLERK]}",
                                       "Content-Type": "application/json"}, timeout=5)
        assert first.status_code == 201, first.text
    summary = engine.run_once()
    assert summary.events_sent == 2 and summary.event_problems == 0 and summary.online
    answers = any_backoffice.answers.summary()
    assert answers["handout 201"] == answers["handout 200"] == 1, answers
    assert answers["evaluation 201"] == answers["evaluation 200"] == 1, answers
    assert held(any_backoffice) == {"events": sorted(e.id for e in queued), "follow_ups": [bad.id],
                                    "steps": ["evaluation", "handout"]}
    assert set(states(store).values()) == {OutboxState.SENT.value}
    engine.run_once()  # nothing more to send
    assert held(any_backoffice)["events"] == sorted(e.id for e in queued)
    supervisor.close()
    engine.client.close()


def test_an_event_waits_for_its_case(backoffice: RealBackOffice, store: CaseStore, files_dir: Path,
                                     client: BackOfficeClient, engine: SyncEngine) -> None:
    [case] = fill(store, files_dir, 1)
    event = rate(store, case, 2, stage="acceptance", reasons=("too_slow",))
    pusher = EventPusher(store.engine, client)
    assert pusher.ready() == [] and pusher.backlog() == 1  # its case is still in the outbox
    summary = engine.run_once()  # the case first, then the event, in one round
    assert summary.pushed == 1 and summary.events_sent == 1
    assert held(backoffice)["follow_ups"] == [event.id]
    assert pusher.backlog() == 0


def test_refused_events_are_set_aside_and_never_block_others(backoffice: RealBackOffice, store: CaseStore,
                                                             files_dir: Path, engine: SyncEngine) -> None:
    first, second = fill(store, files_dir, 2)
    events = CaseEvents(store.engine)
    invalid = events.add(first.id, EventKind.EVALUATION, {"level": 2, "reasons": ["慢"], "comment": "",
                                                          "stage": "handout", "at": RATED.isoformat(), "clerk": "demo"})
    early = events.add(first.id, EventKind.HANDOUT, {"to": "applicant", "note": "本人领取"})  # not decided there
    good = rate(store, second, 1, reasons=("other",), comment="材料反复要求")
    summary = engine.run_once()
    assert summary.events_sent == 1 and summary.event_problems == 2
    assert states(store) == {invalid.id: "quarantined", early.id: "conflict", good.id: "sent"}
    listed = {p.id: p for p in problems(store.engine) if hasattr(p, "kind")}
    assert set(listed) == {invalid.id, early.id}
    assert listed[invalid.id].number == first.number and "慢" in listed[invalid.id].last_error
    assert "only a decided case" in listed[early.id].last_error
    retry(store.engine, listed[early.id])
    assert states(store)[early.id] == "pending" and held(backoffice)["follow_ups"] == [good.id]


def test_exactly_once_through_a_faulty_network(any_backoffice: RealBackOffice, store: CaseStore,
                                               files_dir: Path) -> None:
    cases = fill(store, files_dir, 6)
    proxy = FaultProxy(any_backoffice.port, Faults(drop=0.1, reset=0.05, lost_reply=0.3), seed=5)
    client = BackOfficeClient(proxy.url, token=any_backoffice.tokens[CLERK], timeout=(1.0, 2.0))
    engine = SyncEngine(store, client, files_dir, backoff=Backoff(base=0.01, cap=0.05), case_batch=1, file_batch=1)
    supervisor = any_backoffice.supervisor()
    try:
        _until(lambda: engine.outbox.backlog() == 0, engine)
        direct = _direct(any_backoffice, store, files_dir)
        handed_out(store, direct, supervisor, cases)
        direct.client.close()
        bad = [rate(store, case, 1 + i % 3, reasons=("long_wait",), comment="") for i, case in enumerate(cases)]
        pusher = EventPusher(store.engine, client)
        _until(lambda: pusher.backlog() == 0, engine)
    finally:
        proxy.stop()
        client.close()
        supervisor.close()
    queued = [e.id for case in cases for e in CaseEvents(store.engine).of_case(case.id)]
    assert held(any_backoffice) == {
        "events": sorted(queued), "follow_ups": sorted(e.id for e in bad if e.body["level"] <= 2),
        "steps": sorted(["handout"] * 6 + ["evaluation"] * 6),
    }
    assert set(states(store).values()) == {"sent"}
    assert proxy.counts["lost_replies"] > 0, proxy.counts


def _direct(backoffice: RealBackOffice, store: CaseStore, files_dir: Path) -> SyncEngine:
    """An engine talking to the back office without the proxy (to pull decisions quickly)."""
    return SyncEngine(store, BackOfficeClient(backoffice.url, token=backoffice.tokens[CLERK], timeout=(2, 5)),
                      files_dir, backoff=Backoff(base=0.0, cap=0.0))


def _until(done: Any, engine: SyncEngine, limit: timedelta = timedelta(seconds=60)) -> None:
    deadline = time.monotonic() + limit.total_seconds()
    while not done():
        assert time.monotonic() < deadline, "sync did not drain"
        engine.run_once()
        time.sleep(0.01)


def test_problems_dialog_shows_refused_events(qtbot, live: SyncController) -> None:  # noqa: F811
    ws = live.ws
    [case] = fill(ws.stores.cases, ws.settings.data_dir / "files", 1)
    event = CaseEvents(ws.stores.cases.engine).add(case.id, EventKind.EVALUATION, {
        "level": 2, "reasons": ["慢"], "comment": "", "stage": "acceptance", "at": RATED.isoformat(), "clerk": "demo"})
    with qtbot.waitSignal(live.round_done, timeout=10_000) as round_done:
        live.sync_now()
    assert round_done.args[0].event_problems == 1
    dialog = ProblemsDialog(live)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
    assert dialog.table.item(0, 0).text() == case.number
    assert dialog.table.item(0, 2).text() == "评价：已隔离" and "慢" in dialog.table.item(0, 3).text()
    dialog.table.selectRow(0)
    with qtbot.waitSignal(live.round_done, timeout=10_000):
        dialog.retry_button.click()
    qtbot.waitUntil(lambda: states(ws.stores.cases)[event.id] == "quarantined")  # refused again, listed again
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
