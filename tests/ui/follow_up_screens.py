"""Screenshots of the supervisor's 差评整改 tab from a real X server (Xvfb).

    xvfb-run -a -s "-screen 0 1440x900x24" python -m tests.ui.follow_up_screens OUT_DIR DATA_DIR

A real back office runs on loopback (the embedded one); a window pushes a day's cases and, over
the past days, the applicants' ratings (some bad) with the real sync engine; the supervisor opens
the follow-up tab, chooses the most urgent one and records a call that did not get through.
"""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

from clerk_app.cli.embedded import EmbeddedBackOffice, free_port
from clerk_app.config.demo import DEMO_PASSWORD
from clerk_app.config.settings import BackofficeSettings, Settings
from clerk_app.core.evaluation import evaluate
from clerk_app.core.window_rating import rating_event_body
from clerk_app.store.cases import CaseStore
from clerk_app.store.engine import open_database
from clerk_app.store.events import CaseEvents, EventKind
from clerk_app.sync.client import BackOfficeClient
from clerk_app.sync.engine import SyncEngine
from clerk_app.ui.app import build_workstation, load_library
from clerk_app.ui.context import Clerk
from clerk_app.ui.supervisor.follow_up_dialogs import FollowUpStepDialog
from clerk_app.ui.supervisor.window import SupervisorWindow
from clerk_app.ui.theme import apply_theme
from tests.cli.test_embedded import _wait_until_up
from tests.ui.backoffice_seed import busy_day, drain
from tests.ui.screens import shoot, wait_for

# (days ago, rating, reasons, comment): from overdue to fresh, and two that are not bad
RATINGS = [
    (9, 1, ("attitude",), "工作人员态度生硬，不耐烦"),
    (7, 2, ("extra_visits", "not_told_at_once"), "第一次没有一次性告知，跑了两趟"),
    (6, 2, ("long_wait",), ""),
    (4, 1, ("too_many_materials", "other"), "要求提供已经在系统里有的材料"),
    (1, 2, ("too_slow",), "超过承诺时限"),
    (0, 1, ("guide_unclear",), "办事指南写得不清楚"),
    (2, 5, (), ""),
    (0, 4, (), "不错"),
]


def push_day_and_ratings(url: str, data: Path, settings: Settings) -> None:
    library = load_library(settings)
    engine = open_database(data / "window" / "store.sqlite3")
    store, files = CaseStore(engine), data / "window" / "files"
    cases = busy_day(store, files, date.today(), library.catalogue, len(RATINGS))
    client = BackOfficeClient(url)
    assert client.sign_in("demo", DEMO_PASSWORD).ok
    sync = SyncEngine(store, client, files)
    drain(sync)
    events = CaseEvents(engine)
    now = datetime.now().astimezone()
    for case, (days, level, reasons, comment) in zip(cases, RATINGS, strict=True):
        rated = evaluate(case.number, level, id="-", at=now - timedelta(days=days), reasons=reasons, comment=comment)
        events.add(case.id, EventKind.EVALUATION, rating_event_body(rated, "acceptance", "demo"))
    assert sync.run_once().events_sent == len(RATINGS)
    client.close()
    engine.dispose()


def main(out: Path, data: Path) -> None:
    app = QApplication([sys.argv[0]])
    apply_theme(app)
    base = Settings(data_dir=data / "sup", demo=False)
    library = load_library(base)
    with EmbeddedBackOffice(Settings(data_dir=data / "bo"), sorted(library.catalogue.departments),
                            port=free_port(0)) as service:
        _wait_until_up(service.url)
        push_day_and_ratings(service.url, data, base)
        settings = Settings(data_dir=data / "sup", demo=False, backoffice=BackofficeSettings(url=service.url))
        ws = build_workstation(app, settings, library).workstation
        ws.clerk = Clerk("chief", "演示科长", "supervisor")
        window = SupervisorWindow(ws, backoffice_credentials=("chief", DEMO_PASSWORD))
        window.setGeometry(0, 0, 1440, 860)
        window.show()
        panel = window.follow_ups
        window.tabs.setCurrentWidget(panel)
        wait_for(app, lambda: panel.proxy.rowCount() > 0)
        panel.table.setCurrentIndex(panel.proxy.index(0, 0))
        wait_for(app, lambda: panel.view.file is not None)
        window.follow_up_control.call(panel.view.file.item.id, False, "电话无人接听，明日上午再打")
        wait_for(app, lambda: bool(panel.view.file and panel.view.file.calls))
        shoot(app, window, out / "41-supervisor-follow-ups.png")

        dialog = FollowUpStepDialog("call", panel.view.file.item.number, window)
        dialog.text.setPlainText("已联系申请人，就等候时间过长致歉，申请人表示理解")
        dialog.show()
        shoot(app, dialog, out / "42-follow-up-call.png")
        dialog.close()
        window.review.stop()
        ws.db.shutdown()
        ws.printing.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
